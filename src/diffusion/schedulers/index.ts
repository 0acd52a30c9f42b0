/**
 * Schedulers built from a model's scheduler_config.json, matching diffusers' classes to ~1e-4 (in practice to a few
 * float32 ulps). Pure math on Float32Arrays; no onnxruntime here.
 *
 *   PNDMScheduler -> 'pndm' (SD 1.5's default; PLMS with skip_prk_steps)   EulerDiscreteScheduler -> 'euler'
 *   EulerAncestralDiscreteScheduler -> 'euler-ancestral'                    DDIMScheduler -> 'ddim'
 *   DDPMScheduler -> 'ddpm'    LMSDiscreteScheduler -> 'lms' ('lms-karras')    HeunDiscreteScheduler -> 'heun'
 *   UniPCMultistepScheduler -> 'unipc' (bh2 by default)                     LCMScheduler -> 'lcm'
 *   DPMSolverMultistepScheduler -> 'dpmpp-2m', 'dpmpp-2m-karras', 'dpmpp-2m-sde', 'dpmpp-2m-sde-karras'
 * SD-Turbo's config is EulerDiscreteScheduler with timestep_spacing "trailing", which 'euler' honours.
 * A config naming any other class is refused unless the request picks a scheduler itself.
 */
import { UserError } from '../../errors.ts';
import { schedulerChoices, schedulerLabels, schedulerNames, type SchedulerName } from '../types.ts';
import type { SchedulerConfig } from './config.ts';
import { DDIMScheduler } from './ddim.ts';
import { DDPMScheduler } from './ddpm.ts';
import { DPMSolverMultistepScheduler } from './dpm-solver-multistep.ts';
import { EulerAncestralDiscreteScheduler } from './euler-ancestral.ts';
import { EulerDiscreteScheduler } from './euler.ts';
import { HeunDiscreteScheduler } from './heun.ts';
import { LCMScheduler } from './lcm.ts';
import { LMSDiscreteScheduler } from './lms.ts';
import { PNDMScheduler } from './pndm.ts';
import type { Scheduler } from './types.ts';
import { UniPCMultistepScheduler } from './unipc.ts';

export type { Randn, Scheduler, SchedulerStepResult } from './types.ts';
export { DDIMScheduler } from './ddim.ts';
export { DDPMScheduler } from './ddpm.ts';
export { DPMSolverMultistepScheduler } from './dpm-solver-multistep.ts';
export { EulerAncestralDiscreteScheduler } from './euler-ancestral.ts';
export { EulerDiscreteScheduler } from './euler.ts';
export { HeunDiscreteScheduler } from './heun.ts';
export { LCMScheduler, guidanceScaleEmbedding, lcmGuidanceEmbedding } from './lcm.ts';
export { LMSDiscreteScheduler } from './lms.ts';
export { PNDMScheduler } from './pndm.ts';
export { UniPCMultistepScheduler } from './unipc.ts';

/** diffusers class names we implement (a config naming another one is refused unless a scheduler is chosen). */
export const supportedSchedulerClasses = [
  'PNDMScheduler',
  'EulerDiscreteScheduler',
  'EulerAncestralDiscreteScheduler',
  'DDIMScheduler',
  'DDPMScheduler',
  'LMSDiscreteScheduler',
  'HeunDiscreteScheduler',
  'UniPCMultistepScheduler',
  'DPMSolverMultistepScheduler',
  'LCMScheduler',
] as const;

/** The scheduler a config's own class stands for (undefined when the class is not one we implement). */
export function defaultSchedulerName(config: SchedulerConfig): SchedulerName | undefined {
  const karras = config['use_karras_sigmas'] === true;
  switch (config['_class_name']) {
    case 'PNDMScheduler':
      return 'pndm';
    case 'EulerDiscreteScheduler':
      return 'euler';
    case 'EulerAncestralDiscreteScheduler':
      return 'euler-ancestral';
    case 'DDIMScheduler':
      return 'ddim';
    case 'DDPMScheduler':
      return 'ddpm';
    case 'LMSDiscreteScheduler':
      return karras ? 'lms-karras' : 'lms';
    case 'HeunDiscreteScheduler':
      return 'heun';
    case 'UniPCMultistepScheduler':
      return 'unipc';
    case 'DPMSolverMultistepScheduler':
      if (config['algorithm_type'] === 'sde-dpmsolver++') return karras ? 'dpmpp-2m-sde-karras' : 'dpmpp-2m-sde';
      return karras ? 'dpmpp-2m-karras' : 'dpmpp-2m';
    case 'LCMScheduler':
      return 'lcm';
    default:
      return undefined;
  }
}

/** Why a config cannot be sampled as itself: its class, and what to do. */
export function unsupportedSchedulerMessage(config: SchedulerConfig): string {
  const className = config['_class_name'];
  const what = typeof className === 'string' ? `names ${className}` : 'has no _class_name';
  return (
    `scheduler_config.json ${what}, which Atelier does not implement. Supported: ${supportedSchedulerClasses.join(', ')}. ` +
    `Choose a scheduler explicitly to use this model anyway (one of ${schedulerChoices()}).`
  );
}

/**
 * config = the parsed scheduler_config.json (its _class_name picks the default); override picks another scheduler
 * while keeping the config's noise schedule keys (beta_*, num_train_timesteps, prediction_type, timestep_spacing,
 * steps_offset...), as diffusers' `OtherScheduler.from_config(config)` does: each class reads the keys it knows and
 * uses its own defaults for the rest. An explicit override is taken literally: 'euler', 'lms' and 'dpmpp-2m' without
 * Karras sigmas, the '-karras' ones with them, the DPM ones as DPM-Solver++ order 2 midpoint (SDE for '-sde').
 * Without an override a class we do not implement throws (unsupportedSchedulerMessage).
 */
export function createScheduler(config: Record<string, unknown>, override?: SchedulerName): Scheduler {
  if (override !== undefined && !(schedulerNames as readonly string[]).includes(override)) {
    throw new UserError(`Unknown scheduler "${override}"; choose one of ${schedulerChoices()}.`, 'bad-scheduler');
  }
  const name = override ?? defaultSchedulerName(config);
  if (name === undefined) throw new Error(unsupportedSchedulerMessage(config));
  switch (name) {
    case 'pndm':
      return new PNDMScheduler(config);
    case 'euler':
      return new EulerDiscreteScheduler(config, override === undefined ? {} : { useKarrasSigmas: false });
    case 'euler-ancestral':
      return new EulerAncestralDiscreteScheduler(config);
    case 'ddim':
      return new DDIMScheduler(config);
    case 'ddpm':
      return new DDPMScheduler(config);
    case 'lms':
    case 'lms-karras':
      return new LMSDiscreteScheduler(
        config,
        override === undefined ? {} : { name, useKarrasSigmas: name === 'lms-karras' },
      );
    case 'heun':
      return new HeunDiscreteScheduler(config, override === undefined ? {} : { useKarrasSigmas: false });
    case 'unipc':
      return new UniPCMultistepScheduler(config, override === undefined ? {} : { useKarrasSigmas: false });
    case 'dpmpp-2m':
    case 'dpmpp-2m-karras':
    case 'dpmpp-2m-sde':
    case 'dpmpp-2m-sde-karras': {
      if (override === undefined) {
        const dpm = new DPMSolverMultistepScheduler(config);
        if (dpm.solverOrder !== 2) {
          return new DPMSolverMultistepScheduler(config, {
            name,
            note: `The model's scheduler is ${dpm.algorithmType} of order ${dpm.solverOrder} (not ${schedulerLabels[name]}); sampling with it as configured.`,
          });
        }
        return new DPMSolverMultistepScheduler(config, { name });
      }
      const sde = name === 'dpmpp-2m-sde' || name === 'dpmpp-2m-sde-karras';
      return new DPMSolverMultistepScheduler(config, {
        name,
        useKarrasSigmas: name === 'dpmpp-2m-karras' || name === 'dpmpp-2m-sde-karras',
        algorithmType: sde ? 'sde-dpmsolver++' : 'dpmsolver++',
        solverOrder: 2,
        solverType: 'midpoint',
      });
    }
    case 'lcm':
      return new LCMScheduler(config);
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
