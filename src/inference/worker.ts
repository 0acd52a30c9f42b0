/**
 * The inference process: started by the client (client.ts) with child_process.fork, it loads the default model at
 * start and serves generate requests over IPC. It owns every ONNX session, so session.run() never blocks the process
 * that holds the Discord gateway. A request for another installed model loads it (saying so first); the loaded
 * models stay within the memory budget, least recently used out first (model-cache.ts). It exits when the parent
 * goes away.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { getPriority, setPriority } from 'node:os';
import { modelBytes } from '../diffusion/model.ts';
import { createModelDescriber } from '../diffusion/model-files.ts';
import { createPipeline, type Pipeline } from '../diffusion/pipeline.ts';
import { sessionRunMs } from '../diffusion/session.ts';
import type { ModelInfo } from '../diffusion/types.ts';
import { UserError } from '../errors.ts';
import { log, setLogLevel, setLogProcess } from '../log.ts';
import { createModelCache, type ModelCache } from './model-cache.ts';
import { parseGenerateRequest, serializeError, type FromWorker, type InitOptions, type ToWorker } from './protocol.ts';

setLogProcess('inference');

if (!process.send) {
  console.error('src/inference/worker.ts is started by the inference client (child_process.fork), not directly.');
  process.exit(2);
}

/**
 * Sends to the bot. When the bot has died the channel breaks (EPIPE, or closed) at any moment, even between the
 * connected check and the write: the callback catches that, and this process exits quietly, as it does on
 * 'disconnect', instead of printing an unhandled error's stack.
 */
const send = (msg: FromWorker): void => {
  if (!process.connected) return;
  try {
    process.send!(msg, undefined, {}, (err) => {
      if (err) void shutdown(0);
    });
  } catch {
    void shutdown(0);
  }
};

// The bot's stdout or stderr pipe closes with it (a service manager, a terminal, a log pipe): a write then fails
// with EPIPE. Nothing can be reported any more; stop quietly rather than crash with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') void shutdown(0);
  });
}

// On a CPU-only host the sessions use every core; a slightly lower priority lets the process holding the Discord
// gateway get the CPU at once when it wakes (heartbeats, interactions) while inference still gets all idle time.
try {
  setPriority(Math.min(19, getNiceSafe() + 5));
} catch {
  // Not permitted (some containers): run at the normal priority.
}
function getNiceSafe(): number {
  try {
    return getPriority();
  } catch {
    return 0;
  }
}

let options: InitOptions | undefined;
/** Installed folders' descriptions, read again only when their files change (the list is asked for every minute). */
let describeInstalled: ((dir: string) => ModelInfo) | undefined;
let defaultModel: string | undefined;
let cache: ModelCache<Pipeline> | undefined;
const running = new Map<number, AbortController>();

process.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'init':
      void init(msg.options);
      break;
    case 'generate':
      void generate(msg.id, msg);
      break;
    case 'cancel':
      running.get(msg.id)?.abort();
      break;
    case 'models':
      send({ type: 'models', id: msg.id, models: installedModels() });
      break;
    case 'stats': {
      const mem = process.memoryUsage();
      send({
        type: 'stats',
        id: msg.id,
        stats: { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, sessionRunMs: sessionRunMs() },
      });
      break;
    }
    case 'shutdown':
      void shutdown(0);
      break;
  }
});

// The parent died or closed the channel: nothing can be delivered any more.
process.on('disconnect', () => void shutdown(0));

// Terminal and service-manager signals are for the bot process, which finishes or puts back the running job and
// then stops this one itself (a 'shutdown' message, or SIGKILL). Dying here first would lose the job mid-step.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const) process.on(signal, () => {});

async function init(o: InitOptions): Promise<void> {
  if (o.logLevel) setLogLevel(o.logLevel);
  options = o;
  describeInstalled = createModelDescriber(o.scheduler);
  const name = basename(o.modelDir);
  defaultModel = name;
  cache = createModelCache<Pipeline>({
    // Without a budget one model at a time: the one in use, as before several models existed.
    budgetBytes: o.memoryBudgetBytes ?? 1,
    sizeOf: (model) => modelBytes(dirOf(model)),
    load: (model) => createPipeline(dirOf(model), o),
    release: (p) => p.release(),
    log: (event, details) => {
      if (event === 'evicted') log.info('model released to make room (least recently used)', details);
      else if (o.memoryBudgetBytes !== undefined)
        log.warn(
          'models loaded beyond MODEL_MEMORY_MB (one in use cannot be released, or one alone is larger)',
          details,
        );
    },
  });
  try {
    const info = await cache.use(name, async (p) => p.info);
    send({ type: 'ready', info, models: installedModels() });
  } catch (err) {
    send({ type: 'init-error', error: serializeError(err) });
  }
}

/** A model's folder: the default model's, or an installed model's under the models root; gone: a UserError. */
function dirOf(model: string): string {
  if (model === defaultModel) return options!.modelDir;
  const root = options?.modelsRoot;
  const dir = root && /^[\w.-]+$/.test(model) ? join(root, model) : undefined;
  if (!dir || !existsSync(join(dir, 'model_index.json')))
    throw new UserError(
      `The model "${model}" is not installed here (any more). Choose another with /imagine model:, or ask the bot's owner to install it.`,
      'model-gone',
    );
  return dir;
}

/** Every installed model as its files describe it (cheap: JSON only), the default one first with its loaded info. */
function installedModels(): ModelInfo[] {
  const out: ModelInfo[] = [];
  const seen = new Set<string>();
  if (options && defaultModel) {
    try {
      out.push(describeInstalled!(options.modelDir));
      seen.add(defaultModel);
    } catch {
      // Reported when it loads.
    }
  }
  const root = options?.modelsRoot;
  if (!root || !existsSync(root)) return out;
  for (const name of readdirSync(root).sort()) {
    if (seen.has(name) || name.startsWith('.') || name === 'taesd' || name === 'upscaler') continue;
    const dir = join(root, name);
    if (!statSync(dir).isDirectory() || !existsSync(join(dir, 'model_index.json'))) continue;
    try {
      out.push(describeInstalled!(dir));
    } catch (err) {
      log.debug('installed folder is not a usable model', { dir, reason: (err as Error).message });
    }
  }
  return out;
}

async function generate(id: number, msg: Extract<ToWorker, { type: 'generate' }>): Promise<void> {
  if (!cache || !defaultModel) {
    send({ type: 'error', id, error: { kind: 'Error', message: 'the inference process has no model loaded' } });
    return;
  }
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const req = parseGenerateRequest(msg.req);
    const model = req.model ?? defaultModel;
    const result = await cache.use(
      model,
      (pipeline) =>
        pipeline.generate(req, {
          signal: controller.signal,
          onStep: msg.wantSteps ? (progress) => send({ type: 'step', id, progress }) : undefined,
        }),
      () => {
        log.info('loading a model for a request', { model });
        send({ type: 'loading', id, model });
      },
    );
    send({ type: 'result', id, result });
  } catch (err) {
    const e = serializeError(err);
    if (e.kind === 'Error') log.error('generation failed in the inference process', { error: err });
    send({ type: 'error', id, error: e });
  } finally {
    running.delete(id);
  }
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const c of running.values()) c.abort();
  try {
    await cache?.releaseAll();
  } finally {
    process.exit(code);
  }
}
