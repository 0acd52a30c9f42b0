/**
 * Bans and blocklist entries. Every change is written to the audit log in the same transaction, so the log
 * cannot miss one.
 */
import type { Database } from './database.ts';
import type { AuditStore } from './audit.ts';
import { fromGuildKey, guildKey, keptWhileUnchanged } from './common.ts';
import { UserError } from '../errors.ts';
import { userError } from '../i18n/index.ts';
import { checkBlocklistPattern, parseBlocklistPattern } from '../moderation/blocklist.ts';

export interface Ban {
  id: number;
  guildId: string | null;
  userId: string;
  reason: string | null;
  moderatorId: string;
  createdAt: number;
  /** null: until lifted. */
  expiresAt: number | null;
  liftedAt: number | null;
  liftedBy: string | null;
}

export interface BlocklistEntry {
  id: number;
  guildId: string | null;
  pattern: string;
  addedBy: string;
  addedAt: number;
}

interface BanRow {
  id: number;
  guild_id: string;
  user_id: string;
  reason: string | null;
  moderator_id: string;
  created_at: number;
  expires_at: number | null;
  lifted_at: number | null;
  lifted_by: string | null;
}
interface BlocklistRow {
  id: number;
  guild_id: string;
  pattern: string;
  added_by: string;
  added_at: number;
}

function toBan(r: BanRow): Ban {
  return {
    id: r.id,
    guildId: fromGuildKey(r.guild_id),
    userId: r.user_id,
    reason: r.reason,
    moderatorId: r.moderator_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    liftedAt: r.lifted_at,
    liftedBy: r.lifted_by,
  };
}
function toBlocklistEntry(r: BlocklistRow): BlocklistEntry {
  return { id: r.id, guildId: fromGuildKey(r.guild_id), pattern: r.pattern, addedBy: r.added_by, addedAt: r.added_at };
}

export type ModerationStore = ReturnType<typeof createModerationStore>;

export function createModerationStore(database: Database, deps: { audit: AuditStore }) {
  const { sqlite: db, clock } = database;
  /** blocklist()'s answers while the database is unchanged. */
  const kept = keptWhileUnchanged<readonly BlocklistEntry[]>(db);
  const { audit } = deps;
  const s = {
    active: db.prepare(`SELECT * FROM bans WHERE guild_id = ? AND user_id = ? AND lifted_at IS NULL
      AND (expires_at IS NULL OR expires_at > ?) ORDER BY id DESC LIMIT 1`),
    insertBan: db.prepare(`INSERT INTO bans (guild_id, user_id, reason, moderator_id, created_at, expires_at)
      VALUES (@guildId, @userId, @reason, @moderatorId, @at, @expiresAt) RETURNING *`),
    // Lifting also closes expired bans still open, so that history shows one open ban at most.
    lift: db.prepare(`UPDATE bans SET lifted_at = @at, lifted_by = @by
      WHERE guild_id = @guildId AND user_id = @userId AND lifted_at IS NULL`),
    listActive: db.prepare(`SELECT * FROM bans WHERE guild_id = ? AND lifted_at IS NULL
      AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at DESC, id DESC`),
    history: db.prepare('SELECT * FROM bans WHERE guild_id = ? AND user_id = ? ORDER BY id DESC LIMIT ?'),
    blocklist: db.prepare('SELECT * FROM blocklist WHERE guild_id = ? ORDER BY pattern'),
    blockGet: db.prepare('SELECT * FROM blocklist WHERE guild_id = ? AND pattern = ?'),
    blockAdd: db.prepare(`INSERT INTO blocklist (guild_id, pattern, added_by, added_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (guild_id, pattern) DO NOTHING RETURNING *`),
    blockRemove: db.prepare('DELETE FROM blocklist WHERE guild_id = ? AND pattern = ? RETURNING *'),
  };

  const activeBan = (guildId: string | null, userId: string, now = clock()): Ban | null => {
    const row = s.active.get(guildKey(guildId), userId, now) as BanRow | undefined;
    return row ? toBan(row) : null;
  };

  const ban = db.transaction(
    (
      q: {
        guildId: string | null;
        userId: string;
        moderatorId: string;
        reason?: string | null;
        expiresAt?: number | null;
      },
      at: number,
    ): Ban => {
      const before = activeBan(q.guildId, q.userId, at);
      s.lift.run({ guildId: guildKey(q.guildId), userId: q.userId, at, by: q.moderatorId });
      const row = toBan(
        s.insertBan.get({
          guildId: guildKey(q.guildId),
          userId: q.userId,
          reason: q.reason ?? null,
          moderatorId: q.moderatorId,
          at,
          expiresAt: q.expiresAt ?? null,
        }) as BanRow,
      );
      audit.record({
        at,
        guildId: q.guildId,
        moderatorId: q.moderatorId,
        action: 'ban',
        targetType: 'user',
        targetId: q.userId,
        before,
        after: row,
        reason: q.reason ?? null,
      });
      return row;
    },
  );

  const unban = db.transaction(
    (
      q: { guildId: string | null; userId: string; moderatorId: string; reason?: string | null },
      at: number,
    ): Ban | null => {
      const before = activeBan(q.guildId, q.userId, at);
      s.lift.run({ guildId: guildKey(q.guildId), userId: q.userId, at, by: q.moderatorId });
      if (!before) return null;
      const after = { ...before, liftedAt: at, liftedBy: q.moderatorId };
      audit.record({
        at,
        guildId: q.guildId,
        moderatorId: q.moderatorId,
        action: 'unban',
        targetType: 'user',
        targetId: q.userId,
        before,
        after,
        reason: q.reason ?? null,
      });
      return after;
    },
  );

  const blockAdd = db.transaction((guildId: string | null, pattern: string, moderatorId: string, at: number) => {
    const inserted = s.blockAdd.get(guildKey(guildId), pattern, moderatorId, at) as BlocklistRow | undefined;
    if (!inserted)
      return { added: false, entry: toBlocklistEntry(s.blockGet.get(guildKey(guildId), pattern) as BlocklistRow) };
    const entry = toBlocklistEntry(inserted);
    audit.record({
      at,
      guildId,
      moderatorId,
      action: 'blocklist.add',
      targetType: 'pattern',
      targetId: pattern,
      after: entry,
    });
    return { added: true, entry };
  });

  const blockRemove = db.transaction((guildId: string | null, pattern: string, moderatorId: string, at: number) => {
    const removed = s.blockRemove.get(guildKey(guildId), pattern) as BlocklistRow | undefined;
    if (!removed) return false;
    audit.record({
      at,
      guildId,
      moderatorId,
      action: 'blocklist.remove',
      targetType: 'pattern',
      targetId: pattern,
      before: toBlocklistEntry(removed),
    });
    return true;
  });

  /** The stored form of an entry, or a UserError saying what is wrong with it. */
  const canonical = (guildId: string | null, input: string): string => {
    const existing = (s.blocklist.all(guildKey(guildId)) as BlocklistRow[]).map((r) => r.pattern);
    const checked = checkBlocklistPattern(input, existing);
    if (!checked.ok) throw new UserError(checked.message, 'bad-pattern', { localized: checked.localized });
    return checked.pattern;
  };

  return {
    /**
     * Bans a user from the bot in a guild (null: direct messages), replacing any ban in force. `expiresAt` null
     * or absent: until lifted.
     */
    ban(
      q: {
        guildId: string | null;
        userId: string;
        moderatorId: string;
        reason?: string | null;
        expiresAt?: number | null;
      },
      at = clock(),
    ): Ban {
      if (q.expiresAt != null && q.expiresAt <= at) throw userError('bad-duration', 'ban.endsBeforeStart');
      return ban(q, at);
    },
    /** Lifts the ban in force; returns it as lifted, or null if there was none (nothing is logged then). */
    unban(
      q: { guildId: string | null; userId: string; moderatorId: string; reason?: string | null },
      at = clock(),
    ): Ban | null {
      return unban(q, at);
    },
    /** The ban in force at `now`, if any (an expired ban is not in force). */
    activeBan,
    listBans(guildId: string | null, now = clock()): Ban[] {
      return (s.listActive.all(guildKey(guildId), now) as BanRow[]).map(toBan);
    },
    banHistory(guildId: string | null, userId: string, limit = 10): Ban[] {
      return (s.history.all(guildKey(guildId), userId, limit) as BanRow[]).map(toBan);
    },
    /**
     * Adds a word, phrase or /regex/, checked first (checkBlocklistPattern: parses, RE2 can run it within the server's
     * budget, does not block everything): a bad one throws a UserError. `added` is false if it was there.
     */
    blocklistAdd(
      q: { guildId: string | null; pattern: string; moderatorId: string },
      at = clock(),
    ): { added: boolean; entry: BlocklistEntry } {
      return blockAdd(q.guildId, canonical(q.guildId, q.pattern), q.moderatorId, at);
    },
    /** Removes an entry, written as it was added (case and spacing of words do not matter). */
    blocklistRemove(q: { guildId: string | null; pattern: string; moderatorId: string }, at = clock()): boolean {
      const parsed = parseBlocklistPattern(q.pattern);
      return blockRemove(q.guildId, parsed.ok ? parsed.pattern : q.pattern.trim(), q.moderatorId, at);
    },
    /**
     * A server's entries. Every request's decision asks, so they are kept while the database stays unchanged
     * (keptWhileUnchanged: a moderator's change here or in another process is seen by the next decision). Read-only.
     */
    blocklist(guildId: string | null): readonly BlocklistEntry[] {
      const key = guildKey(guildId);
      return kept(key, () => Object.freeze((s.blocklist.all(key) as BlocklistRow[]).map(toBlocklistEntry)));
    },
  };
}
