// Whether the model runs on a fallback from a GPU provider configured ahead of it, and the command that fixes it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeModel } from '../../commands/info.ts';
import { inferenceFallback, providerFallback } from '../../src/inference/providers.ts';
import { HELD_MODEL as MODEL } from '../support/bot.ts';

test('cuda configured first but the model runs on cpu: named, with npm run install-cuda', () => {
  const f = providerFallback(['cuda', 'cpu'], 'cpu');
  assert.deepEqual(f?.wanted, ['cuda']);
  assert.match(f!.message, /asks for cuda first, but it is not available on this machine, so images are made on cpu/);
  assert.match(f!.message, /Fix: `npm run install-cuda`/);
  assert.match(f!.message, /EXECUTION_PROVIDERS=cpu/);
});

test('no warning when the first choice runs, or when only cpu was asked for', () => {
  assert.equal(providerFallback(['cuda', 'cpu'], 'cuda'), undefined);
  assert.equal(providerFallback(['cpu'], 'cpu'), undefined);
  assert.equal(providerFallback(['webgpu', 'cpu'], 'webgpu'), undefined);
  assert.deepEqual(providerFallback(['cuda', 'webgpu', 'cpu'], 'webgpu')?.wanted, ['cuda']);
});

test('/info shows the provider in use and says when it is a fallback', () => {
  const onCpu = { ...MODEL, executionProvider: 'cpu' };
  assert.match(describeModel(onCpu, ['cuda', 'cpu']), /on \*\*cpu\*\* \(cuda is configured but not available here/);
  assert.doesNotMatch(describeModel(onCpu, ['cpu']), /configured but/);
});

test("the bot's own fallback (log and health report): none with Redis, whose workers choose, or before a model loads", () => {
  const models = { executionProviders: ['cuda', 'cpu'] };
  const info = { executionProvider: 'cpu' };
  assert.deepEqual(inferenceFallback({ redis: {}, models }, info), providerFallback(['cuda', 'cpu'], 'cpu'));
  assert.equal(inferenceFallback({ redis: { url: 'redis://127.0.0.1:6379' }, models }, info), undefined);
  assert.equal(inferenceFallback({ redis: {}, models }, undefined), undefined);
});
