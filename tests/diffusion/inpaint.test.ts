// The masked pipeline: a generated 9-channel inpainting UNet (its own path), blending with any other UNet (the tiny
// model and the demo model, judged by the demo checker), and the mask arithmetic.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { allMatch, checkImage, parseCaption } from '../../src/demo/checker.ts';
import { featherMask, latentMask, loadMask } from '../../src/diffusion/mask.ts';
import { loadModel } from '../../src/diffusion/model.ts';
import { createPipeline, type Pipeline } from '../../src/diffusion/pipeline.ts';
import { parseParameters, readPngParameters } from '../../src/diffusion/png.ts';
import type { GenerateRequest } from '../../src/diffusion/types.ts';
import { UserError } from '../../src/errors.ts';
import { setLogLevel } from '../../src/log.ts';
import { tinyModel } from '../support/models.ts';

setLogLevel('warn');
const cpu = { executionProviders: ['cpu'], intraOpThreads: 1 } as const;
const demoDir = fileURLToPath(new URL('../../models/demo', import.meta.url));

async function rgb(png: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await sharp(png).removeAlpha().raw().toBuffer());
}

/** A mask PNG: white where `repaint(x, y)`. */
async function maskPng(width: number, height: number, repaint: (x: number, y: number) => boolean): Promise<Uint8Array> {
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = repaint(x, y) ? 255 : 0;
  return new Uint8Array(
    await sharp(data, { raw: { width, height, channels: 1 } })
      .png()
      .toBuffer(),
  );
}

/** Mean absolute difference per channel over the columns [x0, x1). */
function meanDiff(a: Uint8Array, b: Uint8Array, width: number, height: number, x0: number, x1: number): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = x0; x < x1; x++) {
      for (let c = 0; c < 3; c++) {
        const i = (y * width + x) * 3 + c;
        sum += Math.abs(a[i]! - b[i]!);
        n++;
      }
    }
  }
  return sum / n;
}

const base = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: 'a lighthouse at dusk',
  width: 64,
  height: 64,
  steps: 4,
  guidanceScale: 7.5,
  seed: 3,
  count: 1,
  ...over,
});

describe('mask arithmetic', () => {
  it('reads white as repaint, resizes a mask of another size, and keeps grey partial', async () => {
    const small = await sharp({ create: { width: 8, height: 4, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    const m = await loadMask(small, 16, 8);
    assert.equal(m.length, 128);
    assert.ok(Math.abs(m[0]! - 128 / 255) < 0.01, `grey reads as ${m[0]}`);
    const half = await loadMask(await maskPng(32, 32, (x) => x < 16), 64, 64);
    assert.equal(half[0], 1);
    assert.equal(half[63], 0);
    await assert.rejects(
      loadMask(new Uint8Array([1, 2, 3]), 8, 8),
      (e: unknown) => e instanceof UserError && e.code === 'bad-mask',
    );
  });

  it('feathers only near the edge and averages to latent resolution', () => {
    const w = 32;
    const hard = Float32Array.from({ length: w * 8 }, (_, i) => (i % w < 16 ? 1 : 0));
    const soft = featherMask(hard, w, 8, 2);
    assert.equal(soft[0], 1);
    assert.equal(soft[w - 1], 0);
    assert.ok(soft[15]! < 1 && soft[15]! > 0.5 && soft[16]! > 0 && soft[16]! < 0.5, 'a ramp across the edge');
    assert.equal(soft[10], 1, 'unchanged beyond 2 x radius');
    assert.deepEqual([...latentMask(hard, w, 8, 8)], [1, 1, 0, 0]);
  });
});

describe('a 9-channel inpainting UNet (generated)', () => {
  let p: Pipeline;
  let dir: string;
  before(async () => {
    dir = await tinyModel({ inpainting: true });
    p = await createPipeline(dir, cpu);
  });
  after(() => p.release());

  it('is recognised from its sample input (9 = 2 x 4 latent channels + 1)', async () => {
    const m = await loadModel(dir, cpu);
    try {
      assert.equal(m.latentChannels, 4);
      assert.equal(m.unetInChannels, 9);
    } finally {
      await m.release();
    }
    const optimum = await loadModel(
      await tinyModel({ inpainting: true, vaeEncoderOutput: 'latent_parameters', inputIds: 'int64' }),
      cpu,
    );
    try {
      assert.equal(optimum.unetInChannels, 9);
    } finally {
      await optimum.release();
    }
  });

  it('repaints only the mask: the kept half is the source pixels, and the mask reaches the UNet', async () => {
    const source = (await p.generate(base({ seed: 1 }))).images[0]!.png;
    const left = await maskPng(64, 64, (x) => x < 32);
    const r = await p.generate(
      base({ initImage: source, mask: left, seed: 9, edit: { kind: 'mask', source: 'left half' } }),
    );
    const [src, out] = [await rgb(source), await rgb(r.images[0]!.png)];
    // Feather radius 1 at 64 px: from column 34 on, every pixel is the source's own.
    assert.equal(meanDiff(src, out, 64, 64, 34, 64), 0);
    assert.ok(meanDiff(src, out, 64, 64, 0, 30) > 1, 'the masked half was repainted');
    const params = parseParameters(readPngParameters(r.images[0]!.png)!);
    assert.equal(params.denoisingStrength, 1, 'strength defaults to 1 with a mask');
    assert.equal(params.maskBlur, 1);
    assert.equal(params.edit, 'mask left half');
    // Same seed, another mask: a different picture inside (the UNet reads the mask channels).
    const top = await maskPng(64, 64, (_, y) => y < 32);
    const r2 = await p.generate(base({ initImage: source, mask: top, seed: 9 }));
    assert.ok(meanDiff(out, await rgb(r2.images[0]!.png), 64, 64, 0, 30) > 0.5);
  });

  it('paints from text alone (mask everywhere, masked image empty)', async () => {
    const r = await p.generate(base({ count: 2 }));
    assert.equal(r.images.length, 2);
    assert.ok(new Set(await rgb(r.images[0]!.png)).size > 8);
  });
});

describe('blending, with any UNet', () => {
  let p: Pipeline;
  before(async () => {
    p = await createPipeline(await tinyModel(), cpu);
  });
  after(() => p.release());

  it('keeps the unmasked region exactly and is reproducible', async () => {
    const source = (await p.generate(base({ seed: 5, height: 96 }))).images[0]!.png;
    const mask = await maskPng(16, 16, (x) => x >= 8); // another size: resized to 64 x 96
    const req = base({ initImage: source, mask, seed: 11, height: 96, strength: 0.8 });
    const a = await p.generate(req);
    const b = await p.generate(req);
    assert.deepEqual(a.images[0]!.png, b.images[0]!.png);
    const [src, out] = [await rgb(source), await rgb(a.images[0]!.png)];
    assert.equal(meanDiff(src, out, 64, 96, 0, 28), 0, 'the resized mask ramps over columns 31-33, the feather 2 more');
    assert.ok(meanDiff(src, out, 64, 96, 34, 64) > 1);
    assert.equal(parseParameters(readPngParameters(a.images[0]!.png)!).denoisingStrength, 0.8);
  });

  it('refuses a mask without an image, and a masked request in a batch', async () => {
    const mask = await maskPng(8, 8, () => true);
    await assert.rejects(p.generate(base({ mask })), (e: unknown) => e instanceof UserError && e.code === 'bad-mask');
    await assert.rejects(
      p.generate(
        base({ mask, initImage: mask, count: 2, batch: [{ prompt: 'a lighthouse at dusk', seed: 3, count: 2 }] }),
      ),
      /batched/,
    );
  });
});

describe('the demo model repaints a region and keeps the rest (judged by the checker)', () => {
  let p: Pipeline;
  before(async () => {
    p = await createPipeline(demoDir, cpu);
  });
  after(() => p.release());

  it('a red circle on the left becomes a yellow star; the right half stays', async () => {
    const from = 'a red circle on the left on a blue background';
    const to = 'a yellow star on the left on a blue background';
    const left = await maskPng(64, 64, (x) => x < 32);
    let accepted = 0;
    const seeds = [1, 2, 3, 4];
    for (const seed of seeds) {
      const source = (
        await p.generate({ prompt: from, width: 64, height: 64, steps: 10, guidanceScale: 5, seed, count: 1 })
      ).images[0]!.png;
      const src = await rgb(source);
      assert.ok(allMatch(checkImage(src, 64, 64, parseCaption(from))), `seed ${seed}: the source shows ${from}`);
      const edited = await p.generate({
        prompt: to,
        width: 64,
        height: 64,
        steps: 10,
        guidanceScale: 5,
        seed: seed + 100,
        count: 1,
        initImage: source,
        mask: left,
      });
      const out = await rgb(edited.images[0]!.png);
      if (allMatch(checkImage(out, 64, 64, parseCaption(to)))) accepted++;
      const right = meanDiff(src, out, 64, 64, 32, 64);
      assert.ok(right < 1, `seed ${seed}: the right half moved by ${right.toFixed(2)} per channel on average`);
      assert.equal(meanDiff(src, out, 64, 64, 34, 64), 0, 'outside the feathered edge: the source pixels');
    }
    assert.ok(accepted >= 3, `the checker accepted ${accepted} of ${seeds.length} edits`);
  });
});
