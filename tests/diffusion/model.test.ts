import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ModelError } from '../../src/errors.ts';
import { DEFAULT_VAE_SCALING_FACTOR, checkModelFolder, detectFamily, loadModel } from '../../src/diffusion/model.ts';
import { GraphBuilder } from '../../src/models/onnx/builder.ts';
import { serializeModel } from '../../src/models/onnx/model.ts';
import { setLogLevel } from '../../src/log.ts';
import { tinyModel } from '../support/models.ts';

setLogLevel('warn');

const cpu = { executionProviders: ['cpu'], intraOpThreads: 1 } as const;
let tmp: string;
let base: string;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'atelier-model-'));
  base = await tinyModel({});
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A private copy of a generated model to break. */
function copyOf(src: string, name: string): string {
  const dir = join(tmp, name);
  cpSync(src, dir, { recursive: true });
  return dir;
}

function expectModelError(pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof ModelError, `expected a ModelError, got ${String(err)}`);
    assert.match(err.message, pattern);
    assert.doesNotMatch(err.message, /onnxruntime_src|\.cc:\d+|at .*\(/, 'no native locations or stacks');
    return true;
  };
}

describe('loadModel reads conventions from session metadata', () => {
  it('float32 legacy export: names, dtypes, timestep [B], int32 ids, latent_sample encoder, scaling factor', async () => {
    const m = await loadModel(base, cpu);
    try {
      assert.equal(m.info.family, 'sd15');
      assert.equal(m.info.dtype, 'float32');
      assert.equal(m.info.sampleSize, 64);
      assert.equal(m.info.defaultScheduler, 'pndm');
      assert.equal(m.info.guidanceFree, false);
      assert.equal(m.info.supportsImg2Img, true);
      assert.equal(m.info.executionProvider, 'cpu');
      assert.equal(m.unetIo.timestep.type, 'float32');
      assert.equal(m.unetIo.timestep.shape.length, 1);
      assert.equal(m.textEncoderIo.inputIds.type, 'int32');
      assert.equal(m.textEncoderIo.output, 'last_hidden_state');
      assert.equal(m.unetIo.output, 'out_sample');
      assert.equal(m.vaeEncoderIo?.kind, 'latent_sample');
      assert.equal(m.vaeScalingFactor, 0.18215);
      assert.equal(m.latentChannels, 4);
      assert.ok(m.maxChunks > 1, 'the UNet has a dynamic sequence axis, so long prompts get several chunks');
      assert.equal(m.tokenizer.bosId, 49406);
    } finally {
      await m.release();
    }
  });

  it('float16 optimum export: float16 IO, int64 timestep [1], int64 ids, latent_parameters encoder', async () => {
    const dir = await tinyModel({
      dtype: 'float16',
      timestep: 'int64-one',
      inputIds: 'int64',
      vaeEncoderOutput: 'latent_parameters',
    });
    const m = await loadModel(dir, cpu);
    try {
      assert.equal(m.info.dtype, 'float16');
      assert.equal(m.unetIo.sample.type, 'float16');
      assert.equal(m.unetIo.timestep.type, 'int64');
      assert.deepEqual(m.unetIo.timestep.shape, [1]);
      assert.equal(m.textEncoderIo.inputIds.type, 'int64');
      assert.equal(m.vaeEncoderIo?.kind, 'latent_parameters');
    } finally {
      await m.release();
    }
  });

  it('float scalar timestep', async () => {
    const m = await loadModel(
      await tinyModel({ timestep: 'float32-scalar', inputIds: 'int64', vaeEncoderOutput: 'latent_parameters' }),
      cpu,
    );
    try {
      assert.deepEqual(m.unetIo.timestep.shape, []);
    } finally {
      await m.release();
    }
  });

  it('detects SD-Turbo (1 step, no guidance) and LCM (timestep_cond, guidance-free)', async () => {
    const turbo = await loadModel(await tinyModel({ family: 'sd-turbo', tokenizer: 'small' }), cpu);
    try {
      assert.equal(turbo.info.family, 'sd-turbo');
      assert.equal(turbo.info.defaultSteps, 1);
      assert.equal(turbo.info.defaultGuidance, 0);
      assert.equal(turbo.info.guidanceFree, true);
    } finally {
      await turbo.release();
    }
    const lcm = await loadModel(await tinyModel({ family: 'lcm' }), cpu);
    try {
      assert.equal(lcm.info.family, 'lcm');
      assert.equal(lcm.info.guidanceFree, true);
      assert.equal(lcm.info.defaultScheduler, 'lcm');
      assert.ok(lcm.unetIo.timestepCond);
      assert.equal(lcm.unetIo.timeCondProjDim, 256);
    } finally {
      await lcm.release();
    }
  });

  it('reads the VAE scaling factor from vae_decoder/config.json, 0.18215 when absent', async () => {
    const dir = copyOf(base, 'scaling');
    const cfgPath = join(dir, 'vae_decoder', 'config.json');
    writeFileSync(cfgPath, JSON.stringify({ ...JSON.parse(readFileSync(cfgPath, 'utf8')), scaling_factor: 0.13025 }));
    let m = await loadModel(dir, cpu);
    assert.equal(m.vaeScalingFactor, 0.13025);
    await m.release();
    rmSync(cfgPath);
    rmSync(join(dir, 'vae_encoder', 'config.json'), { force: true });
    m = await loadModel(dir, cpu);
    assert.equal(m.vaeScalingFactor, DEFAULT_VAE_SCALING_FACTOR);
    await m.release();
  });

  it('works without a VAE encoder (no image-to-image)', async () => {
    const dir = copyOf(base, 'no-encoder');
    rmSync(join(dir, 'vae_encoder'), { recursive: true });
    const m = await loadModel(dir, cpu);
    assert.equal(m.info.supportsImg2Img, false);
    await m.release();
  });
});

describe('loadModel reports an unusable model in one clear error', () => {
  it('a folder that does not exist, or a file', async () => {
    await assert.rejects(
      loadModel(join(tmp, 'nope'), cpu),
      expectModelError(/nope cannot be used: the folder does not exist.*model_index\.json/),
    );
    writeFileSync(join(tmp, 'afile'), 'x');
    await assert.rejects(loadModel(join(tmp, 'afile'), cpu), expectModelError(/it is a file, not a model folder/));
  });

  it('lists every missing file at once', async () => {
    const dir = copyOf(base, 'missing');
    rmSync(join(dir, 'unet', 'model.onnx'));
    rmSync(join(dir, 'tokenizer', 'merges.txt'));
    await assert.rejects(loadModel(dir, cpu), (err: unknown) => {
      expectModelError(/missing unet\/model\.onnx, tokenizer\/merges\.txt\. Expected the diffusers ONNX layout/)(err);
      assert.equal((err as ModelError).dir, dir);
      return true;
    });
  });

  it('invalid JSON', async () => {
    const dir = copyOf(base, 'badjson');
    writeFileSync(join(dir, 'model_index.json'), '{ "oops": ');
    await assert.rejects(loadModel(dir, cpu), expectModelError(/model_index\.json is not valid JSON/));
  });

  it('a corrupt .onnx', async () => {
    const dir = copyOf(base, 'corrupt');
    const path = join(dir, 'vae_decoder', 'model.onnx');
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, 1000));
    await assert.rejects(loadModel(dir, cpu), expectModelError(/vae_decoder\/model\.onnx is not a valid ONNX model/));
  });

  it('missing external weights', async () => {
    const dir = copyOf(base, 'noweights');
    rmSync(join(dir, 'unet', 'weights.pb'));
    await assert.rejects(
      loadModel(dir, cpu),
      expectModelError(/unet\/model\.onnx keeps its weights in unet\/weights\.pb, which is missing/),
    );
  });

  it('wrong input names', async () => {
    const dir = copyOf(base, 'wrongnames');
    const g = new GraphBuilder('not-a-unet', { floatType: 'float32', seed: 1 });
    const x = g.input('x', 'float32', ['batch', 4, 'h', 'w']);
    g.input('t', 'float32', ['batch']);
    g.output(g.mul(x, g.scalar(2)), 'out_sample', ['batch', 4, 'h', 'w']);
    writeFileSync(join(dir, 'unet', 'model.onnx'), serializeModel({ graph: g.build() }).model);
    await assert.rejects(
      loadModel(dir, cpu),
      expectModelError(
        /unet\/model\.onnx has inputs \[x, t\] but a UNet needs sample, timestep, encoder_hidden_states \(missing: sample, timestep, encoder_hidden_states\)/,
      ),
    );
  });

  it('a scheduler config that cannot be used', async () => {
    const dir = copyOf(base, 'badscheduler');
    writeFileSync(
      join(dir, 'scheduler', 'scheduler_config.json'),
      JSON.stringify({ _class_name: 'FancyNewScheduler' }),
    );
    await assert.rejects(
      loadModel(dir, cpu),
      expectModelError(/scheduler\/scheduler_config\.json cannot be used: .*FancyNewScheduler/),
    );
  });

  it('checkModelFolder passes a complete folder without onnxruntime', () => {
    const { modelIndex } = checkModelFolder(base);
    assert.equal(modelIndex._class_name, 'OnnxStableDiffusionPipeline');
    mkdirSync(join(tmp, 'empty'));
    assert.throws(
      () => checkModelFolder(join(tmp, 'empty')),
      /missing model_index\.json, text_encoder\/model\.onnx, unet\/model\.onnx, vae_decoder\/model\.onnx/,
    );
  });
});

describe('detectFamily', () => {
  const d = (over: Partial<Parameters<typeof detectFamily>[0]>) =>
    detectFamily({
      dir: '/m/x',
      modelIndex: {},
      schedulerConfig: { _class_name: 'PNDMScheduler' },
      hiddenSize: 768,
      hasTimestepCond: false,
      ...over,
    });
  it('uses the atelier block, then UNet inputs, scheduler, names and hidden size', () => {
    assert.equal(d({ modelIndex: { atelier: { family: 'demo' } } }), 'demo');
    assert.equal(d({ hasTimestepCond: true }), 'lcm');
    assert.equal(d({ schedulerConfig: { _class_name: 'LCMScheduler' } }), 'lcm');
    assert.equal(d({ dir: '/m/sd-turbo', hiddenSize: 1024 }), 'sd-turbo');
    assert.equal(
      d({ schedulerConfig: { _class_name: 'EulerDiscreteScheduler', timestep_spacing: 'trailing' } }),
      'sd-turbo',
    );
    assert.equal(d({}), 'sd15');
    assert.equal(d({ hiddenSize: 1024, schedulerConfig: { prediction_type: 'v_prediction' } }), 'sd21');
    assert.equal(d({ hiddenSize: 1024 }), 'sd21-base');
    assert.equal(d({ hiddenSize: 32 }), 'tiny');
  });
});
