/**
 * An upscale request (GenerateRequest with edit { kind: 'upscale' }) served where the pipeline runs (the inference
 * process, a remote worker, the CLI): the init image through the installed ESRGAN-family upscaler, tiled, or
 * through Lanczos when none is installed; the PNG parameters say which.
 *
 * The upscaler lives next to the model folders: models/upscaler/model.onnx (`upscalerFileFor`).
 */
import { upscalerFileFor } from './paths.ts';
import { loadSharp } from '../lazy-imports.ts';
import { encodePng, formatParameters, parseParameters, readPngParameters } from '../diffusion/png.ts';
import type { SessionOptions } from '../diffusion/session.ts';
import type { GenerateRequest, GenerateResult, ModelInfo } from '../diffusion/types.ts';
import { UserError } from '../errors.ts';
import { describeEdit } from '../request/request.ts';
import { installedUpscaler, loadUpscaler, upscaleLanczos, upscaleTiled, type Upscaler } from './upscaler.ts';

export { upscalerFileFor } from './paths.ts';

export interface UpscaleService {
  run(req: GenerateRequest, info: ModelInfo): Promise<GenerateResult>;
  /**
   * Display copies (GenerateRequest.displayMinSide): each image whose shorter side is under `minSide` gets `display`,
   * one pass of the installed upscaler, with the image's parameters and `Display: Nx upscaler`. Without an
   * upscaler the result is returned as it is (the bot enlarges with Lanczos).
   */
  addDisplay(result: GenerateResult, minSide: number): Promise<GenerateResult>;
  release(): Promise<void>;
}

export function createUpscaleService(modelDir: string, options: SessionOptions): UpscaleService {
  let upscaler: Promise<Upscaler> | undefined;
  return {
    async run(req, info) {
      const sharp = await loadSharp();
      const start = performance.now();
      if (!req.initImage) throw new UserError('An upscale needs the image to enlarge.', 'bad-request');
      const file = installedUpscaler(upscalerFileFor(modelDir));
      let out: { rgb: Uint8Array; width: number; height: number };
      let how: string;
      if (file) {
        upscaler ??= loadUpscaler(file, options);
        const { data, info: meta } = await sharp(req.initImage)
          .removeAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true });
        out = await upscaleTiled(await upscaler, new Uint8Array(data), meta.width, meta.height);
        how = 'esrgan';
      } else {
        out = await upscaleLanczos(req.initImage, 2);
        how = 'lanczos';
      }
      // Exactly the size the job asked for (a 4x model or a rounded size): one resize if needed.
      if (out.width !== req.width || out.height !== req.height) {
        const resized = await sharp(Buffer.from(out.rgb), {
          raw: { width: out.width, height: out.height, channels: 3 },
        })
          .resize(req.width, req.height, { fit: 'fill', kernel: 'lanczos3' })
          .raw()
          .toBuffer();
        out = { rgb: new Uint8Array(resized), width: req.width, height: req.height };
      }
      const own = readPngParameters(req.initImage);
      const src = own ? parseParameters(own) : undefined;
      const parameters = formatParameters({
        prompt: src?.prompt ?? req.prompt,
        negativePrompt: src?.negativePrompt ?? req.negativePrompt,
        steps: src?.steps ?? req.steps,
        sampler: src?.sampler ?? '',
        cfgScale: src?.cfgScale ?? req.guidanceScale,
        seed: src?.seed ?? req.seed,
        width: out.width,
        height: out.height,
        model: src?.model ?? info.name,
        edit: `${req.edit ? describeEdit(req.edit) : 'upscale'} ${how}`,
      });
      const pngStart = performance.now();
      const png = await encodePng(out.rgb, out.width, out.height, parameters);
      const totalMs = performance.now() - start;
      return {
        images: [{ png, seed: src?.seed ?? req.seed, width: out.width, height: out.height }],
        timings: {
          tokenizeMs: 0,
          encodeMs: 0,
          stepMs: [],
          decodeMs: 0,
          pngMs: performance.now() - pngStart,
          totalMs,
          sessionRunMs: 0,
        },
        info: {
          model: info.name,
          scheduler: how,
          steps: 0,
          guidanceScale: 0,
          tokenCount: 0,
          truncatedTokens: 0,
          executionProvider: info.executionProvider,
        },
      };
    },
    async addDisplay(result, minSide) {
      const file = installedUpscaler(upscalerFileFor(modelDir));
      if (!file || !(minSide > 0)) return result;
      const small = result.images.filter((img) => Math.min(img.width, img.height) < minSide);
      if (!small.length) return result;
      const sharp = await loadSharp();
      upscaler ??= loadUpscaler(file, options);
      const up = await upscaler;
      const images = [];
      for (const img of result.images) {
        if (Math.min(img.width, img.height) >= minSide) {
          images.push(img);
          continue;
        }
        const rgb = await sharp(img.png).removeAlpha().raw().toBuffer();
        const out = await upscaleTiled(up, new Uint8Array(rgb), img.width, img.height);
        const own = readPngParameters(img.png);
        const png = await encodePng(
          out.rgb,
          out.width,
          out.height,
          own === undefined ? undefined : `${own}, Display: ${out.scale}x upscaler`,
        );
        images.push({ ...img, display: { png, width: out.width, height: out.height } });
      }
      return { ...result, images };
    },
    async release() {
      if (upscaler) await (await upscaler).release();
    },
  };
}
