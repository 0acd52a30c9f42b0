/**
 * Reading a parsed scheduler_config.json the way diffusers' `from_config` does: every class takes the keys it knows,
 * uses its own default for a key that is absent (or null), and ignores the rest. Wrong types or values get one clear
 * Error naming the key, the value and what is accepted.
 */
import { UserError } from '../../errors.ts';
import { betaSchedules, type BetaSchedule, type NoiseScheduleOptions } from './noise-schedule.ts';

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

/** Validates a step count as a user gives it; diffusers raises a ValueError for the same cases. */
export function checkStepCount(numInferenceSteps: number, max: number, why = ''): void {
  if (!Number.isInteger(numInferenceSteps) || numInferenceSteps < 1 || numInferenceSteps > max) {
    throw new UserError(`Steps must be a whole number from 1 to ${max}${why}; got ${numInferenceSteps}.`, 'bad-steps');
  }
}
