import { test } from 'node:test';
import assert from 'node:assert/strict';
import { params, setup } from './helpers.ts';

const DAY = 86_400_000;

function seed(s: ReturnType<typeof setup>) {
  const t0 = s.clock();
  const accepted = (
    userId: string,
    guildId: string | null,
    images: number,
    outcome: 'done' | 'failed' | 'cancelled',
    runMs = 1000,
  ) => {
    const job = s.jobs.create({ userId, guildId, channelId: 'c', model: 'm', params: params({ count: images }) });
    s.usage.log({
      userId,
      guildId,
      channelId: 'c',
      kind: 'imagine',
      prompt: 'a fox',
      params: { steps: 20 },
      seed: 42,
      model: 'm',
      images,
      decision: 'accepted',
      jobId: job.id,
    });
    s.clock.advance(500);
    s.jobs.markRunning(job.id);
    s.clock.advance(runMs);
    if (outcome === 'done')
      s.jobs.markDone(
        job.id,
        Array.from({ length: images }, (_, i) => ({ png: new Uint8Array([i]), seed: i, width: 8, height: 8 })),
      );
    else if (outcome === 'failed') s.jobs.markFailed(job.id, 'boom');
    else s.jobs.markCancelled(job.id);
  };
  const refused = (userId: string, guildId: string | null, reasonCode: string) =>
    s.usage.log({
      userId,
      guildId,
      channelId: 'c',
      kind: 'imagine',
      prompt: 'nope',
      images: 4,
      decision: 'refused',
      reasonCode,
      reason: `refused: ${reasonCode}`,
    });
  // Day 0
  accepted('alice', 'g1', 4, 'done');
  accepted('bob', 'g1', 2, 'done');
  refused('bob', 'g1', 'cooldown');
  // Day 1
  s.clock.set(t0 + DAY);
  accepted('alice', 'g1', 4, 'done');
  accepted('alice', 'g1', 4, 'failed');
  refused('carol', 'g1', 'blocklist');
  refused('carol', 'g1', 'blocklist');
  accepted('dave', 'g2', 1, 'done');
  accepted('erin', null, 1, 'cancelled');
  // Day 3 (day 2 empty)
  s.clock.set(t0 + 3 * DAY);
  accepted('bob', 'g1', 1, 'done');
  return { t0 };
}

test('totals for a guild, a user, everywhere, and direct messages', () => {
  const s = setup();
  const { t0 } = seed(s);
  const period = { since: t0, until: t0 + 4 * DAY };
  const g1 = s.usage.totals({ ...period, guildId: 'g1' });
  assert.deepEqual(
    { ...g1, avgWaitMs: Math.round(g1.avgWaitMs!), avgRunMs: Math.round(g1.avgRunMs!) },
    {
      requests: 8,
      accepted: 5,
      refused: 3,
      imagesRequested: 15,
      imagesMade: 11,
      done: 4,
      failed: 1,
      cancelled: 0,
      avgWaitMs: 500,
      avgRunMs: 1000,
      users: 3,
    },
  );
  assert.equal(s.usage.totals({ ...period, guildId: 'g1', userId: 'alice' }).imagesMade, 8);
  assert.equal(s.usage.totals({ ...period, userId: 'alice' }).requests, 3);
  assert.equal(s.usage.totals(period).requests, 10);
  assert.deepEqual(
    [s.usage.totals({ ...period, guildId: null }).cancelled, s.usage.totals({ ...period, guildId: null }).users],
    [1, 1],
  );
  // The period bounds: [since, until).
  assert.equal(s.usage.totals({ since: t0 + DAY, until: t0 + 2 * DAY, guildId: 'g1' }).requests, 4);
  assert.deepEqual(s.usage.totals({ since: 0, until: 1 }).requests, 0);
  assert.equal(s.usage.totals({ since: 0, until: 1 }).avgRunMs, null);
});

test('top users and refusals', () => {
  const s = setup();
  const { t0 } = seed(s);
  const period = { since: t0, until: t0 + 4 * DAY, guildId: 'g1' };
  assert.deepEqual(s.usage.topUsers(period), [
    { userId: 'alice', requests: 3, refused: 0, images: 8 },
    { userId: 'bob', requests: 3, refused: 1, images: 3 },
    { userId: 'carol', requests: 2, refused: 2, images: 0 },
  ]);
  assert.equal(s.usage.topUsers(period, 1).length, 1);
  const r = s.usage.refusals(period);
  assert.deepEqual(r.byReason, [
    { reasonCode: 'blocklist', count: 2 },
    { reasonCode: 'cooldown', count: 1 },
  ]);
  assert.deepEqual(
    r.recent.map((e) => [e.userId, e.reasonCode, e.reason, e.decision]),
    [
      ['carol', 'blocklist', 'refused: blocklist', 'refused'],
      ['carol', 'blocklist', 'refused: blocklist', 'refused'],
      ['bob', 'cooldown', 'refused: cooldown', 'refused'],
    ],
  );
  assert.deepEqual(s.usage.refusals({ ...period, userId: 'bob' }).byReason, [{ reasonCode: 'cooldown', count: 1 }]);
});

test("images per day: every day present, zeros included, in the server's time zone", () => {
  const s = setup();
  const { t0 } = seed(s); // t0 is 12:00 UTC
  const since = Date.UTC(2026, 0, 15);
  const series = s.usage.imagesPerDay({ since, until: since + 5 * DAY, guildId: 'g1' });
  assert.deepEqual(series, [
    { day: '2026-01-15', images: 6 },
    { day: '2026-01-16', images: 4 },
    { day: '2026-01-17', images: 0 },
    { day: '2026-01-18', images: 1 },
    { day: '2026-01-19', images: 0 },
  ]);
  assert.equal(t0, since + 12 * 3600_000);
  // At UTC+13, 12:00 UTC is already the next day.
  const east = s.usage.imagesPerDay(
    { since: since - 13 * 3600_000, until: since - 13 * 3600_000 + 5 * DAY, guildId: 'g1' },
    13 * 60,
  );
  assert.deepEqual(
    east.map((d) => d.images),
    [0, 6, 4, 0, 1],
  );
  assert.equal(east[1]?.day, '2026-01-16');
});

test('list pages newest first; the usage entry links its job and records the outcome', () => {
  const s = setup();
  const { t0 } = seed(s);
  const period = { since: t0, until: t0 + 4 * DAY };
  const page1 = s.usage.list(period, { limit: 4 });
  const page2 = s.usage.list(period, { limit: 4, beforeId: page1.at(-1)!.id });
  assert.equal(page1.length, 4);
  assert.ok(page1[0]!.id > page2[0]!.id);
  const failed = s.usage.list({ ...period, userId: 'alice' }).find((e) => e.outcome === 'failed')!;
  assert.equal(s.jobs.get(failed.jobId!)?.state, 'failed');
  assert.deepEqual(
    s.usage.forJob(failed.jobId!).map((e) => e.id),
    [failed.id],
  );
  assert.deepEqual(failed.params, { steps: 20 });
  assert.throws(
    () =>
      s.usage.log({
        userId: 'u',
        guildId: null,
        channelId: null,
        kind: 'x',
        prompt: null,
        images: 0,
        decision: 'maybe' as 'accepted',
      }),
    TypeError,
  );
  assert.equal(s.usage.prune(t0 + DAY), 3);
});
