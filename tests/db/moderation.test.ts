import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, testOptions } from './helpers.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createStores } from '../../src/db/stores.ts';
import { UserError } from '../../src/errors.ts';
import { blocklistFor } from '../../src/moderation/blocklist.ts';

const H = 3600_000;

test('bans: with expiry, permanent, replaced, lifted, listed, audited', () => {
  const s = setup();
  const t0 = s.clock();
  const ban = s.moderation.ban({ guildId: 'g1', userId: 'u1', moderatorId: 'mod', reason: 'spam', expiresAt: t0 + H });
  assert.deepEqual([ban.userId, ban.reason, ban.expiresAt, ban.liftedAt], ['u1', 'spam', t0 + H, null]);
  assert.equal(s.moderation.activeBan('g1', 'u1')?.id, ban.id);
  assert.equal(s.moderation.activeBan('g2', 'u1'), null, 'per guild');
  assert.equal(s.moderation.activeBan('g1', 'u1', t0 + H), null, 'expired at its end');
  // A new ban replaces the one in force.
  const longer = s.moderation.ban({ guildId: 'g1', userId: 'u1', moderatorId: 'mod2', reason: 'again' });
  assert.equal(s.moderation.activeBan('g1', 'u1', t0 + 100 * H)?.id, longer.id);
  assert.equal(s.moderation.banHistory('g1', 'u1')[1]?.liftedBy, 'mod2');
  s.moderation.ban({ guildId: 'g1', userId: 'u2', moderatorId: 'mod' });
  assert.deepEqual(
    s.moderation
      .listBans('g1')
      .map((b) => b.userId)
      .sort(),
    ['u1', 'u2'],
  );
  // Unban.
  s.clock.advance(1000);
  const lifted = s.moderation.unban({ guildId: 'g1', userId: 'u1', moderatorId: 'mod3', reason: 'appeal accepted' });
  assert.equal(lifted?.liftedBy, 'mod3');
  assert.equal(s.moderation.activeBan('g1', 'u1'), null);
  assert.equal(s.moderation.unban({ guildId: 'g1', userId: 'u1', moderatorId: 'mod3' }), null, 'nothing to lift');
  // Direct messages have their own space.
  s.moderation.ban({ guildId: null, userId: 'u9', moderatorId: 'owner' });
  assert.equal(s.moderation.activeBan(null, 'u9')?.guildId, null);
  assert.equal(s.moderation.activeBan('g1', 'u9'), null);
  // Every action is in the audit log, newest first, with before and after.
  const log = s.audit.list({ guildId: 'g1' });
  assert.deepEqual(
    log.map((e) => [e.action, e.moderatorId, e.targetId]),
    [
      ['unban', 'mod3', 'u1'],
      ['ban', 'mod', 'u2'],
      ['ban', 'mod2', 'u1'],
      ['ban', 'mod', 'u1'],
    ],
  );
  assert.equal((log[0]?.before as { reason: string } | undefined)?.reason, 'again');
  assert.equal(log[0]?.reason, 'appeal accepted');
  assert.equal((log[2]?.before as { id: number } | undefined)?.id, ban.id);
  assert.equal(log[3]?.before, null);
  assert.throws(
    () => s.moderation.ban({ guildId: 'g1', userId: 'u3', moderatorId: 'mod', expiresAt: s.clock() - 1 }),
    UserError,
  );
});

test('blocklist entries: add, duplicates, remove, validation, audit, and use', () => {
  const s = setup();
  assert.deepEqual(
    s.moderation.blocklistAdd({ guildId: 'g1', pattern: '  Blood   Bath ', moderatorId: 'mod' }).added,
    true,
  );
  assert.deepEqual(
    s.moderation.blocklistAdd({ guildId: 'g1', pattern: 'blood bath', moderatorId: 'mod' }).added,
    false,
  );
  s.moderation.blocklistAdd({ guildId: 'g1', pattern: '/gr[o0]ss/', moderatorId: 'mod' });
  s.moderation.blocklistAdd({ guildId: 'g2', pattern: 'other', moderatorId: 'mod' });
  assert.deepEqual(
    s.moderation.blocklist('g1').map((e) => e.pattern),
    ['/gr[o0]ss/', 'blood bath'],
  );
  assert.throws(
    () => s.moderation.blocklistAdd({ guildId: 'g1', pattern: '/(a)\\1/', moderatorId: 'mod' }),
    (err: unknown) => err instanceof UserError && err.code === 'bad-pattern' && /Backreferences/.test(err.message),
  );
  const list = blocklistFor({ guildPatterns: s.moderation.blocklist('g1').map((e) => e.pattern), ageRestricted: true });
  assert.notEqual(list.match('a BLOOD-BATH'), null);
  assert.notEqual(list.match('gr0ss'), null);
  assert.equal(list.match('other'), null);
  assert.equal(s.moderation.blocklistRemove({ guildId: 'g1', pattern: 'BLOOD BATH', moderatorId: 'mod2' }), true);
  assert.equal(s.moderation.blocklistRemove({ guildId: 'g1', pattern: 'blood bath', moderatorId: 'mod2' }), false);
  assert.deepEqual(
    s.audit.list({ guildId: 'g1' }).map((e) => [e.action, e.targetId]),
    [
      ['blocklist.remove', 'blood bath'],
      ['blocklist.add', '/gr[o0]ss/'],
      ['blocklist.add', 'blood bath'],
    ],
  );
});

test('audit log: record any action, filter by moderator or target, page', () => {
  const s = setup();
  for (let i = 0; i < 5; i++) {
    s.audit.record({
      guildId: 'g1',
      moderatorId: i % 2 ? 'a' : 'b',
      action: 'queue.remove',
      targetType: 'job',
      targetId: String(i),
      before: { state: 'queued', prompt: `it's "p${i}"` },
      after: { state: 'cancelled' },
    });
  }
  const all = s.audit.list({ guildId: 'g1' });
  assert.equal(all.length, 5);
  assert.deepEqual(all[0]?.before, { state: 'queued', prompt: 'it\'s "p4"' });
  assert.deepEqual(
    s.audit.list({ guildId: 'g1', moderatorId: 'a' }).map((e) => e.targetId),
    ['3', '1'],
  );
  assert.deepEqual(
    s.audit.list({ guildId: 'g1', targetId: '2' }).map((e) => e.targetId),
    ['2'],
  );
  assert.deepEqual(
    s.audit.list({ guildId: 'g1', limit: 2, beforeId: all[1]!.id }).map((e) => e.targetId),
    ['2', '1'],
  );
  assert.equal(s.audit.list({ guildId: 'g2' }).length, 0);
});

// The store checks every entry itself (checkBlocklistPattern), so no caller can store a catastrophic regex.
test('blocklistAdd accepts words, phrases and sensible regexes', () => {
  const s = setup();
  const checkBlocklistEntry = (pattern: string) =>
    s.moderation.blocklistAdd({ guildId: 'g1', pattern, moderatorId: 'mod' });
  for (const ok of ['gore', 'blood bath', '/sk(u|e)lls?/', '/\\bkill(ing)?\\b/i', '/ca+t/'])
    assert.doesNotThrow(() => checkBlocklistEntry(ok), ok);
});

test('blocklistAdd refuses broken, slow and match-everything entries, storing nothing', () => {
  const s = setup();
  const checkBlocklistEntry = (pattern: string) =>
    s.moderation.blocklistAdd({ guildId: 'g1', pattern, moderatorId: 'mod' });
  const cases: [string, RegExp][] = [
    ['/[/', /not a regular expression the matching engine/],
    ['/(?<=a)b/', /lookbehind .* not supported/],
    ['/a{1001}/', /not a regular expression the matching engine/],
    ['/(\\w{20}){20}/', /too big/],
    ['/^/', /matches an empty prompt/],
    ['/a*/', /matches an empty prompt/],
    ['/\\s/', /matches nearly everything/],
    ['/[aeiou]/', /matches nearly everything/],
    ['/./s', /matches nearly everything/],
    ['   ', /empty/],
  ];
  for (const [input, message] of cases) {
    assert.throws(
      () => checkBlocklistEntry(input),
      (err: unknown) => err instanceof UserError && message.test(err.message),
      input,
    );
  }
  assert.deepEqual(s.moderation.blocklist('g1'), []);
});

test("blocklistAdd keeps a server's regexes within one budget, so a prompt check stays quick", () => {
  const s = setup();
  const add = (pattern: string) => s.moderation.blocklistAdd({ guildId: 'g1', pattern, moderatorId: 'mod' });
  // Each about 180 steps: three fit in the budget of 600, the fourth does not; plain words always do.
  for (let i = 0; i < 3; i++) add(`/q${i}${'x?'.repeat(90)}z/`);
  assert.throws(
    () => add(`/q9${'x?'.repeat(90)}z/`),
    (err: unknown) =>
      err instanceof UserError && /together compile to \d+ steps, and the limit is 600/.test(err.message),
  );
  assert.doesNotThrow(() => add('gore'));
  assert.doesNotThrow(() => add(`/q0${'x?'.repeat(90)}z/`), 'an entry already there is not counted twice');
  assert.throws(() => add(`/q8${'x?'.repeat(90)}z/`));
  assert.equal(s.moderation.blocklist('g2').length, 0);
  assert.doesNotThrow(
    () => s.moderation.blocklistAdd({ guildId: 'g2', pattern: `/q9${'x?'.repeat(90)}z/`, moderatorId: 'mod' }),
    'budgets are per server',
  );
});

test("a server's blocklist, read at every decision, follows every change: this connection's and another's", () => {
  const s = setup({ file: true });
  const other = createStores(openDatabase(s.path), testOptions);
  const patterns = () => s.moderation.blocklist('g1').map((e) => e.pattern);
  assert.deepEqual(patterns(), []);
  assert.deepEqual(patterns(), []);
  other.moderation.blocklistAdd({ guildId: 'g1', pattern: 'zeppelin', moderatorId: 'mod' });
  assert.deepEqual(patterns(), ['zeppelin'], "another connection's entry counts at once");
  s.moderation.blocklistRemove({ guildId: 'g1', pattern: 'zeppelin', moderatorId: 'mod' });
  assert.deepEqual(patterns(), [], "this connection's removal counts at once");
  assert.deepEqual(
    other.moderation.blocklist('g1').map((e) => e.pattern),
    [],
  );
  other.database.close();
});
