import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ort from '../../src/diffusion/ort.ts';
import { join } from 'node:path';
import { hostPeak, measureMacs, nodeMacs, peakGflops, profileMacs } from '../../src/bench/flops.ts';
import { tinyModel } from '../support/models.ts';

describe('MAC counting for the pipeline bench', () => {
  it('counts Conv, MatMul and Gemm from their shapes and ignores everything else', () => {
    // 3x3 conv, 4 -> 32 channels on 8x8, batch 2: 2*32*8*8 outputs x 4*3*3 products each.
    assert.equal(nodeMacs('Conv', [[2, 4, 8, 8], [32, 4, 3, 3], [32]], [[2, 32, 8, 8]]), 2 * 32 * 64 * 36);
    assert.equal(
      nodeMacs(
        'FusedConv',
        [
          [1, 8, 4, 4],
          [8, 1, 3, 3],
        ],
        [[1, 8, 4, 4]],
      ),
      8 * 16 * 9,
      'grouped (depthwise)',
    );
    assert.equal(
      nodeMacs(
        'MatMul',
        [
          [2, 77, 32],
          [32, 64],
        ],
        [[2, 77, 64]],
      ),
      2 * 77 * 64 * 32,
    );
    assert.equal(
      nodeMacs(
        'Gemm',
        [
          [4, 128],
          [128, 256],
        ],
        [[4, 256]],
      ),
      4 * 256 * 128,
    );
    assert.equal(nodeMacs('Add', [[2, 3]], [[2, 3]]), 0);
    const events = [
      {
        cat: 'Node',
        name: 'c_kernel_time',
        args: {
          op_name: 'Conv',
          input_type_shape: [{ float: [1, 1, 2, 2] }, { float: [1, 1, 1, 1] }],
          output_type_shape: [{ float: [1, 1, 2, 2] }],
        },
      },
      { cat: 'Node', name: 'c_fence_before', args: { op_name: 'Conv' } },
      { cat: 'Session', name: 'model_run' },
    ];
    assert.equal(profileMacs(events), 4);
  });

  it("measures a real UNet call through onnxruntime's profiler, and the host peak is positive", async () => {
    const dir = await tinyModel({});
    const rows = 2;
    const macs = await measureMacs(join(dir, 'unet', 'model.onnx'), {
      sample: new ort.Tensor('float32', new Float32Array(rows * 4 * 8 * 8), [rows, 4, 8, 8]),
      timestep: new ort.Tensor('float32', new Float32Array(rows).fill(500), [rows]),
      encoder_hidden_states: new ort.Tensor('float32', new Float32Array(rows * 77 * 32), [rows, 77, 32]),
    });
    // The tiny UNet's first conv alone is 2*32*64*36 MACs; the whole call is far more, and bounded.
    assert.ok(macs > 2 * 32 * 64 * 36 && macs < 1e9, String(macs));
    const peak = hostPeak();
    if (peak) assert.ok(peakGflops(peak, 1) > 0);
  });
});
