// Small results shown large (src/upscale/display.ts): the whole-number factor, and the enlarged PNG's parameters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { encodePng, readPngParameters } from '../../src/diffusion/png.ts';
import { displayFactor, enlargeForDisplay } from '../../src/upscale/display.ts';

describe('display enlargement', () => {
  it('a whole-number factor up to the shorter side; large enough or off is 1', () => {
    assert.equal(displayFactor(128, 128, 512), 4);
    assert.equal(displayFactor(64, 64, 512), 8);
    assert.equal(displayFactor(224, 144, 512), 4);
    assert.equal(displayFactor(300, 600, 512), 2);
    assert.equal(displayFactor(512, 768, 512), 1);
    assert.equal(displayFactor(64, 64, 0), 1);
  });

  it('enlarges with Lanczos and says so in the parameters; a large image is returned as it is', async () => {
    const rgb = new Uint8Array(16 * 8 * 3).map((_, i) => (i * 37) & 255);
    const png = Buffer.from(await encodePng(rgb, 16, 8, 'a cat\nSteps: 2, Seed: 1, Size: 16x8, Model: m'));
    const { png: shown, factor } = await enlargeForDisplay(png, 64);
    assert.equal(factor, 8);
    const meta = await sharp(shown).metadata();
    assert.deepEqual([meta.width, meta.height], [128, 64]);
    assert.equal(readPngParameters(shown), 'a cat\nSteps: 2, Seed: 1, Size: 16x8, Model: m, Display: 8x Lanczos');
    const same = await enlargeForDisplay(png, 8);
    assert.equal(same.factor, 1);
    assert.equal(same.png, png);
  });
});
