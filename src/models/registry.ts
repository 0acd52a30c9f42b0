/**
 * Known models that `npm run models -- pull <name>` can download from the Hugging Face hub.
 *
 * What was checked, and how: nothing can be downloaded on the machines this was written on, so every fact below comes
 * from the hub's own web pages (tree, commit and blob pages as archived by a search index), read when this file was
 * written. Facts marked "verified" were read there; facts marked "assumed" were not and may be wrong. Exact byte
 * sizes and sha256 digests are NOT pinned here for any weight file: the hub's API gives them at download time (from
 * the Git LFS pointers), and the downloader checks every byte against them. `approxBytes` are the rounded sizes the
 * hub's web pages show, used only for `list` and for a disk-space hint.
 *
 * Pinning: `revision` is a full commit sha where one could be found, so a pull always fetches the same bytes; where
 * only a branch name was found it is `main`, and the downloader records the commit it actually resolved in the
 * download manifest.
 */
import type { SchedulerName } from '../diffusion/types.ts';
import { UserError } from '../errors.ts';

/**
 * 'taesd': not a pipeline but TAESD's decoder, pulled into models/taesd/ and used beside the SD 1.x/2.x models.
 * 'upscaler': the ESRGAN-family image upscaler that Upscale (Subtle) runs, pulled into models/upscaler/.
 */
export type ModelFamily = 'sd15' | 'sd21' | 'sd-turbo' | 'sdxl' | 'sdxl-turbo' | 'tiny' | 'taesd' | 'upscaler';
export type ProviderSupport = 'works' | 'expected' | 'unverified' | 'no';

export interface RegistryFile {
  /** Path inside the repo (and inside models/<name>/), with forward slashes. */
  path: string;
  /** Exact size in bytes, when known ahead of the hub (checked against the hub's answer). */
  size?: number;
  /** Content sha256, when known ahead of the hub (checked against the hub's answer and the downloaded bytes). */
  sha256?: string;
  /** Downloaded when the revision has it; its absence is not an error (config files not every export ships). */
  optional?: boolean;
  /** Where it goes inside models/<name>/ when not at `path` (the upscaler's export becomes model.onnx). */
  saveAs?: string;
}

export interface RegistryEntry {
  /** The name users type: lower-case letters, digits, dots and dashes. */
  name: string;
  description: string;
  family: ModelFamily;
  /** Hugging Face repo id, `owner/name`. */
  repo: string;
  /** A full commit sha (pinned) or a branch name. */
  revision: string;
  /** Weight precision of the export (float16 exports take and return float16 tensors). */
  dtype: 'float32' | 'float16';
  files: readonly RegistryFile[];
  licence: { name: string; url: string; note?: string };
  /** Rounded total download size in bytes, for display. */
  approxBytes: number;
  /** Which onnxruntime execution providers this export runs on, and how sure we are. */
  providers: Partial<Record<'cpu' | 'cuda' | 'webgpu', ProviderSupport>>;
  /** Recommended generation defaults (the bot's own config can override them); absent for the upscaler. */
  defaults?: {
    steps: number;
    guidanceScale: number;
    width: number;
    height: number;
    /** Absent: the model's own scheduler_config.json. */
    scheduler?: SchedulerName;
  };
  /** What was verified and what was assumed, in words. */
  provenance: string;
}

/** The standard diffusers ONNX layout (as `convert_stable_diffusion_checkpoint_to_onnx.py` and optimum write it). */
function diffusersOnnxFiles(opts: {
  unetWeights?: 'weights.pb' | 'model.onnx_data';
  componentConfigs?: boolean;
}): RegistryFile[] {
  const files: RegistryFile[] = [
    { path: 'model_index.json' },
    { path: 'scheduler/scheduler_config.json' },
    { path: 'text_encoder/model.onnx' },
    { path: 'tokenizer/merges.txt' },
    { path: 'tokenizer/special_tokens_map.json' },
    { path: 'tokenizer/tokenizer_config.json' },
    { path: 'tokenizer/vocab.json' },
    { path: 'unet/model.onnx' },
    { path: 'vae_decoder/model.onnx' },
    { path: 'vae_encoder/model.onnx' },
  ];
  if (opts.unetWeights) files.push({ path: `unet/${opts.unetWeights}` });
  // Component configs (VAE scaling factor, UNet sample size). Optional: the older diffusers exporter omits them and
  // the pipeline falls back to defaults (scaling factor 0.18215).
  const configs = [
    'text_encoder/config.json',
    'unet/config.json',
    'vae_decoder/config.json',
    'vae_encoder/config.json',
  ];
  for (const path of configs) files.push({ path, optional: !opts.componentConfigs });
  return files;
}

const GB = 1e9;
const MB = 1e6;

/** The registry name of the upscaler: it installs into models/upscaler/, where src/upscale/ looks for model.onnx. */
export const UPSCALER_NAME = 'upscaler';

export const knownModels: readonly RegistryEntry[] = [
  {
    name: 'sd-turbo',
    description: 'SD-Turbo (distilled SD 2.1, 512x512, 1-4 steps, no guidance), float32 ONNX; runs on the CPU provider',
    family: 'sd-turbo',
    repo: 'julienkay/sd-turbo',
    revision: '3c071e3da77c6e88ec2f174a185ce76ddd801c2a',
    dtype: 'float32',
    files: diffusersOnnxFiles({ unetWeights: 'weights.pb' }),
    licence: {
      name: 'Stability AI Non-Commercial Research Community License (sai-nc-community)',
      url: 'https://huggingface.co/stabilityai/sd-turbo/blob/main/LICENSE.md',
      note: 'Non-commercial use only; commercial use needs a Stability AI membership.',
    },
    // 1.36 GB text encoder + 3.46 GB UNet weights + 198 MB VAE decoder + ~137 MB VAE encoder + small files.
    approxBytes: 5.16 * GB,
    providers: { cpu: 'expected', cuda: 'expected', webgpu: 'unverified' },
    defaults: { steps: 1, guidanceScale: 0, width: 512, height: 512 },
    provenance:
      'Verified on the hub web pages: commit 3c071e3 is main ("Update README.md"); folders scheduler, text_encoder, ' +
      'tokenizer, unet, vae_decoder, vae_encoder and model_index.json (601 B); unet/model.onnx (1.2 MB) + ' +
      'unet/weights.pb (3.46 GB, i.e. float32); text_encoder/model.onnx 1.36 GB; vae_decoder/model.onnx 198 MB; ' +
      'scheduler/scheduler_config.json 588 B. Assumed: the tokenizer folder holds the four usual CLIP files and ' +
      'vae_encoder/model.onnx exists (~137 MB); the export uses only standard ONNX ops (the diffusers exporter does, ' +
      'unlike the Olive/CUDA exports such as onnxruntime/sd-turbo, whose com.microsoft.NhwcConv has no CPU kernel). ' +
      'Not run here: no weights can be downloaded on the build machines.',
  },
  {
    name: 'sd-turbo-fp16',
    description: 'SD-Turbo, float16 ONNX made for onnxruntime-web/WebGPU (half the download; GPU providers)',
    family: 'sd-turbo',
    repo: 'schmuell/sd-turbo-ort-web',
    revision: '5eddd2140ba17d2c94b30bedcb3ee2139d03409e',
    dtype: 'float16',
    files: diffusersOnnxFiles({ componentConfigs: true }),
    licence: {
      name: 'Stability AI Non-Commercial Research Community License',
      url: 'https://huggingface.co/schmuell/sd-turbo-ort-web/blob/main/LICENSE',
      note: 'Non-commercial use only.',
    },
    // 681 MB text encoder + 1.73 GB UNet + 99 MB VAE decoder + 68 MB VAE encoder.
    approxBytes: 2.58 * GB,
    providers: { webgpu: 'expected', cuda: 'expected', cpu: 'unverified' },
    defaults: { steps: 1, guidanceScale: 0, width: 512, height: 512 },
    provenance:
      'Verified on the hub web pages: commit 7b51591 ("Upload 14 files") added exactly model_index.json, ' +
      'scheduler/scheduler_config.json, {text_encoder,unet,vae_decoder,vae_encoder}/{config.json,model.onnx} and the ' +
      'four tokenizer files; 5eddd21 (pinned here) only updated LICENSE; unet/model.onnx is one 1.73 GB file ' +
      '(float16, no external weights); vae_encoder/model.onnx 68.4 MB. The README says "fp16 with some ort-web ' +
      'friendly changes". Unverified: whether every float16 node has a CPU kernel in onnxruntime-node; prefer ' +
      '`sd-turbo` on CPU-only hosts.',
  },
  {
    name: 'sd15',
    description: 'Stable Diffusion 1.5, float32 ONNX (onnx-community); runs on the CPU provider',
    family: 'sd15',
    repo: 'onnx-community/stable-diffusion-v1-5-ONNX',
    revision: 'main',
    dtype: 'float32',
    files: [
      ...diffusersOnnxFiles({ unetWeights: 'weights.pb' }),
      { path: 'feature_extractor/preprocessor_config.json', optional: true },
    ],
    licence: {
      name: 'CreativeML OpenRAIL-M',
      url: 'https://huggingface.co/spaces/CompVis/stable-diffusion-license',
      note: 'Open licence with use restrictions (attachment A); the safety checker is not downloaded.',
    },
    // 493 MB text encoder + 3.44 GB UNet weights + ~198 MB VAE decoder + 137 MB VAE encoder + 1.7 MB tokenizer.
    approxBytes: 4.27 * GB,
    providers: { cpu: 'expected', cuda: 'expected', webgpu: 'unverified' },
    defaults: { steps: 25, guidanceScale: 7.5, width: 512, height: 512 },
    provenance:
      'Verified on the hub web pages: main was commit 90ff1f1 ("Upload 13 files"; the full sha was not shown, so ' +
      'this entry follows main); folders feature_extractor, safety_checker, scheduler, text_encoder, tokenizer, unet, ' +
      'vae_decoder, vae_encoder and model_index.json (670 B); unet/model.onnx 1.09 MB + unet/weights.pb 3.44 GB ' +
      '(float32); text_encoder/model.onnx 493 MB; vae_encoder/model.onnx 137 MB; tokenizer/{merges.txt 574 kB, ' +
      'special_tokens_map.json 496 B, tokenizer_config.json 734 B, vocab.json 1.11 MB}. Assumed: ' +
      'vae_decoder/model.onnx (~198 MB) and scheduler/scheduler_config.json exist; standard ONNX ops only.',
  },
  {
    name: 'sd15-fp16',
    description: 'Stable Diffusion 1.5, float16 ONNX (nmkd); smaller download, for GPU providers',
    family: 'sd15',
    repo: 'nmkd/stable-diffusion-1.5-onnx-fp16',
    revision: '38dacf2c14c89e3538b5e32da888eb9c46e0e1bf',
    dtype: 'float16',
    files: diffusersOnnxFiles({ unetWeights: 'weights.pb' }),
    licence: { name: 'CreativeML OpenRAIL-M', url: 'https://huggingface.co/spaces/CompVis/stable-diffusion-license' },
    // 246 MB text encoder + 1.72 GB UNet weights + 99 MB VAE decoder + 68 MB VAE encoder.
    approxBytes: 2.14 * GB,
    providers: { cuda: 'expected', webgpu: 'unverified', cpu: 'unverified' },
    defaults: { steps: 25, guidanceScale: 7.5, width: 512, height: 512 },
    provenance:
      'Verified on the hub web pages: commit 38dacf2 ("Upload correct fp16 weights") is main; folders scheduler, ' +
      'text_encoder, tokenizer, unet, vae_decoder, vae_encoder and model_index.json (592 B); unet/model.onnx 1.22 MB ' +
      '+ unet/weights.pb 1.72 GB; text_encoder/model.onnx 246 MB; vae_decoder/model.onnx 99.1 MB; ' +
      'vae_encoder/model.onnx 68.4 MB; scheduler/scheduler_config.json 498 B; repo total 2.14 GB. Assumed: the four ' +
      'usual tokenizer files. Unverified: float16 kernels on the CPU provider.',
  },
  {
    name: 'taesd',
    description: 'TAESD decoder (tiny distilled VAE for SD 1.x/2.x): live previews every step, and --decoder taesd',
    family: 'taesd',
    repo: 'deinferno/taesd-onnx',
    revision: 'main',
    dtype: 'float32',
    files: [
      { path: 'vae_decoder/model.onnx' },
      // It says the export is diffusers' AutoencoderTiny (image in [-1, 1], scaling_factor 1.0): src/diffusion/taesd.ts.
      { path: 'vae_decoder/config.json', optional: true },
      { path: 'vae_encoder/model.onnx', optional: true },
      { path: 'vae_encoder/config.json', optional: true },
    ],
    licence: { name: 'MIT', url: 'https://github.com/madebyollin/taesd/blob/main/LICENSE' },
    approxBytes: 10e6,
    providers: { cpu: 'expected', cuda: 'expected', webgpu: 'unverified' },
    defaults: { steps: 25, guidanceScale: 7.5, width: 512, height: 512 },
    provenance:
      'Verified on the hub web pages: deinferno/taesd-onnx (MIT) main is commit ca671f8 ("Fix example"; the full sha was ' +
      'not shown, so this entry follows main) with folders vae_decoder and vae_encoder, README.md and convert_to_onnx.py; ' +
      "its example loads them as optimum's vae_decoder/vae_encoder sessions of an ORTStableDiffusionPipeline, and the " +
      "same author's OpenVINO conversion exports diffusers' AutoencoderTiny (madebyollin/taesd) with optimum's " +
      'VaeDecoderOnnxConfig (latent_sample -> sample) and saves its config.json beside. Assumed: vae_decoder/model.onnx ' +
      'and config.json are the file names (about 5 MB each half). Not run here: no weights can be downloaded.',
  },
  {
    name: UPSCALER_NAME,
    description:
      'Upscaler for Upscale (Subtle): Real-ESRGAN realesr-general-x4v3 (SRVGGNet, 4x, shown at 2x), float32 ONNX',
    family: 'upscaler',
    repo: 'microsoft/dml-ai-hub-models',
    revision: 'b657887b89fb809d55d1504acf15c490b057c9f7',
    dtype: 'float32',
    files: [{ path: 'real_esrgan_general_x4v3/real_esrgan_general_x4v3.onnx', saveAs: 'model.onnx' }],
    licence: {
      name: 'BSD-3-Clause (Real-ESRGAN)',
      url: 'https://github.com/xinntao/Real-ESRGAN/blob/master/LICENSE',
      note: "The weights are Real-ESRGAN's realesr-general-x4v3; the ONNX export is from Qualcomm AI Hub via Microsoft.",
    },
    approxBytes: 4.87 * MB,
    providers: { cpu: 'expected', cuda: 'expected', webgpu: 'unverified' },
    provenance:
      'Verified on the hub web pages: commit b657887 ("Initial DML AI Hub Models") of microsoft/dml-ai-hub-models has ' +
      'real_esrgan_general_x4v3/real_esrgan_general_x4v3.onnx (4.87 MB, LFS). Assumed: one float32 RGB input ' +
      '[1, 3, h, w] in [0, 1] and one output [1, 3, 4h, 4w] (the Real-ESRGAN signature src/upscale/ reads from the ' +
      "session); AI Hub exports are often fixed at 128x128, which the upscaler's 128-px tiles match for images of " +
      'at least 128 px a side. Not run here: no weights can be downloaded on the build machines.',
  },
];

export interface Registry {
  list(): readonly RegistryEntry[];
  /** The entry, or a UserError that lists the known names. */
  get(name: string): RegistryEntry;
  find(name: string): RegistryEntry | undefined;
}

const namePattern = /^[a-z0-9][a-z0-9.-]*$/;

/** A registry over the given entries; tests inject tiny entries pointing at a local hub. */
export function createRegistry(entries: readonly RegistryEntry[] = knownModels): Registry {
  const byName = new Map<string, RegistryEntry>();
  for (const entry of entries) {
    if (!namePattern.test(entry.name)) throw new Error(`registry: bad model name ${JSON.stringify(entry.name)}`);
    if (byName.has(entry.name)) throw new Error(`registry: duplicate model name ${entry.name}`);
    if (!/^[\w.-]+\/[\w.-]+$/.test(entry.repo)) throw new Error(`registry: bad repo id ${entry.repo}`);
    const paths = new Set<string>();
    for (const f of entry.files) {
      if (f.path.startsWith('/') || f.path.split('/').some((s) => s === '..' || s === '' || s === '.')) {
        throw new Error(`registry: ${entry.name}: unsafe file path ${f.path}`);
      }
      if (paths.has(f.path)) throw new Error(`registry: ${entry.name}: duplicate file ${f.path}`);
      paths.add(f.path);
    }
    byName.set(entry.name, entry);
  }
  return {
    list: () => [...byName.values()],
    find: (name) => byName.get(name.trim().toLowerCase()),
    get(name) {
      const entry = byName.get(name.trim().toLowerCase());
      if (entry) return entry;
      const known = [...byName.keys()].join(', ');
      throw new UserError(
        `There is no known model called "${name}". Known models: ${known}. ` +
          'Run `npm run models -- list` to see them with their sizes.',
        'unknown-model',
      );
    },
  };
}

/** True when the revision is a full commit sha, so a pull always fetches the same bytes. */
export function isPinnedRevision(revision: string): boolean {
  return /^[0-9a-f]{40}$/.test(revision);
}

export const defaultRegistry: Registry = createRegistry();
