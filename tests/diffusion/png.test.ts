import assert from 'node:assert/strict';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import {
  crc32,
  encodePng,
  formatParameters,
  parseParameters,
  readPngParameters,
  readPngText,
} from '../../src/diffusion/png.ts';

const params = {
  prompt: 'a lighthouse at dusk, (oil painting:1.2)',
  negativePrompt: 'blurry, low quality',
  steps: 25,
  sampler: 'Euler a',
  cfgScale: 7.5,
  seed: 4242,
  width: 16,
  height: 8,
  model: 'tiny',
};

describe('png', () => {
  it('computes PNG CRC-32 like zlib', () => {
    const bytes = new TextEncoder().encode('IEND');
    assert.equal(crc32(bytes), 0xae426082);
    if (typeof zlibCrc32 === 'function') assert.equal(crc32(bytes), zlibCrc32(bytes));
  });

  it('formats A1111 parameters and parses them back', () => {
    const text = formatParameters(params);
    assert.equal(
      text,
      'a lighthouse at dusk, (oil painting:1.2)\nNegative prompt: blurry, low quality\n' +
        'Steps: 25, Sampler: Euler a, CFG scale: 7.5, Seed: 4242, Size: 16x8, Model: tiny',
    );
    assert.deepEqual(parseParameters(text), { ...params, denoisingStrength: undefined });
    const noNeg = formatParameters({ ...params, negativePrompt: '', denoisingStrength: 0.6 });
    assert.ok(!noNeg.includes('Negative prompt'));
    assert.equal(parseParameters(noNeg).denoisingStrength, 0.6);
    assert.equal(parseParameters(noNeg).negativePrompt, undefined);
  });

  it('embeds a readable tEXt parameters chunk in a valid PNG', async () => {
    const w = 16;
    const h = 8;
    const rgb = new Uint8Array(w * h * 3).map((_, i) => (i * 7) % 256);
    const text = formatParameters(params);
    const png = await encodePng(rgb, w, h, text);
    assert.equal(readPngParameters(png), text);
    assert.ok(Buffer.from(png).includes(Buffer.from('tEXtparameters')));
    // sharp (libvips/libspng) decodes it and the pixels are unchanged.
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    assert.equal(info.width, w);
    assert.equal(info.height, h);
    assert.deepEqual(new Uint8Array(data), rgb);
  });

  it('uses iTXt (UTF-8) for text Latin-1 cannot hold', async () => {
    const text = formatParameters({ ...params, prompt: '富士山 at dawn 🌅' });
    const png = await encodePng(new Uint8Array(4 * 4 * 3), 4, 4, text);
    assert.equal(readPngParameters(png), text);
    assert.ok(Buffer.from(png).includes(Buffer.from('iTXtparameters')));
    await sharp(png).stats(); // still decodes
  });

  it('encodes deterministically and without a chunk when asked', async () => {
    const rgb = new Uint8Array(8 * 8 * 3).fill(90);
    const a = await encodePng(rgb, 8, 8, 'x\nSteps: 1');
    const b = await encodePng(rgb, 8, 8, 'x\nSteps: 1');
    assert.deepEqual(a, b);
    const plain = await encodePng(rgb, 8, 8);
    assert.equal(readPngParameters(plain), undefined);
  });

  it('rejects a corrupted chunk', async () => {
    const png = Buffer.from(await encodePng(new Uint8Array(4 * 4 * 3), 4, 4, 'p\nSteps: 1'));
    const at = png.indexOf('tEXt') + 8;
    png[at] = png[at]! ^ 0xff;
    assert.throws(() => readPngText(png), /bad CRC/);
  });
});
