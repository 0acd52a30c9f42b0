/**
 * `npm run bench -- taesd [--size 512] [--runs 5] [--threads 1] [--loop-size 256] [--loop-steps 4] [--loop-runs 2]
 *   [--only decode|loop]`
 *
 * decode: the cost of a live preview at one step, at --size pixels: through a TAESD decoder of TAESD's real width and
 * depth (64 channels, 3 blocks a level, random weights: the cost is the shape's, not the weights') against the linear
 * approximation used without it (the baseline, same run), each including its PNG encoding. Also TAESD's MACs,
 * counted from onnxruntime's profile. Medians of --runs runs after a warm-up.
 *
 * loop: what previews cost a whole generation on the bench's mid model with that TAESD installed, at --loop-size
 * pixels and --loop-steps steps: no previews (the baseline), a preview after every step (before: previewIntervalMs
 * 0), and previews only when the bot will show them (now: the pipeline's default schedule). Medians of --loop-runs
 * generations after a warm-up, with the ratios to the baseline. Prints JSON.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPipeline } from '../diffusion/pipeline.ts';
import { encodePng } from '../diffusion/png.ts';
import type { GenerateRequest } from '../diffusion/types.ts';
import { loadTaesd } from '../diffusion/taesd.ts';
import { floatTensor, latentsToPreviewRgb } from '../diffusion/tensors.ts';
import { makeTinyTaesd, taesdFullSize } from '../models/tiny-taesd.ts';
import { measureMacs } from './flops.ts';
import { benchModel } from './pipeline.ts';

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
      'loop-size': { type: 'string', default: '256' },
      'loop-steps': { type: 'string', default: '4' },
      'loop-runs': { type: 'string', default: '2' },
      only: { type: 'string' },
    },
  });
  const out: Record<string, unknown> = {};
  if (values.only !== 'loop') out.decode = await decodeFigures(values);
  if (values.only !== 'decode')
    out.loop = await loopFigures(
      Number(values['loop-size']),
      Number(values['loop-steps']),
      Number(values['loop-runs']),
    );
  console.log(JSON.stringify({ bench: 'taesd', node: process.version, loadAverage: loadavg(), ...out }, null, 2));
}

async function decodeFigures(values: { size: string; runs: string; threads: string }) {
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
    return {
      size: `${size}x${size}`,
      threads: Number(values.threads),
      runs,
      approximationPreviewMs: Math.round(approxMs * 10) / 10,
      taesdPreviewMs: Math.round(taesdMs * 10) / 10,
      taesdDecodeOnlyMs: Math.round(decodeOnlyMs * 10) / 10,
      ratioTaesdToApproximation: Math.round((taesdMs / approxMs) * 10) / 10,
      taesdGmacs: Math.round(macs / 1e7) / 100,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whole generations on the mid model with a full-size TAESD beside it: no previews, every step, only when shown. */
async function loopFigures(size: number, steps: number, runs: number) {
  const root = mkdtempSync(join(tmpdir(), 'atelier-bench-taesd-loop-'));
  try {
    const dir = join(root, 'mid');
    cpSync(await benchModel('mid', { size: 'mid' }), dir, { recursive: true });
    makeTinyTaesd(join(dir, 'taesd'), taesdFullSize);
    const req: GenerateRequest = {
      prompt: 'a lighthouse on a cliff at dusk',
      width: size,
      height: size,
      steps,
      guidanceScale: 7.5,
      seed: 1,
      count: 1,
      scheduler: 'euler',
    };
    const modes = [
      { name: 'noPreviews', preview: false, previewIntervalMs: undefined },
      { name: 'everyStep', preview: true, previewIntervalMs: 0 },
      { name: 'whenShown', preview: true, previewIntervalMs: undefined },
    ] as const;
    const figures: Record<string, { totalMs: number; previewMs: number; previews: number; stepMs: number }> = {};
    for (const mode of modes) {
      const pipeline = await createPipeline(dir, {
        executionProviders: ['cpu'],
        intraOpThreads: 0,
        previewIntervalMs: mode.previewIntervalMs,
        bounds: { maxWidth: 1024, maxHeight: 1024 },
      });
      try {
        const results: { totalMs: number; previewMs: number; previews: number; stepMs: number }[] = [];
        for (let i = 0; i <= runs; i++) {
          let previews = 0;
          const r = await pipeline.generate(
            { ...req, seed: req.seed + i, preview: mode.preview },
            { onStep: (p) => void (p.preview && previews++) },
          );
          // The first is the warm-up (arenas, tokenizer cache).
          if (i > 0)
            results.push({
              totalMs: r.timings.totalMs,
              previewMs: r.timings.previewMs ?? 0,
              previews,
              stepMs: median(r.timings.stepMs),
            });
        }
        figures[mode.name] = {
          totalMs: Math.round(median(results.map((x) => x.totalMs))),
          previewMs: Math.round(median(results.map((x) => x.previewMs))),
          previews: median(results.map((x) => x.previews)),
          stepMs: Math.round(median(results.map((x) => x.stepMs))),
        };
      } finally {
        await pipeline.release();
      }
    }
    const base = figures.noPreviews!.totalMs;
    return {
      model: 'mid, with a full-size TAESD',
      request: `${size}x${size}, ${steps} steps, 1 image`,
      runs,
      ...figures,
      ratioEveryStepToNone: Math.round((figures.everyStep!.totalMs / base) * 100) / 100,
      ratioWhenShownToNone: Math.round((figures.whenShown!.totalMs / base) * 100) / 100,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
