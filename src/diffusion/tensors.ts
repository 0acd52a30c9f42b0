/**
 * Tensor helpers for the pipeline: float16 bits, seeded Gaussian noise, latents <-> images, and building ONNX
 * feeds in the dtype and shape the session metadata asks for. Nothing here runs a model.
 */
import { Tensor } from './ort.ts';
import type { TensorInfo } from './session.ts';
import { fromFloat16, toFloat16 } from './float16.ts';

export { float16BitsToFloat32, float32ToFloat16Bits, fromFloat16, toFloat16 } from './float16.ts';

// ---------------------------------------------------------------------------------------------------------------
// Seeded Gaussian noise.
//
// Uniforms come from xoshiro128** (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c), a 32-bit
// generator whose state is seeded from the 32-bit seed with SplitMix32 (the mixer of Steele, Lea & Flood's
// SplitMix, 32-bit variant of https://prng.di.unimi.it/splitmix64.c), as the xoshiro authors recommend. Each
// Gaussian pair comes from two 53-bit uniforms by the Box-Muller transform. Everything is 32-bit integer math
// (Math.imul, >>>) and V8's Math.log/sqrt/cos/sin, which V8 computes in software (fdlibm ports), so the same seed
// gives the same numbers on every platform. The numbers are not those of torch.randn: to reproduce a diffusers run
// exactly, pass its latents as `initLatents`.

export interface Random {
  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** A standard normal sample. */
  gaussian(): number;
  /** Fills `out` with standard normal samples (in order) and returns it. */
  fill(out: Float32Array): Float32Array;
}

export function createRandom(seed: number): Random {
  // SplitMix32 to spread the seed over 128 bits of state (never all zero).
  let sm = seed >>> 0;
  const splitmix = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const uniform = (): number => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;

  let spare: number | undefined;
  const gaussian = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u1 = 1 - uniform(); // (0, 1]: log never sees 0
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
  return {
    uniform,
    gaussian,
    fill(out) {
      for (let i = 0; i < out.length; i++) out[i] = gaussian();
      return out;
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Gaussian noise for a batch where image i has its own generator: `n` numbers split evenly over the generators,
 * in order. This is how per-image seeds stay independent of the batch size.
 */
export function batchRandn(generators: readonly Random[], n: number): Float32Array {
  const out = new Float32Array(n);
  const per = n / generators.length;
  if (!Number.isInteger(per)) throw new Error(`batchRandn: ${n} values do not split over ${generators.length} images`);
  generators.forEach((g, i) => g.fill(out.subarray(i * per, (i + 1) * per)));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Images.

/**
 * One decoded image, NCHW float in [-1, 1] (channels 3, batch entry `index`), to interleaved RGB bytes (HWC).
 * Same mapping as diffusers: (x / 2 + 0.5).clamp(0, 1), then * 255 rounded.
 */
export function imageToRgb(chw: Float32Array, width: number, height: number, index = 0): Uint8Array {
  const plane = width * height;
  const base = index * 3 * plane;
  const out = new Uint8Array(plane * 3);
  for (let c = 0; c < 3; c++) {
    const off = base + c * plane;
    for (let p = 0; p < plane; p++) {
      const v = chw[off + p]! / 2 + 0.5;
      // NaN maps to 0 (black) rather than propagating garbage.
      out[p * 3 + c] = v > 0 ? (v < 1 ? Math.round(v * 255) : 255) : 0;
    }
  }
  return out;
}

/** Interleaved RGB bytes (HWC) to NCHW float in [-1, 1], the VAE encoder's input (diffusers: 2x - 1). */
export function rgbToImage(rgb: Uint8Array, width: number, height: number): Float32Array {
  const plane = width * height;
  const out = new Float32Array(plane * 3);
  for (let p = 0; p < plane; p++) for (let c = 0; c < 3; c++) out[c * plane + p] = (rgb[p * 3 + c]! / 255) * 2 - 1;
  return out;
}

/**
 * Latent -> RGB factors for SD 1.x/2.x latents (the "cheap approximation" of AUTOMATIC1111's live previews,
 * modules/sd_samplers_common.py): each pixel is a fixed linear mix of the 4 latent channels. Rows are channels.
 */
const latentRgbFactors = [
  [0.298, 0.207, 0.208],
  [0.187, 0.286, 0.173],
  [-0.158, 0.189, 0.264],
  [-0.184, -0.271, -0.473],
] as const;

/** Latents of image `index` (NCHW, 4 channels) to RGB bytes at latent resolution, without the VAE. */
export function latentsToPreviewRgb(latents: Float32Array, width: number, height: number, index = 0): Uint8Array {
  const plane = width * height;
  const base = index * 4 * plane;
  const out = new Uint8Array(plane * 3);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) {
      let v = 0;
      for (let k = 0; k < 4; k++) v += latents[base + k * plane + p]! * latentRgbFactors[k]![c]!;
      const u = (v + 1) / 2;
      out[p * 3 + c] = u > 0 ? (u < 1 ? Math.round(u * 255) : 255) : 0;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Feeds in the dtype and shape the session metadata asks for.

export type FloatType = 'float32' | 'float16';

export function isFloatType(type: string): type is FloatType {
  return type === 'float32' || type === 'float16';
}

/** A float tensor of the input's dtype (float16 inputs get converted bits). */
export function floatTensor(type: string, data: Float32Array, dims: readonly number[]): Tensor {
  if (type === 'float16') return new Tensor('float16', toFloat16(data), dims);
  if (type === 'float32') return new Tensor('float32', data, dims);
  throw new Error(`floatTensor: unsupported dtype ${type}`);
}

/** The values of a float32 or float16 output as float32 (a copy for float16, a view for float32). */
export function readFloats(t: Tensor): Float32Array {
  if (t.type === 'float32') return t.data as Float32Array;
  if (t.type === 'float16') return fromFloat16(t.data as Uint16Array);
  throw new Error(`readFloats: expected a float32 or float16 tensor, got ${t.type}`);
}

/** An integer tensor (int32 or int64) of the input's dtype. */
export function intTensor(type: string, data: ArrayLike<number>, dims: readonly number[]): Tensor {
  if (type === 'int64') return new Tensor('int64', BigInt64Array.from(Array.from(data, (v) => BigInt(v))), dims);
  if (type === 'int32') return new Tensor('int32', Int32Array.from(data), dims);
  throw new Error(`intTensor: unsupported dtype ${type}`);
}

/**
 * The UNet timestep in the convention its metadata declares: rank 0 (a scalar), rank 1 with a fixed size of 1
 * (`[1]`), or rank 1 with a symbolic/batch size (`[B]`); dtype float32, float16, int64 or int32. Integer exports get
 * the timestep rounded (diffusers' schedules feed integers to them; Euler's fractional timesteps only occur with
 * interpolated sigmas, and those exports are float).
 */
export function timestepTensor(input: TensorInfo, t: number, batch: number): Tensor {
  const rank = input.shape.length;
  let dims: number[];
  if (rank === 0) dims = [];
  else if (rank === 1) dims = input.shape[0] === 1 ? [1] : [batch];
  else throw new Error(`timestepTensor: timestep input of rank ${rank} is not supported`);
  const n = dims.length ? dims[0]! : 1;
  if (input.type === 'float32' || input.type === 'float16')
    return floatTensor(input.type, new Float32Array(n).fill(t), dims);
  if (input.type === 'int64' || input.type === 'int32')
    return intTensor(input.type, new Array<number>(n).fill(Math.round(t)), dims);
  throw new Error(`timestepTensor: timestep dtype ${input.type} is not supported`);
}

/** Concatenate batch entries (equal-sized NCHW blocks) into one array. */
export function concatBatch(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
