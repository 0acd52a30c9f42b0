/**
 * DDPM (Ho et al. 2020, formulas 6 and 7), as diffusers' DDPMScheduler (src/diffusers/schedulers/scheduling_ddpm.py):
 *   prev_t = the next timestep of the schedule (-1 after the last), abar_prev = abar[prev_t] or 1
 *   alpha_t = abar / abar_prev,  beta_t = 1 - alpha_t
 *   x0 from eps / v / sample (clipped to +-clip_sample_range when clip_sample, the class default)
 *   mean = sqrt(abar_prev) beta_t / (1 - abar) x0 + sqrt(alpha_t) (1 - abar_prev) / (1 - abar) x
 *   var = max((1 - abar_prev) / (1 - abar) beta_t, 1e-20)     ("fixed_small"; "fixed_large" uses beta_t)
 *   x' = mean + sqrt(var) z  for t > 0  ("fixed_small_log": exp(log(var) / 2) z, the same value)
 * z ~ N(0, I) is drawn at every step whose timestep is above 0, as diffusers does.
 */
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
  cfgString,
  checkStepCount,
  readDdpmFamily,
  readClipSample,
  type SchedulerConfig,
  type TimestepSpacing,
} from './config.ts';
import { spacedTimesteps } from './noise-schedule.ts';
import type { Randn, Scheduler, SchedulerStepResult } from './types.ts';

export type DdpmVarianceType = 'fixed_small' | 'fixed_small_log' | 'fixed_large';

export class DDPMScheduler implements Scheduler {
  readonly name: SchedulerName = 'ddpm';
  readonly order = 1;
  readonly initNoiseSigma = 1;
  readonly predictionType: string;
  readonly note: string | undefined;
  readonly numTrainTimesteps: number;
  readonly alphasCumprod: Float32Array;
  readonly clipSample: boolean;
  readonly clipSampleRange: number;
  readonly varianceType: DdpmVarianceType;
  readonly timestepSpacing: TimestepSpacing;
  readonly stepsOffset: number;
  timesteps: number[] = [];
  numInferenceSteps: number | null = null;

  constructor(config: SchedulerConfig, options: { note?: string } = {}) {
    this.note = options.note;
    const family = readDdpmFamily(config, { className: 'DDPMScheduler', spacing: 'leading' });
    this.numTrainTimesteps = family.numTrainTimesteps;
    this.alphasCumprod = family.alphasCumprod;
    this.predictionType = family.predictionType;
    this.timestepSpacing = family.timestepSpacing;
    this.stepsOffset = family.stepsOffset;
    ({ clipSample: this.clipSample, clipSampleRange: this.clipSampleRange } = readClipSample(config));
    // "learned"/"learned_range" need a UNet that predicts its variance; "fixed_large_log" takes the square root of a
    // negative log in diffusers (NaN). Neither is something an SD export ships.
    this.varianceType = cfgString(config, 'variance_type', 'fixed_small', [
      'fixed_small',
      'fixed_small_log',
      'fixed_large',
    ]);
  }

  setTimesteps(numInferenceSteps: number): void {
    const T = this.numTrainTimesteps;
    checkStepCount(numInferenceSteps, T, ` (the model was trained with ${T} timesteps)`);
    this.numInferenceSteps = numInferenceSteps;
    this.timesteps = spacedTimesteps(this.timestepSpacing, numInferenceSteps, T, this.stepsOffset);
  }

  /** DDPMScheduler has no begin index in diffusers (the img2img pipeline skips the call). */
  setBeginIndex(_beginIndex: number): void {}

  scaleModelInput(sample: Float32Array, _timestep: number): Float32Array {
    return sample;
  }

  /** diffusers `previous_timestep`: the entry after the first match of `timestep`, or -1 after the last. */
  previousTimestep(timestep: number): number {
    const index = this.timesteps.indexOf(timestep);
    if (index < 0)
      throw new RangeError(
        `Timestep ${timestep} is not in this scheduler's schedule; pass one of scheduler.timesteps.`,
      );
    return index === this.timesteps.length - 1 ? -1 : this.timesteps[index + 1]!;
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, randn: Randn): SchedulerStepResult {
    if (this.numInferenceSteps === null) throw new Error('Call setTimesteps before step.');
    checkSameLength(modelOutput, sample, 'step');
    const t = trainIndex(timestep, this.numTrainTimesteps);
    const prevT = this.previousTimestep(t);
    const alphaProdT = this.alphasCumprod[t]!;
    const alphaProdPrev = prevT >= 0 ? this.alphasCumprod[prevT]! : 1;
    const betaProdT = f32(1 - alphaProdT);
    const betaProdPrev = f32(1 - alphaProdPrev);
    const currentAlphaT = f32(alphaProdT / alphaProdPrev);
    const currentBetaT = f32(1 - currentAlphaT);

    const predOriginalSample = ddpmPredictOriginal(this.predictionType, alphaProdT, modelOutput, sample);
    if (this.clipSample) clampInPlace(predOriginalSample, this.clipSampleRange);

    const x0Coeff = f32(f32(f32(Math.sqrt(alphaProdPrev)) * currentBetaT) / betaProdT);
    const sampleCoeff = f32(f32(f32(Math.sqrt(currentAlphaT)) * betaProdPrev) / betaProdT);
    const prevSample = new Float32Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      prevSample[i] = f32(f32(x0Coeff * predOriginalSample[i]!) + f32(sampleCoeff * sample[i]!));
    }
    if (t > 0) {
      const noise = drawNoise(randn, sample.length);
      let variance = f32(f32(betaProdPrev / betaProdT) * currentBetaT);
      variance = Math.max(variance, f32(1e-20));
      let std: number;
      if (this.varianceType === 'fixed_small_log') std = f32(Math.exp(f32(0.5 * f32(Math.log(variance)))));
      else if (this.varianceType === 'fixed_large') std = f32(Math.sqrt(currentBetaT));
      else std = f32(Math.sqrt(variance));
      for (let i = 0; i < sample.length; i++) prevSample[i] = f32(prevSample[i]! + f32(std * noise[i]!));
    }
    return { prevSample, predOriginalSample };
  }

  addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    return ddpmAddNoise(this.alphasCumprod[trainIndex(timestep, this.numTrainTimesteps)]!, originalSamples, noise);
  }
}
