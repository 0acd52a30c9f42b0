// The tiled upscaler on a generated model of the Real-ESRGAN signature: tiled equals untiled within 1/255, the
// scale comes from the model, and Lanczos is the fallback.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createPipeline } from '../../src/diffusion/pipeline.ts';
import { parseParameters, readPngParameters } from '../../src/diffusion/png.ts';
import { makeTinyUpscaler } from '../../src/models/tiny-upscaler.ts';
import { upscalerFileFor } from '../../src/upscale/run.ts';
import { tinyModel } from '../support/models.ts';
import { loadUpscaler, upscaleLanczos, upscaleTiled, type Upscaler } from '../../src/upscale/upscaler.ts';

describe('tiled upscaling', () => {
  let dir: string;
  let up: Upscaler;
  let rgb: Uint8Array;
  const [width, height] = [200, 136];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-upscaler-'));
    up = await loadUpscaler(makeTinyUpscaler(dir), { executionProviders: ['cpu'], intraOpThreads: 1 });
    rgb = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        for (let c = 0; c < 3; c++) rgb[(y * width + x) * 3 + c] = (x * 3 + y * 5 + c * 70 + ((x * y) % 31) * 4) % 256;
  });
  after(async () => {
    await up.release();
    rmSync(dir, { recursive: true, force: true });
  });

  it('doubles the size (the scale read from the model) and tiled equals untiled within 1/255', async () => {
    const whole = await upscaleTiled(up, rgb, width, height, { tile: 1024 });
    assert.equal(whole.tiles, 1);
    assert.deepEqual([whole.width, whole.height, whole.scale], [400, 272, 2]);
    const tiled = await upscaleTiled(up, rgb, width, height, { tile: 64, overlap: 16 });
    assert.equal(tiled.tiles, 4 * 3);
    let worst = 0;
    for (let i = 0; i < whole.rgb.length; i++) worst = Math.max(worst, Math.abs(whole.rgb[i]! - tiled.rgb[i]!));
    assert.ok(worst <= 1, `largest difference ${worst}/255`);
    // Not a trivial model: its output is not just the nearest-neighbour copy of the input.
    let differs = 0;
    for (let y = 0; y < 272; y++)
      for (let x = 0; x < 400; x++)
        if (whole.rgb[(y * 400 + x) * 3] !== rgb[((y >> 1) * width + (x >> 1)) * 3]) differs++;
    assert.ok(differs > 1000);
  });

  it('falls back to Lanczos at the asked factor', async () => {
    const png = await sharp(Buffer.from(rgb), { raw: { width, height, channels: 3 } })
      .png()
      .toBuffer();
    const l = await upscaleLanczos(png, 2);
    assert.deepEqual([l.width, l.height], [400, 272]);
    assert.equal(l.rgb.length, 400 * 272 * 3);
  });
});

describe('an upscale request where the pipeline runs', () => {
  it('uses models/upscaler/model.onnx when installed (tiled), else Lanczos, and says which in the PNG parameters', async () => {
    const root = mkdtempSync(join(tmpdir(), 'atelier-upscale-models-'));
    try {
      const modelDir = join(root, 'tiny');
      cpSync(await tinyModel(), modelDir, { recursive: true });
      const p = await createPipeline(modelDir, { executionProviders: ['cpu'], intraOpThreads: 1 });
      try {
        const source = (
          await p.generate({
            prompt: 'a lighthouse',
            width: 64,
            height: 64,
            steps: 2,
            guidanceScale: 7.5,
            seed: 9,
            count: 1,
          })
        ).images[0]!.png;
        const req = {
          prompt: 'a lighthouse',
          width: 128,
          height: 128,
          steps: 2,
          guidanceScale: 7.5,
          seed: 9,
          count: 1,
          initImage: source,
          edit: { kind: 'upscale', mode: 'subtle' } as const,
        };
        const lanczos = (await p.generate(req)).images[0]!;
        assert.deepEqual([lanczos.width, lanczos.height], [128, 128]);
        const lp = parseParameters(readPngParameters(lanczos.png)!);
        assert.equal(lp.edit, 'upscale 2x subtle lanczos');
        assert.equal(lp.seed, 9);
        assert.equal(lp.prompt, 'a lighthouse');
        makeTinyUpscaler(join(root, 'upscaler'));
        assert.equal(upscalerFileFor(modelDir), join(root, 'upscaler', 'model.onnx'));
        const esrgan = (await p.generate(req)).images[0]!;
        assert.deepEqual([esrgan.width, esrgan.height], [128, 128]);
        assert.equal(parseParameters(readPngParameters(esrgan.png)!).edit, 'upscale 2x subtle esrgan');
        assert.notDeepEqual(esrgan.png, lanczos.png);
      } finally {
        await p.release();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
