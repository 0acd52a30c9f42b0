/**
 * A GPU worker (`npm run worker`): BullMQ Workers on this process's main thread and WORKER_SLOTS inference
 * processes (the same children the bot uses alone) for the ONNX sessions, so lock renewal is never blocked by
 * inference. It serves its default model and any installed ones WORKER_MODELS names: one BullMQ Worker on each
 * model's queue (the bot hands a job to its model's queue only), fetched from by hand into WORKER_SLOTS slots in
 * all, so it never holds more jobs than it runs; a job runs on the model of the queue it came from (loaded on demand
 * by the inference process, within MODEL_MEMORY_MB). It never talks to Discord or SQLite: it takes a job's
 * parameters from Redis, reads its input image
 * key, writes result images as binary keys with a TTL, reports steps as BullMQ progress, and stops a job at its
 * next step when the bot says so on the control channel. Its presence key (renewed every two seconds) tells the bot
 * how many slots it offers; when this process dies its inference children exit too (they leave when their IPC
 * channel closes).
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { QueueEvents, UnrecoverableError, Worker, type Job } from 'bullmq';
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
import { encodeFailure, settledWithin } from './remote.ts';

/** Longest wait, while stopping, for each thing that needs Redis (which may be down). */
const REDIS_STOP_WAIT_MS = 3_000;
/** Longest wait, once a job's result is in, for its step reports to reach Redis before the result does. */
const REPORT_WAIT_MS = 5_000;

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
  // Subscribed by hand on every (re)connect (not ioredis's autoResubscribe, which says 'ready' before it has
  // subscribed again), so the stop keys are read only once the channel is heard again: see listen().
  const sub = redis.duplicate({ autoResubscribe: false });
  sub.on('error', () => undefined);
  const subscribed = new Promise<void>((resolve) => sub.on('ready', () => void listen().then(resolve)));
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
  /**
   * Pub/sub is fire-and-forget: a stop published while the subscription was down (a reconnect) never arrives. The
   * bot sets each stopped run's key before it publishes, so once subscribed again the keys of the jobs running here
   * say whether one was stopped meanwhile; after that the channel does. A job starting checks its own key too (it may
   * have been stopped while this worker fetched it). No key is read at every step.
   */
  async function listen(): Promise<void> {
    try {
      await sub.subscribe(keys.control);
      await checkStopped([...running.keys()]);
    } catch (err) {
      log.warn('could not subscribe to the control channel yet', { err });
    }
  }
  async function checkStopped(runs: string[]): Promise<void> {
    if (runs.length === 0) return;
    const types = await redis.mget(runs.map((k) => keys.stopped(k)));
    types.forEach((type, i) => {
      if (type === 'cancel' || type === 'restart') stop({ type, key: runs[i]! });
    });
  }
  await subscribed;

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

  /**
   * One slot count for the whole host: a job is fetched only into a free slot, whatever its model. Each model's
   * BullMQ Worker runs without a processor (autorun off) and this loop fetches from them by hand (BullMQ's "manually
   * processing jobs"): with one automatic Worker per model, each with WORKER_SLOTS concurrency, a host serving two
   * models could lock two jobs per slot and hold one behind the other, its lock renewed, hidden from other workers.
   * Models take turns (round-robin) for a freed slot; the bot's fair queue already chose what reaches each queue.
   */
  let free = opts.slots;
  let closingNow = false;
  let turn = 0;
  let tokens = 0;
  let filling: Promise<void> | undefined;
  let fillAgain = false;
  /** What runs here now (close() waits for it). */
  const active = new Set<Promise<void>>();

  /** Fetches jobs into the free slots; called when a job may have arrived or a slot freed. */
  function fill(): void {
    if (filling) {
      fillAgain = true;
      return;
    }
    filling = (async () => {
      do {
        fillAgain = false;
        while (free > 0 && !closingNow && (await fetchOne()));
      } while (fillAgain && free > 0 && !closingNow);
    })()
      .catch((err: unknown) => log.debug('fetching a job failed; tried again at the next poll', { err }))
      .finally(() => (filling = undefined));
  }

  /** Takes the next job of the first model queue (in turn) that has one; false when none has. */
  async function fetchOne(): Promise<boolean> {
    for (let i = 0; i < fetchers.length; i++) {
      const f = fetchers[(turn + i) % fetchers.length]!;
      const token = `${id}:${++tokens}`;
      const job = (await f.worker.getNextJob(token, { block: false })) as Job | undefined;
      if (!job) continue;
      turn = (turn + i + 1) % fetchers.length;
      free--;
      const done = processJob(job, token, f.model).finally(() => {
        active.delete(done);
        free++;
        fill();
      });
      active.add(done);
      return true;
    }
    return false;
  }

  /** Runs a fetched job, keeping its lock while it runs, and moves it to completed or failed. */
  async function processJob(job: Job, token: string, model: string): Promise<void> {
    const renew = setInterval(
      () =>
        void job
          .extendLock(token, opts.lockMs)
          .catch((err: unknown) => log.warn('could not renew a job lock', { job: job.id, err })),
      Math.max(500, Math.round(opts.lockMs / 2)),
    );
    try {
      let result: JobResult;
      try {
        result = await run(job, model);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        if (!error.message.startsWith('cancelled:'))
          log.warn('job failed on this worker', { job: job.id, reason: error.message });
        await job.moveToFailed(error, token, false);
        return;
      }
      await job.moveToCompleted(result, token, false);
    } catch (err) {
      // Its lock was lost (this worker was presumed dead and the job went to another): that one's outcome counts.
      log.warn('could not report a job to redis', { job: job.id, err });
    } finally {
      clearInterval(renew);
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
    /** Progress reports in step order: a step's preview key is written before its event announces it. */
    let reporting: Promise<unknown> = Promise.resolve();
    let lastPreviewAt = -Infinity;
    running.set(key, controller);
    // Stopped while it was being fetched (the message found it not running here yet)?
    checkStopped([key]).catch((err: unknown) => log.warn('could not read a stop key', { job: key, err }));
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
        },
      });
      // Every step (and its preview) is announced before the result, so the bot relays them before it settles the
      // run. Bounded: a report stuck on a Redis gone quiet must not hold the job (or a closing worker) forever.
      await settledWithin(reporting, REPORT_WAIT_MS);
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
  const duplicate = (): Redis => {
    const c = redis.duplicate();
    c.on('error', () => undefined);
    connections.push(c);
    return c;
  };
  const fetchers = served.map((model) => {
    const worker = new Worker(queueName(model), null, {
      connection: duplicate(),
      autorun: false,
      lockDuration: opts.lockMs,
      stalledInterval: Math.max(1_000, Math.round(opts.lockMs / 2)),
      // A job whose worker died goes back once or twice; the bot's own attempt limit is the real bound.
      maxStalledCount: 2,
    });
    worker.on('error', (err) => log.warn('worker connection problem', { err: err.message }));
    // Jobs of a worker that died go back to their queue (a manual worker starts its stalled checker itself).
    void worker.startStalledCheckTimer().catch(() => undefined);
    // A job added (or put back) wakes the fetch loop at once.
    const events = new QueueEvents(queueName(model), { connection: duplicate() });
    events.on('error', () => undefined);
    events.on('waiting', () => fill());
    return { model, worker, events };
  });
  // Events are missed while reconnecting: the queues are looked at every second too.
  const poll = setInterval(fill, 1_000);
  fill();
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
        closingNow = true;
        clearInterval(poll);
        // While Redis cannot be reached its commands wait for it, so every wait on it here is bounded: the presence
        // key expires on its own, and a job whose end was not reported goes to another worker once its lock expires.
        await settledWithin(redis.del(keys.worker(id)), REDIS_STOP_WAIT_MS);
        const forced = setTimeout(() => {
          for (const c of running.values()) c.abort();
        }, graceMs);
        // A fetch waits for Redis when it is down: nothing can come from it then, so it is not waited for long.
        await settledWithin(filling ?? Promise.resolve(), 1_000);
        // Running jobs finish within the grace or stop at their next step after it, then report their end.
        await settledWithin(Promise.all(active), graceMs + REDIS_STOP_WAIT_MS);
        clearTimeout(forced);
        await settledWithin(
          Promise.all(
            fetchers.flatMap((f) => [f.worker.close().catch(() => undefined), f.events.close().catch(() => undefined)]),
          ),
          REDIS_STOP_WAIT_MS,
        );
        await pool.close();
        sub.disconnect();
        for (const c of connections) c.disconnect();
        redis.disconnect();
      })();
      return closing;
    },
  };
}
