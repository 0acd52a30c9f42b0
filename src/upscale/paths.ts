import { dirname, join } from 'node:path';

/**
 * Where the upscaler for the models in `modelDir`'s parent folder is installed. Its own module so the bot process
 * (which only asks whether one is installed) does not load onnxruntime through the upscaler.
 */
export function upscalerFileFor(modelDir: string): string {
  return join(dirname(modelDir), 'upscaler', 'model.onnx');
}
