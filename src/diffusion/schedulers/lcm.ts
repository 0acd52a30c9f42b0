/**
 * Latent Consistency Model sampling, as diffusers' LCMScheduler (src/diffusers/schedulers/scheduling_lcm.py) and
 * the guidance embedding of pipeline_latent_consistency_text2img.py (`get_guidance_scale_embedding`).
 *   timesteps: k = T // original_inference_steps; origin = [1 .. floor(original * strength)] * k - 1, descending;
 *              pick floor(linspace(0, len(origin), n, endpoint=False)).   n = 4: [999, 759, 499, 259]
 *   c_skip = 0.25 / ((10 t)^2 + 0.25),  c_out = 10 t / sqrt((10 t)^2 + 0.25)   (timestep_scaling 10, sigma_data 0.5)
 *   denoised = c_out x0 + c_skip x;  x' = sqrt(abar_prev) denoised + sqrt(1 - abar_prev) z, except x' = denoised
 *   on the last step (no noise is drawn there). Decode `denoised`.
 */
import { UserError } from '../../errors.ts';
import type { SchedulerName } from '../types.ts';
import {
  checkSameLength,
  clampInPlace,
  ddpmAddNoise,
  ddpmPredictOriginal,
  drawNoise,
  f32,
  firstStepIndex,
  trainIndex,
} from './common.ts';
import {
  cfgBool,
  cfgInt,
  cfgNumber,
  checkStepCount,
  readNoiseSchedule,
  readPredictionType,
  rejectIfSet,
  type SchedulerConfig,
} from './config.ts';
import { alphasCumprodFromBetas, makeBetas, npLinspace, roundHalfEven } from './noise-schedule.ts';
import type { Randn, Scheduler, SchedulerStepResult } from './types.ts';

export class LCMScheduler implements Scheduler {
  readonly name: SchedulerName = 'lcm';
  readonly order = 1;
  readonly initNoiseSigma = 1;
  readonly predictionType: string;
  readonly note: string | undefined;
  readonly numTrainTimesteps: number;
  readonly alphasCumprod: Float32Array;
  readonly finalAlphaCumprod: number;
  readonly originalInferenceSteps: number;
  readonly clipSample: boolean;
  readonly clipSampleRange: number;
  readonly timestepScaling: number;

  timesteps: number[] = [];
  numInferenceSteps: number | null = null;
  private stepIndex: number | null = null;
  private beginIndex: number | null = null;

  constructor(config: SchedulerConfig, options: { note?: string } = {}) {
    this.note = options.note;
    const schedule = readNoiseSchedule(
      config,
      { betaStart: 0.00085, betaEnd: 0.012, betaSchedule: 'scaled_linear', timestepSpacing: 'leading' },
      { rescaleSupported: true },
    );
    rejectIfSet(config, 'LCMScheduler', ['thresholding']);
    this.numTrainTimesteps = schedule.numTrainTimesteps;
    this.alphasCumprod = alphasCumprodFromBetas(makeBetas(schedule));
    this.finalAlphaCumprod = cfgBool(config, 'set_alpha_to_one', true) ? 1 : this.alphasCumprod[0]!;
    this.originalInferenceSteps = cfgInt(config, 'original_inference_steps', 50, 1);
    if (this.originalInferenceSteps > this.numTrainTimesteps) {
      throw new Error(
        `scheduler_config.json: "original_inference_steps" ${this.originalInferenceSteps} cannot exceed num_train_timesteps ${this.numTrainTimesteps}.`,
      );
    }
    this.clipSample = cfgBool(config, 'clip_sample', false);
    this.clipSampleRange = cfgNumber(config, 'clip_sample_range', 1);
    this.timestepScaling = cfgNumber(config, 'timestep_scaling', 10);
    this.predictionType = readPredictionType(config, ['epsilon', 'v_prediction', 'sample']);
  }

  /**
   * diffusers LCMScheduler.set_timesteps; `strength` < 1 is how LCM image-to-image shortens the schedule
   * (pipeline_latent_consistency_img2img.py passes it here instead of slicing the timesteps).
   */
  setTimesteps(numInferenceSteps: number, strength = 1): void {
    const original = this.originalInferenceSteps;
    checkStepCount(numInferenceSteps, original, ` (an LCM model is distilled for at most ${original})`);
    const k = Math.floor(this.numTrainTimesteps / original);
    const usable = Math.trunc(original * strength);
    if (Math.floor(usable / numInferenceSteps) < 1) {
      throw new UserError(
        `With strength ${strength} only ${usable} of this LCM model's ${original} timesteps remain, fewer than the ${numInferenceSteps} steps asked for; lower the steps or raise the strength.`,
        'bad-strength',
      );
    }
    const origin: number[] = [];
    for (let i = usable; i >= 1; i--) origin.push(i * k - 1);
    const indices = npLinspace(0, origin.length, numInferenceSteps, false).map(Math.floor);
    this.timesteps = indices.map((i) => origin[i]!);
    this.numInferenceSteps = numInferenceSteps;
    this.stepIndex = null;
    this.beginIndex = null;
  }

  setBeginIndex(beginIndex: number): void {
    this.beginIndex = beginIndex;
  }

  scaleModelInput(sample: Float32Array, _timestep: number): Float32Array {
    return sample;
  }

  /** `get_scalings_for_boundary_condition_discrete`, float32 like the torch expression on an int64 timestep. */
  boundaryScalings(timestep: number): { cSkip: number; cOut: number } {
    const sigmaData2 = 0.25;
    const scaled = f32(timestep * this.timestepScaling);
    const denom = f32(f32(scaled * scaled) + sigmaData2);
    return { cSkip: f32(sigmaData2 / denom), cOut: f32(scaled / f32(Math.sqrt(denom))) };
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, randn: Randn): SchedulerStepResult {
    if (this.numInferenceSteps === null) throw new Error('Call setTimesteps before step.');
    checkSameLength(modelOutput, sample, 'step');
    if (this.stepIndex === null) this.stepIndex = this.beginIndex ?? firstStepIndex(this.timesteps, timestep);
    const i = this.stepIndex;
    const t = trainIndex(timestep, this.numTrainTimesteps);
    const prevT = i + 1 < this.timesteps.length ? this.timesteps[i + 1]! : t;
    const alphaProdPrev = prevT >= 0 ? this.alphasCumprod[prevT]! : this.finalAlphaCumprod;

    const { cSkip, cOut } = this.boundaryScalings(t);
    const predOriginalSample = ddpmPredictOriginal(this.predictionType, this.alphasCumprod[t]!, modelOutput, sample);
    if (this.clipSample) clampInPlace(predOriginalSample, this.clipSampleRange);
    const denoised = new Float32Array(sample.length);
    for (let k = 0; k < denoised.length; k++) {
      denoised[k] = f32(f32(cOut * predOriginalSample[k]!) + f32(cSkip * sample[k]!));
    }
    let prevSample = denoised;
    if (i !== this.numInferenceSteps - 1) {
      const noise = drawNoise(randn, sample.length);
      const a = f32(Math.sqrt(alphaProdPrev));
      const b = f32(Math.sqrt(f32(1 - alphaProdPrev)));
      prevSample = new Float32Array(sample.length);
      for (let k = 0; k < prevSample.length; k++) prevSample[k] = f32(f32(a * denoised[k]!) + f32(b * noise[k]!));
    }
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample, denoised };
  }

  addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    return ddpmAddNoise(this.alphasCumprod[trainIndex(timestep, this.numTrainTimesteps)]!, originalSamples, noise);
  }
}

const R_LN2F = f32(1.442695040888963407359924681001892137426645954152985934135449406931);
const L2UF = f32(0.693145751953125);
const L2LF = f32(1.428606765330187045e-6);
const EXP_POLY = [
  0.000198527617612853646278381, 0.00139304355252534151077271, 0.00833336077630519866943359,
  0.0416664853692054748535156, 0.166666671633720397949219, 0.5,
].map(f32);

/** A fused multiply-add rounded to float32 (a * b is exact in float64 for float32 operands). */
const fmaF32 = (a: number, b: number, c: number): number => f32(a * b + c);

/**
 * float32 exp as torch computes it on the CPU: its vectorized kernel calls SLEEF's expf_u10 (sleefsimdsp.c `xexpf`,
 * FMA build). It differs from the correctly rounded exp in about 1 value in 10, by one ulp; in the guidance
 * embedding that ulp is multiplied by up to ~7000 before the sine, so it is worth reproducing. Checked bit for bit
 * against torch for the exponents the embedding uses.
 */
export function torchExpF32(x: number): number {
  const d = f32(x);
  const q = roundHalfEven(f32(d * R_LN2F));
  let s = fmaF32(q, -L2UF, d);
  s = fmaF32(q, -L2LF, s);
  let u = EXP_POLY[0]!;
  for (let i = 1; i < EXP_POLY.length; i++) u = fmaF32(u, s, EXP_POLY[i]!);
  u = f32(1 + fmaF32(f32(s * s), u, s));
  return f32(u * 2 ** q);
}

/**
 * diffusers `get_guidance_scale_embedding` for the LCM UNet's `timestep_cond` input (length `embeddingDim`, the
 * UNet's time_cond_proj_dim, 256 for LCM Dreamshaper v7). `w` is diffusers' w = guidanceScale - 1 (see
 * lcmGuidanceEmbedding); it is multiplied by 1000 here. Returns [sin(w 1000 e_i)..., cos(w 1000 e_i)...] with
 * e_i = exp(-i log(10000) / (half - 1)), each op rounded to float32 as torch does (the arguments reach ~7000
 * radians, where float64 arithmetic would drift by 1e-3 from diffusers).
 */
export function guidanceScaleEmbedding(w: number, embeddingDim: number): Float32Array {
  if (!Number.isInteger(embeddingDim) || embeddingDim < 4) {
    throw new RangeError(`embeddingDim must be an integer of at least 4; got ${embeddingDim}.`);
  }
  const half = Math.floor(embeddingDim / 2);
  const scaledW = f32(f32(w) * 1000);
  const base = f32(f32(Math.log(10000)) / (half - 1));
  const out = new Float32Array(embeddingDim);
  for (let i = 0; i < half; i++) {
    const arg = f32(scaledW * torchExpF32(f32(i * -base)));
    out[i] = Math.sin(arg);
    out[half + i] = Math.cos(arg);
  }
  return out;
}

/** The LCM pipeline's timestep_cond for a user's guidance scale: guidanceScaleEmbedding(guidanceScale - 1, dim). */
export function lcmGuidanceEmbedding(guidanceScale: number, embeddingDim: number): Float32Array {
  // torch.tensor(guidance_scale - 1): the subtraction happens in float64 before the float32 tensor is made.
  return guidanceScaleEmbedding(guidanceScale - 1, embeddingDim);
}
