import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRequest } from '../../src/limits/request.ts';
import { defaultLimits } from '../../src/limits/settings.ts';

const limits = {
  ...defaultLimits({ maxSteps: 50, maxWidth: 1024, maxHeight: 768, maxImagesPerRequest: 4 }, { maxPerUser: 5 }),
  maxPixels: 512 * 768,
};
const ok = { width: 512, height: 512, steps: 20, count: 4 };

test('a request within every limit passes', () => {
  assert.deepEqual(checkRequest(limits, ok), { ok: true });
  assert.deepEqual(checkRequest(limits, { ...ok, width: 768, height: 512 }), { ok: true });
});

test('each shape limit refuses with its name and a way out', () => {
  const refused = (r: ReturnType<typeof checkRequest>) => (r.ok ? assert.fail('expected a refusal') : r);
  let r = refused(checkRequest(limits, { ...ok, steps: 51 }));
  assert.equal(r.limit, 'maxSteps');
  assert.match(r.message, /51 steps.*at most 50.*50 steps or fewer/);
  r = refused(checkRequest(limits, { ...ok, width: 1032 }));
  assert.equal(r.limit, 'maxWidth');
  r = refused(checkRequest(limits, { ...ok, height: 1024 }));
  assert.equal(r.limit, 'maxHeight');
  r = refused(checkRequest(limits, { ...ok, width: 768, height: 768 }));
  assert.equal(r.limit, 'maxPixels');
  assert.match(r.message, /589824 pixels/);
  r = refused(checkRequest(limits, { ...ok, count: 5 }));
  assert.equal(r.limit, 'maxImagesPerRequest');
  r = refused(checkRequest({ ...limits, allowUploads: false }, { ...ok, hasUpload: true }));
  assert.equal(r.limit, 'allowUploads');
  assert.match(r.message, /uploads are turned off/);
  assert.deepEqual(checkRequest({ ...limits, allowUploads: false }, ok), { ok: true });
});
