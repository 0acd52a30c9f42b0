// --chaos on the demo model through the real pipeline: 0 is today's output byte for byte, the same seed gives the
// same bytes, each image is the one its seed gives alone, and more chaos spreads a grid's images further apart.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createPipeline, type Pipeline } from '../../src/diffusion/pipeline.ts';
import { parseParameters, readPngParameters } from '../../src/diffusion/png.ts';
import type { GenerateRequest } from '../../src/diffusion/types.ts';
import { setLogLevel } from '../../src/log.ts';

setLogLevel('warn');
const demoDir = fileURLToPath(new URL('../../models/demo', import.meta.url));
let pipeline: Pipeline;
before(async () => {
  pipeline = await createPipeline(demoDir, { executionProviders: ['cpu'], intraOpThreads: 1 });
});
after(() => pipeline.release());

const grid = (over: Partial<GenerateRequest>): GenerateRequest => ({
  prompt: 'a red star on the left on a blue background',
  width: 64,
  height: 64,
  steps: 10,
  guidanceScale: 5,
  seed: 11,
  count: 4,
  ...over,
});
const pngs = async (req: GenerateRequest) => (await pipeline.generate(req)).images.map((i) => Buffer.from(i.png));
const rgb = async (png: Uint8Array) => new Uint8Array(await sharp(png).removeAlpha().raw().toBuffer());

/** Mean absolute pixel difference between the images of a grid, over every pair. */
async function spread(req: GenerateRequest): Promise<number> {
  const images = await Promise.all((await pngs(req)).map(rgb));
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
  return sum / pairs;
}

describe('--chaos on the demo model', () => {
  it('chaos 0 is today’s output byte for byte; chaos changes the images and is recorded', async () => {
    const today = await pngs(grid({}));
    assert.deepEqual(await pngs(grid({ chaos: 0 })), today);
    const chaotic = await pngs(grid({ chaos: 60 }));
    assert.equal(chaotic.length, 4);
    chaotic.forEach((png, i) => assert.ok(!png.equals(today[i]!), `image ${i} changed`));
    const params = parseParameters(readPngParameters(chaotic[0]!)!);
    assert.equal(params.chaos, 60);
    assert.equal(params.cfgScale, 5, 'the guidance asked for (each image’s own is drawn from its seed)');
    assert.equal(parseParameters(readPngParameters(today[0]!)!).chaos, undefined);
  });

  it('the same seed gives the same bytes, and each image is the one its own seed gives alone', async () => {
    const a = await pngs(grid({ chaos: 80 }));
    assert.deepEqual(await pngs(grid({ chaos: 80 })), a);
    const third = await pngs(grid({ chaos: 80, seed: 13, count: 1 }));
    assert.ok(third[0]!.equals(a[2]!), 'image 3 of seed 11 is the single image of seed 13');
  });

  it('more chaos spreads a grid’s images further apart (mean over 8 grids)', async () => {
    const prompts = [
      'a red star on the left on a blue background',
      'a green circle',
      'a purple triangle on a white background',
      'an orange circle in the centre on a pink background',
    ];
    const mean = async (chaos: number) => {
      let total = 0;
      let n = 0;
      for (const prompt of prompts) {
        for (const seed of [11, 12]) {
          total += await spread(grid({ prompt, seed, ...(chaos && { chaos }) }));
          n++;
        }
      }
      return total / n;
    };
    const none = await mean(0);
    const high = await mean(100);
    console.log(JSON.stringify({ chaos0: none, chaos100: high, ratio: high / none }));
    assert.ok(high > none * 1.1, `chaos 100 spreads the grid (${high.toFixed(1)}) over chaos 0 (${none.toFixed(1)})`);
  });
});
