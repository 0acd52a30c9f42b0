/**
 * The contract every scheduler implements (re-exported by ./index.ts). Samples are flattened [B, C, H, W]
 * Float32Arrays; all the math is elementwise, so the batch size only matters to `randn`, which the pipeline
 * supplies (seeded, per image) and which must return `length` standard normal values.
 */
import type { SchedulerName } from '../types.ts';

export interface SchedulerStepResult {
  prevSample: Float32Array;
  /** The model's estimate of the clean latents x0 at this step (Euler, Euler ancestral, DDIM, DPM-Solver). */
  predOriginalSample?: Float32Array;
  /** LCM: the denoised latents; decode these (not prevSample) after the last step. */
  denoised?: Float32Array;
}

export type Randn = (length: number) => Float32Array;

export interface Scheduler {
  readonly name: SchedulerName;
  readonly order: number;
  /** Valid after setTimesteps; the value fed to the UNet (fractional for Euler with Karras sigmas or linspace spacing). */
  readonly timesteps: readonly number[];
  /** Valid after setTimesteps: multiply the initial Gaussian noise by this. */
  readonly initNoiseSigma: number;
  readonly predictionType: string;
  /** The training timesteps of its noise schedule (num_train_timesteps), what a step's noise level is measured against. */
  readonly numTrainTimesteps: number;
  /** Set when the config asked for something else and this scheduler stands in for it (e.g. LMS -> Euler). */
  readonly note?: string | undefined;
  setTimesteps(numInferenceSteps: number): void;
  /** For img2img (diffusers `set_begin_index`): the index of the first timestep that will be stepped. */
  setBeginIndex(beginIndex: number): void;
  /** The UNet input for this timestep; may return `sample` itself when no scaling applies. */
  scaleModelInput(sample: Float32Array, timestep: number): Float32Array;
  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, randn: Randn): SchedulerStepResult;
  /** Forward diffusion to `timestep` (img2img start): DDPM-type sqrt(abar) x0 + sqrt(1 - abar) noise, Euler-type x0 + sigma noise. */
  addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array;
}
