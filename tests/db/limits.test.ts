import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './helpers.ts';
import { UserError } from '../../src/errors.ts';

test('set, show and reset at guild, role and user level, live', () => {
  const s = setup();
  const m = { guildId: 'g1', userId: 'u1', roleIds: ['supporter'] };
  assert.equal(s.limits.resolve(m).values.userImagesPerDay, 100);
  assert.deepEqual(
    s.limits.set({ guildId: 'g1', scope: 'guild', key: 'userImagesPerDay', value: '20', moderatorId: 'mod' }),
    { before: undefined, after: 20 },
  );
  assert.equal(s.limits.resolve(m).values.userImagesPerDay, 20);
  s.limits.set({
    guildId: 'g1',
    scope: 'role',
    targetId: 'supporter',
    key: 'userImagesPerDay',
    value: 60,
    moderatorId: 'mod',
  });
  assert.equal(s.limits.resolve(m).values.userImagesPerDay, 60);
  assert.equal(s.limits.resolve({ ...m, roleIds: [] }).values.userImagesPerDay, 20);
  s.limits.set({
    guildId: 'g1',
    scope: 'user',
    targetId: 'u1',
    key: 'userImagesPerDay',
    value: 'unlimited',
    moderatorId: 'mod',
  });
  assert.equal(s.limits.resolve(m).values.userImagesPerDay, null);
  assert.deepEqual(s.limits.resolve(m).sources.userImagesPerDay, { level: 'user' });
  assert.deepEqual(
    s.limits.set({
      guildId: 'g1',
      scope: 'user',
      targetId: 'u1',
      key: 'userImagesPerDay',
      value: 0,
      moderatorId: 'mod',
    }),
    { before: null, after: 0 },
  );
  assert.equal(s.limits.resolve(m).values.userImagesPerDay, 0);
  s.limits.set({ guildId: 'g1', scope: 'guild', key: 'spoilerRequired', value: 'yes', moderatorId: 'mod' });
  assert.equal(s.limits.resolve(m).values.spoilerRequired, true);
  // Another guild is untouched.
  assert.equal(s.limits.resolve({ ...m, guildId: 'g2' }).values.userImagesPerDay, 100);

  assert.deepEqual(
    s.limits.list({ guildId: 'g1' }).map((o) => [o.scope, o.targetId, o.key, o.value]),
    [
      ['guild', 'g1', 'spoilerRequired', true],
      ['guild', 'g1', 'userImagesPerDay', 20],
      ['role', 'supporter', 'userImagesPerDay', 60],
      ['user', 'u1', 'userImagesPerDay', 0],
    ],
  );
  assert.deepEqual(
    s.limits.list({ guildId: 'g1', scope: 'role', targetId: 'supporter' }).map((o) => o.updatedBy),
    ['mod'],
  );

  assert.equal(
    s.limits.reset({ guildId: 'g1', scope: 'user', targetId: 'u1', key: 'userImagesPerDay', moderatorId: 'mod' })
      .length,
    1,
  );
  assert.equal(s.limits.resolve(m).values.userImagesPerDay, 60);
  assert.equal(s.limits.reset({ guildId: 'g1', scope: 'guild', moderatorId: 'mod' }).length, 2);
  assert.equal(s.limits.resolve({ ...m, roleIds: [] }).values.userImagesPerDay, 100);
  assert.equal(s.limits.reset({ guildId: 'g1', scope: 'guild', moderatorId: 'mod' }).length, 0);
});

test('every change is audited with before and after; a reset of nothing is not', () => {
  const s = setup();
  s.limits.set({ guildId: 'g1', scope: 'role', targetId: 'r1', key: 'maxSteps', value: 30, moderatorId: 'alice' });
  s.clock.advance(1000);
  s.limits.set({ guildId: 'g1', scope: 'role', targetId: 'r1', key: 'maxSteps', value: 40, moderatorId: 'bob' });
  s.limits.reset({ guildId: 'g1', scope: 'role', targetId: 'r1', moderatorId: 'carol' });
  s.limits.reset({ guildId: 'g1', scope: 'role', targetId: 'r1', moderatorId: 'carol' });
  const log = s.audit.list({ guildId: 'g1' });
  assert.deepEqual(
    log.map((e) => [e.action, e.moderatorId, e.targetType, e.targetId, e.before, e.after]),
    [
      ['limits.reset', 'carol', 'role', 'r1', { maxSteps: 40 }, null],
      ['limits.set', 'bob', 'role', 'r1', { maxSteps: 30 }, { maxSteps: 40 }],
      ['limits.set', 'alice', 'role', 'r1', null, { maxSteps: 30 }],
    ],
  );
  assert.equal(log[1]!.at - log[2]!.at, 1000);
});

test('bad keys and values are refused politely and change nothing', () => {
  const s = setup();
  const refused = (fn: () => unknown, re: RegExp) =>
    assert.throws(fn, (err: unknown) => err instanceof UserError && err.code === 'bad-limit' && re.test(err.message));
  refused(
    () => s.limits.set({ guildId: 'g1', scope: 'guild', key: 'imagesPerWeek', value: 1, moderatorId: 'm' }),
    /no limit called "imagesPerWeek".*userImagesPerDay/,
  );
  refused(
    () => s.limits.set({ guildId: 'g1', scope: 'guild', key: 'maxSteps', value: 500, moderatorId: 'm' }),
    /at most 50/,
  );
  refused(
    () =>
      s.limits.set({
        guildId: 'g1',
        scope: 'user',
        targetId: 'u1',
        key: 'guildImagesPerDay',
        value: 5,
        moderatorId: 'm',
      }),
    /whole server/,
  );
  refused(() => s.limits.reset({ guildId: 'g1', scope: 'guild', key: 'nope', moderatorId: 'm' }), /no limit called/);
  assert.equal(s.limits.list({ guildId: 'g1' }).length, 0);
  assert.equal(s.audit.list({ guildId: 'g1' }).length, 0);
  assert.throws(
    () => s.limits.set({ guildId: 'g1', scope: 'user', key: 'maxSteps', value: 5, moderatorId: 'm' }),
    TypeError,
  );
});

test('a key stored by a later version is ignored, not fatal', () => {
  const s = setup();
  s.database.sqlite
    .prepare(`INSERT INTO limit_overrides (guild_id, scope, target_id, key, value, updated_at)
    VALUES ('g1', 'guild', 'g1', 'futureKey', '1', 0)`)
    .run();
  assert.equal(s.limits.resolve({ guildId: 'g1', userId: 'u', roleIds: [] }).values.userImagesPerDay, 100);
  assert.equal(s.limits.list({ guildId: 'g1' }).length, 0);
});

test('direct messages (no guild) resolve to the defaults and their own overrides', () => {
  const s = setup();
  s.limits.set({ guildId: null, scope: 'guild', key: 'userImagesPerDay', value: 3, moderatorId: 'owner' });
  assert.equal(s.limits.resolve({ guildId: null, userId: 'u', roleIds: [] }).values.userImagesPerDay, 3);
  assert.equal(s.limits.resolve({ guildId: 'g1', userId: 'u', roleIds: [] }).values.userImagesPerDay, 100);
  assert.equal(s.limits.list({ guildId: null })[0]?.guildId, null);
});
