/**
 * DPM-Solver++ multistep (Lu et al. 2022, arXiv 2211.01095), as diffusers' DPMSolverMultistepScheduler
 * (src/diffusers/schedulers/scheduling_dpmsolver_multistep.py). In sigma space with
 *   alpha_t = 1 / sqrt(sigma^2 + 1),  sigma_t = sigma alpha_t,  lambda = log alpha_t - log sigma_t,  h = lambda_t - lambda_s,
 * the model output is first converted to x0 (`convert_model_output`), then
 *   1st order: x_t = (sigma_t / sigma_s) x - alpha_t (e^-h - 1) D0
 *   2nd order (midpoint): r0 = h_0 / h, D1 = (m0 - m1) / r0,
 *              x_t = (sigma_t / sigma_s0) x - alpha_t (e^-h - 1) D0 - 0.5 alpha_t (e^-h - 1) D1
 *   (heun: ... + alpha_t ((e^-h - 1) / h + 1) D1; third order as diffusers' multistep_dpm_solver_third_order_update)
 * The first step is first order; with lower_order_final the last step is too (always when the final sigma is 0).
 * "DPM++ 2M Karras" is algorithm_type dpmsolver++, solver_order 2, use_karras_sigmas: Karras sigmas mapped to
 * rounded timesteps by `_sigma_to_t`, the sigmas themselves kept. sde-dpmsolver++ adds the SDE noise term.
 */
import type { SchedulerName } from '../types.ts';
import { checkSameLength, drawNoise, f32, firstStepIndex, indexForTimestep } from './common.ts';
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

export type DpmAlgorithm = 'dpmsolver++' | 'sde-dpmsolver++';

export interface DpmOptions {
  name?: SchedulerName;
  note?: string;
  /** Overrides of config keys for an explicitly chosen sampler (e.g. 'dpmpp-2m-karras'). */
  useKarrasSigmas?: boolean;
  algorithmType?: DpmAlgorithm;
  solverOrder?: number;
  solverType?: 'midpoint' | 'heun';
}

/** `_sigma_to_alpha_sigma_t` in float32. */
export function alphaSigma(sigma: number): [number, number] {
  const alpha = f32(1 / f32(Math.sqrt(f32(f32(sigma * sigma) + 1))));
  return [alpha, f32(sigma * alpha)];
}

/** log(alpha) - log(sigma); +Infinity at sigma = 0, as torch gives. */
export function lambdaOf(alpha: number, sigma: number): number {
  return f32(f32(Math.log(alpha)) - f32(Math.log(sigma)));
}

export class DPMSolverMultistepScheduler implements Scheduler {
  readonly name: SchedulerName;
  readonly order = 1;
  readonly initNoiseSigma = 1;
  readonly predictionType: string;
  readonly note: string | undefined;
  readonly numTrainTimesteps: number;
  readonly alphasCumprod: Float32Array;
  readonly algorithmType: DpmAlgorithm;
  readonly solverOrder: number;
  readonly solverType: 'midpoint' | 'heun';
  readonly lowerOrderFinal: boolean;
  readonly eulerAtFinal: boolean;
  readonly useKarrasSigmas: boolean;
  readonly finalSigmasType: 'zero' | 'sigma_min';
  readonly lambdaMinClipped: number;
  readonly timestepSpacing: TimestepSpacing;
  readonly stepsOffset: number;
  private readonly betaSchedule: string;
  private readonly trainSigmas: Float32Array;
  private readonly trainLambdas: Float32Array;

  sigmas: Float32Array = new Float32Array(0);
  timesteps: number[] = [];
  numInferenceSteps: number | null = null;
  private modelOutputs: (Float32Array | null)[] = [];
  private lowerOrderNums = 0;
  private stepIndex: number | null = null;
  private beginIndex: number | null = null;

  constructor(config: SchedulerConfig, options: DpmOptions = {}) {
    this.note = options.note;
    const family = readDdpmFamily(config, {
      className: 'DPMSolverMultistepScheduler',
      unsupported: [
        'use_exponential_sigmas',
        'use_beta_sigmas',
        'use_lu_lambdas',
        'use_flow_sigmas',
        'use_dynamic_shifting',
      ],
      spacing: 'linspace',
      finiteTerminalSigma: true,
    });
    const variance = config['variance_type'];
    if (variance !== undefined && variance !== null) {
      throw new Error(
        `scheduler_config.json: "variance_type" ${JSON.stringify(variance)} (a UNet that predicts its variance) is not supported; expected null.`,
      );
    }
    this.numTrainTimesteps = family.numTrainTimesteps;
    this.alphasCumprod = family.alphasCumprod;
    this.predictionType = family.predictionType;
    this.timestepSpacing = family.timestepSpacing;
    this.stepsOffset = family.stepsOffset;
    this.betaSchedule = family.betaSchedule;
    this.trainSigmas = trainingSigmas(this.alphasCumprod);
    this.trainLambdas = this.alphasCumprod.map((a) => lambdaOf(f32(Math.sqrt(a)), f32(Math.sqrt(f32(1 - a)))));
    ({
      lowerOrderFinal: this.lowerOrderFinal,
      useKarrasSigmas: this.useKarrasSigmas,
      finalSigmasType: this.finalSigmasType,
    } = readMultistep(config, options.useKarrasSigmas));
    this.algorithmType =
      options.algorithmType ?? cfgString(config, 'algorithm_type', 'dpmsolver++', ['dpmsolver++', 'sde-dpmsolver++']);
    this.solverOrder = options.solverOrder ?? cfgInt(config, 'solver_order', 2, 1);
    if (this.solverOrder > 3 || (this.algorithmType === 'sde-dpmsolver++' && this.solverOrder > 2)) {
      throw new Error(
        `scheduler_config.json: "solver_order" ${this.solverOrder} is not supported with ${this.algorithmType}; expected 1 to ${this.algorithmType === 'sde-dpmsolver++' ? 2 : 3}.`,
      );
    }
    // diffusers maps the solver types of its sibling solvers (DEIS, UniPC) to midpoint.
    const solverType = cfgString(config, 'solver_type', 'midpoint', ['midpoint', 'heun', 'logrho', 'bh1', 'bh2']);
    this.solverType = options.solverType ?? (solverType === 'heun' ? 'heun' : 'midpoint');
    this.eulerAtFinal = cfgBool(config, 'euler_at_final', false);
    this.lambdaMinClipped = cfgNumber(config, 'lambda_min_clipped', -Infinity);
    const sde = this.algorithmType === 'sde-dpmsolver++';
    this.name =
      options.name ??
      (sde
        ? this.useKarrasSigmas
          ? 'dpmpp-2m-sde-karras'
          : 'dpmpp-2m-sde'
        : this.useKarrasSigmas
          ? 'dpmpp-2m-karras'
          : 'dpmpp-2m');
  }

  setTimesteps(numInferenceSteps: number): void {
    const T = this.numTrainTimesteps;
    checkStepCount(numInferenceSteps, T);
    // Clip the smallest lambdas (searchsorted on the ascending, flipped lambda_t).
    let clippedIdx = 0;
    for (let i = this.trainLambdas.length - 1; i >= 0; i--) {
      if (this.trainLambdas[i]! < this.lambdaMinClipped) clippedIdx++;
      else break;
    }
    const lastTimestep = T - clippedIdx;
    const n = numInferenceSteps;
    let timesteps = multistepTimesteps(this.timestepSpacing, n, lastTimestep, T, this.stepsOffset);

    let sigmas: number[];
    if (this.useKarrasSigmas) {
      const logSigmas = logF32(this.trainSigmas);
      const sigmaMin = this.trainSigmas[0]!;
      const sigmaMax = this.trainSigmas[this.trainSigmas.length - 1]!;
      sigmas = karrasSigmas(sigmaMin, sigmaMax, n);
      const rounded = this.betaSchedule !== 'squaredcos_cap_v2';
      timesteps = sigmas.map((s) => {
        const t = sigmaToT(s, logSigmas);
        return rounded ? roundHalfEven(t) : Math.trunc(t);
      });
    } else {
      sigmas = timesteps.map((t) => npInterpArange(t, this.trainSigmas));
    }
    const a0 = this.alphasCumprod[0]!;
    const last = this.finalSigmasType === 'sigma_min' ? f32(Math.sqrt(f32(f32(1 - a0) / a0))) : 0;
    this.sigmas = Float32Array.from([...sigmas, last]);
    this.timesteps = timesteps;
    this.numInferenceSteps = timesteps.length;
    this.modelOutputs = new Array<Float32Array | null>(this.solverOrder).fill(null);
    this.lowerOrderNums = 0;
    this.stepIndex = null;
    this.beginIndex = null;
  }

  setBeginIndex(beginIndex: number): void {
    this.beginIndex = beginIndex;
  }

  scaleModelInput(sample: Float32Array, _timestep: number): Float32Array {
    return sample;
  }

  private indexFor(timestep: number): number {
    return indexForTimestep(this.timesteps, timestep, this.timesteps.length - 1);
  }

  /** `convert_model_output` for dpmsolver++: the data prediction x0. */
  private convertModelOutput(modelOutput: Float32Array, sample: Float32Array, sigma: number): Float32Array {
    const [alphaT, sigmaT] = alphaSigma(sigma);
    const x0 = new Float32Array(sample.length);
    if (this.predictionType === 'epsilon') {
      for (let i = 0; i < x0.length; i++) x0[i] = f32(f32(sample[i]! - f32(sigmaT * modelOutput[i]!)) / alphaT);
    } else if (this.predictionType === 'v_prediction') {
      for (let i = 0; i < x0.length; i++) x0[i] = f32(f32(alphaT * sample[i]!) - f32(sigmaT * modelOutput[i]!));
    } else {
      x0.set(modelOutput);
    }
    return x0;
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, randn: Randn): SchedulerStepResult {
    if (this.numInferenceSteps === null) throw new Error('Call setTimesteps before step.');
    checkSameLength(modelOutput, sample, 'step');
    if (this.stepIndex === null) {
      this.stepIndex = this.beginIndex ?? firstStepIndex(this.timesteps, timestep, this.timesteps.length - 1);
    }
    const i = this.stepIndex;
    const len = this.timesteps.length;
    if (i >= len) throw new RangeError(`The scheduler has already taken all ${len} steps; call setTimesteps again.`);

    const lowerOrderFinal =
      i === len - 1 &&
      (this.eulerAtFinal ||
        (this.lowerOrderFinal && len < 15) ||
        this.finalSigmasType === 'zero' ||
        this.sigmas[i + 1] === this.sigmas[i]);
    const lowerOrderSecond = i === len - 2 && this.lowerOrderFinal && len < 15;

    const x0 = this.convertModelOutput(modelOutput, sample, this.sigmas[i]!);
    for (let k = 0; k < this.solverOrder - 1; k++) this.modelOutputs[k] = this.modelOutputs[k + 1]!;
    this.modelOutputs[this.solverOrder - 1] = x0;

    const noise = this.algorithmType === 'sde-dpmsolver++' ? drawNoise(randn, sample.length) : null;
    let prevSample: Float32Array;
    if (this.solverOrder === 1 || this.lowerOrderNums < 1 || lowerOrderFinal) {
      prevSample = this.firstOrderUpdate(x0, sample, noise, i);
    } else if (this.solverOrder === 2 || this.lowerOrderNums < 2 || lowerOrderSecond) {
      prevSample = this.secondOrderUpdate(sample, noise, i);
    } else {
      prevSample = this.thirdOrderUpdate(sample, i);
    }
    if (this.lowerOrderNums < this.solverOrder) this.lowerOrderNums++;
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample: x0 };
  }

  private firstOrderUpdate(
    m0: Float32Array,
    sample: Float32Array,
    noise: Float32Array | null,
    i: number,
  ): Float32Array {
    const [alphaT, sigmaT] = alphaSigma(this.sigmas[i + 1]!);
    const [alphaS, sigmaS] = alphaSigma(this.sigmas[i]!);
    const h = f32(lambdaOf(alphaT, sigmaT) - lambdaOf(alphaS, sigmaS));
    const expNegH = f32(Math.exp(-h));
    const out = new Float32Array(sample.length);
    if (noise === null) {
      const a = f32(sigmaT / sigmaS);
      const b = f32(alphaT * f32(expNegH - 1));
      for (let k = 0; k < out.length; k++) out[k] = f32(f32(a * sample[k]!) - f32(b * m0[k]!));
    } else {
      const expNeg2H = f32(Math.exp(f32(-2 * h)));
      const a = f32(f32(sigmaT / sigmaS) * expNegH);
      const b = f32(alphaT * f32(1 - expNeg2H));
      const c = f32(sigmaT * f32(Math.sqrt(f32(1 - expNeg2H))));
      for (let k = 0; k < out.length; k++)
        out[k] = f32(f32(f32(a * sample[k]!) + f32(b * m0[k]!)) + f32(c * noise[k]!));
    }
    return out;
  }

  private secondOrderUpdate(sample: Float32Array, noise: Float32Array | null, i: number): Float32Array {
    const [alphaT, sigmaT] = alphaSigma(this.sigmas[i + 1]!);
    const [alphaS0, sigmaS0] = alphaSigma(this.sigmas[i]!);
    const [alphaS1, sigmaS1] = alphaSigma(this.sigmas[i - 1]!);
    const lambdaT = lambdaOf(alphaT, sigmaT);
    const lambdaS0 = lambdaOf(alphaS0, sigmaS0);
    const lambdaS1 = lambdaOf(alphaS1, sigmaS1);
    const m0 = this.modelOutputs[this.solverOrder - 1]!;
    const m1 = this.modelOutputs[this.solverOrder - 2]!;
    const h = f32(lambdaT - lambdaS0);
    const h0 = f32(lambdaS0 - lambdaS1);
    const r0 = f32(h0 / h);
    const invR0 = f32(1 / r0);
    const expNegH = f32(Math.exp(-h));
    const out = new Float32Array(sample.length);
    const d1 = (k: number): number => f32(invR0 * f32(m0[k]! - m1[k]!));
    if (noise === null) {
      const a = f32(sigmaT / sigmaS0);
      const b = f32(alphaT * f32(expNegH - 1));
      if (this.solverType === 'midpoint') {
        const c = f32(0.5 * b);
        for (let k = 0; k < out.length; k++) out[k] = f32(f32(f32(a * sample[k]!) - f32(b * m0[k]!)) - f32(c * d1(k)));
      } else {
        const c = f32(alphaT * f32(f32(f32(expNegH - 1) / h) + 1));
        for (let k = 0; k < out.length; k++) out[k] = f32(f32(f32(a * sample[k]!) - f32(b * m0[k]!)) + f32(c * d1(k)));
      }
    } else {
      const expNeg2H = f32(Math.exp(f32(-2 * h)));
      const a = f32(f32(sigmaT / sigmaS0) * expNegH);
      const b = f32(alphaT * f32(1 - expNeg2H));
      const c =
        this.solverType === 'midpoint' ? f32(0.5 * b) : f32(alphaT * f32(f32(f32(1 - expNeg2H) / f32(-2 * h)) + 1));
      const e = f32(sigmaT * f32(Math.sqrt(f32(1 - expNeg2H))));
      for (let k = 0; k < out.length; k++) {
        out[k] = f32(f32(f32(f32(a * sample[k]!) + f32(b * m0[k]!)) + f32(c * d1(k))) + f32(e * noise[k]!));
      }
    }
    return out;
  }

  private thirdOrderUpdate(sample: Float32Array, i: number): Float32Array {
    const [alphaT, sigmaT] = alphaSigma(this.sigmas[i + 1]!);
    const [alphaS0, sigmaS0] = alphaSigma(this.sigmas[i]!);
    const [alphaS1, sigmaS1] = alphaSigma(this.sigmas[i - 1]!);
    const [alphaS2, sigmaS2] = alphaSigma(this.sigmas[i - 2]!);
    const lambdaT = lambdaOf(alphaT, sigmaT);
    const lambdaS0 = lambdaOf(alphaS0, sigmaS0);
    const lambdaS1 = lambdaOf(alphaS1, sigmaS1);
    const lambdaS2 = lambdaOf(alphaS2, sigmaS2);
    const [m2, m1, m0] = [this.modelOutputs[0]!, this.modelOutputs[1]!, this.modelOutputs[2]!];
    const h = f32(lambdaT - lambdaS0);
    const r0 = f32(f32(lambdaS0 - lambdaS1) / h);
    const r1 = f32(f32(lambdaS1 - lambdaS2) / h);
    const invR0 = f32(1 / r0);
    const invR1 = f32(1 / r1);
    const r0OverSum = f32(r0 / f32(r0 + r1));
    const invSum = f32(1 / f32(r0 + r1));
    const expNegH = f32(Math.exp(-h));
    const a = f32(sigmaT / sigmaS0);
    const b = f32(alphaT * f32(expNegH - 1));
    const c = f32(alphaT * f32(f32(f32(expNegH - 1) / h) + 1));
    const d = f32(alphaT * f32(f32(f32(f32(expNegH - 1) + h) / f32(h * h)) - 0.5));
    const out = new Float32Array(sample.length);
    for (let k = 0; k < out.length; k++) {
      const d10 = f32(invR0 * f32(m0[k]! - m1[k]!));
      const d11 = f32(invR1 * f32(m1[k]! - m2[k]!));
      const d1 = f32(d10 + f32(r0OverSum * f32(d10 - d11)));
      const d2 = f32(invSum * f32(d10 - d11));
      out[k] = f32(f32(f32(f32(a * sample[k]!) - f32(b * m0[k]!)) + f32(c * d1)) - f32(d * d2));
    }
    return out;
  }

  addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    checkSameLength(originalSamples, noise, 'addNoise');
    let index: number;
    if (this.beginIndex === null) index = this.indexFor(timestep);
    else index = this.stepIndex ?? this.beginIndex;
    const [alphaT, sigmaT] = alphaSigma(this.sigmas[index]!);
    const out = new Float32Array(originalSamples.length);
    for (let k = 0; k < out.length; k++) out[k] = f32(f32(alphaT * originalSamples[k]!) + f32(sigmaT * noise[k]!));
    return out;
  }
}
