import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './helpers.ts';
import { UserError } from '../../src/errors.ts';

test('defaults until saved; partial updates; clearing a field; reset', () => {
  const s = setup();
  assert.deepEqual(s.settings.get('u1'), {
    aspectRatio: null,
    steps: null,
    spoiler: false,
    remix: false,
    updatedAt: null,
  });
  assert.deepEqual(s.settings.set('u1', { aspectRatio: '16:9' }), {
    aspectRatio: '16:9',
    steps: null,
    spoiler: false,
    remix: false,
    updatedAt: s.clock(),
  });
  s.clock.advance(5);
  s.settings.set('u1', { steps: 30, spoiler: true });
  assert.deepEqual(s.settings.get('u1'), {
    aspectRatio: '16:9',
    steps: 30,
    spoiler: true,
    remix: false,
    updatedAt: s.clock(),
  });
  s.settings.set('u1', { aspectRatio: null });
  assert.equal(s.settings.get('u1').aspectRatio, null);
  assert.equal(s.settings.get('u1').steps, 30);
  assert.equal(s.settings.get('u2').steps, null);
  assert.equal(s.settings.reset('u1'), true);
  assert.equal(s.settings.reset('u1'), false);
  assert.equal(s.settings.get('u1').spoiler, false);
});

test('bad values are refused with a message', () => {
  const s = setup();
  for (const aspectRatio of ['wide', '16x9', '0:1', '9:1', '100:1']) {
    assert.throws(
      () => s.settings.set('u1', { aspectRatio }),
      (e: unknown) => e instanceof UserError && /like 1:1, 3:2 or 9:16/.test(e.message),
    );
  }
  assert.throws(() => s.settings.set('u1', { steps: 0 }), /from 1 to 200/);
  assert.throws(() => s.settings.set('u1', { steps: 2.5 }), /from 1 to 200/);
  assert.equal(s.settings.get('u1').updatedAt, null);
});
