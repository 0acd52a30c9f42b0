/**
 * Run-time estimates and the projection of the fair start order onto the slots: for each waiting job, its place,
 * the wait until a slot is free for it, and its own run time. Estimates come from the jobs store's history (cached
 * per shape until the next job finishes), else a fallback.
 */
import type { Job, JobStore } from '../db/jobs.ts';
import type { QueuedEntry } from './types.ts';

/** What the projection needs to know about something running. */
export interface BusySlot {
  readonly startedAt: number;
  readonly estimateMs: number;
  step: number | null;
  totalSteps: number | null;
}

export interface Estimator {
  estimateMs(job: Job): number;
  /** A job finished: the history changed. */
  forget(): void;
}

export function createEstimator(jobs: Pick<JobStore, 'estimateRunMs'>, fallbackRunMs: number): Estimator {
  const estimates = new Map<string, number>();
  return {
    estimateMs(job) {
      const p = job.params;
      const key = `${job.model}|${p.width}|${p.height}|${p.steps}|${p.count}`;
      let ms = estimates.get(key);
      if (ms === undefined) {
        ms =
          jobs.estimateRunMs({ model: job.model, width: p.width, height: p.height, steps: p.steps, count: p.count })
            ?.ms ?? fallbackRunMs;
        estimates.set(key, ms);
      }
      return ms;
    },
    forget() {
      estimates.clear();
    },
  };
}

/** Time left on a running request: measured speed once a step has been timed, else the estimate. */
export function remainingMs(run: BusySlot, now: number): number {
  const elapsed = Math.max(0, now - run.startedAt);
  if (run.step && run.totalSteps) return (elapsed / run.step) * (run.totalSteps - run.step);
  return Math.max(0, run.estimateMs - elapsed);
}

/**
 * Lays `order` (the fair start order) onto `slots` slots, the busy ones freeing up after `busyMs` each: every job
 * takes the slot that frees first, so its wait is that slot's free time.
 */
export function projectStarts(
  order: readonly Job[],
  busyMs: readonly number[],
  slots: number,
  estimateMs: (job: Job) => number,
): QueuedEntry[] {
  const free = [...busyMs];
  while (free.length < slots) free.push(0);
  return order.map((job, i) => {
    let slot = 0;
    for (let k = 1; k < free.length; k++) if (free[k]! < free[slot]!) slot = k;
    const etaMs = Math.round(free[slot]!);
    const runMs = Math.round(estimateMs(job));
    free[slot] = free[slot]! + runMs;
    return { job, position: i + 1, etaMs, runMs };
  });
}

/**
 * projectStarts for workers that serve different models (InferenceBackend.workers): each worker slot runs only its
 * worker's models. The runs in progress take a slot each (on the workers serving fewest models first, which leaves
 * the versatile ones for the line), then every job in `order` takes the slot serving its model that frees first.
 * Which slot a run is really on is not known: this is an estimate. Every job's model must have a slot (the caller
 * leaves out the jobs no live worker serves).
 */
export function projectStartsOnWorkers(
  order: readonly Job[],
  busy: readonly { model: string; ms: number }[],
  workers: readonly { readonly models: readonly string[]; readonly slots: number }[],
  estimateMs: (job: Job) => number,
): QueuedEntry[] {
  const slots = workers
    .flatMap((w) => Array.from({ length: w.slots }, () => ({ free: 0, models: new Set(w.models) })))
    .sort((a, b) => a.models.size - b.models.size);
  const earliest = (model: string) => {
    let best: (typeof slots)[number] | undefined;
    for (const s of slots) if (s.models.has(model) && (!best || s.free < best.free)) best = s;
    return best;
  };
  for (const run of busy) {
    const slot = slots.find((s) => s.free === 0 && s.models.has(run.model)) ?? earliest(run.model);
    if (slot) slot.free += run.ms;
  }
  return order.map((job, i) => {
    const runMs = Math.round(estimateMs(job));
    const slot = earliest(job.model);
    const etaMs = Math.round(slot?.free ?? 0);
    if (slot) slot.free += runMs;
    return { job, position: i + 1, etaMs, runMs };
  });
}

/**
 * The projection when jobs share runs (batching, batch.ts planRuns): each run is laid onto a slot as one job (by
 * `lay`, projectStarts or projectStartsOnWorkers) that takes as long as its longest job's estimate, and every job of
 * a run starts and ends with it. Places stay each job's own in the fair order.
 */
export function projectRuns(
  order: readonly Job[],
  runs: readonly (readonly Job[])[],
  lay: (firsts: readonly Job[], estimateMs: (job: Job) => number) => QueuedEntry[],
  estimateMs: (job: Job) => number,
): QueuedEntry[] {
  const runMs = new Map<number, number>();
  for (const run of runs) runMs.set(run[0]!.id, Math.max(...run.map(estimateMs)));
  const laid = new Map(
    lay(
      runs.map((r) => r[0]!),
      (first) => runMs.get(first.id)!,
    ).map((e) => [e.job.id, e]),
  );
  const times = new Map<number, { etaMs: number; runMs: number }>();
  for (const run of runs) {
    const e = laid.get(run[0]!.id)!;
    for (const job of run) times.set(job.id, { etaMs: e.etaMs, runMs: e.runMs });
  }
  return order.map((job, i) => ({ job, position: i + 1, ...times.get(job.id)! }));
}
