import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClipTokenizer, cleanText, htmlUnescape, splitWords } from '../../src/diffusion/tokenizer.ts';
import { ModelError } from '../../src/errors.ts';

const CLIP_DIR = fileURLToPath(new URL('../../assets/clip-tokenizer/', import.meta.url));

let cached: Promise<ClipTokenizer> | undefined;
const clip = () => (cached ??= ClipTokenizer.load(CLIP_DIR));
let vocabCache: Map<string, number> | undefined;
const vocab = (): Map<string, number> =>
  (vocabCache ??= new Map(
    Object.entries(JSON.parse(readFileSync(join(CLIP_DIR, 'vocab.json'), 'utf8')) as Record<string, number>),
  ));
/** The id of a whole word in vocab.json (`word</w>`), failing loudly if it is not one token. */
const word = (w: string): number => {
  const id = vocab().get(`${w}</w>`);
  assert.ok(id !== undefined, `${w}</w> is in vocab.json`);
  return id;
};

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-tok-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('real vocabulary: "a photo of a cat" and the special ids', async () => {
  const tok = await clip();
  assert.deepEqual(tok.encode('a photo of a cat'), [320, 1125, 539, 320, 2368]);
  assert.equal(tok.bosId, 49406);
  assert.equal(tok.eosId, 49407);
  assert.equal(tok.padId, 49407, 'no special_tokens_map.json: pad with EOS as SD 1.x does');
  assert.equal(tok.maxLength, 77);
  assert.equal(tok.vocabSize, 49408);
});

test('real vocabulary: ids match the reference fixture', async () => {
  const tok = await clip();
  const fixture = JSON.parse(
    readFileSync(new URL('../fixtures/tokenizer/clip-reference.json', import.meta.url), 'utf8'),
  ) as { cases: Array<{ prompt: string; ids: number[] }> };
  assert.ok(fixture.cases.length > 40);
  for (const { prompt, ids } of fixture.cases) assert.deepEqual(tok.encode(prompt), ids, JSON.stringify(prompt));
});

test('real vocabulary: whole words, case and whitespace', async () => {
  const tok = await clip();
  const words = ['a', 'lighthouse', 'at', 'dusk', 'oil', 'painting', 'masterpiece', 'portrait', 'astronaut', 'dog'];
  assert.deepEqual(tok.encode(words.join(' ')), words.map(word));
  assert.deepEqual(tok.encode('A LightHouse AT Dusk'), [word('a'), word('lighthouse'), word('at'), word('dusk')]);
  assert.deepEqual(tok.encode('  a \n\t photo\u00a0of\u3000a\r\ncat  '), [320, 1125, 539, 320, 2368]);
  assert.deepEqual(tok.encode(''), []);
  assert.deepEqual(tok.encode(' \n\t '), []);
});

test('real vocabulary: punctuation runs, numbers one digit at a time', async () => {
  const tok = await clip();
  assert.deepEqual(tok.encode('a cat, a dog.'), [word('a'), word('cat'), word(','), word('a'), word('dog'), word('.')]);
  assert.deepEqual(tok.encode('wow!!!'), [word('wow'), word('!!!')]);
  assert.deepEqual(tok.encode('...'), [word('...')]);
  assert.deepEqual(tok.encode('1234'), ['1', '2', '3', '4'].map(word));
  assert.deepEqual(tok.encode('3.5'), [word('3'), word('.'), word('5')]);
  assert.deepEqual(tok.encode('8k'), [word('8'), word('k')]);
  // A punctuation run is one piece: ",." is not two pieces but one BPE word.
  assert.deepEqual(splitWords('a,.b (c)'), ['a', ',.', 'b', '(', 'c', ')']);
});

test('real vocabulary: "!" in a prompt is an ordinary token, never padding', async () => {
  const tok = await clip();
  assert.equal(word('!'), 256);
  assert.deepEqual(tok.encode('!'), [256]);
  assert.deepEqual(tok.encode('wow!'), [word('wow'), 256]);
  assert.ok(!tok.encode('wow! amazing!').includes(0));
});

test('real vocabulary: contractions, straight and curly', async () => {
  const tok = await clip();
  assert.deepEqual(splitWords("it's don't we're they've I'm you'll he'd"), [
    'it',
    "'s",
    'don',
    "'t",
    'we',
    "'re",
    'they',
    "'ve",
    'i',
    "'m",
    'you',
    "'ll",
    'he',
    "'d",
  ]);
  assert.deepEqual(tok.encode("it's"), [word('it'), word("'s")]);
  assert.deepEqual(tok.encode("don't"), [word('don'), word("'t")]);
  assert.deepEqual(tok.encode("IT'S"), tok.encode("it's"));
  // ftfy straightens curly quotes before the split, so the contraction is still recognised.
  assert.deepEqual(tok.encode('it\u2019s'), tok.encode("it's"));
  assert.deepEqual(tok.encode('\u201cquoted\u201d'), tok.encode('"quoted"'));
  // "o'clock": "'c" is no contraction, so the quote stands alone.
  assert.deepEqual(tok.encode("o'clock"), [word('o'), word("'"), word('clock')]);
});

test('real vocabulary: HTML entities are decoded as CLIP does', async () => {
  const tok = await clip();
  assert.deepEqual(tok.encode('fish &amp; chips'), tok.encode('fish & chips'));
  assert.deepEqual(tok.encode('&lt;3'), tok.encode('<3'));
  assert.deepEqual(tok.encode('&quot;hi&quot; &#39;x&#x27;'), tok.encode('"hi" \'x\''));
  assert.deepEqual(tok.encode('&amp;amp;amp;'), tok.encode('&'));
  assert.deepEqual(tok.encode('caf&eacute;'), tok.encode('café'));
  assert.deepEqual(tok.encode('&#128512;'), tok.encode('😀'));
  // An unknown name, and a bare ampersand, stay as they are.
  assert.deepEqual(splitWords('AT&T &bogus;'), ['at', '&', 't', '&', 'bogus', ';']);
  assert.deepEqual(tok.encode('&bogus;'), [word('&'), word('bogus'), word(';')]);
});

test('clean-up: Python html.unescape and ftfy rules', () => {
  assert.equal(htmlUnescape('&amp; &lt;&gt; &quot;&apos;'), '& <> "\'');
  assert.equal(htmlUnescape('&copy2023 &amp &ampx &notit;'), '©2023 & &x ¬it;');
  assert.equal(htmlUnescape('&#65;&#x42;&#X43 &#150; &#0; &#xD800; &#1; &#99999999;'), 'ABC – \ufffd \ufffd  \ufffd');
  assert.equal(htmlUnescape('&bogus; & &; &#; AT&T'), '&bogus; & &; &#; AT&T');
  assert.equal(htmlUnescape('&lang;&rang;'), '\u27e8\u27e9');
  // ftfy repeats until stable, and reads &EACUTE; as É.
  assert.equal(cleanText('&amp;amp;amp;amp; &EACUTE;T&EACUTE;'), '& été');
  // With a '<' in the text ftfy leaves entities alone; html.unescape then decodes two levels only.
  assert.equal(cleanText('<b> &amp;amp;amp;'), '<b> &amp;');
  assert.equal(cleanText('ＬＯＵＤ\u3000ＮＯＩＳＥＳ'), 'loud noises');
  assert.equal(cleanText('ﬁne ﬂower'), 'fine flower');
  assert.equal(cleanText('e\u0301'), 'é');
  assert.equal(cleanText('a\u200b\ufeffb\x07c\x1b[31md'), 'a\u200bbcd');
  assert.equal(cleanText('\x92quoted\x93'), '\'quoted"');
  assert.equal(cleanText('ΟΔΟΣ İ'), 'οδος i\u0307');
});

test('real vocabulary: accents, emoji and CJK go through byte-level BPE', async () => {
  const tok = await clip();
  // Precomposed and combining spellings are the same after NFC.
  assert.deepEqual(tok.encode('cafe\u0301'), tok.encode('café'));
  // A run of CJK characters is one BPE word (the ftfy/fast path), not one word per character.
  assert.deepEqual(splitWords('犬と猫 東京'), ['犬と猫', '東京']);
  assert.notDeepEqual(tok.encode('犬と猫'), [...tok.encode('犬'), ...tok.encode('と'), ...tok.encode('猫')]);
  assert.deepEqual(splitWords('a🐱b'), ['a', '🐱', 'b']);
  assert.deepEqual(splitWords('🐱🐶'), ['🐱🐶']);
  // 猫 is three UTF-8 bytes, e7 8c ab: 'ç' (0xe7 stands for itself), 'Į' (0x8c, not printable, maps to U+012E), '«'.
  const back = new Map([...vocab()].map(([k, v]) => [v, k]));
  assert.equal(byteLevel('猫'), 'çĮ«');
  assert.equal(
    tok
      .encode('猫')
      .map((id) => back.get(id))
      .join(''),
    'çĮ«</w>',
  );
});

test('real vocabulary: every word ends in a BPE fixpoint that spells it', async () => {
  const tok = await clip();
  const back = new Map([...vocab()].map(([k, v]) => [v, k]));
  const merges = new Set(readFileSync(join(CLIP_DIR, 'merges.txt'), 'utf8').split('\n').slice(1));
  for (const w of [
    'antidisestablishmentarianism',
    'xylophonist',
    'bioluminescent',
    'photorealistic',
    'lighthouse',
    'jalapeño',
  ]) {
    const ids = tok.encode(w);
    const symbols = ids.map((id) => back.get(id)!);
    // Hand-check: the symbols spell the word with </w> at the end, and no neighbouring pair can still be merged.
    assert.equal(symbols.join(''), `${byteLevel(w)}</w>`, w);
    for (let i = 0; i + 1 < symbols.length; i++)
      assert.ok(!merges.has(`${symbols[i]} ${symbols[i + 1]}`), `${w}: ${symbols[i]} ${symbols[i + 1]}`);
  }
  // "lighthouse" is one token. "xylophonist" is not; by hand from merges.txt, lowest rank first:
  // o n (9), s t</w> (33), l o (37), p h (233), i st</w> (1792), on ist</w> (9587), x y (19511), then no rule
  // joins any of xy|lo|ph|onist</w>.
  assert.deepEqual(tok.encode('lighthouse'), [word('lighthouse')]);
  const rank = (pair: string) => [...merges].indexOf(pair);
  assert.deepEqual([rank('o n'), rank('s t</w>'), rank('l o'), rank('p h')], [9, 33, 37, 233]);
  assert.deepEqual([rank('i st</w>'), rank('on ist</w>'), rank('x y')], [1792, 9587, 19511]);
  assert.deepEqual(
    tok.encode('xylophonist').map((id) => back.get(id)),
    ['xy', 'lo', 'ph', 'onist</w>'],
  );
  assert.deepEqual(tok.encode('xylophonist'), [
    vocab().get('xy')!,
    vocab().get('lo')!,
    vocab().get('ph')!,
    word('onist'),
  ]);
});

test('real vocabulary: pad id from special_tokens_map.json ("!" -> 0 for SD 2.x)', async (t) => {
  const dir = await tempDir(t);
  await copyFile(join(CLIP_DIR, 'vocab.json'), join(dir, 'vocab.json'));
  await copyFile(join(CLIP_DIR, 'merges.txt'), join(dir, 'merges.txt'));
  await writeFile(
    join(dir, 'special_tokens_map.json'),
    JSON.stringify({ pad_token: '!', bos_token: { content: '<|startoftext|>' } }),
  );
  await writeFile(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({ pad_token: '<|endoftext|>', model_max_length: 77 }),
  );
  const tok = await ClipTokenizer.load(dir);
  assert.equal(tok.padId, 0, 'special_tokens_map.json wins over tokenizer_config.json');
  assert.equal(tok.bosId, 49406);
  assert.deepEqual(tok.encode('hi!'), [word('hi'), 256]);

  await writeFile(
    join(dir, 'special_tokens_map.json'),
    JSON.stringify({ pad_token: { content: '<|endoftext|>', lstrip: false } }),
  );
  assert.equal((await ClipTokenizer.load(dir)).padId, 49407);
});

/** The word's UTF-8 bytes as bytes_to_unicode symbols (the table in assets/clip-tokenizer/README.md). */
function byteLevel(w: string): string {
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const others = [...Array(256).keys()].filter((b) => !printable(b));
  return [...new TextEncoder().encode(w)]
    .map((b) => String.fromCodePoint(printable(b) ? b : 256 + others.indexOf(b)))
    .join('');
}

/** A tiny vocabulary in the CLIP layout, with the special tokens at unusual ids. */
async function writeTinyVocab(dir: string, extra: Record<string, unknown> = {}): Promise<void> {
  const byteSymbols = ['a', 'b', 'c', 'Ġ', '!'];
  const vocab: Record<string, number> = {};
  let id = 0;
  vocab['<|startoftext|>'] = id++;
  for (const s of byteSymbols) vocab[s] = id++;
  for (const s of byteSymbols) vocab[`${s}</w>`] = id++;
  const merges = ['a b', 'ab c</w>', 'a b</w>', 'ab ab</w>'];
  for (const m of merges) vocab[m.replace(' ', '')] = id++;
  vocab['<|endoftext|>'] = id++;
  await writeFile(join(dir, 'vocab.json'), JSON.stringify(vocab));
  await writeFile(join(dir, 'merges.txt'), `#version: 0.2\n${merges.join('\n')}\n`);
  for (const name of ['special_tokens_map.json', 'tokenizer_config.json']) await rm(join(dir, name), { force: true });
  for (const [name, content] of Object.entries(extra)) await writeFile(join(dir, name), JSON.stringify(content));
}

test('small generated vocabulary: specials elsewhere, merges by rank, unknown bytes', async (t) => {
  const dir = await tempDir(t);
  await writeTinyVocab(dir, { 'tokenizer_config.json': { model_max_length: 16, unk_token: '<|endoftext|>' } });
  const tok = await ClipTokenizer.load(dir);
  const v = JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')) as Record<string, number>;
  assert.equal(tok.bosId, 0);
  assert.equal(tok.eosId, v['<|endoftext|>']);
  assert.equal(tok.padId, tok.eosId);
  assert.equal(tok.maxLength, 16);
  assert.equal(tok.vocabSize, Object.keys(v).length);
  // "abc": a b -> ab (rank 0), then ab c</w> (rank 1).
  assert.deepEqual(tok.encode('abc'), [v['abc</w>']]);
  // "abab": a b (rank 0) merges both pairs, then ab ab</w> (rank 3).
  assert.deepEqual(tok.encode('ABAB'), [v['abab</w>']]);
  // "ab" starts as (a, b</w>): only the rank-2 rule "a b</w>" applies.
  assert.deepEqual(tok.encode('ab'), [v['ab</w>']]);
  assert.deepEqual(tok.encode('ba'), [v['b'], v['a</w>']]);
  // 'z' is not in this vocabulary: unknown symbols become the unk token (EOS, as in CLIP).
  assert.deepEqual(tok.encode('z'), [tok.eosId]);
  assert.deepEqual(tok.encode('a!'), [v['a</w>'], v['!</w>']]);
});

test('bad tokenizer folders get a ModelError naming the folder and the problem', async (t) => {
  const dir = await tempDir(t);
  await assert.rejects(ClipTokenizer.load(join(dir, 'nope')), (err: unknown) => {
    assert.ok(err instanceof ModelError);
    assert.match(err.message, /nope/);
    assert.match(err.message, /vocab\.json is missing/);
    assert.match(err.message, /expected vocab\.json and merges\.txt in the CLIP format/);
    return true;
  });

  await writeTinyVocab(dir);
  await rm(join(dir, 'merges.txt'));
  await assert.rejects(ClipTokenizer.load(dir), /merges\.txt is missing/);

  await writeTinyVocab(dir);
  await writeFile(join(dir, 'vocab.json'), '{"a": 1,');
  await assert.rejects(ClipTokenizer.load(dir), /vocab\.json is not valid JSON/);
  await writeFile(join(dir, 'vocab.json'), '["a"]');
  await assert.rejects(ClipTokenizer.load(dir), /vocab\.json is not a JSON object/);
  await writeFile(join(dir, 'vocab.json'), '{"a": "one"}');
  await assert.rejects(ClipTokenizer.load(dir), /not a token id/);
  await writeFile(join(dir, 'vocab.json'), '{"a": 0, "b": 1}');
  await assert.rejects(ClipTokenizer.load(dir), /start-of-text token "<\|startoftext\|>" is not in vocab\.json/);

  await writeTinyVocab(dir);
  await writeFile(join(dir, 'merges.txt'), '#version: 0.2\na b c\n');
  await assert.rejects(ClipTokenizer.load(dir), /merges\.txt line 2/);
  await writeFile(join(dir, 'merges.txt'), '#version: 0.2\n');
  await assert.rejects(ClipTokenizer.load(dir), /no merge rules/);

  await writeTinyVocab(dir, { 'special_tokens_map.json': { pad_token: '<pad>' } });
  await assert.rejects(
    ClipTokenizer.load(dir),
    (err: unknown) => err instanceof ModelError && /padding token "<pad>"/.test(err.message),
  );
  await writeTinyVocab(dir, { 'special_tokens_map.json': { pad_token: 7 } });
  await assert.rejects(ClipTokenizer.load(dir), /pad_token that is neither a string nor/);
  await writeTinyVocab(dir);
  await writeFile(join(dir, 'tokenizer_config.json'), 'not json');
  await assert.rejects(ClipTokenizer.load(dir), /tokenizer_config\.json is not a JSON object/);
  await writeTinyVocab(dir, { 'tokenizer_config.json': { model_max_length: 2 } });
  await assert.rejects(ClipTokenizer.load(dir), /model_max_length 2/);
});

test('merges.txt: CRLF line endings and a missing header are read like transformers', async (t) => {
  const dir = await tempDir(t);
  await writeTinyVocab(dir);
  const v = JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')) as Record<string, number>;
  await writeFile(join(dir, 'merges.txt'), '#version: 0.2\r\na b\r\nab c</w>\r\n');
  assert.deepEqual((await ClipTokenizer.load(dir)).encode('abc'), [v['abc</w>']]);
  await writeFile(join(dir, 'merges.txt'), 'a b\nab c</w>\n');
  assert.deepEqual((await ClipTokenizer.load(dir)).encode('abc'), [v['abc</w>']]);
});
