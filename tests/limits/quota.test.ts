import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideQuota, discordRelative, rollingRetryAt, WINDOW_MS, type QuotaSnapshot } from '../../src/limits/quota.ts';
import { defaultLimits } from '../../src/limits/settings.ts';

const now = Date.UTC(2026, 0, 15, 12);
const H = 3600_000;
const base: QuotaSnapshot = {
  now,
  images: 4,
  limits: {
    ...defaultLimits({ maxSteps: 50, maxWidth: 1024, maxHeight: 1024, maxImagesPerRequest: 4 }, { maxPerUser: 3 }),
    userImagesPerDay: 20,
    userCooldownSeconds: 30,
    guildImagesPerDay: 100,
  },
  ban: null,
  userQueued: 0,
  queueWaiting: 0,
  maxWaiting: 10,
  lastRequestAt: null,
  userImagesUsed: 0,
  guildImagesUsed: 0,
  userWindow: () => [],
  guildWindow: () => [],
};
const refused = (s: Partial<QuotaSnapshot>) => {
  const v = decideQuota({ ...base, ...s });
  return v.ok ? assert.fail('expected a refusal') : v;
};

test('discordRelative uses whole seconds, rounded up', () => {
  assert.equal(discordRelative(1_700_000_000_000), '<t:1700000000:R>');
  assert.equal(discordRelative(1_700_000_000_001), '<t:1700000001:R>');
});

test('rollingRetryAt: when the oldest entries have expired enough', () => {
  const entries = [
    { at: now - 20 * H, images: 4 },
    { at: now - 10 * H, images: 4 },
    { at: now - 1 * H, images: 4 },
  ];
  // 12 used of 12: one more image needs the oldest (4) to expire.
  assert.equal(rollingRetryAt(entries, 12, 1), now - 20 * H + WINDOW_MS);
  // 5 more need two entries gone.
  assert.equal(rollingRetryAt(entries, 12, 5), now - 10 * H + WINDOW_MS);
  assert.equal(rollingRetryAt(entries, 12, 13), null);
  assert.equal(rollingRetryAt(entries, 20, 4), 0);
  // Order of the input does not matter.
  assert.equal(rollingRetryAt([...entries].reverse(), 12, 1), now - 20 * H + WINDOW_MS);
});

test('within every limit: accepted', () => {
  assert.deepEqual(decideQuota(base), { ok: true });
  assert.deepEqual(decideQuota({ ...base, userImagesUsed: 16, guildImagesUsed: 96, lastRequestAt: now - 30_000 }), {
    ok: true,
  });
});

test('banned, with and without an end; an expired ban does not count', () => {
  let v = refused({ ban: { expiresAt: now + H, reason: 'spam' } });
  assert.equal(v.limit, 'banned');
  assert.equal(v.retryAt, now + H);
  assert.match(v.message, /banned.*reason: spam.*ends <t:\d+:R>/);
  v = refused({ ban: { expiresAt: null, reason: null } });
  assert.equal(v.retryAt, null);
  assert.match(v.message, /no end date/);
  assert.deepEqual(decideQuota({ ...base, ban: { expiresAt: now - 1, reason: null } }), { ok: true });
});

test('jobs waiting per user', () => {
  const v = refused({ userQueued: 3 });
  assert.equal(v.limit, 'userMaxQueued');
  assert.equal(v.retryAt, null);
  assert.match(v.message, /3 jobs waiting.*\(3\)/);
  assert.deepEqual(decideQuota({ ...base, userQueued: 2 }), { ok: true });
  assert.deepEqual(decideQuota({ ...base, userQueued: 50, limits: { ...base.limits, userMaxQueued: null } }), {
    ok: true,
  });
});

test('cooldown between requests', () => {
  const v = refused({ lastRequestAt: now - 10_000 });
  assert.equal(v.limit, 'cooldown');
  assert.equal(v.retryAt, now + 20_000);
  assert.match(v.message, new RegExp(`30 seconds.*<t:${(now + 20_000) / 1000}:R>`));
  assert.deepEqual(
    decideQuota({ ...base, lastRequestAt: now - 10_000, limits: { ...base.limits, userCooldownSeconds: 0 } }),
    { ok: true },
  );
});

test('user images per rolling day: says when enough frees up', () => {
  const window = [
    { at: now - 23 * H, images: 4 },
    { at: now - 2 * H, images: 4 },
    { at: now - H, images: 12 },
  ];
  let v = refused({ userImagesUsed: 20, userWindow: () => window });
  assert.equal(v.limit, 'userImagesPerDay');
  assert.equal(v.retryAt, now + H);
  assert.match(v.message, /used 20 of your 20 images.*available again <t:\d+:R>/);
  // 2 left, 4 asked: can ask for 2 now.
  v = refused({ userImagesUsed: 18, userWindow: () => window.slice(0, 2).concat([{ at: now - H, images: 10 }]) });
  assert.match(v.message, /you can ask for 2 now/);
  v = refused({ images: 4, limits: { ...base.limits, userImagesPerDay: 3 } });
  assert.equal(v.retryAt, null);
  assert.match(v.message, /asked for 4 images, but you may make 3 per day/);
  v = refused({ limits: { ...base.limits, userImagesPerDay: 0 } });
  assert.match(v.message, /daily limit is 0/);
  assert.deepEqual(
    decideQuota({ ...base, userImagesUsed: 10_000, limits: { ...base.limits, userImagesPerDay: null } }),
    { ok: true },
  );
});

test('the window is only read when the limit is hit', () => {
  let reads = 0;
  decideQuota({ ...base, userWindow: () => (reads++, []), guildWindow: () => (reads++, []) });
  assert.equal(reads, 0);
});

test('guild images per rolling day', () => {
  const v = refused({ guildImagesUsed: 98, guildWindow: () => [{ at: now - 5 * H, images: 98 }] });
  assert.equal(v.limit, 'guildImagesPerDay');
  assert.equal(v.retryAt, now - 5 * H + WINDOW_MS);
  assert.match(v.message, /This server has used 98 of its 100 images/);
});

test('a full queue refuses and says nothing was charged', () => {
  const v = refused({ queueWaiting: 10 });
  assert.equal(v.limit, 'queueFull');
  assert.match(v.message, /queue is full: 10 jobs waiting.*Nothing was charged/);
  assert.deepEqual(decideQuota({ ...base, queueWaiting: 10_000, maxWaiting: null }), { ok: true });
});

test('checks come in order: ban first, then jobs waiting, cooldown, user day, guild day, queue', () => {
  const all: Partial<QuotaSnapshot> = {
    ban: { expiresAt: null, reason: null },
    userQueued: 3,
    lastRequestAt: now,
    userImagesUsed: 20,
    guildImagesUsed: 100,
    queueWaiting: 10,
  };
  assert.equal(refused(all).limit, 'banned');
  assert.equal(refused({ ...all, ban: null }).limit, 'userMaxQueued');
  assert.equal(refused({ ...all, ban: null, userQueued: 0 }).limit, 'cooldown');
  assert.equal(refused({ ...all, ban: null, userQueued: 0, lastRequestAt: null }).limit, 'userImagesPerDay');
  assert.equal(
    refused({ ...all, ban: null, userQueued: 0, lastRequestAt: null, userImagesUsed: 0 }).limit,
    'guildImagesPerDay',
  );
  assert.equal(
    refused({ ...all, ban: null, userQueued: 0, lastRequestAt: null, userImagesUsed: 0, guildImagesUsed: 0 }).limit,
    'queueFull',
  );
});
