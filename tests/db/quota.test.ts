import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../../src/db/database.ts';
import { createStores } from '../../src/db/stores.ts';
import { params, setup, tempDir, testOptions } from './helpers.ts';
import { PENDING_GRACE_MS } from '../../src/db/quota.ts';

const H = 3600_000;
const member = (userId = 'u1', roleIds: string[] = [], guildId: string | null = 'g1') => ({ userId, guildId, roleIds });

function refusal(
  r: ReturnType<ReturnType<typeof setup>['quota']['reserve']> | ReturnType<ReturnType<typeof setup>['quota']['hold']>,
) {
  return r.ok ? assert.fail('expected a refusal') : r;
}

test('reserve charges images; the rolling 24 h window frees them one by one', () => {
  const s = setup();
  s.limits.set({ guildId: 'g1', scope: 'guild', key: 'userImagesPerDay', value: 10, moderatorId: 'mod' });
  const t0 = s.clock();
  assert.ok(s.quota.reserve({ ...member(), images: 4 }).ok);
  s.clock.advance(2 * H);
  assert.ok(s.quota.reserve({ ...member(), images: 4 }).ok);
  s.clock.advance(2 * H);
  const r = refusal(s.quota.reserve({ ...member(), images: 4 }));
  assert.equal(r.limit, 'userImagesPerDay');
  assert.equal(r.retryAt, t0 + 24 * H);
  assert.match(r.message, new RegExp(`used 8 of your 10 images.*ask for 2 now.*<t:${(t0 + 24 * H) / 1000}:R>`));
  assert.ok(s.quota.reserve({ ...member(), images: 2 }).ok, 'what is left can still be used');
  // Just before the first reservation leaves the window: still refused; at the moment it leaves: accepted.
  s.clock.set(t0 + 24 * H - 1);
  assert.equal(refusal(s.quota.reserve({ ...member(), images: 4 })).limit, 'userImagesPerDay');
  s.clock.set(t0 + 24 * H);
  assert.ok(s.quota.reserve({ ...member(), images: 4 }).ok);
  // Another user and another guild have their own quotas.
  assert.ok(s.quota.reserve({ ...member('u2'), images: 4 }).ok);
  assert.ok(s.quota.reserve({ ...member('u1', [], 'g2'), images: 4 }).ok);
});

test('cooldown between requests counts from the last accepted one, refunded or not', () => {
  const s = setup();
  s.limits.set({ guildId: 'g1', scope: 'guild', key: 'userCooldownSeconds', value: 30, moderatorId: 'mod' });
  const first = s.quota.reserve({ ...member(), images: 1 });
  assert.ok(first.ok);
  s.clock.advance(10_000);
  const r = refusal(s.quota.reserve({ ...member(), images: 1 }));
  assert.equal(r.limit, 'cooldown');
  assert.equal(r.retryAt, s.clock() + 20_000);
  assert.match(r.message, /<t:\d+:R>/);
  s.quota.refund(first.reservationId);
  assert.equal(
    refusal(s.quota.reserve({ ...member(), images: 1 })).limit,
    'cooldown',
    'a refund returns images, not time',
  );
  s.clock.advance(20_000);
  assert.ok(s.quota.reserve({ ...member(), images: 1 }).ok);
  // A refused request does not restart the cooldown.
  s.clock.advance(29_000);
  refusal(s.quota.reserve({ ...member(), images: 1 }));
  s.clock.advance(1_000);
  assert.ok(s.quota.reserve({ ...member(), images: 1 }).ok);
});

test('jobs waiting per user: reservations count until their job finishes', () => {
  const s = setup();
  s.limits.set({ guildId: 'g1', scope: 'guild', key: 'userMaxQueued', value: 2, moderatorId: 'mod' });
  const a = s.quota.reserve({ ...member(), images: 1 });
  const b = s.quota.reserve({ ...member(), images: 1 });
  assert.ok(a.ok && b.ok);
  assert.equal(refusal(s.quota.reserve({ ...member(), images: 1 })).limit, 'userMaxQueued');
  // Attached to jobs, they still count while queued or running.
  const ja = s.jobs.create({
    userId: 'u1',
    guildId: 'g1',
    model: 'm',
    params: params(),
    reservationId: a.reservationId,
  });
  s.jobs.create({ userId: 'u1', guildId: 'g1', model: 'm', params: params(), reservationId: b.reservationId });
  assert.equal(refusal(s.quota.reserve({ ...member(), images: 1 })).limit, 'userMaxQueued');
  assert.equal(s.quota.status(member()).queued, 2);
  s.jobs.markRunning(ja.id);
  s.jobs.markDone(ja.id, []);
  assert.ok(s.quota.reserve({ ...member(), images: 1 }).ok);
});

test('guild images per day, across users', () => {
  const s = setup();
  s.limits.set({ guildId: 'g1', scope: 'guild', key: 'guildImagesPerDay', value: 6, moderatorId: 'mod' });
  assert.ok(s.quota.reserve({ ...member('a'), images: 4 }).ok);
  const r = refusal(s.quota.reserve({ ...member('b'), images: 4 }));
  assert.equal(r.limit, 'guildImagesPerDay');
  assert.equal(r.retryAt, s.clock() + 24 * H);
  assert.ok(s.quota.reserve({ ...member('b'), images: 2 }).ok);
  assert.ok(s.quota.reserve({ ...member('b', [], 'g2'), images: 4 }).ok, 'other guilds are not affected');
});

test('the queue bound refuses when too many jobs wait overall', () => {
  const s = setup({ storeOptions: { maxWaiting: 3 } });
  for (const u of ['a', 'b', 'c']) assert.ok(s.quota.reserve({ ...member(u), images: 1 }).ok);
  const r = refusal(s.quota.reserve({ ...member('d'), images: 1 }));
  assert.equal(r.limit, 'queueFull');
  assert.match(r.message, /3 jobs waiting/);
});

test('banned users are refused until the ban ends', () => {
  const s = setup();
  s.moderation.ban({ guildId: 'g1', userId: 'u1', moderatorId: 'mod', reason: 'spam', expiresAt: s.clock() + H });
  const r = refusal(s.quota.reserve({ ...member(), images: 1 }));
  assert.equal(r.limit, 'banned');
  assert.equal(r.retryAt, s.clock() + H);
  assert.ok(s.quota.reserve({ ...member('u1', [], 'g2'), images: 1 }).ok, 'a ban is per guild');
  s.clock.advance(H);
  assert.ok(s.quota.reserve({ ...member(), images: 1 }).ok);
});

test('overrides apply live: a supporter role raises the quota, a user set to zero or unlimited', () => {
  const s = setup();
  s.limits.set({ guildId: 'g1', scope: 'guild', key: 'userImagesPerDay', value: 4, moderatorId: 'mod' });
  s.limits.set({
    guildId: 'g1',
    scope: 'role',
    targetId: 'supporter',
    key: 'userImagesPerDay',
    value: 8,
    moderatorId: 'mod',
  });
  assert.ok(s.quota.reserve({ ...member('plain'), images: 4 }).ok);
  assert.equal(refusal(s.quota.reserve({ ...member('plain'), images: 1 })).limit, 'userImagesPerDay');
  assert.ok(s.quota.reserve({ ...member('fan', ['supporter']), images: 4 }).ok);
  assert.ok(s.quota.reserve({ ...member('fan', ['supporter']), images: 4 }).ok);
  assert.equal(refusal(s.quota.reserve({ ...member('fan', ['supporter']), images: 1 })).limit, 'userImagesPerDay');
  s.limits.set({
    guildId: 'g1',
    scope: 'user',
    targetId: 'fan',
    key: 'userImagesPerDay',
    value: 'unlimited',
    moderatorId: 'mod',
  });
  assert.ok(s.quota.reserve({ ...member('fan', ['supporter']), images: 4 }).ok);
  s.limits.set({
    guildId: 'g1',
    scope: 'user',
    targetId: 'zero',
    key: 'userImagesPerDay',
    value: 0,
    moderatorId: 'mod',
  });
  assert.match(refusal(s.quota.reserve({ ...member('zero', ['supporter']), images: 1 })).message, /daily limit is 0/);
  s.limits.reset({ guildId: 'g1', scope: 'user', targetId: 'zero', moderatorId: 'mod' });
  assert.ok(s.quota.reserve({ ...member('zero', ['supporter']), images: 1 }).ok);
});

test('refunds give images back, once: refund is idempotent', () => {
  const s = setup();
  s.limits.set({ guildId: 'g1', scope: 'guild', key: 'userImagesPerDay', value: 4, moderatorId: 'mod' });
  const a = s.quota.reserve({ ...member(), images: 4 });
  assert.ok(a.ok);
  assert.equal(s.quota.status(member()).imagesLeft, 0);
  assert.equal(s.quota.refund(a.reservationId), true);
  assert.equal(s.quota.refund(a.reservationId), false);
  assert.equal(s.quota.refund(a.reservationId), false);
  assert.equal(s.quota.refund(987654), false);
  assert.equal(s.quota.status(member()).imagesLeft, 4);
  const b = s.quota.reserve({ ...member(), images: 4 });
  assert.ok(b.ok);
  // Refunding the first again does not free the second's images.
  s.quota.refund(a.reservationId);
  assert.equal(s.quota.status(member()).imagesLeft, 0);
});

test('status for /info: used, left, when the next image frees up, cooldown, ban', () => {
  const s = setup();
  s.limits.set({ guildId: 'g1', scope: 'guild', key: 'userImagesPerDay', value: 4, moderatorId: 'mod' });
  s.limits.set({ guildId: 'g1', scope: 'guild', key: 'userCooldownSeconds', value: 60, moderatorId: 'mod' });
  const t0 = s.clock();
  s.quota.reserve({ ...member(), images: 4 });
  const st = s.quota.status(member());
  assert.deepEqual(
    [st.imagesUsed, st.imagesLeft, st.nextImageAt, st.cooldownUntil, st.ban],
    [4, 0, t0 + 24 * H, t0 + 60_000, null],
  );
  assert.deepEqual(st.limits.sources.userImagesPerDay, { level: 'guild' });
  assert.equal(st.guildImagesLeft, null);
});

test('orphaned reservations (no job ever made) are released at start-up', () => {
  const s = setup();
  const a = s.quota.reserve({ ...member(), images: 3 });
  const b = s.quota.reserve({ ...member(), images: 2 });
  assert.ok(a.ok && b.ok);
  s.jobs.create({ userId: 'u1', guildId: 'g1', model: 'm', params: params(), reservationId: b.reservationId });
  assert.equal(s.quota.releaseOrphans(), 1);
  assert.equal(s.quota.status(member()).imagesUsed, 2);
  assert.equal(s.quota.releaseOrphans(), 0);
});

test('bad input to reserve is a bug', () => {
  const s = setup();
  assert.throws(() => s.quota.reserve({ ...member(), images: 0 }), TypeError);
  assert.throws(() => s.quota.reserve({ ...member(), images: 1.5 }), TypeError);
});

test('fifty requests at once in one process, five images left: exactly five accepted', async () => {
  const s = setup({ file: true });
  s.limits.set({ guildId: 'g1', scope: 'guild', key: 'userImagesPerDay', value: 20, moderatorId: 'mod' });
  s.limits.set({ guildId: 'g1', scope: 'guild', key: 'userMaxQueued', value: 'unlimited', moderatorId: 'mod' });
  assert.ok(s.quota.reserve({ ...member(), images: 15 }).ok);
  const results = await Promise.all(
    Array.from({ length: 50 }, async () => s.quota.reserve({ ...member(), images: 1 })),
  );
  assert.equal(results.filter((r) => r.ok).length, 5);
  assert.ok(results.filter((r) => !r.ok).every((r) => !r.ok && r.limit === 'userImagesPerDay'));
});

test('fifty requests at once from 2 processes and 2 worker threads on one file: exactly five accepted', async () => {
  const dir = tempDir();
  const now = Date.UTC(2026, 0, 15, 12);
  // The shared database: 'race-images' has 5 of 20 images left; 'race-queue' may have 5 jobs waiting.
  const db = openDatabase(join(dir, 'race.db'), { clock: () => now });
  const s = createStores(db, testOptions);
  s.limits.set({ guildId: 'g-race', scope: 'guild', key: 'userImagesPerDay', value: 20, moderatorId: 'mod' });
  s.limits.set({ guildId: 'g-race', scope: 'guild', key: 'userMaxQueued', value: null, moderatorId: 'mod' });
  s.limits.set({
    guildId: 'g-race',
    scope: 'user',
    targetId: 'race-queue',
    key: 'userImagesPerDay',
    value: null,
    moderatorId: 'mod',
  });
  s.limits.set({
    guildId: 'g-race',
    scope: 'user',
    targetId: 'race-queue',
    key: 'userMaxQueued',
    value: 5,
    moderatorId: 'mod',
  });
  const seed = s.quota.reserve({ userId: 'race-images', guildId: 'g-race', roleIds: [], images: 15, now: now - H });
  assert.ok(seed.ok);
  db.close();

  const racer = new URL('./quota-racer.ts', import.meta.url);
  // 25 calls per user split over four competitors: 8 + 7 + 5 + 5 each way.
  const split = [8, 7, 5, 5];
  const orders = split.map((n, i) => ({
    dir,
    name: `r${i}`,
    now,
    calls: Array.from({ length: 2 * n }, (_, k) => [k % 2 ? 'race-queue' : 'race-images', 1] as [string, number]),
  }));
  const exits: Promise<void>[] = [];
  for (const o of orders.slice(0, 2)) {
    const child = spawn(process.execPath, ['--import', 'tsx', racer.pathname, JSON.stringify(o)], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    exits.push(
      new Promise((resolve, reject) =>
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`racer exited ${code}`)))),
      ),
    );
  }
  // Workers do not inherit tsx's loader: register it inside the worker before importing the racer.
  const boot =
    `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); ` +
    `return import(${JSON.stringify(racer.href)}); })`;
  for (const o of orders.slice(2)) {
    const worker = new Worker(boot, { eval: true, workerData: o });
    exits.push(
      new Promise((resolve, reject) => {
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
      }),
    );
  }
  // Start them together once all have opened the database (and always send the signal, so none waits forever).
  let ready = false;
  try {
    for (let i = 0; i < 2000 && !ready; i++) {
      ready = orders.every((o) => existsSync(join(dir, `ready-${o.name}`)));
      if (!ready) await sleep(10);
    }
  } finally {
    writeFileSync(join(dir, 'go'), '');
  }
  await Promise.all(exits);
  assert.ok(ready, 'every competitor was ready before the start');

  const results = orders.flatMap(
    (o) =>
      JSON.parse(readFileSync(join(dir, `result-${o.name}.json`), 'utf8')) as {
        userId: string;
        ok: boolean;
        limit?: string;
      }[],
  );
  assert.equal(results.length, 50);
  const images = results.filter((r) => r.userId === 'race-images');
  const queue = results.filter((r) => r.userId === 'race-queue');
  assert.equal(images.filter((r) => r.ok).length, 5, 'five images left: five accepted');
  assert.ok(images.filter((r) => !r.ok).every((r) => r.limit === 'userImagesPerDay'));
  assert.equal(queue.filter((r) => r.ok).length, 5, 'five jobs may wait: five accepted');
  assert.ok(queue.filter((r) => !r.ok).every((r) => r.limit === 'userMaxQueued'));

  const check = openDatabase(join(dir, 'race.db'), { clock: () => now });
  const after = createStores(check, testOptions);
  assert.equal(after.quota.status({ userId: 'race-images', guildId: 'g-race', roleIds: [] }).imagesUsed, 20);
  check.close();
});

test('holds: decided with reads only, counted by every later decision until written or released', () => {
  const s = setup();
  s.limits.set({ guildId: 'g1', scope: 'guild', key: 'userImagesPerDay', value: 8, moderatorId: 'mod' });
  const count = () =>
    (s.database.sqlite.prepare('SELECT count(*) AS n FROM quota_reservations').get() as { n: number }).n;
  const a = s.quota.hold({ ...member(), images: 4 });
  const b = s.quota.hold({ ...member(), images: 4 });
  assert.ok(a.ok && b.ok);
  assert.equal(count(), 0, 'a hold writes nothing');
  assert.equal(refusal(s.quota.hold({ ...member(), images: 1 })).limit, 'userImagesPerDay', 'held images count');
  assert.equal(refusal(s.quota.reserve({ ...member(), images: 1 })).limit, 'userImagesPerDay', 'reserve counts holds');
  assert.equal(s.quota.status(member()).imagesUsed, 8);
  // Writing a hold does not count it twice; released afterwards, it is counted once, as a reservation.
  assert.ok(s.quota.reserve(a.hold.request, { hold: a.hold.id }).ok);
  a.hold.release();
  assert.equal(count(), 1);
  assert.equal(s.quota.status(member()).imagesUsed, 8);
  // A request dropped without writing gives its images back.
  b.hold.release();
  b.hold.release();
  assert.equal(s.quota.status(member()).imagesUsed, 4);
  assert.ok(s.quota.hold({ ...member(), images: 4 }).ok);
  // A hold nobody wrote nor released stops counting after five minutes.
  s.clock.advance(5 * 60_000);
  assert.equal(s.quota.status(member()).imagesUsed, 4);
});

test('decisions see every change to the queue: another connection reserving, this one writing, time passing', () => {
  const s = setup({ file: true, storeOptions: { maxWaiting: 2 } });
  const other = createStores(openDatabase(s.path), { ...testOptions, maxWaiting: 2 });
  const decide = (u: string) => {
    const r = s.quota.hold({ ...member(u), images: 1 });
    if (r.ok) r.hold.release();
    return r.ok ? 'ok' : r.limit;
  };
  assert.equal(decide('a'), 'ok');
  // Reservations not yet a job's count as waiting: two from another process fill the queue.
  const first = other.quota.reserve({ ...member('b'), images: 1, now: s.clock() });
  assert.ok(first.ok && other.quota.reserve({ ...member('c'), images: 1, now: s.clock() }).ok);
  assert.equal(decide('d'), 'queueFull', "another connection's reservations count at once");
  assert.equal(decide('d'), 'queueFull', 'and still on the next decision');
  other.quota.refund(first.reservationId);
  assert.equal(decide('d'), 'ok', "another connection's refund counts at once");
  assert.ok(s.quota.reserve({ ...member('e'), images: 1 }).ok);
  assert.equal(decide('d'), 'queueFull', "this connection's reservation counts at once");
  // Past the pending window, an unattached reservation (a request that never became a job) stops counting.
  s.clock.advance(PENDING_GRACE_MS + 1);
  assert.equal(decide('d'), 'ok');
  other.database.close();
});

test("limits read for a decision follow every change, this connection's and another's", () => {
  const s = setup({ file: true });
  const other = createStores(openDatabase(s.path), testOptions);
  const max = () => s.limits.resolve(member('u1', ['r1'])).values.userImagesPerDay;
  const before = max();
  assert.equal(max(), before);
  other.limits.set({
    guildId: 'g1',
    scope: 'role',
    targetId: 'r1',
    key: 'userImagesPerDay',
    value: 7,
    moderatorId: 'm',
  });
  assert.equal(max(), 7, "another connection's change applies to the next decision");
  s.limits.set({ guildId: 'g1', scope: 'user', targetId: 'u1', key: 'userImagesPerDay', value: 3, moderatorId: 'm' });
  assert.equal(max(), 3, "this connection's change applies to the next decision");
  other.database.close();
});
