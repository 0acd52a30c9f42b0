/**
 * The caller's side of the inference process. The parent never touches onnxruntime: it forks worker.ts (with tsx
 * as a loader and the structured-clone IPC serialisation, so PNG bytes and latents pass as binary), sends
 * requests, relays progress and cancellation, and turns a dead child into an InferenceCrashedError for the request
 * that was running. The next request starts a fresh child.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CancelledError, InferenceCrashedError } from '../errors.ts';
import { log } from '../log.ts';
import { codeExtension } from '../paths.ts';
import type { GenerateOptions, GenerateRequest, GenerateResult, ModelInfo } from '../diffusion/types.ts';
import type { PipelineBounds } from '../diffusion/pipeline.ts';
import type { Config } from '../config.ts';
import { deserializeError, type FromWorker, type InitOptions, type ToWorker, type WorkerStats } from './protocol.ts';

export { InferenceCrashedError };

export interface InferenceClientOptions {
  /** The default model, loaded at start. */
  modelDir: string;
  /** MODELS_PATH: where the other installed models are (a request's `model` names one). */
  modelsRoot?: string | undefined;
  /** MODEL_MEMORY_MB in bytes: what the models one process keeps loaded may take together. */
  memoryBudgetBytes?: number | undefined;
  executionProviders: readonly string[];
  intraOpThreads: number;
  scheduler?: InitOptions['scheduler'];
  bounds?: Partial<PipelineBounds> | undefined;
  logLevel?: InitOptions['logLevel'];
}

/** The inference options a host's configuration gives (the bot's local pool and a Redis worker alike). */
export function inferenceOptions(config: Readonly<Config>, modelDir: string): InferenceClientOptions {
  const b = config.bounds;
  return {
    modelDir,
    modelsRoot: config.models.root,
    memoryBudgetBytes: config.models.memoryBudgetBytes,
    executionProviders: config.models.executionProviders,
    intraOpThreads: config.models.intraOpThreads,
    scheduler: config.models.scheduler,
    bounds: {
      maxWidth: b.maxWidth,
      maxHeight: b.maxHeight,
      maxSteps: b.maxSteps,
      maxImages: b.maxImages,
      maxBatchLatents: config.queue.maxBatchLatents,
    },
    logLevel: config.logLevel,
  };
}

export interface InferenceClient {
  /** Starts the process and loads the model (once); resolves with what the model says about itself. */
  start(): Promise<ModelInfo>;
  generate(req: GenerateRequest, opts?: GenerateOptions): Promise<GenerateResult>;
  /** Kills the process (failing the running request with InferenceCrashedError) and starts a fresh one. */
  restart(): Promise<void>;
  /** Stops the process (asks nicely, then kills it after `graceMs`). */
  close(graceMs?: number): Promise<void>;
  /** Memory and session time of the inference process (benchmarks, health checks). */
  stats(): Promise<WorkerStats>;
  /** Asks the process for the installed models again (after one was installed or removed); resolves with them. */
  refreshModels(): Promise<ModelInfo[]>;
  /**
   * Every installed model, as last described (from memory: never waits): the default model with its loaded info
   * first, the others as their files describe them (data type and provider are known once loaded).
   */
  readonly models: readonly ModelInfo[];
  /** The process id of the running child, if any (tests, logs). */
  readonly pid: number | undefined;
  /** Set once start() has succeeded. */
  readonly info: ModelInfo | undefined;
}

interface Pending {
  reject: (err: Error) => void;
  onMessage?: (msg: FromWorker) => void;
}

// Compiled (dist/): the child runs worker.js on plain node. From the sources: worker.ts through tsx, resolved once
// from here so that the child finds it whatever the current directory is.
const workerPath = fileURLToPath(new URL(`./worker${codeExtension}`, import.meta.url));
const workerExecArgv = codeExtension === '.js' ? [] : ['--import', import.meta.resolve('tsx')];

export function createInferenceClient(options: InferenceClientOptions): InferenceClient {
  let child: ChildProcess | undefined;
  let starting: Promise<ModelInfo> | undefined;
  let info: ModelInfo | undefined;
  let models: ModelInfo[] = [];
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let closed = false;
  /** Why we killed the child ourselves, so the affected request says so. */
  let killReason: string | undefined;

  function spawn(): Promise<ModelInfo> {
    const proc = fork(workerPath, [], {
      execArgv: workerExecArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Its own process group: Ctrl-C in a terminal (SIGINT to the foreground group) reaches only the bot, which
      // stops this process itself. If the bot dies, the IPC channel closes and this process exits (worker.ts).
      detached: true,
    });
    child = proc;
    log.debug('inference process started', { pid: proc.pid });
    return new Promise<ModelInfo>((resolve, reject) => {
      let ready = false;
      proc.on('message', (msg: FromWorker) => {
        if (msg.type === 'ready') {
          ready = true;
          info = msg.info;
          models = msg.models;
          log.info('inference process ready', {
            pid: proc.pid,
            model: msg.info.name,
            provider: msg.info.executionProvider,
          });
          resolve(msg.info);
        } else if (msg.type === 'init-error') {
          ready = true;
          reject(deserializeError(msg.error));
          proc.kill('SIGKILL');
        } else {
          pending.get(msg.id)?.onMessage?.(msg);
        }
      });
      proc.on('error', (err) => {
        if (!ready)
          reject(
            new InferenceCrashedError(`The inference process could not be started: ${err.message}`, { cause: err }),
          );
      });
      proc.on('exit', (code, signal) => {
        if (child === proc) {
          child = undefined;
          starting = undefined;
        }
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        if (!ready)
          reject(new InferenceCrashedError(`The inference process stopped while loading the model (${how}).`));
        const reason = killReason;
        killReason = undefined;
        if (pending.size) {
          const message =
            reason ??
            `The inference process stopped unexpectedly (${how}) while making the images; it is restarted for the next request.`;
          log.warn('inference process exited with requests in flight', { pid: proc.pid, how, requests: pending.size });
          for (const [id, p] of pending) {
            pending.delete(id);
            p.reject(new InferenceCrashedError(message));
          }
        } else if (!closed && ready) {
          log.warn('inference process exited', { pid: proc.pid, how });
        }
      });
      const init: ToWorker = {
        type: 'init',
        options: {
          modelDir: options.modelDir,
          executionProviders: [...options.executionProviders],
          intraOpThreads: options.intraOpThreads,
          modelsRoot: options.modelsRoot,
          memoryBudgetBytes: options.memoryBudgetBytes,
          scheduler: options.scheduler,
          bounds: options.bounds,
          logLevel: options.logLevel,
        },
      };
      proc.send(init);
    });
  }

  function ensureStarted(): Promise<ModelInfo> {
    if (closed) return Promise.reject(new Error('the inference client is closed'));
    if (!starting) {
      starting = spawn();
      // A failed start is not cached: the next request tries again.
      starting.catch(() => {
        starting = undefined;
      });
    }
    return starting;
  }

  function request<T>(
    msg: ToWorker & { id: number },
    onMessage?: (msg: FromWorker, done: (v: T) => void, fail: (e: Error) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = { reject };
      const done = (v: T) => {
        pending.delete(msg.id);
        resolve(v);
      };
      const fail = (e: Error) => {
        pending.delete(msg.id);
        reject(e);
      };
      if (onMessage) entry.onMessage = (m) => onMessage(m, done, fail);
      pending.set(msg.id, entry);
      if (!child?.connected) {
        fail(new InferenceCrashedError('The inference process is not running.'));
        return;
      }
      try {
        child.send(msg);
      } catch (err) {
        // The channel closed between the check and the send: the exit handler will not see this request.
        fail(
          new InferenceCrashedError('The inference process stopped before it received the request.', { cause: err }),
        );
      }
    });
  }

  return {
    get pid() {
      return child?.pid;
    },
    get info() {
      return info;
    },
    start: () => ensureStarted(),

    async generate(req, opts = {}) {
      const { signal, onStep, onLoading } = opts;
      if (signal?.aborted) throw new CancelledError();
      // Accepted while the process is still loading its model (just after start-up): the member is told it loads.
      if (!info) onLoading?.(req.model ?? basename(options.modelDir));
      await ensureStarted();
      if (signal?.aborted) throw new CancelledError();
      const id = nextId++;
      const onAbort = () => {
        try {
          if (child?.connected) child.send({ type: 'cancel', id } satisfies ToWorker);
        } catch {
          // The process is gone; its exit fails the request.
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await request<GenerateResult>({ type: 'generate', id, req, wantSteps: !!onStep }, (msg, done, fail) => {
          if (msg.type === 'step') onStep?.(msg.progress);
          else if (msg.type === 'loading') onLoading?.(msg.model);
          else if (msg.type === 'result') done(msg.result);
          else if (msg.type === 'error') fail(deserializeError(msg.error));
        });
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },

    get models() {
      return models.map((m) => (m.name === info?.name ? info : m));
    },

    async refreshModels() {
      await ensureStarted();
      const id = nextId++;
      models = await request<ModelInfo[]>({ type: 'models', id }, (msg, done) => {
        if (msg.type === 'models') done(msg.models);
      });
      return this.models as ModelInfo[];
    },

    async stats() {
      await ensureStarted();
      const id = nextId++;
      return request<WorkerStats>({ type: 'stats', id }, (msg, done) => {
        if (msg.type === 'stats') done(msg.stats);
      });
    },

    async restart() {
      const proc = child;
      if (proc) {
        killReason = 'The inference process was restarted (the job took longer than its time limit).';
        await killAndWait(proc, 0);
      }
      starting = undefined;
      if (!closed) await ensureStarted();
    },

    async close(graceMs = 5000) {
      closed = true;
      const proc = child;
      if (!proc) return;
      killReason = 'The inference process was stopped (shutdown).';
      await killAndWait(proc, graceMs);
    },
  };
}

/** Asks the child to shut down (when graceMs > 0), then SIGKILLs it; resolves when it has exited. */
function killAndWait(proc: ChildProcess, graceMs: number): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    if (graceMs > 0 && proc.connected) {
      proc.send({ type: 'shutdown' } satisfies ToWorker);
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      timer.unref();
      proc.once('exit', () => clearTimeout(timer));
    } else {
      proc.kill('SIGKILL');
    }
  });
}
