// The model files read without sessions: the VAE's config, read once for both of its values.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_VAE_SCALING_FACTOR, readVaeConfig } from '../../src/diffusion/model-files.ts';
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
