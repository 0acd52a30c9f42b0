import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultLimits,
  formatLimitValue,
  parseLimitValue,
  resolveLimits,
  type OverrideEntry,
} from '../../src/limits/settings.ts';

const ceilings = { maxSteps: 50, maxWidth: 1024, maxHeight: 1024, maxImagesPerRequest: 4 };
const defaults = defaultLimits(ceilings, { maxPerUser: 5 });
const resolve = (overrides: OverrideEntry[], roleIds: string[] = [], userId = 'u1') =>
  resolveLimits({ defaults, ceilings, overrides, userId, roleIds });

test('defaults come from the ceilings and the queue bound', () => {
  assert.equal(defaults.maxSteps, 50);
  assert.equal(defaults.maxImagesPerRequest, 4);
  assert.equal(defaults.userMaxQueued, 5);
  assert.equal(defaults.guildImagesPerDay, null);
  const r = resolve([]);
  assert.deepEqual(r.values, defaults);
  assert.deepEqual(r.sources.userImagesPerDay, { level: 'default' });
});

test('guild overrides the default', () => {
  const r = resolve([{ scope: 'guild', targetId: 'g', key: 'userImagesPerDay', value: 20 }]);
  assert.equal(r.values.userImagesPerDay, 20);
  assert.deepEqual(r.sources.userImagesPerDay, { level: 'guild' });
  assert.deepEqual(r.sources.maxSteps, { level: 'default' });
});

test('a role overrides the guild, the most generous of several roles wins, roles not held are ignored', () => {
  const overrides: OverrideEntry[] = [
    { scope: 'guild', targetId: 'g', key: 'userImagesPerDay', value: 20 },
    { scope: 'role', targetId: 'supporter', key: 'userImagesPerDay', value: 200 },
    { scope: 'role', targetId: 'regular', key: 'userImagesPerDay', value: 50 },
    { scope: 'role', targetId: 'vip', key: 'userImagesPerDay', value: null }, // unlimited
    { scope: 'role', targetId: 'slow', key: 'userCooldownSeconds', value: 60 },
    { scope: 'role', targetId: 'fast', key: 'userCooldownSeconds', value: 5 },
    { scope: 'role', targetId: 'muted', key: 'allowUploads', value: false },
    { scope: 'role', targetId: 'artist', key: 'allowUploads', value: true },
    { scope: 'role', targetId: 'strict', key: 'spoilerRequired', value: true },
    { scope: 'role', targetId: 'lenient', key: 'spoilerRequired', value: false },
  ];
  assert.equal(resolve(overrides, ['regular']).values.userImagesPerDay, 50);
  assert.equal(resolve(overrides, ['regular', 'supporter']).values.userImagesPerDay, 200);
  assert.deepEqual(resolve(overrides, ['regular', 'supporter']).sources.userImagesPerDay, {
    level: 'role',
    roleId: 'supporter',
  });
  assert.equal(resolve(overrides, ['supporter', 'vip']).values.userImagesPerDay, null);
  assert.equal(resolve(overrides, ['someone-else']).values.userImagesPerDay, 20);
  // For a cooldown, shorter is more generous.
  assert.equal(resolve(overrides, ['slow', 'fast']).values.userCooldownSeconds, 5);
  assert.equal(resolve(overrides, ['muted', 'artist']).values.allowUploads, true);
  assert.equal(resolve(overrides, ['muted']).values.allowUploads, false);
  assert.equal(resolve(overrides, ['strict', 'lenient']).values.spoilerRequired, false);
  assert.equal(resolve(overrides, ['strict']).values.spoilerRequired, true);
  // A role can also lower a limit below the guild's (a "no images" role).
  assert.equal(
    resolve(
      [...overrides, { scope: 'role', targetId: 'banned-ish', key: 'userImagesPerDay', value: 0 }],
      ['banned-ish'],
    ).values.userImagesPerDay,
    0,
  );
});

test('a user override beats roles and guild, whether unlimited or zero; other users are ignored', () => {
  const overrides: OverrideEntry[] = [
    { scope: 'guild', targetId: 'g', key: 'userImagesPerDay', value: 20 },
    { scope: 'role', targetId: 'supporter', key: 'userImagesPerDay', value: 200 },
    { scope: 'user', targetId: 'u1', key: 'userImagesPerDay', value: 0 },
    { scope: 'user', targetId: 'u2', key: 'userImagesPerDay', value: null },
  ];
  assert.equal(resolve(overrides, ['supporter'], 'u1').values.userImagesPerDay, 0);
  assert.deepEqual(resolve(overrides, ['supporter'], 'u1').sources.userImagesPerDay, { level: 'user' });
  assert.equal(resolve(overrides, [], 'u2').values.userImagesPerDay, null);
  assert.equal(resolve(overrides, [], 'u3').values.userImagesPerDay, 20);
});

test('ceilings cap sizes and steps, and "unlimited" means up to the ceiling', () => {
  const r = resolve([
    { scope: 'user', targetId: 'u1', key: 'maxSteps', value: null },
    { scope: 'guild', targetId: 'g', key: 'maxWidth', value: 4096 },
    { scope: 'guild', targetId: 'g', key: 'maxHeight', value: 512 },
  ]);
  assert.equal(r.values.maxSteps, 50);
  assert.equal(r.values.maxWidth, 1024);
  assert.equal(r.values.maxHeight, 512);
});

test('guild-only keys set at role or user level are ignored', () => {
  const r = resolve([{ scope: 'user', targetId: 'u1', key: 'guildImagesPerDay', value: 5 }]);
  assert.equal(r.values.guildImagesPerDay, null);
});

test('parseLimitValue accepts what moderators type and explains what it refuses', () => {
  const p = (
    key: Parameters<typeof parseLimitValue>[0],
    raw: string | number | boolean | null,
    scope: 'guild' | 'role' | 'user' = 'guild',
  ) => parseLimitValue(key, raw, scope, ceilings);
  assert.deepEqual(p('userImagesPerDay', '20'), { ok: true, value: 20 });
  assert.deepEqual(p('userImagesPerDay', ' Unlimited '), { ok: true, value: null });
  assert.deepEqual(p('userImagesPerDay', '-1'), { ok: true, value: null });
  assert.deepEqual(p('userImagesPerDay', -1), { ok: true, value: null });
  assert.deepEqual(p('userImagesPerDay', '0'), { ok: true, value: 0 });
  assert.deepEqual(p('userCooldownSeconds', 'none'), { ok: true, value: 0 });
  assert.deepEqual(p('allowUploads', 'no'), { ok: true, value: false });
  assert.deepEqual(p('spoilerRequired', true), { ok: true, value: true });
  assert.deepEqual(p('maxWidth', '768'), { ok: true, value: 768 });
  const refused = (r: ReturnType<typeof p>) => (r.ok ? assert.fail('expected a refusal') : r.message);
  assert.match(refused(p('userImagesPerDay', 'lots')), /whole number/);
  assert.match(refused(p('userImagesPerDay', '2.5')), /whole number/);
  assert.match(refused(p('maxSteps', '80')), /at most 50/);
  assert.match(refused(p('maxWidth', '700')), /multiple of 8.*696/);
  assert.match(refused(p('maxSteps', '0')), /at least 1/);
  assert.match(refused(p('userCooldownSeconds', 'unlimited')), /0 for no cooldown/);
  assert.match(refused(p('allowUploads', 'maybe')), /yes or no/);
  assert.match(refused(p('guildImagesPerDay', '10', 'role')), /only be set for the whole server/);
  // The server's default scheduler: A1111 or internal names, "default" for the model's own, server level only.
  assert.deepEqual(p('defaultScheduler', 'DPM++ 2M Karras'), { ok: true, value: 'dpmpp-2m-karras' });
  assert.deepEqual(p('defaultScheduler', 'euler-ancestral'), { ok: true, value: 'euler-ancestral' });
  assert.deepEqual(p('defaultScheduler', 'Default'), { ok: true, value: null });
  assert.match(
    refused(p('defaultScheduler', 'DPM++ 3M')),
    /takes a scheduler: one of PNDM, Euler, Euler a, .*"default"/,
  );
  assert.match(refused(p('defaultScheduler', 'Euler', 'role')), /only be set for the whole server/);
});

test('formatLimitValue', () => {
  assert.equal(formatLimitValue('userImagesPerDay', null), 'unlimited');
  assert.equal(formatLimitValue('userCooldownSeconds', 30), '30 s');
  assert.equal(formatLimitValue('userCooldownSeconds', 0), 'none');
  assert.equal(formatLimitValue('maxWidth', 768), '768 px');
  assert.equal(formatLimitValue('allowUploads', false), 'no');
  assert.equal(formatLimitValue('defaultScheduler', 'dpmpp-2m-sde'), 'DPM++ 2M SDE');
  assert.equal(formatLimitValue('defaultScheduler', null), "the model's own");
});
