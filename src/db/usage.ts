/**
 * The usage log: every request, accepted or refused, and for jobs their outcome (filled in by the jobs store when
 * the job finishes). The queries behind /usage: totals, top users, refusals, images per day.
 */
import type { Database } from './database.ts';
import { fromJson, statementCache, toJson } from './common.ts';

export type Decision = 'accepted' | 'refused';

export interface UsageRecord {
  at?: number | undefined;
  userId: string;
  guildId: string | null;
  channelId: string | null;
  /** The command or button: imagine, variation, upscale, reroll, ... */
  kind: string;
  prompt: string | null;
  /** The parameters as asked (JSON-serialisable). */
  params?: unknown;
  seed?: number | null | undefined;
  model?: string | null | undefined;
  /** Images asked for. */
  images: number;
  decision: Decision;
  /** For refusals: the limit or rule (userImagesPerDay, cooldown, blocklist, maxSteps, ...) and the message shown. */
  reasonCode?: string | null | undefined;
  reason?: string | null | undefined;
  jobId?: number | null | undefined;
}

export interface UsageEntry {
  id: number;
  at: number;
  userId: string;
  guildId: string | null;
  channelId: string | null;
  kind: string;
  prompt: string | null;
  params: unknown;
  seed: number | null;
  model: string | null;
  images: number;
  decision: Decision;
  reasonCode: string | null;
  reason: string | null;
  jobId: number | null;
  outcome: 'done' | 'failed' | 'cancelled' | null;
  waitMs: number | null;
  runMs: number | null;
  imageCount: number | null;
}

/**
 * Which rows: a period [since, until), and optionally one guild (null: direct messages; absent: everywhere) and
 * one user.
 */
export interface UsageFilter {
  since: number;
  until: number;
  guildId?: string | null | undefined;
  userId?: string | undefined;
}

export interface UsageTotals {
  requests: number;
  accepted: number;
  refused: number;
  /** Images asked for in accepted requests. */
  imagesRequested: number;
  /** Images actually produced. */
  imagesMade: number;
  done: number;
  failed: number;
  cancelled: number;
  avgWaitMs: number | null;
  avgRunMs: number | null;
  users: number;
}

export interface TopUser {
  userId: string;
  requests: number;
  refused: number;
  images: number;
}

interface UsageRow {
  id: number;
  at: number;
  user_id: string;
  guild_id: string | null;
  channel_id: string | null;
  kind: string;
  prompt: string | null;
  params: string | null;
  seed: number | null;
  model: string | null;
  images: number;
  decision: Decision;
  reason_code: string | null;
  reason: string | null;
  job_id: number | null;
  outcome: UsageEntry['outcome'];
  wait_ms: number | null;
  run_ms: number | null;
  image_count: number | null;
}

function toEntry(r: UsageRow): UsageEntry {
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    guildId: r.guild_id,
    channelId: r.channel_id,
    kind: r.kind,
    prompt: r.prompt,
    params: fromJson(r.params),
    seed: r.seed,
    model: r.model,
    images: r.images,
    decision: r.decision,
    reasonCode: r.reason_code,
    reason: r.reason,
    jobId: r.job_id,
    outcome: r.outcome,
    waitMs: r.wait_ms,
    runMs: r.run_ms,
    imageCount: r.image_count,
  };
}

const DAY_MS = 24 * 3600 * 1000;
const COLUMNS = `id, at, user_id, guild_id, channel_id, kind, prompt, params, seed, model, images, decision,
  reason_code, reason, job_id, outcome, wait_ms, run_ms, image_count`;

/**
 * The WHERE clause for a filter's shape. Each shape gets its own prepared statement so that SQLite picks the right
 * index (a catch-all "(? IS NULL OR guild_id = ?)" would defeat it).
 */
function where(f: UsageFilter): string {
  let w = 'at >= @since AND at < @until';
  if (f.guildId !== undefined) w += ' AND guild_id IS @guildId';
  if (f.userId !== undefined) w += ' AND user_id = @userId';
  return w;
}
function bind(f: UsageFilter): Record<string, unknown> {
  const b: Record<string, unknown> = { since: f.since, until: f.until };
  if (f.guildId !== undefined) b.guildId = f.guildId;
  if (f.userId !== undefined) b.userId = f.userId;
  return b;
}

export type UsageStore = ReturnType<typeof createUsageStore>;

export function createUsageStore(database: Database) {
  const { sqlite: db, clock } = database;
  const insert = db.prepare(`INSERT INTO usage_log (at, user_id, guild_id, channel_id, kind, prompt, params, seed,
      model, images, decision, reason_code, reason, job_id)
    VALUES (@at, @userId, @guildId, @channelId, @kind, @prompt, @params, @seed, @model, @images, @decision,
      @reasonCode, @reason, @jobId)`);
  const get = db.prepare(`SELECT ${COLUMNS} FROM usage_log WHERE id = ?`);
  const forJob = db.prepare(`SELECT ${COLUMNS} FROM usage_log WHERE job_id = ? ORDER BY id`);
  const prune = db.prepare('DELETE FROM usage_log WHERE at < ?');
  const prepared = statementCache((sql) => db.prepare(sql));

  /** Entries newest first, optionally only one decision; page with `beforeId`. */
  function list(f: UsageFilter, opts: { limit?: number; beforeId?: number; decision?: Decision } = {}): UsageEntry[] {
    const sql =
      `SELECT ${COLUMNS} FROM usage_log WHERE ${where(f)} AND id < @beforeId` +
      `${opts.decision ? ' AND decision = @decision' : ''} ORDER BY id DESC LIMIT @limit`;
    const params = {
      ...bind(f),
      beforeId: opts.beforeId ?? Number.MAX_SAFE_INTEGER,
      limit: opts.limit ?? 20,
      ...(opts.decision && { decision: opts.decision }),
    };
    return (prepared(sql).all(params) as UsageRow[]).map(toEntry);
  }

  return {
    /** Records one request and returns its id. */
    log(r: UsageRecord): number {
      if (r.decision !== 'accepted' && r.decision !== 'refused')
        throw new TypeError(`usage.log: bad decision ${String(r.decision)}`);
      return Number(
        insert.run({
          at: r.at ?? clock(),
          userId: r.userId,
          guildId: r.guildId,
          channelId: r.channelId,
          kind: r.kind,
          prompt: r.prompt,
          params: toJson(r.params),
          seed: r.seed ?? null,
          model: r.model ?? null,
          images: r.images,
          decision: r.decision,
          reasonCode: r.reasonCode ?? null,
          reason: r.reason ?? null,
          jobId: r.jobId ?? null,
        }).lastInsertRowid,
      );
    },
    get(id: number): UsageEntry | undefined {
      const row = get.get(id) as UsageRow | undefined;
      return row && toEntry(row);
    },
    forJob(jobId: number): UsageEntry[] {
      return (forJob.all(jobId) as UsageRow[]).map(toEntry);
    },
    list,
    totals(f: UsageFilter): UsageTotals {
      const sql = `SELECT count(*) AS requests,
          coalesce(sum(decision = 'accepted'), 0) AS accepted,
          coalesce(sum(decision = 'refused'), 0) AS refused,
          coalesce(sum(CASE WHEN decision = 'accepted' THEN images END), 0) AS imagesRequested,
          coalesce(sum(image_count), 0) AS imagesMade,
          coalesce(sum(outcome = 'done'), 0) AS done,
          coalesce(sum(outcome = 'failed'), 0) AS failed,
          coalesce(sum(outcome = 'cancelled'), 0) AS cancelled,
          avg(wait_ms) AS avgWaitMs,
          avg(run_ms) AS avgRunMs,
          count(DISTINCT user_id) AS users
        FROM usage_log WHERE ${where(f)}`;
      return prepared(sql).get(bind(f)) as UsageTotals;
    },
    /** Users by images produced, then by requests. */
    topUsers(f: UsageFilter, limit = 10): TopUser[] {
      const sql = `SELECT user_id AS userId, count(*) AS requests, coalesce(sum(decision = 'refused'), 0) AS refused,
          coalesce(sum(image_count), 0) AS images
        FROM usage_log WHERE ${where(f)} GROUP BY user_id ORDER BY images DESC, requests DESC, user_id LIMIT @limit`;
      return prepared(sql).all({ ...bind(f), limit }) as TopUser[];
    },
    /** Refusals counted by reason, and the most recent ones. */
    refusals(
      f: UsageFilter,
      limit = 10,
    ): { byReason: { reasonCode: string | null; count: number }[]; recent: UsageEntry[] } {
      const sql = `SELECT reason_code AS reasonCode, count(*) AS count FROM usage_log
        WHERE ${where(f)} AND decision = 'refused' GROUP BY reason_code ORDER BY count DESC, reason_code`;
      const byReason = prepared(sql).all(bind(f)) as { reasonCode: string | null; count: number }[];
      return { byReason, recent: list(f, { limit, decision: 'refused' }) };
    },
    /**
     * Images produced per calendar day, every day of the period present (zeros included), oldest first. Days
     * are UTC shifted by `utcOffsetMinutes` (the server's time zone, for the chart).
     */
    imagesPerDay(f: UsageFilter, utcOffsetMinutes = 0): { day: string; images: number }[] {
      const offset = utcOffsetMinutes * 60_000;
      // Bound numbers arrive as REAL: cast so that the division is an integer one.
      const sql = `SELECT (at + CAST(@offset AS INTEGER)) / ${DAY_MS} AS day, sum(image_count) AS images FROM usage_log
        WHERE ${where(f)} AND outcome = 'done' GROUP BY day`;
      const rows = prepared(sql).all({ ...bind(f), offset }) as { day: number; images: number }[];
      const byDay = new Map(rows.map((r) => [r.day, r.images]));
      const out: { day: string; images: number }[] = [];
      const first = Math.floor((f.since + offset) / DAY_MS);
      const last = Math.floor((f.until - 1 + offset) / DAY_MS);
      for (let d = first; d <= last; d++) {
        out.push({ day: new Date(d * DAY_MS).toISOString().slice(0, 10), images: byDay.get(d) ?? 0 });
      }
      return out;
    },
    /** Deletes entries older than `before`; returns how many. */
    prune(before: number): number {
      return prune.run(before).changes;
    },
  };
}
