import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { CancelledError, UserError } from '../../src/errors.ts';
import { loadModel, type LoadedModel } from '../../src/diffusion/model.ts';
import {
  checkInputs,
  createPipeline,
  loadInitRgb,
  previewSchedule,
  type Pipeline,
} from '../../src/diffusion/pipeline.ts';
import { openSession } from '../../src/diffusion/session.ts';
import { parseParameters, readPngParameters } from '../../src/diffusion/png.ts';
import { createRandom, floatTensor, intTensor, readFloats, timestepTensor } from '../../src/diffusion/tensors.ts';
import {
  schedulerNames,
  type BatchEntry,
  type GenerateRequest,
  type SchedulerName,
} from '../../src/diffusion/types.ts';
import { setLogLevel } from '../../src/log.ts';
import { tinyModel, tinyModelVariants } from '../support/models.ts';

setLogLevel('warn');

const cpu = { executionProviders: ['cpu'], intraOpThreads: 1 } as const;
const bounds = { maxWidth: 256, maxHeight: 256, maxSteps: 50, maxImages: 4 };

function request(over: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    prompt: 'a lighthouse at dusk',
    negativePrompt: 'blurry',
    width: 64,
    height: 64,
    steps: 3,
    guidanceScale: 7.5,
    seed: 42,
    count: 1,
    ...over,
  };
}

async function pixels(png: Uint8Array): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Not a flat image: random weights still give structure, and a NaN anywhere turns the whole image black. */
async function assertLooksRendered(png: Uint8Array): Promise<void> {
  const { data } = await pixels(png);
  const distinct = new Set(data);
  assert.ok(distinct.size > 8, `only ${distinct.size} distinct byte values`);
}

describe('every model variant end to end (real ONNX sessions)', () => {
  for (const [name, opts] of Object.entries(tinyModelVariants)) {
    it(name, async () => {
      const p = await createPipeline(await tinyModel(opts), { ...cpu, bounds });
      try {
        // Non-square, two images: latents are [2, 4, 96/8, 64/8] (H before W).
        const steps = p.info.family === 'sd-turbo' ? 2 : 3;
        const r = await p.generate(
          request({ width: 64, height: 96, count: 2, steps, guidanceScale: p.info.defaultGuidance || 7.5 }),
        );
        assert.equal(r.images.length, 2);
        for (const [i, img] of r.images.entries()) {
          const px = await pixels(img.png);
          assert.equal(px.width, 64);
          assert.equal(px.height, 96);
          assert.equal(img.seed, 42 + i);
          await assertLooksRendered(img.png);
        }
        assert.notDeepEqual(r.images[0]!.png, r.images[1]!.png, 'each image has its own seed');
        assert.equal(r.timings.stepMs.length, r.info.steps);
        assert.ok(r.timings.sessionRunMs > 0);
        assert.equal(r.info.executionProvider, 'cpu');
        if (p.info.guidanceFree && p.info.family !== 'lcm') assert.equal(r.info.guidanceScale, 0);
      } finally {
        await p.release();
      }
    });
  }
});

describe('pipeline behaviour (float32 tiny model)', () => {
  let p: Pipeline;
  before(async () => {
    p = await createPipeline(await tinyModel({}), { ...cpu, bounds });
  });
  after(() => p.release());

  it('is deterministic: same seed and parameters give byte-identical PNGs; another seed does not', async () => {
    const a = await p.generate(request());
    const b = await p.generate(request());
    const c = await p.generate(request({ seed: 43 }));
    assert.deepEqual(a.images[0]!.png, b.images[0]!.png);
    assert.notDeepEqual(a.images[0]!.png, c.images[0]!.png);
  });

  it('gives image i of a batch the same pixels as a single image with seed + i', async () => {
    const batch = await p.generate(request({ count: 2, seed: 10 }));
    const single = await p.generate(request({ count: 1, seed: 11 }));
    const x = await pixels(batch.images[1]!.png);
    const y = await pixels(single.images[0]!.png);
    let maxDiff = 0;
    for (let i = 0; i < x.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(x.data[i]! - y.data[i]!));
    assert.ok(maxDiff <= 1, `batched and single images differ by up to ${maxDiff}`);
  });

  it('writes A1111 parameters into the PNG', async () => {
    const r = await p.generate(request({ scheduler: 'euler-ancestral', seed: 7 }));
    const text = readPngParameters(r.images[0]!.png);
    assert.ok(text);
    const params = parseParameters(text);
    assert.equal(params.prompt, 'a lighthouse at dusk');
    assert.equal(params.negativePrompt, 'blurry');
    assert.equal(params.steps, 3);
    assert.equal(params.sampler, 'Euler a');
    assert.equal(params.cfgScale, 7.5);
    assert.equal(params.seed, 7);
    assert.equal(params.width, 64);
    assert.equal(params.height, 64);
    assert.equal(params.model, p.info.name);
  });

  it('runs every scheduler', async () => {
    for (const scheduler of schedulerNames) {
      const r = await p.generate(request({ scheduler, steps: 4 }));
      assert.equal(r.info.scheduler, scheduler);
      await assertLooksRendered(r.images[0]!.png);
    }
  });

  it('reproduces seeded noise exactly when given the same latents (--init-latents)', async () => {
    // PNDM's initNoiseSigma is 1, so the seeded noise is the initial latents.
    const seeded = await p.generate(request({ seed: 99, width: 64, height: 80, count: 2 }));
    const latents = new Float32Array(2 * 4 * 10 * 8);
    createRandom(99).fill(latents.subarray(0, 320));
    createRandom(100).fill(latents.subarray(320));
    const given = await p.generate(request({ seed: 5, width: 64, height: 80, count: 2, initLatents: latents }));
    // Same pixels; the PNGs differ only in the Seed: field of the parameters chunk.
    for (let i = 0; i < 2; i++)
      assert.deepEqual((await pixels(given.images[i]!.png)).data, (await pixels(seeded.images[i]!.png)).data);
    await assert.rejects(
      p.generate(request({ initLatents: new Float32Array(10) })),
      /init latents hold 10 numbers; 1 image\(s\) of 64x64 need 256/,
    );
  });

  it('reads long prompts in several chunks and says how much was dropped', async () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i % 10}`).join(' ');
    const long = await p.generate(request({ prompt: words }));
    assert.ok(long.info.tokenCount > 75);
    assert.equal(long.info.truncatedTokens, 0);
    const huge = await p.generate(request({ prompt: `${words} ${words} ${words}` }));
    assert.ok(huge.info.truncatedTokens > 0);
    // The second chunk matters: changing only words past token 75 changes the image.
    const changedTail = await p.generate(request({ prompt: `${words} completely different ending here` }));
    assert.notDeepEqual(long.images[0]!.png, changedTail.images[0]!.png);
    // Weights matter too.
    const weighted = await p.generate(request({ prompt: '(a lighthouse:1.5) at dusk' }));
    const plain = await p.generate(request({ prompt: 'a lighthouse at dusk' }));
    assert.notDeepEqual(weighted.images[0]!.png, plain.images[0]!.png);
  });

  it('sends progress after every step, with a small preview when asked and one will be shown', async () => {
    const seen: { step: number; total: number; preview?: Uint8Array | undefined }[] = [];
    await p.generate(request({ steps: 3, scheduler: 'euler', preview: true, width: 64, height: 96 }), {
      onStep: (s) => seen.push({ step: s.step, total: s.totalSteps, preview: s.preview }),
    });
    assert.deepEqual(
      seen.map((s) => s.step),
      [1, 2, 3],
    );
    assert.ok(seen.every((s) => s.total === 3));
    const px = await pixels(seen[0]!.preview!);
    assert.equal(px.width, 8);
    assert.equal(px.height, 12);
    // The result follows the last step at once: no preview is made for it.
    assert.equal(seen[2]!.preview, undefined);
  });

  it('makes a preview only when the bot can show it: the first step, then one an interval, never the last', () => {
    let clock = 0;
    const schedule = previewSchedule(1500, 10, () => clock);
    const made: number[] = [];
    for (let step = 0; step < 10; step++) {
      if (schedule.due(step)) {
        made.push(step);
        clock += 20; // the preview's cost
        schedule.made(20);
      }
      clock += 400; // the step's
    }
    // Steps end at 420, 820, ... ms: after step 0's preview the next is due 1500 ms later (step 4), then step 8; 9 is the last.
    assert.deepEqual(made, [0, 4, 8]);
    // A preview that costs more than a quarter of the interval waits four times its cost.
    clock = 0;
    const slow = previewSchedule(1500, 10, () => clock);
    const slowMade: number[] = [];
    for (let step = 0; step < 10; step++) {
      if (slow.due(step)) {
        slowMade.push(step);
        clock += 1000;
        slow.made(1000);
      }
      clock += 500;
    }
    // 4 s after the first (which a 1.5 s wait would have put at step 3).
    assert.deepEqual(slowMade, [0, 8]);
    // Interval 0: after every step, the last one too (benchmarks' baseline).
    const every = previewSchedule(0, 3, () => 0);
    assert.deepEqual(
      [0, 1, 2].map((i) => every.due(i)),
      [true, true, true],
    );
  });

  it('stops between steps when the signal fires (CancelledError)', async () => {
    const controller = new AbortController();
    const steps: number[] = [];
    await assert.rejects(
      p.generate(request({ steps: 20, scheduler: 'euler' }), {
        signal: controller.signal,
        onStep: ({ step }) => {
          steps.push(step);
          if (step === 2) controller.abort();
        },
      }),
      CancelledError,
    );
    assert.deepEqual(steps, [1, 2]);
    const already = AbortSignal.abort();
    await assert.rejects(p.generate(request(), { signal: already }), CancelledError);
  });

  it('does image-to-image from an encoded image', async () => {
    const init = await sharp({ create: { width: 100, height: 60, channels: 3, background: { r: 200, g: 80, b: 30 } } })
      .png()
      .toBuffer();
    const req = request({
      initImage: new Uint8Array(init),
      strength: 0.5,
      steps: 4,
      scheduler: 'euler',
      width: 64,
      height: 96,
    });
    const a = await p.generate(req);
    const b = await p.generate(req);
    assert.equal(a.info.steps, 2, 'strength 0.5 of 4 steps runs the last 2');
    assert.deepEqual(a.images[0]!.png, b.images[0]!.png);
    const px = await pixels(a.images[0]!.png);
    assert.equal(px.width, 64);
    assert.equal(px.height, 96);
    const stronger = await p.generate({ ...req, strength: 1 });
    assert.equal(stronger.info.steps, 4);
    assert.notDeepEqual(stronger.images[0]!.png, a.images[0]!.png);
    assert.equal(parseParameters(readPngParameters(a.images[0]!.png)!).denoisingStrength, 0.5);
    // A 100x60 picture into 64x96 is cropped to fill (centred), and the parameters say so.
    assert.equal(parseParameters(readPngParameters(a.images[0]!.png)!).resizeMode, 'Crop and resize from 100x60');
    const sameAspect = await sharp({ create: { width: 128, height: 192, channels: 3, background: '#3060c0' } })
      .png()
      .toBuffer();
    const kept = await p.generate({ ...req, initImage: new Uint8Array(sameAspect) });
    assert.equal(parseParameters(readPngParameters(kept.images[0]!.png)!).resizeMode, undefined);
    await assert.rejects(
      p.generate({ ...req, strength: 0.1 }),
      (e: unknown) => e instanceof UserError && /steps x strength must be at least 1/.test(e.message),
    );
    await assert.rejects(
      p.generate({ ...req, initImage: new Uint8Array([1, 2, 3]) }),
      (e: unknown) => e instanceof UserError && /init image could not be read/.test(e.message),
    );
  });

  it('fits an init image of another aspect by cropping the overflow, centred, never stretching it', async () => {
    // Three vertical bands, red | green | blue, 192x64: into 64x64 only the green middle survives.
    const bands = Buffer.alloc(192 * 64 * 3);
    for (let y = 0; y < 64; y++) for (let x = 0; x < 192; x++) bands[(y * 192 + x) * 3 + Math.floor(x / 64)] = 255;
    const png = await sharp(bands, { raw: { width: 192, height: 64, channels: 3 } })
      .png()
      .toBuffer();
    const { rgb, resizeMode } = await loadInitRgb(new Uint8Array(png), 64, 64, 'cover');
    assert.equal(resizeMode, 'Crop and resize from 192x64');
    for (const x of [0, 32, 63])
      assert.deepEqual([...rgb.subarray((32 * 64 + x) * 3, (32 * 64 + x) * 3 + 3)], [0, 255, 0], `pixel ${x}`);
    const stretched = await loadInitRgb(new Uint8Array(png), 64, 64, 'fill');
    assert.deepEqual(
      [...stretched.rgb.subarray(32 * 64 * 3, 32 * 64 * 3 + 3)],
      [255, 0, 0],
      'fill (masked edits) stretches',
    );
  });

  it('refuses bad input with a clear UserError', async () => {
    const cases: [Partial<GenerateRequest>, RegExp][] = [
      [{ prompt: '' }, /prompt is empty/],
      [{ prompt: '   ' }, /prompt is empty/],
      [{ width: 60 }, /width must be a multiple of 8 between 64 and 256 pixels \(got 60\)/],
      [{ height: 264 }, /height must be a multiple of 8 between 64 and 256 pixels \(got 264\)/],
      [{ width: 32 }, /width must be a multiple of 8/],
      [{ steps: 0 }, /Steps must be a whole number between 1 and 50 \(got 0\)/],
      [{ steps: 51 }, /Steps must be a whole number between 1 and 50/],
      [{ steps: 2.5 }, /Steps must be a whole number/],
      [{ count: 0 }, /number of images must be between 1 and 4/],
      [{ count: 5 }, /number of images must be between 1 and 4/],
      [{ guidanceScale: -1 }, /Guidance must be between 0 and 30/],
      [{ seed: -1 }, /seed must be a whole number/],
      [{ initImage: new Uint8Array(1), strength: 0 }, /Strength must be greater than 0 and at most 1 \(got 0\)/],
      [{ initImage: new Uint8Array(1), strength: 1.5 }, /Strength must be greater than 0 and at most 1 \(got 1.5\)/],
      [{ strength: 2 }, /Strength must be greater than 0/],
      [{ scheduler: 'magic' as never }, /Unknown scheduler "magic"/],
    ];
    for (const [over, pattern] of cases) {
      await assert.rejects(p.generate(request(over)), (e: unknown) => {
        assert.ok(e instanceof UserError, `${JSON.stringify(over)}: expected a UserError, got ${String(e)}`);
        assert.match(e.message, pattern);
        return true;
      });
    }
  });
});

describe('a VAE whose factor is not 8 (diffusers AutoencoderKL with fewer blocks)', () => {
  for (const factor of [2, 4] as const) {
    it(`factor ${factor}: latents are 1/${factor} of the image, it renders and round-trips image-to-image`, async () => {
      const p = await createPipeline(await tinyModel({ vaeScaleFactor: factor }), { ...cpu, bounds });
      try {
        const r = await p.generate(request({ width: 64, height: 96, steps: 2 }));
        const px = await pixels(r.images[0]!.png);
        assert.deepEqual([px.width, px.height], [64, 96]);
        await assertLooksRendered(r.images[0]!.png);
        // The latent shape follows the factor: init latents of [1, 4, 96/f, 64/f].
        const wrong = new Float32Array(10);
        await assert.rejects(
          p.generate(request({ width: 64, height: 96, initLatents: wrong })),
          new RegExp(
            `need ${4 * (96 / factor) * (64 / factor)} \\(float32 \\[1, 4, ${96 / factor}, ${64 / factor}\\]\\)`,
          ),
        );
        const latents = createRandom(3).fill(new Float32Array(4 * (96 / factor) * (64 / factor)));
        await assertLooksRendered(
          (await p.generate(request({ width: 64, height: 96, steps: 2, initLatents: latents }))).images[0]!.png,
        );
        // Image-to-image through the factor-f encoder and decoder, from the picture it just made.
        const i2i = await p.generate(
          request({ width: 64, height: 96, steps: 4, strength: 0.5, scheduler: 'euler', initImage: r.images[0]!.png }),
        );
        const back = await pixels(i2i.images[0]!.png);
        assert.deepEqual([back.width, back.height], [64, 96]);
        await assertLooksRendered(i2i.images[0]!.png);
      } finally {
        await p.release();
      }
    });
  }

  it('the factor comes from the VAE config: sample size and the decoder check follow it', async () => {
    const model = await loadModel(await tinyModel({ vaeScaleFactor: 2 }), cpu);
    try {
      assert.equal(model.vaeScaleFactor, 2);
      assert.equal(model.info.sampleSize, 64);
    } finally {
      await model.release();
    }
  });
});

describe("a VAE encoder that samples inside its graph (diffusers' legacy export)", () => {
  it('is nondeterministic as exported, so the loader rewrites it: the same img2img request twice gives identical bytes', async () => {
    const dir = await tinyModel({ vaeEncoderSampling: true });
    // As exported, two runs on the same picture give different latents (an unseeded RandomNormalLike).
    const raw = await openSession(join(dir, 'vae_encoder', 'model.onnx'), cpu);
    try {
      const image = floatTensor('float32', createRandom(1).fill(new Float32Array(3 * 64 * 64)), [1, 3, 64, 64]);
      const a = readFloats((await raw.run({ sample: image })).latent_sample!);
      const b = readFloats((await raw.run({ sample: image })).latent_sample!);
      assert.notDeepEqual(a, b, 'the generated encoder samples inside its graph');
    } finally {
      await raw.release();
    }
    const p = await createPipeline(dir, { ...cpu, bounds });
    try {
      const init = await sharp({
        create: { width: 80, height: 64, channels: 3, background: { r: 40, g: 120, b: 200 } },
      })
        .png()
        .toBuffer();
      const req = request({ initImage: new Uint8Array(init), strength: 0.6, steps: 5, scheduler: 'euler', count: 2 });
      const first = await p.generate(req);
      const again = await p.generate(req);
      for (let i = 0; i < 2; i++)
        assert.deepEqual(again.images[i]!.png, first.images[i]!.png, `image ${i}: same request, same bytes`);
      // The sample is still drawn (with each image's own seeded generator), not just the mean.
      assert.notDeepEqual((await pixels(first.images[0]!.png)).data, (await pixels(first.images[1]!.png)).data);
      const otherSeed = await p.generate({ ...req, seed: 43, count: 1 });
      assert.deepEqual(otherSeed.images[0]!.png, first.images[1]!.png, 'image 1 of seed 42 is seed 43 alone');
    } finally {
      await p.release();
    }
  });
});

describe('guidance-free models', () => {
  it('SD-Turbo ignores the guidance scale (one UNet row per image)', async () => {
    const p = await createPipeline(await tinyModel({ family: 'sd-turbo', tokenizer: 'small' }), { ...cpu, bounds });
    try {
      const a = await p.generate(request({ steps: 1, guidanceScale: 0 }));
      const b = await p.generate(request({ steps: 1, guidanceScale: 9 }));
      assert.deepEqual((await pixels(a.images[0]!.png)).data, (await pixels(b.images[0]!.png)).data);
      assert.equal(b.info.guidanceScale, 0);
      assert.equal(
        parseParameters(readPngParameters(b.images[0]!.png)!).cfgScale,
        0,
        'the PNG records the guidance actually applied',
      );
    } finally {
      await p.release();
    }
  });

  it('LCM feeds the guidance scale as timestep_cond (it changes the image) and decodes denoised', async () => {
    const p = await createPipeline(await tinyModel({ family: 'lcm' }), { ...cpu, bounds });
    try {
      const a = await p.generate(request({ steps: 2, guidanceScale: 8.5 }));
      const b = await p.generate(request({ steps: 2, guidanceScale: 2 }));
      assert.notDeepEqual(a.images[0]!.png, b.images[0]!.png);
      assert.equal(a.info.scheduler, 'lcm');
      await assertLooksRendered(a.images[0]!.png);
    } finally {
      await p.release();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Batches of several prompts and seeds (the queue merges different people's jobs into one request)

/** A prompt of 100 tokens: two 77-token chunks. */
const twoChunks = Array.from({ length: 100 }, (_, i) => `word${i % 10}`).join(' ');

function batched(base: GenerateRequest, batch: BatchEntry[]): GenerateRequest {
  const first = batch[0]!;
  return {
    ...base,
    prompt: first.prompt,
    negativePrompt: first.negativePrompt,
    seed: first.seed,
    count: batch.reduce((n, e) => n + e.count, 0),
    batch,
  };
}

function alone(base: GenerateRequest, e: BatchEntry): GenerateRequest {
  return { ...base, prompt: e.prompt, negativePrompt: e.negativePrompt, seed: e.seed, count: e.count };
}

describe('batches of different prompts and seeds', () => {
  const entries: BatchEntry[] = [
    { prompt: 'a lighthouse at dusk', negativePrompt: 'blurry', seed: 5, count: 2 }, // one chunk
    { prompt: twoChunks, seed: 4_000_000_000, count: 1 }, // two chunks
    { prompt: 'a red fox', negativePrompt: twoChunks, seed: 5, count: 1 }, // two chunks with guidance (its negative)
    { prompt: 'a lighthouse at dusk', negativePrompt: 'blurry', seed: 0xffffffff, count: 2 }, // texts again; seeds wrap
  ];
  for (const [label, opts, guidanceScale] of [
    ['guidance on (CFG rows)', {}, 7.5],
    ['guidance off', {}, 1],
    ['lcm (timestep_cond per image)', { family: 'lcm' }, 8.5],
  ] as const) {
    it(`${label}: every image is byte-identical to its entry run alone, with its own prompt and seed in the PNG`, async () => {
      const p = await createPipeline(await tinyModel(opts), { ...cpu, bounds: { ...bounds, maxImages: 8 } });
      try {
        const base = request({ steps: 2, guidanceScale, width: 64, height: 80 });
        const all = await p.generate(batched(base, entries));
        const single = [];
        for (const e of entries) single.push(await p.generate(alone(base, e)));
        const expected = single.flatMap((r) => r.images);
        assert.deepEqual(
          all.images.map((i) => i.seed),
          [5, 6, 4_000_000_000, 5, 0xffffffff, 0],
        );
        assert.equal(all.images.length, expected.length);
        all.images.forEach((img, i) =>
          assert.ok(
            Buffer.from(img.png).equals(Buffer.from(expected[i]!.png)),
            `image ${i} differs from its entry alone`,
          ),
        );
        const prompts = all.images
          .map((i) => parseParameters(readPngParameters(i.png)!))
          .map((x) => [x.prompt, x.seed]);
        assert.deepEqual(prompts, [
          ['a lighthouse at dusk', 5],
          ['a lighthouse at dusk', 6],
          [twoChunks, 4_000_000_000],
          ['a red fox', 5],
          ['a lighthouse at dusk', 0xffffffff],
          ['a lighthouse at dusk', 0],
        ]);
        assert.deepEqual(
          all.info.batchTokens,
          single.map((r) => ({ tokenCount: r.info.tokenCount, truncatedTokens: r.info.truncatedTokens })),
        );
        assert.equal(all.info.tokenCount, single[0]!.info.tokenCount);
        assert.equal(single[0]!.info.batchTokens, undefined, 'a request of one prompt reports as before');
        assert.notDeepEqual(all.images[0]!.png, all.images[3]!.png, 'same seed, other prompt: another image');
      } finally {
        await p.release();
      }
    });
  }

  it('MAX_BATCH_LATENTS bounds the latents of one UNet call: more run in groups, with the same PNG bytes', async () => {
    const model = await tinyModel({});
    const whole = await createPipeline(model, { ...cpu, bounds });
    const capped = await createPipeline(model, { ...cpu, bounds: { ...bounds, maxBatchLatents: 3 } });
    try {
      const entries: BatchEntry[] = [
        { prompt: 'a lighthouse at dusk', seed: 5, count: 4 },
        { prompt: 'a red fox', negativePrompt: 'blurry', seed: 9, count: 2 },
      ];
      for (const guidanceScale of [7.5, 1]) {
        const req = batched(request({ steps: 2, guidanceScale }), entries);
        const a = await whole.generate(req);
        const b = await capped.generate(req);
        // Six latents: one call per step at once; 6 / 3 calls per step with the cap (rows doubled with guidance).
        const perStep = (r: typeof a) => r.timings.unetCalls! / r.timings.stepMs.length;
        assert.equal(perStep(a), 1, `guidance ${guidanceScale}: all at once`);
        assert.equal(perStep(b), 2, `guidance ${guidanceScale}: groups of 3 latents`);
        assert.deepEqual(
          b.images.map((i) => [i.seed, Buffer.from(i.png).toString('base64')]),
          a.images.map((i) => [i.seed, Buffer.from(i.png).toString('base64')]),
        );
      }
    } finally {
      await whole.release();
      await capped.release();
    }
  });

  it('refuses a batch with image-to-image or a bad entry (UserError), and an inconsistent one as a bug (Error)', async () => {
    const p = await createPipeline(await tinyModel({}), { ...cpu, bounds });
    try {
      const two: BatchEntry[] = [
        { prompt: 'a', seed: 1, count: 1 },
        { prompt: 'b', seed: 2, count: 1 },
      ];
      const user: [GenerateRequest, RegExp][] = [
        [
          { ...batched(request(), two), initImage: new Uint8Array(1), strength: 0.5 },
          /Only text-to-image requests can be batched/,
        ],
        [batched(request(), [two[0]!, { prompt: ' ', seed: 2, count: 1 }]), /prompt is empty/],
        [batched(request(), [two[0]!, { prompt: 'b', seed: -1, count: 1 }]), /seed must be a whole number/],
        [batched(request(), [two[0]!, { prompt: 'b', seed: 2, count: 0 }]), /number of images must be between 1 and 4/],
        // Each job's count is within the limit; the total is not bound by one job's (the UNet runs it in groups).
        [batched(request(), [...two, { prompt: 'c', seed: 3, count: 5 }]), /images must be between 1 and 4 \(got 5\)/],
      ];
      for (const [req, pattern] of user) {
        await assert.rejects(p.generate(req), (e: unknown) => e instanceof UserError && pattern.test(e.message));
      }
      const bugs: GenerateRequest[] = [
        { ...batched(request(), two), count: 3 },
        { ...batched(request(), two), prompt: 'b' },
        { ...batched(request(), two), seed: 2 },
        { ...request(), batch: [] },
      ];
      for (const req of bugs) {
        await assert.rejects(
          p.generate(req),
          (e: unknown) => e instanceof Error && !(e instanceof UserError) && /batch/.test(e.message),
        );
      }
    } finally {
      await p.release();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Step counts a scheduler cannot run, refused before any work

describe('step counts each scheduler can take', () => {
  it('at the edge of a 1000-step "leading" schedule: the last count works, the next is a UserError naming the most', async () => {
    const model = await loadModel(await tinyModel({}), cpu); // PNDM config: leading spacing, steps_offset 1
    const wide = { ...bounds, maxSteps: 1001 };
    try {
      const edges: [SchedulerName, number, RegExp][] = [
        ['pndm', 999, /the PNDM scheduler can take at most 999 steps \(got 1000\)\. Use 999 or fewer/],
        ['ddim', 999, /the DDIM scheduler can take at most 999 steps \(got 1000\)/],
        ['dpmpp-2m', 998, /the DPM\+\+ 2M scheduler can take at most 998 steps \(got 999\)/],
        ['dpmpp-2m-karras', 1000, /Steps must be a whole number from 1 to 1000; got 1001/],
        ['euler', 1000, /Steps must be a whole number from 1 to 1000; got 1001/],
        ['euler-ancestral', 1000, /Steps must be a whole number from 1 to 1000; got 1001/],
      ];
      for (const [scheduler, max, refusal] of edges) {
        assert.doesNotThrow(() => checkInputs(model, wide, request({ scheduler, steps: max })), scheduler);
        assert.throws(
          () => checkInputs(model, wide, request({ scheduler, steps: max + 1 })),
          (e: unknown) => {
            assert.ok(e instanceof UserError, `${scheduler}: expected a UserError, got ${String(e)}`);
            assert.match(e.message, refusal);
            return true;
          },
        );
      }
      // dpmpp-2m fails at 1000 as well: the message still names 998.
      assert.throws(
        () => checkInputs(model, wide, request({ scheduler: 'dpmpp-2m', steps: 1000 })),
        /at most 998 steps \(got 1000\)/,
      );
      // The pipeline's own ceiling comes first.
      assert.throws(
        () => checkInputs(model, { ...bounds, maxSteps: 500 }, request({ scheduler: 'pndm', steps: 1000 })),
        /between 1 and 500/,
      );
    } finally {
      await model.release();
    }
    const lcm = await loadModel(await tinyModel({ family: 'lcm' }), cpu);
    try {
      assert.doesNotThrow(() => checkInputs(lcm, wide, request({ scheduler: 'lcm', steps: 50, guidanceScale: 8 })));
      assert.throws(
        () => checkInputs(lcm, wide, request({ scheduler: 'lcm', steps: 51, guidanceScale: 8 })),
        (e: unknown) =>
          e instanceof UserError && /from 1 to 50 \(an LCM model is distilled for at most 50\)/.test(e.message),
      );
    } finally {
      await lcm.release();
    }
  });

  it('PNDM runs its last count to the end, and refuses the next before any work (once a RangeError mid-loop)', async () => {
    const p = await createPipeline(await tinyModel({}), { ...cpu, bounds: { ...bounds, maxSteps: 1000 } });
    try {
      const steps: number[] = [];
      const r = await p.generate(request({ scheduler: 'pndm', steps: 999, guidanceScale: 1 }), {
        onStep: (s) => steps.push(s.step),
      });
      // PLMS evaluates its first timestep twice: 999 steps are 1000 UNet calls.
      assert.equal(r.info.steps, 1000);
      assert.deepEqual(
        steps,
        Array.from({ length: 1000 }, (_, i) => i + 1),
      );
      await assert.rejects(
        p.generate(request({ scheduler: 'pndm', steps: 1000 }), { onStep: () => assert.fail('no step may run') }),
        (e: unknown) => e instanceof UserError && /at most 999 steps/.test(e.message),
      );
    } finally {
      await p.release();
    }
  });

  it('"trailing" schedules with a broken count (61 of 1000) name the counts around it', async () => {
    // SD-Turbo's config: trailing spacing, whose np.arange grid gets a timestep -1 at 61 steps for PNDM and DDIM.
    const p = await createPipeline(await tinyModel({ family: 'sd-turbo', tokenizer: 'small' }), {
      ...cpu,
      bounds: { ...bounds, maxSteps: 200 },
    });
    try {
      for (const [scheduler, name] of [
        ['pndm', 'PNDM'],
        ['ddim', 'DDIM'],
      ] as const) {
        await assert.rejects(p.generate(request({ scheduler, steps: 61 })), (e: unknown) => {
          assert.ok(e instanceof UserError, `${scheduler}: expected a UserError, got ${String(e)}`);
          assert.equal(
            e.message,
            `With this model the ${name} scheduler cannot take exactly 61 steps (its timestep schedule for ` +
              'that count is broken); use 60 or 62 steps instead (at most 200).',
          );
          return true;
        });
      }
      // 121 and 122 are both broken: the neighbours skip them.
      await assert.rejects(p.generate(request({ scheduler: 'ddim', steps: 122 })), /use 120 or 123 steps instead/);
      const r = await p.generate(request({ scheduler: 'ddim', steps: 62, guidanceScale: 0 }));
      assert.equal(r.info.steps, 62);
    } finally {
      await p.release();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The WebGPU provider (bundled in onnxruntime-node). On Linux without a GPU it needs Mesa's lavapipe Vulkan driver
// from bookworm-backports (Mesa 25): `apt-get install -t bookworm-backports mesa-vulkan-drivers`.

async function probeWebgpu(): Promise<string | undefined> {
  try {
    const m = await openSession(join(await tinyModel({}), 'text_encoder', 'model.onnx'), {
      executionProviders: ['webgpu'],
      intraOpThreads: 1,
    });
    await m.release();
    return undefined;
  } catch (err) {
    const why = /webgpu: (.*?)\. Add cpu/.exec((err as Error).message)?.[1] ?? (err as Error).message;
    return `webgpu tests skipped: ${why} (on Linux: apt-get install -t bookworm-backports mesa-vulkan-drivers)`;
  }
}
const webgpuSkip = await probeWebgpu();
if (webgpuSkip) console.log(`# ${webgpuSkip}`);

/** max |a - b| relative to max |b| (elementwise relative error is meaningless near zero), and NaN counts. */
function compare(a: Float32Array, b: Float32Array): { rel: number; nanA: number; nanB: number } {
  assert.equal(a.length, b.length);
  let maxAbs = 0;
  let scale = 0;
  let nanA = 0;
  let nanB = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]!)) nanA++;
    if (Number.isNaN(b[i]!)) nanB++;
    maxAbs = Math.max(maxAbs, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return { rel: maxAbs / scale, nanA, nanB };
}

/** Runs each component once with the same inputs and returns its float outputs. */
async function runComponents(m: LoadedModel): Promise<Record<string, Float32Array>> {
  const hidden = m.textEncoder.outputs.find((o) => o.name === m.textEncoderIo.output)!.shape[2] as number;
  const ids = [m.tokenizer.bosId, 320, 1125, 539, 320, 2368, m.tokenizer.eosId];
  const idArray = new Int32Array(77).fill(m.tokenizer.padId);
  idArray.set(ids.map((id) => Math.min(id, m.tokenizer.vocabSize - 1)));
  const text = readFloats(
    (
      await m.textEncoder.run({
        [m.textEncoderIo.inputIds.name]: intTensor(m.textEncoderIo.inputIds.type, idArray, [1, 77]),
      })
    )[m.textEncoderIo.output]!,
  );
  const sample = createRandom(1).fill(new Float32Array(2 * 4 * 8 * 12));
  const ehs = createRandom(2).fill(new Float32Array(2 * 77 * hidden));
  const u = m.unetIo;
  const unet = readFloats(
    (
      await m.unet.run({
        [u.sample.name]: floatTensor(u.sample.type, sample, [2, 4, 8, 12]),
        [u.timestep.name]: timestepTensor(u.timestep, 601, 2),
        [u.encoderHiddenStates.name]: floatTensor(u.encoderHiddenStates.type, ehs, [2, 77, hidden]),
      })
    )[u.output]!,
  );
  const v = m.vaeDecoderIo;
  const vae = readFloats(
    (
      await m.vaeDecoder.run({
        [v.latentSample.name]: floatTensor(v.latentSample.type, sample.subarray(0, 4 * 8 * 12), [1, 4, 8, 12]),
      })
    )[v.output]!,
  );
  return { text_encoder: Float32Array.from(text), unet: Float32Array.from(unet), vae_decoder: Float32Array.from(vae) };
}

/**
 * Node placements as onnxruntime logs them at verbose level (native stderr, so in a child process). onnxruntime puts
 * shape arithmetic (Shape, Gather on shape vectors, Concat of dims...) on the CPU on purpose; what must never be
 * there is real compute.
 */
function cpuPlacedOps(modelDir: string): string[] {
  const script = `
    import * as ort from 'onnxruntime-node'; // plain node child: no tsx; only sessions are created, no float16 feeds
    ort.env.logLevel = 'verbose';
    for (const sub of ['text_encoder', 'unet', 'vae_decoder', 'vae_encoder']) {
      const s = await ort.InferenceSession.create(process.argv[1] + '/' + sub + '/model.onnx', { executionProviders: ['webgpu'], logSeverityLevel: 0, logVerbosityLevel: 0 });
      await s.release();
    }`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, modelDir], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(r.status, 0, r.stderr.slice(-2000));
  const ops: string[] = [];
  let onCpu = false;
  for (const line of r.stderr.split('\n')) {
    if (line.includes('Node(s) placed on [')) onCpu = line.includes('[CPUExecutionProvider]');
    else if (onCpu) {
      const m = /VerifyEachNodeIsAssignedToAnEp\]\s{3}(\w+) \(/.exec(line);
      if (m) ops.push(m[1]!);
      else onCpu = false;
    }
  }
  return ops;
}

const COMPUTE_OPS = [
  'Conv',
  'ConvTranspose',
  'MatMul',
  'Gemm',
  'Softmax',
  'InstanceNormalization',
  'LayerNormalization',
  'GroupNormalization',
  'Resize',
  'Sigmoid',
  'Erf',
  'Tanh',
  'Einsum',
  'Attention',
  'MultiHeadAttention',
  'BiasGelu',
  'FastGelu',
  'SkipLayerNormalization',
];

describe('webgpu provider matches cpu', () => {
  // Pixels: float32 within 2 levels everywhere; float16 within 2% (5 levels) on average and 10% at worst (the
  // random tiny network amplifies float16 rounding differences over the steps).
  for (const [label, opts, tolerance, pixelMean, pixelMax] of [
    ['float32', {}, 1e-4, 0.5, 2],
    ['float16', { dtype: 'float16' as const }, 2e-2, 5.1, 26],
  ] as const) {
    it(`${label}: each component within ${tolerance} relative of cpu, no NaN`, {
      skip: webgpuSkip ?? false,
    }, async () => {
      const dir = await tinyModel(opts);
      const gpu = await loadModel(dir, { executionProviders: ['webgpu'], intraOpThreads: 1 });
      const cpuModel = await loadModel(dir, cpu);
      try {
        assert.equal(gpu.info.executionProvider, 'webgpu');
        const a = await runComponents(gpu);
        const b = await runComponents(cpuModel);
        for (const name of Object.keys(b)) {
          const c = compare(a[name]!, b[name]!);
          assert.equal(c.nanA + c.nanB, 0, `${name}: NaN`);
          assert.ok(c.rel <= tolerance, `${name}: relative error ${c.rel} > ${tolerance}`);
        }
      } finally {
        await gpu.release();
        await cpuModel.release();
      }
    });

    it(`${label}: a whole generation on webgpu matches cpu pixels`, { skip: webgpuSkip ?? false }, async () => {
      const dir = await tinyModel(opts);
      const gpu = await createPipeline(dir, { executionProviders: ['webgpu'], intraOpThreads: 1, bounds });
      const cpuPipeline = await createPipeline(dir, { ...cpu, bounds });
      try {
        const req = request({ steps: 2, scheduler: 'euler', width: 64, height: 80 });
        const a = await gpu.generate(req);
        const b = await cpuPipeline.generate(req);
        assert.equal(a.info.executionProvider, 'webgpu');
        const x = await pixels(a.images[0]!.png);
        const y = await pixels(b.images[0]!.png);
        let maxDiff = 0;
        let sum = 0;
        for (let i = 0; i < x.data.length; i++) {
          const d = Math.abs(x.data[i]! - y.data[i]!);
          maxDiff = Math.max(maxDiff, d);
          sum += d;
        }
        const mean = sum / x.data.length;
        assert.ok(
          mean <= pixelMean && maxDiff <= pixelMax,
          `pixels differ by ${mean.toFixed(2)} on average, up to ${maxDiff}`,
        );
        await assertLooksRendered(a.images[0]!.png);
      } finally {
        await gpu.release();
        await cpuPipeline.release();
      }
    });
  }

  it('no compute node falls back to the cpu provider', { skip: webgpuSkip ?? false }, async () => {
    for (const opts of [{}, { dtype: 'float16' as const }, { family: 'lcm' as const }]) {
      const ops = cpuPlacedOps(await tinyModel(opts));
      const compute = ops.filter((op) => COMPUTE_OPS.includes(op));
      assert.deepEqual(compute, [], `compute ops on the CPU: ${compute.join(', ')} (all CPU ops: ${ops.join(', ')})`);
    }
  });
});
