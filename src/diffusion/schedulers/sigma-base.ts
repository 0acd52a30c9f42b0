/**
 * What the two k-diffusion-style schedulers (Euler, Euler ancestral) share: a sigma per timestep, model input
 * scaled by 1/sqrt(sigma^2 + 1), an initial noise sigma, and diffusers' step-index bookkeeping
 * (scheduling_euler_discrete.py: `init_noise_sigma`, `scale_model_input`, `_init_step_index`, `add_noise`).
 */
import type { SchedulerName } from '../types.ts';
import { f32, firstStepIndex, indexForTimestep, sigmaAddNoise } from './common.ts';
import { cfgInt, readSpacing, type SchedulerConfig, type TimestepSpacing } from './config.ts';
import {
  alphasCumprodFromBetas,
  leadingTimesteps,
  makeBetas,
  npInterpArange,
  npLinspace,
  trailingTimesteps,
  trainingSigmas,
  type NoiseScheduleOptions,
} from './noise-schedule.ts';
import type { Randn, Scheduler, SchedulerStepResult } from './types.ts';

export abstract class SigmaScheduler implements Scheduler {
  abstract readonly name: SchedulerName;
  readonly order: number = 1;
  abstract readonly predictionType: string;
  readonly note: string | undefined;

  readonly numTrainTimesteps: number;
  readonly timestepSpacing: TimestepSpacing;
  readonly stepsOffset: number;
  /** float32, ascending in t. */
  readonly alphasCumprod: Float32Array;
  /** Training sigmas sqrt((1 - abar) / abar), float32, ascending in t. */
  protected readonly trainSigmas: Float32Array;

  /** Descending sigmas of the current schedule plus the final one; float32. */
  sigmas: Float32Array;
  timesteps: number[];
  numInferenceSteps: number | null = null;
  protected stepIndex: number | null = null;
  protected beginIndex: number | null = null;

  constructor(config: SchedulerConfig, schedule: NoiseScheduleOptions, spacingDefault: TimestepSpacing, note?: string) {
    this.note = note;
    this.numTrainTimesteps = schedule.numTrainTimesteps;
    this.timestepSpacing = readSpacing(config, spacingDefault);
    this.stepsOffset = cfgInt(config, 'steps_offset', 0);
    const alphasCumprod = alphasCumprodFromBetas(makeBetas(schedule));
    if (schedule.rescaleBetasZeroSnr) {
      // diffusers: "close to 0 without being 0 so first sigma is not inf" (the fp16 smallest subnormal).
      alphasCumprod[alphasCumprod.length - 1] = 2 ** -24;
    }
    this.alphasCumprod = alphasCumprod;
    this.trainSigmas = trainingSigmas(alphasCumprod);
    // Before set_timesteps diffusers holds every training sigma, descending, plus 0.
    const all = new Float32Array(this.trainSigmas.length + 1);
    for (let i = 0; i < this.trainSigmas.length; i++) all[i] = this.trainSigmas[this.trainSigmas.length - 1 - i]!;
    this.sigmas = all;
    this.timesteps = [];
  }

  abstract setTimesteps(numInferenceSteps: number): void;
  abstract step(modelOutput: Float32Array, timestep: number, sample: Float32Array, randn: Randn): SchedulerStepResult;

  /** sigma_max for linspace/trailing spacing, sqrt(sigma_max^2 + 1) for leading (diffusers `init_noise_sigma`). */
  get initNoiseSigma(): number {
    let max = 0;
    for (const s of this.sigmas) if (s > max) max = s;
    if (this.timestepSpacing === 'linspace' || this.timestepSpacing === 'trailing') return max;
    return f32(Math.sqrt(f32(f32(max * max) + 1)));
  }

  setBeginIndex(beginIndex: number): void {
    this.beginIndex = beginIndex;
  }

  /** The timestep grid of EulerDiscreteScheduler.set_timesteps for the configured spacing, float32 values. */
  protected spacedTimesteps(n: number): number[] {
    const T = this.numTrainTimesteps;
    if (this.timestepSpacing === 'linspace') {
      return npLinspace(0, T - 1, n)
        .reverse()
        .map(f32);
    }
    if (this.timestepSpacing === 'leading') {
      return leadingTimesteps(n, T, this.stepsOffset).map(f32);
    }
    return trailingTimesteps(n, T).map(f32);
  }

  /** np.interp of the training sigmas at (possibly fractional) timesteps, float64 as numpy returns it. */
  protected interpolatedSigmas(timesteps: readonly number[]): number[] {
    return timesteps.map((t) => npInterpArange(t, this.trainSigmas));
  }

  protected resetState(): void {
    this.stepIndex = null;
    this.beginIndex = null;
  }

  protected currentStepIndex(timestep: number): number {
    if (this.numInferenceSteps === null) throw new Error('Call setTimesteps before scaleModelInput or step.');
    if (this.stepIndex === null) {
      this.stepIndex = this.beginIndex ?? firstStepIndex(this.timesteps, timestep);
    }
    if (this.stepIndex >= this.timesteps.length) {
      throw new RangeError(
        `The scheduler has already taken all ${this.timesteps.length} steps; call setTimesteps again.`,
      );
    }
    return this.stepIndex;
  }

  scaleModelInput(sample: Float32Array, timestep: number): Float32Array {
    const sigma = this.sigmas[this.currentStepIndex(timestep)]!;
    const denom = f32(Math.sqrt(f32(f32(sigma * sigma) + 1)));
    const out = new Float32Array(sample.length);
    for (let i = 0; i < out.length; i++) out[i] = f32(sample[i]! / denom);
    return out;
  }

  addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    let index: number;
    if (this.beginIndex === null) index = indexForTimestep(this.timesteps, timestep);
    else index = this.stepIndex ?? this.beginIndex;
    return sigmaAddNoise(this.sigmas[index]!, originalSamples, noise);
  }

  /** x0 for the k-diffusion parameterisation (diffusers Euler step, part 1). */
  protected predictOriginal(sigma: number, modelOutput: Float32Array, sample: Float32Array): Float32Array {
    const x0 = new Float32Array(sample.length);
    if (this.predictionType === 'epsilon') {
      for (let i = 0; i < x0.length; i++) x0[i] = f32(sample[i]! - f32(sigma * modelOutput[i]!));
    } else if (this.predictionType === 'v_prediction') {
      // denoised = model_output * c_out + input * c_skip
      const s2p1 = f32(f32(sigma * sigma) + 1);
      const cOut = f32(-sigma / f32(Math.sqrt(s2p1)));
      for (let i = 0; i < x0.length; i++) x0[i] = f32(f32(modelOutput[i]! * cOut) + f32(sample[i]! / s2p1));
    } else {
      x0.set(modelOutput);
    }
    return x0;
  }
}
