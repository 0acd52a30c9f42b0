/**
 * `npm run bench -- edit [--model DIR] [--cases N] [--runs N] [--seed S] [--threads N]`
 *
 * 1. Time per edit kind (region, zoom out 2x, pan right), each relative to a plain generation of the same size in
 *    the same run (medians of --runs runs, default 5).
 * 2. Region edits on the demo model over held-out captions (default: all 149; at least 50 asked of the figure): for
 *    each held-out scene, a source with another shape and colour at the same place is painted, the region around
 *    that place is repainted with the held-out caption, and the checker judges the result. Also counted: pixels
 *    outside the region's feathered edge that changed (0 expected: they are composited from the source).
 * Prints JSON.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { allMatch, checkImage } from '../demo/checker.ts';
import { caption, colourNames, heldOutScenes, shapes, type Position, type Scene } from '../demo/world.ts';
import { regionBoxes } from '../diffusion/canvas.ts';
import { featherRadius } from '../diffusion/mask.ts';
import { createPipeline, type Pipeline } from '../diffusion/pipeline.ts';
import type { GenerateRequest } from '../diffusion/types.ts';
import type { EditSpec, RegionName } from '../request/request.ts';

const regionFor: Record<Position, RegionName> = {
  left: 'left',
  right: 'right',
  top: 'top',
  bottom: 'bottom',
  centre: 'centre',
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed(p: Pipeline, req: GenerateRequest, runs: number): Promise<number> {
  await p.generate(req); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await p.generate({ ...req, seed: req.seed + i + 1 });
    ms.push(performance.now() - t);
  }
  return median(ms);
}

/** A source scene for a held-out one: the same place and background, another shape and colour. */
function sourceFor(s: Scene): Scene {
  const shape = shapes[(shapes.indexOf(s.shape) + 1) % shapes.length]!;
  let c = (colourNames.indexOf(s.colour) + 3) % colourNames.length;
  while (colourNames[c] === s.background || colourNames[c] === s.colour) c = (c + 1) % colourNames.length;
  return { ...s, shape, colour: colourNames[c]! };
}

export default async function editBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string', default: join('models', 'demo') },
      cases: { type: 'string' },
      runs: { type: 'string', default: '5' },
      seed: { type: 'string', default: '4321' },
      threads: { type: 'string', default: '0' },
    },
  });
  const p = await createPipeline(values.model, { executionProviders: ['cpu'], intraOpThreads: Number(values.threads) });
  const { info } = p;
  const size = info.sampleSize;
  const steps = info.defaultSteps;
  const guidanceScale = info.defaultGuidance;
  const seed = Number(values.seed);
  const runs = Number(values.runs);
  const base = { width: size, height: size, steps, guidanceScale, seed, count: 1 };
  try {
    // 1. Timing.
    const source = (await p.generate({ ...base, prompt: 'a red circle in the centre on a blue background' })).images[0]!
      .png;
    const edits: [string, EditSpec, number, number][] = [
      ['region', { kind: 'region', region: 'left' }, size, size],
      ['zoom-out-2x', { kind: 'zoom-out', factor: 2 }, size, size],
      ['pan-right', { kind: 'pan', direction: 'right' }, Math.round((size * 1.5) / 8) * 8, size],
    ];
    const timing: Record<string, { ms: number; plainMs: number; ratio: number; size: string }> = {};
    for (const [name, edit, width, height] of edits) {
      const prompt = 'a yellow star on the left on a blue background';
      const plainMs = await timed(p, { ...base, width, height, prompt }, runs);
      const ms = await timed(p, { ...base, width, height, prompt, initImage: source, edit }, runs);
      timing[name] = {
        ms: Math.round(ms),
        plainMs: Math.round(plainMs),
        ratio: Math.round((ms / plainMs) * 100) / 100,
        size: `${width}x${height}`,
      };
    }

    // 2. Region edits judged by the checker.
    const n = Math.min(values.cases ? Number(values.cases) : heldOutScenes.length, heldOutScenes.length);
    let accepted = 0;
    let sourcesAccepted = 0;
    let changedOutside = 0;
    const misses: { caption: string; detected: unknown }[] = [];
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      const target = heldOutScenes[i]!;
      const from = sourceFor(target);
      const src = (await p.generate({ ...base, seed: seed + i, prompt: caption(from) })).images[0]!;
      const srcRgb = new Uint8Array(await sharp(src.png).removeAlpha().raw().toBuffer());
      if (allMatch(checkImage(srcRgb, size, size, from))) sourcesAccepted++;
      const region = regionFor[target.position];
      const out = (
        await p.generate({
          ...base,
          seed: seed + 1000 + i,
          prompt: caption(target),
          initImage: src.png,
          edit: { kind: 'region', region },
        })
      ).images[0]!;
      const rgb = new Uint8Array(await sharp(out.png).removeAlpha().raw().toBuffer());
      const verdict = checkImage(rgb, size, size, target);
      if (allMatch(verdict)) accepted++;
      else if (misses.length < 15) misses.push({ caption: caption(target), detected: verdict.detected });
      // Outside the region grown by twice the feather radius: must be the source's pixels.
      const [fx0, fy0, fx1, fy1] = regionBoxes[region];
      const grow = 2 * featherRadius(size, size);
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const inside =
            x >= fx0 * size - grow && x < fx1 * size + grow && y >= fy0 * size - grow && y < fy1 * size + grow;
          if (
            !inside &&
            (rgb[(y * size + x) * 3] !== srcRgb[(y * size + x) * 3] ||
              rgb[(y * size + x) * 3 + 1] !== srcRgb[(y * size + x) * 3 + 1] ||
              rgb[(y * size + x) * 3 + 2] !== srcRgb[(y * size + x) * 3 + 2])
          )
            changedOutside++;
        }
      }
    }
    const share = (k: number) => Math.round((k / n) * 10000) / 10000;
    console.log(
      JSON.stringify(
        {
          bench: 'edit',
          model: info.name,
          steps,
          guidanceScale,
          runs,
          timing,
          regionEdits: {
            cases: n,
            accepted: share(accepted),
            target: 0.9,
            sourcesAccepted: share(sourcesAccepted),
            pixelsChangedOutsideRegion: changedOutside,
            msPerCase: Math.round((performance.now() - started) / n),
            misses,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await p.release();
  }
}
