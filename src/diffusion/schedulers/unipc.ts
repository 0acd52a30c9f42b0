/**
 * UniPC (Zhao et al. 2023, arXiv 2302.04867), as diffusers' UniPCMultistepScheduler
 * (src/diffusers/schedulers/scheduling_unipc_multistep.py), in the DPM-Solver sigma space of
 * ./dpm-solver-multistep.ts (alpha_t = 1 / sqrt(sigma^2 + 1), sigma_t = sigma alpha_t, lambda = log alpha_t - log sigma_t).
 * With data prediction (predict_x0, the default) m = x0, hh = -h, h phi_1 = e^hh - 1 and B(h) = e^hh - 1 (bh2, the
 * default) or hh (bh1):
 *   UniP (predictor), order p:  x_t = (sigma_t / sigma_s0) x - alpha_t h phi_1 m0 - alpha_t B(h) sum_k rho_k D1_k
 *   UniC (corrector), applied to the previous prediction once the model has been evaluated there:
 *                               x_t = (sigma_t / sigma_s0) x - alpha_t h phi_1 m0 - alpha_t B(h) (sum_k rho_k D1_k + rho_p (m_t - m0))
 * with r_k = (lambda_(s_k) - lambda_s0) / h, D1_k = (m_k - m0) / r_k, and the rho solving R rho = b for
 * R_ij = r_j^i, b_i = i! h phi_(i+1)(hh) / B(h) (rho = 1/2 for the order-2 predictor and the order-1 corrector).
 * Noise prediction (predict_x0 false) swaps alpha and sigma: x_t = (alpha_t / alpha_s0) x - sigma_t h phi_1 m0 - ...
 * The order warms up from 1 and, with lower_order_final, drops towards the end as DPM-Solver's does.
 */
import type { SchedulerName } from '../types.ts';
import { checkSameLength, f32, firstStepIndex, indexForTimestep } from './common.ts';
import {
  cfgBool,
  cfgInt,
  cfgNumber,
  cfgString,
  checkStepCount,
  readDdpmFamily,
  readMultistep,
  type SchedulerConfig,
  type TimestepSpacing,
} from './config.ts';
import { alphaSigma, lambdaOf } from './dpm-solver-multistep.ts';
import {
  karrasSigmas,
  logF32,
  multistepTimesteps,
  npInterpArange,
  roundHalfEven,
  sigmaToT,
  trainingSigmas,
} from './noise-schedule.ts';
import type { Randn, Scheduler, SchedulerStepResult } from './types.ts';

/** Solves the small system A x = b (row-major, n <= 3) by Gaussian elimination with partial pivoting, in float32 as LAPACK sgesv. */
export function solveF32(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row) => row.map(f32));
  const x = b.map(f32);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (pivot !== col) {
      [m[col], m[pivot]] = [m[pivot]!, m[col]!];
      [x[col], x[pivot]] = [x[pivot]!, x[col]!];
    }
    const inv = f32(1 / m[col]![col]!);
    for (let r = col + 1; r < n; r++) {
      const l = f32(m[r]![col]! * inv);
      for (let c = col + 1; c < n; c++) m[r]![c] = f32(m[r]![c]! - f32(l * m[col]![c]!));
      x[r] = f32(x[r]! - f32(l * x[col]!));
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let v = x[r]!;
    for (let c = r + 1; c < n; c++) v = f32(v - f32(m[r]![c]! * x[c]!));
    x[r] = f32(v / m[r]![r]!);
  }
  return x;
}

export interface UniPCOptions {
  name?: SchedulerName;
  note?: string;
  useKarrasSigmas?: boolean;
}

export class UniPCMultistepScheduler implements Scheduler {
  readonly name: SchedulerName;
  readonly order = 1;
  readonly initNoiseSigma = 1;
  readonly predictionType: string;
  readonly note: string | undefined;
  readonly numTrainTimesteps: number;
  readonly alphasCumprod: Float32Array;
  readonly solverOrder: number;
  readonly solverType: 'bh1' | 'bh2';
  readonly predictX0: boolean;
  readonly lowerOrderFinal: boolean;
  readonly disableCorrector: readonly number[];
  readonly useKarrasSigmas: boolean;
  readonly finalSigmasType: 'zero' | 'sigma_min';
  readonly timestepSpacing: TimestepSpacing;
  readonly stepsOffset: number;
  private readonly sigmaMin: number | null;
  private readonly sigmaMax: number | null;
  private readonly trainSigmas: Float32Array;

  sigmas: Float32Array = new Float32Array(0);
  timesteps: number[] = [];
  numInferenceSteps: number | null = null;
  private modelOutputs: (Float32Array | null)[] = [];
  private lowerOrderNums = 0;
  private lastSample: Float32Array | null = null;
  private thisOrder = 1;
  private stepIndex: number | null = null;
  private beginIndex: number | null = null;

  constructor(config: SchedulerConfig, options: UniPCOptions = {}) {
    this.note = options.note;
    const family = readDdpmFamily(config, {
      className: 'UniPCMultistepScheduler',
      unsupported: ['use_exponential_sigmas', 'use_beta_sigmas', 'use_flow_sigmas', 'use_dynamic_shifting'],
      spacing: 'linspace',
      finiteTerminalSigma: true,
    });
    if (config['solver_p'] !== undefined && config['solver_p'] !== null) {
      throw new Error(
        'scheduler_config.json: "solver_p" (another scheduler as the predictor) is not supported; remove it.',
      );
    }
    this.numTrainTimesteps = family.numTrainTimesteps;
    this.alphasCumprod = family.alphasCumprod;
    this.predictionType = family.predictionType;
    this.timestepSpacing = family.timestepSpacing;
    this.stepsOffset = family.stepsOffset;
    this.trainSigmas = trainingSigmas(this.alphasCumprod);
    ({
      lowerOrderFinal: this.lowerOrderFinal,
      useKarrasSigmas: this.useKarrasSigmas,
      finalSigmasType: this.finalSigmasType,
    } = readMultistep(config, options.useKarrasSigmas));
    this.solverOrder = cfgInt(config, 'solver_order', 2, 1);
    if (this.solverOrder > 3) {
      throw new Error(
        `scheduler_config.json: "solver_order" ${this.solverOrder} is not supported by Atelier's UniPC; expected 1 to 3.`,
      );
    }
    // diffusers maps the solver types of its sibling solvers (DPM-Solver, DEIS) to bh2.
    const solverType = cfgString(config, 'solver_type', 'bh2', ['bh1', 'bh2', 'midpoint', 'heun', 'logrho']);
    this.solverType = solverType === 'bh1' ? 'bh1' : 'bh2';
    this.predictX0 = cfgBool(config, 'predict_x0', true);
    const disable = config['disable_corrector'];
    if (
      disable !== undefined &&
      disable !== null &&
      !(Array.isArray(disable) && disable.every((v) => Number.isInteger(v)))
    ) {
      throw new Error(
        `scheduler_config.json: "disable_corrector" is ${JSON.stringify(disable)}; expected a list of step indices.`,
      );
    }
    this.disableCorrector = (disable as number[] | undefined | null) ?? [];
    this.sigmaMin = config['sigma_min'] == null ? null : cfgNumber(config, 'sigma_min', 0);
    this.sigmaMax = config['sigma_max'] == null ? null : cfgNumber(config, 'sigma_max', 0);
    this.name = options.name ?? 'unipc';
  }

  setTimesteps(numInferenceSteps: number): void {
    const T = this.numTrainTimesteps;
    checkStepCount(numInferenceSteps, T);
    const n = numInferenceSteps;
    let timesteps = multistepTimesteps(this.timestepSpacing, n, T, T, this.stepsOffset);
    let sigmas: number[];
    let last: number;
    if (this.useKarrasSigmas) {
      const logSigmas = logF32(this.trainSigmas);
      sigmas = karrasSigmas(
        this.sigmaMin ?? this.trainSigmas[0]!,
        this.sigmaMax ?? this.trainSigmas[this.trainSigmas.length - 1]!,
        n,
      );
      timesteps = sigmas.map((s) => roundHalfEven(sigmaToT(s, logSigmas)));
      last = this.finalSigmasType === 'sigma_min' ? sigmas[sigmas.length - 1]! : 0;
    } else {
      sigmas = timesteps.map((t) => npInterpArange(t, this.trainSigmas));
      const a0 = this.alphasCumprod[0]!;
      last = this.finalSigmasType === 'sigma_min' ? f32(Math.sqrt(f32(f32(1 - a0) / a0))) : 0;
    }
    this.sigmas = Float32Array.from([...sigmas, last]);
    this.timesteps = timesteps;
    this.numInferenceSteps = timesteps.length;
    this.modelOutputs = new Array<Float32Array | null>(this.solverOrder).fill(null);
    this.lowerOrderNums = 0;
    this.lastSample = null;
    this.thisOrder = 1;
    this.stepIndex = null;
    this.beginIndex = null;
  }

  setBeginIndex(beginIndex: number): void {
    this.beginIndex = beginIndex;
  }

  scaleModelInput(sample: Float32Array, _timestep: number): Float32Array {
    return sample;
  }

  private lambdaAt(j: number): { alpha: number; sigma: number; lambda: number } {
    const [alpha, sigma] = alphaSigma(this.sigmas[j]!);
    return { alpha, sigma, lambda: lambdaOf(alpha, sigma) };
  }

  /** `convert_model_output`: x0 (predict_x0) or epsilon. */
  private convertModelOutput(modelOutput: Float32Array, sample: Float32Array, i: number): Float32Array {
    const { alpha, sigma } = this.lambdaAt(i);
    const out = new Float32Array(sample.length);
    const pt = this.predictionType;
    if (this.predictX0) {
      if (pt === 'epsilon')
        for (let k = 0; k < out.length; k++) out[k] = f32(f32(sample[k]! - f32(sigma * modelOutput[k]!)) / alpha);
      else if (pt === 'v_prediction')
        for (let k = 0; k < out.length; k++) out[k] = f32(f32(alpha * sample[k]!) - f32(sigma * modelOutput[k]!));
      else out.set(modelOutput);
    } else if (pt === 'epsilon') {
      out.set(modelOutput);
    } else if (pt === 'v_prediction') {
      for (let k = 0; k < out.length; k++) out[k] = f32(f32(alpha * modelOutput[k]!) + f32(sigma * sample[k]!));
    } else {
      for (let k = 0; k < out.length; k++) out[k] = f32(f32(sample[k]! - f32(alpha * modelOutput[k]!)) / sigma);
    }
    return out;
  }

  /** The shared coefficients of both updates: R, b, h phi_1 and B(h) for `order`, given r_1..r_(order-1). */
  private coefficients(
    h: number,
    rks: number[],
    order: number,
  ): { R: number[][]; b: number[]; hPhi1: number; bH: number } {
    const r = [...rks, 1];
    const hh = this.predictX0 ? -h : h;
    const hPhi1 = f32(Math.expm1(hh));
    let hPhiK = f32(f32(hPhi1 / hh) - 1);
    let factorial = 1;
    const bH = this.solverType === 'bh1' ? hh : f32(Math.expm1(hh));
    const R: number[][] = [];
    const b: number[] = [];
    for (let i = 1; i <= order; i++) {
      R.push(r.map((v) => (i === 1 ? 1 : i === 2 ? v : f32(v * v))));
      b.push(f32(f32(hPhiK * factorial) / bH));
      factorial *= i + 1;
      hPhiK = f32(f32(hPhiK / hh) - f32(1 / factorial));
    }
    return { R, b, hPhi1, bH };
  }

  /** r_k and D1_k for the outputs before m0, looking back from sigma index `base`. */
  private differences(
    base: number,
    lambdaS0: number,
    h: number,
    order: number,
  ): { rks: number[]; d1s: Float32Array[] } {
    const m0 = this.modelOutputs[this.solverOrder - 1]!;
    const rks: number[] = [];
    const d1s: Float32Array[] = [];
    for (let k = 1; k < order; k++) {
      const rk = f32(f32(this.lambdaAt(base - k).lambda - lambdaS0) / h);
      const mk = this.modelOutputs[this.solverOrder - 1 - k]!;
      rks.push(rk);
      d1s.push(mk.map((v, j) => f32(f32(v - m0[j]!) / rk)));
    }
    return { rks, d1s };
  }

  /** sum_k rho_k D1_k (torch.einsum over k), or null when there is nothing to sum. */
  private static weighted(rhos: readonly number[], d1s: readonly Float32Array[], length: number): Float32Array | null {
    if (d1s.length === 0) return null;
    const out = new Float32Array(length);
    for (let j = 0; j < length; j++) {
      let acc = f32(rhos[0]! * d1s[0]![j]!);
      for (let k = 1; k < d1s.length; k++) acc = f32(acc + f32(rhos[k]! * d1s[k]![j]!));
      out[j] = acc;
    }
    return out;
  }

  /** x_t_ = (sigma_t / sigma_s0) x - alpha_t h phi_1 m0 (data prediction) or its noise-prediction twin. */
  private base(
    x: Float32Array,
    m0: Float32Array,
    t: { alpha: number; sigma: number },
    s0: { alpha: number; sigma: number },
    hPhi1: number,
  ): Float32Array {
    const a = this.predictX0 ? f32(t.sigma / s0.sigma) : f32(t.alpha / s0.alpha);
    const b = f32((this.predictX0 ? t.alpha : t.sigma) * hPhi1);
    const out = new Float32Array(x.length);
    for (let j = 0; j < out.length; j++) out[j] = f32(f32(a * x[j]!) - f32(b * m0[j]!));
    return out;
  }

  /** `multistep_uni_p_bh_update`: predicts x at sigma index i + 1 from x at i. */
  private predict(x: Float32Array, order: number): Float32Array {
    const i = this.stepIndex!;
    const m0 = this.modelOutputs[this.solverOrder - 1]!;
    const t = this.lambdaAt(i + 1);
    const s0 = this.lambdaAt(i);
    const h = f32(t.lambda - s0.lambda);
    const { rks, d1s } = this.differences(i, s0.lambda, h, order);
    const { R, b, hPhi1, bH } = this.coefficients(h, rks, order);
    const out = this.base(x, m0, t, s0, hPhi1);
    const rhos =
      order === 2
        ? [0.5]
        : order > 2
          ? solveF32(
              R.slice(0, -1).map((row) => row.slice(0, -1)),
              b.slice(0, -1),
            )
          : [];
    const res = UniPCMultistepScheduler.weighted(rhos, d1s, x.length);
    if (res !== null) {
      const c = f32((this.predictX0 ? t.alpha : t.sigma) * bH);
      for (let j = 0; j < out.length; j++) out[j] = f32(out[j]! - f32(c * res[j]!));
    }
    return out;
  }

  /** `multistep_uni_c_bh_update`: corrects the prediction x_t (made from lastSample) with the model output there. */
  private correct(modelT: Float32Array, lastSample: Float32Array, order: number): Float32Array {
    const i = this.stepIndex!;
    const m0 = this.modelOutputs[this.solverOrder - 1]!;
    const t = this.lambdaAt(i);
    const s0 = this.lambdaAt(i - 1);
    const h = f32(t.lambda - s0.lambda);
    const { rks, d1s } = this.differences(i - 1, s0.lambda, h, order);
    const { R, b, hPhi1, bH } = this.coefficients(h, rks, order);
    const rhos = order === 1 ? [0.5] : solveF32(R, b);
    const out = this.base(lastSample, m0, t, s0, hPhi1);
    const corr = UniPCMultistepScheduler.weighted(rhos.slice(0, -1), d1s, out.length);
    const rhoLast = f32(rhos[rhos.length - 1]!);
    const c = f32((this.predictX0 ? t.alpha : t.sigma) * bH);
    for (let j = 0; j < out.length; j++) {
      const d1t = f32(modelT[j]! - m0[j]!);
      const inner = corr === null ? f32(rhoLast * d1t) : f32(corr[j]! + f32(rhoLast * d1t));
      out[j] = f32(out[j]! - f32(c * inner));
    }
    return out;
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, _randn: Randn): SchedulerStepResult {
    if (this.numInferenceSteps === null) throw new Error('Call setTimesteps before step.');
    checkSameLength(modelOutput, sample, 'step');
    if (this.stepIndex === null) {
      this.stepIndex = this.beginIndex ?? firstStepIndex(this.timesteps, timestep, this.timesteps.length - 1);
    }
    const i = this.stepIndex;
    const len = this.timesteps.length;
    if (i >= len) throw new RangeError(`The scheduler has already taken all ${len} steps; call setTimesteps again.`);

    const converted = this.convertModelOutput(modelOutput, sample, i);
    let x = sample;
    if (i > 0 && !this.disableCorrector.includes(i - 1) && this.lastSample !== null) {
      x = this.correct(converted, this.lastSample, this.thisOrder);
    }
    for (let k = 0; k < this.solverOrder - 1; k++) this.modelOutputs[k] = this.modelOutputs[k + 1]!;
    this.modelOutputs[this.solverOrder - 1] = converted;
    const order = this.lowerOrderFinal ? Math.min(this.solverOrder, len - i) : this.solverOrder;
    this.thisOrder = Math.min(order, this.lowerOrderNums + 1);
    this.lastSample = x;
    const prevSample = this.predict(x, this.thisOrder);
    if (this.lowerOrderNums < this.solverOrder) this.lowerOrderNums++;
    this.stepIndex = i + 1;
    return this.predictX0 ? { prevSample, predOriginalSample: converted } : { prevSample };
  }

  addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    checkSameLength(originalSamples, noise, 'addNoise');
    let index: number;
    if (this.beginIndex === null) index = indexForTimestep(this.timesteps, timestep, this.timesteps.length - 1);
    else index = this.stepIndex ?? this.beginIndex;
    const [alphaT, sigmaT] = alphaSigma(this.sigmas[index]!);
    const out = new Float32Array(originalSamples.length);
    for (let k = 0; k < out.length; k++) out[k] = f32(f32(alphaT * originalSamples[k]!) + f32(sigmaT * noise[k]!));
    return out;
  }
}
