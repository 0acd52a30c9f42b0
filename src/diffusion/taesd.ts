/**
 * TAESD (madebyollin/taesd, MIT): a tiny distilled decoder of Stable Diffusion's latents, for live previews at every
 * step and, on request, a fast final decode (the full VAE decode is most of a one-step SD-Turbo image on a CPU).
 *
 * Where it is looked for: `<model>/taesd/vae_decoder/model.onnx`, else `<models root>/taesd/vae_decoder/model.onnx`
 * (where `npm run models -- pull taesd` puts it, beside the models). Absent: previews use the cheap linear
 * approximation (tensors.ts latentsToPreviewRgb) and `decoder: 'taesd'` is refused.
 *
 * Its signature comes from session metadata: one float latent input [B, C, h, w] and one image output
 * [B, 3, H, W]. Its conventions differ from the VAE's: it reads the UNet's latents as they are (TAESD's scale factor
 * is 1, not 0.18215), and its image range depends on the export:
 *   - diffusers' AutoencoderTiny exported by optimum (vae_decoder/config.json `_class_name: AutoencoderTiny`, as in
 *     deinferno/taesd-onnx): latents / config.scaling_factor (1.0) in, an image in [-1, 1] out
 *     (AutoencoderTiny.decode returns 2x - 1);
 *   - the original repository's Decoder traced as it is (no such config): latents in, an image in [0, 1] out.
 */
import { dirname, join } from 'node:path';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { ModelError } from '../errors.ts';
import { openSession, type OnnxModel, type SessionOptions } from './session.ts';
import { floatTensor, imageToRgb, isFloatType, readFloats } from './tensors.ts';

export interface TaesdDecoder {
  readonly file: string;
  /** 'minus-one-one' ([-1, 1], diffusers) or 'zero-one' ([0, 1], TAESD's own). */
  readonly range: 'minus-one-one' | 'zero-one';
  /** The latent channels it reads, when its input shape fixes them. */
  readonly latentChannels: number | undefined;
  /** Image `index` of NCHW latents (the UNet's own scale) to RGB bytes; its size is what the decoder returns. */
  decode(
    latents: Float32Array,
    shape: readonly number[],
    index?: number,
  ): Promise<{ rgb: Uint8Array; width: number; height: number }>;
  release(): Promise<void>;
}

/** The TAESD folder for a model: its own `taesd/`, else `taesd/` beside it; undefined when neither has a decoder. */
export function findTaesd(modelDir: string): string | undefined {
  for (const dir of [join(modelDir, 'taesd'), join(dirname(modelDir), 'taesd')]) {
    const file = join(dir, 'vae_decoder', 'model.onnx');
    if (existsSync(file) && statSync(file).isFile()) return dir;
  }
  return undefined;
}

function readConfig(dir: string): Record<string, unknown> | undefined {
  const path = join(dir, 'vae_decoder', 'config.json');
  if (!existsSync(path)) return undefined;
  try {
    const v: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch (err) {
    throw new ModelError(dir, `vae_decoder/config.json is not valid JSON (${(err as Error).message}).`, { cause: err });
  }
}

/** Opens a TAESD decoder folder (`<dir>/vae_decoder/model.onnx`); checks its signature from the session metadata. */
export async function loadTaesd(dir: string, options: SessionOptions): Promise<TaesdDecoder> {
  const config = readConfig(dir);
  const file = join(dir, 'vae_decoder', 'model.onnx');
  const model: OnnxModel = await openSession(file, options, 'taesd');
  const input = model.inputs.length === 1 ? model.inputs[0] : model.inputs.find((i) => i.name === 'latent_sample');
  const output = model.outputs.find((o) => o.name === 'sample') ?? model.outputs[0];
  if (!input || !output || input.shape.length !== 4 || !isFloatType(input.type)) {
    await model.release();
    throw new ModelError(
      dir,
      `vae_decoder/model.onnx has inputs [${model.inputs.map((i) => `${i.name}: ${i.type}`).join(', ')}]; ` +
        'a TAESD decoder takes one float latent input [batch, channels, height, width] and gives one image [batch, 3, H, W].',
    );
  }
  const diffusers = config?._class_name === 'AutoencoderTiny';
  const scaling =
    diffusers && typeof config.scaling_factor === 'number' && config.scaling_factor > 0 ? config.scaling_factor : 1;
  const range = diffusers ? 'minus-one-one' : 'zero-one';
  const channels = typeof input.shape[1] === 'number' && input.shape[1] > 0 ? input.shape[1] : undefined;
  return {
    file,
    range,
    latentChannels: channels,
    async decode(latents, shape, index = 0) {
      const [, c, h, w] = shape as [number, number, number, number];
      const per = c * h * w;
      const z = latents.slice(index * per, (index + 1) * per);
      if (scaling !== 1) for (let k = 0; k < z.length; k++) z[k]! /= scaling;
      const out = (await model.run({ [input.name]: floatTensor(input.type, z, [1, c, h, w]) }))[output.name]!;
      const [, oc, oh, ow] = out.dims as [number, number, number, number];
      if (oc !== 3 || !oh || !ow)
        throw new Error(`taesd returned [${out.dims.join(', ')}] for ${w}x${h} latents, expected [1, 3, H, W]`);
      let image = readFloats(out);
      // imageToRgb reads [-1, 1]; TAESD's own range is [0, 1].
      if (range === 'zero-one') image = image.map((v) => v * 2 - 1);
      return { rgb: imageToRgb(image, ow, oh), width: ow, height: oh };
    },
    release: () => model.release(),
  };
}
