/**
 * From what a person typed to a request the pipeline can take: Midjourney-style flags inside the prompt
 * (`--ar 16:9 --seed 42 --no cars --steps 20`), aspect ratios mapped to sizes for the loaded model, and defaults.
 * Pure: no Discord, no SQL. Bad values throw a UserError that names the flag and what to write instead; flags that
 * are not understood are listed so the reply can say they were ignored.
 */
import { randomInt } from 'node:crypto';
import type { JobParams } from '../db/jobs.ts';
import { UserError } from '../errors.ts';

/** The aspect ratios offered as choices on /imagine. */
export const aspectChoices = ['1:1', '3:2', '2:3', '16:9', '9:16'] as const;

export interface Aspect {
  w: number;
  h: number;
}

/** What the prompt's flags asked for (each only when given). */
export interface PromptFlags {
  aspect?: Aspect | undefined;
  seed?: number | undefined;
  /** `--no a, b`: things to keep out, added to the negative prompt. */
  no?: string | undefined;
  steps?: number | undefined;
  guidance?: number | undefined;
}

export interface ParsedPrompt {
  /** The prompt with every flag removed. */
  prompt: string;
  flags: PromptFlags;
  /** Flags that were not understood, as written (`--chaos 50`): ignored, and the reply says so. */
  ignored: string[];
}

export const MAX_SEED = 0xffffffff;
const MAX_GUIDANCE = 30;

/** Flag names and their aliases (Midjourney's and the usual Stable Diffusion words). */
const aliases: Record<string, keyof PromptFlags> = {
  ar: 'aspect',
  aspect: 'aspect',
  seed: 'seed',
  sameseed: 'seed',
  no: 'no',
  steps: 'steps',
  guidance: 'guidance',
  cfg: 'guidance',
};

/**
 * Splits `text` into the prompt and its `--flag value` parts. A flag's value runs to the next flag (so `--no red
 * cars, trees` works). Phones turn `--` into an em or en dash; those count too.
 */
export function parsePromptFlags(text: string): ParsedPrompt {
  const normalized = text.replace(/(^|\s)(?:\u2014|\u2013|\u2012)(?=[a-z])/giu, '$1--');
  const parts = normalized.split(/(?:^|\s)--(?=[a-z])/iu);
  const promptParts = [(parts.shift() ?? '').trim()];
  const flags: PromptFlags = {};
  const ignored: string[] = [];
  for (const part of parts) {
    const m = /^([a-z]+)\s*([\s\S]*)$/iu.exec(part.trim());
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    let value = m[2]!.trim();
    const key = aliases[name];
    if (key && key !== 'no') {
      // One-word values: words after them belong to the prompt (`--ar 16:9 a cat`).
      const [first = '', ...rest] = value.split(/\s+/u);
      value = first;
      if (rest.length) promptParts.push(rest.join(' '));
    }
    if (!key) {
      ignored.push(`--${name}${value ? ` ${value}` : ''}`);
      continue;
    }
    switch (key) {
      case 'aspect':
        flags.aspect = parseAspect(value, `--${name}`);
        break;
      case 'seed':
        flags.seed = parseSeed(value, `--${name}`);
        break;
      case 'no':
        if (!value) throw new UserError('`--no` needs what to leave out, e.g. `--no cars, text`.', 'bad-flag');
        flags.no = flags.no ? `${flags.no}, ${value}` : value;
        break;
      case 'steps':
        flags.steps = parseWhole(value, `--${name}`, 1, 200);
        break;
      case 'guidance':
        flags.guidance = parseNumber(value, `--${name}`, 0, MAX_GUIDANCE);
        break;
    }
  }
  return { prompt: promptParts.filter(Boolean).join(' '), flags, ignored };
}

/** "16:9" (also "16x9", "16/9") -> {w: 16, h: 9}, within 4:1 either way. */
export function parseAspect(value: string, label = 'The aspect ratio'): Aspect {
  const m = /^(\d{1,3}(?:\.\d+)?)\s*[:x/]\s*(\d{1,3}(?:\.\d+)?)$/iu.exec(value.trim());
  const w = m ? Number(m[1]) : NaN;
  const h = m ? Number(m[2]) : NaN;
  if (!m || !(w > 0) || !(h > 0)) {
    throw new UserError(`${label} takes a ratio like 16:9, 3:2 or 1:1${value ? `, not "${value}"` : ''}.`, 'bad-flag');
  }
  if (w / h > 4 || h / w > 4) throw new UserError(`${label} ${value} is too extreme: use at most 4:1 or 1:4.`, 'bad-flag');
  return { w, h };
}

function parseSeed(value: string, label: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_SEED) {
    throw new UserError(`${label} takes a whole number from 0 to ${MAX_SEED}${value ? `, not "${value}"` : ''}.`, 'bad-flag');
  }
  return Number(value);
}

function parseWhole(value: string, label: string, min: number, max: number): number {
  const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) {
    throw new UserError(`${label} takes a whole number from ${min} to ${max}${value ? `, not "${value}"` : ''}.`, 'bad-flag');
  }
  return n;
}

function parseNumber(value: string, label: string, min: number, max: number): number {
  const n = /^\d{1,3}(?:\.\d{1,4})?$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) {
    throw new UserError(`${label} takes a number from ${min} to ${max}${value ? `, not "${value}"` : ''}.`, 'bad-flag');
  }
  return n;
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

export function randomSeed(): number {
  return randomInt(0, MAX_SEED + 1);
}

/** What the person asked for, from slash options and prompt flags (options win where both are given). */
export interface ImagineInput {
  prompt: string;
  negative?: string | null | undefined;
  aspect?: string | null | undefined;
  seed?: number | null | undefined;
  steps?: number | null | undefined;
  guidance?: number | null | undefined;
  count?: number | null | undefined;
  strength?: number | null | undefined;
}

/** Defaults that come from the model, the configuration and the member's /settings. */
export interface ImagineDefaults {
  sampleSize: number;
  steps: number;
  guidance: number;
  count: number;
  /** The member's saved aspect ratio (/settings), else 1:1. */
  aspect?: string | null | undefined;
  /** An uploaded image's own ratio, used when nobody named one. */
  imageAspect?: Aspect | undefined;
  maxWidth: number;
  maxHeight: number;
  maxPixels?: number | null | undefined;
  seed?: () => number;
}

export interface ImagineRequest {
  prompt: string;
  negativePrompt: string | undefined;
  width: number;
  height: number;
  aspect: string;
  steps: number;
  guidanceScale: number;
  seed: number;
  count: number;
  strength: number | undefined;
  /** Flags that were ignored, for the reply. */
  ignored: string[];
}

export const MAX_PROMPT_CHARS = 1000;

/** Prompt flags + options + defaults -> one request, checked for sense (limits are checked by the caller). */
export function resolveImagine(input: ImagineInput, d: ImagineDefaults): ImagineRequest {
  const parsed = parsePromptFlags(input.prompt);
  const prompt = parsed.prompt;
  if (prompt.length > MAX_PROMPT_CHARS) {
    throw new UserError(`The prompt is ${prompt.length} characters long; keep it under ${MAX_PROMPT_CHARS}.`, 'bad-prompt');
  }
  const f = parsed.flags;
  const negatives = [input.negative?.trim(), f.no].filter((s): s is string => !!s);
  const aspectText = input.aspect ?? undefined;
  const aspect = aspectText ? parseAspect(aspectText) : (f.aspect ?? (d.aspect ? parseAspect(d.aspect) : d.imageAspect) ?? { w: 1, h: 1 });
  const size = sizeForAspect(aspect, {
    sampleSize: d.sampleSize,
    maxWidth: d.maxWidth,
    maxHeight: d.maxHeight,
    maxPixels: d.maxPixels,
  });
  const steps = input.steps ?? f.steps ?? d.steps;
  const guidanceScale = input.guidance ?? f.guidance ?? d.guidance;
  const seed = input.seed ?? f.seed ?? (d.seed ?? randomSeed)();
  const count = input.count ?? d.count;
  const strength = input.strength ?? undefined;
  if (!Number.isSafeInteger(steps) || steps < 1) throw new UserError('Steps must be a whole number of at least 1.', 'bad-steps');
  if (!Number.isSafeInteger(count) || count < 1) throw new UserError('Ask for at least one image.', 'bad-count');
  if (!(seed >= 0 && seed <= MAX_SEED) || !Number.isInteger(seed)) {
    throw new UserError(`The seed must be a whole number from 0 to ${MAX_SEED}.`, 'bad-seed');
  }
  if (!(guidanceScale >= 0 && guidanceScale <= MAX_GUIDANCE)) {
    throw new UserError(`Guidance must be from 0 to ${MAX_GUIDANCE}.`, 'bad-guidance');
  }
  if (strength !== undefined && !(strength > 0 && strength <= 1)) {
    throw new UserError('Strength must be more than 0 and at most 1 (how far to move away from your image).', 'bad-strength');
  }
  return {
    prompt,
    negativePrompt: negatives.length ? negatives.join(', ') : undefined,
    ...size,
    aspect: formatAspect(aspect),
    steps,
    guidanceScale,
    seed,
    count,
    strength,
    ignored: parsed.ignored,
  };
}

/** "--chaos 50 and --v 6 were not understood, so they were ignored." */
export function ignoredNote(ignored: readonly string[]): string | undefined {
  if (!ignored.length) return undefined;
  const list = ignored.map((s) => `\`${s.length > 40 ? `${s.slice(0, 40)}…` : s}\``);
  const joined = list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]!}`;
  return `${joined} ${list.length === 1 ? 'was' : 'were'} not understood, so ${list.length === 1 ? 'it was' : 'they were'} ` +
    'ignored (I understand --ar, --seed, --no, --steps and --guidance).';
}

/**
 * What the bot keeps next to a job's pipeline parameters (in the same JSON), so that delivery after a restart
 * still knows how to post: whether as a spoiler, the upload limit of the place it was asked in, notes for the
 * reply, and the aspect ratio as asked.
 */
export interface DiscordExtras {
  spoiler?: boolean | undefined;
  /** The interaction's attachment_size_limit in bytes (10 MiB when Discord did not say). */
  attachmentSizeLimit?: number | undefined;
  /** Shown under the result, e.g. flags that were ignored. */
  notes?: string[] | undefined;
  aspect?: string | undefined;
  /** Where an img2img job's picture came from: an upload on /imagine, or a message ("Vary this image"). */
  source?: 'upload' | 'message' | undefined;
}

export type BotJobParams = JobParams & DiscordExtras;

export function extrasOf(params: JobParams): DiscordExtras {
  return params as BotJobParams;
}

/** img2img strengths for the single-image buttons and for "Vary this image". */
export const SUBTLE_STRENGTH = 0.35;
export const STRONG_STRENGTH = 0.7;
export const VARY_STRENGTH = 0.6;
export const MESSAGE_VARY_STRENGTH = 0.5;

/**
 * Image-to-image runs only steps x strength of the schedule, so at least one step must remain: a subtle variation
 * (0.35) of a 1-step Turbo image needs 3 steps. Raises the steps just enough.
 */
export function stepsForStrength(steps: number, strength: number | undefined): number {
  if (strength === undefined || strength <= 0) return steps;
  return Math.max(steps, Math.ceil(1 / strength - 1e-9));
}
