/**
 * The narrow types shared by the pipeline, the inference process and their callers (queue, bot, CLI).
 * Nothing here knows about Discord or SQL.
 */
import type { EditSpec, RequestCore } from '../request/request.ts';

/** Schedulers the pipeline can step with. `default` means the class named in the model's scheduler_config.json. */
export const schedulerNames = [
  'pndm',
  'euler',
  'euler-ancestral',
  'ddim',
  'ddpm',
  'lms',
  'lms-karras',
  'heun',
  'unipc',
  'dpmpp-2m',
  'dpmpp-2m-karras',
  'dpmpp-2m-sde',
  'dpmpp-2m-sde-karras',
  'lcm',
] as const;
export type SchedulerName = (typeof schedulerNames)[number];

/** The names users know from AUTOMATIC1111's web UI (and most bots), one per scheduler. */
export const schedulerLabels: Readonly<Record<SchedulerName, string>> = {
  pndm: 'PNDM',
  euler: 'Euler',
  'euler-ancestral': 'Euler a',
  ddim: 'DDIM',
  ddpm: 'DDPM',
  lms: 'LMS',
  'lms-karras': 'LMS Karras',
  heun: 'Heun',
  unipc: 'UniPC',
  'dpmpp-2m': 'DPM++ 2M',
  'dpmpp-2m-karras': 'DPM++ 2M Karras',
  'dpmpp-2m-sde': 'DPM++ 2M SDE',
  'dpmpp-2m-sde-karras': 'DPM++ 2M SDE Karras',
  lcm: 'LCM',
};

function normaliseSchedulerInput(input: string): string {
  return input
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

const schedulerLookup: ReadonlyMap<string, SchedulerName> = new Map(
  schedulerNames
    .flatMap((name) => {
      return [name, schedulerLabels[name]].map((k) => [normaliseSchedulerInput(k), name] as const);
    })
    .concat([
      ['k euler', 'euler'],
      ['k euler a', 'euler-ancestral'],
      ['k euler ancestral', 'euler-ancestral'],
      ['k lms', 'lms'],
      ['k heun', 'heun'],
      ['plms', 'pndm'],
      ['dpmpp 2m', 'dpmpp-2m'],
      ['dpmpp 2m karras', 'dpmpp-2m-karras'],
      ['dpmpp 2m sde', 'dpmpp-2m-sde'],
      ['dpmpp 2m sde karras', 'dpmpp-2m-sde-karras'],
    ] as const),
);

/**
 * A scheduler as a user types it: an internal name ("dpmpp-2m-karras"), its A1111 label ("DPM++ 2M Karras"), or a
 * common spelling of either (any case, spaces or underscores for hyphens, "k_euler_a", "PLMS"). Undefined when unknown.
 */
export function parseSchedulerName(input: string): SchedulerName | undefined {
  return schedulerLookup.get(normaliseSchedulerInput(input));
}

/** "Euler, Euler a, DDIM, ..." for refusals and help texts. */
export function schedulerChoices(): string {
  return schedulerNames.map((n) => schedulerLabels[n]).join(', ');
}

/**
 * One job's share of a batched request (see GenerateRequest.batch): its own prompt and negative prompt, and `count`
 * images with the consecutive seeds seed, seed + 1, ... (mod 2^32), exactly as the job would get alone.
 */
export interface BatchEntry {
  prompt: string;
  negativePrompt?: string | undefined;
  seed: number;
  count: number;
}

/**
 * One text-to-image or image-to-image request, as the pipeline takes it: the one request's core fields
 * (src/request/request.ts: prompt, size, steps, guidance, seed, count, scheduler, strength; sizes in pixels) and
 * the image data. Checked against the model by the pipeline's checkInputs.
 */
export interface GenerateRequest extends RequestCore {
  /**
   * The installed model to run it on, by name (its folder under the models root); absent: the inference process's
   * default model. The pipeline itself ignores it: the inference process picks the pipeline.
   */
  model?: string | undefined;
  /** Encoded image (PNG/JPEG/WebP bytes) for image-to-image; resized to width x height. */
  initImage?: Uint8Array | undefined;
  /**
   * Inpainting: a mask image over initImage (white = repaint, black = keep, grey = partial; resized to width x
   * height). Strength defaults to 1 with a mask. Outside the feathered edge the result keeps initImage's pixels.
   */
  mask?: Uint8Array | undefined;
  /**
   * The edit this request makes (recorded in the PNG parameters). A region, zoom-out or pan edit builds its own
   * canvas and mask from initImage at width x height (src/diffusion/canvas.ts); a 'mask' edit uses `mask`.
   */
  edit?: EditSpec | undefined;
  /** Raw float32 latents of shape [count, 4, height/8, width/8] used instead of the seeded noise. */
  initLatents?: Float32Array | undefined;
  /**
   * Ask for preview images with the progress events: one only when it will be shown (see PREVIEW_INTERVAL_MS), not
   * one a step.
   */
  preview?: boolean | undefined;
  /**
   * Several jobs in one UNet batch (text-to-image only): the images are entry 0's, then entry 1's, ..., each image
   * with its entry's prompts and seeds, and each the image the entry gets as a request of its own.
   * Absent: one entry made of prompt, negativePrompt, seed and count. When present, prompt, negativePrompt and
   * seed must be entry 0's and count the sum of the entries' counts, so that a reader of those fields alone sees
   * the first job and the total.
   */
  batch?: readonly BatchEntry[] | undefined;
  /**
   * Results shown in Discord: images whose shorter side is under this many pixels also get a `display` copy enlarged
   * by the installed upscaler (none without one: the bot then enlarges with Lanczos). Absent: none.
   */
  displayMinSide?: number | undefined;
}

/** An image enlarged for display only (src/upscale/display.ts); never stored. */
export interface DisplayImage {
  png: Uint8Array;
  width: number;
  height: number;
}

export interface GeneratedImage {
  /** PNG bytes with a `parameters` text chunk. */
  png: Uint8Array;
  seed: number;
  width: number;
  height: number;
  /** The image enlarged by the upscaler for display (GenerateRequest.displayMinSide). */
  display?: DisplayImage | undefined;
}

export interface StageTimings {
  tokenizeMs: number;
  encodeMs: number;
  /** One entry per UNet step (including scheduler math). */
  stepMs: number[];
  decodeMs: number;
  pngMs: number;
  totalMs: number;
  /** Sum of raw session.run() times across all models. */
  sessionRunMs: number;
  /** Time spent making previews (TAESD or the approximation, and their PNGs), inside the step loop. */
  previewMs?: number | undefined;
  /**
   * UNet session runs of the denoising loop (a step runs one per prompt length, more with a fixed-batch export):
   * what shows whether batched jobs shared their calls.
   */
  unetCalls?: number | undefined;
}

/**
 * The least time between two previews: the bot edits a member's message at most this often (delivery.ts), so a
 * preview made sooner would never be seen. The pipeline waits at least this long after one before making the next.
 */
export const PREVIEW_INTERVAL_MS = 1500;

export interface GenerateResult {
  images: GeneratedImage[];
  timings: StageTimings;
  /** What the pipeline actually did, for logs, replies and the PNG parameters. */
  info: {
    model: string;
    scheduler: string;
    steps: number;
    guidanceScale: number;
    /** Prompt tokens (without BOS/EOS) and how many were dropped because the model reads fewer. */
    tokenCount: number;
    truncatedTokens: number;
    /** With request.batch only: each entry's own counts, in order (the two fields above are entry 0's). */
    batchTokens?: { tokenCount: number; truncatedTokens: number }[] | undefined;
    executionProvider: string;
  };
}

export interface StepProgress {
  /** 1-based step just finished. */
  step: number;
  totalSteps: number;
  /** A small PNG preview made from the latents without the VAE (only when requested). */
  preview?: Uint8Array | undefined;
}

export interface GenerateOptions {
  signal?: AbortSignal | undefined;
  onStep?: ((progress: StepProgress) => void) | undefined;
  /** Called when the request's model is not loaded and loading it starts (it takes a while): the member is told. */
  onLoading?: ((model: string) => void) | undefined;
}

/** What a loaded model says about itself (for /info, replies, ETAs). */
export interface ModelInfo {
  name: string;
  dir: string;
  /** e.g. 'sd15', 'sd21', 'sd-turbo', 'lcm', 'demo', 'tiny'. */
  family: string;
  /** Native training resolution in pixels (512 for SD 1.x, 64 for the demo model). */
  sampleSize: number;
  defaultSteps: number;
  defaultGuidance: number;
  defaultScheduler: string;
  /** True when guidance is never used (Turbo/LCM). */
  guidanceFree: boolean;
  supportsImg2Img: boolean;
  executionProvider: string;
  dtype: 'float32' | 'float16';
}

/** Seed of image i of a request (or batch entry) whose first image has `seed`: seed + i, wrapped to 32 bits. */
export function seedOf(seed: number, i: number): number {
  return (seed + i) >>> 0;
}
