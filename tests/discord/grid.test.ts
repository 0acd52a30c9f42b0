import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { encodePng, readPngParameters } from '../../src/diffusion/png.ts';
import { gridLayout, makeGrid } from '../../src/discord/grid.ts';

async function solid(r: number, g: number, b: number, size = 16, parameters?: string): Promise<Uint8Array> {
  const rgb = new Uint8Array(size * size * 3);
  for (let i = 0; i < rgb.length; i += 3) rgb.set([r, g, b], i);
  return encodePng(rgb, size, size, parameters);
}

describe('grid', () => {
  it('lays out images in a near-square grid', () => {
    assert.deepEqual(gridLayout(1), { cols: 1, rows: 1 });
    assert.deepEqual(gridLayout(2), { cols: 2, rows: 1 });
    assert.deepEqual(gridLayout(4), { cols: 2, rows: 2 });
    assert.deepEqual(gridLayout(3), { cols: 2, rows: 2 });
    assert.deepEqual(gridLayout(6), { cols: 3, rows: 2 });
    assert.throws(() => gridLayout(0));
  });

  it('puts four images 2x2 in reading order and keeps the parameters text', async () => {
    const params = 'a cat\nSteps: 2, Sampler: Euler, CFG scale: 7.5, Seed: 42, Size: 16x16, Model: tiny';
    const colours: [number, number, number][] = [
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [255, 255, 0],
    ];
    const images = await Promise.all(
      colours.map(async ([r, g, b], i) => ({
        png: await solid(r, g, b, 16, i === 0 ? params : undefined),
        width: 16,
        height: 16,
      })),
    );
    const grid = await makeGrid(images);
    const { data, info } = await sharp(grid).raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([info.width, info.height], [32, 32]);
    const at = (x: number, y: number) => [
      ...data.subarray((y * 32 + x) * info.channels, (y * 32 + x) * info.channels + 3),
    ];
    assert.deepEqual(at(4, 4), [255, 0, 0]);
    assert.deepEqual(at(20, 4), [0, 255, 0]);
    assert.deepEqual(at(4, 20), [0, 0, 255]);
    assert.deepEqual(at(20, 20), [255, 255, 0]);
    assert.equal(readPngParameters(grid), `${params}, Grid: 2x2`);
  });

  it('returns a single image unchanged', async () => {
    const png = await solid(1, 2, 3);
    assert.deepEqual(await makeGrid([{ png, width: 16, height: 16 }]), Buffer.from(png));
  });
});
