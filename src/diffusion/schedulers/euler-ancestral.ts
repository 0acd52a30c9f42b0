/**
 * Euler ancestral, as diffusers' EulerAncestralDiscreteScheduler
 * (src/diffusers/schedulers/scheduling_euler_ancestral_discrete.py, after k-diffusion's sample_euler_ancestral):
 *   sigma_up = sqrt(sigma_to^2 (sigma_from^2 - sigma_to^2) / sigma_from^2),  sigma_down = sqrt(sigma_to^2 - sigma_up^2)
 *   x' = x + (x - x0) / sigma * (sigma_down - sigma) + z * sigma_up,  z ~ N(0, I) drawn at every step (as diffusers
 *   does, so a seeded generator stays in step with it; on the last step sigma_up = 0).
 */
import type { SchedulerName } from '../types.ts';
import { checkSameLength, drawNoise, f32 } from './common.ts';
import {
  DDPM_DEFAULTS,
  checkStepCount,
  readNoiseSchedule,
  readPredictionType,
  type SchedulerConfig,
} from './config.ts';
import { SigmaScheduler } from './sigma-base.ts';
import type { Randn, SchedulerStepResult } from './types.ts';

export class EulerAncestralDiscreteScheduler extends SigmaScheduler {
  readonly name: SchedulerName = 'euler-ancestral';
  readonly predictionType: string;

  constructor(config: SchedulerConfig, options: { note?: string } = {}) {
    const schedule = readNoiseSchedule(config, DDPM_DEFAULTS, { rescaleSupported: true });
    super(config, schedule, 'linspace', options.note);
    // diffusers raises NotImplementedError for prediction_type "sample" here.
    this.predictionType = readPredictionType(config, ['epsilon', 'v_prediction']);
  }

  setTimesteps(numInferenceSteps: number): void {
    checkStepCount(numInferenceSteps, this.numTrainTimesteps);
    this.numInferenceSteps = numInferenceSteps;
    const timesteps = this.spacedTimesteps(numInferenceSteps);
    this.sigmas = Float32Array.from([...this.interpolatedSigmas(timesteps), 0]);
    this.timesteps = timesteps;
    this.resetState();
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, randn: Randn): SchedulerStepResult {
    checkSameLength(modelOutput, sample, 'step');
    const i = this.currentStepIndex(timestep);
    const sigma = this.sigmas[i]!;
    const predOriginalSample = this.predictOriginal(sigma, modelOutput, sample);

    const from2 = f32(sigma * sigma);
    const to = this.sigmas[i + 1]!;
    const to2 = f32(to * to);
    const sigmaUp = f32(Math.sqrt(f32(f32(to2 * f32(from2 - to2)) / from2)));
    const sigmaDown = f32(Math.sqrt(f32(to2 - f32(sigmaUp * sigmaUp))));
    const dt = f32(sigmaDown - sigma);

    const noise = drawNoise(randn, sample.length);
    const prevSample = new Float32Array(sample.length);
    for (let k = 0; k < prevSample.length; k++) {
      const derivative = f32(f32(sample[k]! - predOriginalSample[k]!) / sigma);
      const deterministic = f32(sample[k]! + f32(derivative * dt));
      prevSample[k] = f32(deterministic + f32(noise[k]! * sigmaUp));
    }
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample };
  }
}
