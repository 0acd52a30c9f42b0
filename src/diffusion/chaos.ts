/**
 * `--chaos 0-100`: a seeded spread between the images of one grid. Each image's prompt conditioning is moved along a
 * direction of its own (Gaussian noise drawn from the image's seed), strongly while the picture is still noise and
 * not at all once its composition has formed, so the images of a grid start from different readings of the prompt
 * and still finish on it. This is condition annealing as in CADS (Sadat et al., "CADS: Unleashing the Diversity of
 * Diffusion Models through Condition-Annealed Sampling", ICLR 2024):
 *
 *   y^ = sqrt(gamma(t)) y + s sqrt(1 - gamma(t)) n,  gamma(t) = 1 for t <= tau1, 0 for t >= tau2, linear between
 *
 * followed by their rescaling of y^ back to the statistics of y (psi = 1; here per token, so no token's norm moves).
 * Three choices differ from the paper: the prompt is never scaled away (y^ = y + s sqrt(1 - gamma(t)) n, so a
 * one-step Turbo image at t = 999 still follows its prompt, moved by at most s); the noise n is drawn once per image
 * (not per step), so an image keeps one reading of the prompt throughout; and the token at position 0 (BOS, the same
 * for every prompt) is left alone. The scale s is chaos / 100 x MAX_CHAOS_SCALE, relative to each token's own
 * standard deviation. Each image's classifier-free guidance scale is also multiplied by its own factor, from
 * 1 / f to f with f = MAX_CHAOS_GUIDANCE_FACTOR ^ (chaos / 100) (log-uniform), kept within 1 to 30.
 * Chaos 0 changes nothing. Pure math on typed arrays; the pipeline calls it.
 */
import { createRandom } from './tensors.ts';

/**
 * The noise scale s at chaos 100, and how far an image's guidance scale may move at chaos 100 (a factor from 1/3 to 3).
 * Chosen on the demo model (24 grids of 4, 10 Euler steps, guidance 5; mean absolute pixel difference between the
 * images of a grid, and the checker's verdict): chaos 0: 36.3, 84/96 images as asked; 50: 40.4, 87/96; 100: 47.6,
 * 68/96. So 50 spreads a grid while keeping the prompt, and 100 departs from it, as Midjourney's --chaos 100 does.
 */
export const MAX_CHAOS_SCALE = 2;
export const MAX_CHAOS_GUIDANCE_FACTOR = 3;
/**
 * The annealing thresholds, as fractions of the training timesteps (t = 1 is pure noise): the conditioning is moved
 * fully above TAU2 and not at all below TAU1. CADS uses 0.6 and 0.9 for samplers of 100+ steps; a few-step sampler
 * (the demo's 10 Euler steps) spends only two or three steps above 0.6, too few to change a composition, hence lower.
 */
export const CHAOS_TAU1 = 0.3;
export const CHAOS_TAU2 = 0.6;

/** The seed of image `seed`'s chaos direction: apart from its latent noise's (which uses `seed` itself). */
export function chaosSeed(seed: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) ^ 0x63686173) >>> 0;
}

/** gamma(t) of CADS for a timestep of `numTrainTimesteps`: 1 (clean conditioning) late, 0 (all noise) early. */
export function chaosGamma(timestep: number, numTrainTimesteps: number): number {
  const t = timestep / numTrainTimesteps;
  if (t <= CHAOS_TAU1) return 1;
  if (t >= CHAOS_TAU2) return 0;
  return (CHAOS_TAU2 - t) / (CHAOS_TAU2 - CHAOS_TAU1);
}

/** What --chaos gives one image: its direction (standard normal noise of the conditioning's size) and guidance. */
export interface ImageChaos {
  direction: Float32Array;
  guidanceScale: number;
}

/** Image `seed`'s chaos, fixed for the whole run: drawn from its own generator (chaosSeed), guidance first. */
export function imageChaosOf(seed: number, length: number, guidanceScale: number, chaos: number): ImageChaos {
  const random = createRandom(chaosSeed(seed));
  const u = random.uniform();
  const factor = Math.exp(Math.log(MAX_CHAOS_GUIDANCE_FACTOR) * (chaos / 100) * (2 * u - 1));
  return {
    guidanceScale: Math.min(30, Math.max(1, guidanceScale * factor)),
    direction: random.fill(new Float32Array(length)),
  };
}

/**
 * The conditioning [seqLen, hidden] moved along `noise` at this step: y + s sqrt(1 - gamma) n, each token (but the
 * first) rescaled to its own mean and standard deviation. Returns `cond` itself when nothing moves (chaos 0, or
 * gamma 1).
 */
export function annealCondition(
  cond: Float32Array,
  hidden: number,
  noise: Float32Array,
  chaos: number,
  gamma: number,
): Float32Array {
  const s = (chaos / 100) * MAX_CHAOS_SCALE;
  if (s <= 0 || gamma >= 1) return cond;
  const b = s * Math.sqrt(1 - gamma);
  const out = Float32Array.from(cond);
  const seqLen = cond.length / hidden;
  for (let tok = 1; tok < seqLen; tok++) {
    const off = tok * hidden;
    const { mean, std } = stats(cond, off, hidden);
    // Noise at the token's own scale, so that s compares like with like whatever the encoder's magnitudes.
    for (let k = 0; k < hidden; k++) out[off + k] = cond[off + k]! + b * std * noise[off + k]!;
    const moved = stats(out, off, hidden);
    if (!(moved.std > 0)) continue;
    const f = std / moved.std;
    for (let k = 0; k < hidden; k++) out[off + k] = (out[off + k]! - moved.mean) * f + mean;
  }
  return out;
}

function stats(a: Float32Array, off: number, n: number): { mean: number; std: number } {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += a[off + k]!;
  const mean = sum / n;
  let sq = 0;
  for (let k = 0; k < n; k++) sq += (a[off + k]! - mean) ** 2;
  return { mean, std: Math.sqrt(sq / n) };
}
