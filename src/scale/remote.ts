/**
 * The bot's side of the GPU workers (REDIS_URL set): an InferenceBackend that hands each run to a BullMQ queue (one
 * per model) and waits for its result. The bot's own fair queue still decides what runs next; this backend tells it
 * how many runs the live workers can take (capacity(): the sum of their slots) and, per model, whether a worker
 * serving that model has a slot free for one more run (availability(): the runs in flight and the new one matched
 * to the slots of workers serving their models, src/scale/capacity.ts). So a model's BullMQ queue is never deeper
 * than the free slots of the workers serving it (no prefetch), a light user never waits behind a heavy user's jobs
 * in Redis, a worker for other models is never idle while a job it could run waits, and a job for a model no live
 * worker serves waits in the bot (its member is told why) instead of in a queue nobody reads.
 *
 * Exactly-once effect on at-least-once execution: a run's BullMQ job id is its queue key (jobs and attempt
 * numbers), so handing it over again is a no-op while Redis still has it; the first completion settles the run and
 * any later one (a stalled worker's duplicate) finds nothing waiting and is dropped. The jobs store's guarded
 * running -> done change is the final word. When Redis comes back (even empty) every run handed off and not seen
 * completed is handed off again.
 *
 * A bot killed while its runs were on workers: each hand-off is recorded per job (keys.runOf), so when the
 * restarted bot runs the same jobs again it takes over the previous run instead: its result when a worker finished
 * it meanwhile, or its completion when it is still waiting or running. Only a run that failed, or whose result is
 * gone (Redis restarted empty, the images expired), is run again.
 */
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { GenerateRequest, GenerateResult, ModelInfo, StepProgress } from '../diffusion/types.ts';
import { CancelledError, InferenceCrashedError, UserError } from '../errors.ts';
import { log } from '../log.ts';
import type { InferenceBackend } from '../queue/types.ts';
import { modelAvailability, type WorkerSlots } from './capacity.ts';
import {
  IMAGE_TTL_S,
  jobResultSchema,
  runOfSchema,
  keys,
  modelInfoSchema,
  presenceSchema,
  progressSchema,
  queueName,
  toJobData,
  type ControlMessage,
} from './protocol.ts';

export interface RemoteBackendOptions {
  redisUrl: string;
  /**
   * The default model (for requests that name none); absent: the one the workers registered (the first by name when
   * several did). A request naming its model goes to that model's queue.
   */
  model?: string | undefined;
  /** How often worker presence and unfinished hand-offs are checked. Default 1 s. */
  pollMs?: number | undefined;
}

export interface RemoteBackend extends InferenceBackend {
  /** Connects; resolves once Redis answered (or failed to: jobs then wait until it is up) with the workers' model. */
  start(): Promise<ModelInfo | undefined>;
  close(graceMs?: number): Promise<void>;
  /** The model the workers registered; undefined until one has. */
  readonly info: ModelInfo | undefined;
  /** Every model a worker has registered (from memory), served now or not, the default one first. */
  readonly models: readonly ModelInfo[];
  /** Whether Redis is reachable now. */
  readonly connected: boolean;
  /** Runs handed off and not settled (tests, /health). */
  readonly inFlight: number;
  /** Settles a run as if its completion had arrived again (tests: a duplicate completion must be a no-op). */
  complete(key: string, returnvalue: unknown): Promise<boolean>;
}

interface Pending {
  /** The run's BullMQ job id: this attempt's key, or the previous process's run it took over. */
  key: string;
  /** The jobs in the run (InferenceBackend's jobKeys); empty when the caller named none. */
  jobKeys: readonly string[];
  /** Deciding between taking over a previous run and handing off anew: reconcile() leaves it alone meanwhile. */
  dispatching: boolean;
  /** Progress relayed in order (a step with a preview waits for its bytes; the next step waits for it). Never rejects. */
  progress: Promise<void>;
  /** Cancelled, or the bot is stopping: nothing more is relayed. (A completed run relays what came before it.) */
  over: boolean;
  req: GenerateRequest;
  onStep: (p: StepProgress) => void;
  resolve: (r: GenerateResult) => void;
  reject: (e: Error) => void;
}

/** Redis clients for BullMQ: commands wait for a reconnect instead of failing (BullMQ requires it). */
function connect(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (n) => Math.min(200 * n, 2_000),
  });
}

/** How long a run this process ended is remembered (a stalled worker's duplicate completes within it). */
const ENDED_KEEP_MS = 3_600_000;
/** Longest wait, once a run's result is in, for the steps announced before it to be relayed. */
const RELAY_WAIT_MS = 2_000;

/** Resolves when `promise` settles or after `ms`, whichever is first (the timer does not hold the process). */
export async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}

export function createRemoteBackend(opts: RemoteBackendOptions): RemoteBackend {
  const pollMs = opts.pollMs ?? 1_000;
  const redis = connect(opts.redisUrl);
  redis.on('error', () => undefined); // reported through 'close'/'ready' below; ioredis reconnects by itself
  let model = opts.model;
  let info: ModelInfo | undefined;
  let registered: ModelInfo[] = [];
  /** Each model's queue and event stream, made when a run for it is first handed off. */
  const queues = new Map<string, { queue: Queue; events: QueueEvents }>();
  /** The models live workers serve (their presence keys). */
  let served = new Set<string>();
  /** The live workers: the models each serves and its slots (shared by those models). */
  let workers: WorkerSlots[] = [];
  /** What the listeners were last told about, so that they hear of a change only. */
  let workersSeen = '';
  let capacity = 0;
  let connected = false;
  let closed = false;
  const capacityListeners = new Set<() => void>();
  const pending = new Map<string, Pending>();
  /** Runs stopped by a time limit since the last restart(): their workers are asked to recycle the process. */
  const timedOut = new Set<string>();
  /**
   * Runs this process settled or stopped, with when: a later completion of one (a stalled worker's duplicate) has its
   * images dropped. A completion of a run this process never had is left alone: it is a previous process's, which
   * dispatch() takes over when its jobs come up again (else its keys expire).
   */
  const ended = new Map<string, number>();
  const end = (key: string) => {
    const now = Date.now();
    ended.set(key, now);
    for (const [k, at] of ended) {
      if (now - at < ENDED_KEEP_MS) break; // oldest first
      ended.delete(k);
    }
  };
  let timer: NodeJS.Timeout | undefined;
  /** Connections given to BullMQ, which does not close what it is given. */
  const owned: Redis[] = [redis];
  const own = (): Redis => {
    const c = connect(opts.redisUrl);
    c.on('error', () => undefined);
    owned.push(c);
    return c;
  };

  /** The live workers changed (or Redis went away: none): the queue looks again at what can start. */
  function setWorkers(live: WorkerSlots[]): void {
    const seen = live
      .map((w) => `${w.slots}:${[...w.models].sort().join(',')}`)
      .sort()
      .join(' ');
    workers = live;
    served = new Set(live.flatMap((w) => w.models));
    if (seen === workersSeen) return;
    workersSeen = seen;
    capacity = live.reduce((n, w) => n + w.slots, 0);
    log.info('workers available', { slots: capacity, models: [...served].sort().join(','), workers: live.length });
    for (const l of capacityListeners) l();
  }

  /** Runs handed off and not settled, per model, plus those about to be (`starting`). */
  function inFlight(starting?: ReadonlyMap<string, number>): Map<string, number> {
    const out = new Map<string, number>(starting);
    for (const p of pending.values()) {
      const name = modelOf(p);
      if (name) out.set(name, (out.get(name) ?? 0) + 1);
    }
    return out;
  }

  redis.on('ready', () => {
    const was = connected;
    if (!connected) log.info('redis connected', { runsInFlight: pending.size });
    connected = true;
    void poll();
    if (!was) for (const l of capacityListeners) l(); // waiting members are no longer told the workers are away
  });
  redis.on('close', () => {
    const was = connected;
    if (connected && !closed)
      log.warn('redis connection lost: jobs wait in the queue until it is back', { runsInFlight: pending.size });
    connected = false;
    setWorkers([]);
    if (was) for (const l of capacityListeners) l(); // waiting members are told the workers cannot be reached
  });

  /** A model's queue (one per model: only workers serving that model take from it), and its event stream. */
  function queueFor(name: string): Queue {
    const known = queues.get(name);
    if (known) return known.queue;
    const q = queueName(name);
    const queue = new Queue(q, { connection: own() });
    queue.on('error', () => undefined);
    const events = new QueueEvents(q, { connection: own() });
    events.on('error', () => undefined);
    events.on('completed', ({ jobId, returnvalue }) => void settle(jobId, { returnvalue }));
    events.on('failed', ({ jobId, failedReason }) => void settle(jobId, { failedReason }));
    events.on('progress', ({ jobId, data }) => {
      const p = progressSchema.safeParse(data);
      const run = pending.get(jobId);
      if (p.success && run) relayProgress(run, p.data);
    });
    queues.set(name, { queue, events });
    return queue;
  }

  /** A step to the queue, with its preview's bytes read from Redis when the worker sent one. */
  function relayProgress(run: Pending, progress: { step: number; totalSteps: number; preview?: boolean | undefined }) {
    run.progress = run.progress
      .then(async () => {
        const bytes = progress.preview ? await redis.getBuffer(keys.preview(run.key)).catch(() => null) : null;
        if (run.over) return;
        run.onStep({
          step: progress.step,
          totalSteps: progress.totalSteps,
          ...(bytes?.length && { preview: new Uint8Array(bytes) }),
        });
      })
      .catch((err: unknown) => log.warn('relaying a step failed', { key: run.key, err }));
  }

  /** The model a run is for: the request's own (the job's), else the workers' default. */
  const modelOf = (p: Pending): string | undefined => p.req.model ?? model;

  /** Worker presence, the model, and every unfinished hand-off checked against Redis. */
  let polling = false;
  async function poll(): Promise<void> {
    if (polling || closed || !connected) return;
    polling = true;
    try {
      // The workers first, then the models: a worker writes its models and its presence in one transaction, so a
      // worker seen here has its models in what is read next (read the other way, a worker could be counted before
      // the model it serves is known).
      const workerKeys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', keys.workerPattern, 'COUNT', 100);
        cursor = next;
        workerKeys.push(...found);
      } while (cursor !== '0');
      const values = workerKeys.length ? await redis.mget(workerKeys) : [];
      const models = await redis.hgetall(keys.models);
      registered = Object.keys(models)
        .sort()
        .flatMap((n) => {
          const m = modelInfoSchema.safeParse(JSON.parse(models[n]!));
          return m.success ? [m.data] : [];
        });
      const name = model ?? Object.keys(models).sort()[0];
      if (name && models[name]) {
        const parsed = modelInfoSchema.safeParse(JSON.parse(models[name]));
        if (parsed.success) info = parsed.data;
        if (!model) queueFor(name); // listening for its events before the first hand-off
        model = name;
      }
      const live: WorkerSlots[] = [];
      for (const v of values) {
        const p = v ? presenceSchema.safeParse(JSON.parse(v)) : undefined;
        // A worker's slots are shared by the models it serves.
        if (p?.success) live.push({ models: p.data.models ?? [p.data.model], slots: p.data.slots });
      }
      if (connected) setWorkers(live);
      await reconcile();
    } catch (err) {
      if (connected) log.warn('could not read worker state from redis', { err });
    } finally {
      polling = false;
    }
  }

  /** A run handed off but unknown to Redis (it restarted empty, or the hand-off was lost) goes again. */
  async function reconcile(): Promise<void> {
    for (const p of [...pending.values()]) {
      if (p.dispatching) continue;
      const name = modelOf(p);
      if (!name) continue;
      const queue = queueFor(name);
      const state = await queue.getJobState(p.key);
      if (pending.get(p.key) !== p || p.dispatching) continue;
      if (state === 'unknown') {
        log.warn('a handed-off run is gone from redis; handing it off again', { key: p.key });
        await dispatch(p);
      } else if (state === 'completed' || state === 'failed') {
        // Missed events (a lost connection): the finished job is read after its state, so its result is there.
        const job = await queue.getJob(p.key);
        if (!job || !pending.has(p.key)) continue;
        if (state === 'completed' && job.returnvalue != null) await settle(p.key, { returnvalue: job.returnvalue });
        else if (state === 'failed') await settle(p.key, { failedReason: job.failedReason });
      }
    }
  }

  /** Takes over the previous process's run of the same jobs when there is one to take; else hands the run off. */
  async function dispatch(p: Pending): Promise<void> {
    p.dispatching = true;
    try {
      const previous = await previousRun(p);
      if (pending.get(p.key) !== p) return; // cancelled meanwhile
      if (previous) {
        pending.delete(p.key);
        p.key = previous.key;
        pending.set(p.key, p);
        log.info('taking over the run a previous bot process handed off', { key: p.key, state: previous.state });
        if (previous.returnvalue !== undefined) await settle(p.key, { returnvalue: previous.returnvalue });
        return;
      }
      await handOff(p);
    } finally {
      p.dispatching = false;
    }
  }

  /**
   * The run of exactly these jobs that an earlier process handed off and that can still give their images: waiting
   * or running on a worker, or finished with its images still in Redis (then with its result).
   */
  async function previousRun(p: Pending): Promise<{ key: string; state: string; returnvalue?: unknown } | undefined> {
    const name = modelOf(p);
    if (!name || p.jobKeys.length === 0) return undefined;
    const queue = queueFor(name);
    const found = await redis.mget(p.jobKeys.map((k) => keys.runOf(k)));
    const runs = found.map((v) => (v ? runOfSchema.safeParse(JSON.parse(v)).data : undefined));
    const run = runs[0];
    if (!run || run.run === p.key || pending.has(run.run)) return undefined;
    const same = (a: readonly string[]) => a.length === p.jobKeys.length && a.every((k, i) => k === p.jobKeys[i]);
    if (!same(run.jobs) || runs.some((r) => r?.run !== run.run)) return undefined;
    const state = await queue.getJobState(run.run);
    if (state === 'unknown' || state === 'failed') return undefined;
    if (state !== 'completed') return { key: run.run, state };
    const job = await queue.getJob(run.run);
    const result = jobResultSchema.safeParse(
      typeof job?.returnvalue === 'string' ? JSON.parse(job.returnvalue) : job?.returnvalue,
    );
    if (!result.success) return undefined;
    const n = result.data.images.length;
    const present = n ? await redis.exists(...Array.from({ length: n }, (_, i) => keys.output(run.run, i))) : 0;
    return present === n ? { key: run.run, state, returnvalue: job!.returnvalue } : undefined;
  }

  async function handOff(p: Pending): Promise<void> {
    const name = modelOf(p);
    if (!name) throw new Error('no model queue yet');
    const queue = queueFor(name);
    const m = redis.multi();
    if (p.req.initImage) m.set(keys.input(p.key), Buffer.from(p.req.initImage), 'EX', IMAGE_TTL_S);
    const runOf = JSON.stringify({ run: p.key, jobs: p.jobKeys });
    for (const k of p.jobKeys) m.set(keys.runOf(k), runOf, 'EX', IMAGE_TTL_S);
    await m.exec();
    await queue.add('generate', toJobData(p.req), {
      jobId: p.key,
      attempts: 1,
      // Kept as long as the images, so that a bot restarted within that time still finds the finished run.
      removeOnComplete: { age: IMAGE_TTL_S },
      removeOnFail: { age: 3_600 },
    });
  }

  /** The run is over (settled or stopped): its jobs' next attempt, if any, is a new run. */
  function forgetRun(p: Pending): void {
    if (p.jobKeys.length) redis.del(...p.jobKeys.map((k) => keys.runOf(k))).catch(() => undefined);
  }

  /** The first completion of a run settles it; later ones find nothing pending and only clean up. */
  async function settle(
    key: string,
    outcome: { returnvalue?: unknown; failedReason?: string | undefined },
  ): Promise<boolean> {
    // A bot stopping leaves what finishes now to its next start, which takes the run over (dispatch).
    if (closed) return false;
    const p = pending.get(key);
    if (outcome.failedReason === undefined && outcome.returnvalue == null) return false; // not finished after all
    if (!p) {
      if (ended.has(key)) await dropOutputs(key, outcome.returnvalue);
      return false;
    }
    pending.delete(key);
    if (outcome.failedReason === undefined) {
      // The steps the worker announced before its result are relayed first: a fast run's only preview may still be
      // on its way (its bytes being read). Bounded, so that a Redis gone quiet cannot hold the result.
      await settledWithin(p.progress, RELAY_WAIT_MS);
      if (closed) {
        // Stopping meanwhile: the result stays in Redis for the next start, which takes the run over.
        p.over = true;
        p.reject(new InferenceCrashedError('The bot is stopping.'));
        return false;
      }
    }
    p.over = true;
    end(key);
    forgetRun(p);
    try {
      if (outcome.failedReason !== undefined) {
        p.reject(decodeFailure(outcome.failedReason));
        return true;
      }
      const raw = typeof outcome.returnvalue === 'string' ? JSON.parse(outcome.returnvalue) : outcome.returnvalue;
      const result = jobResultSchema.parse(raw);
      const outKeys = result.images.map((_, i) => keys.output(key, i));
      const bytes = outKeys.length ? await redis.mgetBuffer(...outKeys) : [];
      const missing = bytes.findIndex((b) => !b);
      if (missing >= 0)
        throw new InferenceCrashedError(
          `The worker's image ${missing + 1} expired before the bot read it; the job runs again.`,
        );
      p.resolve({ ...result, images: result.images.map((img, i) => ({ ...img, png: new Uint8Array(bytes[i]!) })) });
      await redis.del(...outKeys, keys.input(key), keys.preview(key));
    } catch (err) {
      p.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return true;
  }

  async function dropOutputs(key: string, returnvalue: unknown): Promise<void> {
    try {
      const raw = typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue;
      const n = jobResultSchema.safeParse(raw).data?.images.length ?? 0;
      if (n) await redis.del(...Array.from({ length: n }, (_, i) => keys.output(key, i)));
    } catch {
      // Best effort: the keys expire anyway.
    }
  }

  function publish(msg: ControlMessage): void {
    redis
      .multi()
      .set(keys.stopped(msg.key), msg.type, 'EX', 3_600)
      .publish(keys.control, JSON.stringify(msg))
      .exec()
      .catch(() => undefined);
  }

  return {
    get info() {
      return info;
    },
    get models() {
      // Every model a worker has registered, served now or not: a host that restarts, or is down for a while, does not
      // make its model refused; its jobs wait, told that no worker serves it now (availability 'unserved').
      return [...registered].sort((a, b) => Number(b.name === info?.name) - Number(a.name === info?.name));
    },
    get connected() {
      return connected;
    },
    get inFlight() {
      return pending.size;
    },
    capacity: () => capacity,
    onCapacityChange(listener) {
      capacityListeners.add(listener);
    },
    workers: () => workers,
    // Not reachable: the workers are unknown, which is not the same as none serving the model.
    availability: (name, starting) =>
      connected ? modelAvailability(name, inFlight(starting), workers) : 'unreachable',
    async start() {
      timer = setInterval(() => void poll(), pollMs);
      timer.unref();
      await new Promise<void>((resolve) => {
        if (redis.status === 'ready') resolve();
        redis.once('ready', () => resolve());
        redis.once('error', () => resolve());
      });
      await poll();
      return info;
    },
    generate(req, { signal, onStep, key = randomUUID(), jobKeys = [] }) {
      if (signal.aborted) return Promise.reject(new CancelledError());
      return new Promise<GenerateResult>((resolve, reject) => {
        const p: Pending = {
          key,
          jobKeys,
          dispatching: false,
          progress: Promise.resolve(),
          over: false,
          req,
          onStep,
          resolve,
          reject,
        };
        pending.set(key, p);
        signal.addEventListener(
          'abort',
          () => {
            if (pending.get(p.key) !== p) return;
            pending.delete(p.key);
            p.over = true;
            end(p.key);
            forgetRun(p);
            timedOut.add(p.key);
            reject(new CancelledError());
            // Waiting: removed from BullMQ; running: the worker holding it stops at its next step.
            const name = modelOf(p);
            if (name)
              void queueFor(name)
                .remove(p.key)
                .catch(() => undefined);
            publish({ type: 'cancel', key: p.key });
            log.info('run stopped: told the workers', { key: p.key });
          },
          { once: true },
        );
        // Not reachable now: the run stays pending and poll() hands it off when Redis is back.
        dispatch(p).catch((err: unknown) =>
          log.warn('hand-off to redis failed; retried when it is back', { key: p.key, err }),
        );
      });
    },
    async restart() {
      for (const key of timedOut) publish({ type: 'restart', key });
      timedOut.clear();
    },
    complete: (key, returnvalue) => settle(key, { returnvalue }),
    async close() {
      closed = true;
      clearInterval(timer);
      for (const p of pending.values()) {
        p.over = true;
        p.reject(new InferenceCrashedError('The bot is stopping.'));
      }
      pending.clear();
      await Promise.allSettled([...queues.values()].flatMap((q) => [q.events.close(), q.queue.close()]));
      for (const c of owned) c.disconnect();
    },
  };
}

/**
 * A worker's failure, as the queue understands it: 'user:<code>:<message>' is shown to the member, 'bug:' gets an
 * error id, and a crash, a cancellation or BullMQ's own reason retries the job (up to its attempts).
 */
export function decodeFailure(reason: string): Error {
  const m = /^(user|crash|cancelled|bug):([^:]*):([\s\S]*)$/.exec(reason);
  // BullMQ's own reasons (a stalled worker given up on, a lost lock): the worker side failed, not the request.
  if (!m) return new InferenceCrashedError(`The worker running this job failed (${reason}).`);
  const [, kind, code, message] = m;
  if (kind === 'user') return new UserError(message!, code || 'user-error');
  if (kind === 'crash') return new InferenceCrashedError(message!);
  if (kind === 'cancelled') return new CancelledError(message!);
  return new Error(`worker: ${message}`);
}

/** The worker's side of decodeFailure. */
export function encodeFailure(err: unknown): string {
  if (err instanceof UserError) return `user:${err.code}:${err.message}`;
  if (err instanceof InferenceCrashedError) return `crash::${err.message}`;
  if (err instanceof CancelledError) return `cancelled::${err.message}`;
  return `bug::${err instanceof Error ? err.message : String(err)}`;
}
