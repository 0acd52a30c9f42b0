/**
 * `npm run bench -- taesd [--size 512] [--runs 5] [--threads 1]`
 *
 * The cost of a live preview at one step, at --size pixels: through a TAESD decoder of TAESD's real width and depth
 * (64 channels, 3 blocks a level, random weights: the cost is the shape's, not the weights') against the linear
 * approximation used without it (the baseline, same run), each including its PNG encoding. Also TAESD's MACs,
 * counted from onnxruntime's profile. Medians of --runs runs after a warm-up. Prints JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodePng } from '../diffusion/png.ts';
import { loadTaesd } from '../diffusion/taesd.ts';
import { floatTensor, latentsToPreviewRgb } from '../diffusion/tensors.ts';
import { makeTinyTaesd, taesdFullSize } from '../models/tiny-taesd.ts';
import { measureMacs } from './flops.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed(runs: number, f: () => Promise<unknown>): Promise<number> {
  await f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

export default async function taesdBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string', default: '512' },
      runs: { type: 'string', default: '5' },
      threads: { type: 'string', default: '1' },
    },
  });
  const size = Number(values.size);
  const runs = Number(values.runs);
  const h = size / 8;
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-taesd-'));
  try {
    const file = makeTinyTaesd(dir, taesdFullSize);
    const taesd = await loadTaesd(dir, { executionProviders: ['cpu'], intraOpThreads: Number(values.threads) });
    const shape = [1, 4, h, h];
    const latents = Float32Array.from({ length: 4 * h * h }, (_, i) => 2 * Math.sin(i * 0.37));
    const approxMs = await timed(runs, async () => encodePng(latentsToPreviewRgb(latents, h, h, 0), h, h));
    const taesdMs = await timed(runs, async () => {
      const out = await taesd.decode(latents, shape, 0);
      return encodePng(out.rgb, out.width, out.height);
    });
    const decodeOnlyMs = await timed(runs, () => taesd.decode(latents, shape, 0));
    await taesd.release();
    const macs = await measureMacs(file, { latent_sample: floatTensor('float32', latents, shape) });
    console.log(
      JSON.stringify(
        {
          size: `${size}x${size}`,
          threads: Number(values.threads),
          runs,
          approximationPreviewMs: Math.round(approxMs * 10) / 10,
          taesdPreviewMs: Math.round(taesdMs * 10) / 10,
          taesdDecodeOnlyMs: Math.round(decodeOnlyMs * 10) / 10,
          ratioTaesdToApproximation: Math.round((taesdMs / approxMs) * 10) / 10,
          taesdGmacs: Math.round(macs / 1e7) / 100,
        },
        null,
        2,
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
