/**
 * Limit overrides per guild, role and user (/limits set, reset, show), and their resolution for one member.
 * Changes apply at once (every check reads the table) and are audited in the same transaction.
 */
import type { Database } from './database.ts';
import type { AuditStore } from './audit.ts';
import { fromGuildKey, guildKey, keptWhileUnchanged } from './common.ts';
import { UserError } from '../errors.ts';
import { userError } from '../i18n/index.ts';
import {
  isLimitKey,
  limitKeys,
  parseLimitValue,
  resolveLimits,
  type Ceilings,
  type EffectiveLimits,
  type LimitKey,
  type LimitScope,
  type LimitSettings,
  type LimitValue,
  type OverrideEntry,
} from '../limits/settings.ts';

export interface LimitOverride extends OverrideEntry {
  guildId: string | null;
  updatedAt: number;
  updatedBy: string | null;
}

interface OverrideRow {
  guild_id: string;
  scope: LimitScope;
  target_id: string;
  key: string;
  value: string;
  updated_at: number;
  updated_by: string | null;
}

function toOverride(r: OverrideRow): LimitOverride | null {
  // A key a later version removed is ignored rather than breaking every check.
  if (!isLimitKey(r.key)) return null;
  return {
    guildId: fromGuildKey(r.guild_id),
    scope: r.scope,
    targetId: r.target_id,
    key: r.key,
    value: JSON.parse(r.value) as LimitValue,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

/** Who a member is, for resolving their limits. */
export interface Member {
  guildId: string | null;
  userId: string;
  roleIds: readonly string[];
}

/** The target of a /limits change: the guild itself, a role, or a user. */
export interface LimitTarget {
  guildId: string | null;
  scope: LimitScope;
  /** The role or user id; ignored (the guild) for scope 'guild'. */
  targetId?: string | undefined;
}

export type LimitStore = ReturnType<typeof createLimitStore>;

export function createLimitStore(
  database: Database,
  deps: { defaults: LimitSettings; ceilings: Ceilings; audit: AuditStore },
) {
  const { sqlite: db, clock } = database;
  const { defaults, ceilings, audit } = deps;
  const s = {
    forMember: db.prepare(`SELECT * FROM limit_overrides WHERE guild_id = @guildId AND (
        scope = 'guild' OR (scope = 'user' AND target_id = @userId)
        OR (scope = 'role' AND target_id IN (SELECT value FROM json_each(@roleIds))))`),
    forGuild: db.prepare('SELECT * FROM limit_overrides WHERE guild_id = ? ORDER BY scope, target_id, key'),
    forTarget: db.prepare(
      'SELECT * FROM limit_overrides WHERE guild_id = ? AND scope = ? AND target_id = ? ORDER BY key',
    ),
    upsert: db.prepare(`INSERT INTO limit_overrides (guild_id, scope, target_id, key, value, updated_at, updated_by)
      VALUES (@guildId, @scope, @targetId, @key, @value, @at, @by)
      ON CONFLICT (guild_id, scope, target_id, key) DO UPDATE SET value = excluded.value,
        updated_at = excluded.updated_at, updated_by = excluded.updated_by`),
    deleteKey: db.prepare(
      'DELETE FROM limit_overrides WHERE guild_id = ? AND scope = ? AND target_id = ? AND key = ? RETURNING *',
    ),
    deleteAll: db.prepare('DELETE FROM limit_overrides WHERE guild_id = ? AND scope = ? AND target_id = ? RETURNING *'),
  };

  function checkKey(key: string): asserts key is LimitKey {
    if (!isLimitKey(key)) throw userError('bad-limit', 'limitValue.noSuchKey', { key, keys: limitKeys.join(', ') });
  }
  const targetOf = (t: LimitTarget): string => {
    if (t.scope === 'guild') return guildKey(t.guildId);
    if (!t.targetId) throw new TypeError(`limits: a ${t.scope} override needs a targetId`);
    return t.targetId;
  };
  const rows = (list: unknown[]) =>
    (list as OverrideRow[]).map(toOverride).filter((o): o is LimitOverride => o !== null);
  const valuesOf = (list: LimitOverride[]) => Object.fromEntries(list.map((o) => [o.key, o.value]));

  const set = db.transaction((t: LimitTarget, key: LimitKey, value: LimitValue, moderatorId: string, at: number) => {
    const targetId = targetOf(t);
    const before = rows(s.forTarget.all(guildKey(t.guildId), t.scope, targetId)).find((o) => o.key === key)?.value;
    s.upsert.run({
      guildId: guildKey(t.guildId),
      scope: t.scope,
      targetId,
      key,
      value: JSON.stringify(value),
      at,
      by: moderatorId,
    });
    audit.record({
      at,
      guildId: t.guildId,
      moderatorId,
      action: 'limits.set',
      targetType: t.scope,
      targetId,
      before: before === undefined ? null : { [key]: before },
      after: { [key]: value },
    });
    return { before, after: value };
  });

  const reset = db.transaction((t: LimitTarget, key: LimitKey | undefined, moderatorId: string, at: number) => {
    const targetId = targetOf(t);
    const removed = rows(
      key === undefined
        ? s.deleteAll.all(guildKey(t.guildId), t.scope, targetId)
        : s.deleteKey.all(guildKey(t.guildId), t.scope, targetId, key),
    );
    if (removed.length) {
      audit.record({
        at,
        guildId: t.guildId,
        moderatorId,
        action: 'limits.reset',
        targetType: t.scope,
        targetId,
        before: valuesOf(removed),
        after: null,
      });
    }
    return removed;
  });

  /** resolve()'s answers while the database is unchanged (see there). */
  const kept = keptWhileUnchanged<EffectiveLimits>(db);

  return {
    defaults,
    ceilings,
    /**
     * The limits in force for a member, with where each came from. One decision asks several times (the command's
     * defaults, the request's shape, the quota), and a crowd's decisions ask for the same few roles: answers are
     * kept while the database stays unchanged (keptWhileUnchanged). Inside a transaction it always reads.
     */
    resolve(m: Member): EffectiveLimits {
      return kept(`${m.guildId}\n${m.userId}\n${m.roleIds.join(',')}`, () => {
        const overrides = rows(
          s.forMember.all({ guildId: guildKey(m.guildId), userId: m.userId, roleIds: JSON.stringify(m.roleIds) }),
        );
        return resolveLimits({ defaults, ceilings, overrides, userId: m.userId, roleIds: m.roleIds });
      });
    },
    /**
     * Sets one key for a guild, role or user. `value` is what the moderator typed ("20", "unlimited", "yes") or
     * a typed value; a bad one throws a UserError that says what to type. Returns the previous override (undefined
     * if none) and the new value.
     */
    set(
      q: LimitTarget & { key: string; value: string | number | boolean | null; moderatorId: string },
      at = clock(),
    ): { before: LimitValue | undefined; after: LimitValue } {
      checkKey(q.key);
      const parsed = parseLimitValue(q.key, q.value, q.scope, ceilings);
      if (!parsed.ok) throw new UserError(parsed.message, 'bad-limit', { localized: parsed.localized });
      return set(q, q.key, parsed.value, q.moderatorId, at);
    },
    /** Removes one key's override (or all of the target's), so the level below applies again. Returns what went. */
    reset(q: LimitTarget & { key?: string | undefined; moderatorId: string }, at = clock()): LimitOverride[] {
      if (q.key !== undefined) checkKey(q.key);
      return reset(q, q.key, q.moderatorId, at);
    },
    /** The overrides of a guild, or of one target in it. */
    list(q: { guildId: string | null; scope?: LimitScope; targetId?: string }): LimitOverride[] {
      if (q.scope === undefined) return rows(s.forGuild.all(guildKey(q.guildId)));
      return rows(
        s.forTarget.all(
          guildKey(q.guildId),
          q.scope,
          targetOf({ guildId: q.guildId, scope: q.scope, targetId: q.targetId }),
        ),
      );
    },
  };
}
