/**
 * The job queue: every accepted request is a jobs row first (state queued), then waits in a fair in-memory order
 * (FairQueue: round-robin between users, weighted per guild) until one of `slots` p-queue workers takes it. The
 * order is decided when a slot frees up, not when a job arrives, so a newcomer's first job goes ahead of a heavy
 * user's backlog. SQLite is the truth: a job only runs after markRunning (queued -> running) succeeds and only
 * completes through markDone (running -> done), so nothing completes twice, and whatever a dead process left
 * queued or running is found again by recover().
 *
 * Its parts: fair.ts (the order), batch.ts (taking the next run), eta.ts (estimates and projection), events.ts (the
 * event outbox and position announcements); state changes that refund or audit are the lifecycle store's
 * (src/db/lifecycle.ts), so the queue never holds the SQLite handle.
 *
 *   const queue = createJobQueue({ stores, backend: inferenceClient, config: { slots: 1, maxWaiting: 200,
 *     maxPerUser: 5, jobTimeoutMs: 600_000 } });
 *   queue.on('update', (jobId, event) => bot.render(jobId, event));
 *   queue.recover();                         // at start-up, before taking requests
 *   const { job, position, etaMs } = queue.submit(newJob);   // after quota.reserve(); refunds it if refused
 *   queue.cancel(job.id, userId);
 *   await queue.shutdown({ graceMs: 30_000 });
 */
import PQueue from 'p-queue';
import type { GenerateRequest, GenerateResult, StepProgress } from '../diffusion/types.ts';
import type { Job, NewJob } from '../db/jobs.ts';
import type { QuotaHold } from '../db/quota.ts';
import type { Stores } from '../db/stores.ts';
import { CancelledError, InferenceCrashedError, isUserError, newErrorId, UserError } from '../errors.ts';
import { localized, userError, type Localized } from '../i18n/index.ts';
import { log as defaultLog, jobLog, type LogLike } from '../log.ts';
import { planRuns, takeBatch, type Batch } from './batch.ts';
import {
  createEstimator,
  projectRuns,
  projectStarts,
  projectStartsOnWorkers,
  remainingMs,
  type BusySlot,
} from './eta.ts';
import { createOutbox, createPositionAnnouncer } from './events.ts';
import { FairQueue } from './fair.ts';
import { infoForJob, mergeBatch, requestForJob, splitBatchResult, startsFromImage } from './request.ts';
import type {
  CancelResult,
  InferenceBackend,
  NoWorker,
  QueueConfig,
  QueueListener,
  QueuedEntry,
  QueueSnapshot,
  RecoverReport,
  RunningEntry,
} from './types.ts';

export interface JobQueueDeps {
  /** The jobs store, and the lifecycle store for state changes that refund or audit; the database only for its clock. */
  stores: Pick<Stores, 'jobs' | 'lifecycle'> & { database: Pick<Stores['database'], 'clock'> };
  backend: InferenceBackend;
  config: QueueConfig;
  /** Epoch ms for timestamps and ETAs; the database's clock by default. Time limits use real timers. */
  clock?: (() => number) | undefined;
  log?: LogLike | undefined;
}

export interface SubmitResult {
  job: Job;
  /** 1-based place in the fair start order (1: next to start). */
  position: number;
  /** Estimated wait until it starts. */
  etaMs: number;
}

export interface SubmitOptions {
  /**
   * Quota held before the acknowledgement (quota.hold()): its reservation is written in the same transaction as the
   * job, so nothing is charged unless the job exists. A refusal of it throws the quota's UserError.
   */
  hold?: QuotaHold | undefined;
}

export interface CancelOptions {
  /** The caller checked that `byUserId` may remove other people's jobs (Manage Server in the job's guild). */
  moderator?: boolean | undefined;
  /** Shown to the owner and kept on the job (and in the audit log for a moderator). */
  reason?: string | null | undefined;
}

export interface JobQueue {
  /**
   * Bound checks and the insert in one IMMEDIATE transaction, then into the fair order. Refusals throw a UserError
   * (code 'queue-full', 'queue-user-full' or 'restarting') after refunding `newJob.reservationId`, so a refused
   * request is never charged. Emits 'queued'.
   */
  submit(newJob: NewJob, opts?: SubmitOptions): SubmitResult;
  /**
   * Cancels a queued job at once, or a running one (the pipeline stops at its next step); marks it cancelled and
   * refunds its quota in one transaction; emits 'cancelled'. Only the owner, or a moderator (opts.moderator, which
   * the caller has checked), may; anyone else gets a UserError.
   */
  cancel(jobId: number, byUserId: string, opts?: CancelOptions): CancelResult;
  /**
   * At start-up, once, before submit(): jobs left running by a previous process go back to queued; jobs that had
   * started (left running, or put back by a stop) go to the head of the line, the others enter the fair order in
   * their original (id) order; each gets a 'recovered' event. A job already started
   * maxAttempts times is failed and refunded instead (a request that kills the process must not loop forever).
   */
  recover(): RecoverReport;
  /**
   * Stops accepting (submit throws 'restarting'), starts nothing new, lets running jobs finish within graceMs, then
   * stops them and leaves them queued (not failed, not refunded) for the next start, with an 'interrupted' event;
   * recover() then puts them at the head of the line. Resolves when nothing runs. Queued jobs stay queued in the
   * database. Called again with graceMs 0 while waiting (a second signal), it stops the running jobs at once.
   */
  shutdown(opts?: { graceMs?: number | undefined }): Promise<void>;
  /** Place and estimates of a queued job; null when it is not waiting. */
  position(jobId: number): QueuedEntry | null;
  /** Everything waiting and running, for /queue. */
  snapshot(): QueueSnapshot;
  /** Subscribes to job events (delivered asynchronously, in order). Returns the unsubscribe function. */
  on(event: 'update', listener: QueueListener): () => void;
  off(event: 'update', listener: QueueListener): void;
  /** Resolves when nothing is waiting or running and every event has been delivered (tests, benchmarks). */
  idle(): Promise<void>;
  readonly accepting: boolean;
}

/** One backend request: a job, or several batched together. */
interface Run extends BusySlot {
  readonly jobs: Job[];
  readonly reqs: GenerateRequest[];
  /** Jobs still waiting for this run's images (cancelled or failed ones leave). */
  readonly live: Set<number>;
  readonly controller: AbortController;
  readonly timeoutMs: number;
  /** Set when the time limit or a forced shutdown has already settled the jobs: whatever the backend says is dropped. */
  abandoned: boolean;
  abandon: () => void;
  readonly abandonedSignal: Promise<void>;
  /** A restart of the backend this run triggered; the slot waits for it. */
  restarting?: Promise<void> | undefined;
}

const DEFAULT_FALLBACK_RUN_MS = 30_000;
/** How long a forced shutdown waits for the backend to acknowledge the abort before it stops waiting. */
const ABORT_WAIT_MS = 5_000;
/** Steps re-project ETAs at most this often. */
const PROGRESS_REPROJECT_MS = 2_000;

export function createJobQueue(deps: JobQueueDeps): JobQueue {
  const { stores, backend, config } = deps;
  const { jobs, lifecycle } = stores;
  const clock = deps.clock ?? stores.database.clock;
  const log = deps.log ?? defaultLog;
  const maxBatchLatents = config.maxBatchLatents ?? 1;
  /** Whether a job starts from an image (it then runs alone): no file read. */
  const isFromImage = (job: Job) => startsFromImage(job, jobs);
  const maxAttempts = config.maxAttempts ?? 3;
  const fallbackRunMs = config.fallbackRunMs ?? DEFAULT_FALLBACK_RUN_MS;
  const previews = config.previews ?? true;
  const displayMinSide = config.displayMinSide ?? 0;
  checkConfig(config);

  const fair = new FairQueue<Job>({ guildWeights: config.guildWeights });
  const pq = new PQueue({ concurrency: config.slots });
  /** Runs at once: config.slots, or what the backend can take now (remote workers). */
  let slots = config.slots;
  const runs = new Set<Run>();
  const runOf = new Map<number, Run>();
  const outbox = createOutbox(log);
  const emit = outbox.emit;
  const estimator = createEstimator(jobs, fallbackRunMs);
  const estimateMs = estimator.estimateMs;
  let accepting = true;
  let stopping = false;
  let recovered = false;
  let shutdownPromise: Promise<void> | undefined;
  let hurry = (): void => {};
  let restartChain: Promise<void> = Promise.resolve();
  let lastProgressProjection = 0;

  /**
   * The fair start order with, for each job, its place, the wait until a slot is free for it, and its run time. A
   * job whose model no live worker serves keeps its place but takes no slot in the estimates (noWorker).
   */
  function project(): QueuedEntry[] {
    const now = clock();
    const busy: { model: string; ms: number }[] = [];
    for (const run of runs) if (!run.abandoned) busy.push({ model: run.jobs[0]!.model, ms: remainingMs(run, now) });
    const order = fair.order();
    // Workers serving different models: each job is laid onto the slots of the workers serving its model.
    const workers = backend.workers?.();
    const layJobs = (jobs: readonly Job[], estimate: (job: Job) => number) =>
      workers?.length
        ? projectStartsOnWorkers(jobs, busy, workers, estimate)
        : projectStarts(
            jobs,
            busy.map((b) => b.ms),
            Math.max(1, slots),
            estimate,
          );
    // Jobs that will share a run (batching) start and end together: each run takes one slot.
    const lay = (jobs: readonly Job[]) =>
      maxBatchLatents > 1
        ? projectRuns(jobs, planRuns(jobs, { maxBatchLatents, startsFromImage: isFromImage }), layJobs, estimateMs)
        : layJobs(jobs, estimateMs);
    const unserved = unservedModels(order);
    if (unserved.size === 0) return lay(order);
    const served = order.filter((j) => !unserved.has(j.model));
    const starts = new Map(lay(served).map((e) => [e.job.id, e]));
    return order.map((job, i) => ({
      ...(starts.get(job.id) ?? {
        job,
        etaMs: 0,
        runMs: Math.round(estimateMs(job)),
        noWorker: unserved.get(job.model),
      }),
      position: i + 1,
    }));
  }

  /**
   * The models of these jobs that no worker can take now, and why: none live serves it, or the workers cannot be
   * reached (a backend of workers).
   */
  function unservedModels(order: readonly Job[]): Map<string, NoWorker> {
    const out = new Map<string, NoWorker>();
    if (!backend.availability) return out;
    const asked = new Set<string>();
    for (const { model } of order) {
      if (asked.has(model)) continue;
      asked.add(model);
      const a = backend.availability(model);
      if (a === 'unserved' || a === 'unreachable') out.set(model, a);
    }
    return out;
  }

  /**
   * Which jobs can start now: those whose model has a free worker slot (asked once per model per pick), or any when
   * the backend runs every model on the same slots.
   */
  function startable(): ((job: Job) => boolean) | undefined {
    if (!backend.availability) return undefined;
    const memo = new Map<string, boolean>();
    return ({ model }) => {
      let ok = memo.get(model);
      if (ok === undefined) memo.set(model, (ok = backend.availability!(model, preparing) === 'free'));
      return ok;
    };
  }
  /** Runs taken from the fair order whose images are being read, per model: not handed to the backend yet. */
  const preparing = new Map<string, number>();

  /**
   * Slot tasks that found jobs waiting but none whose model had a free worker slot: they ended (so that they hold no
   * p-queue slot another model's job could use) and are added again when a run ends or the workers change.
   */
  let parked = 0;
  function unpark(): void {
    const n = Math.min(parked, fair.size);
    parked = 0;
    if (!stopping) for (let i = 0; i < n; i++) addSlotTask();
  }
  const positions = createPositionAnnouncer({ project, emit, tickMs: config.positionTickMs });
  const reproject = positions.reproject;

  /** A backend whose capacity changes sets the slots: with none (no worker reachable) jobs wait in their place. */
  function applyCapacity(): void {
    const c = backend.capacity?.() ?? config.slots;
    if (c !== slots || c > 0 === pq.isPaused) {
      slots = c;
      if (c <= 0) pq.pause();
      else {
        pq.concurrency = c;
        if (!stopping) pq.start();
      }
    }
    // The same slots may serve other models now: places, estimates and who can start are looked at again.
    reproject();
    unpark();
  }
  if (backend.capacity) {
    slots = -1;
    applyCapacity();
    backend.onCapacityChange?.(applyCapacity);
  }

  // --- finishing jobs (store change, refund and event together)
  function failJob(job: Job, text: string | Localized, errorId?: string): void {
    positions.forget(job.id);
    const message = typeof text === 'string' ? text : text.message;
    if (lifecycle.fail(job, message, clock())) {
      emit(job.id, {
        type: 'failed',
        error: message,
        ...(typeof text !== 'string' && { localized: text.localized }),
        ...(errorId && { errorId }),
      });
    }
  }

  // --- running
  /** A p-queue task: one per queued job. It takes whatever is fairest when it runs (or nothing). */
  async function slotTask(): Promise<void> {
    if (stopping) return;
    let batch: Batch | undefined;
    try {
      for (;;) {
        batch = takeBatch(fair, {
          maxBatchLatents,
          startsFromImage: isFromImage,
          taken: (job) => positions.forget(job.id),
          eligible: startable(),
        });
        const first = batch?.[0];
        if (!first || !startsFromImage(first.job, jobs)) break;
        // Its images are read off the gateway thread; one that cannot be read fails, and the next job is tried.
        // Meanwhile it holds its model's worker slot (the backend does not know of it yet).
        const model = first.job.model;
        preparing.set(model, (preparing.get(model) ?? 0) + 1);
        try {
          batch = [{ job: first.job, req: await requestForJob(first.job, jobs) }];
          break;
        } catch (err) {
          failWithError([first.job], err);
          batch = undefined;
        } finally {
          const n = preparing.get(model)! - 1;
          if (n > 0) preparing.set(model, n);
          else preparing.delete(model);
        }
      }
      // Stopped while its images were read: it is still queued in the database, for the next start.
      if (batch && !stopping) await runBatch(batch);
      else if (!batch && fair.size > 0) parked++;
    } catch (err) {
      // A bug in the queue itself (or the database went away): never leave a job running or silently lost. What
      // cannot be marked failed here stays queued or running in the database, and recover() finds it.
      const errorId = newErrorId();
      log.error('queue bug while running a job', { errorId, jobs: batch?.map((b) => b.job.id).join(','), err });
      for (const b of batch ?? []) {
        try {
          failJob(b.job, bugMessage(errorId), errorId);
        } catch (e) {
          jobLog(log, b.job).error('could not mark the job failed', { err: e });
        }
      }
    }
  }
  const addSlotTask = () => void pq.add(slotTask).catch((err: unknown) => log.error('queue task failed', { err }));

  const postedInDiscord = (j: Job) => !!(j.interactionToken || j.messageId || j.channelId);

  async function runBatch(batch: Batch): Promise<void> {
    const at = clock();
    const ids = new Set(
      jobs.startRun(
        batch.map((b) => b.job.id),
        at,
      ),
    );
    const started = batch.filter((b) => ids.has(b.job.id));
    if (started.length === 0) return;
    const rows = started.map((b) => jobs.get(b.job.id) ?? b.job);
    let abandon!: () => void;
    const abandonedSignal = new Promise<void>((resolve) => (abandon = resolve));
    const run: Run = {
      jobs: rows,
      reqs: started.map((b) => b.req),
      live: new Set(rows.map((j) => j.id)),
      controller: new AbortController(),
      startedAt: at,
      estimateMs: rows.reduce((t, j) => t + estimateMs(j), 0),
      timeoutMs: config.jobTimeoutMs * rows.length,
      step: null,
      totalSteps: null,
      abandoned: false,
      abandon,
      abandonedSignal,
    };
    runs.add(run);
    for (const j of rows) {
      runOf.set(j.id, run);
      emit(j.id, { type: 'started', estimateMs: Math.round(run.estimateMs), batchSize: rows.length });
    }
    reproject();
    const req = {
      ...(run.reqs.length === 1 ? run.reqs[0]! : mergeBatch(run.reqs)),
      ...(previews && { preview: true }),
      // Display copies only for what Discord shows (the playground's jobs have no place there).
      ...(displayMinSide > 0 && rows.some(postedInDiscord) && { displayMinSide }),
    };
    const timer = setTimeout(() => onTimeout(run), run.timeoutMs);
    try {
      const outcome = await Promise.race([
        backend
          .generate(req, {
            signal: run.controller.signal,
            onStep: (p) => onStep(run, p),
            onLoading: (model) => {
              if (run.abandoned) return;
              for (const j of run.jobs) if (run.live.has(j.id)) emit(j.id, { type: 'loading', model });
            },
            key: rows.map(runKeyOf).join('_'),
            jobKeys: rows.map(jobKeyOf),
          })
          .then(
            (result) => ({ result }),
            (error: unknown) => ({ error }),
          ),
        abandonedSignal.then(() => undefined),
      ]);
      if (outcome && !run.abandoned) {
        run.abandoned = true; // over: projections stop counting it as busy
        if ('result' in outcome) await finishDone(run, outcome.result);
        else finishError(run, outcome.error);
      }
    } finally {
      clearTimeout(timer);
      if (run.restarting) await run.restarting;
      runs.delete(run);
      for (const j of rows) if (runOf.get(j.id) === run) runOf.delete(j.id);
      reproject();
      unpark(); // its model's slot is free again
    }
  }

  function onStep(run: Run, p: StepProgress): void {
    if (run.abandoned) return;
    run.step = p.step;
    run.totalSteps = p.totalSteps;
    let first = true;
    for (const j of run.jobs) {
      if (!run.live.has(j.id)) continue;
      // The preview shows image 0 of the request: the first job's.
      emit(j.id, {
        type: 'progress',
        step: p.step,
        totalSteps: p.totalSteps,
        ...(first && p.preview && { preview: p.preview }),
      });
      first = false;
    }
    const now = clock();
    if (now - lastProgressProjection >= PROGRESS_REPROJECT_MS) {
      lastProgressProjection = now;
      reproject();
    }
  }

  async function finishDone(run: Run, result: GenerateResult): Promise<void> {
    let parts;
    let stored;
    try {
      parts = splitBatchResult(run.reqs, result);
      // The PNGs go to the image files first, off this thread; the database keeps their references.
      stored = await Promise.all(run.jobs.map((job, i) => (run.live.has(job.id) ? jobs.storeImages(parts![i]!) : [])));
    } catch (err) {
      finishError(run, err);
      return;
    }
    const at = clock();
    run.jobs.forEach((job, i) => {
      if (!run.live.has(job.id)) return;
      run.live.delete(job.id);
      const images = parts[i]!;
      if (!jobs.markDone(job.id, stored[i]!, at)) {
        jobLog(log, job).warn('result dropped: the job was no longer running');
        return;
      }
      const row = jobs.get(job.id);
      jobLog(log, job).info('job done', {
        model: job.model,
        images: images.length,
        waitMs: row?.waitMs ?? undefined,
        runMs: row?.runMs ?? undefined,
      });
      emit(job.id, {
        type: 'done',
        images,
        info: infoForJob(run.reqs, result, i),
        waitMs: row?.waitMs ?? 0,
        runMs: row?.runMs ?? 0,
      });
    });
    for (const images of stored) jobs.release(images); // referenced now, or left for the sweep
    estimator.forget();
  }

  function finishError(run: Run, err: unknown): void {
    const live = run.jobs.filter((j) => run.live.has(j.id));
    run.live.clear();
    if (live.length === 0) return; // all cancelled: the abort did its work
    failWithError(live, err, true);
  }

  /** Decides what an error means for these jobs: retry after a crash, the user's message, or a bug id. */
  function failWithError(list: Job[], err: unknown, wasRunning = false): void {
    if (wasRunning && (isCrash(err) || isCancelled(err))) {
      // The inference process died under them (or stopped them without being asked): not their fault, retry.
      for (const job of list) {
        const row = jobs.get(job.id) ?? job;
        if (row.attempts < maxAttempts && jobs.requeue(job.id)) {
          jobLog(log, job).warn('job interrupted by an inference crash; queued again', { attempts: row.attempts });
          fair.resume(jobs.get(job.id) ?? row);
          const p = position(job.id);
          if (p) {
            positions.told(job.id, p);
            emit(job.id, {
              type: 'recovered',
              position: p.position,
              etaMs: p.etaMs,
              wasRunning: true,
              ...(p.noWorker && { noWorker: p.noWorker }),
            });
          }
          addSlotTask();
        } else {
          failJob(job, localized('fail.crashed', { count: row.attempts }));
        }
      }
      return;
    }
    if (isUserError(err)) {
      for (const job of list) {
        // Its model is not installed any more (a job recovered after the owner removed it): said in every language.
        if (err.code === 'model-gone') failJob(job, localized('fail.modelGone', { model: job.model }));
        else failJob(job, err.localized ? { message: err.message, localized: err.localized } : err.message);
      }
      return;
    }
    const errorId = newErrorId();
    log.error('job failed with a bug', { errorId, jobs: list.map((j) => j.id).join(','), err });
    for (const job of list) failJob(job, bugMessage(errorId), errorId);
  }

  function onTimeout(run: Run): void {
    if (run.abandoned || runs.has(run) === false) return;
    run.abandoned = true;
    const seconds = run.timeoutMs < 10_000 ? run.timeoutMs / 1000 : Math.round(run.timeoutMs / 1000);
    const limit = `${seconds} s`;
    const message = localized('fail.timeout', { seconds });
    log.warn('job time limit exceeded; restarting the inference process', {
      jobs: run.jobs.map((j) => j.id).join(','),
      limit,
    });
    for (const job of run.jobs) if (run.live.has(job.id)) failJob(job, message);
    run.live.clear();
    run.controller.abort();
    // The process may be stuck inside one model call, where the abort is never seen: recycle it. The slot stays
    // busy until the fresh process is up, and whatever the old request still says is dropped.
    run.restarting = restartChain = restartChain
      .then(() => backend.restart())
      .catch((err: unknown) => {
        log.error('inference restart after a time limit failed', { err });
      });
    run.abandon();
  }

  function position(jobId: number): QueuedEntry | null {
    if (!fair.has(jobId)) return null;
    return project().find((e) => e.job.id === jobId) ?? null;
  }

  function waitForRuns(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(runs.size === 0), ms);
      void pq.onIdle().then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  return {
    get accepting() {
      return accepting;
    },

    submit(newJob, opts = {}) {
      if (!accepting) {
        if (newJob.reservationId != null) lifecycle.refund(newJob.reservationId);
        throw userError('restarting', 'queue.restarting');
      }
      let admitted;
      try {
        admitted = lifecycle.admit(newJob, config, clock(), opts.hold);
      } catch (err) {
        // Bad params (a bug in the caller) or a database error: nothing was created, so nothing stays charged.
        if (newJob.reservationId != null) lifecycle.refund(newJob.reservationId);
        throw err;
      }
      if (!admitted.ok && admitted.reason === 'quota') {
        const r = admitted.refusal;
        throw new UserError(r.message, r.limit, { localized: r.localized });
      }
      if (!admitted.ok) throw refusal(admitted.reason, admitted.count);
      const created = admitted.job;
      fair.push(created);
      const p = position(created.id) ?? { position: 1, etaMs: 0 };
      positions.told(created.id, p);
      emit(created.id, {
        type: 'queued',
        position: p.position,
        etaMs: p.etaMs,
        ...('noWorker' in p && p.noWorker && { noWorker: p.noWorker }),
      });
      reproject(); // a newcomer can move ahead of other people's jobs
      addSlotTask();
      return { job: created, position: p.position, etaMs: p.etaMs };
    },

    cancel(jobId, byUserId, opts = {}) {
      const job = jobs.get(jobId);
      if (!job) return { cancelled: false, reason: 'not-found' };
      if (job.userId !== byUserId && !opts.moderator) {
        throw userError('not-owner', 'button.notOwnerCancel');
      }
      if (job.state !== 'queued' && job.state !== 'running') return { cancelled: false, reason: 'finished', job };
      if (!lifecycle.cancel(job, { byUserId, moderator: opts.moderator, reason: opts.reason }, clock()))
        return { cancelled: false, reason: 'finished', job: jobs.get(jobId) };
      fair.remove(jobId);
      positions.forget(jobId);
      const run = runOf.get(jobId);
      if (run) {
        run.live.delete(jobId);
        // Stop the pipeline only when nobody in the batch still wants its images.
        if (run.live.size === 0) run.controller.abort();
      }
      const byModerator = !!opts.moderator && byUserId !== job.userId;
      emit(jobId, { type: 'cancelled', byUserId, byModerator, reason: opts.reason ?? null });
      reproject();
      return { cancelled: true, wasRunning: job.state === 'running', job: jobs.get(jobId) ?? job };
    },

    recover() {
      if (recovered) throw new Error('queue.recover() runs once, at start-up');
      if (runs.size > 0) throw new Error('queue.recover() must run before any job starts');
      recovered = true;
      const requeued = jobs.requeueInterrupted();
      const crashed = new Set(requeued);
      const wasRunning = new Set<number>();
      const failed: number[] = [];
      const queued: number[] = [];
      const waiting: Job[] = [];
      for (const job of jobs.listQueued()) {
        if (fair.has(job.id)) continue;
        if (crashed.has(job.id) && job.attempts >= maxAttempts) {
          failJob(job, localized('fail.interrupted', { count: job.attempts }));
          failed.push(job.id);
          continue;
        }
        // Started before (left running by a crash, or put back by a stop): it goes to the head of the line.
        if (job.attempts > 0) {
          wasRunning.add(job.id);
          fair.resume(job);
        } else waiting.push(job);
        queued.push(job.id);
      }
      for (const job of waiting) fair.push(job);
      const mine = new Set(queued);
      for (const e of project()) {
        if (!mine.has(e.job.id)) continue;
        positions.told(e.job.id, e);
        emit(e.job.id, {
          type: 'recovered',
          position: e.position,
          etaMs: e.etaMs,
          wasRunning: wasRunning.has(e.job.id),
          ...(e.noWorker && { noWorker: e.noWorker }),
        });
      }
      for (let i = 0; i < queued.length; i++) addSlotTask();
      if (requeued.length || queued.length || failed.length) {
        log.info('queue recovered', { requeued: requeued.length, queued: queued.length, failed: failed.length });
      }
      return { requeued, queued, failed };
    },

    shutdown(opts = {}) {
      // A second call while the first still waits (a second Ctrl-C) cuts the grace short.
      if (shutdownPromise && (opts.graceMs ?? 0) === 0) hurry();
      shutdownPromise ??= (async () => {
        accepting = false;
        stopping = true;
        pq.clear(); // queued jobs stay queued in the database for the next start
        const graceMs = opts.graceMs ?? 0;
        const hurried = new Promise<false>((resolve) => (hurry = () => resolve(false)));
        if (runs.size > 0 && !(await Promise.race([waitForRuns(graceMs), hurried]))) {
          for (const run of runs) {
            if (run.abandoned) continue;
            // Back to queued before anything else, so that a kill right now still finds them on the next start.
            for (const job of run.jobs) {
              if (!run.live.has(job.id)) continue;
              if (jobs.requeue(job.id)) emit(job.id, { type: 'interrupted' });
            }
            run.live.clear();
            run.controller.abort();
          }
          if (!(await waitForRuns(ABORT_WAIT_MS))) {
            for (const run of runs) {
              run.abandoned = true;
              run.abandon();
            }
          }
        }
        await pq.onIdle();
        positions.close();
        await outbox.flushed();
      })();
      return shutdownPromise;
    },

    position,

    snapshot() {
      const now = clock();
      const running: RunningEntry[] = [];
      for (const run of runs) {
        if (run.abandoned) continue;
        for (const job of run.jobs) {
          if (!run.live.has(job.id)) continue;
          running.push({
            job,
            startedAt: run.startedAt,
            elapsedMs: now - run.startedAt,
            remainingMs: Math.round(remainingMs(run, now)),
            step: run.step,
            totalSteps: run.totalSteps,
            batchSize: run.jobs.length,
          });
        }
      }
      return {
        running,
        queued: project(),
        slots: Math.max(0, slots),
        maxWaiting: config.maxWaiting,
        maxPerUser: config.maxPerUser,
        accepting,
      };
    },

    on(_event, listener) {
      return outbox.on(listener);
    },
    off(_event, listener) {
      outbox.off(listener);
    },

    async idle() {
      do {
        await pq.onIdle();
        await new Promise((r) => setImmediate(r));
        positions.flush();
        await outbox.flushed();
      } while (pq.size > 0 || pq.pending > 0 || (fair.size > 0 && !stopping));
    },
  };
}

function checkConfig(c: QueueConfig): void {
  const positive = (name: keyof QueueConfig, v: number | undefined) => {
    if (v !== undefined && !(Number.isInteger(v) && v >= 1))
      throw new RangeError(`queue config: ${name} must be a positive integer, got ${v}`);
  };
  positive('slots', c.slots);
  positive('maxWaiting', c.maxWaiting);
  positive('maxPerUser', c.maxPerUser);
  positive('jobTimeoutMs', c.jobTimeoutMs);
  positive('maxBatchLatents', c.maxBatchLatents);
  positive('maxAttempts', c.maxAttempts);
  const tick = c.positionTickMs;
  if (tick !== undefined && !(Number.isFinite(tick) && tick >= 0))
    throw new RangeError(`queue config: positionTickMs must be a number of ms (0 or more), got ${tick}`);
}

/**
 * A job's part of a run key: its id, when it was queued (so a new database's job 1 is not an old one's) and its
 * attempt (a retry is a new run). Only [A-Za-z0-9-]: BullMQ job ids may not contain ':'.
 */
function runKeyOf(job: Job): string {
  return `${jobKeyOf(job)}-a${job.attempts}`;
}

/** A job's name across its attempts (InferenceBackend's jobKeys). */
function jobKeyOf(job: Job): string {
  return `j${job.id}-${job.queuedAt.toString(36)}`;
}

/** Why submit() refused, for the person who asked. */
function refusal(reason: 'queue-full' | 'queue-user-full', count: number): UserError {
  if (reason === 'queue-full') return userError('queue-full', 'queue.full', { count });
  return userError('queue-user-full', 'queue.userFull', { count });
}

function bugMessage(errorId: string): Localized {
  return localized('fail.bug', { errorId });
}

/** The inference process died under the job. */
function isCrash(err: unknown): boolean {
  return err instanceof InferenceCrashedError;
}

function isCancelled(err: unknown): boolean {
  return (
    err instanceof CancelledError ||
    (err instanceof Error && (err.name === 'CancelledError' || err.name === 'AbortError'))
  );
}
