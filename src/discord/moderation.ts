/**
 * Shared pieces of the moderator commands (/limits, /ban, /unban, /blocklist, /usage, /modlog) and the member
 * commands (/info, /settings): the run-time permission check, duration parsing, and the text that shows limits,
 * usage and audit entries. Nothing here touches SQL; the stores do (a blocklist entry is checked by the store).
 */
import {
  MessageFlags,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type CommandInteraction,
} from 'discord.js';
import { formatDuration as formatDurationIn, phrase, t, userError, type Lang } from '../i18n/index.ts';
import { discordRelative } from '../limits/quota.ts';
import {
  formatLimitValue,
  limitInfo,
  limitKeys,
  limitLabel,
  type EffectiveLimits,
  type LimitKey,
  type LimitSource,
  type LimitValue,
} from '../limits/settings.ts';
import type { AuditEntry } from '../db/audit.ts';
import type { LimitOverride } from '../db/limits.ts';
import type { TopUser, UsageTotals } from '../db/usage.ts';

/** The permission a member needs for the moderator commands (shown to Discord as default_member_permissions too). */
export const MODERATOR_PERMISSION = PermissionFlagsBits.ManageGuild;

/** Discord's limit on a message's content. */
export const MAX_CONTENT = 2000;

/**
 * The run-time check behind every moderator command. default_member_permissions only hides a command in the
 * client: an Integrations override or a crafted interaction can still reach us, so the member's permissions in
 * this interaction (computed by Discord, Administrator included) are checked again before anything changes.
 * Returns the guild id.
 */
export function requireModerator(interaction: CommandInteraction): string {
  if (!interaction.inGuild() || interaction.guildId === null) {
    throw userError('not-in-guild', 'mod.notInGuild');
  }
  const perms = interaction.memberPermissions;
  if (!perms?.has(MODERATOR_PERMISSION)) {
    throw userError('not-moderator', 'mod.notModerator');
  }
  return interaction.guildId;
}

/**
 * Answers privately (moderators' replies are for them only): the reply, or the edit of a deferred one. Mentions
 * are shown as names but never ping anyone.
 */
export async function replyPrivately(
  interaction: ChatInputCommandInteraction,
  content: string,
  extra: { files?: { attachment: Buffer; name: string; description?: string }[] } = {},
): Promise<void> {
  const body = {
    content: truncate(content),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
    ...extra,
  } as const;
  if (interaction.deferred)
    await interaction.editReply({ content: body.content, allowedMentions: body.allowedMentions, ...extra });
  else await interaction.reply(body);
}

/** Cuts text to Discord's message limit, saying that it did. */
export function truncate(text: string, max = MAX_CONTENT): string {
  if (text.length <= max) return text;
  const note = '\n… (cut short: too long for one message)';
  const cut = text.slice(0, max - note.length);
  return cut.slice(0, Math.max(cut.lastIndexOf('\n'), 0) || cut.length) + note;
}

// --- Durations -----------------------------------------------------------------------------------------------

const UNIT_MS: Record<string, number> = {
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
};
/** Bans longer than this are refused as a duration: leave it out for a ban with no end. */
export const MAX_DURATION_MS = 366 * 86_400_000;

/**
 * "30m", "1h", "7d", "2w", "1d12h", "1 day 6 hours" -> milliseconds. A bad one throws a UserError that shows the
 * form to use.
 */
export function parseDuration(input: string): number {
  const text = input.trim().toLowerCase();
  const help = phrase('duration.help');
  if (!text) throw userError('bad-duration', 'duration.empty', { help });
  const part = /(\d+(?:\.\d+)?)\s*([a-z]+)\s*,?\s*/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = part.exec(text)) !== null) {
    const unit = UNIT_MS[m[2] ?? ''];
    if (unit === undefined)
      throw userError('bad-duration', 'duration.unit', { unit: m[2] ?? '', input: input.trim(), help });
    total += Number(m[1]) * unit;
    matched = part.lastIndex;
  }
  if (matched !== text.length || total <= 0)
    throw userError('bad-duration', 'duration.bad', { input: input.trim(), help });
  if (total < 60_000) throw userError('bad-duration', 'duration.short');
  if (total > MAX_DURATION_MS) throw userError('bad-duration', 'duration.long');
  return Math.round(total);
}

/** 90 000 000 -> "1 d 1 h"; the two largest units. */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [604_800_000, 'w'],
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [size, name] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${name}`);
      rest %= size;
    }
  }
  return parts.join(' ') || '0 s';
}

/** `<t:UNIX:R>`: Discord shows "in 5 minutes" in each reader's language and time zone (the quota's refusals use it too). */
export const relative = discordRelative;
/** `<t:UNIX:f>`: a full date and time in the reader's time zone. */
export function absolute(ms: number): string {
  return `<t:${Math.floor(ms / 1000)}:f>`;
}

// --- Limits ----------------------------------------------------------------------------------------------------

/** Choices for the `key` option: every limit with what it means (Discord allows 25). */
export const limitKeyChoices: { name: string; value: LimitKey }[] = limitKeys.map((key) => ({
  name: `${key}: ${limitInfo[key].label}`.slice(0, 100),
  value: key,
}));

function sourceText(lang: Lang, source: LimitSource): string {
  switch (source.level) {
    case 'default':
      return t(lang, 'limits.source.default');
    case 'guild':
      return t(lang, 'limits.source.guild');
    case 'role':
      return t(lang, 'limits.source.role', { role: `<@&${source.roleId}>` });
    case 'user':
      return t(lang, 'limits.source.user');
  }
}

export { limitLabel };

/** A limit's value in the language: "unbegrenzt", "ja", "30 s", "Euler a". */
export function limitValueText(lang: Lang, key: LimitKey, value: LimitValue): string {
  if (key === 'defaultScheduler' && typeof value !== 'string') return t(lang, 'limits.value.modelOwn');
  if (key === 'defaultModel' && typeof value !== 'string') return t(lang, 'limits.value.botModel');
  if (typeof value === 'boolean') return t(lang, value ? 'settings.yes' : 'settings.no');
  if (value === null) return t(lang, 'limits.value.unlimited');
  if (key === 'userCooldownSeconds' && value === 0) return t(lang, 'limits.value.none');
  return formatLimitValue(key, value);
}

/** One line per limit: `key: value` (what it means; where it comes from). */
export function formatEffectiveLimits(limits: EffectiveLimits, lang: Lang = 'en-US'): string {
  return limitKeys
    .map((key) => {
      const v = limits.values[key] as LimitValue;
      return `• \`${key}\` **${limitValueText(lang, key, v)}** (${limitLabel(lang, key)}; ${sourceText(lang, limits.sources[key])})`;
    })
    .join('\n');
}

/** Overrides grouped by level: the server's, then each role's, then each user's. */
export function formatOverrides(overrides: readonly LimitOverride[], lang: Lang = 'en-US'): string {
  if (!overrides.length) return t(lang, 'limits.overrides.none');
  const groups = new Map<string, string[]>();
  for (const o of overrides) {
    const head =
      o.scope === 'guild'
        ? t(lang, 'limits.overrides.guild')
        : o.scope === 'role'
          ? t(lang, 'limits.overrides.role', { role: `<@&${o.targetId}>` })
          : t(lang, 'limits.overrides.user', { user: `<@${o.targetId}>` });
    const lines = groups.get(head) ?? [];
    lines.push(`\`${o.key}\` ${limitValueText(lang, o.key, o.value)}`);
    groups.set(head, lines);
  }
  return [...groups].map(([head, lines]) => `**${head}:** ${lines.join(', ')}`).join('\n');
}

/** Who a /limits change is about, as text: "the server", "role @Supporter", "user @alice". */
export function targetText(
  scope: 'guild' | 'role' | 'user',
  targetId: string | undefined,
  lang: Lang = 'en-US',
): string {
  return scope === 'guild'
    ? t(lang, 'mod.target.guild')
    : scope === 'role'
      ? t(lang, 'mod.target.role', { role: `<@&${targetId}>` })
      : t(lang, 'mod.target.user', { user: `<@${targetId}>` });
}

// --- Usage -------------------------------------------------------------------------------------------------------

export type UsagePeriod = 'day' | 'week' | 'month';
export const PERIOD_MS: Record<UsagePeriod, number> = { day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 };
/** The period in the language ("the last 7 days"). */
export function periodText(lang: Lang, period: UsagePeriod): string {
  return t(
    lang,
    period === 'day' ? 'usage.period.day' : period === 'month' ? 'usage.period.month' : 'usage.period.week',
  );
}

/** A mean time: tenths of a second under 10 s, else the language's two largest units. */
function meanTime(lang: Lang, v: number | null): string {
  if (v === null) return t(lang, 'usage.na');
  if (v >= 10_000) return formatDurationIn(lang, v);
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: 'second',
    unitDisplay: 'short',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(v / 1000);
}

export function formatTotals(totals: UsageTotals, lang: Lang = 'en-US'): string {
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  const lines = [
    t(lang, 'usage.requests', {
      requests: totals.requests,
      accepted: totals.accepted,
      refused: totals.refused,
      count: totals.users,
    }),
    t(lang, 'usage.images', { made: totals.imagesMade, asked: totals.imagesRequested }),
    t(lang, 'usage.jobs', { done: totals.done, failed: totals.failed, cancelled: totals.cancelled }),
    t(lang, 'usage.times', {
      wait: meanTime(lang, round(totals.avgWaitMs)),
      run: meanTime(lang, round(totals.avgRunMs)),
    }),
  ];
  return lines.join('\n');
}

export function formatTopUsers(top: readonly TopUser[], lang: Lang = 'en-US'): string {
  if (!top.length) return t(lang, 'usage.nobody');
  return top
    .map((u, i) =>
      t(lang, 'usage.topLine', {
        rank: i + 1,
        user: `<@${u.userId}>`,
        count: u.images,
        requests: phrase('usage.requestCount', { count: u.requests }),
        refused: u.refused ? t(lang, 'usage.refusedCount', { refused: u.refused }) : '',
      }),
    )
    .join('\n');
}

export function formatRefusals(
  byReason: readonly { reasonCode: string | null; count: number }[],
  lang: Lang = 'en-US',
): string {
  if (!byReason.length) return t(lang, 'usage.none');
  return byReason.map((r) => `\`${r.reasonCode ?? 'other'}\`: ${r.count}`).join(', ');
}

// --- Audit log ---------------------------------------------------------------------------------------------------

const ACTION_TEXT = {
  'limits.set': 'audit.limits.set',
  'limits.reset': 'audit.limits.reset',
  ban: 'audit.ban',
  unban: 'audit.unban',
  'blocklist.add': 'audit.blocklist.add',
  'blocklist.remove': 'audit.blocklist.remove',
  'queue.remove': 'audit.queue.remove',
} as const;

function compact(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value !== 'object') return String(value);
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return entries.join(', ') || '-';
}

/** One audit entry as a line: when, who, what, to whom, before -> after, reason. */
export function formatAuditEntry(e: AuditEntry, lang: Lang = 'en-US'): string {
  const key = Object.hasOwn(ACTION_TEXT, e.action) ? ACTION_TEXT[e.action as keyof typeof ACTION_TEXT] : undefined;
  const what = key ? t(lang, key) : e.action;
  const target =
    e.targetType === 'user'
      ? `<@${e.targetId}>`
      : e.targetType === 'role'
        ? t(lang, 'mod.target.role', { role: `<@&${e.targetId}>` })
        : e.targetType === 'guild'
          ? t(lang, 'mod.target.guild')
          : e.targetType === 'pattern'
            ? `\`${e.targetId}\``
            : (e.targetId ?? '');
  let detail = '';
  if (e.action === 'limits.set' || e.action === 'limits.reset')
    detail = ` (${compact(e.before)} → ${compact(e.after)})`;
  else if (e.action === 'ban') {
    const expires = (e.after as { expiresAt?: number | null } | null)?.expiresAt;
    detail = expires ? t(lang, 'audit.until', { date: absolute(expires) }) : t(lang, 'audit.noEnd');
  }
  const reason = e.reason ? ` — “${e.reason}”` : '';
  return `\`#${e.id}\` ${relative(e.at)} <@${e.moderatorId}> ${what} ${target}${detail}${reason}`;
}

// --- Members -----------------------------------------------------------------------------------------------------

/** A member's role ids, from a cached GuildMember or the raw member Discord sent (without @everyone). */
export function roleIdsOf(member: unknown, guildId: string | null): string[] {
  if (!member || typeof member !== 'object' || !('roles' in member)) return [];
  const roles = (member as { roles: unknown }).roles;
  const ids = Array.isArray(roles)
    ? roles.map(String)
    : roles && typeof roles === 'object' && 'cache' in roles
      ? [...(roles as { cache: Map<string, unknown> }).cache.keys()]
      : [];
  return ids.filter((id) => id !== guildId);
}

/** Who is asking, for the limits and the quota: guild (null in DMs), user and roles. */
export function memberOf(interaction: CommandInteraction): {
  guildId: string | null;
  userId: string;
  roleIds: string[];
} {
  const guildId = interaction.guildId ?? null;
  return { guildId, userId: interaction.user.id, roleIds: guildId ? roleIdsOf(interaction.member, guildId) : [] };
}
