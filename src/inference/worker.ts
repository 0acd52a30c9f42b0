/**
 * The inference process: started by the client (client.ts) with child_process.fork, it loads the model once and
 * serves generate requests over IPC. It owns every ONNX session, so session.run() never blocks the process that
 * holds the Discord gateway. It exits when the parent goes away.
 */
import { getPriority, setPriority } from 'node:os';
import { createPipeline, type Pipeline } from '../diffusion/pipeline.ts';
import { sessionRunMs } from '../diffusion/session.ts';
import { log, setLogLevel, setLogProcess } from '../log.ts';
import { parseGenerateRequest, serializeError, type FromWorker, type ToWorker } from './protocol.ts';

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

let pipeline: Pipeline | undefined;
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

async function init(options: Extract<ToWorker, { type: 'init' }>['options']): Promise<void> {
  if (options.logLevel) setLogLevel(options.logLevel);
  try {
    pipeline = await createPipeline(options.modelDir, options);
    send({ type: 'ready', info: pipeline.info });
  } catch (err) {
    send({ type: 'init-error', error: serializeError(err) });
  }
}

async function generate(id: number, msg: Extract<ToWorker, { type: 'generate' }>): Promise<void> {
  if (!pipeline) {
    send({ type: 'error', id, error: { kind: 'Error', message: 'the inference process has no model loaded' } });
    return;
  }
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const result = await pipeline.generate(parseGenerateRequest(msg.req), {
      signal: controller.signal,
      onStep: msg.wantSteps ? (progress) => send({ type: 'step', id, progress }) : undefined,
    });
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
    await pipeline?.release();
  } finally {
    process.exit(code);
  }
}
