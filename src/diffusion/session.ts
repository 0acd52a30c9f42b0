/**
 * The narrow model type the pipeline talks to (`run(feeds) -> outputs`), and the one place that creates ONNX
 * sessions: execution providers are tried in the configured order, the first that creates a session wins, and the
 * log says which one and why each earlier one was skipped. ORT errors become ModelErrors that name the file.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import * as ort from './ort.ts';
import type { Tensor } from './ort.ts';
import { ModelError } from '../errors.ts';
import { log } from '../log.ts';

export interface TensorInfo {
  name: string;
  type: string;
  /** Fixed sizes as numbers, symbolic (dynamic) sizes as their names. */
  shape: readonly (number | string)[];
}

export interface OnnxModel {
  readonly name: string;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  readonly executionProvider: string;
  run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
  release(): Promise<void>;
}

export interface SessionOptions {
  /** Ordered preference, e.g. ['cuda', 'webgpu', 'cpu']. */
  executionProviders: readonly string[];
  /** Threads per session on the CPU provider; 0 = onnxruntime's default (loadModel chooses instead: threads.ts). */
  intraOpThreads: number;
  /** onnxruntime's session.intra_op.allow_spinning; absent: onnxruntime's default (on). */
  allowSpinning?: boolean | undefined;
  /**
   * Fail session creation instead of running some nodes on the CPU when a GPU provider lacks a kernel for them
   * (onnxruntime's session.disable_cpu_ep_fallback). Tests use it to prove a model runs entirely on the GPU.
   */
  disableCpuFallback?: boolean | undefined;
}

/** Total wall time spent inside session.run() by this process, for the bench's overhead ratio. */
const runClock = { ms: 0 };
export function sessionRunMs(): number {
  return runClock.ms;
}

/** Why an execution provider was not used (for logs and /info). */
export interface ProviderAttempt {
  provider: string;
  error: string;
}

function providerAvailability(name: string): string | undefined {
  let backends: { name: string; bundled: boolean }[];
  try {
    backends = ort.listSupportedBackends();
  } catch {
    return undefined; // older bindings: just try it
  }
  if (!backends.some((b) => b.name === name)) {
    return `not supported by this onnxruntime-node build (it has ${backends.map((b) => b.name).join(', ')})`;
  }
  return undefined;
}

/** A one-line reason from an ORT error: no native source locations, C++ signatures or stacks. */
export function shortReason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  let line = (msg.split('\n').find((l) => l.trim()) ?? msg).trim();
  line = line.replace(/^\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*\w+\s*:\s*/, '');
  // "/onnxruntime_src/.../x.cc:136 onnxruntime::...::<lambda()> cond was false. Actual message"
  const wasFalse = line.indexOf(' was false. ');
  if (wasFalse >= 0) line = line.slice(wasFalse + ' was false. '.length);
  line = line.replace(/^\S+\.(cc|cpp|h):\d+\s+(\S+\s+)?/, '');
  // Mid-message source locations: "Error: tensorprotoutils.cc:461 ValidateExternalDataPathFromDir External ..."
  line = line.replace(/\S+\.(cc|cpp|h):\d+\s+[A-Z]\w*\s+/g, '');
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** Why a provider failed, in words a host owner can act on. */
function providerReason(provider: string, err: unknown): string {
  const reason = shortReason(err);
  if (/Failed to load shared library|cannot open shared object/i.test(reason)) {
    if (provider === 'cuda' || provider === 'tensorrt') {
      return `not installed (its libraries are not bundled; \`npm run install-cuda\` fetches them, and it needs CUDA 12 and cuDNN 9): ${reason}`;
    }
    return `its libraries could not be loaded: ${reason}`;
  }
  if (provider === 'webgpu' && /adapter/i.test(reason))
    return `no WebGPU adapter (a Vulkan driver is needed on Linux): ${reason}`;
  return reason;
}

/**
 * Turns an ORT load error into a ModelError naming the file and what was expected.
 */
function loadError(path: string, err: unknown): ModelError {
  const reason = shortReason(err);
  const dir = dirname(dirname(path));
  const rel = `${basename(dirname(path))}/${basename(path)}`;
  if (/external data|external initializer|onnx_data|weights\.pb/i.test(reason)) {
    const missing = /path does not exist: "([^"]+)"/.exec(reason)?.[1];
    if (missing) {
      return new ModelError(
        dir,
        `${rel} keeps its weights in ${basename(dirname(path))}/${basename(missing)}, which is missing. ` +
          'Expected that file next to model.onnx, as the export wrote it; download the model again.',
        { cause: err },
      );
    }
    return new ModelError(
      dir,
      `${rel} refers to external weights that are missing or unreadable (${reason}). ` +
        'Expected the weight file the export wrote next to model.onnx (e.g. weights.pb or model.onnx_data); download the model again.',
      { cause: err },
    );
  }
  if (/protobuf|ModelProto|No graph/i.test(reason)) {
    return new ModelError(
      dir,
      `${rel} is not a valid ONNX model (${reason}). The file is probably truncated or corrupt; download the model again.`,
      { cause: err },
    );
  }
  return new ModelError(dir, `${rel} could not be loaded by onnxruntime (${reason}).`, { cause: err });
}

/** Failures of the file itself (the same on every provider), as opposed to a provider that cannot start. */
function isModelProblem(err: unknown): boolean {
  return /protobuf|external data|external initializer|onnx_data|weights\.pb|ModelProto|No graph|Load model|opset|Type Error|ShapeInferenceError|Invalid model|INVALID_GRAPH|NOT_IMPLEMENTED|Could not find an implementation/i.test(
    shortReason(err),
  );
}

let quietened = false;

/**
 * Opens one ONNX model by path (so external weight files next to it are found), trying execution providers in
 * order. The first provider that creates a session wins. A failure of the file itself (corrupt, missing external
 * weights) is a ModelError naming the file; when every provider fails to start, the error lists why each failed.
 */
export async function openSession(
  path: string,
  options: SessionOptions,
  name = basename(dirname(path)),
  bytes?: Uint8Array,
): Promise<OnnxModel> {
  const dir = dirname(dirname(path));
  const rel = `${basename(dirname(path))}/${basename(path)}`;
  if (!existsSync(path) || !statSync(path).isFile()) throw new ModelError(dir, `${rel} is missing.`);
  if (!quietened) {
    // ORT's own logger prints provider-load failures in red on stderr; we log our own one-line reasons instead.
    ort.env.logLevel = 'fatal';
    quietened = true;
  }
  const skipped: ProviderAttempt[] = [];
  for (const provider of options.executionProviders) {
    const unavailable = providerAvailability(provider);
    if (unavailable) {
      skipped.push({ provider, error: unavailable });
      continue;
    }
    try {
      const session = await ort.InferenceSession.create((bytes ?? path) as string, {
        executionProviders: [provider],
        // 0 means onnxruntime's default (one thread per core); the binding rejects an explicit undefined.
        ...(options.intraOpThreads > 0 ? { intraOpNumThreads: options.intraOpThreads } : {}),
        graphOptimizationLevel: 'all',
        logSeverityLevel: 3,
        extra: {
          session: {
            ...(options.disableCpuFallback && provider !== 'cpu' ? { disable_cpu_ep_fallback: '1' } : {}),
            ...(options.allowSpinning !== undefined
              ? { intra_op: { allow_spinning: options.allowSpinning ? '1' : '0' } }
              : {}),
          },
        },
      });
      for (const s of skipped)
        log.info('execution provider skipped', { model: name, provider: s.provider, reason: s.error });
      log.info('session created', { model: name, provider });
      return wrap(name, provider, session);
    } catch (err) {
      if (isModelProblem(err)) throw loadError(path, err);
      skipped.push({ provider, error: providerReason(provider, err) });
    }
  }
  throw new ModelError(
    dir,
    `no execution provider could open ${rel} (tried ${options.executionProviders.join(', ') || 'none'}): ` +
      skipped.map((s) => `${s.provider}: ${s.error}`).join('; ') +
      '. Add cpu to EXECUTION_PROVIDERS (it always works), or install the provider you want.',
  );
}

function toInfo(m: ort.InferenceSession.ValueMetadata): TensorInfo {
  if (!m.isTensor) return { name: m.name, type: 'non-tensor', shape: [] };
  return { name: m.name, type: m.type, shape: [...m.shape] };
}

function wrap(name: string, provider: string, session: ort.InferenceSession): OnnxModel {
  const inputs = session.inputMetadata.map(toInfo);
  const outputs = session.outputMetadata.map(toInfo);
  let released = false;
  return {
    name,
    inputs,
    outputs,
    executionProvider: provider,
    async run(feeds) {
      if (released) throw new Error(`session ${name} was released`);
      const start = performance.now();
      try {
        return (await session.run(feeds)) as Record<string, Tensor>;
      } catch (err) {
        // Not a user error: the pipeline fed something the graph rejects. Keep ORT's reason, drop its native noise.
        throw new Error(`${name}/model.onnx failed to run on ${provider}: ${shortReason(err)}`, { cause: err });
      } finally {
        runClock.ms += performance.now() - start;
      }
    },
    async release() {
      if (released) return;
      released = true;
      await session.release();
    },
  };
}
