/**
 * The quota decision: may this user start a request for N images now? Pure: a snapshot of bans, counts and
 * windows in, a verdict out (with when to retry). The quota store takes the snapshot and the reservation in one
 * transaction, so the decision cannot race. A refusal says why in English (`message`, for logs) and in the
 * member's language (`localized`).
 */
import { localized, phrase, type Localized } from '../i18n/index.ts';
import type { LimitSettings } from './settings.ts';

/** Quotas count images over the last 24 hours, rolling (not since midnight). */
export const WINDOW_MS = 24 * 3600 * 1000;

export type QuotaLimit =
  | 'banned'
  | 'userMaxQueued'
  | 'cooldown'
  | 'userImagesPerDay'
  | 'guildImagesPerDay'
  | 'queueFull';

export type QuotaVerdict = { ok: true } | ({ ok: false; limit: QuotaLimit; retryAt: number | null } & Localized);

export interface WindowEntry {
  at: number;
  images: number;
}

export interface QuotaSnapshot {
  now: number;
  /** Images this request asks for. */
  images: number;
  limits: LimitSettings;
  ban: { expiresAt: number | null; reason: string | null } | null;
  /** The user's jobs queued or running (and reservations not yet turned into jobs). */
  userQueued: number;
  /** All jobs waiting, and the most the queue holds (null: no bound). */
  queueWaiting: number;
  maxWaiting: number | null;
  /** The user's last accepted request in this guild (refunded or not: a refund returns images, not time). */
  lastRequestAt: number | null;
  /** Images charged in the window, refunds excluded. */
  userImagesUsed: number;
  guildImagesUsed: number;
  /** The window's entries oldest first; read only when a window limit is hit, to say when to retry. */
  userWindow: () => readonly WindowEntry[];
  guildWindow: () => readonly WindowEntry[];
}

/** Discord renders `<t:UNIX:R>` as "in 5 minutes" in each reader's language and time zone. */
export function discordRelative(ms: number): string {
  return `<t:${Math.ceil(ms / 1000)}:R>`;
}

/**
 * When will enough of the window's entries have expired that `images` more fit under `limit`? Entries expire
 * `windowMs` after they were taken. Null when they never fit (the request alone exceeds the limit); 0 when they
 * fit already.
 */
export function rollingRetryAt(
  entries: readonly WindowEntry[],
  limit: number,
  images: number,
  windowMs = WINDOW_MS,
): number | null {
  if (images > limit) return null;
  const sorted = [...entries].sort((a, b) => a.at - b.at);
  let used = sorted.reduce((s, e) => s + e.images, 0);
  if (used + images <= limit) return 0;
  for (const e of sorted) {
    used -= e.images;
    if (used + images <= limit) return e.at + windowMs;
  }
  return null; // not reached: with every entry expired, used is 0 and images <= limit
}

/** Checks in order: ban, jobs waiting, cooldown, the user's day, the guild's day, the whole queue. */
export function decideQuota(s: QuotaSnapshot): QuotaVerdict {
  const { limits, now, images } = s;
  const when = (at: number | null) => (at === null ? phrase('quota.later') : discordRelative(at));
  if (s.ban && (s.ban.expiresAt === null || s.ban.expiresAt > now)) {
    const until =
      s.ban.expiresAt === null
        ? phrase('quota.banNoEnd')
        : phrase('quota.banEnds', { when: discordRelative(s.ban.expiresAt) });
    return {
      ok: false,
      limit: 'banned',
      retryAt: s.ban.expiresAt,
      ...(s.ban.reason
        ? localized('quota.bannedReason', { reason: s.ban.reason, until })
        : localized('quota.banned', { until })),
    };
  }
  if (limits.userMaxQueued !== null && s.userQueued >= limits.userMaxQueued) {
    return {
      ok: false,
      limit: 'userMaxQueued',
      retryAt: null,
      ...(limits.userMaxQueued === 0
        ? localized('quota.noQueue')
        : localized('quota.maxQueued', { count: s.userQueued, max: limits.userMaxQueued })),
    };
  }
  if (limits.userCooldownSeconds > 0 && s.lastRequestAt !== null) {
    const readyAt = s.lastRequestAt + limits.userCooldownSeconds * 1000;
    if (readyAt > now) {
      return {
        ok: false,
        limit: 'cooldown',
        retryAt: readyAt,
        ...localized('quota.cooldown', { count: limits.userCooldownSeconds, when: discordRelative(readyAt) }),
      };
    }
  }
  const userLimit = limits.userImagesPerDay;
  if (userLimit !== null && s.userImagesUsed + images > userLimit) {
    const retryAt = rollingRetryAt(s.userWindow(), userLimit, images);
    const left = Math.max(0, userLimit - s.userImagesUsed);
    let text: Localized;
    if (userLimit === 0) text = localized('quota.noImages');
    else if (images > userLimit) text = localized('quota.tooManyForDay', { count: images, limit: userLimit });
    else if (left > 0)
      text = localized('quota.dayLeft', {
        used: s.userImagesUsed,
        count: userLimit,
        asked: images,
        left,
        when: when(retryAt),
      });
    else text = localized('quota.dayUsed', { used: s.userImagesUsed, count: userLimit, when: when(retryAt) });
    return { ok: false, limit: 'userImagesPerDay', retryAt, ...text };
  }
  const guildLimit = limits.guildImagesPerDay;
  if (guildLimit !== null && s.guildImagesUsed + images > guildLimit) {
    const retryAt = rollingRetryAt(s.guildWindow(), guildLimit, images);
    return {
      ok: false,
      limit: 'guildImagesPerDay',
      retryAt,
      ...(guildLimit === 0 || images > guildLimit
        ? localized('quota.guildTooSmall', { count: guildLimit })
        : localized('quota.guildUsed', { used: s.guildImagesUsed, count: guildLimit, when: when(retryAt) })),
    };
  }
  if (s.maxWaiting !== null && s.queueWaiting >= s.maxWaiting) {
    return { ok: false, limit: 'queueFull', retryAt: null, ...localized('quota.queueFull', { count: s.queueWaiting }) };
  }
  return { ok: true };
}
