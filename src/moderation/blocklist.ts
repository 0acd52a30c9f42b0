/**
 * Blocked words in prompts, matched so that the usual tricks do not get through (case, accents, zero-width
 * characters, look-alike letters, leetspeak, repeated letters, spaced or dotted letters) while ordinary prompts
 * are not blocked: terms match whole words only, so "class" never matches "ass" and "Scunthorpe" passes.
 *
 * Entries are plain words or phrases, or `/regex/` for the rest. Check the prompt, not the negative prompt: people
 * put unwanted things there on purpose.
 */
import vm from 'node:vm';

/**
 * The built-in list for channels not marked age-restricted: a handful of unambiguous terms, so that it blocks the
 * obvious without surprising anyone. Moderators add what their community needs with /blocklist.
 */
export const builtinBlocklist: readonly string[] = Object.freeze([
  'nsfw',
  'nude',
  'nudes',
  'nudity',
  'porn',
  'porno',
  'pornographic',
  'pornography',
  'hentai',
  'topless',
  'sex',
  'erotic',
  'genitals',
]);

/** Letters that look like Latin ones (Cyrillic, Greek) and letters NFKD does not decompose. */
const lookalikes: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i',
  ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ɡ: 'g', α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't',
  υ: 'u', χ: 'x', ø: 'o', ł: 'l', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', ħ: 'h', þ: 'th',
};
/** Basic leetspeak. Applied to every text alike, so "4k" becoming "ak" harms nothing: only matching sees it. */
const leet: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '@': 'a', $: 's' };
// Invisible characters that are not format characters (Hangul fillers, Braille blank).
const INVISIBLE = /[\u115F\u1160\u3164\uFFA0\u2800]/gu;
const MAP_RE = new RegExp(`[${Object.keys({ ...lookalikes, ...leet }).join('').replace(/[$\]\\^-]/g, '\\$&')}]`, 'gu');

/** Case, accents, invisible characters, look-alikes and leetspeak folded away; spacing left as it was. */
export function fold(text: string): string {
  return text
    .replace(/\p{Cf}/gu, '') // zero-width space and joiners, soft hyphen, bidi controls
    .replace(INVISIBLE, '')
    .normalize('NFKD') // fullwidth, ligatures, circled and mathematical letters -> plain; accents -> marks
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(MAP_RE, (c) => lookalikes[c] ?? leet[c] ?? c);
}

export interface NormalizedText {
  /** Words separated by single spaces; a run of single letters ("n u d e", "n.u.d.e") is merged into one word. */
  words: string;
  /** Whitespace-separated chunks with their inner punctuation removed ("nu-de" -> "nude"). */
  joined: string;
  /** The merged single-letter runs, searched without word boundaries (spacing a word out shows intent). */
  runs: string[];
}

const NOT_WORD = /[^\p{L}\p{N}]+/u;

export function normalizeText(text: string): NormalizedText {
  const folded = fold(text);
  const tokens = folded.split(NOT_WORD).filter(Boolean);
  const words: string[] = [];
  const runs: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 2) {
      words.push(run.join(''));
      runs.push(run.join(''));
    } else words.push(...run);
    run = [];
  };
  for (const t of tokens) {
    if ([...t].length === 1 && /\p{L}/u.test(t)) run.push(t);
    else {
      flush();
      words.push(t);
    }
  }
  flush();
  const joined = folded
    .split(/\s+/u)
    .map((chunk) => chunk.replace(/[^\p{L}\p{N}]+/gu, ''))
    .filter(Boolean)
    .join(' ');
  return { words: words.join(' '), joined, runs };
}

export type BlocklistEntryKind = 'term' | 'regex';

export type ParsedPattern =
  | { ok: true; kind: BlocklistEntryKind; /** As stored and shown: trimmed, terms lower-cased. */ pattern: string }
  | { ok: false; message: string };

const MAX_PATTERN = 200;
/** A quantified group that itself contains a quantifier, e.g. (a+)+ : such regexes can take forever on long text. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/;

/** Checks a moderator's entry: a word or phrase, or /regex/ (flags i, u, s allowed; matching is always case-blind). */
export function parseBlocklistPattern(input: string): ParsedPattern {
  const text = input.trim();
  if (!text) return { ok: false, message: 'The entry is empty: give a word, a phrase, or /a regular expression/.' };
  if (text.length > MAX_PATTERN) return { ok: false, message: `The entry is too long (at most ${MAX_PATTERN} characters).` };
  const re = /^\/(.+)\/([a-z]*)$/su.exec(text);
  if (re) {
    const [, source = '', flags = ''] = re;
    if (/[^ius]/.test(flags)) return { ok: false, message: `Only the flags i, u and s are allowed after the closing /, not "${flags}".` };
    if (NESTED_QUANTIFIER.test(source)) {
      return { ok: false, message: 'That regular expression repeats a repeated group, like (a+)+, which can take forever to ' +
        'match long prompts. Rewrite it without the nested repetition.' };
    }
    try {
      new RegExp(source, 'iu');
    } catch (err) {
      return { ok: false, message: `That is not a valid regular expression: ${(err as Error).message}` };
    }
    return { ok: true, kind: 'regex', pattern: text };
  }
  const words = normalizeText(text).words;
  if (!words) return { ok: false, message: 'The entry has no letters or digits; use /regex/ to block symbols.' };
  return { ok: true, kind: 'term', pattern: text.toLowerCase().replace(/\s+/gu, ' ') };
}

export interface BlocklistMatch {
  /** The entry that matched, as written. */
  pattern: string;
  source: 'builtin' | 'guild';
}

interface CompiledEntry {
  pattern: string;
  source: BlocklistMatch['source'];
  test(t: NormalizedText, raw: string): boolean;
}

export interface Blocklist {
  /** The first entry the prompt matches, or null. */
  match(prompt: string): BlocklistMatch | null;
  readonly size: number;
  /** Stored entries that no longer compile (skipped rather than blocking everything). */
  readonly invalid: readonly string[];
}

const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
// Scripts written without spaces: a term in them matches anywhere, since there are no word boundaries to find.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

function compileTerm(pattern: string, source: BlocklistMatch['source']): CompiledEntry | null {
  const termWords = normalizeText(pattern).words.split(' ').filter(Boolean);
  if (!termWords.length) return null;
  // Each letter may be repeated ("nuuude"); a doubled letter must stay at least doubled, so "ass" does not match "as".
  const body = termWords.map((w) => [...w].map((c) => `${escapeRe(c)}+`).join('')).join(' ');
  const plural = '(?:e?s)?';
  const bounded = UNSPACED.test(pattern)
    ? new RegExp(body, 'u')
    : new RegExp(`(?<![\\p{L}\\p{N}])${body}${plural}(?![\\p{L}\\p{N}])`, 'u');
  const inRun = termWords.length === 1 ? new RegExp(body, 'u') : null;
  return {
    pattern,
    source,
    test: (t) => bounded.test(t.words) || bounded.test(t.joined) || (inRun !== null && t.runs.some((r) => inRun.test(r))),
  };
}

function compileRegex(pattern: string, source: BlocklistMatch['source']): CompiledEntry | null {
  const m = /^\/(.+)\/([a-z]*)$/su.exec(pattern);
  if (!m) return null;
  const flags = new Set(['i', 'u', ...(m[2] ?? '')]);
  const re = new RegExp(m[1] ?? '', [...flags].join(''));
  // Against the text as written (case-blind) and against the folded forms, so /p[o0]rn/ and /porn/ both work.
  return { pattern, source, test: (t, raw) => re.test(raw) || re.test(t.words) || re.test(t.joined) };
}

/** Compiles entries (built-in terms and a guild's stored entries) into a matcher. */
export function compileBlocklist(entries: readonly { pattern: string; source: BlocklistMatch['source'] }[]): Blocklist {
  const compiled: CompiledEntry[] = [];
  const invalid: string[] = [];
  for (const e of entries) {
    const parsed = parseBlocklistPattern(e.pattern);
    const c = !parsed.ok ? null : parsed.kind === 'regex' ? compileRegex(parsed.pattern, e.source) : compileTerm(parsed.pattern, e.source);
    if (c) compiled.push(c);
    else invalid.push(e.pattern);
  }
  return {
    size: compiled.length,
    invalid,
    match(prompt) {
      const raw = prompt.replace(/\p{Cf}/gu, '').normalize('NFKC');
      const t = normalizeText(prompt);
      const hit = compiled.find((c) => c.test(t, raw));
      return hit ? { pattern: hit.pattern, source: hit.source } : null;
    },
  };
}

/** The list for one channel: the guild's entries, plus the built-in ones unless the channel is age-restricted. */
export function blocklistFor(opts: { guildPatterns: readonly string[]; ageRestricted: boolean }): Blocklist {
  return compileBlocklist([
    ...(opts.ageRestricted ? [] : builtinBlocklist.map((pattern) => ({ pattern, source: 'builtin' as const }))),
    ...opts.guildPatterns.map((pattern) => ({ pattern, source: 'guild' as const })),
  ]);
}

// --- Checking a new entry ----------------------------------------------------------------------------------------

/**
 * Ordinary prompts of different kinds. An entry that blocks all of them would block nearly every request, which
 * is never what a moderator means (a stray /./ or /e/).
 */
export const ORDINARY_PROMPTS: readonly string[] = [
  'a watercolor painting of a lighthouse at dusk',
  'portrait of an old fisherman, oil on canvas, dramatic lighting',
  'cute robot reading a book in a cozy library, 4k',
  'mountains under snow',
  'cyberpunk city street at night with neon signs and rain',
];

/** How long an entry may take against hard inputs before it is refused as too slow (a catastrophic regex). */
const REGEX_BUDGET_MS = 250;

/**
 * Everything a new entry must pass before it is stored (the store calls this, so no caller can skip it): it parses
 * (a word, a phrase or a valid /regex/ with no nested repetition), it does not match an empty prompt or every
 * ordinary prompt, and it answers quickly on inputs built to make backtracking regexes explode. Returns the stored
 * form, or a message naming the problem and what to do.
 */
export function checkBlocklistPattern(input: string): ParsedPattern {
  const parsed = parseBlocklistPattern(input);
  if (!parsed.ok) return parsed;
  const list = compileBlocklist([{ pattern: parsed.pattern, source: 'guild' }]);
  if (list.size !== 1) return { ok: false, message: `"${input.trim()}" cannot be used as a blocklist entry.` };
  const source = parsed.kind === 'regex' ? parsed.pattern.slice(1, parsed.pattern.lastIndexOf('/')) : parsed.pattern;
  const hard = hardInputs(source);
  let results: { empty: boolean; ordinary: boolean[] };
  try {
    // A vm timeout interrupts a runaway regex (V8 checks for termination while backtracking).
    results = vm.runInNewContext('check()', {
      check: () => {
        for (const text of hard) list.match(text);
        return { empty: list.match('') !== null, ordinary: ORDINARY_PROMPTS.map((p) => list.match(p) !== null) };
      },
    }, { timeout: REGEX_BUDGET_MS }) as typeof results;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      return { ok: false, message: 'That regular expression takes too long on some prompts (it backtracks too much), so ' +
        'it could stall the bot. Make it simpler: avoid repeating groups that can match the same text in several ways.' };
    }
    throw err;
  }
  if (results.empty) {
    return { ok: false, message: `"${input.trim()}" matches an empty prompt, so it would block every request. ` +
      'Make it match a specific word or phrase.' };
  }
  if (results.ordinary.every(Boolean)) {
    return { ok: false, message: `"${input.trim()}" matches nearly everything (for example "${ORDINARY_PROMPTS[0]}"), so ` +
      'it would block ordinary prompts. Make it more specific.' };
  }
  return parsed;
}

/** Long near-misses made of the entry's own characters, and a long ordinary prompt: where backtracking explodes. */
function hardInputs(source: string): string[] {
  const chars = [...new Set([...source.toLowerCase()].filter((c) => /[\p{L}\p{N} ]/u.test(c)))].slice(0, 12);
  const out = ['a'.repeat(48) + '!', '1'.repeat(48) + '!', ' '.repeat(48) + '!', 'ab'.repeat(24) + '!', ORDINARY_PROMPTS.join(', ').repeat(20).slice(0, 4000)];
  for (const c of chars) out.push(c.repeat(48) + '!', `${c} `.repeat(24) + '!');
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`.repeat(24) + '!');
  return out;
}
