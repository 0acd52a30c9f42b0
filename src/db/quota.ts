/**
 * Quota reservations: the check and the charge in one IMMEDIATE transaction, so that concurrent requests (other
 * connections or processes included) cannot both see the same images left. A failed or cancelled job refunds.
 *
 * Holds keep the charge off the path to Discord's acknowledgement: hold() decides with reads only and keeps the
 * images in this process's memory, the bot acknowledges, and the reservation is written afterwards (reserve() with
 * the hold, in the same transaction as the job). Every decision in this process counts the holds not yet written,
 * so twenty requests at once cannot overdraw; the write checks again against SQLite, which stays the truth for
 * other connections.
 */
import type { Database } from './database.ts';
import type { LimitStore, Member } from './limits.ts';
import type { Ban, ModerationStore } from './moderation.ts';
import { guildKey, keptWhileUnchanged, UNFINISHED } from './common.ts';
import type { Localized } from '../i18n/index.ts';
import { decideQuota, rollingRetryAt, WINDOW_MS, type QuotaLimit, type WindowEntry } from '../limits/quota.ts';
import type { EffectiveLimits } from '../limits/settings.ts';

export interface ReserveRequest extends Member {
  /** Images this request will make (its cost). */
  images: number;
  now?: number | undefined;
}

export type ReserveResult =
  | { ok: true; reservationId: number }
  | ({ ok: false; limit: QuotaLimit; retryAt: number | null } & Localized);

/** Images kept for a request decided but not yet written (see hold()). */
export interface QuotaHold {
  readonly id: number;
  /** The request it was decided for; pass it to reserve() (with `hold: id`) to write the reservation. */
  readonly request: ReserveRequest & { now: number };
  /** Gives the images back to this process's count (after the write, or when the request is dropped). Idempotent. */
  release(): void;
}

export type HoldResult = { ok: true; hold: QuotaHold } | Exclude<ReserveResult, { ok: true }>;

/** A hold never written nor released (a code path that forgot it) stops counting after this long. */
const HOLD_TTL_MS = 5 * 60 * 1000;

export interface QuotaStatus {
  limits: EffectiveLimits;
  imagesUsed: number;
  /** null: unlimited. */
  imagesLeft: number | null;
  /** When the next image frees up, if none is left now. */
  nextImageAt: number | null;
  cooldownUntil: number | null;
  /** Jobs queued or running (and reservations about to become jobs). */
  queued: number;
  guildImagesUsed: number;
  guildImagesLeft: number | null;
  ban: Ban | null;
}

/**
 * A reservation not yet attached to a job counts as queued for this long: reserve() and jobs.create() normally
 * follow each other at once; after a crash between them it stops blocking, and releaseOrphans refunds it.
 */
export const PENDING_GRACE_MS = 5 * 60 * 1000;

export type QuotaStore = ReturnType<typeof createQuotaStore>;

/** f's value, computed on the first call. */
function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}

function checkImages(images: number): void {
  if (!Number.isSafeInteger(images) || images < 1)
    throw new TypeError(`quota.reserve: images must be a positive integer, got ${images}`);
}

export function createQuotaStore(
  database: Database,
  deps: {
    limits: LimitStore;
    moderation: ModerationStore;
    /** The most jobs waiting overall (config.queue.maxWaiting); null: no bound. */
    maxWaiting: number | null;
  },
) {
  const { sqlite: db, clock } = database;
  const { limits, moderation, maxWaiting } = deps;
  const unattached = 'NOT EXISTS (SELECT 1 FROM jobs j WHERE j.reservation_id = r.id)';
  const s = {
    userUsed: db.prepare(`SELECT coalesce(sum(images), 0) AS used FROM quota_reservations
      WHERE guild_id = ? AND user_id = ? AND created_at > ? AND refunded_at IS NULL`),
    guildUsed: db.prepare(`SELECT coalesce(sum(images), 0) AS used FROM quota_reservations
      WHERE guild_id = ? AND created_at > ? AND refunded_at IS NULL`),
    userWindow: db.prepare(`SELECT created_at AS at, images FROM quota_reservations
      WHERE guild_id = ? AND user_id = ? AND created_at > ? AND refunded_at IS NULL ORDER BY created_at`),
    guildWindow: db.prepare(`SELECT created_at AS at, images FROM quota_reservations
      WHERE guild_id = ? AND created_at > ? AND refunded_at IS NULL ORDER BY created_at`),
    lastRequest: db.prepare('SELECT max(created_at) AS at FROM quota_reservations WHERE guild_id = ? AND user_id = ?'),
    userQueued: db.prepare(`SELECT
        (SELECT count(*) FROM jobs INDEXED BY jobs_user_unfinished WHERE user_id = @userId AND ${UNFINISHED})
      + (SELECT count(*) FROM quota_reservations r WHERE r.user_id = @userId AND r.refunded_at IS NULL
          AND r.created_at > @since AND ${unattached}) AS n`),
    queuedJobs: db.prepare(`SELECT count(*) AS n FROM jobs WHERE ${UNFINISHED} AND state = 'queued'`),
    unattachedSince: db.prepare(`SELECT created_at AS at FROM quota_reservations r
      WHERE r.refunded_at IS NULL AND r.created_at > ? AND ${unattached}`),
    insert: db.prepare('INSERT INTO quota_reservations (user_id, guild_id, images, created_at) VALUES (?, ?, ?, ?)'),
    refund: db.prepare('UPDATE quota_reservations SET refunded_at = ? WHERE id = ? AND refunded_at IS NULL'),
    orphans: db.prepare(`UPDATE quota_reservations AS r SET refunded_at = @now
      WHERE r.refunded_at IS NULL AND r.created_at <= @before AND r.created_at > @since AND ${unattached}`),
    prune: db.prepare(`DELETE FROM quota_reservations WHERE created_at < ?`),
  };

  interface Held {
    userId: string;
    guild: string;
    images: number;
    at: number;
    expiresAt: number;
  }
  const holds = new Map<number, Held>();
  let nextHold = 1;

  /** What the holds not yet written add to a decision (all but `except`, the one being written). */
  function held(q: Member, now: number, except?: number) {
    const g = guildKey(q.guildId);
    const r = { userQueued: 0, queueWaiting: 0, userImages: 0, guildImages: 0, lastAt: null as number | null };
    const user: WindowEntry[] = [];
    const guild: WindowEntry[] = [];
    for (const [id, h] of holds) {
      if (h.expiresAt <= now) {
        holds.delete(id);
        continue;
      }
      if (id === except) continue;
      r.queueWaiting++;
      if (h.userId === q.userId) r.userQueued++;
      if (h.guild !== g) continue;
      guild.push({ at: h.at, images: h.images });
      r.guildImages += h.images;
      if (h.userId !== q.userId) continue;
      user.push({ at: h.at, images: h.images });
      r.userImages += h.images;
      r.lastAt = Math.max(r.lastAt ?? h.at, h.at);
    }
    return { ...r, user, guild };
  }

  /**
   * Jobs waiting in the database, and reservations since `since` not (yet) a job's. Every request's decision asks,
   * and the second count visits every reservation of the last few minutes, so the answer is kept until the
   * database changes (this connection's writes, other connections' commits): a crowd's decisions, which write
   * nothing, read it once. Inside a transaction it always reads.
   */
  const kept = keptWhileUnchanged<{ since: number; queued: number; unattached: number[] }>(db, 1);
  function waitingInDatabase(since: number): number {
    const read = () => ({
      since,
      queued: (s.queuedJobs.get() as { n: number }).n,
      unattached: (s.unattachedSince.all(since) as { at: number }[]).map((r) => r.at),
    });
    let waiting = kept('', read);
    if (since < waiting.since) waiting = read(); // an earlier window than the one kept (a clock set back)
    let n = waiting.queued;
    for (const at of waiting.unattached) if (at > since) n++;
    return n;
  }

  /**
   * Everything the decision needs, read inside the caller's transaction, with this process's holds counted. Each
   * count is read when the decision first asks for it: a limit that is off (no server quota, no queue bound) costs
   * no read, and the 24 h sums grow with a server's traffic.
   */
  function snapshot(q: Member, images: number, now: number, exceptHold?: number) {
    const g = guildKey(q.guildId);
    const since = now - WINDOW_MS;
    const effective = limits.resolve(q);
    const ban = moderation.activeBan(q.guildId, q.userId, now);
    const h = held(q, now, exceptHold);
    const userQueued = once(
      () => (s.userQueued.get({ userId: q.userId, since: now - PENDING_GRACE_MS }) as { n: number }).n + h.userQueued,
    );
    const queueWaiting = once(() =>
      maxWaiting === null ? 0 : waitingInDatabase(now - PENDING_GRACE_MS) + h.queueWaiting,
    );
    const lastRequestAt = once(() => {
      const lastRow = (s.lastRequest.get(g, q.userId) as { at: number | null }).at;
      return h.lastAt === null ? lastRow : Math.max(lastRow ?? h.lastAt, h.lastAt);
    });
    const userImagesUsed = once(() => (s.userUsed.get(g, q.userId, since) as { used: number }).used + h.userImages);
    const guildImagesUsed = once(() => (s.guildUsed.get(g, since) as { used: number }).used + h.guildImages);
    return {
      effective,
      ban,
      input: {
        now,
        images,
        limits: effective.values,
        ban: ban && { expiresAt: ban.expiresAt, reason: ban.reason },
        get userQueued() {
          return userQueued();
        },
        get queueWaiting() {
          return queueWaiting();
        },
        maxWaiting,
        get lastRequestAt() {
          return lastRequestAt();
        },
        get userImagesUsed() {
          return userImagesUsed();
        },
        get guildImagesUsed() {
          return guildImagesUsed();
        },
        userWindow: () => [...(s.userWindow.all(g, q.userId, since) as WindowEntry[]), ...h.user],
        guildWindow: () => [...(s.guildWindow.all(g, since) as WindowEntry[]), ...h.guild],
      },
    };
  }

  const reserve = db.transaction((q: ReserveRequest, now: number, exceptHold?: number): ReserveResult => {
    const verdict = decideQuota(snapshot(q, q.images, now, exceptHold).input);
    if (!verdict.ok) return verdict;
    const id = Number(s.insert.run(q.userId, guildKey(q.guildId), q.images, now).lastInsertRowid);
    return { ok: true, reservationId: id };
  });

  // One read transaction, the retry time included, so that /info's figures agree with each other.
  const status = db.transaction((q: Member, now: number): QuotaStatus => {
    const { effective, ban, input } = snapshot(q, 1, now);
    const v = effective.values;
    const left = (limit: number | null, used: number) => (limit === null ? null : Math.max(0, limit - used));
    const imagesLeft = left(v.userImagesPerDay, input.userImagesUsed);
    const cooldownUntil =
      input.lastRequestAt !== null &&
      v.userCooldownSeconds > 0 &&
      input.lastRequestAt + v.userCooldownSeconds * 1000 > now
        ? input.lastRequestAt + v.userCooldownSeconds * 1000
        : null;
    return {
      limits: effective,
      imagesUsed: input.userImagesUsed,
      imagesLeft,
      nextImageAt:
        imagesLeft === 0 && v.userImagesPerDay !== null && v.userImagesPerDay > 0
          ? rollingRetryAt(input.userWindow(), v.userImagesPerDay, 1)
          : null,
      cooldownUntil,
      queued: input.userQueued,
      guildImagesUsed: input.guildImagesUsed,
      guildImagesLeft: left(v.guildImagesPerDay, input.guildImagesUsed),
      ban,
    };
  });

  return {
    /**
     * Checks ban, jobs waiting, cooldown, the user's and the guild's rolling 24 h images and the queue bound, and
     * if all pass charges the images, in one transaction. A refusal charges nothing and says which limit was hit
     * and when to retry (`<t:UNIX:R>`). Pass the reservation id to jobs.create().
     */
    reserve(q: ReserveRequest, opts: { hold?: number | undefined } = {}): ReserveResult {
      checkImages(q.images);
      // IMMEDIATE takes the write lock before reading, so two connections cannot both read "5 left". Inside a
      // caller's transaction (the job's admission) it is a savepoint of that one.
      return reserve.immediate(q, q.now ?? clock(), opts.hold);
    },
    /**
     * The same decision as reserve(), with reads only: the images are held in this process's memory until the
     * caller writes them with reserve(hold.request, { hold: hold.id }) or drops the request; either way it calls
     * hold.release(). Nothing is written, so this is what runs before an interaction's acknowledgement.
     */
    hold(q: ReserveRequest): HoldResult {
      checkImages(q.images);
      const now = q.now ?? clock();
      const verdict = decideQuota(snapshot(q, q.images, now).input);
      if (!verdict.ok) return verdict;
      const id = nextHold++;
      holds.set(id, {
        userId: q.userId,
        guild: guildKey(q.guildId),
        images: q.images,
        at: now,
        expiresAt: now + HOLD_TTL_MS,
      });
      return { ok: true, hold: { id, request: { ...q, now }, release: () => void holds.delete(id) } };
    },
    /** Gives the images back (failed or cancelled job). True the first time, false after: refunds are idempotent. */
    refund(reservationId: number, at = clock()): boolean {
      return s.refund.run(at, reservationId).changes === 1;
    },
    /** For /info: what the member has left, when more frees up, cooldown and queued jobs. */
    status(q: Member, now = clock()): QuotaStatus {
      return status(q, now);
    },
    /**
     * At start-up, before taking requests: refunds reservations that never became jobs (the process died between
     * reserve() and jobs.create()). `olderThanMs` spares recent ones if another process may be mid-request.
     * Returns how many were refunded.
     */
    releaseOrphans(opts: { olderThanMs?: number; now?: number } = {}): number {
      const now = opts.now ?? clock();
      return s.orphans.run({ now, before: now - (opts.olderThanMs ?? 0), since: now - 2 * WINDOW_MS }).changes;
    },
    /** Deletes reservations older than `before` (keep at least the cooldown and the 24 h window). */
    prune(before: number): number {
      return s.prune.run(before).changes;
    },
  };
}
