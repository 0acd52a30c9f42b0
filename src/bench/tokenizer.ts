/**
 * `npm run bench -- tokenizer [--tokenizer DIR]`: how long loading the CLIP vocabulary and encoding prompts take.
 * Prints one JSON object: load times (first and median of repeated loads), and per-prompt times for
 * tokenizePrompt with an empty BPE cache (every word new) and with a warm one (the same prompts again).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tokenizePrompt } from '../diffusion/prompt.ts';
import { ClipTokenizer } from '../diffusion/tokenizer.ts';
import { UserError } from '../errors.ts';

const SHARED_TOKENIZER = fileURLToPath(new URL('../../assets/clip-tokenizer', import.meta.url));

const PROMPTS = [
  'a photo of a cat',
  'a lighthouse at dusk, oil painting, highly detailed, trending on artstation',
  'portrait of an astronaut riding a horse on mars, 8k, hdr, octane render, cinematic lighting',
  'masterpiece, best quality, (1girl:1.2), solo, looking at viewer, [blurry], watercolor',
  'a cozy cabin in snowy mountains at night, warm light from the windows, aurora borealis',
  'cyberpunk city street in the rain, neon signs, reflections, volumetric fog, by syd mead',
  'still life of fruit on a wooden table, baroque, chiaroscuro, rembrandt style',
  'isometric pixel art of a tiny island with a castle, vibrant colors',
  '東京タワーの夜景, café naïve, 🐱🐶 ✨, fish &amp; chips',
  Array.from({ length: 30 }, (_, i) => `detail${i} word${i * 7}`).join(', '),
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 3) => Number(x.toFixed(digits));

export default async function bench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { tokenizer: { type: 'string' }, loads: { type: 'string', default: '7' } },
  });
  const dir = values.tokenizer ?? SHARED_TOKENIZER;
  if (!existsSync(join(dir, 'vocab.json'))) {
    throw new UserError(
      `No CLIP vocabulary at ${dir}: pass --tokenizer DIR (a folder with vocab.json and merges.txt).`,
    );
  }

  const loadMs: number[] = [];
  let tokenizer: ClipTokenizer | undefined;
  for (let i = 0; i < Number(values.loads); i++) {
    const t0 = performance.now();
    tokenizer = await ClipTokenizer.load(dir);
    loadMs.push(performance.now() - t0);
  }

  // Cold: a fresh tokenizer, so every word goes through BPE once.
  const fresh = await ClipTokenizer.load(dir);
  let tokens = 0;
  const t0 = performance.now();
  for (const prompt of PROMPTS) tokens += tokenizePrompt(fresh, prompt, { maxChunks: 3 }).tokenCount;
  const coldMs = performance.now() - t0;

  // Warm: the same prompts many times (the BPE cache holds every word).
  const rounds = 200;
  const t1 = performance.now();
  for (let r = 0; r < rounds; r++) for (const prompt of PROMPTS) tokenizePrompt(tokenizer!, prompt, { maxChunks: 3 });
  const warmMs = (performance.now() - t1) / rounds;

  console.log(
    JSON.stringify({
      bench: 'tokenizer',
      dir,
      vocabSize: fresh.vocabSize,
      loadMsFirst: round(loadMs[0]!, 1),
      loadMsMedian: round(median(loadMs), 1),
      prompts: PROMPTS.length,
      tokens,
      coldMsPerPrompt: round(coldMs / PROMPTS.length),
      warmMsPerPrompt: round(warmMs / PROMPTS.length),
      rssMb: round(process.memoryUsage().rss / 2 ** 20, 1),
    }),
  );
}
