/**
 * A generated TAESD decoder (madebyollin/taesd's architecture in miniature, random weights) with the signature of
 * the real ONNX exports, for tests on machines without weights:
 *
 *   vae_decoder/model.onnx   latent_sample float32 [batch, 4, height, width] -> sample float32 [batch, 3, 8 height, 8 width]
 *
 * TAESD's Decoder: Clamp (tanh(x / 3) * 3), conv, ReLU, then per level `blocks` blocks (three 3x3 convs with ReLUs,
 * plus the input, then ReLU), nearest x2 upsampling and a conv; then one more block and a conv to 3 channels. Its latents are the UNet's own (scale factor 1, not 0.18215).
 *
 * Two conventions, as the exports in the wild have them:
 *   - 'taesd' (the original repository's Decoder traced as it is): the image in [0, 1], no config.json.
 *   - 'diffusers' (optimum's vae_decoder of diffusers' AutoencoderTiny, as deinferno/taesd-onnx ships it): the
 *     image in [-1, 1] (AutoencoderTiny.decode maps x -> 2x - 1) and vae_decoder/config.json with
 *     `_class_name: AutoencoderTiny` and `scaling_factor: 1.0`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphBuilder } from './onnx/builder.ts';
import { conv2d, resizeNearest, timesTwo } from './onnx/layers.ts';
import { serializeModel } from './onnx/model.ts';

export interface TinyTaesdOptions {
  convention: 'taesd' | 'diffusers';
  /** Latent channels (4 for SD 1.x/2.x/XL). */
  latentChannels: number;
  /** Upsampling levels: the image is 2^levels times the latents (3: TAESD's 8). */
  levels: number;
  seed: number;
  /** Feature channels (TAESD's own: 64; tests: 8). */
  channels: number;
  /** Residual blocks per level (TAESD's own: 3; tests: 1). */
  blocks: number;
}

/** TAESD decoder's real width and depth (64 channels, 3 blocks a level): its cost, for `npm run bench -- taesd`. */
export const taesdFullSize: Partial<TinyTaesdOptions> = { channels: 64, blocks: 3 };

/** Writes `<dir>/vae_decoder/model.onnx` (and its config.json for the diffusers convention); returns the file. */
export function makeTinyTaesd(dir: string, options: Partial<TinyTaesdOptions> = {}): string {
  const o: TinyTaesdOptions = {
    convention: 'taesd',
    latentChannels: 4,
    levels: 3,
    seed: 11,
    channels: 8,
    blocks: 1,
    ...options,
  };
  const g = new GraphBuilder('taesd_decoder', { floatType: 'float32', seed: o.seed });
  const c = o.channels;
  const relu = (v: string) => g.op('Relu', [v]);
  const x = g.input('latent_sample', 'float32', ['batch', o.latentChannels, 'height', 'width']);
  const three = g.float32Const('three', [], [3]);
  const clamped = g.mul(g.op('Tanh', [g.div(x, three)]), three);
  let h = relu(conv2d(g, clamped, o.latentChannels, c, 'decoder.0'));
  const block = (v: string, name: string) => {
    const inner = relu(conv2d(g, relu(conv2d(g, v, c, c, `${name}.0`)), c, c, `${name}.1`));
    return relu(g.add(v, conv2d(g, inner, c, c, `${name}.2`, { gain: 0.5 })));
  };
  const scales = timesTwo(g);
  for (let level = 0; level < o.levels; level++) {
    for (let b = 0; b < o.blocks; b++) h = block(h, `decoder.block${level}.${b}`);
    h = resizeNearest(g, h, { scales });
    h = conv2d(g, h, c, c, `decoder.up${level}`);
  }
  let out = conv2d(g, block(h, 'decoder.last'), c, 3, 'decoder.out');
  // TAESD's own output is an image in [0, 1]; AutoencoderTiny.decode returns 2x - 1.
  if (o.convention === 'diffusers')
    out = g.sub(g.mul(out, g.float32Const('two', [], [2])), g.float32Const('one', [], [1]));
  g.output(out, 'sample', ['batch', 3, 'height_out', 'width_out']);
  const folder = join(dir, 'vae_decoder');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'model.onnx');
  writeFileSync(
    file,
    serializeModel({
      graph: g.build(),
      producerVersion: '0.1.0',
      docString: `atelier generated TAESD decoder (${o.convention}, random weights)`,
    }).model,
  );
  if (o.convention === 'diffusers') {
    writeFileSync(
      join(folder, 'config.json'),
      JSON.stringify(
        {
          _class_name: 'AutoencoderTiny',
          latent_channels: o.latentChannels,
          scaling_factor: 1.0,
          latent_magnitude: 3,
          latent_shift: 0.5,
          upsampling_scaling_factor: 2,
          decoder_block_out_channels: Array.from({ length: o.levels + 1 }, () => 64),
        },
        null,
        2,
      ),
    );
  }
  return file;
}
