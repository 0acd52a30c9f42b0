import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { UserError } from '../../src/errors.ts';
import { createPipeline, type Pipeline } from '../../src/diffusion/pipeline.ts';
import { parseParameters, readPngParameters } from '../../src/diffusion/png.ts';
import { openSession } from '../../src/diffusion/session.ts';
import { findTaesd, loadTaesd } from '../../src/diffusion/taesd.ts';
import { floatTensor, readFloats } from '../../src/diffusion/tensors.ts';
import type { GenerateRequest, StepProgress } from '../../src/diffusion/types.ts';
import { setLogLevel } from '../../src/log.ts';
import { makeTinyTaesd } from '../../src/models/tiny-taesd.ts';
import { tinyModel } from '../support/models.ts';

setLogLevel('warn');

const cpu = { executionProviders: ['cpu'], intraOpThreads: 1 } as const;
const bounds = { maxWidth: 256, maxHeight: 256, maxSteps: 50, maxImages: 4 };

function request(over: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    prompt: 'a lighthouse at dusk',
    width: 64,
    height: 96,
    steps: 3,
    guidanceScale: 7.5,
    seed: 42,
    count: 2,
    ...over,
  };
}

async function size(png: Uint8Array): Promise<[number, number]> {
  const m = await sharp(png).metadata();
  return [m.width!, m.height!];
}

/** Latents with structure, in TAESD's range (about [-3, 3]). */
function latents(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => 2.5 * Math.sin(i * 0.37) + 0.3 * Math.cos(i * 1.7));
}

describe('TAESD: the decoder on its own (real ONNX sessions on generated exports)', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'atelier-taesd-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const convention of ['taesd', 'diffusers'] as const) {
    it(`maps the ${convention} export's range to the same bytes as the raw session says`, async () => {
      const dir = join(root, convention);
      makeTinyTaesd(dir, { convention });
      const taesd = await loadTaesd(dir, cpu);
      try {
        assert.equal(taesd.range, convention === 'diffusers' ? 'minus-one-one' : 'zero-one');
        assert.equal(taesd.latentChannels, 4);
        const shape = [2, 4, 6, 5];
        const z = latents(2 * 4 * 6 * 5);
        const out = await taesd.decode(z, shape, 1);
        assert.equal(out.width, 40);
        assert.equal(out.height, 48);
        // The raw session on image 1, mapped by hand: [0, 1] or [-1, 1] to bytes.
        const raw = await openSession(join(dir, 'vae_decoder', 'model.onnx'), cpu, 'raw');
        try {
          const t = (await raw.run({ latent_sample: floatTensor('float32', z.slice(120, 240), [1, 4, 6, 5]) })).sample!;
          const v = readFloats(t);
          const plane = 40 * 48;
          for (const p of [0, 17, 999, plane - 1]) {
            for (let c = 0; c < 3; c++) {
              const x = v[c * plane + p]!;
              const unit = convention === 'diffusers' ? (x + 1) / 2 : x;
              const expected = Math.round(Math.min(1, Math.max(0, unit)) * 255);
              assert.ok(
                Math.abs(out.rgb[p * 3 + c]! - expected) <= 1,
                `pixel ${p} channel ${c}: ${out.rgb[p * 3 + c]} vs ${expected}`,
              );
            }
          }
        } finally {
          await raw.release();
        }
        const distinct = new Set(out.rgb);
        assert.ok(distinct.size > 8, `a picture, not a flat image (${distinct.size} values)`);
      } finally {
        await taesd.release();
      }
    });
  }

  it('is found in the model folder first, then beside it', () => {
    const models = join(root, 'find');
    const model = join(models, 'm');
    assert.equal(findTaesd(model), undefined);
    makeTinyTaesd(join(models, 'taesd'));
    assert.equal(findTaesd(model), join(models, 'taesd'));
    makeTinyTaesd(join(model, 'taesd'));
    assert.equal(findTaesd(model), join(model, 'taesd'));
  });
});

describe('TAESD in the pipeline', () => {
  let root: string;
  let withTaesd: Pipeline;
  let without: Pipeline;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'atelier-taesd-pipe-'));
    const source = await tinyModel();
    // models/with/ beside models/taesd/ (as `npm run models -- pull taesd` installs it); other/without/ alone.
    cpSync(source, join(root, 'models', 'with'), { recursive: true });
    cpSync(source, join(root, 'other', 'without'), { recursive: true });
    makeTinyTaesd(join(root, 'models', 'taesd'), { convention: 'diffusers' });
    // A preview after every step (the bench's baseline), so that every step's preview can be checked.
    withTaesd = await createPipeline(join(root, 'models', 'with'), { ...cpu, bounds, previewIntervalMs: 0 });
    without = await createPipeline(join(root, 'other', 'without'), { ...cpu, bounds, previewIntervalMs: 0 });
  });
  after(async () => {
    await withTaesd?.release();
    await without?.release();
    rmSync(root, { recursive: true, force: true });
  });

  async function previews(p: Pipeline, req: GenerateRequest): Promise<StepProgress[]> {
    const steps: StepProgress[] = [];
    await p.generate(req, { onStep: (s) => steps.push(s) });
    return steps;
  }

  it('previews every step at full size through TAESD', async () => {
    const steps = await previews(withTaesd, request({ preview: true }));
    // Every step of the schedule (PNDM's warm-up makes it one more than asked).
    assert.ok(steps.length >= 3);
    assert.equal(steps.length, steps[0]!.totalSteps);
    for (const s of steps) {
      assert.ok(s.preview, `step ${s.step} has a preview`);
      assert.deepEqual(await size(s.preview), [64, 96]);
    }
    assert.notDeepEqual(steps[0]!.preview, steps[2]!.preview, 'the preview follows the denoising');
  });

  it('falls back to the latent-resolution approximation without TAESD', async () => {
    const steps = await previews(without, request({ preview: true }));
    assert.equal(steps.length, steps[0]!.totalSteps);
    for (const s of steps) assert.deepEqual(await size(s.preview!), [8, 12]);
  });

  it('decodes the final images with TAESD on request, says so in the parameters, and keeps the VAE by default', async () => {
    const vae = await withTaesd.generate(request());
    const fast = await withTaesd.generate(request({ decoder: 'taesd' }));
    const again = await without.generate(request());
    assert.equal(fast.images.length, 2);
    for (const img of fast.images) assert.deepEqual(await size(img.png), [64, 96]);
    // Same seed and latents, another decoder: other pixels. The VAE path is untouched by TAESD's presence.
    const rawOf = async (png: Uint8Array) => (await sharp(png).raw().toBuffer()).toString('base64');
    assert.notEqual(await rawOf(fast.images[0]!.png), await rawOf(vae.images[0]!.png));
    assert.equal(await rawOf(vae.images[0]!.png), await rawOf(again.images[0]!.png));
    assert.equal(parseParameters(readPngParameters(fast.images[0]!.png)!).vae, 'TAESD');
    assert.equal(parseParameters(readPngParameters(vae.images[0]!.png)!).vae, undefined);
  });

  it('skips a TAESD for other latents (an SDXL/SD3 one beside an SD 1.x model): previews fall back, the model loads', async () => {
    const dir = join(root, 'mismatch', 'm');
    cpSync(join(root, 'other', 'without'), dir, { recursive: true });
    makeTinyTaesd(join(dir, 'taesd'), { latentChannels: 16 });
    const p = await createPipeline(dir, { ...cpu, bounds });
    try {
      const steps = await previews(p, request({ preview: true, count: 1 }));
      assert.deepEqual(await size(steps[0]!.preview!), [8, 12]);
    } finally {
      await p.release();
    }
  });

  it('refuses the TAESD decoder politely where it is not installed', async () => {
    await assert.rejects(without.generate(request({ decoder: 'taesd' })), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.equal(err.code, 'no-taesd');
      assert.match(err.message, /npm run models -- pull taesd/);
      return true;
    });
  });
});
