/**
 * Atelier in the member's language. One catalog per language (en.ts is the source, the others translate it), one
 * lookup with typed parameters (`t`), and Node's own ICU for numbers, durations, lists and plurals.
 *
 * Which language, by Discord's rule: a reply only the member sees follows the member's client (`memberLang`);
 * a message everyone in the channel sees (results, their buttons, progress) follows the server's
 * (`publicLang`). A text a catalog lacks falls back to English, never to a key.
 *
 *   await interaction.reply({ content: t(memberLang(interaction), 'router.unknownCommand'), flags: Ephemeral });
 */
import { UserError } from '../errors.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { esES } from './es-ES.ts';
import { fr } from './fr.ts';
import { it } from './it.ts';
import { ja } from './ja.ts';
import { pl } from './pl.ts';
import { ptBR } from './pt-BR.ts';
import {
  languages,
  type Catalog,
  type Lang,
  type MessageText,
  type ParamsFor,
  type ParamValue,
  type Phrase,
} from './types.ts';

export { languages, type Lang } from './types.ts';

export type MessageKey = keyof typeof en;
export type Messages = typeof en;

/** Every catalog, English first. */
export const catalogs: Readonly<Record<Lang, Catalog<MessageKey>>> = {
  'en-US': { lang: 'en-US', messages: en, commands: {} },
  it,
  de,
  fr,
  'es-ES': esES,
  'pt-BR': ptBR,
  ja,
  pl,
};

/**
 * The language for a Discord locale: the exact one, else the same language in another country ("es-419" ->
 * Spanish, "pt-PT" -> Brazilian Portuguese, "en-GB" -> English), else English.
 */
export function resolveLang(locale: string | null | undefined): Lang {
  if (!locale) return 'en-US';
  const exact = languages.find((l) => l.toLowerCase() === locale.toLowerCase());
  if (exact) return exact;
  const base = locale.split('-')[0]!.toLowerCase();
  return languages.find((l) => l.split('-')[0]!.toLowerCase() === base) ?? 'en-US';
}

/** The member's own language: for replies only they see (ephemeral ones, refusals, /help, /info). */
export function memberLang(interaction: { readonly locale: string }): Lang {
  return resolveLang(interaction.locale);
}

/** The server's language: for messages everyone sees (results, their buttons, progress). In a DM, the member's. */
export function publicLang(interaction: { readonly locale: string; readonly guildLocale: string | null }): Lang {
  return resolveLang(interaction.guildLocale ?? interaction.locale);
}

/** The message `key` in `lang`, its `{placeholders}` filled in; English when the catalog lacks it. */
export function t<K extends MessageKey>(
  lang: Lang,
  key: K,
  ...params: keyof ParamsFor<Messages[K]> extends never ? [] : [ParamsFor<Messages[K]>]
): string {
  const values = (params[0] ?? {}) as Record<string, ParamValue>;
  const text = catalogs[lang]?.messages[key] ?? en[key];
  return fill(lang, pick(lang, text as MessageText, values), values);
}

/** A translator bound to one language, for code that says many things in it. */
export type Translate = <K extends MessageKey>(
  key: K,
  ...params: keyof ParamsFor<Messages[K]> extends never ? [] : [ParamsFor<Messages[K]>]
) => string;
export function translator(lang: Lang): Translate {
  return (key, ...params) => t(lang, key, ...params);
}

const pluralRules = new Map<Lang, Intl.PluralRules>();
function pick(lang: Lang, text: MessageText, values: Record<string, ParamValue>): string {
  if (typeof text === 'string') return text;
  const count = Number(values.count ?? 0);
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return text[rules.select(count)] ?? text.other;
}

const PLACEHOLDER = /\{(\w+)\}/g;
function fill(lang: Lang, text: string, values: Record<string, ParamValue>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) return whole;
    if (typeof v === 'function') return v(lang);
    return typeof v === 'number' ? formatNumber(lang, v) : v;
  });
}

/** The placeholders a text uses (all plural forms together), for the catalog test. */
export function placeholdersOf(text: MessageText): Set<string> {
  const texts =
    typeof text === 'string' ? [text] : Object.values(text).filter((x): x is string => typeof x === 'string');
  return new Set(texts.flatMap((s) => [...s.matchAll(PLACEHOLDER)].map((m) => m[1]!)));
}

// --- Numbers, durations, lists (Intl) ----------------------------------------------------------------------------

const numberFormats = new Map<Lang, Intl.NumberFormat>();
/** 7.5 -> "7,5" in German. No grouping: seeds and job numbers are identifiers, and "1.234.567" would misread. */
export function formatNumber(lang: Lang, n: number): string {
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(lang, { useGrouping: false, maximumFractionDigits: 3 })));
  return f.format(n);
}

const DURATION_UNITS = [
  [604_800_000, 'week'],
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
] as const;
/**
 * A duration in the two largest units that it has, as the language writes them: "1 h, 5 min", "1 Std., 5 Min.",
 * "1時間5分". (Intl.DurationFormat is not in Node 20; NumberFormat's units and ListFormat give the same result.)
 */
/** Intl formatters are costly to build (a fraction of a millisecond each) and immutable: one per language and kind. */
const formatters = new Map<string, { format(x: never): string }>();
function cached<F extends { format(x: never): string }>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

export function formatDuration(lang: Lang, ms: number): string {
  let rest = Math.max(1000, Math.round(ms / 1000) * 1000);
  const parts: string[] = [];
  for (const [size, unit] of DURATION_UNITS) {
    if (rest >= size && parts.length < 2) {
      const n = Math.floor(rest / size);
      rest -= n * size;
      const f = cached(
        `unit|${lang}|${unit}`,
        () => new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' }),
      );
      parts.push(f.format(n));
    } else if (parts.length) break;
  }
  return cached(`units|${lang}`, () => new Intl.ListFormat(lang, { type: 'unit', style: 'short' })).format(parts);
}

/** ["a", "b", "c"] -> "a, b and c" in the language. */
export function formatList(
  lang: Lang,
  items: readonly string[],
  type: 'conjunction' | 'disjunction' = 'conjunction',
): string {
  return cached(`list|${lang}|${type}`, () => new Intl.ListFormat(lang, { type, style: 'long' })).format(items);
}

/** ', not "x"' after a refused flag's value (nothing when the value was empty), in the message's language. */
export function given(value: string): Phrase {
  return (lang) => (value ? t(lang, 'flag.given', { value }) : '');
}

/** A message to be said later in whichever language: a parameter of another message, or a refusal's text. */
export function phrase<K extends MessageKey>(
  key: K,
  ...params: keyof ParamsFor<Messages[K]> extends never ? [] : [ParamsFor<Messages[K]>]
): Phrase {
  return (lang) => t(lang, key, ...params);
}

/**
 * A refusal's text for pure modules (limits, quota) that return verdicts rather than throw: `message` in English
 * (logs, usage records), `localized` for the member. Spread it into the verdict; pass both to a UserError.
 */
export interface Localized {
  readonly message: string;
  readonly localized: (locale: string) => string;
}
export function localized<K extends MessageKey>(
  key: K,
  ...params: keyof ParamsFor<Messages[K]> extends never ? [] : [ParamsFor<Messages[K]>]
): Localized {
  return { message: t('en-US', key, ...params), localized: (locale) => t(resolveLang(locale), key, ...params) };
}

/** A UserError whose message is the catalog's `key`: English in `message` (logs), the member's language when shown. */
export function userError<K extends MessageKey>(
  code: string,
  key: K,
  ...params: keyof ParamsFor<Messages[K]> extends never ? [] : [ParamsFor<Messages[K]>]
): UserError {
  return new UserError(t('en-US', key, ...params), code, {
    localized: (locale) => t(resolveLang(locale), key, ...params),
  });
}

/** Whether a string built at run time ("kind." + kind) names a message. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
