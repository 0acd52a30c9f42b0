import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Line {
  count: number;
  truncated: boolean;
  ids: number[];
}

function tokens(args: string[]): Promise<{ code: number; lines: Line[]; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/tokens.ts', ...args],
      { cwd: ROOT },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: number }).code ?? 1) : 0;
        const lines = stdout
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l) as Line);
        resolve({ code, lines, stderr });
      },
    );
  });
}

/** A model folder whose tokenizer/ has one token per letter, BOS 0, EOS 1 and pad "!" (2). */
async function tinyModel(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-tokens-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const tok = join(dir, 'tokenizer');
  await mkdir(tok);
  const vocab: Record<string, number> = { '<|startoftext|>': 0, '<|endoftext|>': 1, '!': 2, '!</w>': 3 };
  for (const c of 'abcdefghijklmnopqrstuvwxyz') vocab[`${c}</w>`] = Object.keys(vocab).length;
  await writeFile(join(tok, 'vocab.json'), JSON.stringify(vocab));
  await writeFile(join(tok, 'merges.txt'), '#version: 0.2\na b\n');
  await writeFile(join(tok, 'special_tokens_map.json'), JSON.stringify({ pad_token: '!' }));
  return dir;
}

test('tokens CLI: one JSON line per prompt, in order, with --model and --tokenizer', async (t) => {
  const model = await tinyModel(t);
  const long = Array.from({ length: 80 }, () => 'z').join(' ');
  const viaModel = await tokens(['--model', model, 'a b', '', long]);
  assert.equal(viaModel.code, 0, viaModel.stderr);
  assert.equal(viaModel.lines.length, 3);
  const [ab, empty, longLine] = viaModel.lines as [Line, Line, Line];
  assert.deepEqual(ab, { count: 2, truncated: false, ids: [0, 4, 5, 1, ...Array<number>(73).fill(2)] });
  assert.deepEqual(empty, { count: 0, truncated: false, ids: [0, 1, ...Array<number>(75).fill(2)] });
  assert.equal(longLine.count, 80);
  assert.equal(longLine.truncated, true);
  assert.equal(longLine.ids.length, 77);
  assert.equal(longLine.ids[76], 1, 'EOS kept last');

  const viaTokenizer = await tokens(['--tokenizer', join(model, 'tokenizer'), 'a b']);
  assert.deepEqual(viaTokenizer.lines, [ab]);
});

test('tokens CLI: --weights reads the prompt syntax, the default does not', async (t) => {
  const model = await tinyModel(t);
  const plain = await tokens(['--model', model, '(a)']);
  const weighted = await tokens(['--model', model, '--weights', '(a)']);
  assert.equal(weighted.code, 0, weighted.stderr);
  assert.equal(weighted.lines[0]!.count, 1);
  assert.ok(plain.lines[0]!.count > 1, 'the brackets are tokens of their own without --weights');
});

test('tokens CLI: the bundled CLIP vocabulary by default', async () => {
  const { code, lines } = await tokens(['a photo of a cat']);
  assert.equal(code, 0);
  assert.deepEqual(lines, [
    { count: 5, truncated: false, ids: [49406, 320, 1125, 539, 320, 2368, ...Array<number>(71).fill(49407)] },
  ]);
});

test('tokens CLI: bad input exits 1 with a message and no stack trace', async (t) => {
  const missing = await tokens(['--tokenizer', join(tmpdir(), 'atelier-no-such-dir'), 'x']);
  assert.equal(missing.code, 1);
  assert.deepEqual(missing.lines, []);
  assert.match(missing.stderr, /vocab\.json is missing/);
  assert.doesNotMatch(missing.stderr, /\n\s+at /);

  const model = await tinyModel(t);
  const both = await tokens(['--model', model, '--tokenizer', model, 'x']);
  assert.equal(both.code, 1);
  assert.match(both.stderr, /either --model or --tokenizer/);
  const none = await tokens(['--model', model]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /at least one prompt/);
  const unknown = await tokens(['--bogus', 'x']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /Usage: npm run -s tokens/);
});
