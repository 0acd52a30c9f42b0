/**
 * The result grid: a job's images side by side (2x2 for four), as one PNG that keeps the first image's
 * `parameters` text so that anyone can read back how it was made.
 */
import { loadSharp } from '../lazy-imports.ts';
import { insertChunkAfterIhdr, readPngParameters, textChunk } from '../diffusion/png.ts';

export interface GridImage {
  png: Uint8Array;
  width: number;
  height: number;
}

/** Columns and rows for n images: 1 -> 1x1, 2 -> 2x1, 3-4 -> 2x2, 5-6 -> 3x2, 7-9 -> 3x3. */
export function gridLayout(n: number): { cols: number; rows: number } {
  if (n < 1) throw new RangeError('gridLayout: no images');
  const cols = Math.ceil(Math.sqrt(n));
  return { cols, rows: Math.ceil(n / cols) };
}

/**
 * One PNG with the images in reading order (tiles the size of the first image; others are fitted to it). A single
 * image is returned as it is. The grid's `parameters` are the first image's with `Grid: CxR` added.
 */
export async function makeGrid(images: readonly GridImage[]): Promise<Buffer> {
  const sharp = await loadSharp();
  const first = images[0];
  if (!first) throw new RangeError('makeGrid: no images');
  if (images.length === 1) return Buffer.from(first.png.buffer, first.png.byteOffset, first.png.byteLength);
  const { cols, rows } = gridLayout(images.length);
  const { width, height } = first;
  const tiles = await Promise.all(
    images.map(async (img, i) => {
      const input = Buffer.from(img.png.buffer, img.png.byteOffset, img.png.byteLength);
      const tile =
        img.width === width && img.height === height
          ? input
          : await sharp(input).resize(width, height, { fit: 'cover' }).png().toBuffer();
      return { input: tile, left: (i % cols) * width, top: Math.floor(i / cols) * height };
    }),
  );
  const grid = await sharp({
    create: { width: cols * width, height: rows * height, channels: 3, background: { r: 0, g: 0, b: 0 } },
  })
    .composite(tiles)
    .png({ compressionLevel: 6 })
    .toBuffer();
  const parameters = safeParameters(first.png);
  return parameters === undefined
    ? grid
    : insertChunkAfterIhdr(grid, textChunk('parameters', withGrid(parameters, cols, rows)));
}

function safeParameters(png: Uint8Array): string | undefined {
  try {
    return readPngParameters(png);
  } catch {
    return undefined;
  }
}

/** Adds `Grid: CxR` to the last line (A1111's field line), so tools that parse it still can. */
function withGrid(parameters: string, cols: number, rows: number): string {
  return `${parameters}, Grid: ${cols}x${rows}`;
}
