/**
 * Reading a parsed scheduler_config.json the way diffusers' `from_config` does: every class takes the keys it knows,
 * uses its own default for a key that is absent (or null), and ignores the rest. Wrong types or values get one clear
 * Error naming the key, the value and what is accepted.
 */
import { UserError } from '../../errors.ts';
import {
  alphasCumprodFromBetas,
  betaSchedules,
  makeBetas,
  type BetaSchedule,
  type NoiseScheduleOptions,
} from './noise-schedule.ts';

export type SchedulerConfig = Readonly<Record<string, unknown>>;

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
}

function bad(key: string, value: unknown, expected: string): Error {
  return new Error(`scheduler_config.json: "${key}" is ${describe(value)}; expected ${expected}.`);
}

export function cfgNumber(config: SchedulerConfig, key: string, dflt: number): number {
  const v = config[key];
  if (v === undefined || v === null) return dflt;
  // Python configs may carry -inf as a string after JSON round trips; accept the usual spellings.
  if (typeof v === 'string' && /^-?inf(inity)?$/i.test(v)) return v.startsWith('-') ? -Infinity : Infinity;
  if (typeof v !== 'number' || Number.isNaN(v)) throw bad(key, v, 'a number');
  return v;
}

export function cfgInt(config: SchedulerConfig, key: string, dflt: number, min = 0): number {
  const v = cfgNumber(config, key, dflt);
  if (!Number.isInteger(v) || v < min) throw bad(key, v, `an integer >= ${min}`);
  return v;
}

export function cfgBool(config: SchedulerConfig, key: string, dflt: boolean): boolean {
  const v = config[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw bad(key, v, 'true or false');
  return v;
}

export function cfgString<T extends string>(config: SchedulerConfig, key: string, dflt: T, allowed: readonly T[]): T {
  const v = config[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw bad(key, v, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
  }
  return v as T;
}

/** Throws when a config turns on a feature we do not implement, instead of silently sampling differently. */
export function rejectIfSet(config: SchedulerConfig, className: string, keys: readonly string[]): void {
  for (const key of keys) {
    if (config[key] === true) {
      throw new Error(
        `scheduler_config.json: "${key}": true is not supported by Atelier's ${className}; set it to false or pick another scheduler.`,
      );
    }
  }
}

export type TimestepSpacing = 'linspace' | 'leading' | 'trailing';
export const timestepSpacings: readonly TimestepSpacing[] = ['linspace', 'leading', 'trailing'];

export type PredictionType = 'epsilon' | 'v_prediction' | 'sample';

/** The keys of the noise schedule, with one class's defaults for the ones that are absent. */
export interface ScheduleDefaults {
  betaStart: number;
  betaEnd: number;
  betaSchedule: BetaSchedule;
  timestepSpacing: TimestepSpacing;
}

export const DDPM_DEFAULTS: ScheduleDefaults = {
  betaStart: 0.0001,
  betaEnd: 0.02,
  betaSchedule: 'linear',
  timestepSpacing: 'linspace',
};

export function readNoiseSchedule(
  config: SchedulerConfig,
  defaults: ScheduleDefaults,
  opts: { rescaleSupported: boolean },
): NoiseScheduleOptions {
  const trained = config['trained_betas'];
  let trainedBetas: number[] | null = null;
  if (trained !== undefined && trained !== null) {
    if (
      !Array.isArray(trained) ||
      trained.length === 0 ||
      !trained.every((b) => typeof b === 'number' && b >= 0 && b < 1)
    ) {
      throw bad('trained_betas', '[...]', 'null or a non-empty list of numbers in [0, 1)');
    }
    trainedBetas = trained as number[];
  }
  const numTrainTimesteps = trainedBetas ? trainedBetas.length : cfgInt(config, 'num_train_timesteps', 1000, 1);
  const betaStart = cfgNumber(config, 'beta_start', defaults.betaStart);
  const betaEnd = cfgNumber(config, 'beta_end', defaults.betaEnd);
  if (!trainedBetas && !(betaStart >= 0 && betaEnd > 0 && betaStart <= betaEnd && betaEnd < 1)) {
    throw new Error(
      `scheduler_config.json: beta_start ${betaStart} and beta_end ${betaEnd} must satisfy 0 <= beta_start <= beta_end < 1.`,
    );
  }
  return {
    numTrainTimesteps,
    betaStart,
    betaEnd,
    betaSchedule: cfgString(config, 'beta_schedule', defaults.betaSchedule, betaSchedules),
    trainedBetas,
    rescaleBetasZeroSnr: opts.rescaleSupported ? cfgBool(config, 'rescale_betas_zero_snr', false) : false,
  };
}

export function readPredictionType(config: SchedulerConfig, allowed: readonly PredictionType[]): PredictionType {
  return cfgString(config, 'prediction_type', 'epsilon', allowed);
}

export function readSpacing(config: SchedulerConfig, dflt: TimestepSpacing): TimestepSpacing {
  return cfgString(config, 'timestep_spacing', dflt, timestepSpacings);
}

/** What every alphas_cumprod scheduler of the DDPM family reads alike from its config. */
export interface DdpmFamilyConfig {
  numTrainTimesteps: number;
  alphasCumprod: Float32Array;
  betaSchedule: BetaSchedule;
  predictionType: PredictionType;
  timestepSpacing: TimestepSpacing;
  stepsOffset: number;
}

export interface DdpmFamilyOptions {
  /** The diffusers class, for refusals. */
  className: string;
  /** Flags this class has in diffusers but Atelier does not implement: refused when true. */
  unsupported?: readonly string[] | undefined;
  /** The class's default `timestep_spacing`. */
  spacing: TimestepSpacing;
  /**
   * Sigma-space solvers (DPM-Solver, UniPC): with rescale_betas_zero_snr the last alphas_cumprod becomes 2^-24, as
   * diffusers sets it, so that the last sigma is finite.
   */
  finiteTerminalSigma?: boolean | undefined;
}

/**
 * The shared preamble of DDIM, DDPM, DPM-Solver and UniPC's constructors: the noise schedule (diffusers' DDPM
 * defaults), refused flags, prediction type, timestep spacing and offset.
 */
export function readDdpmFamily(config: SchedulerConfig, o: DdpmFamilyOptions): DdpmFamilyConfig {
  const schedule = readNoiseSchedule(config, DDPM_DEFAULTS, { rescaleSupported: true });
  rejectIfSet(config, o.className, ['thresholding', ...(o.unsupported ?? [])]);
  const alphasCumprod = alphasCumprodFromBetas(makeBetas(schedule));
  if (o.finiteTerminalSigma && schedule.rescaleBetasZeroSnr) alphasCumprod[alphasCumprod.length - 1] = 2 ** -24;
  return {
    numTrainTimesteps: schedule.numTrainTimesteps,
    alphasCumprod,
    betaSchedule: schedule.betaSchedule,
    predictionType: readPredictionType(config, ['epsilon', 'v_prediction', 'sample']),
    timestepSpacing: readSpacing(config, o.spacing),
    stepsOffset: cfgInt(config, 'steps_offset', 0),
  };
}

/** DDIM's and DDPM's `clip_sample` (class default true) and `clip_sample_range`. */
export function readClipSample(config: SchedulerConfig): { clipSample: boolean; clipSampleRange: number } {
  return {
    clipSample: cfgBool(config, 'clip_sample', true),
    clipSampleRange: cfgNumber(config, 'clip_sample_range', 1),
  };
}

/** The keys DPM-Solver and UniPC share beyond the DDPM family's: lower-order final steps and the sigmas. */
export interface MultistepConfig {
  lowerOrderFinal: boolean;
  useKarrasSigmas: boolean;
  finalSigmasType: 'zero' | 'sigma_min';
}

export function readMultistep(config: SchedulerConfig, useKarrasSigmas?: boolean): MultistepConfig {
  return {
    lowerOrderFinal: cfgBool(config, 'lower_order_final', true),
    useKarrasSigmas: useKarrasSigmas ?? cfgBool(config, 'use_karras_sigmas', false),
    finalSigmasType: cfgString(config, 'final_sigmas_type', 'zero', ['zero', 'sigma_min']),
  };
}

/** Validates a step count as a user gives it; diffusers raises a ValueError for the same cases. */
export function checkStepCount(numInferenceSteps: number, max: number, why = ''): void {
  if (!Number.isInteger(numInferenceSteps) || numInferenceSteps < 1 || numInferenceSteps > max) {
    throw new UserError(`Steps must be a whole number from 1 to ${max}${why}; got ${numInferenceSteps}.`, 'bad-steps');
  }
}
