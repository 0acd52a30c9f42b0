/**
 * A generated upscaler with the signature of the Real-ESRGAN ONNX exports (RRDBNet's x2 path in miniature):
 * `input` float32 [batch, 3, height, width] RGB in [0, 1] -> `output` float32 [batch, 3, 2 height, 2 width].
 * conv_first, two residual 3x3 convolutions with LeakyReLU(0.2), nearest x2 upsampling, conv_up, conv_hr,
 * conv_last, plus the nearest-upsampled input (so random weights still give a picture). Its receptive field is
 * small (radius 6 px at the output), which the tiling test relies on: tiles overlapping by more than that blend
 * to exactly the untiled result.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphBuilder } from './onnx/builder.ts';
import { conv2d, resizeNearest, timesTwo } from './onnx/layers.ts';
import { serializeModel } from './onnx/model.ts';

export function makeTinyUpscaler(dir: string, seed = 3): string {
  const g = new GraphBuilder('upscaler', { floatType: 'float32', seed });
  const x = g.input('input', 'float32', ['batch', 3, 'height', 'width']);
  const lrelu = (v: string) => g.op('LeakyRelu', [v], { alpha: 0.2 });
  const c = 16;
  const feat = conv2d(g, x, 3, c, 'conv_first');
  const body = conv2d(g, lrelu(conv2d(g, feat, c, c, 'body.0')), c, c, 'body.1', { gain: 0.3 });
  const trunk = g.add(feat, body);
  const scales = timesTwo(g);
  const nearest = (v: string) => resizeNearest(g, v, { scales });
  const up = lrelu(conv2d(g, nearest(trunk), c, c, 'conv_up1'));
  const hr = lrelu(conv2d(g, up, c, c, 'conv_hr'));
  const out = g.add(nearest(x), conv2d(g, hr, c, 3, 'conv_last', { gain: 0.1 }));
  g.output(out, 'output', ['batch', 3, 'height_out', 'width_out']);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'model.onnx');
  writeFileSync(
    file,
    serializeModel({
      graph: g.build(),
      producerVersion: '0.1.0',
      docString: 'atelier generated x2 upscaler (random weights)',
    }).model,
  );
  return file;
}
