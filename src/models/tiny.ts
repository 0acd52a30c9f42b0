/**
 * The tiny-model generator: writes a complete Stable-Diffusion model folder in the diffusers/optimum ONNX layout,
 * with the real input/output names, dtypes and symbolic shapes and the real kinds of layers, but small random
 * weights. Tests and benchmarks run on these, on any machine, with no Python and no download.
 *
 *   model_index.json                 OnnxStableDiffusionPipeline + an `atelier` block { family, sampleSize, ... }
 *   text_encoder/model.onnx          input_ids [batch, sequence] -> last_hidden_state, pooler_output (CLIP)
 *   unet/model.onnx (+ weights.pb)   sample, timestep, encoder_hidden_states [, timestep_cond] -> out_sample
 *                                    (sample has 9 channels with `inpainting`: latents, mask, masked-image latents)
 *   vae_decoder/model.onnx           latent_sample [batch, 4, h, w] -> sample [batch, 3, fh, fw] (f = vaeScaleFactor, 8)
 *   vae_encoder/model.onnx           sample -> latent_sample (4 channels) | latent_parameters (8: mean, logvar)
 *   tokenizer/                       vocab.json, merges.txt, special_tokens_map.json, tokenizer_config.json
 *   scheduler/scheduler_config.json  the family's scheduler config (SD 1.5 PNDM, SD-Turbo Euler, LCM)
 *   <component>/config.json          diffusers/transformers component configs (VAE scaling_factor 0.18215)
 *
 * Two export conventions are mimicked and chosen with `vaeEncoderOutput`:
 *   'latent_sample'     diffusers' legacy convert_stable_diffusion_checkpoint_to_onnx.py: dims named batch,
 *                       channels, height, width, sequence; the VAE encoder returns a 4-channel latent.
 *   'latent_parameters' optimum's exporters: dims named batch_size, sequence_length, height, width,
 *                       height_latent, width_latent; the VAE encoder returns mean and log-variance (8 channels).
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.ts';
import { log } from '../log.ts';
import { repoRoot } from '../paths.ts';
import { type FloatType, GraphBuilder } from './onnx/builder.ts';
import {
  attention,
  conv2d,
  gelu,
  groupNorm,
  layerNorm,
  linear,
  quickGelu,
  resizeNearest,
  timesTwo,
} from './onnx/layers.ts';
import { type Dim, type ElemType, serializeModel } from './onnx/model.ts';

export interface TinyModelOptions {
  /** float16: weights and the float graph inputs/outputs are float16 (raw bits in a Uint16Array), as fp16 exports. */
  dtype: 'float32' | 'float16';
  /**
   * The UNet `timestep` input: a float [batch], int64 [batch], a float scalar [] or int64 [1]. "float32" means the
   * model's float type: fp16 models take a float16 timestep, as diffusers' legacy `--fp16` export does.
   */
  timestep: 'float32-batch' | 'int64-batch' | 'float32-scalar' | 'int64-one';
  /** Text encoder input_ids dtype (diffusers' legacy export: int32; optimum: int64). */
  inputIds: 'int32' | 'int64';
  /** 'clip': the real CLIP vocabulary from assets/clip-tokenizer (falls back to 'small'); 'small': our own. */
  tokenizer: 'clip' | 'small';
  /** tiny: a few hundred thousand UNet parameters; mid: ~30 M, so a UNet step takes noticeable CPU time. */
  size: 'tiny' | 'mid';
  /** Scheduler config, tokenizer pad token and (lcm) the UNet's timestep_cond input. */
  family: 'sd15' | 'sd-turbo' | 'lcm';
  /** Write vae_encoder/ (needed for image-to-image). */
  vaeEncoder: boolean;
  /** The VAE encoder's output and, with it, the export convention (see the file comment). */
  vaeEncoderOutput: 'latent_sample' | 'latent_parameters';
  /**
   * With 'latent_sample': draw mean + std * RandomNormalLike(mean) inside the graph, as diffusers' legacy export
   * does (`vae.encode(sample)[0].sample()` with torch's unseeded randn), instead of returning the mean.
   */
  vaeEncoderSampling: boolean;
  /**
   * The VAE's downsampling factor, 2^(len(block_out_channels) - 1): 8 for every SD checkpoint; 2 or 4 give a VAE
   * with fewer blocks (the config's block_out_channels shrinks with it, as diffusers' AutoencoderKL would have).
   */
  vaeScaleFactor: 2 | 4 | 8;
  /** Seed of the random weights. */
  seed: number;
  /** Put the UNet's weights in unet/weights.pb, as diffusers' legacy export does. */
  externalData: boolean;
  /**
   * An inpainting UNet (SD 1.5 inpainting's layout): `sample` has 9 channels (4 latent, 1 mask, 4 masked-image
   * latents), out_sample 4; unet/config.json in_channels 9; model_index.json names OnnxStableDiffusionInpaintPipeline.
   */
  inpainting: boolean;
}

export const defaultTinyModelOptions: Readonly<TinyModelOptions> = Object.freeze({
  dtype: 'float32',
  timestep: 'float32-batch',
  inputIds: 'int32',
  tokenizer: 'clip',
  size: 'tiny',
  family: 'sd15',
  vaeEncoder: true,
  vaeEncoderOutput: 'latent_sample',
  vaeEncoderSampling: false,
  vaeScaleFactor: 8,
  seed: 1,
  externalData: true,
  inpainting: false,
});

/** What makeTinyModel wrote: files with their sizes, and the architecture's parameter counts. */
export interface TinyModelReport {
  dir: string;
  options: TinyModelOptions;
  /** Whether the CLIP vocabulary was used (false when 'clip' fell back to 'small'). */
  clipTokenizer: boolean;
  files: { path: string; bytes: number }[];
  parameters: { textEncoder: number; unet: number; vaeDecoder: number; vaeEncoder: number };
}

/** Where the real CLIP vocabulary lives: assets/clip-tokenizer relative to the repository root. */
export const CLIP_TOKENIZER_DIR = join(repoRoot, 'assets/clip-tokenizer');

// ---- architecture ------------------------------------------------------------------------------------------------

interface Architecture {
  text: { hidden: number; layers: number; heads: number; intermediate: number; maxPositions: number };
  unet: {
    channels: number[];
    attention: boolean[];
    layersPerBlock: number;
    groups: number;
    headDim: number;
    tembDim: number;
    midBlock: boolean;
  };
  /** VAE decoder channels from the latent side (4 resolutions); the encoder mirrors them. */
  vae: { channels: [number, number, number, number]; groups: number };
  /** Pixel size the model is "trained" at. */
  sampleSize: number;
}

const architectures: Record<TinyModelOptions['size'], Architecture> = {
  // Small enough for a UNet step in a few ms at 64x64 and files of a few MB with the CLIP vocabulary.
  tiny: {
    text: { hidden: 32, layers: 2, heads: 2, intermediate: 64, maxPositions: 77 },
    unet: {
      channels: [32, 64],
      attention: [true, true],
      layersPerBlock: 1,
      groups: 8,
      headDim: 16,
      tembDim: 128,
      midBlock: false,
    },
    vae: { channels: [32, 32, 16, 16], groups: 8 },
    sampleSize: 64,
  },
  // SD-like proportions at a fraction of the width: about 30 M UNet parameters.
  mid: {
    text: { hidden: 256, layers: 2, heads: 4, intermediate: 1024, maxPositions: 77 },
    unet: {
      channels: [128, 256, 512],
      attention: [true, true, true],
      layersPerBlock: 1,
      groups: 32,
      headDim: 64,
      tembDim: 512,
      midBlock: true,
    },
    vae: { channels: [128, 128, 64, 32], groups: 32 },
    sampleSize: 512,
  },
};

/** LCM-Dreamshaper's time_cond_proj_dim. */
const TIME_COND_DIM = 256;

interface DimNames {
  batch: string;
  sequence: string;
  /** The latent channel axis: symbolic in the legacy export, fixed in optimum's. */
  channels: Dim;
  height: string;
  width: string;
  latentHeight: string;
  latentWidth: string;
  imageHeight: string;
  imageWidth: string;
}

function dimNames(o: TinyModelOptions): DimNames {
  return o.vaeEncoderOutput === 'latent_parameters'
    ? {
        batch: 'batch_size',
        sequence: 'sequence_length',
        channels: 4,
        height: 'height',
        width: 'width',
        latentHeight: 'height_latent',
        latentWidth: 'width_latent',
        imageHeight: 'height',
        imageWidth: 'width',
      }
    : {
        batch: 'batch',
        sequence: 'sequence',
        channels: 'channels',
        height: 'height',
        width: 'width',
        latentHeight: 'height',
        latentWidth: 'width',
        imageHeight: 'image_height',
        imageWidth: 'image_width',
      };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

// ---- text encoder (CLIPTextModel) --------------------------------------------------------------------------------

/**
 * CLIP's text transformer: token + position embeddings, pre-LayerNorm layers of causal self-attention and a
 * quick_gelu MLP, a final LayerNorm; the pooled output is the hidden state at the EOS token, which CLIP finds
 * as argmax(input_ids) because EOS has the highest id.
 */
function buildTextEncoder(o: TinyModelOptions, arch: Architecture, vocabSize: number): GraphBuilder {
  const { hidden: H, layers, heads, intermediate, maxPositions } = arch.text;
  const n = dimNames(o);
  const g = new GraphBuilder('text_encoder', { floatType: o.dtype, seed: o.seed });
  const ids = g.input('input_ids', o.inputIds, [n.batch, n.sequence]);
  const seq = g.shape(ids, 1, 2);

  const embedded = g.scope('embeddings', () => {
    const tokens = g.gather(g.weight('token_embedding.weight', [vocabSize, H], 0.5), ids);
    // position_ids[:, :sequence], as CLIP slices its registered position_ids buffer.
    const positionIds = g.ints(range(maxPositions), [1, maxPositions]);
    const positions = g.gather(
      g.weight('position_embedding.weight', [maxPositions, H], 0.2),
      g.slice(positionIds, [0], seq, [1]),
    );
    return g.add(tokens, positions);
  });

  // Causal mask: a large negative number above the diagonal, sliced to [sequence, sequence].
  const maskValues = new Float32Array(maxPositions * maxPositions);
  for (let i = 0; i < maxPositions; i++)
    for (let j = i + 1; j < maxPositions; j++) maskValues[i * maxPositions + j] = -1e4;
  const fullMask = g.floatConst('causal_mask', [maxPositions, maxPositions], maskValues);
  const mask = g.slice(fullMask, [0, 0], g.concat([seq, seq], 0), [0, 1]);

  let h = embedded;
  for (let i = 0; i < layers; i++) {
    h = g.scope(`encoder.layers.${i}`, () => {
      const x1 = layerNorm(g, h, H, 'layer_norm1');
      const r1 = g.add(h, attention(g, x1, x1, 'self_attn', { dim: H, contextDim: H, heads, qkvBias: true, mask }));
      const x2 = layerNorm(g, r1, H, 'layer_norm2');
      return g.add(r1, linear(g, quickGelu(g, linear(g, x2, H, intermediate, 'mlp.fc1')), intermediate, H, 'mlp.fc2'));
    });
  }
  const last = layerNorm(g, h, H, 'final_layer_norm');

  const pooled = g.scope('pooler', () => {
    const eos = g.op('ArgMax', [g.cast(ids, 'int32')], { axis: -1, keepdims: 0 }); // [batch]
    const index = g.op('Expand', [g.reshape(eos, [-1, 1, 1]), g.ints([1, 1, H])]); // [batch, 1, H]
    return g.reshape(g.op('GatherElements', [last, index], { axis: 1 }), [-1, H]);
  });

  g.output(last, 'last_hidden_state', [n.batch, n.sequence, H]);
  g.output(pooled, 'pooler_output', [n.batch, H]);
  return g;
}

// ---- UNet (UNet2DConditionModel) ---------------------------------------------------------------------------------

/**
 * A UNet2DConditionModel in miniature: sinusoidal timestep embedding computed in the graph, ResNet blocks with
 * the time embedding added, transformer blocks (self-attention, cross-attention over encoder_hidden_states,
 * GELU feed-forward), strided-conv downsampling and nearest-neighbour upsampling with skip concatenation.
 * Upsampling resizes to the skip's size (as diffusers' forward_upsample_size does), so any latent size works.
 */
function buildUnet(o: TinyModelOptions, arch: Architecture): GraphBuilder {
  const u = arch.unet;
  const n = dimNames(o);
  const hidden = arch.text.hidden;
  const ft: FloatType = o.dtype;
  const g = new GraphBuilder('unet', { floatType: ft, seed: o.seed });

  const inChannels = o.inpainting ? 9 : 4;
  const sample = g.input('sample', ft, [
    n.batch,
    o.inpainting && typeof n.channels === 'number' ? inChannels : n.channels,
    n.height,
    n.width,
  ]);
  const timestepType: ElemType = o.timestep.startsWith('int64') ? 'int64' : ft;
  const timestepShape: Dim[] = o.timestep.endsWith('batch') ? [n.batch] : o.timestep === 'int64-one' ? [1] : [];
  const timestep = g.input('timestep', timestepType, timestepShape);
  const context = g.input('encoder_hidden_states', ft, [n.batch, n.sequence, hidden]);
  const timestepCond = o.family === 'lcm' ? g.input('timestep_cond', ft, [n.batch, TIME_COND_DIM]) : undefined;

  const c0 = u.channels[0] ?? 32;
  // get_timestep_embedding(flip_sin_to_cos=True, downscale_freq_shift=0) in float32, broadcast to the batch.
  const temb = g.scope('time_embedding', () => {
    const half = c0 / 2;
    const t = g.op('Expand', [g.reshape(g.cast(timestep, 'float32'), [-1]), g.shape(sample, 0, 1)]);
    const freqs = Float32Array.from(range(half), (i) => Math.exp((-Math.log(10000) * i) / half));
    const args = g.mul(g.reshape(t, [-1, 1]), g.float32Const('freqs', [1, half], freqs));
    let emb = g.concat([g.op('Cos', [args]), g.op('Sin', [args])], 1);
    if (ft === 'float16') emb = g.cast(emb, 'float16');
    // LCM: the guidance embedding is projected and added before linear_1 (TimestepEmbedding.cond_proj).
    if (timestepCond) emb = g.add(emb, linear(g, timestepCond, TIME_COND_DIM, c0, 'cond_proj', { bias: false }));
    const h = linear(g, g.silu(linear(g, emb, c0, u.tembDim, 'linear_1')), u.tembDim, u.tembDim, 'linear_2');
    return g.silu(h); // every ResNet block applies the nonlinearity before its time_emb_proj
  });

  const resnet = (x: string, cin: number, cout: number, name: string): string =>
    g.scope(name, () => {
      let h = conv2d(g, g.silu(groupNorm(g, x, cin, u.groups, 'norm1')), cin, cout, 'conv1');
      h = g.add(h, g.reshape(linear(g, temb, u.tembDim, cout, 'time_emb_proj'), [0, 0, 1, 1]));
      h = conv2d(g, g.silu(groupNorm(g, h, cout, u.groups, 'norm2')), cout, cout, 'conv2');
      const skip = cin === cout ? x : conv2d(g, x, cin, cout, 'conv_shortcut', { kernel: 1 });
      return g.add(skip, h);
    });

  const transformer = (x: string, channels: number, name: string): string =>
    g.scope(name, () => {
      const heads = Math.max(1, channels / u.headDim);
      const normed = groupNorm(g, x, channels, u.groups, 'norm', 1e-6);
      const projected = conv2d(g, normed, channels, channels, 'proj_in', { kernel: 1 });
      let h = g.transpose(g.reshape(projected, [0, 0, -1]), [0, 2, 1]); // [B, H*W, C]
      h = g.scope('transformer_blocks.0', () => {
        const n1 = layerNorm(g, h, channels, 'norm1');
        const a1 = g.add(
          h,
          attention(g, n1, n1, 'attn1', { dim: channels, contextDim: channels, heads, qkvBias: false }),
        );
        const n2 = layerNorm(g, a1, channels, 'norm2');
        const a2 = g.add(
          a1,
          attention(g, n2, context, 'attn2', { dim: channels, contextDim: hidden, heads, qkvBias: false }),
        );
        const n3 = layerNorm(g, a2, channels, 'norm3');
        const ff = linear(
          g,
          gelu(g, linear(g, n3, channels, channels * 4, 'ff.proj_in')),
          channels * 4,
          channels,
          'ff.proj_out',
        );
        return g.add(a2, ff);
      });
      const back = g.reshape(g.transpose(h, [0, 2, 1]), g.shape(x));
      return g.add(conv2d(g, back, channels, channels, 'proj_out', { kernel: 1 }), x);
    });

  let h = conv2d(g, sample, inChannels, c0, 'conv_in');
  let cin = c0;
  const skips: { value: string; channels: number }[] = [];
  const levels = u.channels.length;
  u.channels.forEach((channels, i) => {
    g.scope(`down_blocks.${i}`, () => {
      for (let j = 0; j < u.layersPerBlock; j++) {
        h = resnet(h, cin, channels, `resnets.${j}`);
        cin = channels;
        if (u.attention[i]) h = transformer(h, channels, `attentions.${j}`);
      }
      if (i < levels - 1) {
        skips.push({ value: h, channels });
        h = conv2d(g, h, channels, channels, 'downsamplers.0.conv', { stride: 2 });
      }
    });
  });
  if (u.midBlock) {
    g.scope('mid_block', () => {
      h = resnet(h, cin, cin, 'resnets.0');
      h = transformer(h, cin, 'attentions.0');
      h = resnet(h, cin, cin, 'resnets.1');
    });
  }
  for (let i = levels - 2, up = 0; i >= 0; i--, up++) {
    const skip = skips[i];
    const channels = u.channels[i];
    if (!skip || channels === undefined) throw new Error('unet: inconsistent levels');
    g.scope(`up_blocks.${up}`, () => {
      const sizes = g.concat([g.shape(h, 0, 2), g.shape(skip.value, 2, 4)], 0);
      const upsampled = resizeNearest(g, h, { sizes });
      h = conv2d(g, upsampled, cin, cin, 'upsamplers.0.conv');
      h = g.concat([h, skip.value], 1);
      for (let j = 0; j < u.layersPerBlock; j++) {
        h = resnet(h, j === 0 ? cin + channels : channels, channels, `resnets.${j}`);
        if (u.attention[i]) h = transformer(h, channels, `attentions.${j}`);
      }
      cin = channels;
    });
  }
  const out = conv2d(g, g.silu(groupNorm(g, h, cin, u.groups, 'conv_norm_out')), cin, 4, 'conv_out');
  g.output(out, 'out_sample', [n.batch, 4, n.height, n.width]);
  return g;
}

// ---- VAE (AutoencoderKL) -----------------------------------------------------------------------------------------

function vaeResnet(g: GraphBuilder, x: string, cin: number, cout: number, groups: number, name: string): string {
  return g.scope(name, () => {
    let h = conv2d(g, g.silu(groupNorm(g, x, cin, groups, 'norm1', 1e-6)), cin, cout, 'conv1');
    h = conv2d(g, g.silu(groupNorm(g, h, cout, groups, 'norm2', 1e-6)), cout, cout, 'conv2');
    const skip = cin === cout ? x : conv2d(g, x, cin, cout, 'conv_shortcut', { kernel: 1 });
    return g.add(skip, h);
  });
}

/** The VAE mid-block's single-head self-attention over all latent positions. */
function vaeAttention(g: GraphBuilder, x: string, channels: number, groups: number, name: string): string {
  return g.scope(name, () => {
    const normed = groupNorm(g, x, channels, groups, 'group_norm', 1e-6);
    const seq = g.transpose(g.reshape(normed, [0, 0, -1]), [0, 2, 1]);
    const attended = attention(g, seq, seq, 'attn', { dim: channels, contextDim: channels, heads: 1, qkvBias: true });
    return g.add(g.reshape(g.transpose(attended, [0, 2, 1]), g.shape(x)), x);
  });
}

/** The VAE's channels from the latent side, one per resolution: log2(vaeScaleFactor) + 1 of them. */
function vaeChannels(o: TinyModelOptions, arch: Architecture): number[] {
  return arch.vae.channels.slice(0, Math.log2(o.vaeScaleFactor) + 1);
}

function buildVaeDecoder(o: TinyModelOptions, arch: Architecture): GraphBuilder {
  const c = vaeChannels(o, arch);
  const groups = arch.vae.groups;
  const n = dimNames(o);
  const g = new GraphBuilder('vae_decoder', { floatType: o.dtype, seed: o.seed });
  const z = g.input('latent_sample', o.dtype, [n.batch, n.channels, n.latentHeight, n.latentWidth]);
  let h = conv2d(g, z, 4, 4, 'post_quant_conv', { kernel: 1 });
  h = g.scope('decoder', () => {
    const c0 = c[0] as number;
    let x = conv2d(g, h, 4, c0, 'conv_in');
    x = vaeResnet(g, x, c0, c0, groups, 'mid_block.resnets.0');
    x = vaeAttention(g, x, c0, groups, 'mid_block.attentions.0');
    for (let i = 1; i < c.length; i++) {
      const cin = c[i - 1] as number;
      const cout = c[i] as number;
      x = g.scope(`up_blocks.${i - 1}`, () => {
        const up = resizeNearest(g, x, { scales: timesTwo(g) });
        return vaeResnet(g, conv2d(g, up, cin, cin, 'upsamplers.0.conv'), cin, cout, groups, 'resnets.0');
      });
    }
    const last = c[c.length - 1] as number;
    return conv2d(g, g.silu(groupNorm(g, x, last, groups, 'conv_norm_out', 1e-6)), last, 3, 'conv_out');
  });
  g.output(h, 'sample', [n.batch, 3, n.imageHeight, n.imageWidth]);
  return g;
}

function buildVaeEncoder(o: TinyModelOptions, arch: Architecture): GraphBuilder {
  const c = vaeChannels(o, arch).reverse(); // full resolution first
  const groups = arch.vae.groups;
  const n = dimNames(o);
  const g = new GraphBuilder('vae_encoder', { floatType: o.dtype, seed: o.seed + 7919 });
  const legacy = o.vaeEncoderOutput === 'latent_sample';
  const x = g.input('sample', o.dtype, [n.batch, legacy ? 'channels' : 3, 'height', 'width']);
  let h = g.scope('encoder', () => {
    let y = conv2d(g, x, 3, c[0] as number, 'conv_in');
    for (let i = 0; i < c.length - 1; i++) {
      const cin = c[i] as number;
      const cout = c[i + 1] as number;
      y = g.scope(`down_blocks.${i}`, () => {
        const r = vaeResnet(g, y, cin, cout, groups, 'resnets.0');
        // diffusers' Downsample2D pads (0, 1, 0, 1) then convolves with stride 2: exactly half the size.
        return conv2d(g, r, cout, cout, 'downsamplers.0.conv', { stride: 2, pads: [0, 0, 1, 1] });
      });
    }
    const top = c[c.length - 1] as number;
    y = vaeResnet(g, y, top, top, groups, 'mid_block.resnets.0');
    y = vaeAttention(g, y, top, groups, 'mid_block.attentions.0');
    return conv2d(g, g.silu(groupNorm(g, y, top, groups, 'conv_norm_out', 1e-6)), top, 8, 'conv_out');
  });
  h = conv2d(g, h, 8, 8, 'quant_conv', { kernel: 1 });
  if (legacy && o.vaeEncoderSampling) {
    // DiagonalGaussianDistribution.sample(): mean + exp(0.5 clamp(logvar, -30, 20)) * randn, the randn exported as an
    // unseeded RandomNormalLike node (the loader makes it deterministic).
    const mean = g.slice(h, [0], [4], [1]);
    const logvar = g.op('Clip', [g.slice(h, [4], [8], [1]), g.scalar(-30), g.scalar(20)]);
    const std = g.op('Exp', [g.mul(logvar, g.scalar(0.5))]);
    const eps = g.op('RandomNormalLike', [mean]);
    g.output(g.add(mean, g.mul(std, eps)), 'latent_sample', [n.batch, 4, 'latent_height', 'latent_width']);
  } else if (legacy) {
    // The legacy export draws mean + std·ε inside the graph; by default a generated model returns the mean so that
    // it stays deterministic (same shape and role: a 4-channel latent before scaling).
    g.output(g.slice(h, [0], [4], [1]), 'latent_sample', [n.batch, 4, 'latent_height', 'latent_width']);
  } else {
    g.output(h, 'latent_parameters', [n.batch, 8, n.latentHeight, n.latentWidth]);
  }
  return g;
}

// ---- tokenizer ---------------------------------------------------------------------------------------------------

/** GPT-2/CLIP's bytes_to_unicode: printable bytes stand for themselves, the others map to U+0100 upwards. */
function byteCharacters(): string[] {
  const bytes: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) bytes.push(b);
  for (let b = 0xa1; b <= 0xac; b++) bytes.push(b);
  for (let b = 0xae; b <= 0xff; b++) bytes.push(b);
  const chars = bytes.map((b) => String.fromCodePoint(b));
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    if (!bytes.includes(b)) {
      bytes.push(b);
      chars.push(String.fromCodePoint(256 + extra++));
    }
  }
  return chars; // in vocabulary order (CLIP's list(bytes_to_unicode().values()))
}

/** Words the small vocabulary learns merges for: common English and prompt words. */
const SMALL_VOCAB_WORDS = `a an the of and or in on at to with by for from into over under near from above
photo photograph picture image painting drawing sketch illustration portrait landscape render art artwork style
cat cats dog dogs bird birds horse fish lion tiger fox wolf bear rabbit owl dragon robot man woman girl boy person
people child face eyes hair hand smile king queen knight wizard astronaut city town street house castle tower
lighthouse bridge road car train ship boat sea ocean lake river beach island mountain mountains hill forest tree
trees flower flowers garden field sky cloud clouds sun moon star stars night day dusk dawn sunset sunrise morning
evening winter summer spring autumn rain snow storm fog light dark shadow fire water ice stone wood glass metal gold
silver red orange yellow green blue purple pink black white gray brown colorful bright soft warm cold old new big
small tiny large little beautiful detailed highly intricate sharp focus cinematic lighting dramatic epic fantasy
realistic photorealistic hyper digital oil watercolor canvas studio concept anime cartoon pixel vintage retro
futuristic ancient magic space planet galaxy forest village lantern window door room table chair book coffee cup
trending artstation masterpiece quality best high resolution wide angle lens view close up background foreground
standing sitting running walking flying sleeping looking wearing holding`;

/**
 * A small vocabulary in CLIP's format: the 256 byte characters, the same with `</w>`, merges learnt by byte-pair
 * encoding over SMALL_VOCAB_WORDS (most frequent pair first, ties broken alphabetically, until every word is one
 * token), then <|startoftext|> and <|endoftext|> as the last two ids.
 */
export function buildSmallVocabulary(): { vocab: Record<string, number>; merges: string[] } {
  const chars = byteCharacters();
  const words = [...new Set(SMALL_VOCAB_WORDS.split(/\s+/).filter(Boolean))].map((w) => {
    const symbols = [...w];
    symbols[symbols.length - 1] += '</w>';
    return symbols;
  });
  const merges: string[] = [];
  for (;;) {
    const counts = new Map<string, number>();
    for (const w of words)
      for (let i = 0; i + 1 < w.length; i++) {
        const pair = `${w[i]} ${w[i + 1]}`;
        counts.set(pair, (counts.get(pair) ?? 0) + 1);
      }
    if (counts.size === 0) break;
    let best = '';
    let bestCount = 0;
    for (const [pair, count] of counts) {
      if (count > bestCount || (count === bestCount && pair < best)) {
        best = pair;
        bestCount = count;
      }
    }
    merges.push(best);
    const [left, right] = best.split(' ') as [string, string];
    for (const w of words) {
      for (let i = 0; i + 1 < w.length; i++) {
        if (w[i] === left && w[i + 1] === right) w.splice(i, 2, left + right);
      }
    }
  }
  const tokens = [...chars, ...chars.map((c) => `${c}</w>`), ...merges.map((m) => m.replace(' ', ''))];
  tokens.push('<|startoftext|>', '<|endoftext|>');
  const vocab: Record<string, number> = {};
  tokens.forEach((t, i) => {
    if (t in vocab) throw new Error(`small vocabulary: duplicate token ${t}`);
    vocab[t] = i;
  });
  return { vocab, merges };
}

const specialToken = (content: string) => ({
  content,
  lstrip: false,
  normalized: true,
  rstrip: false,
  single_word: false,
});

/** Writes tokenizer/ and returns the vocabulary size. */
function writeTokenizer(dir: string, o: TinyModelOptions): { vocabSize: number; clip: boolean } {
  const out = join(dir, 'tokenizer');
  mkdirSync(out, { recursive: true });
  let clip = false;
  let vocabSize: number;
  let eosId: number;
  if (
    o.tokenizer === 'clip' &&
    existsSync(join(CLIP_TOKENIZER_DIR, 'vocab.json')) &&
    existsSync(join(CLIP_TOKENIZER_DIR, 'merges.txt'))
  ) {
    copyFileSync(join(CLIP_TOKENIZER_DIR, 'vocab.json'), join(out, 'vocab.json'));
    copyFileSync(join(CLIP_TOKENIZER_DIR, 'merges.txt'), join(out, 'merges.txt'));
    clip = true;
    vocabSize = 49408;
    eosId = 49407;
  } else {
    if (o.tokenizer === 'clip') {
      log.warn('the CLIP vocabulary is not available; writing the small generated vocabulary instead', {
        looked_in: CLIP_TOKENIZER_DIR,
      });
    }
    const { vocab, merges } = buildSmallVocabulary();
    writeFileSync(join(out, 'vocab.json'), JSON.stringify(vocab, null, 2) + '\n');
    writeFileSync(join(out, 'merges.txt'), ['#version: 0.2', ...merges].join('\n') + '\n');
    vocabSize = Object.keys(vocab).length;
    eosId = vocabSize - 1;
  }
  // SD 1.x (and LCM-Dreamshaper, an SD 1.5 fine-tune) pad with EOS; SD 2.x and SD-Turbo pad with "!" (id 0).
  const pad = o.family === 'sd-turbo' ? '!' : '<|endoftext|>';
  const specials = {
    bos_token: specialToken('<|startoftext|>'),
    eos_token: specialToken('<|endoftext|>'),
    pad_token: o.family === 'sd-turbo' ? specialToken('!') : '<|endoftext|>',
    unk_token: specialToken('<|endoftext|>'),
  };
  writeJson(join(out, 'special_tokens_map.json'), specials);
  const addedTokens: Record<string, unknown> = {
    [String(eosId - 1)]: { ...specialToken('<|startoftext|>'), special: true },
    [String(eosId)]: { ...specialToken('<|endoftext|>'), special: true },
  };
  if (pad === '!') addedTokens['0'] = { ...specialToken('!'), special: true };
  writeJson(join(out, 'tokenizer_config.json'), {
    add_prefix_space: false,
    added_tokens_decoder: addedTokens,
    bos_token: '<|startoftext|>',
    clean_up_tokenization_spaces: true,
    do_lower_case: true,
    eos_token: '<|endoftext|>',
    errors: 'replace',
    model_max_length: 77,
    pad_token: pad,
    tokenizer_class: 'CLIPTokenizer',
    unk_token: '<|endoftext|>',
  });
  return { vocabSize, clip };
}

// ---- configs -----------------------------------------------------------------------------------------------------

const noiseSchedule = {
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  num_train_timesteps: 1000,
  trained_betas: null,
};

/** The scheduler_config.json of each family's reference checkpoint. */
function schedulerConfig(family: TinyModelOptions['family']): Record<string, unknown> {
  switch (family) {
    case 'sd15': // runwayml/stable-diffusion-v1-5
      return {
        _class_name: 'PNDMScheduler',
        _diffusers_version: '0.6.0',
        ...noiseSchedule,
        clip_sample: false,
        prediction_type: 'epsilon',
        set_alpha_to_one: false,
        skip_prk_steps: true,
        steps_offset: 1,
        timestep_spacing: 'leading',
      };
    case 'sd-turbo': // stabilityai/sd-turbo
      return {
        _class_name: 'EulerDiscreteScheduler',
        _diffusers_version: '0.24.0.dev0',
        ...noiseSchedule,
        clip_sample: false,
        interpolation_type: 'linear',
        prediction_type: 'epsilon',
        sample_max_value: 1.0,
        set_alpha_to_one: false,
        skip_prk_steps: true,
        steps_offset: 1,
        timestep_spacing: 'trailing',
        use_karras_sigmas: false,
      };
    case 'lcm': // SimianLuo/LCM_Dreamshaper_v7
      return {
        _class_name: 'LCMScheduler',
        _diffusers_version: '0.22.0.dev0',
        ...noiseSchedule,
        clip_sample: false,
        clip_sample_range: 1.0,
        dynamic_thresholding_ratio: 0.995,
        original_inference_steps: 50,
        prediction_type: 'epsilon',
        rescale_betas_zero_snr: false,
        sample_max_value: 1.0,
        set_alpha_to_one: true,
        steps_offset: 1,
        thresholding: false,
        timestep_scaling: 10.0,
        timestep_spacing: 'leading',
      };
  }
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}

// ---- the folder --------------------------------------------------------------------------------------------------

function resolveOptions(options: Partial<TinyModelOptions> = {}): TinyModelOptions {
  const o: TinyModelOptions = { ...defaultTinyModelOptions };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff)
    throw new RangeError(`seed must be an integer in [0, 2^32): ${o.seed}`);
  return o;
}

/** Only an empty folder or an earlier generated model may be written over: never a downloaded model. */
function refuseToOverwrite(root: string): void {
  if (!existsSync(root)) return;
  if (!statSync(root).isDirectory())
    throw new UserError(`${root} is a file; give a folder for the generated model.`, 'usage');
  if (readdirSync(root).length === 0) return;
  let generated = false;
  try {
    const index = JSON.parse(readFileSync(join(root, 'model_index.json'), 'utf8')) as {
      atelier?: { generated?: unknown };
    };
    generated = typeof index.atelier?.generated === 'object';
  } catch {
    generated = false;
  }
  if (!generated) {
    throw new UserError(
      `${root} is not empty and does not hold a generated model; choose a new or empty folder so that nothing is overwritten.`,
      'usage',
    );
  }
}

/**
 * Writes a complete random-weight model folder to `dir`: a new or empty folder, or one holding an earlier generated
 * model (replaced). Anything else is refused with a UserError, so that a downloaded model is never overwritten.
 * Same options, same bytes.
 */
export async function makeTinyModel(dir: string, options?: Partial<TinyModelOptions>): Promise<void> {
  makeTinyModelSync(dir, options);
}

/** makeTinyModel, returning what was written. */
export function makeTinyModelSync(dir: string, options?: Partial<TinyModelOptions>): TinyModelReport {
  const o = resolveOptions(options);
  const arch = architectures[o.size];
  const root = resolve(dir);
  refuseToOverwrite(root);
  mkdirSync(root, { recursive: true });
  for (const sub of ['text_encoder', 'unet', 'vae_decoder', 'vae_encoder', 'tokenizer', 'scheduler'])
    rmSync(join(root, sub), { recursive: true, force: true });
  const files: string[] = [];
  const write = (rel: string, data: Uint8Array | string) => {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
    files.push(rel);
  };
  const writeGraph = (component: string, g: GraphBuilder, external?: string): number => {
    const serialized = serializeModel(
      {
        graph: g.build(),
        producerVersion: '0.1.0',
        docString: `atelier generated ${o.size} ${component} (random weights)`,
      },
      external ? { location: external } : undefined,
    );
    write(`${component}/model.onnx`, serialized.model);
    if (serialized.externalData && external) write(`${component}/${external}`, serialized.externalData);
    return g.parameters;
  };

  const { vocabSize, clip } = writeTokenizer(root, o);
  files.push(
    'tokenizer/vocab.json',
    'tokenizer/merges.txt',
    'tokenizer/special_tokens_map.json',
    'tokenizer/tokenizer_config.json',
  );

  const parameters = {
    textEncoder: writeGraph('text_encoder', buildTextEncoder(o, arch, vocabSize)),
    unet: writeGraph('unet', buildUnet(o, arch), o.externalData ? 'weights.pb' : undefined),
    vaeDecoder: writeGraph('vae_decoder', buildVaeDecoder(o, arch)),
    vaeEncoder: o.vaeEncoder ? writeGraph('vae_encoder', buildVaeEncoder(o, arch)) : 0,
  };

  const t = arch.text;
  write(
    'text_encoder/config.json',
    JSON.stringify(
      {
        architectures: ['CLIPTextModel'],
        model_type: 'clip_text_model',
        hidden_act: 'quick_gelu',
        hidden_size: t.hidden,
        intermediate_size: t.intermediate,
        max_position_embeddings: t.maxPositions,
        num_attention_heads: t.heads,
        num_hidden_layers: t.layers,
        vocab_size: vocabSize,
        torch_dtype: o.dtype,
      },
      null,
      2,
    ) + '\n',
  );
  const latentSize = arch.sampleSize / o.vaeScaleFactor;
  write(
    'unet/config.json',
    JSON.stringify(
      {
        _class_name: 'UNet2DConditionModel',
        sample_size: latentSize,
        in_channels: o.inpainting ? 9 : 4,
        out_channels: 4,
        block_out_channels: arch.unet.channels,
        layers_per_block: arch.unet.layersPerBlock,
        norm_num_groups: arch.unet.groups,
        attention_head_dim: arch.unet.channels.map((c) => Math.max(1, c / arch.unet.headDim)),
        cross_attention_dim: t.hidden,
        flip_sin_to_cos: true,
        freq_shift: 0,
        time_cond_proj_dim: o.family === 'lcm' ? TIME_COND_DIM : null,
      },
      null,
      2,
    ) + '\n',
  );
  const vaeConfig =
    JSON.stringify(
      {
        _class_name: 'AutoencoderKL',
        act_fn: 'silu',
        block_out_channels: vaeChannels(o, arch).reverse(),
        in_channels: 3,
        latent_channels: 4,
        layers_per_block: 1,
        norm_num_groups: arch.vae.groups,
        out_channels: 3,
        sample_size: arch.sampleSize,
        scaling_factor: 0.18215,
      },
      null,
      2,
    ) + '\n';
  write('vae_decoder/config.json', vaeConfig);
  if (o.vaeEncoder) write('vae_encoder/config.json', vaeConfig);
  write('scheduler/scheduler_config.json', JSON.stringify(schedulerConfig(o.family), null, 2) + '\n');

  const component = ['diffusers', 'OnnxRuntimeModel'];
  const modelIndex: Record<string, unknown> = {
    _class_name: o.inpainting ? 'OnnxStableDiffusionInpaintPipeline' : 'OnnxStableDiffusionPipeline',
    _diffusers_version: '0.21.0',
    feature_extractor: [null, null],
    requires_safety_checker: false,
    safety_checker: [null, null],
    scheduler: ['diffusers', schedulerConfig(o.family)._class_name],
    text_encoder: component,
    tokenizer: ['transformers', 'CLIPTokenizer'],
    unet: component,
    vae_decoder: component,
    ...(o.vaeEncoder ? { vae_encoder: component } : {}),
    atelier: {
      family: o.family,
      sampleSize: arch.sampleSize,
      generated: { ...o, tokenizer: clip ? 'clip' : 'small' },
    },
  };
  write('model_index.json', JSON.stringify(modelIndex, null, 2) + '\n');

  return {
    dir: root,
    options: o,
    clipTokenizer: clip,
    files: files.map((rel) => ({ path: rel, bytes: statSize(join(root, rel)) })),
    parameters,
  };
}

function statSize(path: string): number {
  return statSync(path).size;
}
