/**
 * Prompt syntax and chunking, as AUTOMATIC1111's web UI reads prompts (the syntax most Stable Diffusion users write):
 *
 *   (word)        weight x1.1 (nested: x1.1 per level)       [word]   weight /1.1
 *   (word:1.3)    weight x1.3 (spaces allowed: "( word : 1.3 )")
 *   \( \) \[ \]   literal brackets                            \\       a literal backslash
 *   BREAK         ends the current 75-token chunk (in capitals, as a word of its own)
 *
 * `parsePromptAttention` follows `parse_prompt_attention` of AUTOMATIC1111/stable-diffusion-webui
 * `modules/prompt_parser.py`, and `tokenizePrompt` its `sd_hijack_clip.py` `tokenize_line`: each weighted piece is
 * tokenized on its own, tokens are packed into chunks of `maxLength - 2` (75) tokens, and every chunk is framed as
 * BOS + tokens + EOS + padding to `maxLength` (77). A1111's optional "comma back-off" (moving the words after a late
 * comma into the next chunk) is not done: chunks are cut at exactly 75 tokens, as compel and diffusers' long-prompt
 * pipelines do.
 *
 * Deliberate differences from A1111, where its behaviour is a bug rather than a rule: a BREAK inside brackets still
 * breaks (A1111 multiplies its marker's weight and then tokenizes the word "break"), and a weight written with
 * a malformed number such as "(a:1.2.3)" reads the ':' as text instead of failing.
 *
 * How the pipeline applies the weights (A1111's "Original" emphasis, `sd_emphasis.py`): encode each chunk's 77 ids
 * with the text encoder to `z` of shape [77, C]; remember `originalMean = mean(z)` over all of the chunk's values;
 * multiply row t of `z` by `weights[t]`; then rescale the whole chunk by `originalMean / mean(z)` so that the
 * overall magnitude is unchanged. Chunks are then concatenated along the sequence axis (77 * n) for UNets that accept
 * longer sequences. A chunk whose weights are all 1 is left untouched. The negative prompt must have as many chunks
 * as the positive one: pad the shorter with empty chunks (`emptyChunk`).
 */
import type { ClipTokenizer } from './tokenizer.ts';

export interface PromptChunk {
  /** `tokenizer.maxLength` ids: BOS, prompt tokens, EOS, padding. */
  ids: Int32Array;
  /** One weight per id; 1.0 on BOS, EOS and padding. */
  weights: Float32Array;
}

export interface TokenizedPrompt {
  chunks: PromptChunk[];
  /** The prompt's tokens, without BOS/EOS/padding, before truncation. */
  tokenCount: number;
  /** Tokens that did not fit in `maxChunks` chunks and were dropped. */
  truncatedTokens: number;
}

/** A piece of parsed prompt; `brk` marks a BREAK. */
interface Part {
  text: string;
  weight: number;
  brk: boolean;
}

const ROUND_MULTIPLIER = 1.1;
const SQUARE_MULTIPLIER = 1 / 1.1;

/** What `\s` means to Python's `re` on str: str.isspace(). */
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's `\w`: letters, numbers and '_' (JavaScript's `\b` only knows ASCII, hence the lookarounds). */
const PY_WORD = '\\p{L}\\p{N}_';

// One alternative of A1111's re_attention each, tried in its order at the current position.
const ESCAPE_RE = /\\[()[\]\\]?/y;
const WEIGHT_RE = new RegExp(`:[${PY_SPACE}]*([+-]?[.\\p{Nd}]+)[${PY_SPACE}]*\\)`, 'uy');
const TEXT_RE = /[^\\()[\]:]+/y;
const BREAK_RE = new RegExp(`[${PY_SPACE}]*(?<![${PY_WORD}])BREAK(?![${PY_WORD}])[${PY_SPACE}]*`, 'gu');

/** Python's float() of A1111's `[+-]?[.\d]+`: NaN when it is not a number (such as "." or "1.2.3"). */
function parseWeight(literal: string): number {
  // \d is any decimal digit to Python, and float() reads them all; decimal digits come in runs of ten from zero.
  const ascii = literal.replace(/\p{Nd}/gu, (d) => {
    let cp = d.codePointAt(0)!;
    let zero = cp;
    while (zero > 0 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
    cp = (cp - zero) % 10;
    return String(cp);
  });
  return Number(ascii);
}

function parseParts(input: string): Part[] {
  const res: Part[] = [];
  const roundBrackets: number[] = [];
  const squareBrackets: number[] = [];
  const multiplyRange = (start: number, multiplier: number) => {
    for (let p = start; p < res.length; p++) {
      const part = res[p]!;
      if (!part.brk) part.weight *= multiplier;
    }
  };
  const addText = (text: string) => {
    const pieces = text.split(BREAK_RE);
    pieces.forEach((piece, i) => {
      if (i > 0) res.push({ text: 'BREAK', weight: -1, brk: true });
      res.push({ text: piece, weight: 1, brk: false });
    });
  };

  let pos = 0;
  while (pos < input.length) {
    const ch = input[pos]!;
    if (ch === '\\') {
      ESCAPE_RE.lastIndex = pos;
      const m = ESCAPE_RE.exec(input)!;
      // A backslash before anything else is dropped (A1111 keeps text[1:] of it), the next character read normally.
      res.push({ text: m[0].slice(1), weight: 1, brk: false });
      pos += m[0].length;
    } else if (ch === '(') {
      roundBrackets.push(res.length);
      pos++;
    } else if (ch === '[') {
      squareBrackets.push(res.length);
      pos++;
    } else if (ch === ':') {
      WEIGHT_RE.lastIndex = pos;
      const m = WEIGHT_RE.exec(input);
      const weight = m ? parseWeight(m[1]!) : NaN;
      if (m && roundBrackets.length === 0) {
        // ":1.2)" with no open bracket is text, all of it (A1111 falls through to its text branch).
        addText(m[0]);
        pos += m[0].length;
      } else if (m && !Number.isNaN(weight)) {
        multiplyRange(roundBrackets.pop()!, weight);
        pos += m[0].length;
      } else {
        addText(':');
        pos++;
      }
    } else if (ch === ')' && roundBrackets.length > 0) {
      multiplyRange(roundBrackets.pop()!, ROUND_MULTIPLIER);
      pos++;
    } else if (ch === ']' && squareBrackets.length > 0) {
      multiplyRange(squareBrackets.pop()!, SQUARE_MULTIPLIER);
      pos++;
    } else if (ch === ')' || ch === ']') {
      addText(ch);
      pos++;
    } else {
      TEXT_RE.lastIndex = pos;
      const m = TEXT_RE.exec(input)!;
      addText(m[0]);
      pos += m[0].length;
    }
  }

  // Brackets left open apply to the end of the prompt.
  for (const start of roundBrackets) multiplyRange(start, ROUND_MULTIPLIER);
  for (const start of squareBrackets) multiplyRange(start, SQUARE_MULTIPLIER);

  if (res.length === 0) res.push({ text: '', weight: 1, brk: false });

  // Merge neighbours with the same weight ("(unnecessary)(parens)" is one piece).
  const merged: Part[] = [res[0]!];
  for (let i = 1; i < res.length; i++) {
    const prev = merged[merged.length - 1]!;
    const part = res[i]!;
    if (!prev.brk && !part.brk && prev.weight === part.weight) prev.text += part.text;
    else merged.push(part);
  }
  return merged;
}

/**
 * Splits a prompt into pieces of text and their weights, as A1111's `parse_prompt_attention`; a BREAK is returned as
 * `{ text: 'BREAK', weight: -1 }` like A1111 does. Pieces with the same weight next to each other are merged.
 */
export function parsePromptAttention(text: string): Array<{ text: string; weight: number }> {
  return parseParts(text).map(({ text: t, weight }) => ({ text: t, weight }));
}

/** A chunk holding no prompt tokens: BOS, EOS, padding. */
export function emptyChunk(tokenizer: ClipTokenizer): PromptChunk {
  return frameChunk(tokenizer, [], []);
}

function frameChunk(tokenizer: ClipTokenizer, tokens: number[], weights: number[]): PromptChunk {
  const ids = new Int32Array(tokenizer.maxLength).fill(tokenizer.padId);
  const w = new Float32Array(tokenizer.maxLength).fill(1);
  ids[0] = tokenizer.bosId;
  ids.set(tokens, 1);
  w.set(weights, 1);
  ids[1 + tokens.length] = tokenizer.eosId;
  return { ids, weights: w };
}

/**
 * Parses the weights syntax, tokenizes each piece, and packs the tokens into chunks of `maxLength - 2` tokens
 * (75 for CLIP), each framed as BOS + tokens + EOS + padding; BREAK starts a new chunk. Chunks past `maxChunks` are
 * dropped and counted in `truncatedTokens`; with `maxChunks: 1` this is CLIP's plain truncation to 77 with EOS kept
 * last. An empty prompt gives one chunk [BOS, EOS, pad...].
 */
export function tokenizePrompt(
  tokenizer: ClipTokenizer,
  prompt: string,
  options: {
    maxChunks: number /** false: the text as it is, no weights or BREAK (plain CLIP). Default true. */;
    parseWeights?: boolean;
  },
): TokenizedPrompt {
  const { maxChunks, parseWeights = true } = options;
  if (!Number.isInteger(maxChunks) || maxChunks < 1)
    throw new RangeError(`maxChunks must be a positive integer, got ${maxChunks}`);
  const chunkLength = tokenizer.maxLength - 2;

  const packed: Array<{ tokens: number[]; weights: number[] }> = [];
  let tokens: number[] = [];
  let weights: number[] = [];
  let tokenCount = 0;
  const nextChunk = () => {
    packed.push({ tokens, weights });
    tokens = [];
    weights = [];
  };

  const parts = parseWeights ? parseParts(prompt) : [{ text: prompt, weight: 1, brk: false }];
  for (const part of parts) {
    if (part.brk) {
      nextChunk();
      continue;
    }
    for (const id of tokenizer.encode(part.text)) {
      // A full chunk is closed only when another token arrives, so a BREAK right after it adds no empty chunk.
      if (tokens.length === chunkLength) nextChunk();
      tokens.push(id);
      weights.push(part.weight);
      tokenCount++;
    }
  }
  if (tokens.length > 0 || packed.length === 0) nextChunk();

  const kept = packed.slice(0, maxChunks);
  const truncatedTokens = packed.slice(maxChunks).reduce((sum, chunk) => sum + chunk.tokens.length, 0);
  return {
    chunks: kept.map((chunk) => frameChunk(tokenizer, chunk.tokens, chunk.weights)),
    tokenCount,
    truncatedTokens,
  };
}
