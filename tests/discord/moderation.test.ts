// The shared helpers of the moderator commands: durations, formatting. (Blocklist entry checks: tests/db/moderation.test.ts.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../../src/errors.ts';
import { formatAuditEntry, formatDuration, parseDuration, roleIdsOf, truncate } from '../../src/discord/moderation.ts';

const H = 3_600_000;
const D = 24 * H;

test('parseDuration reads units, words and combinations', () => {
  assert.equal(parseDuration('30m'), 30 * 60_000);
  assert.equal(parseDuration('1h'), H);
  assert.equal(parseDuration('7d'), 7 * D);
  assert.equal(parseDuration('2w'), 14 * D);
  assert.equal(parseDuration('1d12h'), 36 * H);
  assert.equal(parseDuration(' 1 day, 6 hours '), 30 * H);
  assert.equal(parseDuration('1.5h'), 1.5 * H);
  assert.equal(parseDuration('90 MINUTES'), 90 * 60_000);
});

test('parseDuration refuses what it cannot read, with the form to use', () => {
  for (const [input, message] of [
    ['', /empty/],
    ['soon', /not a duration I understand/],
    ['7', /not a duration/],
    ['5 parsecs', /"parsecs" is not a unit/],
    ['1h and then some', /not a duration/],
    ['30s', /at least one minute/],
    ['0d', /not a duration/],
    ['2y', /"y" is not a unit/],
    ['53w', /longer than a year/],
  ] as const) {
    assert.throws(
      () => parseDuration(input),
      (err: unknown) =>
        err instanceof UserError &&
        message.test(err.message) &&
        (input === '30s' || input === '53w' || /30m, 12h, 7d or 2w/.test(err.message)),
      input,
    );
  }
});

test('formatDuration shows the two largest units', () => {
  assert.equal(formatDuration(7 * D), '1 w');
  assert.equal(formatDuration(36 * H), '1 d 12 h');
  assert.equal(formatDuration(90 * 60_000), '1 h 30 min');
  assert.equal(formatDuration(120_000), '2 min');
  assert.equal(formatDuration(0), '0 s');
});

test('roleIdsOf reads raw and cached members and leaves out @everyone', () => {
  assert.deepEqual(roleIdsOf({ roles: ['1', 'g', '2'] }, 'g'), ['1', '2']);
  assert.deepEqual(
    roleIdsOf(
      {
        roles: {
          cache: new Map([
            ['g', {}],
            ['3', {}],
          ]),
        },
      },
      'g',
    ),
    ['3'],
  );
  assert.deepEqual(roleIdsOf(null, 'g'), []);
});

test("truncate keeps messages inside Discord's limit and says it cut", () => {
  const long = Array.from({ length: 300 }, (_, i) => `line ${i}`).join('\n');
  const cut = truncate(long);
  assert.ok(cut.length <= 2000);
  assert.match(cut, /cut short/);
  assert.equal(truncate('short'), 'short');
});

test('formatAuditEntry names the action, target, change and reason', () => {
  const base = {
    id: 7,
    at: 1_700_000_000_000,
    guildId: 'g',
    moderatorId: '42',
    targetType: 'user',
    targetId: '9',
    reason: null,
  };
  assert.equal(
    formatAuditEntry({ ...base, action: 'limits.set', before: { maxSteps: 20 }, after: { maxSteps: 30 } }),
    '`#7` <t:1700000000:R> <@42> set a limit for <@9> (maxSteps=20 → maxSteps=30)',
  );
  assert.equal(
    formatAuditEntry({ ...base, action: 'ban', before: null, after: { expiresAt: null }, reason: 'spam' }),
    '`#7` <t:1700000000:R> <@42> banned <@9> with no end — “spam”',
  );
  assert.equal(
    formatAuditEntry({
      ...base,
      action: 'blocklist.add',
      targetType: 'pattern',
      targetId: 'gore',
      before: null,
      after: {},
    }),
    '`#7` <t:1700000000:R> <@42> added to the blocklist `gore`',
  );
});
