import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { manifestName } from '../../src/models/download.ts';
import { listInstalledModels, requiredModelFiles } from '../../src/models/installed.ts';

const root = mkdtempSync(join(tmpdir(), 'atelier-installed-'));
after(() => rmSync(root, { recursive: true, force: true }));

function put(path: string, content: string | Buffer = 'x') {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

function manifest(name: string, complete: boolean, files: string[]) {
  put(
    `${name}/${manifestName}`,
    JSON.stringify({
      format: 1,
      name,
      repo: `org/${name}`,
      revision: 'main',
      sha: 'f'.repeat(40),
      hubUrl: 'http://hub',
      complete,
      updatedAt: new Date().toISOString(),
      files: Object.fromEntries(files.map((f) => [f, { size: 1, sha256: '0'.repeat(64) }])),
    }),
  );
}

test('lists model folders with size, completeness, family and source', async () => {
  // Made by hand (no manifest), every required file present: complete; family guessed from model_index.json.
  for (const f of requiredModelFiles)
    put(
      `handmade/${f}`,
      f === 'model_index.json' ? JSON.stringify({ _name_or_path: 'runwayml/stable-diffusion-v1-5' }) : 'abcd',
    );
  // Pulled and finished: complete, family from the registry name, source from the manifest.
  for (const f of [...requiredModelFiles, 'unet/weights.pb']) put(`sd-turbo/${f}`, 'z'.repeat(10));
  manifest('sd-turbo', true, [...requiredModelFiles, 'unet/weights.pb']);
  // Pulled, interrupted: a .part file and an unfinished manifest.
  put('sd15/model_index.json', '{}');
  put('sd15/unet/weights.pb.part', 'partial');
  manifest('sd15', false, ['model_index.json']);
  // Finished once, then a file was deleted.
  for (const f of requiredModelFiles) if (f !== 'vae_decoder/model.onnx') put(`broken/${f}`, '{}');
  manifest('broken', true, [...requiredModelFiles]);
  // Not models: no model_index.json, a plain file, a hidden folder.
  put('notes/readme.txt', 'hello');
  put('README.md', '# models');
  put('.cache/model_index.json', '{}');

  const models = await listInstalledModels(root);
  assert.deepEqual(
    models.map((m) => m.name),
    ['broken', 'handmade', 'sd-turbo', 'sd15'],
  );
  const [broken, handmade, turbo, sd15] = models;

  assert.equal(handmade?.complete, true);
  assert.equal(handmade?.family, 'sd15');
  assert.equal(handmade?.source, undefined);
  const handmadeBytes = requiredModelFiles.reduce(
    (n, f) =>
      n + (f === 'model_index.json' ? JSON.stringify({ _name_or_path: 'runwayml/stable-diffusion-v1-5' }).length : 4),
    0,
  );
  assert.equal(handmade?.sizeBytes, handmadeBytes);

  assert.equal(turbo?.complete, true);
  assert.equal(turbo?.family, 'sd-turbo');
  assert.equal(turbo?.source?.repo, 'org/sd-turbo');
  assert.equal(turbo?.partial, false);
  assert.ok((turbo?.sizeBytes ?? 0) > (requiredModelFiles.length + 1) * 10, 'the manifest counts too');

  assert.equal(sd15?.complete, false);
  assert.equal(sd15?.partial, true);
  assert.ok(sd15?.missing.includes('unet/model.onnx'));

  assert.equal(broken?.complete, false);
  assert.deepEqual(broken?.missing, ['vae_decoder/model.onnx']);
});

test('a models root that does not exist yet lists nothing', async () => {
  assert.deepEqual(await listInstalledModels(join(root, 'nope')), []);
});
