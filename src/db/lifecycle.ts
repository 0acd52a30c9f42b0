/**
 * The queue's multi-statement writes: a job's state change together with its quota refund (and, for a moderator's
 * removal, the audit record), each in one transaction, so a job is never finished without its refund or refunded
 * without finishing. The queue calls these instead of holding the SQLite handle.
 */
import type { Database } from './database.ts';
import type { AuditStore } from './audit.ts';
import type { Job, JobStore, NewJob } from './jobs.ts';
import type { QuotaHold, QuotaStore, ReserveResult } from './quota.ts';

export interface AdmitBounds {
  /** Most jobs waiting overall. */
  maxWaiting: number;
  /** Most unfinished (queued or running) jobs per user. */
  maxPerUser: number;
}

export type AdmitResult =
  | { ok: true; job: Job }
  /** Refused, and the caller's reservation refunded: `count` is the waiting jobs (queue-full) or the user's. */
  | { ok: false; reason: 'queue-full' | 'queue-user-full'; count: number }
  /** The held quota could not be written: SQLite, checked again, refused it (another process took the images). */
  | { ok: false; reason: 'quota'; refusal: Exclude<ReserveResult, { ok: true }> };

export interface CancelBy {
  byUserId: string;
  /** The caller checked that byUserId may remove other people's jobs: a removal of someone else's is audited. */
  moderator?: boolean | undefined;
  reason?: string | null | undefined;
}

export type LifecycleStore = ReturnType<typeof createLifecycleStore>;

export function createLifecycleStore(
  database: Database,
  deps: { jobs: JobStore; quota: QuotaStore; audit?: AuditStore | undefined },
) {
  const { sqlite: db, clock } = database;
  const { jobs, quota, audit } = deps;

  const admit = db.transaction((newJob: NewJob, bounds: AdmitBounds, at: number, hold?: QuotaHold): AdmitResult => {
    if (hold) {
      const reserved = quota.reserve(hold.request, { hold: hold.id });
      if (!reserved.ok) return { ok: false, reason: 'quota', refusal: reserved };
      newJob = { ...newJob, reservationId: reserved.reservationId };
    }
    const waiting = jobs.counts().queued;
    const mine = jobs.userCounts(newJob.userId);
    let refusal: AdmitResult | undefined;
    if (waiting >= bounds.maxWaiting) refusal = { ok: false, reason: 'queue-full', count: waiting };
    else if (mine.queued + mine.running >= bounds.maxPerUser)
      refusal = { ok: false, reason: 'queue-user-full', count: mine.queued + mine.running };
    if (refusal) {
      // Refused here, so not charged: the reservation the caller took goes back in the same transaction.
      if (newJob.reservationId != null) quota.refund(newJob.reservationId, at);
      return refusal;
    }
    return { ok: true, job: jobs.create(newJob, at) };
  });

  const fail = db.transaction((job: Job, message: string, at: number): boolean => {
    if (!jobs.markFailed(job.id, message, at)) return false;
    if (job.reservationId !== null) quota.refund(job.reservationId, at);
    return true;
  });

  const cancel = db.transaction((job: Job, by: CancelBy, at: number): boolean => {
    if (!jobs.markCancelled(job.id, by.reason ?? null, at)) return false;
    if (job.reservationId !== null) quota.refund(job.reservationId, at);
    if (by.moderator && by.byUserId !== job.userId && audit) {
      audit.record({
        at,
        guildId: job.guildId,
        moderatorId: by.byUserId,
        action: 'queue.remove',
        targetType: 'job',
        targetId: String(job.id),
        before: { state: job.state, userId: job.userId },
        after: { state: 'cancelled' },
        reason: by.reason ?? null,
      });
    }
    return true;
  });

  return {
    /**
     * The queue's bounds checked and the job inserted in one IMMEDIATE transaction (two bots on one file cannot both
     * take the last place). A refusal refunds `newJob.reservationId` in the same transaction. With a quota `hold`
     * (taken before the acknowledgement), its reservation is written first in the same transaction, checked again
     * against SQLite, and becomes the job's: the request is charged exactly when the job exists.
     */
    admit(newJob: NewJob, bounds: AdmitBounds, at = clock(), hold?: QuotaHold): AdmitResult {
      return admit.immediate(newJob, bounds, at, hold);
    },
    /** queued or running -> failed, and its quota refunded. False if it had already finished. */
    fail(job: Job, message: string, at = clock()): boolean {
      return fail(job, message, at);
    },
    /** queued or running -> cancelled, refunded, and audited when a moderator removed someone else's job. */
    cancel(job: Job, by: CancelBy, at = clock()): boolean {
      return cancel(job, by, at);
    },
    /** A reservation whose request never became a job (the queue stopped accepting, or the insert threw). */
    refund(reservationId: number, at = clock()): boolean {
      return quota.refund(reservationId, at);
    },
  };
}
