/**
 * Masks for inpainting (src/diffusion/pipeline.ts, masked path): white = repaint, black = keep, grey = partial.
 * Pure pixel math on typed arrays plus sharp for decoding; no onnxruntime.
 *
 *   loadMask      any image -> [h, w] floats in [0, 1] at the picture's size (a mask of another size is resized)
 *   featherMask   a soft edge (separable box blur, applied twice: close to a Gaussian) so the seam does not show
 *   latentMask    the mask at latent resolution (mean over each factor x factor block), for blending and the UNet
 *   maskedImage   the image with the repainted part set to 0 (mid grey), as the 9-channel inpainting UNet expects
 *   composite     after decoding: source pixels where the mask is 0, generated where 1, blended in between
 */
import sharp from 'sharp';
import { UserError } from '../errors.ts';

/** Decodes a mask image (PNG, JPEG, WebP; alpha over black) to width x height values in [0, 1]. */
export async function loadMask(bytes: Uint8Array, width: number, height: number): Promise<Float32Array> {
  let grey: Buffer;
  try {
    grey = await sharp(bytes)
      .flatten({ background: { r: 0, g: 0, b: 0 } })
      // Bilinear: a resized mask gets a short ramp, never the ringing (values past 0 and 1) of Lanczos.
      .resize(width, height, { fit: 'fill', kernel: 'linear' })
      .greyscale()
      .raw()
      .toBuffer();
  } catch (err) {
    throw new UserError(
      'The mask could not be read: send a PNG, JPEG or WebP image (white = repaint, black = keep).',
      'bad-mask',
      { cause: err },
    );
  }
  const out = new Float32Array(width * height);
  // greyscale() may still hand back one channel per pixel or (for some inputs) three: take the first of each.
  const channels = grey.length / (width * height);
  for (let p = 0; p < out.length; p++) out[p] = grey[p * channels]! / 255;
  return out;
}

/** The feather radius for a picture: about 1/64 of its shorter side, at least 1 pixel (8 px at 512). */
export function featherRadius(width: number, height: number): number {
  return Math.max(1, Math.round(Math.min(width, height) / 64));
}

/** A box blur of `radius` along x then y, twice (a good Gaussian stand-in). Values stay in [0, 1]. */
export function featherMask(mask: Float32Array, width: number, height: number, radius: number): Float32Array {
  if (radius <= 0) return Float32Array.from(mask);
  const a = Float32Array.from(mask);
  const b = new Float32Array(mask.length);
  for (let pass = 0; pass < 2; pass++) {
    boxBlur1d(a, b, width, height, radius, 1, width); // rows
    boxBlur1d(b, a, height, width, radius, width, 1); // columns
  }
  return a;
}

/** Blurs `len`-long lines (elements `step` apart; line k starts at k * lineStep), clamping at the ends. */
function boxBlur1d(
  src: Float32Array,
  dst: Float32Array,
  len: number,
  lines: number,
  r: number,
  step: number,
  lineStep: number,
): void {
  const size = 2 * r + 1;
  for (let line = 0; line < lines; line++) {
    const base = line * lineStep;
    const at = (i: number) => src[base + Math.min(len - 1, Math.max(0, i)) * step]!;
    let sum = 0;
    for (let i = -r; i <= r; i++) sum += at(i);
    for (let i = 0; i < len; i++) {
      dst[base + i * step] = sum / size;
      sum += at(i + r + 1) - at(i - r);
    }
  }
}

/** The mask at latent resolution: the mean of each factor x factor block. */
export function latentMask(mask: Float32Array, width: number, height: number, factor: number): Float32Array {
  const lw = width / factor;
  const lh = height / factor;
  const out = new Float32Array(lw * lh);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / factor) * lw;
    for (let x = 0; x < width; x++) out[row + Math.floor(x / factor)]! += mask[y * width + x]!;
  }
  const n = factor * factor;
  for (let i = 0; i < out.length; i++) out[i]! /= n;
  return out;
}

/** Values >= 0.5 become 1, the rest 0 (diffusers' mask_processor binarises the same way). */
export function binarize(mask: Float32Array): Float32Array {
  return mask.map((v) => (v >= 0.5 ? 1 : 0));
}

/**
 * The image (CHW in [-1, 1]) with the part to repaint set to 0, as diffusers' inpaint pipeline builds
 * `masked_image = init_image * (mask < 0.5)`.
 */
export function maskedImage(image: Float32Array, mask: Float32Array): Float32Array {
  const plane = mask.length;
  const out = Float32Array.from(image);
  for (let c = 0; c < 3; c++) for (let p = 0; p < plane; p++) if (mask[p]! >= 0.5) out[c * plane + p] = 0;
  return out;
}

/** RGB bytes: `source` where alpha is 0, `generated` where it is 1, linearly between. */
export function composite(source: Uint8Array, generated: Uint8Array, alpha: Float32Array): Uint8Array {
  const out = new Uint8Array(generated.length);
  for (let p = 0; p < alpha.length; p++) {
    const a = alpha[p]!;
    for (let c = 0; c < 3; c++) {
      const i = p * 3 + c;
      out[i] = a <= 0 ? source[i]! : a >= 1 ? generated[i]! : Math.round(source[i]! * (1 - a) + generated[i]! * a);
    }
  }
  return out;
}
