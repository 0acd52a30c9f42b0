/**
 * CLIP's byte-level BPE tokenizer, as Stable Diffusion's text encoders were trained with it.
 *
 * It follows openai/CLIP `clip/simple_tokenizer.py` (`SimpleTokenizer.encode`), the tokenizer the CLIP weights were
 * trained with, step by step:
 *   1. `basic_clean`: `ftfy.fix_text` (the parts of it that touch ordinary text, see `fixText`), then
 *      `html.unescape` twice, then strip;
 *   2. `whitespace_clean`: runs of whitespace become one space; then lowercase;
 *   3. split with CLIP's pattern (letters runs, one digit at a time, punctuation runs, contractions);
 *   4. map each piece's UTF-8 bytes through `bytes_to_unicode`, append `</w>` to the last symbol and apply the merges,
 *      lowest rank first; look the symbols up in vocab.json.
 * Hugging Face's `CLIPTokenizer` with ftfy installed, and `CLIPTokenizerFast` (NFC, whitespace, lowercase, same split
 * pattern), give the same ids for ordinary prompts. Without ftfy, HF's slow tokenizer falls back to a BERT
 * `BasicTokenizer` that puts spaces around every CJK ideograph; we deliberately follow the ftfy / fast path, so a run
 * of CJK characters is one BPE word, as CLIP saw it in training.
 *
 * Not reproduced from ftfy: its mojibake repair (`fix_encoding`, re-decoding text such as "Ã©" as "é"), which only
 * changes text that was already garbled. HTML entities: the HTML 4 set plus `&apos;` (see `ENTITY_TABLE`); rarer
 * HTML5-only names such as `&bigstar;` are left as they are.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelError } from '../errors.ts';

// ---------------------------------------------------------------------------------------------------------------
// HTML entities

/** name:hex code point, the HTML 4 entities (values as HTML5 defines them, so lang/rang are U+27E8/U+27E9) + apos. */
const ENTITY_TABLE =
  'quot:22 amp:26 apos:27 lt:3c gt:3e nbsp:a0 iexcl:a1 cent:a2 pound:a3 curren:a4 yen:a5 brvbar:a6 sect:a7 uml:a8 ' +
  'copy:a9 ordf:aa laquo:ab not:ac shy:ad reg:ae macr:af deg:b0 plusmn:b1 sup2:b2 sup3:b3 acute:b4 micro:b5 ' +
  'para:b6 middot:b7 cedil:b8 sup1:b9 ordm:ba raquo:bb frac14:bc frac12:bd frac34:be iquest:bf Agrave:c0 Aacute:c1 ' +
  'Acirc:c2 Atilde:c3 Auml:c4 Aring:c5 AElig:c6 Ccedil:c7 Egrave:c8 Eacute:c9 Ecirc:ca Euml:cb Igrave:cc Iacute:cd ' +
  'Icirc:ce Iuml:cf ETH:d0 Ntilde:d1 Ograve:d2 Oacute:d3 Ocirc:d4 Otilde:d5 Ouml:d6 times:d7 Oslash:d8 Ugrave:d9 ' +
  'Uacute:da Ucirc:db Uuml:dc Yacute:dd THORN:de szlig:df agrave:e0 aacute:e1 acirc:e2 atilde:e3 auml:e4 aring:e5 ' +
  'aelig:e6 ccedil:e7 egrave:e8 eacute:e9 ecirc:ea euml:eb igrave:ec iacute:ed icirc:ee iuml:ef eth:f0 ntilde:f1 ' +
  'ograve:f2 oacute:f3 ocirc:f4 otilde:f5 ouml:f6 divide:f7 oslash:f8 ugrave:f9 uacute:fa ucirc:fb uuml:fc ' +
  'yacute:fd thorn:fe yuml:ff OElig:152 oelig:153 Scaron:160 scaron:161 Yuml:178 fnof:192 circ:2c6 tilde:2dc ' +
  'Alpha:391 Beta:392 Gamma:393 Delta:394 Epsilon:395 Zeta:396 Eta:397 Theta:398 Iota:399 Kappa:39a Lambda:39b ' +
  'Mu:39c Nu:39d Xi:39e Omicron:39f Pi:3a0 Rho:3a1 Sigma:3a3 Tau:3a4 Upsilon:3a5 Phi:3a6 Chi:3a7 Psi:3a8 Omega:3a9 ' +
  'alpha:3b1 beta:3b2 gamma:3b3 delta:3b4 epsilon:3b5 zeta:3b6 eta:3b7 theta:3b8 iota:3b9 kappa:3ba lambda:3bb ' +
  'mu:3bc nu:3bd xi:3be omicron:3bf pi:3c0 rho:3c1 sigmaf:3c2 sigma:3c3 tau:3c4 upsilon:3c5 phi:3c6 chi:3c7 ' +
  'psi:3c8 omega:3c9 thetasym:3d1 upsih:3d2 piv:3d6 ensp:2002 emsp:2003 thinsp:2009 zwnj:200c zwj:200d lrm:200e ' +
  'rlm:200f ndash:2013 mdash:2014 lsquo:2018 rsquo:2019 sbquo:201a ldquo:201c rdquo:201d bdquo:201e dagger:2020 ' +
  'Dagger:2021 bull:2022 hellip:2026 permil:2030 prime:2032 Prime:2033 lsaquo:2039 rsaquo:203a oline:203e ' +
  'frasl:2044 euro:20ac image:2111 weierp:2118 real:211c trade:2122 alefsym:2135 larr:2190 uarr:2191 rarr:2192 ' +
  'darr:2193 harr:2194 crarr:21b5 lArr:21d0 uArr:21d1 rArr:21d2 dArr:21d3 hArr:21d4 forall:2200 part:2202 ' +
  'exist:2203 empty:2205 nabla:2207 isin:2208 notin:2209 ni:220b prod:220f sum:2211 minus:2212 lowast:2217 ' +
  'radic:221a prop:221d infin:221e ang:2220 and:2227 or:2228 cap:2229 cup:222a int:222b there4:2234 sim:223c ' +
  'cong:2245 asymp:2248 ne:2260 equiv:2261 le:2264 ge:2265 sub:2282 sup:2283 nsub:2284 sube:2286 supe:2287 ' +
  'oplus:2295 otimes:2297 perp:22a5 sdot:22c5 lceil:2308 rceil:2309 lfloor:230a rfloor:230b loz:25ca spades:2660 ' +
  'clubs:2663 hearts:2665 diams:2666 lang:27e8 rang:27e9 ' +
  // HTML5 also spells these six in capitals.
  'AMP:26 COPY:a9 GT:3e LT:3c QUOT:22 REG:ae';

const ENTITIES = new Map<string, string>();
for (const item of ENTITY_TABLE.split(' ')) {
  const [name, hex] = item.split(':') as [string, string];
  ENTITIES.set(name, String.fromCodePoint(parseInt(hex, 16)));
}
const UPPERCASE_LEGACY = ['AMP', 'COPY', 'GT', 'LT', 'QUOT', 'REG'];
/**
 * The names HTML5 (and so Python's html.unescape) also decodes without a semicolon, even as a prefix ("&copy2023"):
 * the Latin-1 ones, amp/lt/gt/quot and the capitalised six.
 */
const LEGACY_ENTITIES = new Set<string>(
  [...ENTITIES]
    .filter(([name, ch]) => {
      const cp = ch.codePointAt(0)!;
      return (cp >= 0xa0 && cp <= 0xff && name !== 'apos') || ['amp', 'lt', 'gt', 'quot'].includes(name);
    })
    .map(([name]) => name)
    .concat(UPPERCASE_LEGACY),
);

/** Windows-1252 for bytes 0x80..0x9F (the five undefined ones stay C1 controls), as browsers and Python read them. */
const CP1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeNumericReference(num: number): string {
  // Python's html._replace_charref: NUL and CR are replaced, C1 is read as Windows-1252, surrogates and
  // out-of-range values become U+FFFD, other control and non-characters are dropped.
  if (num === 0) return '\ufffd';
  if (num === 0x0d) return '\r';
  if (num >= 0x80 && num <= 0x9f) return String.fromCodePoint(CP1252_C1[num - 0x80]!);
  if ((num >= 0xd800 && num <= 0xdfff) || num > 0x10ffff) return '\ufffd';
  if (
    (num >= 0x1 && num <= 0x8) ||
    num === 0xb ||
    (num >= 0xe && num <= 0x1f) ||
    num === 0x7f ||
    (num >= 0xfdd0 && num <= 0xfdef) ||
    (num & 0xfffe) === 0xfffe
  ) {
    return '';
  }
  return String.fromCodePoint(num);
}

const CHARREF_RE = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/gu;

/** Python's `html.unescape` (HTML5 rules: numeric references, names with or without `;`, longest legacy prefix). */
export function htmlUnescape(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(CHARREF_RE, (whole, ref: string) => {
    if (ref[0] === '#') {
      const hex = ref[1] === 'x' || ref[1] === 'X';
      const digits = ref.slice(hex ? 2 : 1).replace(/;$/, '');
      return decodeNumericReference(parseInt(digits, hex ? 16 : 10));
    }
    if (ref.endsWith(';')) {
      const ch = ENTITIES.get(ref.slice(0, -1));
      if (ch !== undefined) return ch;
    } else if (LEGACY_ENTITIES.has(ref)) {
      return ENTITIES.get(ref)!;
    }
    // The longest prefix that is an entity valid without a semicolon, as the HTML5 spec says.
    const chars = Array.from(ref);
    for (let x = chars.length - 1; x > 1; x--) {
      const prefix = chars.slice(0, x).join('');
      if (LEGACY_ENTITIES.has(prefix)) return ENTITIES.get(prefix)! + chars.slice(x).join('');
    }
    return whole;
  });
}

const FTFY_ENTITY_RE = /&#?[0-9A-Za-z]{1,24};/g;

/** ftfy's `unescape_html`: only complete `&name;` / `&#n;` references, plus names shouted in capitals (&EACUTE;). */
function ftfyUnescapeHtml(text: string): string {
  return text.replace(FTFY_ENTITY_RE, (ref) => {
    const name = ref.slice(1, -1);
    const ch = ENTITIES.get(name);
    if (ch !== undefined) return ch;
    if (ref[1] === '#') {
      const decoded = htmlUnescape(ref);
      return decoded.includes(';') ? ref : decoded;
    }
    const lower = name.toLowerCase();
    const lowerCh = ENTITIES.get(lower);
    if (
      lowerCh !== undefined &&
      name === name.toUpperCase() &&
      // ftfy skips capitals that html.unescape would already read differently (a legacy prefix such as LT).
      !UPPERCASE_LEGACY.some((legacy) => name.startsWith(legacy))
    ) {
      return lowerCh.toUpperCase();
    }
    return ref;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// ftfy.fix_text, the steps that matter for text that is not mojibake

const LIGATURES: Record<string, string> = {
  Ĳ: 'IJ',
  ĳ: 'ij',
  ŉ: 'ʼn',
  Ǳ: 'DZ',
  ǲ: 'Dz',
  ǳ: 'dz',
  Ǆ: 'DŽ',
  ǅ: 'Dž',
  ǆ: 'dž',
  Ǉ: 'LJ',
  ǈ: 'Lj',
  ǉ: 'lj',
  Ǌ: 'NJ',
  ǋ: 'Nj',
  ǌ: 'nj',
  ﬀ: 'ff',
  ﬁ: 'fi',
  ﬂ: 'fl',
  ﬃ: 'ffi',
  ﬄ: 'ffl',
  ﬅ: 'ſt',
  ﬆ: 'st',
};
const LIGATURE_RE = new RegExp(`[${Object.keys(LIGATURES).join('')}]`, 'gu');
const C1_RE = /[\x80-\x9f]/g;
// Full-width ASCII and half-width kana/Hangul go to their ordinary forms (ftfy's WIDTH_MAP is NFKC on this block).
const WIDTH_RE = /[\u3000\uff01-\uffef]/g;
const SINGLE_QUOTE_RE = /[\u02bc\u2018-\u201b]/g;
const DOUBLE_QUOTE_RE = /[\u201c-\u201f]/g;
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const TERMINAL_ESCAPE_RE = /\x1b\[[\p{Nd};]*[a-zA-Z]/gu;
const CONTROL_RE = /[\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc]/g;

function fixSegment(segment: string, unescapeEntities: boolean): string {
  let text = segment;
  // ftfy repeats its fixes until nothing changes, so "&amp;amp;" ends as "&". The cap only guards against a cycle.
  for (let round = 0; round < 16; round++) {
    const before = text;
    if (unescapeEntities) text = ftfyUnescapeHtml(text);
    text = text
      .replace(C1_RE, (c) => String.fromCodePoint(CP1252_C1[c.charCodeAt(0) - 0x80]!))
      .replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c)
      .replace(WIDTH_RE, (c) => (c === '\u3000' ? ' ' : c.normalize('NFKC')))
      .replace(SINGLE_QUOTE_RE, "'")
      .replace(DOUBLE_QUOTE_RE, '"')
      .replace(/\r\n?|[\u2028\u2029\x85]/g, '\n')
      .replace(LONE_SURROGATE_RE, '\ufffd')
      .replace(TERMINAL_ESCAPE_RE, '')
      .replace(CONTROL_RE, '')
      .normalize('NFC');
    if (text === before) break;
  }
  return text;
}

/**
 * `ftfy.fix_text` with its default settings, without the mojibake repair: entities (unless the text looks like HTML,
 * i.e. has a '<'), C1 controls as Windows-1252, Latin ligatures, character width, curly quotes, line breaks, lone
 * surrogates, terminal escapes, control characters, NFC. Like ftfy it works line by line.
 */
export function fixText(text: string): string {
  let unescapeEntities = true;
  let out = '';
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl + 1;
    const segment = text.slice(pos, end);
    if (segment.includes('<')) unescapeEntities = false;
    out += fixSegment(segment, unescapeEntities);
    pos = end;
  }
  return out;
}

/** Unicode White_Space: what `\s` means to Python's `regex` module (JavaScript's `\s` differs on U+85 and U+FEFF). */
const WS = '\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_RUN_RE = new RegExp(`[${WS}]+`, 'gu');
const TRIM_RE = new RegExp(`^[${WS}\\x1c-\\x1f]+|[${WS}\\x1c-\\x1f]+$`, 'gu');

/** CLIP's clean-up: `whitespace_clean(basic_clean(text)).lower()`. */
export function cleanText(text: string): string {
  let s = fixText(text);
  s = htmlUnescape(htmlUnescape(s)).replace(TRIM_RE, '');
  return s.replace(WS_RUN_RE, ' ').replace(TRIM_RE, '').toLowerCase();
}

/**
 * CLIP's split pattern. Case-insensitive like the original; the text is lowercased already, so the flag only matters
 * for case-folding oddities such as "'ſ". U+0345 (combining ypogegrammeni) is matched by no branch in Python's
 * `regex` with IGNORECASE (so CLIP drops it and it separates words) but is a letter to JavaScript's /iu: `splitWords`
 * turns it into a space to keep the two in step.
 */
const SPLIT_RE = new RegExp(
  `<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^${WS}\\p{L}\\p{N}]+`,
  'giu',
);

/** Cleans the text and splits it into the pieces that are BPE-encoded one by one. */
export function splitWords(text: string): string[] {
  return (
    cleanText(text)
      .replace(/\u0345/g, ' ')
      .match(SPLIT_RE) ?? []
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Byte-level BPE

/**
 * GPT-2/CLIP `bytes_to_unicode`: the 188 printable Latin-1 bytes stand for themselves; the other 68 bytes, in order,
 * map to U+0100 onwards, so that no symbol is whitespace or a control character.
 */
function bytesToUnicode(): string[] {
  const table = new Array<string>(256);
  let next = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    table[b] = String.fromCodePoint(printable ? b : 256 + next++);
  }
  return table;
}
const BYTE_TO_UNICODE = bytesToUnicode();
const UTF8 = new TextEncoder();

/** HF's CLIPTokenizer reads at most this many merges (`[1 : 49152 - 256 - 2 + 1]`). */
const MAX_MERGES = 49152 - 256 - 2;
/** CLIP's context length; a tokenizer_config may only lower it. */
const CLIP_MAX_LENGTH = 77;
const BOS_TOKEN = '<|startoftext|>';
const EOS_TOKEN = '<|endoftext|>';
const CACHE_LIMIT = 100_000;

const FORMAT_HINT = 'expected vocab.json and merges.txt in the CLIP format (a Stable Diffusion tokenizer/ folder)';

type TokenConfig = Partial<Record<'bos_token' | 'eos_token' | 'unk_token' | 'pad_token', string>>;

export class ClipTokenizer {
  /** `<|startoftext|>`'s id (49406 in CLIP's vocabulary). */
  readonly bosId: number;
  /** `<|endoftext|>`'s id (49407). */
  readonly eosId: number;
  /** The id sequences are padded with: EOS for SD 1.x, 0 (`!`) for SD 2.x and SD-Turbo. */
  readonly padId: number;
  /** Sequence length including BOS and EOS: 77 unless tokenizer_config.json's model_max_length is smaller. */
  readonly maxLength: number;
  /** One more than the largest id (49408 for CLIP): the size of the text encoder's embedding table. */
  readonly vocabSize: number;

  private readonly vocab: Map<string, number>;
  /** Merge rank by the merges.txt line ("left right"); symbols never contain a space. */
  private readonly ranks: Map<string, number>;
  private readonly unkId: number;
  /** The special strings, when they appear in the text, are their own ids and never BPE'd (as in SimpleTokenizer). */
  private readonly specials = new Map<string, number[]>();
  private readonly cache = new Map<string, number[]>();

  private constructor(init: {
    vocab: Map<string, number>;
    ranks: Map<string, number>;
    bosId: number;
    eosId: number;
    padId: number;
    unkId: number;
    maxLength: number;
    vocabSize: number;
  }) {
    this.vocab = init.vocab;
    this.ranks = init.ranks;
    this.bosId = init.bosId;
    this.eosId = init.eosId;
    this.padId = init.padId;
    this.unkId = init.unkId;
    this.maxLength = init.maxLength;
    this.vocabSize = init.vocabSize;
  }

  /**
   * Reads a tokenizer folder: vocab.json, merges.txt (its `#version` header line skipped), and the special tokens
   * from special_tokens_map.json / tokenizer_config.json when present (special_tokens_map wins, as in transformers).
   */
  static async load(dir: string): Promise<ClipTokenizer> {
    const vocabText = await readRequired(dir, 'vocab.json');
    const mergesText = await readRequired(dir, 'merges.txt');
    const specialMap = await readOptionalJson(dir, 'special_tokens_map.json');
    const config = await readOptionalJson(dir, 'tokenizer_config.json');

    const vocab = parseVocab(dir, vocabText);
    const ranks = parseMerges(dir, mergesText);

    const tokens: TokenConfig = {
      ...tokenNames(dir, 'tokenizer_config.json', config),
      ...tokenNames(dir, 'special_tokens_map.json', specialMap),
    };
    const added = addedTokens(config);
    const idOf = (token: string, role: string): number => {
      const id = vocab.get(token) ?? added.get(token);
      if (id === undefined) {
        throw new ModelError(dir, `the ${role} token ${JSON.stringify(token)} is not in vocab.json; ${FORMAT_HINT}`);
      }
      return id;
    };
    const bosId = idOf(tokens.bos_token ?? BOS_TOKEN, 'start-of-text');
    const eosId = idOf(tokens.eos_token ?? EOS_TOKEN, 'end-of-text');
    const padId = tokens.pad_token === undefined ? eosId : idOf(tokens.pad_token, 'padding');
    const unkId = tokens.unk_token === undefined ? eosId : idOf(tokens.unk_token, 'unknown');

    let maxLength = CLIP_MAX_LENGTH;
    const configured = config?.['model_max_length'];
    if (typeof configured === 'number' && configured < maxLength) {
      if (!Number.isInteger(configured) || configured < 3) {
        throw new ModelError(
          dir,
          `tokenizer_config.json has model_max_length ${configured}; expected an integer of at least 3 (CLIP uses 77)`,
        );
      }
      maxLength = configured;
    }

    let maxId = Math.max(bosId, eosId, padId, unkId);
    for (const id of vocab.values()) if (id > maxId) maxId = id;

    const tokenizer = new ClipTokenizer({ vocab, ranks, bosId, eosId, padId, unkId, maxLength, vocabSize: maxId + 1 });
    for (const special of [BOS_TOKEN, EOS_TOKEN]) {
      const id = vocab.get(special) ?? added.get(special);
      if (id !== undefined) tokenizer.specials.set(special, [id]);
    }
    return tokenizer;
  }

  /** BPE ids of the text, without BOS/EOS and without truncation. */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const word of splitWords(text)) {
      for (const id of this.encodeWord(word)) ids.push(id);
    }
    return ids;
  }

  private encodeWord(word: string): number[] {
    const cached = this.specials.get(word) ?? this.cache.get(word);
    if (cached) return cached;
    const ids = this.bpe(word).map((symbol) => this.vocab.get(symbol) ?? this.unkId);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, ids);
    return ids;
  }

  /**
   * SimpleTokenizer.bpe: start from the byte symbols with `</w>` on the last, then repeatedly take the lowest-ranked
   * adjacent pair and merge all its occurrences, left to right without overlaps, until no pair has a rank.
   * Done with a heap of (rank, position) over a linked list, so that a long word costs O(n log n) rather than
   * O(n^2) (a 6000-letter word would otherwise block for a noticeable fraction of a second).
   */
  private bpe(word: string): string[] {
    const bytes = UTF8.encode(word);
    const n = bytes.length;
    if (n === 0) return [];
    const symbols: string[] = new Array<string>(n);
    for (let i = 0; i < n; i++) symbols[i] = BYTE_TO_UNICODE[bytes[i]!]!;
    symbols[n - 1] += '</w>';
    if (n === 1) return symbols;

    // Linked list over positions; a merged pair lives on in its left position, the right one is unlinked (-1 live).
    const next = new Int32Array(n);
    const prev = new Int32Array(n);
    const live = new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    const heap = new MinHeap();
    const rankAt = (i: number): number | undefined => {
      const j = next[i]!;
      return j < 0 ? undefined : this.ranks.get(`${symbols[i]} ${symbols[j]}`);
    };
    const push = (i: number) => {
      const rank = rankAt(i);
      if (rank !== undefined) heap.push(rank * POSITION_SPAN + i);
    };
    for (let i = 0; i + 1 < n; i++) push(i);

    const batch: number[] = [];
    while (heap.size > 0) {
      const rank = Math.floor(heap.peek() / POSITION_SPAN);
      // Every entry of this rank is an occurrence of the same pair (ranks are unique per pair), possibly stale.
      batch.length = 0;
      while (heap.size > 0 && Math.floor(heap.peek() / POSITION_SPAN) === rank) batch.push(heap.pop() % POSITION_SPAN);
      batch.sort((a, b) => a - b);
      for (const i of batch) {
        // Stale entries (merged away, or neighbours changed since) no longer spell this pair.
        if (!live[i] || rankAt(i) !== rank) continue;
        const j = next[i]!;
        symbols[i] += symbols[j]!;
        live[j] = 0;
        next[i] = next[j]!;
        if (next[j]! >= 0) prev[next[j]!] = i;
        // The new neighbours' pairs join the heap; Python would consider them only after this pass, and so do we,
        // as they cannot be this same pair again.
        if (prev[i]! >= 0) push(prev[i]!);
        push(i);
      }
    }
    const out: string[] = [];
    for (let i = 0; i >= 0; i = next[i]!) out.push(symbols[i]!);
    return out;
  }
}

/** Heap keys are rank * POSITION_SPAN + position: exact in a double for any word under 4 GiB. */
const POSITION_SPAN = 2 ** 32;

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): number {
    return this.items[0]!;
  }
  push(value: number): void {
    const a = this.items;
    let i = a.length;
    a.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= value) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = value;
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r]! < a[l]! ? r : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

async function readRequired(dir: string, name: string): Promise<string> {
  try {
    return await readFile(join(dir, name), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? `${name} is missing` : `${name} cannot be read (${code ?? String(err)})`;
    throw new ModelError(dir, `${problem}; ${FORMAT_HINT}`, { cause: err });
  }
}

async function readOptionalJson(dir: string, name: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, name), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ModelError(dir, `${name} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, {
      cause: err,
    });
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (err) {
    throw new ModelError(
      dir,
      `${name} is not a JSON object (${(err as Error).message}); expected the Hugging Face tokenizer configuration`,
      { cause: err },
    );
  }
}

function parseVocab(dir: string, text: string): Map<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ModelError(dir, `vocab.json is not valid JSON (${(err as Error).message}); ${FORMAT_HINT}`, {
      cause: err,
    });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ModelError(dir, `vocab.json is not a JSON object of token to id; ${FORMAT_HINT}`);
  }
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(parsed)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
      throw new ModelError(
        dir,
        `vocab.json maps ${JSON.stringify(token)} to ${JSON.stringify(id)}, not a token id; ${FORMAT_HINT}`,
      );
    }
    vocab.set(token, id);
  }
  if (vocab.size === 0) throw new ModelError(dir, `vocab.json is empty; ${FORMAT_HINT}`);
  return vocab;
}

function parseMerges(dir: string, text: string): Map<string, number> {
  const lines = text.split('\n');
  let start = 0;
  if (lines[0]?.startsWith('#version')) start = 1;
  const ranks = new Map<string, number>();
  for (let i = start; i < lines.length && ranks.size < MAX_MERGES; i++) {
    let line = lines[i]!;
    // The common case is exactly "left right"; anything else is split on whitespace as transformers does.
    if (
      line.indexOf(' ') !== line.lastIndexOf(' ') ||
      /[\r\t]/.test(line) ||
      line.startsWith(' ') ||
      line.endsWith(' ')
    ) {
      line = line.trim().split(/\s+/).join(' ');
    }
    if (line === '') continue;
    const space = line.indexOf(' ');
    if (space <= 0 || space !== line.lastIndexOf(' ')) {
      throw new ModelError(
        dir,
        `merges.txt line ${i + 1} (${JSON.stringify(lines[i]!.slice(0, 40))}) is not a pair of symbols; ${FORMAT_HINT}`,
      );
    }
    // A repeated pair keeps its first (lowest) rank; transformers' dict would keep the last, but CLIP has none.
    if (!ranks.has(line)) ranks.set(line, ranks.size);
  }
  if (ranks.size === 0) throw new ModelError(dir, `merges.txt has no merge rules; ${FORMAT_HINT}`);
  return ranks;
}

/** bos/eos/unk/pad token strings from a HF config: a string or `{ content }`. */
function tokenNames(dir: string, file: string, config: Record<string, unknown> | undefined): TokenConfig {
  const out: TokenConfig = {};
  if (!config) return out;
  for (const key of ['bos_token', 'eos_token', 'unk_token', 'pad_token'] as const) {
    const value = config[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string') {
      out[key] = (value as { content: string }).content;
    } else {
      throw new ModelError(dir, `${file} has a ${key} that is neither a string nor {"content": ...}`);
    }
  }
  return out;
}

/** tokenizer_config.json's `added_tokens_decoder` ({"49406": {"content": "<|startoftext|>"}}), token -> id. */
function addedTokens(config: Record<string, unknown> | undefined): Map<string, number> {
  const out = new Map<string, number>();
  const decoder = config?.['added_tokens_decoder'];
  if (!decoder || typeof decoder !== 'object') return out;
  for (const [key, value] of Object.entries(decoder)) {
    const id = Number(key);
    const content = (value as { content?: unknown } | null)?.content;
    if (Number.isInteger(id) && id >= 0 && typeof content === 'string') out.set(content, id);
  }
  return out;
}
