import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buttonActions, decodeCustomId, encodeCustomId } from '../../src/discord/custom-id.ts';

test('every action round-trips, with and without an index, within 100 characters', () => {
  for (const action of buttonActions) {
    for (const index of [undefined, 0, 3]) {
      const id = encodeCustomId({ action, jobId: 9007199254740991, index });
      assert.ok(id.length <= 100);
      assert.deepEqual(
        decodeCustomId(id),
        index === undefined ? { action, jobId: 9007199254740991 } : { action, jobId: 9007199254740991, index },
      );
    }
  }
});

test('malformed or unknown custom_ids decode to null', () => {
  for (const bad of [
    '',
    'upscale',
    'upscale:',
    'upscale:0',
    'upscale:-1',
    'upscale:12:10',
    'nuke:12',
    'UPSCALE:12',
    'upscale:12:1:2',
    'upscale:1e3',
    'upscale:99999999999999999',
    'v1:upscale:12',
  ]) {
    assert.equal(decodeCustomId(bad), null, bad);
  }
});
