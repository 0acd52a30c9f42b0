import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyChunk, parsePromptAttention, tokenizePrompt } from '../../src/diffusion/prompt.ts';
import { ClipTokenizer } from '../../src/diffusion/tokenizer.ts';

const CLIP_DIR = fileURLToPath(new URL('../../assets/clip-tokenizer/', import.meta.url));
let cached: Promise<ClipTokenizer> | undefined;
const clip = () => (cached ??= ClipTokenizer.load(CLIP_DIR));

const parse = (text: string) => parsePromptAttention(text).map(({ text: t, weight }) => [t, weight]);

test("A1111's documented parse_prompt_attention examples", () => {
  assert.deepEqual(parse('normal text'), [['normal text', 1.0]]);
  assert.deepEqual(parse('an (important) word'), [
    ['an ', 1.0],
    ['important', 1.1],
    [' word', 1.0],
  ]);
  assert.deepEqual(parse('(unbalanced'), [['unbalanced', 1.1]]);
  assert.deepEqual(parse('\\(literal\\]'), [['(literal]', 1.0]]);
  assert.deepEqual(parse('(unnecessary)(parens)'), [['unnecessaryparens', 1.1]]);
  // Same floating-point products as Python's, multiplied in the same order.
  assert.deepEqual(parse('a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).'), [
    ['a ', 1.0],
    ['house', 1.5730000000000004],
    [' ', 1.1],
    ['on', 1.0],
    [' a ', 1.1],
    ['hill', 0.55],
    [', sun, ', 1.1],
    ['sky', 1.4641000000000006],
    ['.', 1.1],
  ]);
});

test('weights: explicit, nested, square brackets, spaces around the number', () => {
  assert.deepEqual(parse('(cat:1.3)'), [['cat', 1.3]]);
  assert.deepEqual(parse('( cat : 0.5 )'), [[' cat ', 0.5]]);
  assert.deepEqual(parse('[dog]'), [['dog', 1 / 1.1]]);
  assert.deepEqual(parse('[[dog]]'), [['dog', 1 / 1.1 / 1.1]]);
  assert.deepEqual(parse('((a:2):2)'), [['a', 4]]);
  assert.deepEqual(parse('(a:-1)'), [['a', -1]]);
  assert.deepEqual(parse('(a:.5)'), [['a', 0.5]]);
  assert.deepEqual(parse('(a:+2.)'), [['a', 2]]);
  assert.deepEqual(parse('[unclosed'), [['unclosed', 1 / 1.1]]);
  assert.deepEqual(parse(''), [['', 1.0]]);
});

test('escapes and stray brackets', () => {
  assert.deepEqual(parse('\\(a\\) \\[b\\] \\\\'), [['(a) [b] \\', 1.0]]);
  assert.deepEqual(parse('(\\(x\\))'), [['(x)', 1.1]]);
  // A backslash before anything else disappears, as in A1111.
  assert.deepEqual(parse('a\\b'), [['ab', 1.0]]);
  assert.deepEqual(parse('a) b] c'), [['a) b] c', 1.0]]);
  assert.deepEqual(parse('time 10:30'), [['time 10:30', 1.0]]);
  // ":1.2)" with no open bracket is plain text.
  assert.deepEqual(parse('a:1.2) b'), [['a:1.2) b', 1.0]]);
  // A malformed number reads the ':' as text (A1111 raises here).
  assert.deepEqual(parse('(a:1.2.3)'), [['a:1.2.3', 1.1]]);
  assert.deepEqual(parse('(a:.)'), [['a:.', 1.1]]);
});

test('BREAK marks a chunk boundary only as a word of its own, in capitals', () => {
  assert.deepEqual(parse('a BREAK b'), [
    ['a', 1.0],
    ['BREAK', -1],
    ['b', 1.0],
  ]);
  assert.deepEqual(parse('a\nBREAK\nb'), [
    ['a', 1.0],
    ['BREAK', -1],
    ['b', 1.0],
  ]);
  assert.deepEqual(parse('a break b'), [['a break b', 1.0]]);
  assert.deepEqual(parse('aBREAK b BREAKx éBREAK BREAK_'), [['aBREAK b BREAKx éBREAK BREAK_', 1.0]]);
  assert.deepEqual(parse('BREAK a'), [
    ['', 1.0],
    ['BREAK', -1],
    ['a', 1.0],
  ]);
  // Inside brackets the marker keeps its meaning (A1111 would multiply its -1 weight).
  assert.deepEqual(parse('(a BREAK b)'), [
    ['a', 1.1],
    ['BREAK', -1],
    ['b', 1.1],
  ]);
});

/** A vocabulary where each of a..z is one token and "x" is its own word; specials at 0/1, pad '!' when asked. */
async function letterTokenizer(t: { after: (fn: () => Promise<void>) => void }, pad?: string): Promise<ClipTokenizer> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-prompt-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const vocab: Record<string, number> = { '<|startoftext|>': 0, '<|endoftext|>': 1, '!': 2, '!</w>': 3 };
  for (const c of 'abcdefghijklmnopqrstuvwxyz,.') {
    vocab[c] = Object.keys(vocab).length;
    vocab[`${c}</w>`] = Object.keys(vocab).length;
  }
  await writeFile(join(dir, 'vocab.json'), JSON.stringify(vocab));
  await writeFile(join(dir, 'merges.txt'), '#version: 0.2\na b\n');
  if (pad) await writeFile(join(dir, 'special_tokens_map.json'), JSON.stringify({ pad_token: pad }));
  return ClipTokenizer.load(dir);
}

test('framing: BOS + tokens + EOS + padding, weights 1 outside the prompt', async () => {
  const tok = await clip();
  const { chunks, tokenCount, truncatedTokens } = tokenizePrompt(tok, 'a photo of a cat', { maxChunks: 1 });
  assert.equal(chunks.length, 1);
  assert.equal(tokenCount, 5);
  assert.equal(truncatedTokens, 0);
  const expected = [49406, 320, 1125, 539, 320, 2368, 49407, ...Array<number>(70).fill(49407)];
  assert.deepEqual([...chunks[0]!.ids], expected);
  assert.deepEqual([...chunks[0]!.weights], Array<number>(77).fill(1));

  const weighted = tokenizePrompt(tok, 'a (photo:1.5) of a [cat]', { maxChunks: 1 }).chunks[0]!;
  assert.deepEqual([...weighted.ids.slice(0, 8)], [49406, 320, 1125, 539, 320, 2368, 49407, 49407]);
  assert.deepEqual([...weighted.weights.slice(0, 8)], [1, 1, 1.5, 1, 1, Math.fround(1 / 1.1), 1, 1]);
});

test('an empty prompt is one chunk [BOS, EOS, pad...]', async (t) => {
  const tok = await letterTokenizer(t, '!');
  for (const prompt of ['', '   ', '()', 'BREAK']) {
    const { chunks, tokenCount, truncatedTokens } = tokenizePrompt(tok, prompt, { maxChunks: 3 });
    assert.equal(tokenCount, 0, JSON.stringify(prompt));
    assert.equal(truncatedTokens, 0);
    assert.ok(chunks.length >= 1);
    assert.deepEqual([...chunks[0]!.ids], [0, 1, ...Array<number>(75).fill(2)], JSON.stringify(prompt));
  }
  assert.deepEqual(tokenizePrompt(tok, '', { maxChunks: 1 }).chunks, [emptyChunk(tok)]);
  assert.equal(tok.padId, 2);
});

test('long prompts: 75-token chunks, truncation keeps EOS last and counts what was dropped', async (t) => {
  const tok = await letterTokenizer(t);
  // 200 one-letter words, one token each.
  const words = Array.from({ length: 200 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[i % 26]!);
  const prompt = words.join(' ');
  const ids = tok.encode(prompt);
  assert.equal(ids.length, 200);

  const all = tokenizePrompt(tok, prompt, { maxChunks: 10 });
  assert.equal(all.tokenCount, 200);
  assert.equal(all.truncatedTokens, 0);
  assert.equal(all.chunks.length, 3);
  assert.deepEqual([...all.chunks[0]!.ids], [0, ...ids.slice(0, 75), 1]);
  assert.deepEqual([...all.chunks[1]!.ids], [0, ...ids.slice(75, 150), 1]);
  assert.deepEqual([...all.chunks[2]!.ids], [0, ...ids.slice(150), 1, ...Array<number>(25).fill(1)]);

  const two = tokenizePrompt(tok, prompt, { maxChunks: 2 });
  assert.equal(two.chunks.length, 2);
  assert.equal(two.tokenCount, 200);
  assert.equal(two.truncatedTokens, 50);

  const one = tokenizePrompt(tok, prompt, { maxChunks: 1 });
  assert.equal(one.chunks.length, 1);
  assert.equal(one.truncatedTokens, 125);
  assert.equal(one.chunks[0]!.ids.length, 77);
  assert.equal(one.chunks[0]!.ids[76], tok.eosId, 'EOS kept at position 76');
  assert.deepEqual([...one.chunks[0]!.ids.slice(1, 76)], ids.slice(0, 75));

  // Exactly 75 tokens fit one chunk; 76 need two.
  assert.equal(tokenizePrompt(tok, words.slice(0, 75).join(' '), { maxChunks: 4 }).chunks.length, 1);
  assert.equal(tokenizePrompt(tok, words.slice(0, 76).join(' '), { maxChunks: 4 }).chunks.length, 2);
  assert.throws(() => tokenizePrompt(tok, 'a', { maxChunks: 0 }), RangeError);
});

test('BREAK starts a new chunk; weights follow their tokens across chunks', async (t) => {
  const tok = await letterTokenizer(t);
  const r = tokenizePrompt(tok, '(a b:2) BREAK c BREAK BREAK d BREAK', { maxChunks: 8 });
  assert.equal(r.tokenCount, 4);
  assert.equal(r.chunks.length, 4, 'a b | c | (empty) | d; a trailing BREAK adds nothing');
  const a = tok.encode('a')[0]!;
  const c = tok.encode('c')[0]!;
  assert.deepEqual([...r.chunks[0]!.ids.slice(0, 4)], [0, a, tok.encode('b')[0]!, 1]);
  assert.deepEqual([...r.chunks[0]!.weights.slice(0, 4)], [1, 2, 2, 1]);
  assert.deepEqual([...r.chunks[1]!.ids.slice(0, 3)], [0, c, 1]);
  assert.deepEqual(r.chunks[2], emptyChunk(tok));
  // A BREAK right after a full chunk does not leave an empty one behind.
  const full = Array.from({ length: 75 }, () => 'a').join(' ');
  assert.equal(tokenizePrompt(tok, `${full} BREAK c`, { maxChunks: 8 }).chunks.length, 2);
  // Truncation by chunks: what the dropped chunks held is reported.
  const cut = tokenizePrompt(tok, 'a BREAK b c BREAK d', { maxChunks: 1 });
  assert.equal(cut.chunks.length, 1);
  assert.equal(cut.truncatedTokens, 3);
});

test('parseWeights: false tokenizes the text as it is', async () => {
  const tok = await clip();
  const plain = tokenizePrompt(tok, 'a (cat:1.3) BREAK', { maxChunks: 1, parseWeights: false });
  assert.deepEqual(
    [...plain.chunks[0]!.ids.slice(0, plain.tokenCount + 2)],
    [49406, ...tok.encode('a (cat:1.3) BREAK'), 49407],
  );
  assert.ok(plain.chunks[0]!.weights.every((w) => w === 1));
});

test('real vocabulary: a 200-token prompt', async () => {
  const tok = await clip();
  // "a photo of a cat, " is 6 tokens.
  const prompt = Array.from({ length: 34 }, () => 'a photo of a cat,').join(' ');
  const r = tokenizePrompt(tok, prompt, { maxChunks: 1 });
  assert.equal(r.tokenCount, 204);
  assert.equal(r.truncatedTokens, 129);
  assert.equal(r.chunks[0]!.ids[0], 49406);
  assert.equal(r.chunks[0]!.ids[76], 49407);
  const three = tokenizePrompt(tok, prompt, { maxChunks: 3 });
  assert.equal(three.chunks.length, 3);
  assert.equal(three.truncatedTokens, 0);
  assert.deepEqual(
    three.chunks.flatMap((ch) => [...ch.ids].filter((id) => id !== 49406 && id !== 49407)),
    tok.encode(prompt),
  );
});
