/**
 * Euler (Karras et al. 2022, Algorithm 2, without churn), as diffusers' EulerDiscreteScheduler
 * (src/diffusers/schedulers/scheduling_euler_discrete.py):
 *   x0 = x - sigma * eps  (epsilon)  |  x0 = eps * (-sigma / sqrt(sigma^2 + 1)) + x / (sigma^2 + 1)  (v_prediction)
 *   d = (x - x0) / sigma,  x' = x + d * (sigma_next - sigma)
 * with sigmas interpolated at the spaced timesteps (np.interp), or Karras sigmas
 * (sigma_max^(1/7) + r (sigma_min^(1/7) - sigma_max^(1/7)))^7 mapped back to fractional timesteps (`_sigma_to_t`).
 * SD-Turbo is this scheduler with `timestep_spacing: "trailing"` (one step: t = 999, sigma = 14.6146).
 */
import type { SchedulerName } from '../types.ts';
import { checkSameLength, f32 } from './common.ts';
import {
  DDPM_DEFAULTS,
  cfgBool,
  cfgNumber,
  cfgString,
  checkStepCount,
  readNoiseSchedule,
  readPredictionType,
  rejectIfSet,
  type SchedulerConfig,
} from './config.ts';
import { karrasSigmas, logF32, sigmaToT } from './noise-schedule.ts';
import { SigmaScheduler } from './sigma-base.ts';
import type { Randn, SchedulerStepResult } from './types.ts';

export interface EulerOptions {
  name?: SchedulerName;
  note?: string;
  /** Overrides the config's use_karras_sigmas (an explicit scheduler choice wins over the config). */
  useKarrasSigmas?: boolean;
}

export class EulerDiscreteScheduler extends SigmaScheduler {
  readonly name: SchedulerName;
  readonly predictionType: string;
  readonly useKarrasSigmas: boolean;
  readonly finalSigmasType: 'zero' | 'sigma_min';
  private readonly sigmaMin: number | null;
  private readonly sigmaMax: number | null;

  constructor(config: SchedulerConfig, options: EulerOptions = {}) {
    const schedule = readNoiseSchedule(config, DDPM_DEFAULTS, { rescaleSupported: true });
    super(config, schedule, 'linspace', options.note);
    this.name = options.name ?? 'euler';
    rejectIfSet(config, 'EulerDiscreteScheduler', ['use_exponential_sigmas', 'use_beta_sigmas']);
    cfgString(config, 'interpolation_type', 'linear', ['linear']);
    this.predictionType = readPredictionType(config, ['epsilon', 'v_prediction', 'sample']);
    if (
      cfgString(config, 'timestep_type', 'discrete', ['discrete', 'continuous']) === 'continuous' &&
      this.predictionType === 'v_prediction'
    ) {
      throw new Error(
        'scheduler_config.json: "timestep_type": "continuous" with v_prediction (EDM-style timesteps) is not supported.',
      );
    }
    this.useKarrasSigmas = options.useKarrasSigmas ?? cfgBool(config, 'use_karras_sigmas', false);
    this.finalSigmasType = cfgString(config, 'final_sigmas_type', 'zero', ['zero', 'sigma_min']);
    const sigmaMin = config['sigma_min'];
    const sigmaMax = config['sigma_max'];
    this.sigmaMin = sigmaMin == null ? null : cfgNumber(config, 'sigma_min', 0);
    this.sigmaMax = sigmaMax == null ? null : cfgNumber(config, 'sigma_max', 0);
  }

  setTimesteps(numInferenceSteps: number): void {
    checkStepCount(numInferenceSteps, this.numTrainTimesteps);
    this.numInferenceSteps = numInferenceSteps;
    let timesteps = this.spacedTimesteps(numInferenceSteps);
    let sigmas = this.interpolatedSigmas(timesteps);
    if (this.useKarrasSigmas) {
      const logSigmas = logF32(this.trainSigmas);
      sigmas = karrasSigmas(
        this.sigmaMin ?? sigmas[sigmas.length - 1]!,
        this.sigmaMax ?? sigmas[0]!,
        numInferenceSteps,
      );
      timesteps = sigmas.map((s) => f32(sigmaToT(s, logSigmas)));
    }
    const a0 = this.alphasCumprod[0]!;
    const last = this.finalSigmasType === 'sigma_min' ? f32(Math.sqrt(f32(f32(1 - a0) / a0))) : 0;
    this.sigmas = Float32Array.from([...sigmas, last]);
    this.timesteps = timesteps;
    this.resetState();
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, _randn: Randn): SchedulerStepResult {
    checkSameLength(modelOutput, sample, 'step');
    const i = this.currentStepIndex(timestep);
    // s_churn = 0 (the pipelines' default), so gamma = 0, sigma_hat = sigma and no noise is drawn.
    const sigma = this.sigmas[i]!;
    const predOriginalSample = this.predictOriginal(sigma, modelOutput, sample);
    const dt = f32(this.sigmas[i + 1]! - sigma);
    const prevSample = new Float32Array(sample.length);
    for (let k = 0; k < prevSample.length; k++) {
      const derivative = f32(f32(sample[k]! - predOriginalSample[k]!) / sigma);
      prevSample[k] = f32(sample[k]! + f32(derivative * dt));
    }
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample };
  }
}
