/**
 * A model folder as its files describe it, without onnxruntime: the layout check, the JSON configs, the family and
 * its defaults. The bot process reads models through this module alone (it never loads onnxruntime-node): the model
 * jobs are accepted for while the inference process is still loading it, the installed models for /imagine's choices.
 * src/diffusion/model.ts opens the sessions.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ModelError } from '../errors.ts';
import { log } from '../log.ts';
import { createScheduler, defaultSchedulerName } from './schedulers/index.ts';
import { schedulerLabels, type ModelInfo, type SchedulerName } from './types.ts';

export type Json = Record<string, unknown>;

/** The execution provider of a model described from its files (describeModelFiles): not loaded yet. */
export const NOT_LOADED = 'not loaded';

/** Whether an inference process has loaded this model (false for one described from its files only). */
export function isLoaded(info: ModelInfo | undefined): info is ModelInfo {
  return info !== undefined && info.executionProvider !== NOT_LOADED;
}

export function readJson(dir: string, rel: string): Json | undefined {
  const path = join(dir, rel);
  if (!existsSync(path)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ModelError(dir, `${rel} is not valid JSON (${(err as Error).message}).`, { cause: err });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new ModelError(dir, `${rel} must hold a JSON object.`);
  return value as Json;
}

export function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

const EXPECTED_LAYOUT =
  'Expected the diffusers ONNX layout: model_index.json, text_encoder/model.onnx, unet/model.onnx, vae_decoder/model.onnx, ' +
  'tokenizer/vocab.json + merges.txt and scheduler/scheduler_config.json (`npm run models -- pull <name>` downloads one).';

/** Checks the files without onnxruntime; throws one ModelError listing everything that is missing. */
export function checkModelFolder(
  dirIn: string,
  scheduler?: SchedulerName,
): { dir: string; modelIndex: Json; schedulerConfig: Json } {
  const dir = resolve(dirIn);
  if (!existsSync(dir)) throw new ModelError(dir, 'the folder does not exist. ' + EXPECTED_LAYOUT);
  if (!statSync(dir).isDirectory()) throw new ModelError(dir, 'it is a file, not a model folder. ' + EXPECTED_LAYOUT);
  const missing: string[] = [];
  const required = [
    'model_index.json',
    'text_encoder/model.onnx',
    'unet/model.onnx',
    'vae_decoder/model.onnx',
    'tokenizer/vocab.json',
    'tokenizer/merges.txt',
    'scheduler/scheduler_config.json',
  ];
  for (const rel of required) if (!isFile(join(dir, rel))) missing.push(rel);
  if (missing.length) throw new ModelError(dir, `missing ${missing.join(', ')}. ${EXPECTED_LAYOUT}`);
  const modelIndex = readJson(dir, 'model_index.json')!;
  const schedulerConfig = readJson(dir, 'scheduler/scheduler_config.json')!;
  const problems: string[] = [];
  for (const key of ['num_train_timesteps', 'beta_start', 'beta_end']) {
    if (schedulerConfig[key] !== undefined && typeof schedulerConfig[key] !== 'number') {
      problems.push(`scheduler/scheduler_config.json: ${key} must be a number`);
    }
  }
  if (problems.length) throw new ModelError(dir, problems.join('; ') + '.');
  try {
    const created = createScheduler(schedulerConfig, scheduler);
    if (created.note) log.warn('scheduler note', { dir, note: created.note });
  } catch (err) {
    throw new ModelError(dir, `scheduler/scheduler_config.json cannot be used: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return { dir, modelIndex, schedulerConfig };
}

/**
 * What a model says about itself from its files alone, without sessions: for a model that is installed but not
 * loaded (its defaults in /imagine, the autocomplete). The data type and execution provider are only known once it
 * loads: 'float32' and 'not loaded' until then. A folder that is not a usable model throws a ModelError.
 */
export function describeModelFiles(dirIn: string, scheduler?: SchedulerName): ModelInfo {
  const { dir, modelIndex, schedulerConfig } = checkModelFolder(dirIn, scheduler);
  const unetConfig = readJson(dir, 'unet/config.json');
  const textConfig = readJson(dir, 'text_encoder/config.json');
  const number = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return describeModel({
    dir,
    modelIndex,
    schedulerConfig,
    unetConfig,
    hiddenSize: number(textConfig?.hidden_size) ?? number(unetConfig?.cross_attention_dim),
    hasTimestepCond: number(unetConfig?.time_cond_proj_dim) !== undefined,
    dtype: 'float32',
    executionProvider: NOT_LOADED,
    supportsImg2Img: isFile(join(dir, 'vae_encoder/model.onnx')),
    vaeScaleFactor: readVaeConfig(dir).downsamplingFactor,
    scheduler,
  });
}

/** Every file describeModelFiles looks at (checked, read, or tested for): a description holds while none changed. */
const DESCRIBED_FROM = [
  'model_index.json',
  'scheduler/scheduler_config.json',
  'text_encoder/model.onnx',
  'text_encoder/config.json',
  'unet/model.onnx',
  'unet/config.json',
  'vae_decoder/model.onnx',
  'vae_decoder/config.json',
  'vae/config.json',
  'vae_encoder/model.onnx',
  'vae_encoder/config.json',
  'tokenizer/vocab.json',
  'tokenizer/merges.txt',
];

/**
 * describeModelFiles for folders looked at again and again (the installed models, re-listed every minute): a
 * folder's description (or its ModelError) is kept while the files it came from keep their size and modification
 * time, so a look costs a stat per file instead of reading and parsing its JSON again.
 */
export function createModelDescriber(scheduler?: SchedulerName): (dir: string) => ModelInfo {
  const known = new Map<string, { stamp: string; info?: ModelInfo; error?: unknown }>();
  const stampOf = (dir: string) =>
    DESCRIBED_FROM.map((rel) => {
      try {
        const st = statSync(join(dir, rel));
        return `${st.size}:${st.mtimeMs}`;
      } catch {
        return '-';
      }
    }).join(' ');
  return (dirIn) => {
    const dir = resolve(dirIn);
    const stamp = stampOf(dir);
    let entry = known.get(dir);
    if (entry?.stamp !== stamp) {
      try {
        entry = { stamp, info: describeModelFiles(dir, scheduler) };
      } catch (error) {
        entry = { stamp, error };
      }
      known.set(dir, entry);
    }
    if (entry.info) return entry.info;
    throw entry.error;
  };
}

/** diffusers' default when a VAE config has no scaling_factor (every SD 1.x/2.x VAE). */
export const DEFAULT_VAE_SCALING_FACTOR = 0.18215;

/** What the VAE's configs say, read once per model load or description. */
export interface VaeConfig {
  /** scaling_factor, or DEFAULT_VAE_SCALING_FACTOR when none is given. */
  scalingFactor: number;
  /**
   * The downsampling factor as diffusers derives it, `2 ** (len(vae.config.block_out_channels) - 1)`; undefined when
   * no config has block_out_channels (loadModel then asks the decoder's shapes).
   */
  downsamplingFactor: number | undefined;
}

/**
 * The VAE's config, from vae_decoder/config.json, vae/config.json and vae_encoder/config.json (the first that gives
 * each value), each file read once. A block_out_channels of more than 6 entries (a factor past 32) is a ModelError.
 */
export function readVaeConfig(dir: string): VaeConfig {
  let scalingFactor: number | undefined;
  let downsamplingFactor: number | undefined;
  for (const rel of ['vae_decoder/config.json', 'vae/config.json', 'vae_encoder/config.json']) {
    if (scalingFactor !== undefined && downsamplingFactor !== undefined) break;
    const cfg = readJson(dir, rel);
    const f = cfg?.scaling_factor;
    if (scalingFactor === undefined && typeof f === 'number' && f > 0) scalingFactor = f;
    const blocks = cfg?.block_out_channels;
    if (downsamplingFactor === undefined && Array.isArray(blocks) && blocks.length > 0) {
      if (blocks.length > 6)
        throw new ModelError(
          dir,
          `${rel}: block_out_channels has ${blocks.length} entries; expected 1 to 6 (a factor up to 32).`,
        );
      downsamplingFactor = 2 ** (blocks.length - 1);
    }
  }
  return { scalingFactor: scalingFactor ?? DEFAULT_VAE_SCALING_FACTOR, downsamplingFactor };
}

// ---------------------------------------------------------------------------------------------------------------
// Family detection and defaults.

export interface Describe {
  dir: string;
  modelIndex: Json;
  schedulerConfig: Json;
  unetConfig: Json | undefined;
  hiddenSize: number | undefined;
  hasTimestepCond: boolean;
  dtype: 'float32' | 'float16';
  executionProvider: string;
  supportsImg2Img: boolean;
  /** The VAE's downsampling factor (8 when not given). */
  vaeScaleFactor?: number | undefined;
  /** LoadOptions.scheduler. */
  scheduler?: SchedulerName | undefined;
}

/**
 * Defaults per family. SD 1.x/2.x get 25 steps rather than diffusers' 50: with the default schedulers 25 steps are
 * visually converged for most prompts and take half the time, which matters on a shared bot (users can ask for
 * more, up to MAX_STEPS). Guidance 7.5 is diffusers' default. Turbo: 1 step, no guidance (its model card). LCM:
 * 4 steps and guidance 8.5 (diffusers' LatentConsistencyModelPipeline defaults), applied as an embedding, not CFG.
 */
const familyDefaults: Record<string, { steps: number; guidance: number; sampleSize: number; guidanceFree: boolean }> = {
  sd15: { steps: 25, guidance: 7.5, sampleSize: 512, guidanceFree: false },
  sd21: { steps: 25, guidance: 7.5, sampleSize: 768, guidanceFree: false },
  'sd21-base': { steps: 25, guidance: 7.5, sampleSize: 512, guidanceFree: false },
  'sd-turbo': { steps: 1, guidance: 0, sampleSize: 512, guidanceFree: true },
  lcm: { steps: 4, guidance: 8.5, sampleSize: 512, guidanceFree: true },
  demo: { steps: 20, guidance: 5, sampleSize: 64, guidanceFree: false },
  tiny: { steps: 4, guidance: 7.5, sampleSize: 64, guidanceFree: false },
};

/** The sampler names AUTOMATIC1111 writes in PNG parameters, so other tools recognise them. */
export function samplerDisplayName(scheduler: string): string {
  return (schedulerLabels as Readonly<Record<string, string>>)[scheduler] ?? scheduler;
}

export function detectFamily(
  d: Pick<Describe, 'dir' | 'modelIndex' | 'schedulerConfig' | 'hiddenSize' | 'hasTimestepCond'>,
): string {
  const block = d.modelIndex.atelier as Json | undefined;
  if (block && typeof block.family === 'string') return block.family;
  const nameHints = `${basename(d.dir)} ${String(d.modelIndex._name_or_path ?? '')}`.toLowerCase();
  if (d.hasTimestepCond || d.schedulerConfig._class_name === 'LCMScheduler' || /\blcm\b|lcm[-_]/.test(nameHints))
    return 'lcm';
  if (/turbo/.test(nameHints) || d.schedulerConfig.timestep_spacing === 'trailing') return 'sd-turbo';
  if (d.hiddenSize === 1024) return d.schedulerConfig.prediction_type === 'v_prediction' ? 'sd21' : 'sd21-base';
  if (d.hiddenSize === 768) return 'sd15';
  return 'tiny';
}

export function describeModel(d: Describe): ModelInfo {
  const family = detectFamily(d);
  const defaults = familyDefaults[family] ?? familyDefaults.sd15!;
  const block = (d.modelIndex.atelier as Json | undefined) ?? {};
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const unetSample = num(d.unetConfig?.sample_size);
  const sampleSize = num(block.sampleSize) ?? (unetSample ? unetSample * (d.vaeScaleFactor ?? 8) : defaults.sampleSize);
  return {
    name: basename(d.dir),
    dir: d.dir,
    family,
    sampleSize,
    defaultSteps: num(block.defaultSteps) ?? defaults.steps,
    defaultGuidance: num(block.defaultGuidance) ?? defaults.guidance,
    defaultScheduler: d.scheduler ?? defaultSchedulerName(d.schedulerConfig) ?? 'euler',
    guidanceFree:
      typeof block.guidanceFree === 'boolean' ? block.guidanceFree : defaults.guidanceFree || d.hasTimestepCond,
    supportsImg2Img: d.supportsImg2Img,
    executionProvider: d.executionProvider,
    dtype: d.dtype,
  };
}
