/**
 * Text-to-image and image-to-image, read top to bottom like diffusers' StableDiffusionPipeline.__call__ and
 * StableDiffusionImg2ImgPipeline.__call__:
 *
 *   checkInputs -> encodePrompt -> prepareTimesteps -> prepareLatents (noise, given latents, or the VAE-encoded init
 *   image noised at the first remaining timestep) -> denoising loop (scaleModelInput, UNet on [uncond, cond] in one
 *   batch, guidance, scheduler.step) -> decodeLatents -> toPng
 *
 * The LCM variant (no CFG batch; the guidance scale enters as a `timestep_cond` embedding; decode `denoised`) is the
 * same loop with two branches. Every model input's name, dtype and shape convention comes from session metadata
 * (see model.ts). Cancellation is an AbortSignal checked between steps.
 */
import sharp from 'sharp';
import { CancelledError, UserError, throwIfAborted } from '../errors.ts';
import { loadModel, samplerDisplayName, type LoadedModel } from './model.ts';
import { encodePng, formatParameters } from './png.ts';
import { emptyChunk, tokenizePrompt } from './prompt.ts';
import { createScheduler, img2imgTimesteps, lcmGuidanceEmbedding, type Scheduler } from './schedulers/index.ts';
import { sessionRunMs, type SessionOptions } from './session.ts';
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
import type { GenerateOptions, GenerateRequest, GenerateResult, GeneratedImage, ModelInfo, StageTimings } from './types.ts';

/** Hard ceilings the pipeline enforces itself (the bot's per-guild limits are lower and checked upstream). */
export interface PipelineBounds {
  maxWidth: number;
  maxHeight: number;
  maxSteps: number;
  maxImages: number;
  /** Smallest width/height in pixels (default 64). */
  minSize?: number | undefined;
}

export const DEFAULT_BOUNDS: PipelineBounds = { maxWidth: 2048, maxHeight: 2048, maxSteps: 200, maxImages: 16, minSize: 64 };

export interface PipelineOptions extends SessionOptions {
  bounds?: Partial<PipelineBounds> | undefined;
}

export interface Pipeline {
  readonly info: ModelInfo;
  generate(req: GenerateRequest, opts?: GenerateOptions): Promise<GenerateResult>;
  release(): Promise<void>;
}

export async function createPipeline(modelDir: string, options: PipelineOptions): Promise<Pipeline> {
  const model = await loadModel(modelDir, options);
  const bounds: PipelineBounds = { ...DEFAULT_BOUNDS, ...stripUndefined(options.bounds ?? {}) };
  return {
    info: model.info,
    generate: (req, opts) => generate(model, bounds, req, opts ?? {}),
    release: () => model.release(),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const now = (): number => performance.now();

// ---------------------------------------------------------------------------------------------------------------
// __call__

async function generate(model: LoadedModel, bounds: PipelineBounds, req: GenerateRequest, opts: GenerateOptions): Promise<GenerateResult> {
  const start = now();
  const runStart = sessionRunMs();
  const { signal, onStep } = opts;
  const timings: StageTimings = { tokenizeMs: 0, encodeMs: 0, stepMs: [], decodeMs: 0, pngMs: 0, totalMs: 0, sessionRunMs: 0 };

  // 1. Check inputs (the scheduler too: an unknown name is refused before any work).
  checkInputs(model, bounds, req);
  const scheduler = createScheduler(model.schedulerConfig, req.scheduler);
  throwIfAborted(signal);
  const { width, height, count } = req;
  const isLcm = !!model.unetIo.timestepCond;
  // Guidance is off when the scale is <= 1 or the model is guidance-free (Turbo; LCM embeds the scale instead).
  const doClassifierFreeGuidance = req.guidanceScale > 1 && !model.info.guidanceFree && !isLcm;

  // 2. Encode the prompt (and the negative prompt when guidance is on).
  const prompt = await encodePrompt(model, req.prompt, req.negativePrompt ?? '', doClassifierFreeGuidance, timings);
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

  // 4. Latents: per-image generators with seeds seed, seed+1, ...
  const generators = Array.from({ length: count }, (_, i) => createRandom(seedOf(req.seed, i)));
  const latentShape = [count, model.latentChannels, height / 8, width / 8];
  let latents: Float32Array;
  if (isImg2Img) {
    latents = await prepareImg2ImgLatents(model, scheduler, req, generators, timesteps[0]!);
  } else {
    latents = prepareLatents(scheduler, latentShape, generators, req.initLatents);
  }

  // 5. LCM: the guidance scale as an embedding of w = guidance - 1 (diffusers' LatentConsistencyModelPipeline).
  const timestepCond = isLcm ? lcmTimestepCond(model, req.guidanceScale, count) : undefined;

  // 6. Denoising loop.
  let denoised: Float32Array | undefined;
  const totalSteps = timesteps.length;
  for (let i = 0; i < totalSteps; i++) {
    if (signal?.aborted) throw new CancelledError();
    const stepStart = now();
    const t = timesteps[i]!;
    const latentModelInput = scheduler.scaleModelInput(latents, t);
    const noisePred = await predictNoise(model, latentModelInput, t, prompt, latentShape, doClassifierFreeGuidance, req.guidanceScale, timestepCond);
    const out = scheduler.step(noisePred, t, latents, (n: number) => batchRandn(generators, n));
    latents = out.prevSample;
    denoised = out.denoised;
    timings.stepMs.push(now() - stepStart);
    if (onStep) {
      const preview = req.preview ? await previewPng(out.denoised ?? out.predOriginalSample ?? latents, latentShape) : undefined;
      onStep({ step: i + 1, totalSteps, preview });
    }
  }
  throwIfAborted(signal);

  // 7. Decode (LCM decodes the last `denoised`, which equals the final prevSample on the last step).
  const decodeStart = now();
  const finalLatents = isLcm && denoised ? denoised : latents;
  const rgbImages = await decodeLatents(model, finalLatents, latentShape, signal);
  timings.decodeMs = now() - decodeStart;

  // 8. PNG with the parameters chunk.
  const pngStart = now();
  const schedulerName = req.scheduler ?? model.info.defaultScheduler;
  // The guidance actually applied (0 when off), so the parameters reproduce the image in other tools too.
  const effectiveGuidance = doClassifierFreeGuidance || isLcm ? req.guidanceScale : 0;
  const images: GeneratedImage[] = [];
  for (let i = 0; i < count; i++) {
    const seed = seedOf(req.seed, i);
    const parameters = formatParameters({
      prompt: req.prompt,
      negativePrompt: req.negativePrompt,
      steps: req.steps,
      sampler: samplerDisplayName(schedulerName),
      cfgScale: effectiveGuidance,
      seed,
      width,
      height,
      model: model.info.name,
      denoisingStrength: isImg2Img ? strength : undefined,
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
      tokenCount: prompt.tokenCount,
      truncatedTokens: prompt.truncatedTokens,
      executionProvider: model.info.executionProvider,
    },
  };
}

/** Seed of image i: seed + i, wrapped to an unsigned 32-bit integer. */
export function seedOf(seed: number, i: number): number {
  return (seed + i) >>> 0;
}

// ---------------------------------------------------------------------------------------------------------------
// 1. checkInputs

/**
 * Rejects what the pipeline cannot do with a UserError saying what to change. An empty prompt is refused (unlike
 * diffusers, which samples unconditionally): it is almost always a mistake, and refusing here gives the bot and the
 * CLI the same message.
 */
export function checkInputs(model: LoadedModel, bounds: PipelineBounds, req: GenerateRequest): void {
  const minSize = bounds.minSize ?? 64;
  if (typeof req.prompt !== 'string' || req.prompt.trim() === '') {
    throw new UserError('The prompt is empty: describe the picture you want.', 'empty-prompt');
  }
  for (const [name, value, max] of [
    ['width', req.width, bounds.maxWidth],
    ['height', req.height, bounds.maxHeight],
  ] as const) {
    if (!Number.isInteger(value) || value % 8 !== 0 || value < minSize || value > max) {
      throw new UserError(`The ${name} must be a multiple of 8 between ${minSize} and ${max} pixels (got ${value}).`, 'bad-size');
    }
  }
  if (!Number.isInteger(req.steps) || req.steps < 1 || req.steps > bounds.maxSteps) {
    throw new UserError(`Steps must be a whole number between 1 and ${bounds.maxSteps} (got ${req.steps}).`, 'bad-steps');
  }
  if (!Number.isInteger(req.count) || req.count < 1 || req.count > bounds.maxImages) {
    throw new UserError(`The number of images must be between 1 and ${bounds.maxImages} (got ${req.count}).`, 'bad-count');
  }
  if (!Number.isFinite(req.guidanceScale) || req.guidanceScale < 0 || req.guidanceScale > 30) {
    throw new UserError(`Guidance must be between 0 and 30 (got ${req.guidanceScale}).`, 'bad-guidance');
  }
  if (!Number.isInteger(req.seed) || req.seed < 0 || req.seed > 0xffffffff) {
    throw new UserError(`The seed must be a whole number between 0 and 4294967295 (got ${req.seed}).`, 'bad-seed');
  }
  if (req.initImage !== undefined) {
    if (!model.vaeEncoder) {
      throw new UserError(`The model ${model.info.name} has no VAE encoder (vae_encoder/model.onnx), so it cannot start from an image.`, 'no-img2img');
    }
    const s = req.strength ?? 1;
    if (!Number.isFinite(s) || s <= 0 || s > 1) {
      throw new UserError(`Strength must be greater than 0 and at most 1 (got ${s}).`, 'bad-strength');
    }
    if (req.initLatents) throw new UserError('Give either an init image or init latents, not both.', 'bad-request');
  } else if (req.strength !== undefined && (!Number.isFinite(req.strength) || req.strength <= 0 || req.strength > 1)) {
    throw new UserError(`Strength must be greater than 0 and at most 1 (got ${req.strength}).`, 'bad-strength');
  }
  if (req.initLatents) {
    const expected = req.count * model.latentChannels * (req.height / 8) * (req.width / 8);
    if (req.initLatents.length !== expected) {
      throw new UserError(
        `The init latents hold ${req.initLatents.length} numbers; ${req.count} image(s) of ${req.width}x${req.height} need ` +
          `${expected} (float32 [${req.count}, ${model.latentChannels}, ${req.height / 8}, ${req.width / 8}]).`,
        'bad-latents',
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 2. encodePrompt

interface EncodedPrompt {
  /** [uncond, cond] (guidance on) or [cond], each [seqLen, hidden]. */
  embeds: Float32Array[];
  seqLen: number;
  hidden: number;
  tokenCount: number;
  truncatedTokens: number;
}

/**
 * Tokenizes with weights, runs the text encoder once per 75-token chunk, applies the weights AUTOMATIC1111-style
 * (multiply each token's embedding, then rescale the chunk to its original mean), and concatenates the chunks on
 * the sequence axis. The negative prompt is padded with empty chunks to the same length as the prompt (and vice
 * versa) because both halves of the CFG batch must have the same shape.
 */
async function encodePrompt(model: LoadedModel, prompt: string, negativePrompt: string, doCfg: boolean, timings: StageTimings): Promise<EncodedPrompt> {
  const tokStart = now();
  const cond = tokenizePrompt(model.tokenizer, prompt, { maxChunks: model.maxChunks });
  const uncond = doCfg ? tokenizePrompt(model.tokenizer, negativePrompt, { maxChunks: model.maxChunks }) : undefined;
  const chunkCount = Math.max(cond.chunks.length, uncond?.chunks.length ?? 0);
  const empty = emptyChunk(model.tokenizer);
  const padChunks = (chunks: typeof cond.chunks) => [...chunks, ...Array.from({ length: chunkCount - chunks.length }, () => empty)];
  timings.tokenizeMs = now() - tokStart;

  const encStart = now();
  const encodeChunks = async (chunks: typeof cond.chunks) => {
    const parts: Float32Array[] = [];
    let hidden = 0;
    for (const chunk of chunks) {
      const { data, hidden: h } = await encodeChunk(model, chunk.ids, chunk.weights);
      hidden = h;
      parts.push(data);
    }
    return { data: concatBatch(parts), hidden };
  };
  const condEmbeds = await encodeChunks(padChunks(cond.chunks));
  const embeds = [condEmbeds.data];
  if (uncond) embeds.unshift((await encodeChunks(padChunks(uncond.chunks))).data);
  timings.encodeMs = now() - encStart;
  return {
    embeds,
    seqLen: condEmbeds.data.length / condEmbeds.hidden,
    hidden: condEmbeds.hidden,
    tokenCount: cond.tokenCount,
    truncatedTokens: cond.truncatedTokens,
  };
}

async function encodeChunk(model: LoadedModel, ids: Int32Array, weights: Float32Array): Promise<{ data: Float32Array; hidden: number }> {
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
function prepareLatents(scheduler: Scheduler, shape: number[], generators: readonly Random[], initLatents?: Float32Array): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const latents = initLatents ? Float32Array.from(initLatents) : batchRandn(generators, n);
  const sigma = scheduler.initNoiseSigma;
  if (sigma !== 1) for (let i = 0; i < latents.length; i++) latents[i]! *= sigma;
  return latents;
}

/**
 * Image-to-image: the init image resized to width x height, mapped to [-1, 1], VAE-encoded (a sample of the latent
 * distribution drawn with image i's generator, as diffusers' retrieve_latents does by default), scaled by the VAE
 * scaling factor, then noised at the first remaining timestep with scheduler.addNoise.
 */
async function prepareImg2ImgLatents(model: LoadedModel, scheduler: Scheduler, req: GenerateRequest, generators: readonly Random[], latentTimestep: number): Promise<Float32Array> {
  const { width, height } = req;
  let rgb: Buffer;
  try {
    rgb = await sharp(req.initImage!).resize(width, height, { fit: 'fill' }).removeAlpha().toColourspace('srgb').raw().toBuffer();
  } catch (err) {
    throw new UserError('The init image could not be read: send a PNG, JPEG or WebP image.', 'bad-image', { cause: err });
  }
  const image = rgbToImage(rgb, width, height);
  const io = model.vaeEncoderIo!;
  const out = (await model.vaeEncoder!.run({ [io.sample.name]: floatTensor(io.sample.type, image, [1, 3, height, width]) }))[io.output]!;
  const dist = readFloats(out);
  const c = model.latentChannels;
  const plane = (height / 8) * (width / 8);
  const per = c * plane;
  const initLatents = new Float32Array(per * req.count);
  for (let i = 0; i < req.count; i++) {
    const dst = initLatents.subarray(i * per, (i + 1) * per);
    if (io.kind === 'latent_parameters') {
      // mean = channels [0, c), logvar = [c, 2c) (clamped as diffusers' DiagonalGaussianDistribution does).
      const eps = generators[i]!.fill(new Float32Array(per));
      for (let k = 0; k < per; k++) {
        const logvar = Math.min(20, Math.max(-30, dist[per + k]!));
        dst[k] = dist[k]! + Math.exp(0.5 * logvar) * eps[k]!;
      }
    } else {
      dst.set(dist.subarray(0, per));
    }
    for (let k = 0; k < per; k++) dst[k]! *= model.vaeScalingFactor;
  }
  const noise = batchRandn(generators, initLatents.length);
  return scheduler.addNoise(initLatents, noise, latentTimestep);
}

// ---------------------------------------------------------------------------------------------------------------
// 5./6. The UNet call and guidance

function lcmTimestepCond(model: LoadedModel, guidanceScale: number, count: number): Float32Array {
  const w = lcmGuidanceEmbedding(guidanceScale, model.unetIo.timeCondProjDim!);
  return concatBatch(Array.from({ length: count }, () => w));
}

/**
 * Runs the UNet on all images at once: rows [uncond x B, cond x B] when guidance is on (diffusers' order), then
 * noisePred = uncond + g (cond - uncond). Exports with a fixed batch size get groups of that size instead.
 */
async function predictNoise(
  model: LoadedModel,
  latentModelInput: Float32Array,
  t: number,
  prompt: EncodedPrompt,
  latentShape: number[],
  doCfg: boolean,
  guidanceScale: number,
  timestepCond: Float32Array | undefined,
): Promise<Float32Array> {
  const { unet, unetIo } = model;
  const [count, c, h, w] = latentShape as [number, number, number, number];
  const per = c * h * w;
  const embedSize = prompt.seqLen * prompt.hidden;
  const rows = doCfg ? 2 * count : count;
  const batchDim = unetIo.sample.shape[0];
  const groupSize = typeof batchDim === 'number' && batchDim > 0 ? batchDim : rows;
  const condDim = unetIo.timeCondProjDim ?? 0;
  const noise = new Float32Array(rows * per);
  for (let first = 0; first < rows; first += groupSize) {
    const n = Math.min(groupSize, rows - first);
    const sample = new Float32Array(n * per);
    const encoderHiddenStates = new Float32Array(n * embedSize);
    const cond = timestepCond ? new Float32Array(n * condDim) : undefined;
    for (let r = 0; r < n; r++) {
      const row = first + r;
      const image = row % count;
      sample.set(latentModelInput.subarray(image * per, (image + 1) * per), r * per);
      // Rows [0, count) are unconditional when guidance is on; embeds is [uncond, cond] or [cond].
      encoderHiddenStates.set(doCfg && row < count ? prompt.embeds[0]! : prompt.embeds[prompt.embeds.length - 1]!, r * embedSize);
      if (cond) cond.set(timestepCond!.subarray(image * condDim, (image + 1) * condDim), r * condDim);
    }
    const feeds = {
      [unetIo.sample.name]: floatTensor(unetIo.sample.type, sample, [n, c, h, w]),
      [unetIo.timestep.name]: timestepTensor(unetIo.timestep, t, n),
      [unetIo.encoderHiddenStates.name]: floatTensor(unetIo.encoderHiddenStates.type, encoderHiddenStates, [n, prompt.seqLen, prompt.hidden]),
      ...(cond && unetIo.timestepCond ? { [unetIo.timestepCond.name]: floatTensor(unetIo.timestepCond.type, cond, [n, condDim]) } : {}),
    };
    const out = readFloats((await unet.run(feeds))[unetIo.output]!);
    if (out.length !== n * per) throw new Error(`unet output has ${out.length} values, expected ${n * per}`);
    noise.set(out, first * per);
  }
  if (!doCfg) return noise;
  // noisePred = noisePredUncond + g (noisePredText - noisePredUncond)
  const noisePred = new Float32Array(count * per);
  for (let k = 0; k < noisePred.length; k++) {
    const u = noise[k]!;
    noisePred[k] = u + guidanceScale * (noise[count * per + k]! - u);
  }
  return noisePred;
}

// ---------------------------------------------------------------------------------------------------------------
// 7./8. decodeLatents, previews

/**
 * latents / scaling_factor through the VAE decoder, one image at a time (batched float16 decodes misbehave in
 * some exports, and one image bounds the memory), then clamp and quantise to RGB bytes.
 */
async function decodeLatents(model: LoadedModel, latents: Float32Array, shape: number[], signal?: AbortSignal): Promise<Uint8Array[]> {
  const [count, c, h, w] = shape as [number, number, number, number];
  const per = c * h * w;
  const { vaeDecoder, vaeDecoderIo } = model;
  const images: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    throwIfAborted(signal);
    const z = latents.slice(i * per, (i + 1) * per);
    for (let k = 0; k < z.length; k++) z[k]! /= model.vaeScalingFactor;
    const out = (await vaeDecoder.run({ [vaeDecoderIo.latentSample.name]: floatTensor(vaeDecoderIo.latentSample.type, z, [1, c, h, w]) }))[vaeDecoderIo.output]!;
    const [, , oh, ow] = out.dims as [number, number, number, number];
    if (oh !== h * 8 || ow !== w * 8) throw new Error(`vae_decoder returned ${ow}x${oh}, expected ${w * 8}x${h * 8}`);
    images.push(imageToRgb(readFloats(out), ow, oh));
  }
  return images;
}

/** A cheap preview of image 0 at latent resolution (no VAE): a fixed linear latent -> RGB map. */
async function previewPng(latents: Float32Array, shape: number[]): Promise<Uint8Array> {
  const [, , h, w] = shape as [number, number, number, number];
  return encodePng(latentsToPreviewRgb(latents, w, h, 0), w, h);
}
