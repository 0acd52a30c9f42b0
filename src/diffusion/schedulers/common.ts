/**
 * Pieces several schedulers share. Elementwise math mirrors diffusers' torch expressions in float32: every
 * intermediate tensor is rounded with Math.fround in the order torch evaluates it, so our samples match diffusers'
 * to a few float32 ulps instead of drifting with float64 arithmetic.
 */
import type { Randn } from './types.ts';

export const f32 = Math.fround;

export function checkSameLength(a: Float32Array, b: Float32Array, what: string): void {
  if (a.length !== b.length) {
    throw new RangeError(
      `${what}: lengths differ (${a.length} and ${b.length}); both must be the flattened [B, C, H, W] latents.`,
    );
  }
}

/** Draws noise through the pipeline's generator and checks that it returned what was asked for. */
export function drawNoise(randn: Randn, length: number): Float32Array {
  const noise = randn(length);
  if (!(noise instanceof Float32Array) || noise.length !== length) {
    throw new RangeError(`randn(${length}) must return a Float32Array of ${length} values.`);
  }
  return noise;
}

/**
 * diffusers `index_for_timestep` (scheduling_euler_discrete.py): the position of `timestep` in the schedule, taking
 * the second match when it occurs twice so that an img2img start does not skip a sigma. `notFound` is what the
 * DPM-Solver variant returns for a timestep that is not in the schedule; Euler raises.
 */
export function indexForTimestep(timesteps: readonly number[], timestep: number, notFound?: number): number {
  const matches: number[] = [];
  for (let i = 0; i < timesteps.length && matches.length < 2; i++) if (timesteps[i] === timestep) matches.push(i);
  if (matches.length === 0) {
    if (notFound !== undefined) return notFound;
    throw new RangeError(`Timestep ${timestep} is not in this scheduler's schedule; pass one of scheduler.timesteps.`);
  }
  return matches.length > 1 ? matches[1]! : matches[0]!;
}

/**
 * The step index of the first step when the pipeline has not set a begin index. diffusers always uses
 * `index_for_timestep`; we differ only when the schedule starts with a repeated timestep (possible with Karras
 * sigmas on a cosine schedule), where diffusers' second-match rule would skip the first sigma and run past the end.
 */
export function firstStepIndex(timesteps: readonly number[], timestep: number, notFound?: number): number {
  return timesteps[0] === timestep ? 0 : indexForTimestep(timesteps, timestep, notFound);
}

/** Integer timestep index into alphas_cumprod, as the DDPM-family schedulers index their tensors. */
export function trainIndex(timestep: number, numTrainTimesteps: number): number {
  if (!Number.isInteger(timestep) || timestep < 0 || timestep >= numTrainTimesteps) {
    throw new RangeError(`Timestep ${timestep} must be an integer from 0 to ${numTrainTimesteps - 1}.`);
  }
  return timestep;
}

/** diffusers DDPMScheduler.add_noise: sqrt(abar_t) * x0 + sqrt(1 - abar_t) * noise. */
export function ddpmAddNoise(alphaProd: number, original: Float32Array, noise: Float32Array): Float32Array {
  checkSameLength(original, noise, 'addNoise');
  const a = f32(Math.sqrt(alphaProd));
  const b = f32(Math.sqrt(f32(1 - alphaProd)));
  const out = new Float32Array(original.length);
  for (let i = 0; i < out.length; i++) out[i] = f32(f32(a * original[i]!) + f32(b * noise[i]!));
  return out;
}

/** diffusers EulerDiscreteScheduler.add_noise: x0 + sigma * noise. */
export function sigmaAddNoise(sigma: number, original: Float32Array, noise: Float32Array): Float32Array {
  checkSameLength(original, noise, 'addNoise');
  const out = new Float32Array(original.length);
  for (let i = 0; i < out.length; i++) out[i] = f32(original[i]! + f32(noise[i]! * sigma));
  return out;
}

/** clamp(x, -range, range) in place, as `pred_original_sample.clamp(...)`. */
export function clampInPlace(x: Float32Array, range: number): void {
  const r = f32(range);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v > r) x[i] = r;
    else if (v < -r) x[i] = -r;
  }
}

/** x0 from an epsilon/v/sample prediction in the DDPM (alphas_cumprod) parameterisation, float32 like diffusers' DDIM. */
export function ddpmPredictOriginal(
  predictionType: string,
  alphaProd: number,
  modelOutput: Float32Array,
  sample: Float32Array,
): Float32Array {
  const sqrtA = f32(Math.sqrt(alphaProd));
  const sqrtB = f32(Math.sqrt(f32(1 - alphaProd)));
  const x0 = new Float32Array(sample.length);
  if (predictionType === 'epsilon') {
    for (let i = 0; i < x0.length; i++) x0[i] = f32(f32(sample[i]! - f32(sqrtB * modelOutput[i]!)) / sqrtA);
  } else if (predictionType === 'v_prediction') {
    for (let i = 0; i < x0.length; i++) x0[i] = f32(f32(sqrtA * sample[i]!) - f32(sqrtB * modelOutput[i]!));
  } else {
    x0.set(modelOutput);
  }
  return x0;
}
