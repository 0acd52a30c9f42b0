/**
 * Heun's method (Karras et al. 2022, Algorithm 2 without churn), as diffusers' HeunDiscreteScheduler
 * (src/diffusers/schedulers/scheduling_heun_discrete.py). Every sigma but the first appears twice, so n steps are
 * 2n - 1 model evaluations (the class's `order` is 2):
 *   first-order half:  d = (x - x0(sigma)) / sigma,  x_pred = x + d (sigma_next - sigma)
 *   second-order half: d' = (x_pred - x0(sigma_next)) / sigma_next,  x' = x + (d + d') / 2 (sigma_next - sigma)
 * x0 as Euler's (epsilon, v_prediction or sample), clipped when clip_sample. Its class defaults differ from the
 * others: beta_start 0.00085, beta_end 0.012, linear.
 */
import type { SchedulerName } from '../types.ts';
import { checkSameLength, clampInPlace, f32 } from './common.ts';
import {
  cfgBool,
  cfgNumber,
  checkStepCount,
  readNoiseSchedule,
  readPredictionType,
  rejectIfSet,
  type ScheduleDefaults,
  type SchedulerConfig,
} from './config.ts';
import { karrasSigmas, logF32, sigmaToT } from './noise-schedule.ts';
import { SigmaScheduler } from './sigma-base.ts';
import type { Randn, SchedulerStepResult } from './types.ts';

const HEUN_DEFAULTS: ScheduleDefaults = {
  betaStart: 0.00085,
  betaEnd: 0.012,
  betaSchedule: 'linear',
  timestepSpacing: 'linspace',
};

export class HeunDiscreteScheduler extends SigmaScheduler {
  readonly name: SchedulerName;
  override readonly order: number = 2;
  readonly predictionType: string;
  readonly useKarrasSigmas: boolean;
  readonly clipSample: boolean;
  readonly clipSampleRange: number;
  private prevDerivative: Float32Array | null = null;
  private dt: number | null = null;
  private firstSample: Float32Array | null = null;

  constructor(
    config: SchedulerConfig,
    options: { name?: SchedulerName; note?: string; useKarrasSigmas?: boolean } = {},
  ) {
    // HeunDiscreteScheduler has no rescale_betas_zero_snr parameter, so diffusers ignores that key for it.
    const schedule = readNoiseSchedule(config, HEUN_DEFAULTS, { rescaleSupported: false });
    super(config, schedule, 'linspace', options.note);
    rejectIfSet(config, 'HeunDiscreteScheduler', ['use_exponential_sigmas', 'use_beta_sigmas']);
    this.predictionType = readPredictionType(config, ['epsilon', 'v_prediction', 'sample']);
    this.useKarrasSigmas = options.useKarrasSigmas ?? cfgBool(config, 'use_karras_sigmas', false);
    this.clipSample = cfgBool(config, 'clip_sample', false);
    this.clipSampleRange = cfgNumber(config, 'clip_sample_range', 1);
    this.name = options.name ?? 'heun';
  }

  setTimesteps(numInferenceSteps: number): void {
    checkStepCount(numInferenceSteps, this.numTrainTimesteps);
    this.numInferenceSteps = numInferenceSteps;
    let timesteps = this.spacedTimesteps(numInferenceSteps);
    let sigmas = this.interpolatedSigmas(timesteps);
    if (this.useKarrasSigmas) {
      const logSigmas = logF32(this.trainSigmas);
      sigmas = karrasSigmas(sigmas[sigmas.length - 1]!, sigmas[0]!, numInferenceSteps);
      timesteps = sigmas.map((s) => f32(sigmaToT(s, logSigmas)));
    }
    const all = [...sigmas, 0];
    this.sigmas = Float32Array.from([all[0]!, ...all.slice(1, -1).flatMap((s) => [s, s]), 0]);
    this.timesteps = [timesteps[0]!, ...timesteps.slice(1).flatMap((t) => [t, t])];
    this.prevDerivative = null;
    this.dt = null;
    this.firstSample = null;
    this.resetState();
  }

  /** True before the first-order half of a step (diffusers `state_in_first_order`). */
  get stateInFirstOrder(): boolean {
    return this.dt === null;
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, _randn: Randn): SchedulerStepResult {
    checkSameLength(modelOutput, sample, 'step');
    const i = this.currentStepIndex(timestep);
    const first = this.stateInFirstOrder;
    const sigma = first ? this.sigmas[i]! : this.sigmas[i - 1]!;
    const sigmaNext = first ? this.sigmas[i + 1]! : this.sigmas[i]!;
    const predOriginalSample = this.predictOriginal(first ? sigma : sigmaNext, modelOutput, sample);
    if (this.clipSample) clampInPlace(predOriginalSample, this.clipSampleRange);

    const prevSample = new Float32Array(sample.length);
    if (first) {
      const dt = f32(sigmaNext - sigma);
      const derivative = new Float32Array(sample.length);
      for (let k = 0; k < sample.length; k++) {
        derivative[k] = f32(f32(sample[k]! - predOriginalSample[k]!) / sigma);
        prevSample[k] = f32(sample[k]! + f32(derivative[k]! * dt));
      }
      this.prevDerivative = derivative;
      this.dt = dt;
      this.firstSample = sample;
    } else {
      const prev = this.prevDerivative!;
      const dt = this.dt!;
      const x = this.firstSample!;
      for (let k = 0; k < sample.length; k++) {
        const d = f32(f32(sample[k]! - predOriginalSample[k]!) / sigmaNext);
        const mean = f32(f32(prev[k]! + d) / 2);
        prevSample[k] = f32(x[k]! + f32(mean * dt));
      }
      this.prevDerivative = null;
      this.dt = null;
      this.firstSample = null;
    }
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample };
  }
}
