// The model files read without sessions: the VAE's config, read once for both of its values.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createModelDescriber, DEFAULT_VAE_SCALING_FACTOR, readVaeConfig } from '../../src/diffusion/model-files.ts';
import { tempDir } from '../support/temp.ts';

function modelDir(configs: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [rel, json] of Object.entries(configs)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), JSON.stringify(json));
  }
  return dir;
}

test('readVaeConfig: each value from the first config that gives it (decoder, then vae/, then encoder)', () => {
  const dir = modelDir({
    'vae_decoder/config.json': { scaling_factor: 0.13025 },
    'vae/config.json': { block_out_channels: [128, 256, 512, 512], scaling_factor: 0.5 },
    'vae_encoder/config.json': { block_out_channels: [1, 2] },
  });
  assert.deepEqual(readVaeConfig(dir), { scalingFactor: 0.13025, downsamplingFactor: 8 });
});

test('readVaeConfig: diffusers defaults without configs; more than 6 blocks is refused, naming the file', () => {
  assert.deepEqual(readVaeConfig(modelDir({})), {
    scalingFactor: DEFAULT_VAE_SCALING_FACTOR,
    downsamplingFactor: undefined,
  });
  const bad = modelDir({ 'vae_encoder/config.json': { block_out_channels: [1, 2, 3, 4, 5, 6, 7] } });
  assert.throws(() => readVaeConfig(bad), /vae_encoder\/config\.json: block_out_channels has 7 entries/);
});

test('createModelDescriber: a folder is described again only when a file it is described from changed', () => {
  const dir = modelDir({
    'model_index.json': { _class_name: 'StableDiffusionPipeline' },
    'scheduler/scheduler_config.json': {
      _class_name: 'PNDMScheduler',
      num_train_timesteps: 1000,
      beta_start: 0.00085,
      beta_end: 0.012,
      beta_schedule: 'scaled_linear',
    },
    'unet/config.json': { sample_size: 8 },
  });
  for (const sub of ['text_encoder', 'unet', 'vae_decoder']) {
    mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, sub, 'model.onnx'), '');
  }
  mkdirSync(join(dir, 'tokenizer'));
  writeFileSync(join(dir, 'tokenizer/vocab.json'), '{}');
  writeFileSync(join(dir, 'tokenizer/merges.txt'), '');
  const describe = createModelDescriber();
  const first = describe(dir);
  assert.equal(first.sampleSize, 64);
  assert.equal(describe(dir), first, 'unchanged files: the same description, nothing read again');
  writeFileSync(join(dir, 'unet/config.json'), JSON.stringify({ sample_size: 16 }));
  assert.equal(describe(dir).sampleSize, 128, 'a changed config is read again');
  assert.equal(describe(dir).supportsImg2Img, false);
  mkdirSync(join(dir, 'vae_encoder'));
  writeFileSync(join(dir, 'vae_encoder/model.onnx'), '');
  assert.equal(describe(dir).supportsImg2Img, true, 'an added encoder is seen');
  writeFileSync(join(dir, 'model_index.json'), '{ not json');
  assert.throws(() => describe(dir), /model_index\.json is not valid JSON/);
  assert.throws(() => describe(dir), /model_index\.json is not valid JSON/, 'a broken folder stays refused');
});
