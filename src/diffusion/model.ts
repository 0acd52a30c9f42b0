/**
 * Loading a Stable-Diffusion-family model in the diffusers/optimum ONNX layout:
 *
 *   model_index.json            (optional `atelier` block: { family, sampleSize, defaultSteps, defaultGuidance })
 *   text_encoder/model.onnx     input_ids -> last_hidden_state
 *   unet/model.onnx             sample, timestep, encoder_hidden_states [, timestep_cond] -> out_sample
 *                               (external weights such as weights.pb or model.onnx_data sit next to it)
 *   vae_decoder/model.onnx      latent_sample -> sample
 *   vae_encoder/model.onnx      sample -> latent_sample | latent_parameters   (optional: image-to-image)
 *   tokenizer/                  vocab.json, merges.txt, special_tokens_map.json / tokenizer_config.json
 *   scheduler/scheduler_config.json
 *   vae_decoder/config.json or vae/config.json: scaling_factor (0.18215 when absent)
 *
 * Everything that can be checked without onnxruntime is checked first and reported in one ModelError; then the
 * sessions are opened and their metadata (names, dtypes, shapes) checked against what the pipeline needs. Input
 * names, dtypes and conventions all come from that metadata, never from assumptions about the exporter.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ModelError } from '../errors.ts';
import { log } from '../log.ts';
import { exposeEncoderDistribution, type EncoderRewrite } from '../models/onnx/sampling.ts';
import { openSession, type OnnxModel, type SessionOptions, type TensorInfo } from './session.ts';
import { isFloatType } from './tensors.ts';
import { findTaesd, loadTaesd, type TaesdDecoder } from './taesd.ts';
import { chooseThreads, type ThreadChoice } from './threads.ts';
import { ClipTokenizer } from './tokenizer.ts';
import type { ModelInfo, SchedulerName } from './types.ts';
import { describeModel, isFile, readJson, readVaeConfig, checkModelFolder, type Json } from './model-files.ts';

// The model files' part (no onnxruntime), where it was before the split.
export {
  checkModelFolder,
  DEFAULT_VAE_SCALING_FACTOR,
  describeModel,
  describeModelFiles,
  detectFamily,
  samplerDisplayName,
  type Json,
} from './model-files.ts';

/** Prompt chunks of 75 tokens read by a UNet with a dynamic sequence axis (A1111 has no limit; 3 bounds the cost). */
export const MAX_PROMPT_CHUNKS = 3;

export interface UnetIo {
  sample: TensorInfo;
  timestep: TensorInfo;
  encoderHiddenStates: TensorInfo;
  /** LCM: the guidance-scale embedding input. */
  timestepCond?: TensorInfo | undefined;
  /** Size of timestep_cond's last axis (LCM's time_cond_proj_dim). */
  timeCondProjDim?: number | undefined;
  /** The noise prediction output. */
  output: string;
}

export interface VaeEncoderIo {
  sample: TensorInfo;
  output: string;
  /** `latent_sample`: a drawn sample; `latent_parameters`: mean and log-variance on the channel axis (8 channels). */
  kind: 'latent_sample' | 'latent_parameters';
  /**
   * For a `latent_sample` graph that drew its sample itself (diffusers' legacy export), rewritten at load: `output`
   * is then the mean and this output the standard deviation, and the pipeline samples with its own seeded noise.
   */
  std?: string | undefined;
}

export interface LoadedModel {
  readonly dir: string;
  readonly info: ModelInfo;
  readonly tokenizer: ClipTokenizer;
  readonly schedulerConfig: Json;
  /** The CPU threads its sessions use, and why (threads.ts). */
  readonly threads: ThreadChoice;
  /** LoadOptions.scheduler: the scheduler of requests that name none (absent: the config's own class). */
  readonly schedulerChoice?: SchedulerName | undefined;
  readonly textEncoder: OnnxModel;
  readonly textEncoderIo: { inputIds: TensorInfo; output: string };
  readonly unet: OnnxModel;
  readonly unetIo: UnetIo;
  readonly vaeDecoder: OnnxModel;
  readonly vaeDecoderIo: { latentSample: TensorInfo; output: string };
  readonly vaeEncoder?: OnnxModel | undefined;
  readonly vaeEncoderIo?: VaeEncoderIo | undefined;
  /** TAESD (taesd.ts) when installed for this model: previews every step, and `decoder: 'taesd'` decodes. */
  readonly taesd?: TaesdDecoder | undefined;
  readonly vaeScalingFactor: number;
  /** Pixels per latent along each axis: 2^(len(block_out_channels) - 1) of the VAE's config (8 for SD). */
  readonly vaeScaleFactor: number;
  /** Latent channels (4 for SD 1.x/2.x). */
  readonly latentChannels: number;
  /**
   * The UNet's input channels: latentChannels, or 2 x latentChannels + 1 for an inpainting UNet (latents, the mask
   * at latent resolution and the VAE latents of the masked image, as SD 1.5 inpainting's 9).
   */
  readonly unetInChannels: number;
  /** 1 when the UNet reads exactly 77 tokens; more when its sequence axis is dynamic. */
  readonly maxChunks: number;
  release(): Promise<void>;
}

export interface LoadOptions extends SessionOptions {
  /**
   * The scheduler for requests that name none, instead of the class in scheduler_config.json. Without it a config
   * naming a class Atelier does not implement is refused at load (with the supported list).
   */
  scheduler?: SchedulerName | undefined;
  /** Leave the CPU threads to onnxruntime's own default instead of choosing (threads.ts); the bench's baseline. */
  onnxruntimeThreads?: boolean | undefined;
}

// ---------------------------------------------------------------------------------------------------------------

function describeInputs(model: OnnxModel): string {
  return `[${model.inputs.map((i) => i.name).join(', ')}]`;
}

function dimOf(info: TensorInfo | undefined, axis: number): number | undefined {
  const d = info?.shape[axis];
  return typeof d === 'number' && d > 0 ? d : undefined;
}

function need(dir: string, model: OnnxModel, rel: string, what: string, names: readonly string[]): TensorInfo[] {
  const found = names.map((n) => model.inputs.find((i) => i.name === n));
  const absent = names.filter((_, i) => !found[i]);
  if (absent.length) {
    throw new ModelError(
      dir,
      `${rel} has inputs ${describeInputs(model)} but ${what} needs ${names.join(', ')} (missing: ${absent.join(', ')}). ` +
        'The file is probably not the export this folder is named for; use a diffusers/optimum ONNX export.',
    );
  }
  return found as TensorInfo[];
}

function outputNamed(model: OnnxModel, preferred: readonly string[]): string {
  for (const n of preferred) if (model.outputs.some((o) => o.name === n)) return n;
  return model.outputs[0]!.name;
}

function checkFloat(dir: string, rel: string, info: TensorInfo): void {
  if (!isFloatType(info.type)) {
    throw new ModelError(dir, `${rel} input ${info.name} is ${info.type}; expected float32 or float16.`);
  }
}

/**
 * Bytes of a model's weight files (every component's and their external weights): what its sessions will hold,
 * roughly. 0 for a folder that cannot be read (loading it then says what is wrong).
 */
export function modelBytes(dir: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) total += modelBytes(p);
    else if (entry.isFile() && /\.(onnx|onnx_data|pb|bin|data)$|^weights/.test(entry.name)) total += statSync(p).size;
  }
  return total;
}

/** Opens and checks every session. On any failure, the sessions already opened are released. */
export async function loadModel(dirIn: string, options: LoadOptions): Promise<LoadedModel> {
  const { dir, modelIndex, schedulerConfig } = checkModelFolder(dirIn, options.scheduler);
  const tokenizer = await loadTokenizer(dir);
  const threads = options.onnxruntimeThreads
    ? { intraOpThreads: 0, spinning: true, cores: availableParallelism(), reason: "onnxruntime's own default" }
    : chooseThreads(options.intraOpThreads, folderBytes(join(dir, 'unet')));
  if (options.executionProviders.includes('cpu')) {
    log.info('cpu threads', {
      dir,
      threads: threads.intraOpThreads,
      spinning: threads.spinning,
      cores: threads.cores,
      reason: threads.reason,
    });
  }
  const sessionOptions: LoadOptions = options.onnxruntimeThreads
    ? options
    : { ...options, intraOpThreads: threads.intraOpThreads, allowSpinning: options.allowSpinning ?? threads.spinning };
  const opened: { release(): Promise<void> }[] = [];
  const open = async (sub: string, bytes?: Uint8Array): Promise<OnnxModel> => {
    const m = await openSession(join(dir, sub, 'model.onnx'), sessionOptions, sub, bytes);
    opened.push(m);
    return m;
  };
  try {
    const textEncoder = await open('text_encoder');
    const [inputIds] = need(dir, textEncoder, 'text_encoder/model.onnx', 'a CLIP text encoder', ['input_ids']);
    if (inputIds!.type !== 'int32' && inputIds!.type !== 'int64') {
      throw new ModelError(
        dir,
        `text_encoder/model.onnx input input_ids is ${inputIds!.type}; expected int32 or int64 token ids.`,
      );
    }
    const textEncoderIo = { inputIds: inputIds!, output: outputNamed(textEncoder, ['last_hidden_state']) };

    const unet = await open('unet');
    const [sample, timestep, encoderHiddenStates] = need(dir, unet, 'unet/model.onnx', 'a UNet', [
      'sample',
      'timestep',
      'encoder_hidden_states',
    ]);
    checkFloat(dir, 'unet/model.onnx', sample!);
    checkFloat(dir, 'unet/model.onnx', encoderHiddenStates!);
    if (!['float32', 'float16', 'int64', 'int32'].includes(timestep!.type) || timestep!.shape.length > 1) {
      throw new ModelError(
        dir,
        `unet/model.onnx input timestep is ${timestep!.type} of rank ${timestep!.shape.length}; ` +
          'expected float32, float16, int64 or int32 as a scalar, [1] or [batch].',
      );
    }
    const timestepCond = unet.inputs.find((i) => i.name === 'timestep_cond');
    const unetConfig = readJson(dir, 'unet/config.json');
    const timeCondProjDim = timestepCond
      ? (dimOf(timestepCond, 1) ??
        (typeof unetConfig?.time_cond_proj_dim === 'number' ? unetConfig.time_cond_proj_dim : undefined))
      : undefined;
    if (timestepCond && !timeCondProjDim) {
      throw new ModelError(
        dir,
        'unet/model.onnx has a timestep_cond input of unknown size; expected a fixed [batch, N] shape or unet/config.json time_cond_proj_dim.',
      );
    }
    const unetIo: UnetIo = {
      sample: sample!,
      timestep: timestep!,
      encoderHiddenStates: encoderHiddenStates!,
      timestepCond,
      timeCondProjDim,
      output: outputNamed(unet, ['out_sample']),
    };

    const vaeDecoder = await open('vae_decoder');
    const [latentSample] = need(dir, vaeDecoder, 'vae_decoder/model.onnx', 'a VAE decoder', ['latent_sample']);
    checkFloat(dir, 'vae_decoder/model.onnx', latentSample!);
    // The latent channels are the VAE's; the UNet may read more (an inpainting UNet: 2 x latent + 1).
    const configNumber = (v: unknown) => (typeof v === 'number' ? v : undefined);
    const latentChannels = dimOf(latentSample, 1) ?? configNumber(unetConfig?.out_channels) ?? 4;
    const unetInChannels = dimOf(sample, 1) ?? configNumber(unetConfig?.in_channels) ?? latentChannels;
    if (unetInChannels !== latentChannels && unetInChannels !== 2 * latentChannels + 1) {
      throw new ModelError(
        dir,
        `unet/model.onnx reads ${unetInChannels} channels; expected ${latentChannels} (the VAE's latent channels) ` +
          `or ${2 * latentChannels + 1} (an inpainting UNet).`,
      );
    }
    const vaeDecoderIo = { latentSample: latentSample!, output: outputNamed(vaeDecoder, ['sample']) };

    let vaeEncoder: OnnxModel | undefined;
    let vaeEncoderIo: VaeEncoderIo | undefined;
    if (isFile(join(dir, 'vae_encoder/model.onnx'))) {
      const deterministic = deterministicEncoder(dir);
      vaeEncoder = await open('vae_encoder', deterministic?.bytes);
      const [encSample] = need(dir, vaeEncoder, 'vae_encoder/model.onnx', 'a VAE encoder', ['sample']);
      checkFloat(dir, 'vae_encoder/model.onnx', encSample!);
      const output = outputNamed(vaeEncoder, ['latent_sample', 'latent_parameters']);
      const channels = dimOf(
        vaeEncoder.outputs.find((o) => o.name === output),
        1,
      );
      const kind =
        output === 'latent_parameters' || channels === 2 * latentChannels ? 'latent_parameters' : 'latent_sample';
      vaeEncoderIo = { sample: encSample!, output, kind, std: deterministic?.stdOutput };
    }

    const taesd = await openTaesd(dir, sessionOptions, latentChannels);
    if (taesd) opened.push(taesd);

    // The text encoder's hidden size must be what the UNet cross-attends to.
    const hidden = dimOf(
      textEncoder.outputs.find((o) => o.name === textEncoderIo.output),
      2,
    );
    const unetHidden = dimOf(encoderHiddenStates, 2);
    if (hidden && unetHidden && hidden !== unetHidden) {
      throw new ModelError(
        dir,
        `text_encoder/model.onnx produces ${hidden}-wide embeddings but unet/model.onnx expects ${unetHidden}; the two do not belong together.`,
      );
    }

    const seqDim = encoderHiddenStates!.shape[1];
    const maxChunks = typeof seqDim === 'number' ? 1 : MAX_PROMPT_CHUNKS;
    const vaeConfig = readVaeConfig(dir);
    const vaeScalingFactor = vaeConfig.scalingFactor;
    const vaeScaleFactor =
      vaeConfig.downsamplingFactor ?? decoderDownsamplingFactor(vaeDecoder, latentSample!, vaeDecoderIo.output);
    const info = describeModel({
      vaeScaleFactor,
      dir,
      modelIndex,
      schedulerConfig,
      scheduler: options.scheduler,
      unetConfig,
      hiddenSize: hidden ?? unetHidden,
      hasTimestepCond: !!timestepCond,
      dtype: sample!.type as 'float32' | 'float16',
      executionProvider: unet.executionProvider,
      supportsImg2Img: !!vaeEncoder,
    });
    log.info('model loaded', {
      dir,
      family: info.family,
      dtype: info.dtype,
      provider: info.executionProvider,
      timestep: `${timestep!.type}[${timestep!.shape.join(',')}]`,
      maxChunks,
      img2img: info.supportsImg2Img,
      taesd: taesd ? taesd.file : 'none (previews use the linear approximation)',
    });
    return {
      dir,
      info,
      tokenizer,
      schedulerConfig,
      schedulerChoice: options.scheduler,
      threads,
      textEncoder,
      textEncoderIo,
      unet,
      unetIo,
      vaeDecoder,
      vaeDecoderIo,
      vaeEncoder,
      vaeEncoderIo,
      taesd,
      vaeScalingFactor,
      vaeScaleFactor,
      latentChannels,
      unetInChannels,
      maxChunks,
      async release() {
        await Promise.all(opened.map((m) => m.release()));
      },
    };
  } catch (err) {
    await Promise.all(opened.map((m) => m.release().catch(() => undefined)));
    throw err;
  }
}

async function loadTokenizer(dir: string): Promise<ClipTokenizer> {
  try {
    return await ClipTokenizer.load(join(dir, 'tokenizer'));
  } catch (err) {
    if (err instanceof ModelError) throw err;
    throw new ModelError(
      dir,
      `tokenizer/ could not be read (${(err as Error).message}). Expected a CLIP tokenizer: vocab.json and merges.txt.`,
      { cause: err },
    );
  }
}

/**
 * The TAESD decoder installed for this model (taesd.ts findTaesd), or undefined. One that cannot be opened or reads
 * other latent channels (an SDXL or SD3 TAESD beside an SD 1.x model) is skipped with a warning: previews fall back
 * to the approximation rather than the model failing to load.
 */
async function openTaesd(
  dir: string,
  options: SessionOptions,
  latentChannels: number,
): Promise<TaesdDecoder | undefined> {
  const taesdDir = findTaesd(dir);
  if (!taesdDir) return undefined;
  let taesd: TaesdDecoder;
  try {
    taesd = await loadTaesd(taesdDir, options);
  } catch (err) {
    log.warn('taesd skipped', { dir: taesdDir, reason: (err as Error).message });
    return undefined;
  }
  if (taesd.latentChannels !== undefined && taesd.latentChannels !== latentChannels) {
    log.warn('taesd skipped', {
      dir: taesdDir,
      reason: `it reads ${taesd.latentChannels} latent channels, the model has ${latentChannels}`,
    });
    await taesd.release();
    return undefined;
  }
  return taesd;
}

/**
 * A VAE encoder that samples inside its graph, rewritten so that it returns the distribution's mean and standard
 * deviation (src/models/onnx/sampling.ts); undefined for one that does not (optimum's latent_parameters, or a mean).
 * A graph with external weight files or a random node of another form stays as it is, with a warning: its img2img
 * results then vary from run to run.
 */
/** Bytes of the files directly in a folder (a component's model.onnx and its external weights). */
function folderBytes(folder: string): number {
  let total = 0;
  for (const f of readdirSync(folder)) {
    const st = statSync(join(folder, f));
    if (st.isFile()) total += st.size;
  }
  return total;
}

function deterministicEncoder(dir: string): EncoderRewrite | undefined {
  const folder = join(dir, 'vae_encoder');
  const path = join(folder, 'model.onnx');
  const external = readdirSync(folder).filter((f) => f !== 'model.onnx' && !f.endsWith('.json'));
  const bytes = readFileSync(path);
  if (!bytes.includes('RandomNormal')) return undefined;
  if (external.length > 0) {
    log.warn('vae encoder samples inside its graph', {
      dir,
      note: 'its weights are in separate files, so it is kept as it is: image-to-image results will vary between runs',
    });
    return undefined;
  }
  try {
    return exposeEncoderDistribution(bytes);
  } catch (err) {
    log.warn('vae encoder samples inside its graph', {
      dir,
      note: `${(err as Error).message}; kept as it is: image-to-image results will vary between runs`,
    });
    return undefined;
  }
}

/**
 * The VAE's downsampling factor when no config gives block_out_channels (readVaeConfig): from the decoder's fixed
 * input and output sizes when the export has them; else 8 (every SD 1.x/2.x/XL VAE). The decoder's output is checked
 * against it at every decode.
 */
function decoderDownsamplingFactor(decoder: OnnxModel, latentSample: TensorInfo, output: string): number {
  const latentH = dimOf(latentSample, 2);
  const imageH = dimOf(
    decoder.outputs.find((o) => o.name === output),
    2,
  );
  if (latentH && imageH && imageH % latentH === 0) return imageH / latentH;
  return 8;
}
