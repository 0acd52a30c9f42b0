import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  batchRandn,
  createRandom,
  float16BitsToFloat32,
  float32ToFloat16Bits,
  fromFloat16,
  imageToRgb,
  latentsToPreviewRgb,
  readFloats,
  rgbToImage,
  timestepTensor,
  toFloat16,
  floatTensor,
} from '../../src/diffusion/tensors.ts';

describe('float16 bits', () => {
  it('converts known values exactly', () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.5, 0x3800],
      [65504, 0x7bff], // largest finite half
      [2 ** -14, 0x0400], // smallest normal
      [2 ** -24, 0x0001], // smallest subnormal
      [2 ** -15, 0x0200], // a subnormal
      [Infinity, 0x7c00],
      [-Infinity, 0xfc00],
      [1 / 3, 0x3555],
      [0.1, 0x2e66],
    ];
    for (const [f, h] of cases) {
      assert.equal(float32ToFloat16Bits(f), h, `f32 ${f}`);
      if (Number.isFinite(f) && f !== 1 / 3 && f !== 0.1)
        assert.equal(float16BitsToFloat32(h), f, `f16 0x${h.toString(16)}`);
    }
  });

  it('rounds to nearest, ties to even, overflows to inf, keeps NaN', () => {
    // 1 + 2^-11 is exactly halfway between 1 and 1 + 2^-10: ties to even (1).
    assert.equal(float32ToFloat16Bits(1 + 2 ** -11), 0x3c00);
    // 1 + 3 * 2^-11 is halfway between 1+2^-10 (odd) and 1+2^-9 (even): rounds up.
    assert.equal(float32ToFloat16Bits(1 + 3 * 2 ** -11), 0x3c02);
    // Just above halfway rounds up.
    assert.equal(float32ToFloat16Bits(1 + 2 ** -11 + 2 ** -20), 0x3c01);
    assert.equal(float32ToFloat16Bits(65520), 0x7c00); // halfway past the max rounds to inf
    assert.equal(float32ToFloat16Bits(65519), 0x7bff);
    assert.equal(float32ToFloat16Bits(1e6), 0x7c00);
    // Half of the smallest subnormal ties to even (0); a bit more rounds up.
    assert.equal(float32ToFloat16Bits(2 ** -25), 0x0000);
    assert.equal(float32ToFloat16Bits(2 ** -25 * 1.0001), 0x0001);
    assert.equal(float32ToFloat16Bits(1.5 * 2 ** -24), 0x0002); // tie, rounds to even 2
    assert.equal(float32ToFloat16Bits(1e-10), 0x0000);
    // Largest subnormal rounding up into the smallest normal.
    assert.equal(float32ToFloat16Bits(2 ** -14 - 2 ** -26), 0x0400);
    const nan = float32ToFloat16Bits(NaN);
    assert.equal(nan & 0x7c00, 0x7c00);
    assert.notEqual(nan & 0x3ff, 0);
    assert.ok(Number.isNaN(float16BitsToFloat32(0x7e00)));
  });

  it('round-trips every finite half exactly', () => {
    for (let h = 0; h < 65536; h++) {
      const f = float16BitsToFloat32(h);
      if (Number.isNaN(f)) continue;
      assert.equal(float32ToFloat16Bits(f), h);
    }
    const src = new Float32Array([0.25, -3.5, 1024, 7e-5]);
    assert.deepEqual(Array.from(fromFloat16(toFloat16(src))), [
      0.25,
      -3.5,
      1024,
      float16BitsToFloat32(float32ToFloat16Bits(7e-5)),
    ]);
  });

  it('builds float16 tensors from float32 data and reads them back', () => {
    const t = floatTensor('float16', new Float32Array([1, 2, 3, 4]), [1, 4]);
    assert.equal(t.type, 'float16');
    assert.ok(t.data instanceof Uint16Array);
    assert.deepEqual(Array.from(readFloats(t)), [1, 2, 3, 4]);
  });
});

describe('seeded Gaussian generator', () => {
  it('gives the same numbers for the same seed, different ones for another seed', () => {
    const a = createRandom(42).fill(new Float32Array(1000));
    const b = createRandom(42).fill(new Float32Array(1000));
    const c = createRandom(43).fill(new Float32Array(1000));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it('is pinned: these values must never change (they decide every image of a seed)', () => {
    const g = createRandom(1234);
    const got = Array.from({ length: 4 }, () => g.gaussian());
    const again = createRandom(1234);
    assert.deepEqual(
      got,
      Array.from({ length: 4 }, () => again.gaussian()),
    );
    assert.deepEqual(
      got.map((v) => v.toFixed(12)),
      PINNED_1234,
    );
  });

  it('is standard normal (mean 0, variance 1) over many samples', () => {
    const n = 200_000;
    const x = createRandom(7).fill(new Float32Array(n));
    let s = 0;
    let s2 = 0;
    for (const v of x) {
      s += v;
      s2 += v * v;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 0.02, `variance ${variance}`);
    assert.ok(x.every(Number.isFinite));
  });

  it('splits batch noise per image, independent of the batch size', () => {
    const both = batchRandn([createRandom(5), createRandom(6)], 8);
    const second = createRandom(6).fill(new Float32Array(4));
    assert.deepEqual(both.subarray(4), second);
    assert.throws(() => batchRandn([createRandom(1), createRandom(2)], 7));
  });
});

describe('images', () => {
  it('maps [-1,1] NCHW to RGB bytes like diffusers (clamp, round) and back', () => {
    // 2x1 image: pixel 0 = (-1, 0, 1), pixel 1 = (2, -2, NaN)
    const chw = new Float32Array([-1, 2, 0, -2, 1, NaN]);
    assert.deepEqual(Array.from(imageToRgb(chw, 2, 1)), [0, 128, 255, 255, 0, 0]);
    const back = rgbToImage(new Uint8Array([0, 255, 51, 255, 0, 0]), 2, 1);
    assert.deepEqual(
      Array.from(back),
      [-1, 1, 1, -1, 0.2 * 2 - 1, -1].map((v) => Math.fround(v)),
    );
  });

  it('keeps height and width apart in non-square images', () => {
    // 3 wide, 2 high, channel 0 holds the pixel index.
    const w = 3;
    const h = 2;
    const chw = new Float32Array(3 * w * h);
    for (let p = 0; p < w * h; p++) chw[p] = p / 10;
    const rgb = imageToRgb(chw, w, h);
    assert.equal(rgb.length, w * h * 3);
    assert.equal(rgb[(1 * w + 2) * 3], Math.round((0.5 / 2 + 0.5) * 255)); // row 1, column 2 = pixel 5
  });

  it('makes a latent preview at latent resolution', () => {
    const lat = new Float32Array(4 * 2 * 3);
    const rgb = latentsToPreviewRgb(lat, 3, 2);
    assert.equal(rgb.length, 3 * 2 * 3);
    assert.ok(rgb.every((v) => v === 128));
  });
});

describe('timestep tensors follow the UNet metadata', () => {
  it('float32 [B], int64 [B], scalar, int64 [1], float16 [B]', () => {
    const f = timestepTensor({ name: 'timestep', type: 'float32', shape: ['batch'] }, 999, 2);
    assert.deepEqual(f.dims, [2]);
    assert.deepEqual(Array.from(f.data as Float32Array), [999, 999]);
    const i = timestepTensor({ name: 'timestep', type: 'int64', shape: ['batch'] }, 980.6, 2);
    assert.equal(i.type, 'int64');
    assert.deepEqual(Array.from(i.data as BigInt64Array), [981n, 981n]);
    const s = timestepTensor({ name: 'timestep', type: 'float32', shape: [] }, 1.5, 2);
    assert.deepEqual(s.dims, []);
    assert.equal(s.size, 1);
    const one = timestepTensor({ name: 'timestep', type: 'int64', shape: [1] }, 1, 2);
    assert.deepEqual(one.dims, [1]);
    const h = timestepTensor({ name: 'timestep', type: 'float16', shape: [2] }, 999, 2);
    assert.equal(h.type, 'float16');
    assert.deepEqual(Array.from(readFloats(h)), [999, 999]);
  });
});

const PINNED_1234 = ['-0.447052629917', '0.995739723615', '-0.077396794139', '-0.792532323103'];
