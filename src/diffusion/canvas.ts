/**
 * The canvas and mask of an edit, built from the source image at the request's size (width x height), for the
 * pipeline's masked path. White in the mask is generated, black is kept.
 *
 *   region    the source as it is; the named part of the picture is white
 *   zoom-out  the source shrunk by the factor into the centre of a same-size canvas; the border is white
 *   pan       the source at one side of a canvas half again as wide (or tall); the new strip is white
 *
 * The parts to generate start as the source's edge pixels stretched outwards (sharp's extend 'copy'): with strength
 * 1 (the default with a mask) the latents there start from noise anyway, and an inpainting UNet sees them masked.
 */
import sharp, { type Sharp } from 'sharp';
import { UserError } from '../errors.ts';
import type { EditSpec, RegionName } from '../request/request.ts';

export interface Canvas {
  initImage: Uint8Array;
  mask: Uint8Array;
}

/** Where each region is, as fractions [x0, y0, x1, y1] of the picture. */
export const regionBoxes: Record<RegionName, readonly [number, number, number, number]> = {
  left: [0, 0, 0.5, 1],
  right: [0.5, 0, 1, 1],
  top: [0, 0, 1, 0.5],
  bottom: [0, 0.5, 1, 1],
  'left-third': [0, 0, 1 / 3, 1],
  'middle-third': [1 / 3, 0, 2 / 3, 1],
  'right-third': [2 / 3, 0, 1, 1],
  centre: [0.25, 0.25, 0.75, 0.75],
  'top-left': [0, 0, 0.5, 0.5],
  'top-right': [0.5, 0, 1, 0.5],
  'bottom-left': [0, 0.5, 0.5, 1],
  'bottom-right': [0.5, 0.5, 1, 1],
};

/** A mask PNG, white inside the pixel box [x0, x1) x [y0, y1) (or outside it with `invert`). */
async function boxMask(
  width: number,
  height: number,
  box: readonly [number, number, number, number],
  invert = false,
): Promise<Uint8Array> {
  const [x0, y0, x1, y1] = box;
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = x >= x0 && x < x1 && y >= y0 && y < y1;
      data[y * width + x] = inside !== invert ? 255 : 0;
    }
  }
  return new Uint8Array(
    await sharp(data, { raw: { width, height, channels: 1 } })
      .png()
      .toBuffer(),
  );
}

async function readSource(bytes: Uint8Array): Promise<Sharp> {
  try {
    await sharp(bytes).metadata();
  } catch (err) {
    throw new UserError('The image to edit could not be read: send a PNG, JPEG or WebP image.', 'bad-image', {
      cause: err,
    });
  }
  return sharp(bytes).removeAlpha();
}

/** The init image and mask for a region, zoom-out or pan edit of `source` at width x height. */
export async function editCanvas(
  edit: Exclude<EditSpec, { kind: 'mask' | 'upscale' }>,
  source: Uint8Array,
  width: number,
  height: number,
): Promise<Canvas> {
  const image = await readSource(source);
  switch (edit.kind) {
    case 'region': {
      const [fx0, fy0, fx1, fy1] = regionBoxes[edit.region];
      const box = [
        Math.round(fx0 * width),
        Math.round(fy0 * height),
        Math.round(fx1 * width),
        Math.round(fy1 * height),
      ] as const;
      const initImage = await image.resize(width, height, { fit: 'fill' }).png().toBuffer();
      return { initImage: new Uint8Array(initImage), mask: await boxMask(width, height, box) };
    }
    case 'zoom-out': {
      const iw = Math.max(8, Math.round(width / edit.factor));
      const ih = Math.max(8, Math.round(height / edit.factor));
      const left = Math.floor((width - iw) / 2);
      const top = Math.floor((height - ih) / 2);
      return placed(image, width, height, [left, top, left + iw, top + ih]);
    }
    case 'pan': {
      const horizontal = edit.direction === 'left' || edit.direction === 'right';
      // The kept part is the source at two thirds of the grown side (the canvas grew by half).
      const kw = horizontal ? Math.round((width * 2) / 3) : width;
      const kh = horizontal ? height : Math.round((height * 2) / 3);
      const x0 = edit.direction === 'left' ? width - kw : 0;
      const y0 = edit.direction === 'up' ? height - kh : 0;
      return placed(image, width, height, [x0, y0, x0 + kw, y0 + kh]);
    }
  }
}

/** The source resized into `box` of a width x height canvas, edges stretched outwards; the mask white outside the box. */
async function placed(
  image: Sharp,
  width: number,
  height: number,
  box: readonly [number, number, number, number],
): Promise<Canvas> {
  const [x0, y0, x1, y1] = box;
  const inner = await image
    .resize(x1 - x0, y1 - y0, { fit: 'fill' })
    .png()
    .toBuffer();
  const canvas = await sharp(inner)
    .extend({ left: x0, top: y0, right: width - x1, bottom: height - y1, extendWith: 'copy' })
    .png()
    .toBuffer();
  return { initImage: new Uint8Array(canvas), mask: await boxMask(width, height, box, true) };
}
