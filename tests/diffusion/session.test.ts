import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Tensor } from '../../src/diffusion/ort.ts';
import { ModelError } from '../../src/errors.ts';
import { captureLogs } from '../../src/log.ts';
import { openSession, sessionRunMs, shortReason } from '../../src/diffusion/session.ts';
import { GraphBuilder } from '../../src/models/onnx/builder.ts';
import { serializeModel } from '../../src/models/onnx/model.ts';

let root: string;
let modelPath: string;
let weights: Float32Array;

/** y = x * w with w (512 floats) in unet/weights.pb, as diffusers' UNet export stores its weights. */
function writeScaleModel(dir: string): { model: Uint8Array; externalData: Uint8Array } {
  mkdirSync(dir, { recursive: true });
  const g = new GraphBuilder('scale', { floatType: 'float32', seed: 3 });
  const x = g.input('x', 'float32', ['batch', 512]);
  const w = g.weight('w', [512], 1);
  g.output(g.mul(x, w), 'y', ['batch', 512]);
  const graph = g.build();
  weights = new Float32Array(graph.initializers[0]!.data.slice().buffer);
  const s = serializeModel({ graph }, { location: 'weights.pb' });
  writeFileSync(join(dir, 'model.onnx'), s.model);
  writeFileSync(join(dir, 'weights.pb'), s.externalData!);
  return { model: s.model, externalData: s.externalData! };
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'atelier-session-'));
  writeScaleModel(join(root, 'good', 'unet'));
  modelPath = join(root, 'good', 'unet', 'model.onnx');
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('openSession', () => {
  it('loads by path with external weights, reads metadata and runs', async () => {
    const m = await openSession(modelPath, { executionProviders: ['cpu'], intraOpThreads: 1 });
    try {
      assert.equal(m.executionProvider, 'cpu');
      assert.deepEqual(m.inputs, [{ name: 'x', type: 'float32', shape: ['batch', 512] }]);
      assert.deepEqual(m.outputs, [{ name: 'y', type: 'float32', shape: ['batch', 512] }]);
      const before = sessionRunMs();
      const out = await m.run({ x: new Tensor('float32', new Float32Array(1024).fill(2), [2, 512]) });
      assert.deepEqual(out.y!.dims, [2, 512]);
      const y = out.y!.data as Float32Array;
      assert.equal(y[3], Math.fround(2 * weights[3]!));
      assert.equal(y[512 + 3], y[3]);
      assert.ok(sessionRunMs() > before);
    } finally {
      await m.release();
    }
  });

  it("accepts 0 threads as onnxruntime's default", async () => {
    const m = await openSession(modelPath, { executionProviders: ['cpu'], intraOpThreads: 0 });
    assert.equal(m.executionProvider, 'cpu');
    await m.release();
  });

  it('tries providers in order and logs why earlier ones were skipped', async () => {
    const lines: string[] = [];
    const restore = captureLogs(lines);
    try {
      const m = await openSession(modelPath, { executionProviders: ['cuda', 'tensorrt', 'cpu'], intraOpThreads: 1 });
      assert.equal(m.executionProvider, 'cpu');
      await m.release();
    } finally {
      restore();
    }
    const entries = lines.map(
      (l) => JSON.parse(l) as { msg: string; provider?: string; level: string } & Record<string, unknown>,
    );
    const skipped = entries.filter((e) => e.msg === 'execution provider skipped');
    assert.equal(skipped.length, 2);
    assert.equal(skipped[0]!.provider, 'cuda');
    assert.match(JSON.stringify(skipped[0]), /not installed.*install-cuda/);
    assert.equal(skipped[1]!.provider, 'tensorrt');
    assert.ok(entries.some((e) => e.msg.startsWith('session created') && e.provider === 'cpu'));
  });

  it('names every provider that failed when none works', async () => {
    await assert.rejects(
      openSession(modelPath, { executionProviders: ['cuda', 'coreml'], intraOpThreads: 1 }),
      (err: unknown) => {
        assert.ok(err instanceof ModelError);
        assert.match(err.message, /no execution provider could open unet\/model\.onnx \(tried cuda, coreml\)/);
        assert.match(err.message, /coreml: not supported by this onnxruntime-node build/);
        assert.match(err.message, /Add cpu to EXECUTION_PROVIDERS/);
        return true;
      },
    );
  });

  it('reports a missing file, missing external weights and a corrupt file as ModelErrors naming the file', async () => {
    const cpu = { executionProviders: ['cpu'], intraOpThreads: 1 };
    await assert.rejects(openSession(join(root, 'nothing', 'unet', 'model.onnx'), cpu), (err: unknown) => {
      assert.ok(err instanceof ModelError);
      assert.match(err.message, /unet\/model\.onnx is missing/);
      return true;
    });

    const noWeights = join(root, 'noweights', 'unet');
    writeScaleModel(noWeights);
    rmSync(join(noWeights, 'weights.pb'));
    await assert.rejects(openSession(join(noWeights, 'model.onnx'), cpu), (err: unknown) => {
      assert.ok(err instanceof ModelError);
      assert.equal(err.dir, join(root, 'noweights'));
      assert.match(err.message, /unet\/model\.onnx keeps its weights in unet\/weights\.pb, which is missing/);
      assert.match(err.message, /weights\.pb/);
      assert.doesNotMatch(err.message, /onnxruntime_src|\.cc:\d+/);
      return true;
    });

    const corrupt = join(root, 'corrupt', 'unet');
    const { model } = writeScaleModel(corrupt);
    writeFileSync(join(corrupt, 'model.onnx'), model.subarray(0, Math.floor(model.length / 2)));
    await assert.rejects(openSession(join(corrupt, 'model.onnx'), cpu), (err: unknown) => {
      assert.ok(err instanceof ModelError);
      assert.match(err.message, /unet\/model\.onnx is not a valid ONNX model .*corrupt/);
      return true;
    });
  });

  it('turns run errors into one-line errors naming the model', async () => {
    const m = await openSession(modelPath, { executionProviders: ['cpu'], intraOpThreads: 1 });
    try {
      await assert.rejects(
        m.run({ x: new Tensor('float32', new Float32Array(3), [1, 3]) }),
        /unet\/model\.onnx failed to run on cpu: /,
      );
    } finally {
      await m.release();
    }
  });

  it('shortens native ORT messages', () => {
    const raw =
      '/onnxruntime_src/onnxruntime/core/providers/webgpu/webgpu_context.cc:136 onnxruntime::webgpu::WebGpuContext::Initialize(x)::<lambda()> ' +
      'adapter_result.status == wgpu::RequestAdapterStatus::Success was false. Failed to get a WebGPU adapter: No supported adapters';
    assert.equal(shortReason(new Error(raw)), 'Failed to get a WebGPU adapter: No supported adapters');
    assert.equal(
      shortReason(new Error('[ONNXRuntimeError] : 1 : FAIL : Load model failed\nstack')),
      'Load model failed',
    );
  });
});
