/**
 * PNDM (Liu et al. 2022), as diffusers' PNDMScheduler (src/diffusers/schedulers/scheduling_pndm.py).
 * Stable Diffusion configs set skip_prk_steps, which gives the PLMS sampler (CompVis latent-diffusion PR 51):
 * a second-order warm-up that evaluates the model twice around the first step, then the linear multistep
 * combinations of the last 1 to 4 model outputs
 *   e' = e1 | (e1 + e0) / 2 | (3 e1 - e2) / 2 | (23 e1 - 16 e2 + 5 e3) / 12 | (55 e1 - 59 e2 + 37 e3 - 9 e4) / 24
 * fed to the transfer of formula (9):
 *   x' = sqrt(abar_prev / abar) x - (abar_prev - abar) e' / (abar sqrt(1 - abar_prev) + sqrt(abar (1 - abar) abar_prev)).
 * The class default (skip_prk_steps false) first runs the Runge-Kutta warm-up (`step_prk`), implemented too so
 * that a config without the key samples exactly as diffusers does.
 * With skip_prk_steps the schedule has n + 1 entries (the warm-up timestep appears twice).
 */
import type { SchedulerName } from '../types.ts';
import { checkSameLength, ddpmAddNoise, f32, trainIndex } from './common.ts';
import {
  DDPM_DEFAULTS,
  cfgBool,
  cfgInt,
  checkStepCount,
  readNoiseSchedule,
  readPredictionType,
  readSpacing,
  type SchedulerConfig,
  type TimestepSpacing,
} from './config.ts';
import {
  alphasCumprodFromBetas,
  leadingTimesteps,
  makeBetas,
  npLinspace,
  roundHalfEven,
  trailingTimesteps,
} from './noise-schedule.ts';
import type { Randn, Scheduler, SchedulerStepResult } from './types.ts';

export class PNDMScheduler implements Scheduler {
  readonly name: SchedulerName = 'pndm';
  readonly order = 1;
  readonly initNoiseSigma = 1;
  readonly predictionType: string;
  readonly note: string | undefined;
  readonly numTrainTimesteps: number;
  readonly alphasCumprod: Float32Array;
  readonly finalAlphaCumprod: number;
  readonly skipPrkSteps: boolean;
  readonly timestepSpacing: TimestepSpacing;
  readonly stepsOffset: number;
  private readonly pndmOrder = 4;

  timesteps: number[] = [];
  numInferenceSteps: number | null = null;
  private prkTimesteps: number[] = [];
  private counter = 0;
  private ets: Float32Array[] = [];
  private curSample: Float32Array | null = null;
  private curModelOutput: Float32Array | null = null;

  constructor(config: SchedulerConfig, options: { note?: string } = {}) {
    this.note = options.note;
    // PNDMScheduler has no rescale_betas_zero_snr parameter, so diffusers ignores that key for it.
    const schedule = readNoiseSchedule(config, DDPM_DEFAULTS, { rescaleSupported: false });
    this.numTrainTimesteps = schedule.numTrainTimesteps;
    this.alphasCumprod = alphasCumprodFromBetas(makeBetas(schedule));
    this.finalAlphaCumprod = cfgBool(config, 'set_alpha_to_one', false) ? 1 : this.alphasCumprod[0]!;
    this.skipPrkSteps = cfgBool(config, 'skip_prk_steps', false);
    this.predictionType = readPredictionType(config, ['epsilon', 'v_prediction']);
    this.timestepSpacing = readSpacing(config, 'leading');
    this.stepsOffset = cfgInt(config, 'steps_offset', 0);
  }

  setTimesteps(numInferenceSteps: number): void {
    const T = this.numTrainTimesteps;
    checkStepCount(numInferenceSteps, T);
    this.numInferenceSteps = numInferenceSteps;
    // Ascending grid (`self._timesteps`).
    let grid: number[];
    if (this.timestepSpacing === 'linspace') {
      grid = npLinspace(0, T - 1, numInferenceSteps).map(roundHalfEven);
    } else if (this.timestepSpacing === 'leading') {
      grid = leadingTimesteps(numInferenceSteps, T, this.stepsOffset).reverse();
    } else {
      grid = trailingTimesteps(numInferenceSteps, T).reverse();
    }
    if (this.skipPrkSteps) {
      this.prkTimesteps = [];
      const plms = [...grid.slice(0, -1), grid[grid.length - 2], grid[grid.length - 1]].filter((t) => t !== undefined);
      this.timesteps = plms.reverse();
    } else {
      const half = Math.floor(Math.floor(T / numInferenceSteps) / 2);
      const lastFour = grid.slice(-this.pndmOrder);
      const prk: number[] = [];
      for (const t of lastFour) prk.push(t, t + half);
      const repeated = prk
        .slice(0, -1)
        .flatMap((t) => [t, t])
        .slice(1, -1);
      this.prkTimesteps = repeated.reverse();
      this.timesteps = [...this.prkTimesteps, ...grid.slice(0, -3).reverse()];
    }
    this.ets = [];
    this.counter = 0;
    this.curModelOutput = null;
    this.curSample = null;
  }

  /** PNDMScheduler has no set_begin_index: img2img starts from a later timestep with fresh history. */
  setBeginIndex(_beginIndex: number): void {}

  scaleModelInput(sample: Float32Array, _timestep: number): Float32Array {
    return sample;
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, _randn: Randn): SchedulerStepResult {
    if (this.numInferenceSteps === null) throw new Error('Call setTimesteps before step.');
    checkSameLength(modelOutput, sample, 'step');
    if (this.counter < this.prkTimesteps.length && !this.skipPrkSteps)
      return this.stepPrk(modelOutput, timestep, sample);
    return this.stepPlms(modelOutput, timestep, sample);
  }

  private stepPrk(modelOutput: Float32Array, timestep: number, sample: Float32Array): SchedulerStepResult {
    const half = Math.floor(Math.floor(this.numTrainTimesteps / this.numInferenceSteps!) / 2);
    const diffToPrev = this.counter % 2 ? 0 : half;
    const prevTimestep = timestep - diffToPrev;
    const t = this.prkTimesteps[Math.floor(this.counter / 4) * 4]!;
    const sixth = f32(1 / 6);
    const third = f32(1 / 3);
    const acc = (c: number): void => {
      const cur = this.curModelOutput;
      const next = new Float32Array(modelOutput.length);
      for (let i = 0; i < next.length; i++) next[i] = f32((cur ? cur[i]! : 0) + f32(c * modelOutput[i]!));
      this.curModelOutput = next;
    };
    let output = modelOutput;
    const phase = this.counter % 4;
    if (phase === 0) {
      acc(sixth);
      this.ets.push(modelOutput);
      this.curSample = sample;
    } else if (phase === 1 || phase === 2) {
      acc(third);
    } else {
      const cur = this.curModelOutput;
      output = new Float32Array(modelOutput.length);
      for (let i = 0; i < output.length; i++) output[i] = f32((cur ? cur[i]! : 0) + f32(sixth * modelOutput[i]!));
      this.curModelOutput = null;
    }
    const prevSample = this.prevSample(this.curSample ?? sample, t, prevTimestep, output);
    this.counter++;
    return { prevSample };
  }

  private stepPlms(modelOutput: Float32Array, timestep: number, sample: Float32Array): SchedulerStepResult {
    if (!this.skipPrkSteps && this.ets.length < 3) {
      throw new Error('PNDM can only run its linear multistep steps after the Runge-Kutta warm-up.');
    }
    const ratio = Math.floor(this.numTrainTimesteps / this.numInferenceSteps!);
    let t = timestep;
    let prevTimestep = timestep - ratio;
    if (this.counter !== 1) {
      this.ets = this.ets.slice(-3);
      this.ets.push(modelOutput);
    } else {
      // Second evaluation of the warm-up: redo the first step with the averaged model output.
      prevTimestep = timestep;
      t = timestep + ratio;
    }
    const n = modelOutput.length;
    const ets = this.ets;
    const e = (k: number): Float32Array => ets[ets.length - k]!;
    let output: Float32Array;
    let x = sample;
    if (ets.length === 1 && this.counter === 0) {
      output = modelOutput;
      this.curSample = sample;
    } else if (ets.length === 1 && this.counter === 1) {
      output = new Float32Array(n);
      const e1 = e(1);
      for (let i = 0; i < n; i++) output[i] = f32(f32(modelOutput[i]! + e1[i]!) / 2);
      x = this.curSample ?? sample;
      this.curSample = null;
    } else if (ets.length === 2) {
      output = new Float32Array(n);
      const [e1, e2] = [e(1), e(2)];
      for (let i = 0; i < n; i++) output[i] = f32(f32(f32(3 * e1[i]!) - e2[i]!) / 2);
    } else if (ets.length === 3) {
      output = new Float32Array(n);
      const [e1, e2, e3] = [e(1), e(2), e(3)];
      for (let i = 0; i < n; i++) {
        output[i] = f32(f32(f32(f32(23 * e1[i]!) - f32(16 * e2[i]!)) + f32(5 * e3[i]!)) / 12);
      }
    } else {
      output = new Float32Array(n);
      const [e1, e2, e3, e4] = [e(1), e(2), e(3), e(4)];
      const c = f32(1 / 24);
      for (let i = 0; i < n; i++) {
        const s = f32(f32(f32(f32(55 * e1[i]!) - f32(59 * e2[i]!)) + f32(37 * e3[i]!)) - f32(9 * e4[i]!));
        output[i] = f32(c * s);
      }
    }
    const prevSample = this.prevSample(x, t, prevTimestep, output);
    this.counter++;
    return { prevSample };
  }

  /** `_get_prev_sample`: formula (9) of the PNDM paper. */
  private prevSample(
    sample: Float32Array,
    timestep: number,
    prevTimestep: number,
    modelOutput: Float32Array,
  ): Float32Array {
    const alphaProdT = this.alphasCumprod[trainIndex(timestep, this.numTrainTimesteps)]!;
    const alphaProdPrev =
      prevTimestep >= 0
        ? this.alphasCumprod[trainIndex(prevTimestep, this.numTrainTimesteps)]!
        : this.finalAlphaCumprod;
    const betaProdT = f32(1 - alphaProdT);
    const betaProdPrev = f32(1 - alphaProdPrev);
    let eps = modelOutput;
    if (this.predictionType === 'v_prediction') {
      const a = f32(Math.sqrt(alphaProdT));
      const b = f32(Math.sqrt(betaProdT));
      eps = new Float32Array(sample.length);
      for (let i = 0; i < eps.length; i++) eps[i] = f32(f32(a * modelOutput[i]!) + f32(b * sample[i]!));
    }
    const sampleCoeff = f32(Math.sqrt(f32(alphaProdPrev / alphaProdT)));
    const denom = f32(
      f32(alphaProdT * f32(Math.sqrt(betaProdPrev))) + f32(Math.sqrt(f32(f32(alphaProdT * betaProdT) * alphaProdPrev))),
    );
    const diff = f32(alphaProdPrev - alphaProdT);
    const out = new Float32Array(sample.length);
    for (let i = 0; i < out.length; i++) {
      out[i] = f32(f32(sampleCoeff * sample[i]!) - f32(f32(diff * eps[i]!) / denom));
    }
    return out;
  }

  addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    return ddpmAddNoise(this.alphasCumprod[trainIndex(timestep, this.numTrainTimesteps)]!, originalSamples, noise);
  }
}
