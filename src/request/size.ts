/**
 * Sizes from aspect ratios: what `--ar 16:9` means in pixels for the loaded model, rounded to its size multiple and
 * scaled to fit the limits. Shared by Discord, the CLI and the playground. Pure.
 */
import { given, phrase, userError } from '../i18n/index.ts';

/** The aspect ratios offered as choices on /imagine. */
export const aspectChoices = ['1:1', '3:2', '2:3', '16:9', '9:16'] as const;

export interface Aspect {
  w: number;
  h: number;
}

/** "16:9" (also "16x9", "16/9") -> {w: 16, h: 9}, within 4:1 either way. */
export function parseAspect(value: string, label = 'The aspect ratio'): Aspect {
  const m = /^(\d{1,3}(?:\.\d+)?)\s*[:x/]\s*(\d{1,3}(?:\.\d+)?)$/iu.exec(value.trim());
  const w = m ? Number(m[1]) : NaN;
  const h = m ? Number(m[2]) : NaN;
  if (!m || !(w > 0) || !(h > 0)) {
    throw userError('bad-flag', 'flag.ratio', { label, given: given(value) });
  }
  if (w / h > 4 || h / w > 4) throw userError('bad-flag', 'flag.extreme', { label, value });
  return { w, h };
}

export function formatAspect(a: Aspect): string {
  return `${a.w}:${a.h}`;
}

export interface SizeOptions {
  /** The model's native size (sampleSize): the result has about sampleSize^2 pixels. */
  sampleSize: number;
  /** Sides are multiples of this (8 at least: the VAE works in 8-pixel blocks). */
  multiple?: number | undefined;
  /** Smallest side (the pipeline's minimum, 64 by default). */
  minSide?: number | undefined;
  maxWidth?: number | undefined;
  maxHeight?: number | undefined;
  /** Most pixels per image (a guild limit), if any. */
  maxPixels?: number | null | undefined;
}

/**
 * The side multiple for a model: 64 for full-size models, whose exported UNets halve the latents three times and
 * need them divisible by 8 (a 680x384 request would fail inside the UNet); 8 for small models (tiny, demo).
 */
export function sideMultiple(sampleSize: number): number {
  return sampleSize >= 256 ? 64 : 8;
}

/**
 * A width and height with the given aspect ratio and about the model's native pixel count (a 512 model gives
 * 512x512, 640x448, 704x384 ...), rounded to the model's multiple, no side under minSide, and scaled down to fit
 * the size limits.
 */
export function sizeForAspect(aspect: Aspect, opts: SizeOptions): { width: number; height: number } {
  const multiple = Math.max(8, opts.multiple ?? sideMultiple(opts.sampleSize));
  const minSide = Math.max(multiple, opts.minSide ?? 64);
  const ratio = aspect.w / aspect.h;
  const area = opts.sampleSize * opts.sampleSize;
  let w = Math.sqrt(area * ratio);
  let h = area / w;
  // Too small a side (a small model with a wide ratio): grow both to keep the ratio.
  const grow = Math.max(1, minSide / Math.min(w, h));
  w *= grow;
  h *= grow;
  // Too large for the limits: shrink both.
  const maxW = opts.maxWidth ?? Infinity;
  const maxH = opts.maxHeight ?? Infinity;
  const maxP = opts.maxPixels ?? Infinity;
  const shrink = Math.min(1, maxW / w, maxH / h, Math.sqrt(maxP / (w * h)));
  w *= shrink;
  h *= shrink;
  const round = (v: number, max: number) => {
    const r = Math.max(minSide, Math.round(v / multiple) * multiple);
    return r > max ? Math.max(minSide, Math.floor(max / multiple) * multiple) : r;
  };
  let width = round(w, maxW);
  let height = round(h, maxH);
  while (width * height > maxP && (width > minSide || height > minSide)) {
    if (width >= height && width > minSide) width -= multiple;
    else height -= multiple;
  }
  return { width, height };
}

/** The ratio of an image's own size, reduced a little for display (1536x1024 -> 3:2). */
export function aspectOf(width: number, height: number): Aspect {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = gcd(width, height);
  let a = { w: width / g, h: height / g };
  // Clamp extreme images to what sizes allow.
  if (a.w / a.h > 4) a = { w: 4, h: 1 };
  if (a.h / a.w > 4) a = { w: 1, h: 4 };
  return a;
}

export interface EditSizeLimits {
  /** Sides are multiples of this. */
  multiple: number;
  maxWidth?: number | null | undefined;
  maxHeight?: number | null | undefined;
  maxPixels?: number | null | undefined;
}

/**
 * The size of an edit's result from its source's size: the source's own (rounded to the model's multiple) for a
 * region, mask or zoom-out; half again as wide (left, right) or tall (up, down) for a pan. A result past the size
 * limits is refused with the limit named.
 */
export function editSize(
  edit: { kind: string; direction?: string },
  width: number,
  height: number,
  limits: EditSizeLimits,
): { width: number; height: number } {
  const m = Math.max(8, limits.multiple);
  const round = (v: number) => Math.max(m, Math.round(v / m) * m);
  const horizontal = edit.direction === 'left' || edit.direction === 'right';
  const grow = edit.kind === 'upscale' ? 2 : 1;
  const w = round(edit.kind === 'pan' && horizontal ? width * 1.5 : width * grow);
  const h = round(edit.kind === 'pan' && !horizontal ? height * 1.5 : height * grow);
  const kind = edit.kind === 'pan' ? 'pan' : edit.kind === 'upscale' ? 'upscale' : 'edit';
  const dir =
    edit.direction === 'left' || edit.direction === 'right' || edit.direction === 'up' || edit.direction === 'down'
      ? edit.direction
      : undefined;
  const direction = dir ? phrase(`editSize.dir.${dir}`) : (edit.direction ?? '');
  if (limits.maxWidth != null && w > limits.maxWidth) {
    throw userError('maxWidth', `editSize.${kind}Width`, { direction, width: w, max: limits.maxWidth });
  }
  if (limits.maxHeight != null && h > limits.maxHeight) {
    throw userError('maxHeight', `editSize.${kind}Height`, { direction, height: h, max: limits.maxHeight });
  }
  if (limits.maxPixels != null && w * h > limits.maxPixels) {
    throw userError('maxPixels', `editSize.${kind}Pixels`, {
      direction,
      width: w,
      height: h,
      pixels: w * h,
      max: limits.maxPixels,
    });
  }
  return { width: w, height: h };
}
