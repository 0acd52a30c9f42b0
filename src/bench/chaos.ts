/**
 * `npm run bench -- chaos [--model DIR] [--levels 0,25,50,100] [--grids N] [--seed S] [--threads N]`
 *
 * How far --chaos spreads a grid: for each level, N grids of four images of the demo world's held-out captions (the
 * same captions and seeds at every level), and prints as JSON the mean absolute pixel difference between the images
 * of a grid (over every pair, 0-255, higher is more varied), its ratio to chaos 0 in the same run, and the share of
 * images the demo checker still finds as captioned (chaos trades faithfulness for variety, as Midjourney's does).
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import sharp from 'sharp';
import { allMatch, checkImage } from '../demo/checker.ts';
import { heldOutCaptions, heldOutScenes } from '../demo/world.ts';
import { createPipeline } from '../diffusion/pipeline.ts';

export default async function chaosBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string', default: join('models', 'demo') },
      levels: { type: 'string', default: '0,25,50,100' },
      grids: { type: 'string', default: '24' },
      seed: { type: 'string', default: '11' },
      threads: { type: 'string', default: '0' },
    },
  });
  const levels = values.levels.split(',').map(Number);
  if (!levels.every((l) => Number.isInteger(l) && l >= 0 && l <= 100)) throw new Error('--levels: whole numbers 0-100');
  const pipeline = await createPipeline(values.model, {
    executionProviders: ['cpu'],
    intraOpThreads: Number(values.threads),
  });
  const { info } = pipeline;
  const grids = Math.min(Number(values.grids), heldOutScenes.length);
  const rows: { chaos: number; spread: number; asCaptioned: number; images: number; seconds: number }[] = [];
  for (const chaos of levels) {
    const started = performance.now();
    let spread = 0;
    let right = 0;
    for (let g = 0; g < grids; g++) {
      // Every few held-out captions, so the grids cover shapes, colours and positions.
      const i = Math.floor((g * heldOutScenes.length) / grids);
      const result = await pipeline.generate({
        prompt: heldOutCaptions[i]!,
        width: info.sampleSize,
        height: info.sampleSize,
        steps: info.defaultSteps,
        guidanceScale: info.defaultGuidance,
        seed: Number(values.seed) + g * 4,
        count: 4,
        ...(chaos > 0 && { chaos }),
      });
      const images = await Promise.all(
        result.images.map(async (img) => new Uint8Array(await sharp(img.png).removeAlpha().raw().toBuffer())),
      );
      let sum = 0;
      let pairs = 0;
      for (let a = 0; a < images.length; a++) {
        for (let b = a + 1; b < images.length; b++) {
          let d = 0;
          for (let k = 0; k < images[a]!.length; k++) d += Math.abs(images[a]![k]! - images[b]![k]!);
          sum += d / images[a]!.length;
          pairs++;
        }
      }
      spread += sum / pairs;
      for (const rgb of images)
        if (allMatch(checkImage(rgb, info.sampleSize, info.sampleSize, heldOutScenes[i]!))) right++;
    }
    rows.push({
      chaos,
      spread: Math.round((spread / grids) * 100) / 100,
      asCaptioned: Math.round((right / (grids * 4)) * 10000) / 10000,
      images: grids * 4,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    });
  }
  await pipeline.release();
  const base = rows.find((r) => r.chaos === 0)?.spread;
  console.log(
    JSON.stringify(
      {
        bench: 'chaos',
        model: info.name,
        steps: info.defaultSteps,
        guidance: info.defaultGuidance,
        grids,
        levels: rows.map((r) => ({
          ...r,
          ...(base && { spreadVsChaos0: Math.round((r.spread / base) * 1000) / 1000 }),
        })),
      },
      null,
      2,
    ),
  );
}
