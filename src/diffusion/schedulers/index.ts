/**
 * Schedulers built from a model's scheduler_config.json, matching diffusers' classes to ~1e-4 (in practice to a few
 * float32 ulps). Pure math on Float32Arrays; no onnxruntime here.
 *
 *   PNDMScheduler -> 'pndm' (SD 1.5's default; PLMS with skip_prk_steps)   EulerDiscreteScheduler -> 'euler'
 *   EulerAncestralDiscreteScheduler -> 'euler-ancestral'                    DDIMScheduler -> 'ddim'
 *   DPMSolverMultistepScheduler -> 'dpmpp-2m', or 'dpmpp-2m-karras' with use_karras_sigmas    LCMScheduler -> 'lcm'
 * SD-Turbo's config is EulerDiscreteScheduler with timestep_spacing "trailing", which 'euler' honours.
 */
import { UserError } from '../../errors.ts';
import { schedulerNames, type SchedulerName } from '../types.ts';
import type { SchedulerConfig } from './config.ts';
import { DDIMScheduler } from './ddim.ts';
import { DPMSolverMultistepScheduler } from './dpm-solver-multistep.ts';
import { EulerAncestralDiscreteScheduler } from './euler-ancestral.ts';
import { EulerDiscreteScheduler } from './euler.ts';
import { LCMScheduler } from './lcm.ts';
import { PNDMScheduler } from './pndm.ts';
import type { Scheduler } from './types.ts';

export type { Randn, Scheduler, SchedulerStepResult } from './types.ts';
export { DDIMScheduler } from './ddim.ts';
export { DPMSolverMultistepScheduler } from './dpm-solver-multistep.ts';
export { EulerAncestralDiscreteScheduler } from './euler-ancestral.ts';
export { EulerDiscreteScheduler } from './euler.ts';
export { LCMScheduler, guidanceScaleEmbedding, lcmGuidanceEmbedding } from './lcm.ts';
export { PNDMScheduler } from './pndm.ts';

/** diffusers class names we implement, and the scheduler each one is. */
export const supportedSchedulerClasses = [
  'PNDMScheduler',
  'EulerDiscreteScheduler',
  'EulerAncestralDiscreteScheduler',
  'DDIMScheduler',
  'DPMSolverMultistepScheduler',
  'LCMScheduler',
] as const;

/** Classes we do not implement but whose configs we accept, sampling with Euler on the same noise schedule. */
export const eulerFallbackClasses = [
  'LMSDiscreteScheduler',
  'DDPMScheduler',
  'HeunDiscreteScheduler',
  'UniPCMultistepScheduler',
  'DPMSolverSinglestepScheduler',
  'DEISMultistepScheduler',
  'KDPM2DiscreteScheduler',
  'KDPM2AncestralDiscreteScheduler',
] as const;

/** The scheduler a config's own class stands for (undefined when the class is not one we know). */
export function defaultSchedulerName(config: SchedulerConfig): SchedulerName | undefined {
  switch (config['_class_name']) {
    case 'PNDMScheduler':
      return 'pndm';
    case 'EulerDiscreteScheduler':
      return 'euler';
    case 'EulerAncestralDiscreteScheduler':
      return 'euler-ancestral';
    case 'DDIMScheduler':
      return 'ddim';
    case 'DPMSolverMultistepScheduler':
      return config['use_karras_sigmas'] === true ? 'dpmpp-2m-karras' : 'dpmpp-2m';
    case 'LCMScheduler':
      return 'lcm';
    default:
      return (eulerFallbackClasses as readonly unknown[]).includes(config['_class_name']) ? 'euler' : undefined;
  }
}

/**
 * config = the parsed scheduler_config.json (its _class_name picks the default); override picks another scheduler
 * while keeping the config's noise schedule keys (beta_*, num_train_timesteps, prediction_type, timestep_spacing,
 * steps_offset...), as diffusers' `OtherScheduler.from_config(config)` does: each class reads the keys it knows and
 * uses its own defaults for the rest. An explicit override is taken literally: 'euler' and 'dpmpp-2m' without
 * Karras sigmas, 'dpmpp-2m-karras' with them, the DPM ones as DPM-Solver++ order 2 midpoint.
 */
export function createScheduler(config: Record<string, unknown>, override?: SchedulerName): Scheduler {
  if (override !== undefined && !(schedulerNames as readonly string[]).includes(override)) {
    throw new UserError(`Unknown scheduler "${override}"; choose one of ${schedulerNames.join(', ')}.`, 'bad-scheduler');
  }
  const className = config['_class_name'];
  let note: string | undefined;
  let name = override;
  if (name === undefined) {
    name = defaultSchedulerName(config);
    if (name === undefined) {
      const what = typeof className === 'string' ? `names ${className}` : 'has no _class_name';
      throw new Error(
        `scheduler_config.json ${what}, which Atelier does not support. Supported: ${supportedSchedulerClasses.join(', ')} ` +
          `(and ${eulerFallbackClasses.join(', ')}, which run as Euler). Pick a scheduler explicitly to use this model anyway.`,
      );
    }
    if ((eulerFallbackClasses as readonly unknown[]).includes(className)) {
      note = `scheduler_config.json names ${String(className)}, which Atelier does not implement; sampling with Euler (EulerDiscreteScheduler) on the same noise schedule.`;
    }
  }
  const opts = note === undefined ? {} : { note };
  switch (name) {
    case 'pndm':
      return new PNDMScheduler(config, opts);
    case 'euler':
      return new EulerDiscreteScheduler(config, override === undefined ? opts : { ...opts, useKarrasSigmas: false });
    case 'euler-ancestral':
      return new EulerAncestralDiscreteScheduler(config, opts);
    case 'ddim':
      return new DDIMScheduler(config, opts);
    case 'dpmpp-2m':
    case 'dpmpp-2m-karras': {
      if (override === undefined) {
        const dpm = new DPMSolverMultistepScheduler(config, opts);
        if (dpm.algorithmType !== 'dpmsolver++' || dpm.solverOrder !== 2) {
          return new DPMSolverMultistepScheduler(config, {
            note: `The model's scheduler is ${dpm.algorithmType} of order ${dpm.solverOrder} (not 2M); sampling with it as configured.`,
          });
        }
        return dpm;
      }
      return new DPMSolverMultistepScheduler(config, {
        ...opts,
        name,
        useKarrasSigmas: name === 'dpmpp-2m-karras',
        algorithmType: 'dpmsolver++',
        solverOrder: 2,
        solverType: 'midpoint',
      });
    }
    case 'lcm':
      return new LCMScheduler(config, opts);
  }
}

/**
 * diffusers img2img (pipeline_stable_diffusion_img2img.py `get_timesteps`): sets the scheduler's timesteps for
 * `steps`, then init = min(floor(steps * strength), steps), tStart = max(steps - init, 0), keeps
 * timesteps.slice(tStart * order) and calls setBeginIndex(tStart * order). Returns the remaining timesteps; add
 * noise at the first of them. LCM instead shortens its schedule by strength (pipeline_latent_consistency_img2img.py
 * passes strength to set_timesteps) and runs all `steps` of it. Throws a UserError when no step remains.
 */
export function img2imgTimesteps(scheduler: Scheduler, steps: number, strength: number): number[] {
  if (!(strength > 0 && strength <= 1)) {
    throw new UserError(`Strength must be more than 0 and at most 1; got ${strength}.`, 'bad-strength');
  }
  if (scheduler instanceof LCMScheduler) {
    scheduler.setTimesteps(steps, strength);
    return [...scheduler.timesteps];
  }
  scheduler.setTimesteps(steps);
  const init = Math.min(Math.floor(steps * strength), steps);
  if (init < 1) {
    throw new UserError(
      `With ${steps} steps and strength ${strength} no denoising step remains (steps x strength must be at least 1); raise the steps or the strength.`,
      'bad-strength',
    );
  }
  const tStart = Math.max(steps - init, 0);
  const remaining = scheduler.timesteps.slice(tStart * scheduler.order);
  scheduler.setBeginIndex(tStart * scheduler.order);
  return remaining;
}
