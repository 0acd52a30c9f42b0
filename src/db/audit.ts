/** The moderators' audit log: who did what, to whom, with the state before and after, and when (/modlog). */
import type { Database } from './database.ts';
import { fromGuildKey, fromJson, guildKey, statementCache, toJson } from './common.ts';

export interface AuditRecord {
  at?: number | undefined;
  guildId: string | null;
  moderatorId: string;
  /** e.g. limits.set, limits.reset, ban, unban, blocklist.add, blocklist.remove, queue.remove */
  action: string;
  targetType?: string | null | undefined;
  targetId?: string | null | undefined;
  before?: unknown;
  after?: unknown;
  reason?: string | null | undefined;
}

export interface AuditEntry {
  id: number;
  at: number;
  guildId: string | null;
  moderatorId: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

interface AuditRow {
  id: number;
  at: number;
  guild_id: string;
  moderator_id: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    guildId: fromGuildKey(r.guild_id),
    moderatorId: r.moderator_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    before: fromJson(r.before),
    after: fromJson(r.after),
    reason: r.reason,
  };
}

export type AuditStore = ReturnType<typeof createAuditStore>;

export function createAuditStore(database: Database) {
  const { sqlite: db, clock } = database;
  const insert = db.prepare(`INSERT INTO mod_audit (at, guild_id, moderator_id, action, target_type, target_id, before,
      after, reason) VALUES (@at, @guildId, @moderatorId, @action, @targetType, @targetId, @before, @after, @reason)`);
  const prepared = statementCache((sql) => db.prepare(sql));
  return {
    /** Appends an entry and returns its id. Stores call this inside the transaction of the change it records. */
    record(r: AuditRecord): number {
      return Number(
        insert.run({
          at: r.at ?? clock(),
          guildId: guildKey(r.guildId),
          moderatorId: r.moderatorId,
          action: r.action,
          targetType: r.targetType ?? null,
          targetId: r.targetId ?? null,
          before: toJson(r.before),
          after: toJson(r.after),
          reason: r.reason ?? null,
        }).lastInsertRowid,
      );
    },
    /** A guild's entries, newest first, optionally by one moderator or about one target; page with `beforeId`. */
    list(q: {
      guildId: string | null;
      limit?: number;
      beforeId?: number;
      moderatorId?: string;
      targetId?: string;
    }): AuditEntry[] {
      const sql =
        'SELECT * FROM mod_audit WHERE guild_id = @guildId AND id < @beforeId' +
        (q.moderatorId !== undefined ? ' AND moderator_id = @moderatorId' : '') +
        (q.targetId !== undefined ? ' AND target_id = @targetId' : '') +
        ' ORDER BY id DESC LIMIT @limit';
      const params = {
        guildId: guildKey(q.guildId),
        beforeId: q.beforeId ?? Number.MAX_SAFE_INTEGER,
        limit: q.limit ?? 20,
        ...(q.moderatorId !== undefined && { moderatorId: q.moderatorId }),
        ...(q.targetId !== undefined && { targetId: q.targetId }),
      };
      return (prepared(sql).all(params) as AuditRow[]).map(toEntry);
    },
  };
}
