/**
 * The noise schedule every scheduler shares: betas, alphas_cumprod and the training sigmas, plus the small numpy
 * helpers (linspace, arange, interp, round) that diffusers' set_timesteps functions are written in.
 *
 * diffusers builds the schedule with torch in float32 (`torch.linspace(..., dtype=torch.float32)`, `1.0 - betas`,
 * `torch.cumprod`) and the timestep grids with numpy in float64. We reproduce both: float32 values are rounded with
 * Math.fround after every operation torch does in float32, float64 ones stay JS numbers. This matters near t = 0,
 * where `1 - alphas_cumprod` cancels: one float32 ulp of alphas_cumprod is ~7e-5 of sigma(0)^2 there.
 *
 * Sources: diffusers src/diffusers/schedulers/scheduling_ddpm.py (betas_for_alpha_bar),
 * scheduling_ddim.py (rescale_zero_terminal_snr), scheduling_euler_discrete.py (__init__).
 */

const f32 = Math.fround;

export type BetaSchedule = 'linear' | 'scaled_linear' | 'squaredcos_cap_v2';
export const betaSchedules: readonly BetaSchedule[] = ['linear', 'scaled_linear', 'squaredcos_cap_v2'];

export interface NoiseScheduleOptions {
  numTrainTimesteps: number;
  betaStart: number;
  betaEnd: number;
  betaSchedule: BetaSchedule;
  /** Explicit betas (config `trained_betas`); when present the three keys above are ignored. */
  trainedBetas?: readonly number[] | null | undefined;
  /** Config `rescale_betas_zero_snr` (Lin et al. 2023, Algorithm 1). */
  rescaleBetasZeroSnr?: boolean | undefined;
}

/**
 * torch.linspace(start, end, steps, dtype=torch.float32) on the CPU, bit for bit. torch computes a float32 step,
 * fills the first half forwards from `start` and the second half backwards from `end`, and (AVX2 build) writes
 * 8-wide vectors whose base is a fused multiply-add and whose lanes are `base + k*step` in float32; the tail after
 * the last 16-element block is scalar. Checked against torch 1.13 on 209 random (start, end, steps) triples.
 */
export function torchLinspaceF32(start: number, end: number, steps: number): Float32Array {
  const out = new Float32Array(steps);
  const s = f32(start);
  const e = f32(end);
  if (steps === 1) {
    out[0] = s;
    return out;
  }
  const step = f32(f32(e - s) / (steps - 1));
  const half = Math.floor(steps / 2);
  // step * i is exact in float64 (24-bit by 11-bit mantissas), so one fround is the fused multiply-add's rounding.
  const scalar = (i: number): number => (i < half ? f32(s + step * i) : f32(e - step * (steps - i - 1)));
  const vectorEnd = Math.floor(steps / 16) * 16;
  for (let i = 0; i < vectorEnd; i += 8) {
    const base = scalar(i);
    for (let k = 0; k < 8; k++) out[i + k] = f32(base + f32(k * step));
  }
  for (let i = vectorEnd; i < steps; i++) out[i] = scalar(i);
  return out;
}

/** diffusers `betas_for_alpha_bar` with the cosine transform (beta_schedule squaredcos_cap_v2), in float64 then float32. */
export function betasForAlphaBar(numDiffusionTimesteps: number, maxBeta = 0.999): Float32Array {
  const alphaBar = (t: number): number => Math.cos((((t + 0.008) / 1.008) * Math.PI) / 2) ** 2;
  const betas = new Float32Array(numDiffusionTimesteps);
  for (let i = 0; i < numDiffusionTimesteps; i++) {
    const t1 = i / numDiffusionTimesteps;
    const t2 = (i + 1) / numDiffusionTimesteps;
    betas[i] = Math.min(1 - alphaBar(t2) / alphaBar(t1), maxBeta);
  }
  return betas;
}

/** torch.cumprod on the CPU: it accumulates in float64 and rounds each output to float32. */
export function cumprodF32(values: Float32Array): Float32Array {
  const out = new Float32Array(values.length);
  let acc = 1;
  for (let i = 0; i < values.length; i++) {
    acc *= values[i]!;
    out[i] = acc;
  }
  return out;
}

/** diffusers `rescale_zero_terminal_snr` (scheduling_ddim.py), every tensor op rounded to float32. */
export function rescaleZeroTerminalSnr(betas: Float32Array): Float32Array {
  const n = betas.length;
  const alphas = betas.map((b) => f32(1 - b));
  const sqrtBar = cumprodF32(alphas).map((a) => f32(Math.sqrt(a)));
  const first = sqrtBar[0]!;
  const last = sqrtBar[n - 1]!;
  const scale = f32(first / f32(first - last));
  for (let i = 0; i < n; i++) sqrtBar[i] = f32(f32(sqrtBar[i]! - last) * scale);
  const bar = sqrtBar.map((v) => f32(v * v));
  const out = new Float32Array(n);
  out[0] = f32(1 - bar[0]!);
  for (let i = 1; i < n; i++) out[i] = f32(1 - f32(bar[i]! / bar[i - 1]!));
  return out;
}

/** The betas a scheduler's __init__ builds from its config. */
export function makeBetas(o: NoiseScheduleOptions): Float32Array {
  let betas: Float32Array;
  if (o.trainedBetas != null) {
    betas = Float32Array.from(o.trainedBetas);
  } else if (o.betaSchedule === 'linear') {
    betas = torchLinspaceF32(o.betaStart, o.betaEnd, o.numTrainTimesteps);
  } else if (o.betaSchedule === 'scaled_linear') {
    // linspace of the square roots (computed in float64 by Python), squared in float32.
    betas = torchLinspaceF32(o.betaStart ** 0.5, o.betaEnd ** 0.5, o.numTrainTimesteps).map((b) => f32(b * b));
  } else {
    betas = betasForAlphaBar(o.numTrainTimesteps);
  }
  return o.rescaleBetasZeroSnr ? rescaleZeroTerminalSnr(betas) : betas;
}

/** alphas_cumprod = cumprod(1 - betas), in float32 as diffusers keeps it. */
export function alphasCumprodFromBetas(betas: Float32Array): Float32Array {
  return cumprodF32(betas.map((b) => f32(1 - b)));
}

/** Training sigmas sqrt((1 - alphas_cumprod) / alphas_cumprod), ascending in t, float32 like the torch expression. */
export function trainingSigmas(alphasCumprod: Float32Array): Float32Array {
  return alphasCumprod.map((a) => f32(Math.sqrt(f32(f32(1 - a) / a))));
}

// ---------------------------------------------------------------------------------------------------------------
// numpy helpers, float64 like numpy.

/** numpy.linspace(start, stop, num, endpoint): `i * step + start`, with the last value set to `stop` exactly. */
export function npLinspace(start: number, stop: number, num: number, endpoint = true): number[] {
  if (num === 1) return [start];
  const div = endpoint ? num - 1 : num;
  const step = (stop - start) / div;
  const out: number[] = [];
  for (let i = 0; i < num; i++) out.push(step !== 0 ? i * step + start : (i / div) * (stop - start) + start);
  if (endpoint && num > 1) out[num - 1] = stop;
  return out;
}

/** numpy.arange(start, stop, step) for floats: length ceil((stop - start) / step), values start + i * delta. */
export function npArange(start: number, stop: number, step: number): number[] {
  const len = Math.max(0, Math.ceil((stop - start) / step));
  // numpy fills from the first two values, so the increment is (start + step) - start, not step itself.
  const delta = start + step - start;
  const out: number[] = [];
  for (let i = 0; i < len; i++) out.push(start + i * delta);
  return out;
}

/** numpy.round / np.ndarray.round: round half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * numpy.interp(x, arange(len(fp)), fp) (xp is always 0, 1, 2, ... in diffusers' schedulers). Returns float64 like
 * numpy; the result is `slope * (x - xp[j]) + fp[j]`, and exactly fp[j] when x hits a grid point.
 */
export function npInterpArange(x: number, fp: ArrayLike<number>): number {
  const n = fp.length;
  if (Number.isNaN(x)) return x;
  if (x <= 0) return fp[0]!;
  if (x >= n - 1) return fp[n - 1]!;
  const j = Math.floor(x);
  if (j === x) return fp[j]!;
  const slope = fp[j + 1]! - fp[j]!;
  return slope * (x - j) + fp[j]!;
}

/** float32 natural log of a float32 array, as numpy's np.log on a float32 array. */
export function logF32(values: Float32Array): Float32Array {
  return values.map((v) => f32(Math.log(v)));
}

/**
 * diffusers `_sigma_to_t` (scheduling_euler_discrete.py): the fractional training timestep whose log-sigma is
 * `log(sigma)`, by linear interpolation in log-sigma between neighbouring training steps.
 */
export function sigmaToT(sigma: number, logSigmas: Float32Array): number {
  const logSigma = Math.log(Math.max(sigma, 1e-10));
  // low_idx = last index with log_sigmas[i] <= log_sigma (0 when none), clipped so that high_idx exists.
  let lowIdx = 0;
  for (let i = 0; i < logSigmas.length; i++) if (logSigma - logSigmas[i]! >= 0) lowIdx = i;
  lowIdx = Math.min(lowIdx, logSigmas.length - 2);
  const highIdx = lowIdx + 1;
  const low = logSigmas[lowIdx]!;
  const high = logSigmas[highIdx]!;
  let w = (low - logSigma) / (low - high);
  w = Math.min(Math.max(w, 0), 1);
  return (1 - w) * lowIdx + w * highIdx;
}

/** Karras et al. (2022) sigmas, rho = 7 (diffusers `_convert_to_karras`), float64. */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, numInferenceSteps: number): number[] {
  const rho = 7;
  const ramp = npLinspace(0, 1, numInferenceSteps);
  const minInvRho = sigmaMin ** (1 / rho);
  const maxInvRho = sigmaMax ** (1 / rho);
  return ramp.map((r) => (maxInvRho + r * (minInvRho - maxInvRho)) ** rho);
}

/**
 * The "leading" grid of diffusers (Table 2 of Lin et al. 2023): arange(n) * (T // n), descending, plus offset.
 * Integers; callers convert to float32 where diffusers does.
 */
export function leadingTimesteps(numInferenceSteps: number, numTrainTimesteps: number, stepsOffset: number): number[] {
  const ratio = Math.floor(numTrainTimesteps / numInferenceSteps);
  const out: number[] = [];
  for (let i = numInferenceSteps - 1; i >= 0; i--) out.push(i * ratio + stepsOffset);
  return out;
}

/** The "trailing" grid: round(arange(T, 0, -T/n)) - 1, descending (starts at T - 1). */
export function trailingTimesteps(numInferenceSteps: number, numTrainTimesteps: number): number[] {
  return npArange(numTrainTimesteps, 0, -numTrainTimesteps / numInferenceSteps).map((t) => roundHalfEven(t) - 1);
}

/** The grid of DDIM and DDPM: n timesteps of the chosen spacing, descending. */
export function spacedTimesteps(
  spacing: 'linspace' | 'leading' | 'trailing',
  numInferenceSteps: number,
  numTrainTimesteps: number,
  stepsOffset: number,
): number[] {
  if (spacing === 'linspace')
    return npLinspace(0, numTrainTimesteps - 1, numInferenceSteps)
      .map(roundHalfEven)
      .reverse();
  if (spacing === 'leading') return leadingTimesteps(numInferenceSteps, numTrainTimesteps, stepsOffset);
  return trailingTimesteps(numInferenceSteps, numTrainTimesteps);
}

/**
 * The grid of the multistep solvers (DPM-Solver, UniPC): n + 1 points up to `lastTimestep` (T, or less where
 * DPM-Solver clips the smallest lambdas) with the last dropped, descending.
 */
export function multistepTimesteps(
  spacing: 'linspace' | 'leading' | 'trailing',
  numInferenceSteps: number,
  lastTimestep: number,
  numTrainTimesteps: number,
  stepsOffset: number,
): number[] {
  const n = numInferenceSteps;
  if (spacing === 'linspace')
    return npLinspace(0, lastTimestep - 1, n + 1)
      .map(roundHalfEven)
      .reverse()
      .slice(0, -1);
  if (spacing === 'leading') {
    const ratio = Math.floor(lastTimestep / (n + 1));
    return Array.from({ length: n + 1 }, (_, i) => i * ratio)
      .reverse()
      .slice(0, -1)
      .map((t) => t + stepsOffset);
  }
  return npArange(lastTimestep, 0, -numTrainTimesteps / n).map((t) => roundHalfEven(t) - 1);
}
