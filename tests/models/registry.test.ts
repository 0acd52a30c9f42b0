import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../../src/errors.ts';
import { join } from 'node:path';
import {
  createRegistry,
  defaultRegistry,
  isPinnedRevision,
  knownModels,
  UPSCALER_NAME,
  type RegistryEntry,
} from '../../src/models/registry.ts';
import { upscalerFileFor } from '../../src/upscale/run.ts';

test('the known models include SD-Turbo and SD 1.5, each a complete diffusers ONNX layout', () => {
  const names = defaultRegistry.list().map((e) => e.name);
  assert.ok(names.includes('sd-turbo'));
  assert.ok(defaultRegistry.list().some((e) => e.family === 'sd15'));
  for (const entry of knownModels.filter((e) => e.family !== 'taesd' && e.family !== 'upscaler')) {
    const required = entry.files.filter((f) => !f.optional).map((f) => f.path);
    for (const path of [
      'model_index.json',
      'scheduler/scheduler_config.json',
      'text_encoder/model.onnx',
      'tokenizer/vocab.json',
      'tokenizer/merges.txt',
      'unet/model.onnx',
      'vae_decoder/model.onnx',
    ]) {
      assert.ok(required.includes(path), `${entry.name} needs ${path}`);
    }
    assert.ok(isPinnedRevision(entry.revision) || entry.revision === 'main', `${entry.name}: ${entry.revision}`);
    assert.ok(entry.approxBytes > 1e9, `${entry.name} approxBytes`);
    assert.ok(entry.licence.name && entry.licence.url.startsWith('https://'));
    assert.ok(entry.provenance.length > 40, `${entry.name} says what was verified`);
  }
});

test('taesd is a decoder entry: its vae_decoder is required, the config that names its range is pulled when there, MIT', () => {
  const taesd = defaultRegistry.get('taesd');
  assert.equal(taesd.family, 'taesd');
  assert.deepEqual(
    taesd.files.filter((f) => !f.optional).map((f) => f.path),
    ['vae_decoder/model.onnx'],
  );
  assert.ok(taesd.files.some((f) => f.path === 'vae_decoder/config.json'));
  assert.equal(taesd.licence.name, 'MIT');
});

test('the default SD-Turbo runs on the CPU provider (float32, no CUDA-only NhwcConv export)', () => {
  const turbo = defaultRegistry.get('sd-turbo');
  assert.equal(turbo.dtype, 'float32');
  assert.equal(turbo.providers.cpu, 'expected');
  assert.notEqual(turbo.repo, 'onnxruntime/sd-turbo');
  assert.deepEqual(turbo.defaults, { steps: 1, guidanceScale: 0, width: 512, height: 512 });
  assert.ok(turbo.files.some((f) => f.path === 'unet/weights.pb'));
});

test('names are looked up case-insensitively; an unknown name lists the known ones', () => {
  assert.equal(defaultRegistry.get(' SD15 ').name, 'sd15');
  assert.throws(
    () => defaultRegistry.get('stable-diffusion-9'),
    (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.equal(err.code, 'unknown-model');
      for (const e of knownModels) assert.ok(err.message.includes(e.name), e.name);
      return true;
    },
  );
  assert.equal(defaultRegistry.find('nope'), undefined);
});

test('a registry refuses entries that could write outside the model folder, or clash', () => {
  const base = knownModels[0]!;
  const withFile = (path: string): RegistryEntry => ({ ...base, files: [{ path }] });
  for (const bad of ['../evil', '/etc/passwd', 'unet/../../x', 'a//b']) {
    assert.throws(() => createRegistry([withFile(bad)]), /unsafe file path/, bad);
  }
  assert.throws(() => createRegistry([base, base]), /duplicate model name/);
  assert.throws(() => createRegistry([{ ...base, name: 'Bad Name' }]), /bad model name/);
  assert.throws(() => createRegistry([{ ...base, repo: 'no-owner' }]), /bad repo id/);
});

test('isPinnedRevision tells commit shas from branch names', () => {
  assert.equal(isPinnedRevision('3c071e3da77c6e88ec2f174a185ce76ddd801c2a'), true);
  assert.equal(isPinnedRevision('main'), false);
  assert.equal(isPinnedRevision('3c071e3'), false);
});

test('the upscaler entry is a pinned single ONNX file installed as models/upscaler/model.onnx, where src/upscale/ looks', () => {
  const up = defaultRegistry.get(UPSCALER_NAME);
  assert.equal(up.family, 'upscaler');
  assert.ok(isPinnedRevision(up.revision));
  assert.deepEqual(
    up.files.map((f) => f.saveAs ?? f.path),
    ['model.onnx'],
  );
  assert.ok(up.files[0]!.path.endsWith('.onnx'));
  assert.match(up.licence.name, /BSD-3/);
  assert.equal(up.defaults, undefined);
  assert.equal(upscalerFileFor(join('models', 'demo')), join('models', UPSCALER_NAME, up.files[0]!.saveAs!));
});
