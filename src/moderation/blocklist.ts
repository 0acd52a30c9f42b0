/**
 * Blocked words in prompts, matched so that the usual tricks do not get through (case, accents, zero-width
 * characters, look-alike letters, leetspeak, repeated letters, spaced or dotted letters) while ordinary prompts
 * are not blocked: terms match whole words only, so "class" never matches "ass" and "Scunthorpe" passes.
 *
 * Entries are plain words or phrases, or `/regex/` for the rest. Check the prompt, not the negative prompt: people
 * put unwanted things there on purpose.
 */
import type { RE2JS } from 're2js';
import { re2js } from '../lazy-imports.ts';
import { parsePromptAttention } from '../diffusion/prompt.ts';
import { localized, type Localized } from '../i18n/index.ts';

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

/**
 * Letters that look like Latin ones and that NFKD leaves alone: Cyrillic, Greek, Armenian and a few Latin
 * extensions (a reduced form of Unicode's confusables table, TR39, for the letters people actually use to dodge).
 */
const lookalikes: Record<string, string> = {
  // Cyrillic
  а: 'a',
  б: 'b',
  в: 'b',
  г: 'r',
  д: 'd',
  е: 'e',
  ё: 'e',
  з: 'e',
  и: 'u',
  й: 'u',
  к: 'k',
  л: 'n',
  м: 'm',
  н: 'h',
  о: 'o',
  п: 'p',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  ф: 'f',
  х: 'x',
  ц: 'u',
  ш: 'w',
  щ: 'w',
  ъ: 'b',
  ь: 'b',
  ы: 'bi',
  э: 'e',
  ю: 'io',
  я: 'r',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  ѵ: 'v',
  ґ: 'r',
  // Greek
  α: 'a',
  β: 'b',
  γ: 'y',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'n',
  θ: 'o',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  π: 'p',
  ρ: 'p',
  σ: 'o',
  ς: 'c',
  τ: 't',
  υ: 'u',
  φ: 'o',
  χ: 'x',
  ω: 'w',
  // Armenian
  ա: 'w',
  հ: 'h',
  ո: 'n',
  ս: 'u',
  օ: 'o',
  ց: 'g',
  զ: 'q',
  // Latin letters NFKD does not decompose
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ħ: 'h',
  þ: 'th',
  ɑ: 'a',
  ɡ: 'g',
  ɩ: 'i',
  ʀ: 'r',
  ɴ: 'n',
  ʏ: 'y',
  ᴀ: 'a',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ᴋ: 'k',
  ᴍ: 'm',
  ᴏ: 'o',
  ᴘ: 'p',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ᴢ: 'z',
  ŋ: 'n',
};
/** Capitals that look like Latin ones but whose small letters do not (Greek Ν is N, its ν looks like v). */
const upperLookalikes: Record<string, string> = {
  Α: 'a',
  Β: 'b',
  Ε: 'e',
  Ζ: 'z',
  Η: 'h',
  Ι: 'i',
  Κ: 'k',
  Μ: 'm',
  Ν: 'n',
  Ο: 'o',
  Ρ: 'p',
  Τ: 't',
  Υ: 'y',
  Χ: 'x',
  А: 'a',
  В: 'b',
  Е: 'e',
  К: 'k',
  М: 'm',
  Н: 'h',
  О: 'o',
  Р: 'p',
  С: 'c',
  Т: 't',
  Х: 'x',
  І: 'i',
  Ј: 'j',
  Ѕ: 's',
};
const UPPER_RE = new RegExp(`[${Object.keys(upperLookalikes).join('')}]`, 'gu');
/** Basic leetspeak. Applied to every text alike, so "4k" becoming "ak" harms nothing: only matching sees it. */
const leet: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };
// Invisible characters that are not format characters (Hangul fillers, Braille blank).
const INVISIBLE = /[\u115F\u1160\u3164\uFFA0\u2800]/gu;
const MAP_RE = new RegExp(
  `[${Object.keys({ ...lookalikes, ...leet })
    .join('')
    .replace(/[$\]\\^-]/g, '\\$&')}]`,
  'gu',
);

/** Case, accents, invisible characters, look-alikes and leetspeak folded away; spacing left as it was. */
export function fold(text: string): string {
  return text
    .replace(/\p{Cf}/gu, '') // zero-width space and joiners, soft hyphen, bidi controls
    .replace(INVISIBLE, '')
    .replace(UPPER_RE, (c) => upperLookalikes[c] ?? c)
    .normalize('NFKD') // fullwidth, ligatures, circled and mathematical letters -> plain; accents -> marks
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(MAP_RE, (c) => lookalikes[c] ?? leet[c] ?? c)
    .replace(/(\p{L})\1{2,}/gu, '$1$1'); // "nuuuude" -> "nuude": terms allow each letter once or twice
}

/**
 * What the text encoder reads: prompt weights and brackets removed ("(na:1.2)ked" -> "naked") and BREAK taken out,
 * joining its neighbours ("na BREAK ked" -> "naked"), with camelCase split into words ("NakedWoman").
 */
export function modelText(prompt: string): string {
  const read = parsePromptAttention(prompt)
    .filter((p) => !(p.weight === -1 && p.text === 'BREAK'))
    .map((p) => p.text)
    .join('');
  return splitCamel(read);
}

/** "NakedWoman" -> "Naked Woman": a lower-case letter followed by a capital starts a new word. */
const splitCamel = (text: string) => text.replace(/(\p{Ll})(?=\p{Lu})/gu, '$1 ');

export interface NormalizedText {
  /** Words separated by single spaces; a run of single letters ("n u d e", "n.u.d.e") is merged into one word. */
  words: string;
  /** Whitespace-separated chunks with their inner punctuation removed ("nu-de" -> "nude"). */
  joined: string;
  /** The merged single-letter runs, searched without word boundaries (spacing a word out shows intent). */
  runs: string[];
}

const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** One form of a text, folded and split into words. */
function normalizeForm(text: string): NormalizedText {
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

/**
 * The forms a prompt is matched in: as written, as the text encoder reads it (weights and BREAK removed), and with
 * camelCase split; each folded (case, accents, look-alikes, leetspeak, repeated letters). Forms are separated by a
 * line break, which no term crosses.
 */
export function normalizeText(text: string): NormalizedText {
  const forms = [...new Set([text, modelText(text), splitCamel(text)])].map(normalizeForm);
  return {
    words: forms.map((f) => f.words).join('\n'),
    joined: forms.map((f) => f.joined).join('\n'),
    runs: [...new Set(forms.flatMap((f) => f.runs))],
  };
}

export type BlocklistEntryKind = 'term' | 'regex';

export type ParsedPattern =
  | { ok: true; kind: BlocklistEntryKind /** As stored and shown: trimmed, terms lower-cased. */; pattern: string }
  | ({ ok: false } & Localized);

const MAX_PATTERN = 200;
/**
 * The most instructions one /regex/ entry may compile to, and all of a server's together. RE2 matches in time
 * proportional to program size x text length, so these two numbers bound what a moderator can cost each prompt
 * check (a few milliseconds at worst on a 1000-character prompt; `npm run bench -- bot` measures it).
 */
export const MAX_REGEX_PROGRAM = 200;
export const MAX_GUILD_REGEX_PROGRAM = 600;

const REGEX_ENTRY = /^\/(.+)\/([a-z]*)$/su;
const BACKREFERENCE = /(?<!\\)(?:\\\\)*\\(?:[1-9]|k<)/u;
const LOOKAROUND = /(?<!\\)(?:\\\\)*\((?:\?<?[=!])/u;

type Re2Result = { ok: true; re: RE2JS; inline: string } | ({ ok: false } & Localized);
/** Compiled entries by flags and source: checking, storing and compiling a server's list reuse one compilation. */
const re2Cache = new Map<string, Re2Result>();

/** A compiled /regex/ entry (RE2 semantics: linear time whatever the pattern), or why it cannot be one. */
function compileRe2(source: string, flags: string): Re2Result {
  const key = `${flags}/${source}`;
  let result = re2Cache.get(key);
  if (!result) {
    if (re2Cache.size >= 1024) re2Cache.clear();
    result = compileRe2Uncached(source, flags);
    re2Cache.set(key, result);
  }
  return result;
}

function compileRe2Uncached(source: string, flags: string): Re2Result {
  if (BACKREFERENCE.test(source)) {
    return { ok: false, ...localized('blocklistEntry.backreference') };
  }
  if (LOOKAROUND.test(source)) {
    return { ok: false, ...localized('blocklistEntry.lookaround') };
  }
  let translated: string;
  let re: RE2JS;
  try {
    translated = re2js().translateRegExp(source);
    re = re2js().compile(translated, re2js().CASE_INSENSITIVE | (flags.includes('s') ? re2js().DOTALL : 0));
  } catch (err) {
    return { ok: false, ...localized('blocklistEntry.invalid', { error: (err as Error).message }) };
  }
  if (re.programSize() > MAX_REGEX_PROGRAM) {
    return {
      ok: false,
      ...localized('blocklistEntry.tooBig', { size: re.programSize(), max: MAX_REGEX_PROGRAM, repeat: 'a{30}' }),
    };
  }
  return { ok: true, re, inline: flags.includes('s') ? `(?s:${translated})` : `(?:${translated})` };
}

/** Checks a moderator's entry: a word or phrase, or /regex/ (flags i, u, s allowed; matching is always case-blind). */
export function parseBlocklistPattern(input: string): ParsedPattern {
  const text = input.trim();
  if (!text) return { ok: false, ...localized('blocklistEntry.empty') };
  if (text.length > MAX_PATTERN) return { ok: false, ...localized('blocklistEntry.tooLong', { max: MAX_PATTERN }) };
  const re = REGEX_ENTRY.exec(text);
  if (re) {
    const [, source = '', flags = ''] = re;
    if (/[^ius]/.test(flags)) return { ok: false, ...localized('blocklistEntry.flags', { flags }) };
    const compiled = compileRe2(source, flags);
    if (!compiled.ok) return compiled;
    return { ok: true, kind: 'regex', pattern: text };
  }
  const words = normalizeForm(text).words;
  if (!words) return { ok: false, ...localized('blocklistEntry.noWords') };
  return { ok: true, kind: 'term', pattern: text.toLowerCase().replace(/\s+/gu, ' ') };
}

export interface BlocklistMatch {
  /** The entry that matched, as written. */
  pattern: string;
  source: 'builtin' | 'guild';
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
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/**
 * Words that prompts glue to another word ("nakedwoman", "pornstar"): a term joined to one of these still matches,
 * as the text encoder reads the compound as the two words. Only these: "cockpit", "therapist" or "Essex" are not
 * compounds of a blocked word with one of them, so they pass.
 */
const COMPOUND_PARTS = [
  'woman',
  'women',
  'girl',
  'man',
  'men',
  'boy',
  'lady',
  'ladies',
  'guy',
  'body',
  'pic',
  'photo',
  'selfie',
  'art',
  'model',
  'wife',
  'teen',
  'female',
  'male',
  'person',
  'people',
  'couple',
  'star',
  'scene',
  'shot',
  'pose',
  'style',
  'anime',
  'cosplay',
  'video',
  'image',
];
const COMPOUND = `(?:${COMPOUND_PARTS.join('|')})`;

/**
 * A term's letters as a pattern over folded text, where runs of a letter are at most two long: a single letter may
 * be doubled ("nuude"), a doubled one must stay doubled (so "ass" never matches "as"). Bounded quantifiers over
 * literal letters: backtracking is bounded by the term's length, so matching is linear in the prompt.
 */
function termBody(word: string): string {
  return (word.match(/(\p{L}|\p{N})\1*/gu) ?? [])
    .map((run) => {
      const c = escapeRe([...run][0]!);
      return [...run].length === 1 ? `${c}{1,2}` : `${c}${c}`;
    })
    .join('');
}

interface CompiledTerm {
  pattern: string;
  source: BlocklistMatch['source'];
  test(t: NormalizedText): boolean;
}

/**
 * Compiled terms by source and pattern. A server's list is compiled again whenever a moderator changes it, and
 * every list holds the built-in terms: without this, each change rebuilt a few hundred regexes, which V8 compiles
 * again on their first match (milliseconds on the gateway thread). Bounded: guild entries are moderators' text.
 */
const compiledTerms = new Map<string, CompiledTerm | null>();
const MAX_COMPILED_TERMS = 4096;

function compileTerm(pattern: string, source: BlocklistMatch['source']): CompiledTerm | null {
  const key = `${source}\n${pattern}`;
  let term = compiledTerms.get(key);
  if (term === undefined) {
    if (compiledTerms.size >= MAX_COMPILED_TERMS) compiledTerms.clear();
    term = compileTermUncached(pattern, source);
    compiledTerms.set(key, term);
  }
  return term;
}

function compileTermUncached(pattern: string, source: BlocklistMatch['source']): CompiledTerm | null {
  const termWords = normalizeForm(pattern).words.split(' ').filter(Boolean);
  if (!termWords.length) return null;
  // A phrase also matches its words written together ("blood bath" and "bloodbath").
  const body = termWords.map(termBody).join(' ?');
  const plural = '(?:e?s)?';
  const single = termWords.length === 1;
  const bounded = UNSPACED.test(pattern)
    ? new RegExp(body, 'u')
    : single
      ? new RegExp(
          `(?<![\\p{L}\\p{N}])(?:${COMPOUND}s?)?${body}${plural}(?:${COMPOUND}${plural})?(?![\\p{L}\\p{N}])`,
          'u',
        )
      : new RegExp(`(?<![\\p{L}\\p{N}])${body}${plural}(?![\\p{L}\\p{N}])`, 'u');
  const inRun = single ? new RegExp(body, 'u') : null;
  return {
    pattern,
    source,
    test: (t) =>
      bounded.test(t.words) || bounded.test(t.joined) || (inRun !== null && t.runs.some((r) => inRun.test(r))),
  };
}

interface CompiledRegex {
  pattern: string;
  source: BlocklistMatch['source'];
  re: RE2JS;
  inline: string;
}

function compileRegex(pattern: string, source: BlocklistMatch['source']): CompiledRegex | null {
  const m = REGEX_ENTRY.exec(pattern);
  if (!m) return null;
  const compiled = compileRe2(m[1] ?? '', m[2] ?? '');
  return compiled.ok ? { pattern, source, re: compiled.re, inline: compiled.inline } : null;
}

/**
 * Compiles entries (built-in terms and a guild's stored entries) into a matcher. Terms are our own linear regexes;
 * /regex/ entries run on RE2 (re2js), all of them as one program, so a prompt is read once per form whatever their
 * number. A guild whose entries together exceed MAX_GUILD_REGEX_PROGRAM keeps the first ones that fit; the rest
 * are reported as invalid (the store refuses to add past the budget, so only an older database can have them).
 */
export function compileBlocklist(entries: readonly { pattern: string; source: BlocklistMatch['source'] }[]): Blocklist {
  const terms: CompiledTerm[] = [];
  const regexes: CompiledRegex[] = [];
  const invalid: string[] = [];
  let program = 0;
  for (const e of entries) {
    const parsed = parseBlocklistPattern(e.pattern);
    if (parsed.ok && parsed.kind === 'term') {
      const c = compileTerm(parsed.pattern, e.source);
      if (c) terms.push(c);
      else invalid.push(e.pattern);
      continue;
    }
    const c = parsed.ok ? compileRegex(parsed.pattern, e.source) : null;
    if (c && program + c.re.programSize() <= MAX_GUILD_REGEX_PROGRAM) {
      regexes.push(c);
      program += c.re.programSize();
    } else invalid.push(e.pattern);
  }
  const combined =
    regexes.length > 1
      ? re2js().compile(regexes.map((r) => r.inline).join('|'), re2js().CASE_INSENSITIVE)
      : regexes[0]?.re;
  return {
    size: terms.length + regexes.length,
    invalid,
    match(prompt) {
      const t = normalizeText(prompt);
      const term = terms.find((c) => c.test(t));
      if (term) return { pattern: term.pattern, source: term.source };
      if (!combined) return null;
      // Against the text as written (case-blind) and against the folded forms, so /p[o0]rn/ and /porn/ both work.
      const texts = [prompt.replace(/\p{Cf}/gu, '').normalize('NFKC'), t.words, t.joined];
      const text = texts.find((x) => combined.test(x));
      if (text === undefined) return null;
      const hit = regexes.find((r) => r.re.test(text)) ?? regexes[0]!;
      return { pattern: hit.pattern, source: hit.source };
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

/** The compiled size of a /regex/ entry (0 for a term). */
function programSizeOf(pattern: string): number {
  const c = compileRegex(pattern, 'guild');
  return c ? c.re.programSize() : 0;
}

/**
 * Everything a new entry must pass before it is stored (the store calls this, so no caller can skip it): it parses
 * (a word, a phrase, or a /regex/ that RE2 can run: no backreferences or lookaround, at most MAX_REGEX_PROGRAM
 * steps, and with the server's other entries at most MAX_GUILD_REGEX_PROGRAM), and it does not match an empty
 * prompt or every ordinary prompt. No trial run is needed: RE2 takes time proportional to the prompt's length,
 * whatever the pattern. Returns the stored form, or a message naming the problem and what to do.
 */
export function checkBlocklistPattern(input: string, existing: readonly string[] = []): ParsedPattern {
  const parsed = parseBlocklistPattern(input);
  if (!parsed.ok) return parsed;
  if (parsed.kind === 'regex' && !existing.includes(parsed.pattern)) {
    const used = existing.reduce((sum, p) => sum + programSizeOf(p), 0);
    const size = programSizeOf(parsed.pattern);
    if (used + size > MAX_GUILD_REGEX_PROGRAM) {
      return {
        ok: false,
        ...localized('blocklistEntry.guildTooBig', { size: used + size, max: MAX_GUILD_REGEX_PROGRAM }),
      };
    }
  }
  const list = compileBlocklist([{ pattern: parsed.pattern, source: 'guild' }]);
  if (list.size !== 1) return { ok: false, ...localized('blocklistEntry.unusable', { input: input.trim() }) };
  if (list.match('') !== null) {
    return { ok: false, ...localized('blocklistEntry.matchesEmpty', { input: input.trim() }) };
  }
  if (ORDINARY_PROMPTS.every((p) => list.match(p) !== null)) {
    return {
      ok: false,
      ...localized('blocklistEntry.matchesAll', { input: input.trim(), example: ORDINARY_PROMPTS[0] ?? '' }),
    };
  }
  return parsed;
}

/**
 * Compiles the built-in list and runs a regex list once, so that the first member's prompt does not pay for loading
 * and optimising the matching code (about 20-40 ms, once per process) on the gateway thread.
 */
export function warmBlocklist(): void {
  const list = blocklistFor({ guildPatterns: ['/(w|[a-z])*!/', '/a?a?aa/', 'warm up'], ageRestricted: false });
  for (const text of ['a lighthouse at dusk', `${'α'.repeat(30)}!`, 'a'.repeat(300), '(na:1.2)ked BREAK nakedwoman'])
    list.match(text);
}
