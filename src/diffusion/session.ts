/**
 * The narrow model type the pipeline talks to (`run(feeds) -> outputs`), and the one place that creates ONNX
 * sessions: execution providers are tried in the configured order, the first that creates a session wins, and the
 * log says which one and why each earlier one was skipped. ORT errors become ModelErrors that name the file.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Tensor } from 'onnxruntime-node';
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
  /** Threads per session on the CPU provider; 0 = onnxruntime's default. */
  intraOpThreads: number;
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
  const entry = backends.find((b) => b.name === name);
  if (!entry) return `not supported by this onnxruntime-node build (it knows ${backends.map((b) => b.name).join(', ')})`;
  return undefined;
}

/** A one-line reason from an ORT error (its messages are long and sometimes carry a native stack). */
function shortReason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const first = msg.split('\n').find((l) => l.trim()) ?? msg;
  return first.replace(/^\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*\w+\s*:\s*/, '').slice(0, 300);
}

/**
 * Turns an ORT load error into a ModelError naming the file and what was expected. Provider-specific failures are
 * not model errors; the caller decides (it tries the next provider first).
 */
function loadError(path: string, err: unknown): ModelError {
  const reason = shortReason(err);
  const dir = dirname(dirname(path));
  const rel = `${basename(dirname(path))}/${basename(path)}`;
  if (/external data|\.onnx_data|weights\.pb|External initializer|location/i.test(reason)) {
    return new ModelError(dir, `${rel} refers to external weights that are missing or unreadable (${reason}). ` +
      'Expected the weight file the export wrote next to model.onnx (e.g. weights.pb or model.onnx_data); download the model again.', { cause: err });
  }
  if (/protobuf|parsing|Load model|INVALID_PROTOBUF|failed:|ModelProto/i.test(reason)) {
    return new ModelError(dir, `${rel} is not a valid ONNX model (${reason}). The file is probably truncated or corrupt; download the model again.`, { cause: err });
  }
  return new ModelError(dir, `${rel} could not be loaded by onnxruntime (${reason}).`, { cause: err });
}

function looksLikeModelProblem(err: unknown): boolean {
  return /protobuf|parsing|external|onnx_data|weights\.pb|ModelProto|No graph|Load model|opset|NOT_IMPLEMENTED|Could not find an implementation/i.test(
    shortReason(err),
  );
}

/**
 * Opens one ONNX model by path (so external weight files next to it are found), trying execution providers in
 * order. The first provider that creates a session wins. If every provider fails and the failures look like a bad
 * file, the error is a ModelError naming the file.
 */
export async function openSession(path: string, options: SessionOptions, name = basename(dirname(path))): Promise<OnnxModel> {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new ModelError(dirname(dirname(path)), `${basename(dirname(path))}/${basename(path)} is missing.`);
  }
  const skipped: ProviderAttempt[] = [];
  let lastError: unknown;
  for (const provider of options.executionProviders) {
    const unavailable = providerAvailability(provider);
    if (unavailable) {
      skipped.push({ provider, error: unavailable });
      continue;
    }
    try {
      const session = await ort.InferenceSession.create(path, {
        executionProviders: [provider],
        intraOpNumThreads: options.intraOpThreads > 0 ? options.intraOpThreads : undefined,
        graphOptimizationLevel: 'all',
        logSeverityLevel: 3,
      });
      for (const s of skipped) log.info('execution provider skipped', { model: name, provider: s.provider, reason: s.error });
      log.info('session created', { model: name, provider });
      return wrap(name, provider, session);
    } catch (err) {
      lastError = err;
      // A corrupt file fails on every provider: stop early rather than repeating the same failure.
      if (looksLikeModelProblem(err) && provider === 'cpu') break;
      skipped.push({ provider, error: shortReason(err) });
    }
  }
  if (lastError !== undefined && (looksLikeModelProblem(lastError) || skipped.length === 0)) throw loadError(path, lastError);
  if (lastError !== undefined && skipped.every((s) => s.error === shortReason(lastError))) throw loadError(path, lastError);
  throw new ModelError(
    dirname(dirname(path)),
    `no execution provider could open ${basename(dirname(path))}/${basename(path)}: ` +
      skipped.map((s) => `${s.provider}: ${s.error}`).join('; ') +
      '. Add "cpu" to EXECUTION_PROVIDERS, or install the provider (for CUDA: npm run install-cuda).',
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

export function findInput(model: OnnxModel, name: string): TensorInfo | undefined {
  return model.inputs.find((i) => i.name === name);
}
