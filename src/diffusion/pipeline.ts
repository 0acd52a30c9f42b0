/**
 * Text-to-image and image-to-image, read top to bottom like diffusers' StableDiffusionPipeline.__call__ and
 * StableDiffusionImg2ImgPipeline.__call__:
 *
 *   checkInputs -> encodePrompts -> prepareTimesteps -> prepareLatents (noise, given latents, or the VAE-encoded init
 *   image noised at the first remaining timestep) -> denoising loop (scaleModelInput, UNet on [uncond, cond] in one
 *   batch, guidance, scheduler.step) -> decodeLatents -> toPng
 *
 * A text-to-image request may carry several jobs (`batch`: a prompt, negative prompt and seeds each, for the queue's
 * batching). Nothing is padded or shared across jobs, so each image is the one its job gets alone (byte for byte
 * wherever the execution provider's results do not depend on the batch size, as on the CPU).
 *
 * Inpainting (`mask` over `initImage`, diffusers' StableDiffusionInpaintPipeline) is the same loop: the latents start
 * from noise (strength 1, the default with a mask) or the noised image; a 9-channel inpainting UNet also reads the
 * mask at latent resolution and the VAE latents of the masked image; any other UNet gets the kept region replaced
 * by the source latents noised to the next step after every step (so only the mask changes). After decoding, the
 * source's own pixels are composited back outside the feathered mask edge.
 *
 * The LCM variant (no CFG batch; the guidance scale enters as a `timestep_cond` embedding; decode `denoised`) is the
 * same loop with two branches. Every model input's name, dtype and shape convention comes from session metadata
 * (see model.ts). Cancellation is an AbortSignal checked between steps.
 */
import sharp from 'sharp';
import { CancelledError, UserError, throwIfAborted } from '../errors.ts';
import { describeEdit } from '../request/request.ts';
import { createUpscaleService } from '../upscale/run.ts';
import { editCanvas } from './canvas.ts';
import { annealCondition, chaosGamma, imageChaosOf } from './chaos.ts';
import { binarize, composite, featherMask, featherRadius, latentMask, loadMask, maskedImage } from './mask.ts';
import { loadModel, samplerDisplayName, type LoadedModel, type LoadOptions } from './model.ts';
import { encodePng, formatParameters } from './png.ts';
import { emptyChunk, tokenizePrompt, type PromptChunk, type TokenizedPrompt } from './prompt.ts';
import { createScheduler, img2imgTimesteps, lcmGuidanceEmbedding, type Scheduler } from './schedulers/index.ts';
import { sessionRunMs } from './session.ts';
import type { ThreadChoice } from './threads.ts';
import {
  batchRandn,
  concatBatch,
  createRandom,
  floatTensor,
  imageToRgb,
  latentsToPreviewRgb,
  intTensor,
  readFloats,
  rgbToImage,
  timestepTensor,
  type Random,
} from './tensors.ts';
import {
  seedOf,
  type BatchEntry,
  type GenerateOptions,
  type GenerateRequest,
  type GenerateResult,
  type GeneratedImage,
  type ModelInfo,
  type SchedulerName,
  type StageTimings,
  PREVIEW_INTERVAL_MS,
} from './types.ts';

/** Hard ceilings the pipeline enforces itself (the bot's per-guild limits are lower and checked upstream). */
export interface PipelineBounds {
  maxWidth: number;
  maxHeight: number;
  maxSteps: number;
  maxImages: number;
  /**
   * MAX_BATCH_LATENTS: the most latents (one per image) one UNet call evaluates; a request with more (a job larger
   * than the limit, or a batch formed by a bot with a higher one) runs its UNet in several calls per step, each with
   * the same results. Classifier-free guidance doubles the rows of a call. Absent: all of a request's latents at once.
   */
  maxBatchLatents?: number | undefined;
  /** Smallest width/height in pixels (default 64). */
  minSize?: number | undefined;
}

/**
 * The most images one batched request may carry in all (MAX_BATCH_LATENTS' ceiling): a host with a lower
 * maxBatchLatents than the bot that formed the batch runs it in more UNet calls.
 */
export const MAX_BATCH_IMAGES = 64;

export const DEFAULT_BOUNDS: PipelineBounds = {
  maxWidth: 2048,
  maxHeight: 2048,
  maxSteps: 200,
  maxImages: 16,
  minSize: 64,
};

export interface PipelineOptions extends LoadOptions {
  bounds?: Partial<PipelineBounds> | undefined;
  /**
   * Least time between two previews (default PREVIEW_INTERVAL_MS, the bot's edit interval); 0: a preview after every
   * step (the bench's baseline, tests).
   */
  previewIntervalMs?: number | undefined;
}

export interface Pipeline {
  readonly info: ModelInfo;
  /** The CPU threads its sessions use, and why (threads.ts). */
  readonly threads: ThreadChoice;
  generate(req: GenerateRequest, opts?: GenerateOptions): Promise<GenerateResult>;
  release(): Promise<void>;
}

export async function createPipeline(modelDir: string, options: PipelineOptions): Promise<Pipeline> {
  const model = await loadModel(modelDir, options);
  const bounds: PipelineBounds = { ...DEFAULT_BOUNDS, ...stripUndefined(options.bounds ?? {}) };
  // Upscale (Subtle) is served wherever the pipeline runs, by the upscaler (src/upscale/), not the denoising loop.
  const upscales = createUpscaleService(model.dir, options);
  return {
    info: model.info,
    threads: model.threads,
    generate: async (req, opts) => {
      const result =
        req.edit?.kind === 'upscale' && req.edit.mode === 'subtle'
          ? await upscales.run(req, model.info)
          : await generate(model, bounds, req, opts ?? {}, options.previewIntervalMs ?? PREVIEW_INTERVAL_MS);
      // Small results shown in Discord: copies enlarged by the installed upscaler (src/upscale/display.ts).
      return req.displayMinSide ? upscales.addDisplay(result, req.displayMinSide) : result;
    },
    release: async () => {
      await upscales.release();
      await model.release();
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const now = (): number => performance.now();

// ---------------------------------------------------------------------------------------------------------------
// __call__

async function generate(
  model: LoadedModel,
  bounds: PipelineBounds,
  request: GenerateRequest,
  opts: GenerateOptions,
  previewIntervalMs: number,
): Promise<GenerateResult> {
  let req = request;
  const start = now();
  const runStart = sessionRunMs();
  const { signal, onStep } = opts;
  const timings: StageTimings = {
    tokenizeMs: 0,
    encodeMs: 0,
    stepMs: [],
    decodeMs: 0,
    pngMs: 0,
    totalMs: 0,
    sessionRunMs: 0,
  };

  // 1. Check inputs (the scheduler and its step count too: an unknown name or an unusable count is refused before any
  // work).
  checkInputs(model, bounds, req);
  // A region, zoom-out or pan edit: its canvas (the init image) and mask, built from the source at the request's size.
  if (req.edit && req.edit.kind !== 'mask' && req.edit.kind !== 'upscale')
    req = { ...req, ...(await editCanvas(req.edit, req.initImage!, req.width, req.height)) };
  const scheduler = createScheduler(model.schedulerConfig, req.scheduler ?? model.schedulerChoice);
  throwIfAborted(signal);
  const { width, height, count } = req;
  const isLcm = !!model.unetIo.timestepCond;
  // Guidance is off when the scale is <= 1 or the model is guidance-free (Turbo; LCM embeds the scale instead).
  const doClassifierFreeGuidance = req.guidanceScale > 1 && !model.info.guidanceFree && !isLcm;
  // Image i belongs to entry imageEntry[i] (one entry unless the request batches several jobs) and has its own seed.
  const entries = batchEntries(req);
  const imageEntry = entries.flatMap((e, j) => Array.from({ length: e.count }, () => j));
  const imageSeeds = entries.flatMap((e) => Array.from({ length: e.count }, (_, i) => seedOf(e.seed, i)));

  // 2. Encode the prompts (and the negative prompts when guidance is on), each distinct text once.
  const prompts = await encodePrompts(model, entries, doClassifierFreeGuidance, timings);
  const imagePrompts = imageEntry.map((j) => prompts[j]!);
  // --chaos: each image's own direction for its conditioning and its own guidance scale (chaos.ts), from its seed.
  const chaos = req.chaos ?? 0;
  const imageChaos =
    chaos > 0
      ? imagePrompts.map((p, i) => imageChaosOf(imageSeeds[i]!, p.cond.length, req.guidanceScale, chaos))
      : undefined;
  const chaosDirections = imageChaos?.map((c) => c.direction);
  const imageGuidance = imageChaos?.map((c) => c.guidanceScale);
  throwIfAborted(signal);

  // 3. Timesteps (img2img starts part-way, at the step that `strength` selects).
  const isImg2Img = req.initImage !== undefined;
  const strength = req.strength ?? 1;
  let timesteps: number[];
  if (isImg2Img) {
    timesteps = Array.from(img2imgTimesteps(scheduler, req.steps, strength));
    if (timesteps.length === 0) {
      throw new UserError(
        `With ${req.steps} step(s) and strength ${strength} no denoising step is left. Raise the steps or the strength (steps x strength must be at least 1).`,
        'bad-strength',
      );
    }
  } else {
    scheduler.setTimesteps(req.steps);
    timesteps = Array.from(scheduler.timesteps);
  }

  // 4. Latents: per-image generators with seeds seed, seed+1, ... (each entry's own in a batch). With a mask: the
  // mask, the source pixels and latents for blending and compositing, and the 9-channel UNet's extra inputs.
  const generators = imageSeeds.map((seed) => createRandom(seed));
  const f = model.vaeScaleFactor;
  const latentShape = [count, model.latentChannels, height / f, width / f];
  let latents: Float32Array;
  let masked: MaskedInputs | undefined;
  let resizeMode: string | undefined;
  if (req.mask !== undefined) {
    masked = await prepareMaskedLatents(model, scheduler, req, generators, timesteps[0]!, strength);
    latents = masked.latents;
  } else if (isImg2Img) {
    ({ latents, resizeMode } = await prepareImg2ImgLatents(model, scheduler, req, generators, timesteps[0]!));
  } else {
    latents = prepareLatents(scheduler, latentShape, generators, req.initLatents);
  }
  const unetExtra =
    model.unetInChannels > model.latentChannels ? await inpaintUnetInputs(model, req, generators, masked) : undefined;
  const blend = masked && !unetExtra ? masked : undefined;

  // 5. LCM: the guidance scale as an embedding of w = guidance - 1 (diffusers' LatentConsistencyModelPipeline).
  const timestepCond = isLcm ? lcmTimestepCond(model, req.guidanceScale, count) : undefined;

  // 6. Denoising loop.
  let denoised: Float32Array | undefined;
  const totalSteps = timesteps.length;
  const previews = req.preview && onStep ? previewSchedule(previewIntervalMs, totalSteps) : undefined;
  for (let i = 0; i < totalSteps; i++) {
    if (signal?.aborted) throw new CancelledError();
    const stepStart = now();
    const t = timesteps[i]!;
    let latentModelInput = scheduler.scaleModelInput(latents, t);
    // A 9-channel inpainting UNet reads [latents, mask, masked image latents] on the channel axis.
    if (unetExtra)
      latentModelInput = concatChannels(latentModelInput, latentShape, unetExtra, 1 + model.latentChannels);
    // --chaos moves each image's conditioning while the picture is still mostly noise.
    const stepPrompts = chaosDirections
      ? chaosPrompts(imagePrompts, chaosDirections, chaos, chaosGamma(t, scheduler.numTrainTimesteps))
      : imagePrompts;
    const noisePred = await predictNoise(
      model,
      latentModelInput,
      t,
      stepPrompts,
      latentShape,
      doClassifierFreeGuidance,
      imageGuidance ?? req.guidanceScale,
      timestepCond,
      { maxRows: (bounds.maxBatchLatents ?? Infinity) * (doClassifierFreeGuidance ? 2 : 1), timings },
    );
    const out = scheduler.step(noisePred, t, latents, (n: number) => batchRandn(generators, n));
    latents = out.prevSample;
    denoised = out.denoised;
    // Any other UNet: the kept region becomes the source latents noised to the next timestep (the clean ones after the last).
    if (blend) latents = blendKept(scheduler, blend, latents, latentShape, timesteps[i + 1]);
    timings.stepMs.push(now() - stepStart);
    if (onStep) {
      let preview: Uint8Array | undefined;
      if (previews?.due(i)) {
        const previewStart = now();
        preview = await previewPng(model, out.denoised ?? out.predOriginalSample ?? latents, latentShape);
        const cost = now() - previewStart;
        previews.made(cost);
        timings.previewMs = (timings.previewMs ?? 0) + cost;
      }
      onStep({ step: i + 1, totalSteps, preview });
    }
  }
  throwIfAborted(signal);

  // 7. Decode (LCM decodes the last `denoised`, which equals the final prevSample on the last step).
  const decodeStart = now();
  const finalLatents = isLcm && denoised ? denoised : latents;
  let rgbImages =
    req.decoder === 'taesd'
      ? await decodeWithTaesd(model, finalLatents, latentShape, signal)
      : await decodeLatents(model, finalLatents, latentShape, signal);
  // With a mask, outside the feathered edge every pixel is the source's own.
  if (masked) rgbImages = rgbImages.map((rgb) => composite(masked.sourceRgb, rgb, masked.alpha));
  timings.decodeMs = now() - decodeStart;

  // 8. PNG with the parameters chunk.
  const pngStart = now();
  const schedulerName = req.scheduler ?? model.info.defaultScheduler;
  // The guidance actually applied (0 when off), so the parameters reproduce the image in other tools too.
  const effectiveGuidance = doClassifierFreeGuidance || isLcm ? req.guidanceScale : 0;
  const images: GeneratedImage[] = [];
  for (let i = 0; i < count; i++) {
    const seed = imageSeeds[i]!;
    const entry = entries[imageEntry[i]!]!;
    const parameters = formatParameters({
      prompt: entry.prompt,
      negativePrompt: entry.negativePrompt,
      steps: req.steps,
      sampler: samplerDisplayName(schedulerName),
      cfgScale: effectiveGuidance,
      seed,
      width,
      height,
      model: model.info.name,
      denoisingStrength: isImg2Img ? strength : undefined,
      chaos: chaos > 0 ? chaos : undefined,
      maskBlur: masked?.featherRadius,
      resizeMode,
      edit: req.edit && describeEdit(req.edit),
      vae: req.decoder === 'taesd' ? 'TAESD' : undefined,
    });
    images.push({ png: await encodePng(rgbImages[i]!, width, height, parameters), seed, width, height });
  }
  timings.pngMs = now() - pngStart;
  timings.totalMs = now() - start;
  timings.sessionRunMs = sessionRunMs() - runStart;
  return {
    images,
    timings,
    info: {
      model: model.info.name,
      scheduler: schedulerName,
      steps: totalSteps,
      guidanceScale: effectiveGuidance,
      tokenCount: prompts[0]!.tokenCount,
      truncatedTokens: prompts[0]!.truncatedTokens,
      ...(req.batch && {
        batchTokens: prompts.map((e) => ({ tokenCount: e.tokenCount, truncatedTokens: e.truncatedTokens })),
      }),
      executionProvider: model.info.executionProvider,
    },
  };
}

/** Each image's prompt with its conditioning moved by --chaos at this step (chaos.ts); the same objects when none moves. */
function chaosPrompts(
  prompts: readonly EncodedPrompt[],
  directions: readonly Float32Array[],
  chaos: number,
  gamma: number,
): readonly EncodedPrompt[] {
  if (gamma >= 1) return prompts;
  return prompts.map((p, i) => ({ ...p, cond: annealCondition(p.cond, p.hidden, directions[i]!, chaos, gamma) }));
}

/** The request's entries: req.batch, or the one entry its own prompt, negative prompt, seed and count make. */
function batchEntries(req: GenerateRequest): readonly BatchEntry[] {
  return req.batch ?? [{ prompt: req.prompt, negativePrompt: req.negativePrompt, seed: req.seed, count: req.count }];
}

// ---------------------------------------------------------------------------------------------------------------
// 1. checkInputs

/**
 * Rejects what the pipeline cannot do with a UserError saying what to change. An empty prompt from pure noise is
 * refused (unlike diffusers, which samples unconditionally): it is almost always a mistake, and refusing here gives
 * the bot and the CLI the same message. From an init image it is allowed: a variation of that image, unconditioned.
 */
export function checkInputs(model: LoadedModel, bounds: PipelineBounds, req: GenerateRequest): void {
  const minSize = bounds.minSize ?? 64;
  // Sizes are multiples of 8 (the UNets' own down- and upsampling need it), and of the VAE's factor when larger.
  const multiple = Math.max(8, model.vaeScaleFactor);
  // From an image, an empty prompt is a plain variation of it (run unconditioned: the caller turns guidance off).
  if (req.initImage === undefined || typeof req.prompt !== 'string') checkPrompt(req.prompt);
  for (const [name, value, max] of [
    ['width', req.width, bounds.maxWidth],
    ['height', req.height, bounds.maxHeight],
  ] as const) {
    if (!Number.isInteger(value) || value % multiple !== 0 || value < minSize || value > max) {
      throw new UserError(
        `The ${name} must be a multiple of ${multiple} between ${minSize} and ${max} pixels (got ${value}).`,
        'bad-size',
      );
    }
  }
  if (!Number.isInteger(req.steps) || req.steps < 1 || req.steps > bounds.maxSteps) {
    throw new UserError(
      `Steps must be a whole number between 1 and ${bounds.maxSteps} (got ${req.steps}).`,
      'bad-steps',
    );
  }
  // A batch's total may pass one job's limit (checkBatch checks each job's count and the total).
  const mostImages = req.batch ? MAX_BATCH_IMAGES : bounds.maxImages;
  if (!Number.isInteger(req.count) || req.count < 1 || req.count > mostImages) {
    throw new UserError(`The number of images must be between 1 and ${mostImages} (got ${req.count}).`, 'bad-count');
  }
  if (!Number.isFinite(req.guidanceScale) || req.guidanceScale < 0 || req.guidanceScale > 30) {
    throw new UserError(`Guidance must be between 0 and 30 (got ${req.guidanceScale}).`, 'bad-guidance');
  }
  checkSeed(req.seed);
  if (req.initImage !== undefined && !model.vaeEncoder) {
    throw new UserError(
      `The model ${model.info.name} has no VAE encoder (vae_encoder/model.onnx), so it cannot start from an image.`,
      'no-img2img',
    );
  }
  if (req.strength !== undefined && (!Number.isFinite(req.strength) || req.strength <= 0 || req.strength > 1)) {
    throw new UserError(`Strength must be greater than 0 and at most 1 (got ${req.strength}).`, 'bad-strength');
  }
  if (req.initImage !== undefined && req.initLatents)
    throw new UserError('Give either an init image or init latents, not both.', 'bad-request');
  if (req.mask !== undefined && req.initImage === undefined) {
    throw new UserError('A mask needs the image it applies to: give an init image as well.', 'bad-mask');
  }
  if (req.edit && req.initImage === undefined) {
    throw new UserError(
      `An edit (${describeEdit(req.edit)}) needs the image it applies to: give an init image as well.`,
      'bad-request',
    );
  }
  if (req.edit?.kind === 'mask' && req.mask === undefined) throw new UserError('A mask edit needs a mask.', 'bad-mask');
  if (req.decoder === 'taesd' && !model.taesd) {
    throw new UserError(
      `The fast decoder (TAESD) is not installed for the model ${model.info.name}. ` +
        'Run `npm run models -- pull taesd`, or leave the decoder on the full VAE.',
      'no-taesd',
    );
  }
  if (model.unetInChannels > model.latentChannels && req.initLatents) {
    throw new UserError(
      'An inpainting model cannot start from given latents; give an image (and a mask) instead.',
      'bad-request',
    );
  }
  if (req.initLatents) {
    const f = model.vaeScaleFactor;
    const expected = req.count * model.latentChannels * (req.height / f) * (req.width / f);
    if (req.initLatents.length !== expected) {
      throw new UserError(
        `The init latents hold ${req.initLatents.length} numbers; ${req.count} image(s) of ${req.width}x${req.height} need ` +
          `${expected} (float32 [${req.count}, ${model.latentChannels}, ${req.height / f}, ${req.width / f}]).`,
        'bad-latents',
      );
    }
  }
  if (req.batch !== undefined) checkBatch(req, req.batch, bounds.maxImages);
  checkSchedulerSteps(model, bounds, req);
}

function checkPrompt(prompt: unknown): void {
  if (typeof prompt !== 'string' || prompt.trim() === '') {
    throw new UserError('The prompt is empty: describe the picture you want.', 'empty-prompt');
  }
}

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new UserError(`The seed must be a whole number between 0 and 4294967295 (got ${seed}).`, 'bad-seed');
  }
}

/**
 * A batch's entries are jobs people asked for: each gets the single request's checks, with the same messages. Its
 * consistency with the top-level fields is the caller's (the queue's) business, so a mismatch is a bug, not a
 * UserError.
 */
function checkBatch(req: GenerateRequest, batch: readonly BatchEntry[], maxImages: number): void {
  const first = batch[0];
  if (!first) throw new Error('GenerateRequest.batch is empty; leave it out for a request of one prompt.');
  if (req.initImage !== undefined || req.mask !== undefined) {
    throw new UserError(
      'Only text-to-image requests can be batched; send an image-to-image request on its own.',
      'bad-request',
    );
  }
  let total = 0;
  for (const e of batch) {
    checkPrompt(e.prompt);
    if (!Number.isInteger(e.count) || e.count < 1 || e.count > maxImages) {
      throw new UserError(`The number of images must be between 1 and ${maxImages} (got ${e.count}).`, 'bad-count');
    }
    checkSeed(e.seed);
    total += e.count;
  }
  if (
    total !== req.count ||
    first.prompt !== req.prompt ||
    (first.negativePrompt ?? '') !== (req.negativePrompt ?? '') ||
    first.seed !== req.seed
  ) {
    throw new Error(
      `GenerateRequest.batch does not match the request: count must be the entries' total (${total}, got ` +
        `${req.count}) and prompt, negativePrompt and seed entry 0's.`,
    );
  }
}

/**
 * Refuses a step count the scheduler accepts in setTimesteps but cannot run, naming the most this model and scheduler
 * can take. Known cases (each matches what diffusers computes, where it fails or silently misbehaves): "leading"
 * spacing with steps_offset 1 puts PNDM's and DDIM's first timestep at num_train_timesteps at that many steps (past
 * the last trained one); "trailing" spacing's np.arange grid gains a spurious timestep -1 at some counts (61, 103,
 * 121... of 1000); DPM-Solver++ 2M repeats a sigma near num_train_timesteps and divides by zero. Rather than encode
 * each scheduler's arithmetic here, the check runs the schedule itself on a one-number sample (pure math, about a
 * microsecond a step). The scheduler's own refusals (a UserError: LCM's distilled maximum, more steps than
 * num_train_timesteps) pass through unchanged.
 */
function checkSchedulerSteps(model: LoadedModel, bounds: PipelineBounds, req: GenerateRequest): void {
  const chosen = req.scheduler ?? model.schedulerChoice;
  const failure = scheduleFailure(model, chosen, req.steps);
  if (failure === undefined) return;
  if (failure instanceof UserError) throw failure;
  const name = samplerDisplayName(chosen ?? model.info.defaultScheduler);
  const max = maxSchedulerSteps(model, chosen, bounds.maxSteps);
  if (max === 0) {
    throw new UserError(
      `The ${name} scheduler cannot run with this model's scheduler settings; pick another scheduler.`,
      'bad-scheduler',
    );
  }
  if (req.steps > max) {
    throw new UserError(
      `With this model the ${name} scheduler can take at most ${max} steps (got ${req.steps}). Use ${max} or fewer.`,
      'bad-steps',
    );
  }
  const works = (n: number) => n >= 1 && n <= max && scheduleFailure(model, chosen, n) === undefined;
  let below = req.steps - 1;
  while (below >= 1 && !works(below)) below--;
  let above = req.steps + 1;
  while (above < max && !works(above)) above++;
  const instead = below >= 1 ? `${below} or ${above}` : `${above}`;
  throw new UserError(
    `With this model the ${name} scheduler cannot take exactly ${req.steps} steps (its timestep schedule ` +
      `for that count is broken); use ${instead} steps instead (at most ${max}).`,
    'bad-steps',
  );
}

/** Why `steps` steps of this scheduler fail (the error it throws, or a RangeError for a non-finite sample); undefined when they run. */
function scheduleFailure(model: LoadedModel, schedulerName: SchedulerName | undefined, steps: number): unknown {
  try {
    const scheduler = createScheduler(model.schedulerConfig, schedulerName);
    scheduler.setTimesteps(steps);
    if (scheduler.timesteps.length === 0) return new RangeError(`no timesteps for ${steps} steps`);
    let sample: Float32Array = Float32Array.of(scheduler.initNoiseSigma);
    const modelOutput = Float32Array.of(0.5);
    const zeros = (n: number) => new Float32Array(n);
    for (const t of scheduler.timesteps) {
      scheduler.scaleModelInput(sample, t);
      const out = scheduler.step(modelOutput, t, sample, zeros);
      sample = out.prevSample;
      if (!Number.isFinite(sample[0]!) || (out.denoised && !Number.isFinite(out.denoised[0]!))) {
        return new RangeError(`non-finite sample at timestep ${t} with ${steps} steps`);
      }
    }
    return undefined;
  } catch (err) {
    return err;
  }
}

const maxStepsCache = new WeakMap<LoadedModel, Map<string, number>>();

/** The most steps (up to `ceiling`) this model's scheduler can run; 0 when none works. Only asked on a refusal. */
function maxSchedulerSteps(model: LoadedModel, schedulerName: SchedulerName | undefined, ceiling: number): number {
  let cache = maxStepsCache.get(model);
  if (!cache) maxStepsCache.set(model, (cache = new Map()));
  const key = `${schedulerName ?? ''}|${ceiling}`;
  let max = cache.get(key);
  if (max === undefined) {
    max = ceiling;
    while (max >= 1 && scheduleFailure(model, schedulerName, max) !== undefined) max--;
    cache.set(key, max);
  }
  return max;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. encodePrompts

interface EncodedPrompt {
  /** [seqLen, hidden]: the prompt, and the negative prompt when guidance is on, padded to the same chunk count. */
  cond: Float32Array;
  uncond?: Float32Array | undefined;
  seqLen: number;
  hidden: number;
  tokenCount: number;
  truncatedTokens: number;
}

/**
 * Tokenizes with weights, runs the text encoder once per 75-token chunk, applies the weights AUTOMATIC1111-style
 * (multiply each token's embedding, then rescale the chunk to its original mean), and concatenates the chunks on
 * the sequence axis. An entry's negative prompt is padded with empty chunks to the same length as its prompt (and
 * vice versa) because both halves of its CFG rows must have the same shape. Entries are NOT padded to each other's
 * length: cross-attention runs over the whole sequence, so extra empty chunks would change an entry's images
 * (predictNoise runs entries of different lengths in separate UNet calls instead). A chunk's embedding does not
 * depend on its neighbours, so each distinct text (and the empty chunk) is encoded once per request.
 */
async function encodePrompts(
  model: LoadedModel,
  entries: readonly BatchEntry[],
  doCfg: boolean,
  timings: StageTimings,
): Promise<EncodedPrompt[]> {
  const tokStart = now();
  const tokenized = new Map<string, TokenizedPrompt>();
  const tokenize = (text: string): TokenizedPrompt => {
    let t = tokenized.get(text);
    if (!t) tokenized.set(text, (t = tokenizePrompt(model.tokenizer, text, { maxChunks: model.maxChunks })));
    return t;
  };
  const parts = entries.map((e) => ({
    cond: tokenize(e.prompt),
    uncond: doCfg ? tokenize(e.negativePrompt ?? '') : undefined,
  }));
  timings.tokenizeMs = now() - tokStart;

  const encStart = now();
  let hidden = 0;
  const encodeChunks = async (chunks: readonly PromptChunk[]): Promise<Float32Array[]> => {
    const out: Float32Array[] = [];
    for (const chunk of chunks) {
      const { data, hidden: h } = await encodeChunk(model, chunk.ids, chunk.weights);
      hidden = h;
      out.push(data);
    }
    return out;
  };
  const encoded = new Map<TokenizedPrompt, Float32Array[]>();
  for (const t of tokenized.values()) encoded.set(t, await encodeChunks(t.chunks));
  let empty: Float32Array | undefined;
  const result: EncodedPrompt[] = [];
  for (const { cond, uncond } of parts) {
    const chunkCount = Math.max(cond.chunks.length, uncond?.chunks.length ?? 0);
    const padded = async (t: TokenizedPrompt): Promise<Float32Array> => {
      const chunks = encoded.get(t)!;
      if (chunks.length < chunkCount) empty ??= (await encodeChunks([emptyChunk(model.tokenizer)]))[0]!;
      return concatBatch([...chunks, ...Array.from({ length: chunkCount - chunks.length }, () => empty!)]);
    };
    const condEmbeds = await padded(cond);
    result.push({
      cond: condEmbeds,
      uncond: uncond ? await padded(uncond) : undefined,
      seqLen: condEmbeds.length / hidden,
      hidden,
      tokenCount: cond.tokenCount,
      truncatedTokens: cond.truncatedTokens,
    });
  }
  timings.encodeMs = now() - encStart;
  return result;
}

async function encodeChunk(
  model: LoadedModel,
  ids: Int32Array,
  weights: Float32Array,
): Promise<{ data: Float32Array; hidden: number }> {
  const { inputIds, output } = model.textEncoderIo;
  const result = await model.textEncoder.run({ [inputIds.name]: intTensor(inputIds.type, ids, [1, ids.length]) });
  const out = result[output]!;
  const hidden = out.dims[out.dims.length - 1]!;
  // Copy: float32 outputs are views of ORT-owned memory and we scale in place.
  const z = Float32Array.from(readFloats(out));
  const seq = z.length / hidden;
  if (weights.some((w) => w !== 1)) {
    const originalMean = mean(z);
    for (let s = 0; s < seq; s++) {
      const w = weights[s] ?? 1;
      if (w === 1) continue;
      for (let k = 0; k < hidden; k++) z[s * hidden + k]! *= w;
    }
    const newMean = mean(z);
    if (newMean !== 0) {
      const f = originalMean / newMean;
      for (let k = 0; k < z.length; k++) z[k]! *= f;
    }
  }
  return { data: z, hidden };
}

function mean(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
}

// ---------------------------------------------------------------------------------------------------------------
// 4. prepareLatents

/** Text-to-image: seeded noise (or the given latents) times the scheduler's initNoiseSigma, as diffusers does. */
function prepareLatents(
  scheduler: Scheduler,
  shape: number[],
  generators: readonly Random[],
  initLatents?: Float32Array,
): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const latents = initLatents ? Float32Array.from(initLatents) : batchRandn(generators, n);
  const sigma = scheduler.initNoiseSigma;
  if (sigma !== 1) for (let i = 0; i < latents.length; i++) latents[i]! *= sigma;
  return latents;
}

/**
 * Image-to-image: the init image scaled to cover width x height and cropped to it, centred (its aspect kept, never
 * stretched: diffusers' "crop and resize"), mapped to [-1, 1], VAE-encoded (a sample of the latent distribution drawn
 * with image i's generator, as diffusers' retrieve_latents does by default), scaled by the VAE scaling factor, then
 * noised at the first remaining timestep with scheduler.addNoise. resizeMode says when the crop cut something off.
 */
async function prepareImg2ImgLatents(
  model: LoadedModel,
  scheduler: Scheduler,
  req: GenerateRequest,
  generators: readonly Random[],
  latentTimestep: number,
): Promise<{ latents: Float32Array; resizeMode: string | undefined }> {
  const { width, height } = req;
  const { rgb, resizeMode } = await loadInitRgb(req.initImage!, width, height, 'cover');
  const initLatents = await encodeImageLatents(model, rgbToImage(rgb, width, height), width, height, generators);
  const noise = batchRandn(generators, initLatents.length);
  return { latents: scheduler.addNoise(initLatents, noise, latentTimestep), resizeMode };
}

/**
 * The init image as RGB bytes at width x height: 'cover' scales it to cover the size and crops the overflow, centred;
 * 'fill' stretches it (the masked path, whose mask is stretched alike). resizeMode, for the PNG parameters, names a
 * crop that removed more than 1% of a side: "Crop and resize from 1200x800".
 */
export async function loadInitRgb(
  bytes: Uint8Array,
  width: number,
  height: number,
  fit: 'cover' | 'fill' = 'fill',
): Promise<{ rgb: Uint8Array; resizeMode: string | undefined }> {
  try {
    const image = sharp(bytes);
    const meta = await image.metadata();
    const rgb = await image
      .resize(width, height, { fit, position: 'centre' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer();
    const sw = meta.width ?? width;
    const sh = meta.height ?? height;
    const cropped = fit === 'cover' && Math.abs(Math.log(sw / sh / (width / height))) > 0.01;
    return { rgb, resizeMode: cropped ? `Crop and resize from ${sw}x${sh}` : undefined };
  } catch (err) {
    throw new UserError('The init image could not be read: send a PNG, JPEG or WebP image.', 'bad-image', {
      cause: err,
    });
  }
}

/**
 * One image (CHW in [-1, 1]) through the VAE encoder, then for each generator a sample of the latent distribution
 * drawn with it, times the VAE scaling factor: [count, c, h/f, w/f]. optimum's exports give mean and log-variance;
 * diffusers' legacy ones sample inside the graph and are rewritten at load to give mean and std (model.ts); an
 * encoder that returns one latent and draws nothing gives that latent.
 */
async function encodeImageLatents(
  model: LoadedModel,
  image: Float32Array,
  width: number,
  height: number,
  generators: readonly Random[],
): Promise<Float32Array> {
  const io = model.vaeEncoderIo!;
  const outputs = await model.vaeEncoder!.run({
    [io.sample.name]: floatTensor(io.sample.type, image, [1, 3, height, width]),
  });
  const out = outputs[io.output]!;
  const [, outChannels, outH, outW] = out.dims as [number, number, number, number];
  if (outH * model.vaeScaleFactor !== height || outW * model.vaeScaleFactor !== width) {
    throw new Error(
      `vae_encoder returned ${outW}x${outH} latents for a ${width}x${height} image, expected a VAE factor of ${model.vaeScaleFactor}`,
    );
  }
  if (outChannels !== (io.kind === 'latent_parameters' ? 2 : 1) * model.latentChannels) {
    throw new Error(
      `vae_encoder returned ${outChannels} channels; expected ${io.kind === 'latent_parameters' ? 2 : 1} x ${model.latentChannels}`,
    );
  }
  const dist = readFloats(out);
  const std = io.std === undefined ? undefined : readFloats(outputs[io.std]!);
  const c = model.latentChannels;
  const plane = (height / model.vaeScaleFactor) * (width / model.vaeScaleFactor);
  const per = c * plane;
  const latents = new Float32Array(per * generators.length);
  for (let i = 0; i < generators.length; i++) {
    const dst = latents.subarray(i * per, (i + 1) * per);
    if (io.kind === 'latent_parameters') {
      // mean = channels [0, c), logvar = [c, 2c) (clamped as diffusers' DiagonalGaussianDistribution does).
      const eps = generators[i]!.fill(new Float32Array(per));
      for (let k = 0; k < per; k++) {
        const logvar = Math.min(20, Math.max(-30, dist[per + k]!));
        dst[k] = dist[k]! + Math.exp(0.5 * logvar) * eps[k]!;
      }
    } else if (std) {
      // A legacy export rewritten at load (model.ts deterministicEncoder): its mean and std, our seeded noise.
      const eps = generators[i]!.fill(new Float32Array(per));
      for (let k = 0; k < per; k++) dst[k] = dist[k]! + std[k]! * eps[k]!;
    } else {
      dst.set(dist.subarray(0, per));
    }
    for (let k = 0; k < per; k++) dst[k]! *= model.vaeScalingFactor;
  }
  return latents;
}

/** What a masked request carries through the loop and into the composite. */
interface MaskedInputs {
  latents: Float32Array;
  /** The source's VAE latents [count, c, h/8, w/8] and the noise the start latents were made with (for blending). */
  imageLatents: Float32Array;
  noise: Float32Array;
  /** The feathered mask at latent resolution [h/8 * w/8] (blending) and at full resolution (the composite). */
  latentMask: Float32Array;
  alpha: Float32Array;
  featherRadius: number;
  /** The mask as given (full resolution, binarised) and the source RGB at width x height. */
  hardMask: Float32Array;
  sourceRgb: Uint8Array;
}

/**
 * diffusers' StableDiffusionInpaintPipeline.prepare_latents: the source image's latents, and start latents that are
 * pure noise at strength 1 (is_strength_max) or the source latents noised at the first timestep; plus the mask,
 * feathered by about 1/64 of the shorter side.
 */
async function prepareMaskedLatents(
  model: LoadedModel,
  scheduler: Scheduler,
  req: GenerateRequest,
  generators: readonly Random[],
  latentTimestep: number,
  strength: number,
): Promise<MaskedInputs> {
  const { width, height } = req;
  const { rgb: sourceRgb } = await loadInitRgb(req.initImage!, width, height);
  const mask = await loadMask(req.mask!, width, height);
  const radius = featherRadius(width, height);
  const alpha = featherMask(mask, width, height, radius);
  const imageLatents = await encodeImageLatents(model, rgbToImage(sourceRgb, width, height), width, height, generators);
  const noise = batchRandn(generators, imageLatents.length);
  let latents: Float32Array;
  if (strength >= 1) {
    latents = Float32Array.from(noise);
    const sigma = scheduler.initNoiseSigma;
    if (sigma !== 1) for (let k = 0; k < latents.length; k++) latents[k]! *= sigma;
  } else {
    latents = scheduler.addNoise(imageLatents, noise, latentTimestep);
  }
  return {
    latents,
    imageLatents,
    noise,
    latentMask: latentMask(alpha, width, height, model.vaeScaleFactor),
    alpha,
    featherRadius: radius,
    hardMask: binarize(mask),
    sourceRgb,
  };
}

/**
 * A 9-channel inpainting UNet's extra inputs per image, [count, 1 + c, h/8, w/8]: the binarised mask at latent
 * resolution and the VAE latents of the masked image (diffusers' prepare_mask_latents). Without a mask the whole
 * picture is repainted: mask 1, masked image all zero (how such a model paints from text alone).
 */
async function inpaintUnetInputs(
  model: LoadedModel,
  req: GenerateRequest,
  generators: readonly Random[],
  masked: MaskedInputs | undefined,
): Promise<Float32Array> {
  const { width, height, count } = req;
  const c = model.latentChannels;
  const plane = (height / model.vaeScaleFactor) * (width / model.vaeScaleFactor);
  const hard = masked?.hardMask ?? new Float32Array(width * height).fill(1);
  const maskLatent = binarize(latentMask(hard, width, height, model.vaeScaleFactor));
  let imageLatents: Float32Array;
  if (masked) {
    imageLatents = await encodeImageLatents(
      model,
      maskedImage(rgbToImage(masked.sourceRgb, width, height), hard),
      width,
      height,
      generators,
    );
  } else if (model.vaeEncoder) {
    imageLatents = await encodeImageLatents(model, new Float32Array(3 * width * height), width, height, generators);
  } else {
    imageLatents = new Float32Array(count * c * plane);
  }
  const per = (1 + c) * plane;
  const out = new Float32Array(count * per);
  for (let i = 0; i < count; i++) {
    out.set(maskLatent, i * per);
    out.set(imageLatents.subarray(i * c * plane, (i + 1) * c * plane), i * per + plane);
  }
  return out;
}

/** [count, c, h, w] and [count, e, h, w] -> [count, c + e, h, w]. */
function concatChannels(a: Float32Array, shape: number[], b: Float32Array, extraChannels: number): Float32Array {
  const [count, c, h, w] = shape as [number, number, number, number];
  const plane = h * w;
  const out = new Float32Array(count * (c + extraChannels) * plane);
  for (let i = 0; i < count; i++) {
    out.set(a.subarray(i * c * plane, (i + 1) * c * plane), i * (c + extraChannels) * plane);
    out.set(
      b.subarray(i * extraChannels * plane, (i + 1) * extraChannels * plane),
      (i * (c + extraChannels) + c) * plane,
    );
  }
  return out;
}

/**
 * diffusers' inpaint loop for a UNet without mask inputs: latents = (1 - mask) x init_latents_proper + mask x
 * latents, where init_latents_proper is the source noised to the next timestep (the clean source after the last).
 */
function blendKept(
  scheduler: Scheduler,
  m: MaskedInputs,
  latents: Float32Array,
  shape: number[],
  nextTimestep: number | undefined,
): Float32Array {
  const proper =
    nextTimestep === undefined ? m.imageLatents : scheduler.addNoise(m.imageLatents, m.noise, nextTimestep);
  const [count, c, h, w] = shape as [number, number, number, number];
  const plane = h * w;
  const out = new Float32Array(latents.length);
  for (let i = 0; i < count * c; i++) {
    const off = i * plane;
    for (let p = 0; p < plane; p++) {
      const a = m.latentMask[p]!;
      out[off + p] = (1 - a) * proper[off + p]! + a * latents[off + p]!;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// 5./6. The UNet call and guidance

function lcmTimestepCond(model: LoadedModel, guidanceScale: number, count: number): Float32Array {
  const w = lcmGuidanceEmbedding(guidanceScale, model.unetIo.timeCondProjDim!);
  return concatBatch(Array.from({ length: count }, () => w));
}

/**
 * Runs the UNet on all images at once: rows [uncond x B, cond x B] when guidance is on (diffusers' order), then
 * noisePred = uncond + g (cond - uncond). Images whose prompts differ in length (chunk count) cannot share a call
 * (see encodePrompts), so each length gets its own [uncond..., cond...] call; a single request is one call. More rows
 * than MAX_BATCH_LATENTS allows (twice it with guidance) run in groups of that many, and exports with a fixed batch
 * size in groups of that size; an image's result does not depend on its group on the CPU provider.
 */
async function predictNoise(
  model: LoadedModel,
  latentModelInput: Float32Array,
  t: number,
  imagePrompts: readonly EncodedPrompt[],
  latentShape: number[],
  doCfg: boolean,
  /** One scale, or one per image (--chaos). */
  guidanceScales: number | readonly number[],
  timestepCond: Float32Array | undefined,
  /** maxRows: the most UNet rows in one call (MAX_BATCH_LATENTS, doubled with guidance); its calls are counted. */
  calls: { maxRows: number; timings: StageTimings },
): Promise<Float32Array> {
  const [count, c, h, w] = latentShape as [number, number, number, number];
  const per = c * h * w;
  const bySeqLen = new Map<number, number[]>();
  imagePrompts.forEach((p, image) => {
    const images = bySeqLen.get(p.seqLen);
    if (images) images.push(image);
    else bySeqLen.set(p.seqLen, [image]);
  });
  const noisePred = new Float32Array(count * per);
  for (const images of bySeqLen.values()) {
    const m = images.length;
    const rows = images.map((image) => ({ image, embeds: imagePrompts[image]!.cond }));
    // Rows [0, m) are unconditional when guidance is on.
    if (doCfg) rows.unshift(...images.map((image) => ({ image, embeds: imagePrompts[image]!.uncond! })));
    const groupSize = unetGroupSize(model, rows.length, calls.maxRows);
    const prompt = imagePrompts[images[0]!]!;
    const noise = await runUnet(model, latentModelInput, t, rows, groupSize, prompt, latentShape, timestepCond);
    calls.timings.unetCalls = (calls.timings.unetCalls ?? 0) + Math.ceil(rows.length / groupSize);
    images.forEach((image, j) => {
      const dst = image * per;
      if (!doCfg) {
        noisePred.set(noise.subarray(j * per, (j + 1) * per), dst);
        return;
      }
      // noisePred = noisePredUncond + g (noisePredText - noisePredUncond)
      const uncond = j * per;
      const text = (m + j) * per;
      const guidanceScale = typeof guidanceScales === 'number' ? guidanceScales : guidanceScales[image]!;
      for (let k = 0; k < per; k++) {
        const u = noise[uncond + k]!;
        noisePred[dst + k] = u + guidanceScale * (noise[text + k]! - u);
      }
    });
  }
  return noisePred;
}

/**
 * Rows per UNet call: all of them up to `maxRows` (MAX_BATCH_LATENTS), or the batch size an export with a fixed one
 * was made for.
 */
function unetGroupSize(model: LoadedModel, rows: number, maxRows: number): number {
  const batchDim = model.unetIo.sample.shape[0];
  return typeof batchDim === 'number' && batchDim > 0 ? batchDim : Math.max(1, Math.min(rows, maxRows));
}

/** One UNet evaluation of `rows` (an image's latents with an embedding each) that share one sequence length. */
async function runUnet(
  model: LoadedModel,
  latentModelInput: Float32Array,
  t: number,
  rows: readonly { image: number; embeds: Float32Array }[],
  groupSize: number,
  shape: Pick<EncodedPrompt, 'seqLen' | 'hidden'>,
  latentShape: number[],
  timestepCond: Float32Array | undefined,
): Promise<Float32Array> {
  const { unet, unetIo } = model;
  const [, c, h, w] = latentShape as [number, number, number, number];
  const per = c * h * w;
  // The input may carry more channels than the output (an inpainting UNet's mask and masked-image latents).
  const inChannels = model.unetInChannels;
  const perIn = inChannels * h * w;
  const embedSize = shape.seqLen * shape.hidden;
  const condDim = unetIo.timeCondProjDim ?? 0;
  const noise = new Float32Array(rows.length * per);
  for (let first = 0; first < rows.length; first += groupSize) {
    const n = Math.min(groupSize, rows.length - first);
    const sample = new Float32Array(n * perIn);
    const encoderHiddenStates = new Float32Array(n * embedSize);
    const cond = timestepCond ? new Float32Array(n * condDim) : undefined;
    for (let r = 0; r < n; r++) {
      const { image, embeds } = rows[first + r]!;
      sample.set(latentModelInput.subarray(image * perIn, (image + 1) * perIn), r * perIn);
      encoderHiddenStates.set(embeds, r * embedSize);
      if (cond) cond.set(timestepCond!.subarray(image * condDim, (image + 1) * condDim), r * condDim);
    }
    const feeds = {
      [unetIo.sample.name]: floatTensor(unetIo.sample.type, sample, [n, inChannels, h, w]),
      [unetIo.timestep.name]: timestepTensor(unetIo.timestep, t, n),
      [unetIo.encoderHiddenStates.name]: floatTensor(unetIo.encoderHiddenStates.type, encoderHiddenStates, [
        n,
        shape.seqLen,
        shape.hidden,
      ]),
      ...(cond && unetIo.timestepCond
        ? { [unetIo.timestepCond.name]: floatTensor(unetIo.timestepCond.type, cond, [n, condDim]) }
        : {}),
    };
    const out = readFloats((await unet.run(feeds))[unetIo.output]!);
    if (out.length !== n * per) throw new Error(`unet output has ${out.length} values, expected ${n * per}`);
    noise.set(out, first * per);
  }
  return noise;
}

// ---------------------------------------------------------------------------------------------------------------
// 7./8. decodeLatents, previews

/**
 * latents / scaling_factor through the VAE decoder, one image at a time (batched float16 decodes misbehave in
 * some exports, and one image bounds the memory), then clamp and quantise to RGB bytes.
 */
async function decodeLatents(
  model: LoadedModel,
  latents: Float32Array,
  shape: number[],
  signal?: AbortSignal,
): Promise<Uint8Array[]> {
  const [count, c, h, w] = shape as [number, number, number, number];
  const per = c * h * w;
  const { vaeDecoder, vaeDecoderIo } = model;
  const images: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    throwIfAborted(signal);
    const z = latents.slice(i * per, (i + 1) * per);
    for (let k = 0; k < z.length; k++) z[k]! /= model.vaeScalingFactor;
    const out = (
      await vaeDecoder.run({
        [vaeDecoderIo.latentSample.name]: floatTensor(vaeDecoderIo.latentSample.type, z, [1, c, h, w]),
      })
    )[vaeDecoderIo.output]!;
    const [, , oh, ow] = out.dims as [number, number, number, number];
    const f = model.vaeScaleFactor;
    if (oh !== h * f || ow !== w * f) {
      throw new Error(
        `vae_decoder returned ${ow}x${oh} for ${w}x${h} latents, expected ${w * f}x${h * f} (a VAE factor of ${f})`,
      );
    }
    images.push(imageToRgb(readFloats(out), ow, oh));
  }
  return images;
}

/**
 * When the loop makes a preview. A TAESD preview costs about a second per step on a CPU at 512x512, so one is made
 * only when it will be shown: the first step's, then none until `intervalMs` (the bot's message edit interval) has
 * passed since the last, and never the last step's (the result follows at once). Where a preview costs more than a
 * quarter of that interval, the wait grows to four times its cost, so previews never take more than a fifth of the
 * time. An interval of 0 gives one after every step, the last included.
 */
export function previewSchedule(
  intervalMs: number,
  totalSteps: number,
  clock: () => number = now,
): { due(step: number): boolean; made(costMs: number): void } {
  let nextAt = -Infinity;
  return {
    due: (step) => intervalMs <= 0 || (step < totalSteps - 1 && clock() >= nextAt),
    made(costMs) {
      nextAt = clock() + Math.max(intervalMs, 4 * costMs);
    },
  };
}

/**
 * A preview of image 0: through TAESD at full size when the model has it (taesd.ts), else the cheap approximation at
 * latent resolution (a fixed linear latent -> RGB map, no decoder).
 */
async function previewPng(model: LoadedModel, latents: Float32Array, shape: number[]): Promise<Uint8Array> {
  if (model.taesd) {
    const { rgb, width, height } = await model.taesd.decode(latents, shape, 0);
    return encodePng(rgb, width, height);
  }
  const [, , h, w] = shape as [number, number, number, number];
  return encodePng(latentsToPreviewRgb(latents, w, h, 0), w, h);
}

/** The final decode through TAESD (`decoder: 'taesd'`), one image at a time; its size is checked as the VAE's is. */
async function decodeWithTaesd(
  model: LoadedModel,
  latents: Float32Array,
  shape: number[],
  signal?: AbortSignal,
): Promise<Uint8Array[]> {
  const taesd = model.taesd!;
  const [count, , h, w] = shape as [number, number, number, number];
  const f = model.vaeScaleFactor;
  const images: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    throwIfAborted(signal);
    const out = await taesd.decode(latents, shape, i);
    if (out.width !== w * f || out.height !== h * f) {
      throw new Error(
        `taesd returned ${out.width}x${out.height} for ${w}x${h} latents, expected ${w * f}x${h * f} (a VAE factor of ${f})`,
      );
    }
    images.push(out.rgb);
  }
  return images;
}
