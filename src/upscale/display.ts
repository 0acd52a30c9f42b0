/**
 * Small results shown large: a model that paints small pictures (the demo model's 64x64 images, a 128x128 grid)
 * would reach Discord as a thumbnail. The posted picture is enlarged by a whole number (every model pixel becomes
 * k x k, Lanczos-smoothed) until its shorter side reaches DISPLAY_MIN_SIDE; the stored image and its `parameters`
 * keep the model's own pixels (Size: is the model's), and the posted file's parameters add `Display: kx Lanczos`.
 * When an upscaler is installed, the inference process (which has onnxruntime; the bot never loads it) adds upscaled
 * display copies to the results of jobs posted in Discord (UpscaleService.addDisplay, `Display: 4x upscaler`), and the
 * grid is built from those; what is still under the size is finished here with Lanczos. Results from a remote worker
 * and U1-U4 (a stored image) have no copies and are enlarged with Lanczos. sharp runs off the calling thread, so this
 * is safe on the gateway's.
 */
import { insertChunkAfterIhdr, readPngParameters, textChunk } from '../diffusion/png.ts';
import { loadSharp } from '../lazy-imports.ts';

/**
 * Results whose shorter side is under this many pixels are posted enlarged: the default of the DISPLAY_MIN_SIDE setting
 * (src/config.ts; 0 turns it off), and what renderResult uses when given none.
 */
export const DISPLAY_MIN_SIDE = 512;

/** The whole-number factor that brings the shorter side to at least `minSide` (1: big enough, or `minSide` 0). */
export function displayFactor(width: number, height: number, minSide: number): number {
  const side = Math.min(width, height);
  if (minSide <= 0 || side <= 0 || side >= minSide) return 1;
  return Math.ceil(minSide / side);
}

/** `png` enlarged for display (see above), or itself with factor 1 when it is large enough. */
export async function enlargeForDisplay(png: Buffer, minSide: number): Promise<{ png: Buffer; factor: number }> {
  const sharp = await loadSharp();
  const meta = await sharp(png).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  const factor = displayFactor(width, height, minSide);
  if (factor === 1) return { png, factor };
  const enlarged = await sharp(png)
    .resize(width * factor, height * factor, { kernel: 'lanczos3', fit: 'fill' })
    .png({ compressionLevel: 6 })
    .toBuffer();
  let parameters: string | undefined;
  try {
    parameters = readPngParameters(png);
  } catch {
    parameters = undefined;
  }
  const out =
    parameters === undefined
      ? enlarged
      : insertChunkAfterIhdr(enlarged, textChunk('parameters', `${parameters}, Display: ${factor}x Lanczos`));
  return { png: out, factor };
}
