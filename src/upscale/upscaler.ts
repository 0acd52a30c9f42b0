/**
 * Upscale (Subtle): an ESRGAN-family ONNX upscaler (Real-ESRGAN x2plus / x4plus, realesr-general-x4v3: BSD-3),
 * run in tiles with overlap and feathered seams so memory stays bounded at any size; without one, Lanczos (sharp)
 * and the caller says so.
 *
 * The model's signature comes from its session metadata: one float image input [1, 3, h, w] RGB in [0, 1] and one
 * output [1, 3, s h, s w]; the scale s is measured on the first tile. Tiles are `tile` pixels (input side) and
 * overlap by `overlap`; in an overlap each tile's weight ramps linearly from its edge, so a seam blends and, where
 * the model's receptive field fits inside the overlap, the result equals the untiled one.
 */
import { loadSharp } from '../lazy-imports.ts';
import { existsSync } from 'node:fs';
import { ModelError } from '../errors.ts';
import { openSession, type OnnxModel, type SessionOptions } from '../diffusion/session.ts';
import { floatTensor, readFloats } from '../diffusion/tensors.ts';

export interface Upscaler {
  readonly name: string;
  /** One image [3, h, w] in [0, 1] -> [3, s h, s w]. */
  run(chw: Float32Array, width: number, height: number): Promise<{ data: Float32Array; scale: number }>;
  release(): Promise<void>;
}

export interface TileOptions {
  /** Tile side in input pixels (default 128). */
  tile?: number | undefined;
  /** Overlap between neighbouring tiles in input pixels (default 16). */
  overlap?: number | undefined;
}

/** Opens an upscaler model file; names and dtypes come from its metadata. */
export async function loadUpscaler(file: string, options: SessionOptions): Promise<Upscaler> {
  const model: OnnxModel = await openSession(file, options, 'upscaler');
  const input = model.inputs[0];
  const output = model.outputs[0];
  if (!input || !output || model.inputs.length !== 1) {
    await model.release();
    throw new ModelError(file, 'an upscaler takes one image input [1, 3, h, w] and gives one output [1, 3, s·h, s·w].');
  }
  return {
    name: file,
    async run(chw, width, height) {
      const out = (await model.run({ [input.name]: floatTensor(input.type, chw, [1, 3, height, width]) }))[
        output.name
      ]!;
      const [, , oh, ow] = out.dims as [number, number, number, number];
      const scale = ow / width;
      if (!Number.isInteger(scale) || oh !== height * scale)
        throw new Error(`upscaler returned ${ow}x${oh} for ${width}x${height}`);
      return { data: Float32Array.from(readFloats(out)), scale };
    },
    release: () => model.release(),
  };
}

/** The upscaler file when it is installed, else undefined. */
export function installedUpscaler(file: string): string | undefined {
  return existsSync(file) ? file : undefined;
}

/** Tile starts along one side: every `step`, the last one flush with the end. */
function starts(size: number, tile: number, overlap: number): number[] {
  if (size <= tile) return [0];
  const step = tile - overlap;
  const out: number[] = [];
  for (let s = 0; ; s += step) {
    if (s + tile >= size) {
      out.push(size - tile);
      break;
    }
    out.push(s);
  }
  return out;
}

/**
 * Weight along one side of a tile where it shares `shared` pixels with a neighbour: 0 over the third nearest its
 * edge (where zero padding changes the model's output), then a linear ramp to 1 over the middle third. The
 * neighbour's weight mirrors it, so every pixel has some weight and a seam fades over a third of the overlap.
 */
function ramp(pos: number, len: number, sharedBefore: number, sharedAfter: number): number {
  const edge = (d: number, shared: number) => {
    const margin = Math.floor(shared / 3);
    return Math.min(1, Math.max(0, (d - margin + 0.5) / Math.max(1, shared - 2 * margin)));
  };
  let w = 1;
  if (sharedBefore > 0 && pos < sharedBefore) w = Math.min(w, edge(pos, sharedBefore));
  if (sharedAfter > 0 && pos >= len - sharedAfter) w = Math.min(w, edge(len - 1 - pos, sharedAfter));
  return w;
}

/**
 * Upscales an RGB image (bytes, width x height) tile by tile; returns RGB bytes at scale x the size. Memory is one
 * tile's input and output plus the accumulated result.
 */
export async function upscaleTiled(
  upscaler: Upscaler,
  rgb: Uint8Array,
  width: number,
  height: number,
  opts: TileOptions = {},
): Promise<{ rgb: Uint8Array; width: number; height: number; scale: number; tiles: number }> {
  const tile = Math.max(16, opts.tile ?? 128);
  const overlap = Math.min(Math.floor(tile / 2), Math.max(0, opts.overlap ?? 16));
  const tw = Math.min(tile, width);
  const th = Math.min(tile, height);
  const xs = starts(width, tw, overlap);
  const ys = starts(height, th, overlap);
  let scale = 0;
  let acc: Float32Array | undefined;
  let weight: Float32Array | undefined;
  for (const [yi, y0] of ys.entries()) {
    for (const [xi, x0] of xs.entries()) {
      const chw = new Float32Array(3 * tw * th);
      for (let y = 0; y < th; y++) {
        for (let x = 0; x < tw; x++) {
          const src = ((y0 + y) * width + x0 + x) * 3;
          for (let c = 0; c < 3; c++) chw[c * tw * th + y * tw + x] = rgb[src + c]! / 255;
        }
      }
      const out = await upscaler.run(chw, tw, th);
      if (!acc) {
        scale = out.scale;
        acc = new Float32Array(3 * width * scale * height * scale);
        weight = new Float32Array(width * scale * height * scale);
      }
      const ow = tw * scale;
      const oh = th * scale;
      const W = width * scale;
      // The overlap actually shared with each neighbour, in output pixels (the last tile may overlap more).
      const before = (list: number[], i: number, t: number) => (i > 0 ? (list[i - 1]! + t - list[i]!) * scale : 0);
      const after = (list: number[], i: number, t: number) =>
        i + 1 < list.length ? (list[i]! + t - list[i + 1]!) * scale : 0;
      for (let y = 0; y < oh; y++) {
        const wy = ramp(y, oh, before(ys, yi, th), after(ys, yi, th));
        for (let x = 0; x < ow; x++) {
          const w = wy * ramp(x, ow, before(xs, xi, tw), after(xs, xi, tw));
          const p = (y0 * scale + y) * W + x0 * scale + x;
          weight![p]! += w;
          for (let c = 0; c < 3; c++) acc[c * weight!.length + p]! += w * out.data[c * ow * oh + y * ow + x]!;
        }
      }
    }
  }
  const W = width * scale;
  const H = height * scale;
  const result = new Uint8Array(W * H * 3);
  for (let p = 0; p < W * H; p++) {
    for (let c = 0; c < 3; c++) {
      const v = acc![c * W * H + p]! / weight![p]!;
      result[p * 3 + c] = v > 0 ? (v < 1 ? Math.round(v * 255) : 255) : 0;
    }
  }
  return { rgb: result, width: W, height: H, scale, tiles: xs.length * ys.length };
}

/** The fallback without an upscaler: Lanczos (sharp's lanczos3) to factor x the size. */
export async function upscaleLanczos(
  png: Uint8Array,
  factor: number,
): Promise<{ rgb: Uint8Array; width: number; height: number }> {
  const sharp = await loadSharp();
  const meta = await sharp(png).metadata();
  const width = (meta.width ?? 0) * factor;
  const height = (meta.height ?? 0) * factor;
  const rgb = await sharp(png).removeAlpha().resize(width, height, { kernel: 'lanczos3' }).raw().toBuffer();
  return { rgb: new Uint8Array(rgb), width, height };
}
