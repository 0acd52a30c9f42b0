/**
 * DDIM (Song et al. 2020, formulas 12 and 16), as diffusers' DDIMScheduler (src/diffusers/schedulers/scheduling_ddim.py):
 *   prev_t = t - T // n;  abar_prev = abar[prev_t], or final_alpha_cumprod (1 if set_alpha_to_one else abar[0]) when prev_t < 0
 *   x0 = (x - sqrt(1 - abar) eps) / sqrt(abar)  (epsilon)  |  x0 = sqrt(abar) x - sqrt(1 - abar) v  (v_prediction)
 *   x0 clipped to +-clip_sample_range when clip_sample (class default true; SD configs say false)
 *   sigma_t = eta sqrt((1 - abar_prev) / (1 - abar) (1 - abar / abar_prev))
 *   x' = sqrt(abar_prev) x0 + sqrt(1 - abar_prev - sigma_t^2) eps + sigma_t z
 * `eta` is a step argument in diffusers (pipelines default to 0); here it is a property, 0 unless set.
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
  trainIndex,
} from './common.ts';
import {
  cfgBool,
  checkStepCount,
  readDdpmFamily,
  readClipSample,
  type SchedulerConfig,
  type TimestepSpacing,
} from './config.ts';
import { spacedTimesteps } from './noise-schedule.ts';
import type { Randn, Scheduler, SchedulerStepResult } from './types.ts';

export class DDIMScheduler implements Scheduler {
  readonly name: SchedulerName = 'ddim';
  readonly order = 1;
  readonly initNoiseSigma = 1;
  readonly predictionType: string;
  readonly note: string | undefined;
  readonly numTrainTimesteps: number;
  readonly alphasCumprod: Float32Array;
  readonly finalAlphaCumprod: number;
  readonly clipSample: boolean;
  readonly clipSampleRange: number;
  readonly timestepSpacing: TimestepSpacing;
  readonly stepsOffset: number;
  private etaValue = 0;
  timesteps: number[] = [];
  numInferenceSteps: number | null = null;

  constructor(config: SchedulerConfig, options: { note?: string } = {}) {
    this.note = options.note;
    const family = readDdpmFamily(config, { className: 'DDIMScheduler', spacing: 'leading' });
    this.numTrainTimesteps = family.numTrainTimesteps;
    this.alphasCumprod = family.alphasCumprod;
    this.predictionType = family.predictionType;
    this.timestepSpacing = family.timestepSpacing;
    this.stepsOffset = family.stepsOffset;
    this.finalAlphaCumprod = cfgBool(config, 'set_alpha_to_one', true) ? 1 : this.alphasCumprod[0]!;
    ({ clipSample: this.clipSample, clipSampleRange: this.clipSampleRange } = readClipSample(config));
  }

  /** DDIM's eta: 0 is deterministic DDIM, 1 is DDPM-like. Noise is drawn only when eta > 0. */
  get eta(): number {
    return this.etaValue;
  }

  set eta(eta: number) {
    if (!(eta >= 0 && eta <= 1)) throw new UserError(`DDIM eta must be between 0 and 1; got ${eta}.`, 'bad-eta');
    this.etaValue = eta;
  }

  setTimesteps(numInferenceSteps: number): void {
    checkStepCount(
      numInferenceSteps,
      this.numTrainTimesteps,
      ` (the model was trained with ${this.numTrainTimesteps} timesteps)`,
    );
    this.numInferenceSteps = numInferenceSteps;
    this.timesteps = spacedTimesteps(this.timestepSpacing, numInferenceSteps, this.numTrainTimesteps, this.stepsOffset);
  }

  /** DDIM has no begin index in diffusers: img2img simply starts at a later timestep. */
  setBeginIndex(_beginIndex: number): void {}

  scaleModelInput(sample: Float32Array, _timestep: number): Float32Array {
    return sample;
  }

  private alphaProd(t: number): number {
    return t >= 0 ? this.alphasCumprod[t]! : this.finalAlphaCumprod;
  }

  /** diffusers `_get_variance`: (1 - abar_prev) / (1 - abar) * (1 - abar / abar_prev), float32. */
  getVariance(timestep: number, prevTimestep: number): number {
    const alphaProdT = this.alphasCumprod[trainIndex(timestep, this.numTrainTimesteps)]!;
    const alphaProdPrev = this.alphaProd(prevTimestep);
    const betaProdT = f32(1 - alphaProdT);
    const betaProdPrev = f32(1 - alphaProdPrev);
    return f32(f32(betaProdPrev / betaProdT) * f32(1 - f32(alphaProdT / alphaProdPrev)));
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, randn: Randn): SchedulerStepResult {
    if (this.numInferenceSteps === null) throw new Error('Call setTimesteps before step.');
    checkSameLength(modelOutput, sample, 'step');
    const t = trainIndex(timestep, this.numTrainTimesteps);
    const prevT = t - Math.floor(this.numTrainTimesteps / this.numInferenceSteps);
    const alphaProdT = this.alphasCumprod[t]!;
    const alphaProdPrev = this.alphaProd(prevT);
    const betaProdT = f32(1 - alphaProdT);
    const betaProdPrev = f32(1 - alphaProdPrev);

    const predOriginalSample = ddpmPredictOriginal(this.predictionType, alphaProdT, modelOutput, sample);
    const sqrtA = f32(Math.sqrt(alphaProdT));
    const sqrtB = f32(Math.sqrt(betaProdT));
    const predEpsilon = new Float32Array(sample.length);
    if (this.predictionType === 'epsilon') {
      predEpsilon.set(modelOutput);
    } else if (this.predictionType === 'v_prediction') {
      for (let i = 0; i < sample.length; i++)
        predEpsilon[i] = f32(f32(sqrtA * modelOutput[i]!) + f32(sqrtB * sample[i]!));
    } else {
      for (let i = 0; i < sample.length; i++) {
        predEpsilon[i] = f32(f32(sample[i]! - f32(sqrtA * predOriginalSample[i]!)) / sqrtB);
      }
    }
    if (this.clipSample) clampInPlace(predOriginalSample, this.clipSampleRange);

    const variance = this.getVariance(t, prevT);
    const stdDevT = f32(f32(this.eta) * f32(Math.sqrt(variance)));
    const dirCoeff = f32(Math.sqrt(f32(betaProdPrev - f32(stdDevT * stdDevT))));
    const sqrtAPrev = f32(Math.sqrt(alphaProdPrev));
    const prevSample = new Float32Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      prevSample[i] = f32(f32(sqrtAPrev * predOriginalSample[i]!) + f32(dirCoeff * predEpsilon[i]!));
    }
    if (this.eta > 0) {
      const noise = drawNoise(randn, sample.length);
      for (let i = 0; i < sample.length; i++) prevSample[i] = f32(prevSample[i]! + f32(stdDevT * noise[i]!));
    }
    return { prevSample, predOriginalSample };
  }

  addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    return ddpmAddNoise(this.alphasCumprod[trainIndex(timestep, this.numTrainTimesteps)]!, originalSamples, noise);
  }
}
