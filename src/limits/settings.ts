/**
 * Limit settings and how they resolve: defaults (code and config) < guild < best of the member's roles < user.
 * Pure: overrides in, effective limits out. The limits store reads and writes the overrides. One server-wide
 * defaults ride along that are not limits: defaultScheduler and defaultModel, the scheduler and the installed model
 * /imagine uses when none is chosen.
 */
import { parseSchedulerName, schedulerChoices, schedulerLabels, type SchedulerName } from '../diffusion/types.ts';
import { catalogs, localized, type Lang, type Localized } from '../i18n/index.ts';

export const limitKeys = [
  'userImagesPerDay',
  'userCooldownSeconds',
  'userMaxQueued',
  'guildImagesPerDay',
  'maxSteps',
  'maxWidth',
  'maxHeight',
  'maxPixels',
  'maxImagesPerRequest',
  'allowUploads',
  'spoilerRequired',
  'defaultScheduler',
  'defaultModel',
] as const;
export type LimitKey = (typeof limitKeys)[number];
export type BooleanLimitKey = 'allowUploads' | 'spoilerRequired';
export type NumericLimitKey = Exclude<LimitKey, BooleanLimitKey | 'defaultScheduler' | 'defaultModel'>;

/**
 * One value per key. For numeric keys null means unlimited (for the size, step and count keys: up to the bot's
 * hard ceilings from the config). A cooldown of 0 means none.
 */
export type LimitSettings = { [K in NumericLimitKey]: K extends 'userCooldownSeconds' ? number : number | null } & {
  allowUploads: boolean;
  spoilerRequired: boolean;
  /** The server's default scheduler for /imagine; null: the model's own. */
  defaultScheduler: SchedulerName | null;
  /** The server's default model for /imagine (an installed model's name); null: the bot's own. */
  defaultModel: string | null;
};
export type LimitValue = number | null | boolean | string;

export type LimitScope = 'guild' | 'role' | 'user';
export const limitScopes: readonly LimitScope[] = ['guild', 'role', 'user'];

interface KeyInfo {
  kind: 'quota' | 'seconds' | 'shape' | 'boolean' | 'scheduler' | 'model';
  /** Which way is more generous, to pick the best of several roles ('none': a choice, set for the server only). */
  generous: 'higher' | 'lower' | 'true' | 'false' | 'none';
  scopes: readonly LimitScope[];
  /** For /limits: what it means, in a few words. */
  label: string;
  unit?: string;
}

export const limitInfo: Readonly<Record<LimitKey, KeyInfo>> = {
  userImagesPerDay: {
    kind: 'quota',
    generous: 'higher',
    scopes: limitScopes,
    label: 'images per user per rolling 24 h',
  },
  userCooldownSeconds: {
    kind: 'seconds',
    generous: 'lower',
    scopes: limitScopes,
    label: 'cooldown between requests',
    unit: 's',
  },
  userMaxQueued: { kind: 'quota', generous: 'higher', scopes: limitScopes, label: 'jobs a user may have waiting' },
  // A guild's total cannot sensibly differ by role or user.
  guildImagesPerDay: {
    kind: 'quota',
    generous: 'higher',
    scopes: ['guild'],
    label: 'images per server per rolling 24 h',
  },
  maxSteps: { kind: 'shape', generous: 'higher', scopes: limitScopes, label: 'steps per image' },
  maxWidth: { kind: 'shape', generous: 'higher', scopes: limitScopes, label: 'image width', unit: 'px' },
  maxHeight: { kind: 'shape', generous: 'higher', scopes: limitScopes, label: 'image height', unit: 'px' },
  maxPixels: { kind: 'shape', generous: 'higher', scopes: limitScopes, label: 'pixels per image (width x height)' },
  maxImagesPerRequest: { kind: 'shape', generous: 'higher', scopes: limitScopes, label: 'images per request' },
  allowUploads: { kind: 'boolean', generous: 'true', scopes: limitScopes, label: 'image uploads allowed' },
  spoilerRequired: { kind: 'boolean', generous: 'false', scopes: limitScopes, label: 'images posted as spoilers' },
  defaultScheduler: {
    kind: 'scheduler',
    generous: 'none',
    scopes: ['guild'],
    label: 'scheduler /imagine uses unless one is chosen',
  },
  defaultModel: {
    kind: 'model',
    generous: 'none',
    scopes: ['guild'],
    label: 'model /imagine uses unless one is chosen',
  },
};

/** The bot's hard ceilings (config.bounds): no override can go above them. */
export interface Ceilings {
  maxSteps: number;
  maxWidth: number;
  maxHeight: number;
  maxImagesPerRequest: number;
}

export function ceilingsFromBounds(b: {
  maxSteps: number;
  maxWidth: number;
  maxHeight: number;
  maxImages: number;
}): Ceilings {
  return { maxSteps: b.maxSteps, maxWidth: b.maxWidth, maxHeight: b.maxHeight, maxImagesPerRequest: b.maxImages };
}

/**
 * The defaults when nobody has set anything: generous enough for a small server, strict enough that one person
 * cannot occupy a home GPU all day. Moderators change them live with /limits.
 */
export function defaultLimits(ceilings: Ceilings, queue: { maxPerUser: number }): LimitSettings {
  return {
    userImagesPerDay: 100,
    userCooldownSeconds: 0,
    userMaxQueued: queue.maxPerUser,
    guildImagesPerDay: null,
    maxSteps: ceilings.maxSteps,
    maxWidth: ceilings.maxWidth,
    maxHeight: ceilings.maxHeight,
    maxPixels: null,
    maxImagesPerRequest: ceilings.maxImagesPerRequest,
    allowUploads: true,
    spoilerRequired: false,
    defaultScheduler: null,
    defaultModel: null,
  };
}

export function isLimitKey(key: string): key is LimitKey {
  return (limitKeys as readonly string[]).includes(key);
}

/** A refusal carries its text in English (`message`) and in the moderator's language (`localized`). */
export type ParsedValue = { ok: true; value: LimitValue } | ({ ok: false } & Localized);

/**
 * What a limit means, in the language: the text of the `key` choice of /limits set ("maxSteps: passi per immagine"),
 * which every catalog translates, without its key; English from limitInfo.
 */
export function limitLabel(lang: Lang, key: LimitKey): string {
  const choice = catalogs[lang].commands.limits?.options?.set?.options?.key?.choices?.[key];
  return choice?.startsWith(`${key}: `) ? choice.slice(key.length + 2) : limitInfo[key].label;
}

const unlimitedWords = ['unlimited', 'none', 'no limit', 'infinite', '-1'];
const MAX_COOLDOWN_S = 7 * 24 * 3600;
const MAX_QUOTA = 1_000_000;

/**
 * Checks a value a moderator typed (or a JSON value) for a key and scope. Accepts numbers, "unlimited" (or -1)
 * where that makes sense, and yes/no/true/false/on/off for switches. Messages say what was wrong and what to type.
 */
export function parseLimitValue(
  key: LimitKey,
  raw: string | number | boolean | null,
  scope: LimitScope,
  ceilings: Ceilings,
): ParsedValue {
  const info = limitInfo[key];
  if (!info.scopes.includes(scope)) {
    return {
      ok: false,
      ...localized(scope === 'role' ? 'limitValue.guildOnlyRole' : 'limitValue.guildOnlyUser', { key }),
    };
  }
  if (info.kind === 'scheduler') {
    const word = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
    if (word === null || word === 'default' || word === 'model' || word === "the model's own")
      return { ok: true, value: null };
    const name = typeof raw === 'string' ? parseSchedulerName(raw) : undefined;
    if (name) return { ok: true, value: name };
    return { ok: false, ...localized('limitValue.scheduler', { key, choices: schedulerChoices() }) };
  }
  if (info.kind === 'model') {
    // Whether it is installed is checked where the installed models are known (/limits set).
    const word = typeof raw === 'string' ? raw.trim() : raw;
    if (word === null || word === '' || word.toString().toLowerCase() === 'default') return { ok: true, value: null };
    if (typeof word === 'string' && /^[\w.-]{1,100}$/.test(word)) return { ok: true, value: word };
    return { ok: false, ...localized('limitValue.model', { key }) };
  }
  const text = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
  if (info.kind === 'boolean') {
    if (typeof text === 'boolean') return { ok: true, value: text };
    if (text === 'true' || text === 'yes' || text === 'on' || text === '1') return { ok: true, value: true };
    if (text === 'false' || text === 'no' || text === 'off' || text === '0') return { ok: true, value: false };
    return { ok: false, ...localized('limitValue.switch', { key }) };
  }
  if (info.kind === 'seconds' && (text === 'none' || text === 'off' || text === null)) return { ok: true, value: 0 };
  const unlimited = text === null || text === -1 || (typeof text === 'string' && unlimitedWords.includes(text));
  if (unlimited) {
    if (info.kind === 'seconds') return { ok: false, ...localized('limitValue.secondsUnlimited', { key }) };
    return { ok: true, value: null };
  }
  const n = typeof text === 'number' ? text : typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) {
    return {
      ok: false,
      ...(info.kind === 'seconds'
        ? localized('limitValue.wholeSeconds', { key })
        : localized('limitValue.whole', { key, label: (lang) => limitLabel(lang, key) })),
    };
  }
  if (info.kind === 'seconds' && n > MAX_COOLDOWN_S) {
    return { ok: false, ...localized('limitValue.maxCooldown', { key, max: MAX_COOLDOWN_S }) };
  }
  if (info.kind === 'quota' && n > MAX_QUOTA)
    return { ok: false, ...localized('limitValue.maxQuota', { key, max: MAX_QUOTA }) };
  if (info.kind === 'shape') {
    if (n < 1) return { ok: false, ...localized('limitValue.atLeastOne', { key }) };
    if (key !== 'maxPixels') {
      const ceiling = ceilings[key as keyof Ceilings];
      if (n > ceiling) {
        return { ok: false, ...localized('limitValue.ceiling', { key, max: ceiling }) };
      }
    }
    if ((key === 'maxWidth' || key === 'maxHeight') && n % 8 !== 0) {
      return { ok: false, ...localized('limitValue.multiple8', { key, example: Math.max(8, n - (n % 8)) }) };
    }
  }
  return { ok: true, value: n };
}

/** For /limits show and messages: "unlimited", "30 s", "yes". */
export function formatLimitValue(key: LimitKey, value: LimitValue): string {
  if (key === 'defaultScheduler')
    return typeof value === 'string' ? (schedulerLabels[value as SchedulerName] ?? value) : "the model's own";
  if (key === 'defaultModel') return typeof value === 'string' ? value : "the bot's default";
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null) return 'unlimited';
  if (key === 'userCooldownSeconds') return value === 0 ? 'none' : `${value} s`;
  return limitInfo[key].unit ? `${value} ${limitInfo[key].unit}` : String(value);
}

export interface OverrideEntry {
  scope: LimitScope;
  targetId: string;
  key: LimitKey;
  value: LimitValue;
}

export type LimitSource =
  | { level: 'default' }
  | { level: 'guild' }
  | { level: 'role'; roleId: string }
  | { level: 'user' };

export interface EffectiveLimits {
  values: LimitSettings;
  /** Where each value came from, for /limits show and /info. */
  sources: Record<LimitKey, LimitSource>;
}

/** Is `a` more generous than `b` for this key? */
function moreGenerous(key: LimitKey, a: LimitValue, b: LimitValue): boolean {
  switch (limitInfo[key].generous) {
    case 'true':
      return a === true && b !== true;
    case 'false':
      return a === false && b !== false;
    case 'lower':
      return (a as number) < (b as number);
    case 'none':
      return false;
    case 'higher':
      if (a === b) return false;
      if (a === null) return true;
      if (b === null) return false;
      return (a as number) > (b as number);
  }
}

/**
 * User override > the most generous of the member's role overrides (a supporter role raises a quota, and of two
 * roles the better one counts) > guild override > defaults; then the config's hard ceilings cap sizes and steps.
 * Overrides for other users or roles the member does not hold are ignored.
 */
export function resolveLimits(input: {
  defaults: LimitSettings;
  ceilings: Ceilings;
  overrides: readonly OverrideEntry[];
  userId: string;
  roleIds: readonly string[];
}): EffectiveLimits {
  const values = { ...input.defaults } as Record<LimitKey, LimitValue>;
  const sources = Object.fromEntries(limitKeys.map((k) => [k, { level: 'default' }])) as Record<LimitKey, LimitSource>;
  const roles = new Set(input.roleIds);
  const guild = new Map<LimitKey, LimitValue>();
  const user = new Map<LimitKey, LimitValue>();
  const bestRole = new Map<LimitKey, { value: LimitValue; roleId: string }>();
  for (const o of input.overrides) {
    if (!limitInfo[o.key].scopes.includes(o.scope)) continue;
    if (o.scope === 'guild') guild.set(o.key, o.value);
    else if (o.scope === 'user' && o.targetId === input.userId) user.set(o.key, o.value);
    else if (o.scope === 'role' && roles.has(o.targetId)) {
      const best = bestRole.get(o.key);
      // Ties go to the lower role id so that the answer does not depend on row order.
      if (!best || moreGenerous(o.key, o.value, best.value) || (o.value === best.value && o.targetId < best.roleId))
        bestRole.set(o.key, { value: o.value, roleId: o.targetId });
    }
  }
  for (const key of limitKeys) {
    const u = user.get(key);
    const r = bestRole.get(key);
    const g = guild.get(key);
    if (u !== undefined) [values[key], sources[key]] = [u, { level: 'user' }];
    else if (r !== undefined) [values[key], sources[key]] = [r.value, { level: 'role', roleId: r.roleId }];
    else if (g !== undefined) [values[key], sources[key]] = [g, { level: 'guild' }];
  }
  const c = input.ceilings;
  for (const key of ['maxSteps', 'maxWidth', 'maxHeight', 'maxImagesPerRequest'] as const) {
    const v = values[key] as number | null;
    values[key] = v === null ? c[key] : Math.min(v, c[key]);
  }
  return { values: values as LimitSettings, sources };
}
