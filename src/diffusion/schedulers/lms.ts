/**
 * Linear multistep (k-diffusion's sample_lms, Karras et al. 2022 sigmas), as diffusers' LMSDiscreteScheduler
 * (src/diffusers/schedulers/scheduling_lms_discrete.py):
 *   x0 as Euler's,  d_i = (x - x0) / sigma_i,  keep the last 4 derivatives
 *   c_j = integral from sigma_i to sigma_(i+1) of prod_(k != j) (tau - sigma_(i-k)) / (sigma_(i-j) - sigma_(i-k)) dtau
 *   x' = x + sum_j c_j d_(i-j),  order = min(i + 1, 4)
 * diffusers integrates with scipy.integrate.quad (epsrel 1e-4) an integrand torch evaluates in float32. The integrand
 * is a polynomial of degree <= 3, so QUADPACK stops after its first 21-point Gauss-Kronrod rule; we apply that same
 * rule to the same float32 integrand and get diffusers' coefficients to the last bit, not just to float32 rounding
 * (which would already move values of ~100 by an ulp). As in diffusers, an img2img start at index i uses the
 * order-min(i + 1, 4) coefficients with only the derivatives it has.
 */
import type { SchedulerName } from '../types.ts';
import { checkSameLength, f32 } from './common.ts';
import {
  DDPM_DEFAULTS,
  cfgBool,
  checkStepCount,
  readNoiseSchedule,
  readPredictionType,
  rejectIfSet,
  type SchedulerConfig,
} from './config.ts';
import { karrasSigmas, logF32, sigmaToT } from './noise-schedule.ts';
import { SigmaScheduler } from './sigma-base.ts';
import type { Randn, SchedulerStepResult } from './types.ts';

const LMS_ORDER = 4;
/** QUADPACK dqk21: the 21-point Kronrod abscissae on [0, 1) (xgk(11) = 0 is the centre) and their weights. */
const XGK = [
  0.995657163025808080735527280689003, 0.973906528517171720077964012084452, 0.930157491355708226001207180059508,
  0.865063366688984510732096688423493, 0.780817726586416897063717578345042, 0.679409568299024406234327365114874,
  0.562757134668604683339000099272694, 0.433395394129247190799265943165784, 0.294392862701460198131126603103866,
  0.14887433898163121088482600112972, 0,
];
const WGK = [
  0.011694638867371874278064396062192, 0.03255816230796472747881897245939, 0.05475589657435199603138130024458,
  0.07503967481091995276704314091619, 0.093125454583697605535065465083366, 0.109387158802297641899210590325805,
  0.123491976262065851077208745466843, 0.134709217311473325928054001771707, 0.142775938577060080797094273138717,
  0.147739104901338491374841515972068, 0.149445554002916905664936468389821,
];

/** dqk21's Kronrod sum (the value scipy.integrate.quad returns when its first rule already meets epsrel), summed in QUADPACK's order. */
function kronrod21(f: (x: number) => number, a: number, b: number): number {
  const centr = 0.5 * (a + b);
  const hlgth = 0.5 * (b - a);
  let resk = WGK[10]! * f(centr);
  // QUADPACK adds the Gauss points (even Fortran indices) first, then the Kronrod-only ones.
  for (const j of [1, 3, 5, 7, 9, 0, 2, 4, 6, 8]) {
    const absc = hlgth * XGK[j]!;
    resk += WGK[j]! * (f(centr - absc) + f(centr + absc));
  }
  return resk * hlgth;
}

export interface LmsOptions {
  name?: SchedulerName;
  note?: string;
  /** Overrides the config's use_karras_sigmas (an explicit scheduler choice wins over the config). */
  useKarrasSigmas?: boolean;
}

export class LMSDiscreteScheduler extends SigmaScheduler {
  readonly name: SchedulerName;
  readonly predictionType: string;
  readonly useKarrasSigmas: boolean;
  private derivatives: Float32Array[] = [];

  constructor(config: SchedulerConfig, options: LmsOptions = {}) {
    // LMSDiscreteScheduler has no rescale_betas_zero_snr parameter, so diffusers ignores that key for it.
    const schedule = readNoiseSchedule(config, DDPM_DEFAULTS, { rescaleSupported: false });
    super(config, schedule, 'linspace', options.note);
    rejectIfSet(config, 'LMSDiscreteScheduler', ['use_exponential_sigmas', 'use_beta_sigmas']);
    this.predictionType = readPredictionType(config, ['epsilon', 'v_prediction', 'sample']);
    this.useKarrasSigmas = options.useKarrasSigmas ?? cfgBool(config, 'use_karras_sigmas', false);
    this.name = options.name ?? (this.useKarrasSigmas ? 'lms-karras' : 'lms');
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
    this.sigmas = Float32Array.from([...sigmas, 0]);
    this.timesteps = timesteps;
    this.derivatives = [];
    this.resetState();
  }

  /** diffusers `get_lms_coefficient(order, t, current_order)`. */
  lmsCoefficient(order: number, t: number, current: number): number {
    const s = this.sigmas;
    // torch: python float tau minus a float32 0-d tensor is float32, and so is every factor and product.
    const integrand = (tau: number): number => {
      let prod = 1;
      for (let k = 0; k < order; k++) {
        if (k === current) continue;
        prod = f32(prod * f32(f32(f32(tau) - s[t - k]!) / f32(s[t - current]! - s[t - k]!)));
      }
      return prod;
    };
    return kronrod21(integrand, s[t]!, s[t + 1]!);
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, _randn: Randn): SchedulerStepResult {
    checkSameLength(modelOutput, sample, 'step');
    const i = this.currentStepIndex(timestep);
    const sigma = this.sigmas[i]!;
    const predOriginalSample = this.predictOriginal(sigma, modelOutput, sample);
    const derivative = new Float32Array(sample.length);
    for (let k = 0; k < sample.length; k++) derivative[k] = f32(f32(sample[k]! - predOriginalSample[k]!) / sigma);
    this.derivatives.push(derivative);
    if (this.derivatives.length > LMS_ORDER) this.derivatives.shift();

    const order = Math.min(i + 1, LMS_ORDER);
    const used = Math.min(order, this.derivatives.length);
    const coeffs: number[] = [];
    for (let c = 0; c < used; c++) coeffs.push(f32(this.lmsCoefficient(order, i, c)));
    // Python's sum(): 0 + c0 d_newest + c1 d_previous + ..., then sample + that, each add in float32.
    const acc = new Float32Array(sample.length);
    for (let c = 0; c < used; c++) {
      const d = this.derivatives[this.derivatives.length - 1 - c]!;
      const coeff = coeffs[c]!;
      for (let k = 0; k < acc.length; k++) acc[k] = c === 0 ? f32(coeff * d[k]!) : f32(acc[k]! + f32(coeff * d[k]!));
    }
    const prevSample = new Float32Array(sample.length);
    for (let k = 0; k < prevSample.length; k++) prevSample[k] = f32(sample[k]! + acc[k]!);
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample };
  }
}
