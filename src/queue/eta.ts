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
