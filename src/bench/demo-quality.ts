/**
 * `npm run bench -- demo-quality [--model DIR] [--steps N] [--guidance G] [--scheduler NAME] [--seed S] [--limit N]`
 *
 * Renders the demo world's held-out captions (never seen in training) through the TypeScript pipeline and prints,
 * as JSON, the share of images whose shape, colour, position and background the checker finds as captioned.
 * Steps, guidance and scheduler default to the model's own (model_index.json `atelier` block, scheduler_config).
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import sharp from 'sharp';
import { allMatch, checkImage } from '../demo/checker.ts';
import { heldOutCaptions, heldOutScenes, shapes } from '../demo/world.ts';
import { createPipeline } from '../diffusion/pipeline.ts';
import { schedulerNames, type SchedulerName } from '../diffusion/types.ts';

export default async function demoQuality(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string', default: join('models', 'demo') },
      steps: { type: 'string' },
      guidance: { type: 'string' },
      scheduler: { type: 'string' },
      seed: { type: 'string', default: '1234' },
      limit: { type: 'string' },
      threads: { type: 'string', default: '0' },
    },
  });
  const scheduler = values.scheduler as SchedulerName | undefined;
  if (scheduler !== undefined && !schedulerNames.includes(scheduler)) {
    throw new Error(`--scheduler must be one of ${schedulerNames.join(', ')}`);
  }
  const pipeline = await createPipeline(values.model, {
    executionProviders: ['cpu'],
    intraOpThreads: Number(values.threads),
  });
  const { info } = pipeline;
  const steps = values.steps ? Number(values.steps) : info.defaultSteps;
  const guidanceScale = values.guidance ? Number(values.guidance) : info.defaultGuidance;
  const limit = values.limit ? Number(values.limit) : heldOutScenes.length;
  const seed = Number(values.seed);

  const totals = { shape: 0, colour: 0, position: 0, background: 0, all: 0 };
  const byShape = Object.fromEntries(shapes.map((s) => [s, { right: 0, of: 0 }]));
  const misses: Array<{ caption: string; detected: unknown }> = [];
  let schedulerUsed = '';
  const started = performance.now();
  const n = Math.min(limit, heldOutScenes.length);
  for (let i = 0; i < n; i++) {
    const scene = heldOutScenes[i]!;
    const result = await pipeline.generate({
      prompt: heldOutCaptions[i]!,
      width: info.sampleSize,
      height: info.sampleSize,
      steps,
      guidanceScale,
      seed: seed + i,
      count: 1,
      scheduler,
    });
    schedulerUsed = result.info.scheduler;
    const image = result.images[0]!;
    const rgb = await sharp(image.png).removeAlpha().raw().toBuffer();
    const check = checkImage(new Uint8Array(rgb), image.width, image.height, scene);
    for (const k of ['shape', 'colour', 'position', 'background'] as const) if (check[k]) totals[k]++;
    if (allMatch(check)) totals.all++;
    else misses.push({ caption: heldOutCaptions[i]!, detected: check.detected });
    byShape[scene.shape]!.of++;
    if (check.shape) byShape[scene.shape]!.right++;
  }
  const seconds = (performance.now() - started) / 1000;
  await pipeline.release();
  const share = (k: number) => Math.round((k / n) * 10000) / 10000;
  console.log(
    JSON.stringify(
      {
        bench: 'demo-quality',
        model: info.name,
        captions: n,
        steps,
        guidanceScale,
        scheduler: schedulerUsed,
        shape: share(totals.shape),
        colour: share(totals.colour),
        position: share(totals.position),
        background: share(totals.background),
        all: share(totals.all),
        shapeByClass: Object.fromEntries(
          Object.entries(byShape).map(([s, v]) => [s, v.of ? Math.round((v.right / v.of) * 10000) / 10000 : null]),
        ),
        msPerImage: Math.round((seconds * 1000) / n),
        misses: misses.slice(0, 20),
      },
      null,
      2,
    ),
  );
}
