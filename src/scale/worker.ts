/**
 * A GPU worker (`npm run worker`): a BullMQ Worker on this process's main thread and WORKER_SLOTS inference
 * processes (the same children the bot uses alone) for the ONNX sessions, so lock renewal is never blocked by
 * inference. It serves its default model and any installed ones WORKER_MODELS names: one BullMQ Worker on each
 * model's queue (the bot hands a job to its model's queue only), all sharing the WORKER_SLOTS, and a job runs on the
 * model of the queue it came from (loaded on demand by the inference process, within MODEL_MEMORY_MB). It never talks to Discord or SQLite: it takes a job's parameters from Redis, reads its input image
 * key, writes result images as binary keys with a TTL, reports steps as BullMQ progress, and stops a job at its
 * next step when the bot says so on the control channel. Its presence key (renewed every two seconds) tells the bot
 * how many slots it offers; when this process dies its inference children exit too (they leave when their IPC
 * channel closes).
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { PREVIEW_INTERVAL_MS, type GenerateRequest, type ModelInfo } from '../diffusion/types.ts';
import { CancelledError, UserError } from '../errors.ts';
import type { InferenceClientOptions } from '../inference/client.ts';
import { createInferencePool, type InferencePool } from '../inference/pool.ts';
import { log } from '../log.ts';
import {
  controlSchema,
  IMAGE_TTL_S,
  jobDataSchema,
  keys,
  PRESENCE_TTL_MS,
  PREVIEW_TTL_MS,
  queueName,
  toJobResult,
  type ControlMessage,
  type JobResult,
  type Presence,
} from './protocol.ts';
import { encodeFailure } from './remote.ts';

export interface WorkerHostOptions {
  redisUrl: string;
  /** Jobs at once: one inference process each. */
  slots: number;
  /** BullMQ lock duration: a worker silent this long is presumed dead and its job goes to another. */
  lockMs: number;
  inference: InferenceClientOptions;
  /** Installed models (names under inference.modelsRoot) served besides the default one. */
  models?: readonly string[] | undefined;
  /** Benchmarks only: run requests on this instead of starting inference processes (measures the hand-off alone). */
  pool?: InferencePool | undefined;
}

export interface WorkerHost {
  readonly info: ModelInfo;
  /** The models it serves, its default first. */
  readonly models: readonly string[];
  /** The inference processes' ids (tests). */
  readonly pids: (number | undefined)[];
  /** Finishes the running jobs (up to graceMs), then stops the inference processes and leaves Redis. */
  close(graceMs?: number): Promise<void>;
}

export async function startWorkerHost(opts: WorkerHostOptions): Promise<WorkerHost> {
  const pool: InferencePool = opts.pool ?? createInferencePool({ ...opts.inference, processes: opts.slots });
  const info = await pool.start();
  const served = [...new Set([info.name, ...(opts.models ?? [])])];
  const infos = served.map((name) => (name === info.name ? info : pool.models.find((m) => m.name === name)));
  const missing = served.filter((_, i) => !infos[i]);
  if (missing.length) {
    await pool.close(0);
    throw new UserError(
      `WORKER_MODELS names ${missing.map((m) => `"${m}"`).join(', ')}, not installed here (${opts.inference.modelsRoot ?? 'no MODELS_PATH'}). ` +
        `Installed: ${pool.models.map((m) => m.name).join(', ') || 'none'}. Pull it (npm run models -- pull <name>) or fix WORKER_MODELS.`,
      'no-model',
    );
  }
  const id = randomUUID();
  const redis = new Redis(opts.redisUrl, {
    maxRetriesPerRequest: null,
    retryStrategy: (n) => Math.min(200 * n, 2_000),
  });
  redis.on('error', () => undefined);
  const sub = redis.duplicate();
  sub.on('error', () => undefined);
  /** The controller of each job running here, by BullMQ job id (the run key). */
  const running = new Map<string, AbortController>();

  const presence: Presence = {
    model: info.name,
    models: served,
    slots: opts.slots,
    pid: process.pid,
    host: hostname(),
  };
  const announce = async () => {
    // The model descriptions too, every time: a Redis that restarted empty learns them again.
    const m = redis.multi();
    for (const i of infos) m.hset(keys.models, i!.name, JSON.stringify(i));
    await m.set(keys.worker(id), JSON.stringify(presence), 'PX', PRESENCE_TTL_MS).exec();
  };
  const beat = setInterval(() => void announce().catch(() => undefined), PRESENCE_TTL_MS / 3);
  await announce().catch((err: unknown) => log.warn('redis is not reachable yet; the worker waits for it', { err }));

  sub.on('message', (_channel: string, text: string) => {
    let msg;
    try {
      msg = controlSchema.parse(JSON.parse(text));
    } catch {
      return;
    }
    stop(msg);
  });
  await sub
    .subscribe(keys.control)
    .catch((err: unknown) => log.warn('could not subscribe to the control channel yet', { err }));

  /** Stops a job running here: cancelled by its owner, or past its time limit (then its process is recycled). */
  function stop(msg: ControlMessage): void {
    const controller = running.get(msg.key);
    if (!controller) {
      log.debug('control message for a job not running here', { type: msg.type, job: msg.key });
      return;
    }
    log.info(
      msg.type === 'cancel' ? 'job cancelled by the bot' : 'job past its time limit: recycling its inference process',
      { job: msg.key },
    );
    controller.abort();
    // A process stuck inside one model call never sees the abort: pool.restart() recycles the one whose job was stopped.
    if (msg.type === 'restart')
      void pool.restart().catch((err: unknown) => log.error('inference restart failed', { err }));
  }

  /** The WORKER_SLOTS shared by the models' queues: a job waits here while every slot runs another model's. */
  let free = opts.slots;
  const waiting: (() => void)[] = [];
  const takeSlot = async (): Promise<void> => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const giveSlot = (): void => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };

  /** A job from `model`'s queue: it runs on that model, whatever its data says. */
  async function process_(job: Job, model: string): Promise<JobResult> {
    await takeSlot();
    try {
      return await run(job, model);
    } finally {
      giveSlot();
    }
  }

  async function run(job: Job, model: string): Promise<JobResult> {
    const key = job.id!;
    const data = jobDataSchema.safeParse(job.data);
    if (!data.success)
      throw new UnrecoverableError(`bug::the job data does not match this worker's version (${data.error.message})`);
    const req: GenerateRequest = { ...data.data.req, model };
    if (data.data.hasInitImage) {
      const bytes = await redis.getBuffer(keys.input(key));
      if (!bytes) throw new UnrecoverableError('crash::the input image expired in redis before a worker took the job');
      req.initImage = new Uint8Array(bytes);
    }
    const controller = new AbortController();
    let checking = false;
    /** Progress reports in step order: a step's preview key is written before its event announces it. */
    let reporting: Promise<unknown> = Promise.resolve();
    let lastPreviewAt = -Infinity;
    running.set(key, controller);
    log.info('job started', { job: key, attempt: job.attemptsStarted });
    try {
      const result = await pool.generate(req, {
        signal: controller.signal,
        onStep: (p) => {
          // A preview crosses Redis only as often as the bot shows one (its edit interval; the pipeline makes them
          // no more often either, unless told to make one every step).
          const at = Date.now();
          const preview = p.preview?.byteLength && at - lastPreviewAt >= PREVIEW_INTERVAL_MS ? p.preview : undefined;
          if (preview) lastPreviewAt = at;
          reporting = reporting
            .then(async () => {
              if (preview) await redis.set(keys.preview(key), Buffer.from(preview), 'PX', PREVIEW_TTL_MS);
              await job.updateProgress({ step: p.step, totalSteps: p.totalSteps, ...(preview && { preview: true }) });
            })
            .catch(() => undefined);
          // A stop message missed while reconnecting is still seen here, within a step.
          if (checking || controller.signal.aborted) return;
          checking = true;
          redis.get(keys.stopped(key)).then(
            (type) => {
              checking = false;
              if (type === 'cancel' || type === 'restart') stop({ type, key });
            },
            () => (checking = false),
          );
        },
      });
      const m = redis.multi();
      result.images.forEach((img, i) => m.set(keys.output(key, i), Buffer.from(img.png), 'EX', IMAGE_TTL_S));
      await m.exec();
      log.info('job finished', { job: key, images: result.images.length });
      return toJobResult(result);
    } catch (err) {
      if (controller.signal.aborted && !(err instanceof CancelledError))
        throw new UnrecoverableError(encodeFailure(new CancelledError()));
      throw new UnrecoverableError(encodeFailure(err));
    } finally {
      running.delete(key);
    }
  }

  const connections: Redis[] = [];
  const workers = served.map((model) => {
    const connection = redis.duplicate();
    connection.on('error', () => undefined);
    connections.push(connection);
    const worker = new Worker(queueName(model), (job: Job) => process_(job, model), {
      connection,
      concurrency: opts.slots,
      lockDuration: opts.lockMs,
      stalledInterval: Math.max(1_000, Math.round(opts.lockMs / 2)),
      // A job whose worker died goes back once or twice; the bot's own attempt limit is the real bound.
      maxStalledCount: 2,
    });
    worker.on('error', (err) => log.warn('worker connection problem', { err: err.message }));
    worker.on('failed', (job, err) => {
      if (job && !err.message.startsWith('cancelled:'))
        log.warn('job failed on this worker', { job: job.id, reason: err.message });
    });
    return worker;
  });
  log.info('worker ready', {
    model: info.name,
    models: served.join(','),
    queue: queueName(info.name),
    slots: opts.slots,
    provider: info.executionProvider,
    inferencePids: pool.pids.join(','),
  });

  let closing: Promise<void> | undefined;
  return {
    info,
    models: served,
    get pids() {
      return pool.pids;
    },
    close(graceMs = 30_000) {
      closing ??= (async () => {
        clearInterval(beat);
        await redis.del(keys.worker(id)).catch(() => undefined);
        const forced = setTimeout(() => {
          for (const c of running.values()) c.abort();
        }, graceMs);
        await Promise.all(workers.map((w) => w.close().catch(() => undefined)));
        clearTimeout(forced);
        await pool.close();
        sub.disconnect();
        for (const c of connections) c.disconnect();
        redis.disconnect();
      })();
      return closing;
    },
  };
}
