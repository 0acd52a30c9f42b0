import { test } from 'node:test';
import assert from 'node:assert/strict';
import { params, setup, testOptions } from './helpers.ts';
import type { NewJob } from '../../src/db/jobs.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createStores } from '../../src/db/stores.ts';

const png = (n: number) => new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, n, n, n]);
const newJob = (over: Partial<NewJob> = {}): NewJob => ({
  userId: 'u1',
  guildId: 'g1',
  channelId: 'c1',
  model: 'sd-turbo',
  params: params(),
  ...over,
});

test('create: queued, with params, Discord ids and an upload', () => {
  const s = setup();
  const job = s.jobs.create(
    newJob({
      params: params({
        kind: 'variation',
        parentJobId: undefined,
        strength: 0.6,
        scheduler: 'euler',
        negativePrompt: 'blurry',
      }),
      interaction: { id: 'i1', token: 'tok', expiresAt: s.clock() + 15 * 60_000 },
      initImage: png(9),
    }),
  );
  assert.equal(job.state, 'queued');
  assert.equal(job.kind, 'variation');
  assert.equal(job.queuedAt, s.clock());
  assert.equal(job.interactionToken, 'tok');
  assert.equal(job.tokenExpiresAt, s.clock() + 15 * 60_000);
  assert.equal(job.params.strength, 0.6);
  assert.equal(job.params.negativePrompt, 'blurry');
  assert.deepEqual([...(s.jobs.initImage(job.id) ?? [])], [...png(9)]);
  assert.deepEqual(s.jobs.get(job.id), job);
  assert.equal(s.jobs.get(999), undefined);
  assert.ok(s.jobs.setMessage(job.id, 'm1', 'c2'));
  assert.equal(s.jobs.get(job.id)?.messageId, 'm1');
  assert.equal(s.jobs.get(job.id)?.channelId, 'c2');
  assert.ok(s.jobs.setInteraction(job.id, { id: 'i2', token: 'tok2', expiresAt: 5 }));
  assert.equal(s.jobs.get(job.id)?.interactionToken, 'tok2');
});

test('bad params are a bug, caught before the insert', () => {
  const s = setup();
  assert.throws(
    () => s.jobs.create(newJob({ params: params({ width: 0 }) })),
    (e: unknown) => e instanceof TypeError && /jobs\.create: invalid request[\s\S]*width/.test(e.message),
  );
  assert.throws(() => s.jobs.create(newJob({ params: params({ seed: -1 }) })), /seed/);
  assert.throws(() => s.jobs.create(newJob({ params: params({ kind: 'upscale' }) })), /parentJobId/);
  assert.equal(s.jobs.counts().queued, 0);
});

test('stored requests are read back through the schema: a damaged row is named, never cast', () => {
  const s = setup();
  const parent = s.jobs.create(newJob());
  const job = s.jobs.create(
    newJob({ params: params({ kind: 'upscale', parentJobId: parent.id, sourceIndex: 1, spoiler: true }) }),
  );
  const back = s.jobs.get(job.id)!.params;
  assert.equal(back.kind, 'upscale');
  assert.equal(back.kind === 'upscale' && back.sourceIndex, 1);
  assert.equal(back.spoiler, true);
  s.database.sqlite.prepare("UPDATE jobs SET params = json_set(params, '$.seed', -5) WHERE id = ?").run(job.id);
  assert.throws(
    () => s.jobs.get(job.id),
    (e: unknown) =>
      e instanceof TypeError && new RegExp(`jobs row ${job.id}: invalid request[\\s\\S]*seed`).test(e.message),
  );
});

test('lifecycle: timestamps, wait and run times, images, outcome on the usage log', () => {
  const s = setup();
  const job = s.jobs.create(newJob());
  const usageId = s.usage.log({
    userId: 'u1',
    guildId: 'g1',
    channelId: 'c1',
    kind: 'imagine',
    prompt: 'p',
    images: 4,
    decision: 'accepted',
    jobId: job.id,
  });
  s.clock.advance(3000);
  assert.equal(s.jobs.markRunning(job.id), true);
  let j = s.jobs.get(job.id)!;
  assert.equal(j.state, 'running');
  assert.equal(j.waitMs, 3000);
  assert.equal(j.attempts, 1);
  s.clock.advance(7000);
  const images = [0, 1, 2, 3].map((i) => ({ png: png(i), seed: 42 + i, width: 512, height: 512 }));
  assert.equal(s.jobs.markDone(job.id, images), true);
  j = s.jobs.get(job.id)!;
  assert.equal(j.state, 'done');
  assert.equal(j.runMs, 7000);
  assert.equal(j.finishedAt, s.clock());
  assert.equal(j.imageCount, 4);
  const stored = s.jobs.loadImages(job.id);
  assert.deepEqual(
    stored.map((i) => [i.idx, i.seed, [...i.png]]),
    images.map((im, i) => [i, im.seed, [...im.png]]),
  );
  assert.deepEqual([...(s.jobs.image(job.id, 2)?.png ?? [])], [...png(2)]);
  const u = s.usage.get(usageId)!;
  assert.deepEqual([u.outcome, u.waitMs, u.runMs, u.imageCount], ['done', 3000, 7000, 4]);
});

test('a job never completes twice, and transitions only go forward', () => {
  const s = setup();
  const job = s.jobs.create(newJob());
  assert.equal(s.jobs.markDone(job.id, []), false, 'done straight from queued');
  assert.equal(s.jobs.markRunning(job.id), true);
  assert.equal(s.jobs.markRunning(job.id), false, 'running twice');
  assert.equal(s.jobs.markDone(job.id, [{ png: png(1), seed: 1, width: 8, height: 8 }]), true);
  assert.equal(s.jobs.markDone(job.id, [{ png: png(2), seed: 2, width: 8, height: 8 }]), false, 'done twice');
  assert.equal(s.jobs.markFailed(job.id, 'late error'), false);
  assert.equal(s.jobs.markCancelled(job.id), false);
  assert.equal(s.jobs.markRunning(job.id), false);
  assert.equal(s.jobs.requeue(job.id), false);
  const j = s.jobs.get(job.id)!;
  assert.equal(j.state, 'done');
  assert.equal(j.error, null);
  assert.deepEqual(
    s.jobs.loadImages(job.id).map((i) => [...i.png]),
    [[...png(1)]],
  );
  assert.equal(s.jobs.markDone(12345, []), false, 'unknown job');
});

test('failed and cancelled, from queued and from running', () => {
  const s = setup();
  const a = s.jobs.create(newJob());
  const b = s.jobs.create(newJob());
  const c = s.jobs.create(newJob());
  const ua = s.usage.log({
    userId: 'u1',
    guildId: 'g1',
    channelId: null,
    kind: 'imagine',
    prompt: 'p',
    images: 4,
    decision: 'accepted',
    jobId: a.id,
  });
  s.clock.advance(1000);
  assert.ok(s.jobs.markRunning(a.id));
  s.clock.advance(500);
  assert.ok(s.jobs.markFailed(a.id, 'The model ran out of memory.'));
  assert.ok(s.jobs.markCancelled(b.id, 'cancelled by the user'));
  assert.ok(s.jobs.markRunning(c.id));
  s.clock.advance(250);
  assert.ok(s.jobs.markCancelled(c.id));
  const [ja, jb, jc] = [s.jobs.get(a.id)!, s.jobs.get(b.id)!, s.jobs.get(c.id)!];
  assert.deepEqual([ja.state, ja.error, ja.waitMs, ja.runMs], ['failed', 'The model ran out of memory.', 1000, 500]);
  assert.deepEqual([jb.state, jb.error, jb.waitMs, jb.runMs], ['cancelled', 'cancelled by the user', 1500, null]);
  assert.deepEqual([jc.state, jc.waitMs, jc.runMs], ['cancelled', 1500, 250]);
  assert.equal(s.jobs.markDone(c.id, []), false, 'a cancelled job is never completed');
  assert.deepEqual([s.usage.get(ua)?.outcome, s.usage.get(ua)?.imageCount], ['failed', 0]);
});

test('crash recovery: running jobs go back to the queue in their original order', () => {
  const s = setup();
  const ids = [1, 2, 3, 4, 5].map((i) => s.jobs.create(newJob({ userId: `u${i % 2}` })).id);
  // 1 done, 2 and 4 running when the process died, 3 and 5 queued.
  s.jobs.markRunning(ids[0]!);
  s.jobs.markDone(ids[0]!, []);
  s.jobs.markRunning(ids[1]!);
  s.jobs.markRunning(ids[3]!);
  assert.deepEqual(s.jobs.requeueInterrupted(), [ids[1], ids[3]]);
  assert.deepEqual(
    s.jobs.listUnfinished().map((j) => [j.id, j.state]),
    [
      [ids[1], 'queued'],
      [ids[2], 'queued'],
      [ids[3], 'queued'],
      [ids[4], 'queued'],
    ],
  );
  assert.deepEqual(
    s.jobs.listQueued().map((j) => j.id),
    ids.slice(1),
  );
  assert.equal(s.jobs.get(ids[1]!)?.startedAt, null);
  // Runs again: attempts counts both starts; it completes once.
  assert.ok(s.jobs.markRunning(ids[1]!));
  assert.equal(s.jobs.get(ids[1]!)?.attempts, 2);
  assert.ok(s.jobs.markDone(ids[1]!, []));
  assert.equal(s.jobs.markDone(ids[1]!, []), false);
  assert.deepEqual(s.jobs.requeueInterrupted(), []);
});

test('requeue of one running job (shutdown grace exceeded) keeps its place', () => {
  const s = setup();
  const a = s.jobs.create(newJob()).id;
  const b = s.jobs.create(newJob()).id;
  s.jobs.markRunning(a);
  assert.ok(s.jobs.requeue(a));
  assert.deepEqual(
    s.jobs.listQueued().map((j) => j.id),
    [a, b],
  );
  assert.equal(s.jobs.queuedPosition(a), 1);
  assert.equal(s.jobs.queuedPosition(b), 2);
});

test('counts and positions', () => {
  const s = setup();
  const a = s.jobs.create(newJob({ userId: 'alice' })).id;
  const b = s.jobs.create(newJob({ userId: 'bob' })).id;
  const c = s.jobs.create(newJob({ userId: 'alice' })).id;
  assert.deepEqual(s.jobs.counts(), { queued: 3, running: 0 });
  s.jobs.markRunning(a);
  assert.deepEqual(s.jobs.counts(), { queued: 2, running: 1 });
  assert.deepEqual(s.jobs.userCounts('alice'), { queued: 1, running: 1 });
  assert.deepEqual(s.jobs.userCounts('carol'), { queued: 0, running: 0 });
  assert.equal(s.jobs.queuedPosition(a), null);
  assert.equal(s.jobs.queuedPosition(b), 1);
  assert.equal(s.jobs.queuedPosition(c), 2);
  assert.equal(s.jobs.queuedPosition(999), null);
  assert.deepEqual(
    s.jobs.listForUser('alice').map((j) => j.id),
    [c, a],
  );
  assert.deepEqual(
    s.jobs.listForUser('alice', { beforeId: c }).map((j) => j.id),
    [a],
  );
});

test('ETA: rolling average of the same key, else scaled from the model, else none', () => {
  const s = setup();
  const key = { model: 'sd-turbo', width: 512, height: 512, steps: 20, count: 4 };
  assert.equal(s.jobs.estimateRunMs(key), null);
  const run = (ms: number, over = {}) => {
    const id = s.jobs.create(newJob({ params: params(over) })).id;
    s.jobs.markRunning(id);
    s.clock.advance(ms);
    s.jobs.markDone(id, []);
  };
  for (const ms of [1000, 2000, 3000]) run(ms);
  assert.deepEqual(s.jobs.estimateRunMs(key), { ms: 2000, basis: 'exact', samples: 3 });
  // Only the last `window` runs count.
  assert.deepEqual(s.jobs.estimateRunMs(key, 2), { ms: 2500, basis: 'exact', samples: 2 });
  // A different size of the same model: scaled by pixels x steps x images (twice the steps -> twice the time).
  const other = s.jobs.estimateRunMs({ ...key, steps: 40 });
  assert.equal(other?.basis, 'model');
  assert.equal(Math.round(other!.ms), 4000);
  assert.equal(s.jobs.estimateRunMs({ ...key, model: 'other' }), null);
  // Failed jobs do not count.
  const f = s.jobs.create(newJob()).id;
  s.jobs.markRunning(f);
  s.clock.advance(99_000);
  s.jobs.markFailed(f, 'x');
  assert.equal(s.jobs.estimateRunMs(key)?.ms, 2000);
});

test('ETA after a restart: one slow run (a warm-up) does not multiply the estimate; upscales are not runs', () => {
  const s = setup({ file: true });
  const key = { model: 'sd-turbo', width: 512, height: 512, steps: 20, count: 4 };
  const run = (ms: number, kind: 'imagine' | 'upscale' = 'imagine') => {
    const id = s.jobs.create(
      newJob({ params: params(kind === 'upscale' ? { kind, parentJobId: 1, sourceIndex: 0 } : {}) }),
    ).id;
    s.jobs.markRunning(id);
    s.clock.advance(ms);
    s.jobs.markDone(id, []);
  };
  run(160_000); // the first job after a start: the model warming up
  for (const ms of [2000, 2100, 1900, 2050]) run(ms);
  run(0, 'upscale');
  // The stored history, read again as a restarted bot would (a new store on the same database).
  s.database.close();
  const database = openDatabase(s.path);
  const estimate = createStores(database, testOptions).jobs.estimateRunMs(key)!;
  database.close();
  assert.equal(estimate.ms, 2050, 'about 2 s, not the 33 s a mean would say');
  assert.equal(estimate.samples, 5);
});

test('lineage: children of a job', () => {
  const s = setup();
  const parent = s.jobs.create(newJob()).id;
  const child = s.jobs.create(
    newJob({ params: params({ kind: 'upscale', parentJobId: parent, sourceIndex: 2, count: 1 }) }),
  ).id;
  assert.deepEqual(
    s.jobs.listChildren(parent).map((j) => [j.id, j.params.sourceIndex, j.kind]),
    [[child, 2, 'upscale']],
  );
  assert.throws(
    () => s.jobs.create(newJob({ params: params({ kind: 'variation', parentJobId: 9999 }) })),
    /FOREIGN KEY/,
  );
});

test('delete drops the images but keeps the row; prune drops old images only', async () => {
  const s = setup();
  const old = s.jobs.create(newJob()).id;
  s.jobs.markRunning(old);
  s.jobs.markDone(old, [
    { png: png(1), seed: 1, width: 8, height: 8 },
    { png: png(2), seed: 2, width: 8, height: 8 },
  ]);
  s.clock.advance(40 * 86_400_000);
  const recent = s.jobs.create(newJob({ initImage: png(5) })).id;
  s.jobs.markRunning(recent);
  s.jobs.markDone(recent, [{ png: png(3), seed: 3, width: 8, height: 8 }]);
  assert.deepEqual(await s.jobs.pruneImages(s.clock() - 30 * 86_400_000), { jobs: 1, bytes: 2 * png(1).length });
  assert.equal(s.jobs.loadImages(old).length, 0);
  assert.equal(s.jobs.loadImages(recent).length, 1);
  assert.ok(s.jobs.markDeleted(recent));
  assert.equal(s.jobs.get(recent)?.deleted, true);
  assert.equal(s.jobs.loadImages(recent).length, 0);
  assert.equal(s.jobs.initImage(recent), undefined);
  assert.equal(s.jobs.markDeleted(424242), false);
});

test('prompts with quotes, SQL, emoji and 4,000 characters are stored and read back exactly', () => {
  const s = setup({ file: true });
  const tricky = [
    `a "quoted" 'single' \`back\` prompt`,
    "'; DROP TABLE jobs; --",
    'Robert"); DELETE FROM usage_log WHERE 1=1; --',
    '🦊🎨 fox painter 👩🏽‍🎨 with 🏳️‍🌈 flag and e\u0301 and \u200B zero width',
    'x'.repeat(1000) + '🙂'.repeat(500) + 'ü'.repeat(1000) + '\n\t\\ %_ ' + 'z'.repeat(993),
    '\u0000 nul and \uFFFF',
  ];
  assert.equal([...tricky[4]!].length, 3500);
  assert.ok(tricky[4]!.length >= 4000);
  for (const prompt of tricky) {
    const job = s.jobs.create(newJob({ params: params({ prompt, negativePrompt: prompt }) }));
    const usageId = s.usage.log({
      userId: 'u1',
      guildId: 'g1',
      channelId: 'c1',
      kind: 'imagine',
      prompt,
      params: { prompt },
      images: 1,
      decision: 'refused',
      reasonCode: 'blocklist',
      reason: prompt,
      jobId: job.id,
    });
    const back = s.jobs.get(job.id)!;
    assert.equal(back.params.prompt, prompt);
    assert.equal(back.params.negativePrompt, prompt);
    const u = s.usage.get(usageId)!;
    assert.equal(u.prompt, prompt);
    assert.equal(u.reason, prompt);
    assert.deepEqual(u.params, { prompt });
  }
  // The tables are all still there.
  assert.equal(s.jobs.counts().queued, tricky.length);
  assert.equal(s.usage.totals({ since: 0, until: s.clock() + 1 }).refused, tricky.length);
});

test('a painted mask is kept with its edit job, reaches its request, and goes when the job is deleted', async () => {
  const { requestForJob } = await import('../../src/queue/request.ts');
  const s = setup();
  const parent = s.jobs.create(newJob());
  s.jobs.markRunning(parent.id);
  s.jobs.markDone(parent.id, [{ png: png(1), seed: 1, width: 64, height: 64 }]);
  const job = s.jobs.create(
    newJob({
      params: params({
        kind: 'edit',
        parentJobId: parent.id,
        sourceIndex: 0,
        edit: { kind: 'mask', source: 'playground brush' },
      } as never),
      mask: png(7),
    }),
  );
  // Stored as an edit (migration 0007), in the row and in its request.
  assert.equal(job.kind, 'edit');
  assert.equal(s.jobs.get(job.id)?.kind, 'edit');
  assert.deepEqual([...(s.jobs.mask(job.id) ?? [])], [...png(7)]);
  // The queue runs on the gateway thread: its reads are asynchronous.
  const readSync = s.jobs.files.readSync;
  s.jobs.files.readSync = () => assert.fail('a synchronous read at job start');
  const req = await requestForJob(s.jobs.get(job.id)!, s.jobs);
  s.jobs.files.readSync = readSync;
  assert.deepEqual([...(req.mask ?? [])], [...png(7)]);
  assert.deepEqual([...(req.initImage ?? [])], [...png(1)]);
  assert.ok(s.jobs.markDeleted(job.id));
  assert.equal(s.jobs.mask(job.id), undefined);
});

test('a job whose uploaded picture is gone fails with a clear message instead of running without it', async () => {
  const { requestForJob } = await import('../../src/queue/request.ts');
  const s = setup();
  const job = s.jobs.create(newJob({ params: params({ strength: 0.5 }), initImage: png(3) }));
  const ref = s.jobs.inputRef(job.id, 'init')!;
  assert.deepEqual([...((await requestForJob(job, s.jobs)).initImage ?? [])], [...png(3)]);
  await s.jobs.files.removeUnused([ref.sha256], () => false); // as if lost on disk
  await assert.rejects(requestForJob(job, s.jobs), (err: Error & { code?: string }) => err.code === 'source-gone');
});

test("holdInput pins a job's input for a new job: a clean-up in between keeps the file", async () => {
  const s = setup();
  const parent = s.jobs.create(newJob({ params: params({ strength: 0.5 }), initImage: png(4) }));
  const held = s.jobs.holdInput(parent.id, 'init')!;
  assert.ok(s.jobs.markDeleted(parent.id)); // its only row goes; the file would go with it
  await s.jobs.files.idle();
  assert.ok(s.jobs.files.has(held.sha256), 'pinned');
  const child = s.jobs.create(newJob({ params: params({ strength: 0.5 }), initImage: held }));
  s.jobs.release([held]);
  assert.deepEqual(s.jobs.inputRef(child.id, 'init'), held, 'by reference, not written again');
  assert.deepEqual([...(s.jobs.initImage(child.id) ?? [])], [...png(4)]);
});

test('the jobs per state (metrics) stay exact through every transition, without counting the table', () => {
  const s = setup();
  const counted = () => {
    const rows = s.database.sqlite.prepare('SELECT state, count(*) AS n FROM jobs GROUP BY state').all() as {
      state: string;
      n: number;
    }[];
    return Object.fromEntries(
      ['queued', 'running', 'done', 'failed', 'cancelled'].map((st) => [st, rows.find((r) => r.state === st)?.n ?? 0]),
    );
  };
  const ids = [1, 2, 3, 4, 5].map(() => s.jobs.create(newJob()).id);
  assert.deepEqual(s.jobs.stateCounts(), { queued: 5, running: 0, done: 0, failed: 0, cancelled: 0 });
  for (const id of ids.slice(0, 4)) s.jobs.markRunning(id);
  s.jobs.markDone(ids[0]!, []);
  s.jobs.markDone(ids[0]!, []); // not running any more: no change
  s.jobs.markFailed(ids[1]!, 'x');
  s.jobs.markCancelled(ids[4]!);
  s.jobs.requeue(ids[2]!);
  s.jobs.markDeleted(ids[0]!);
  assert.deepEqual(s.jobs.stateCounts(), { queued: 1, running: 1, done: 1, failed: 1, cancelled: 1 });
  assert.deepEqual(s.jobs.stateCounts(), counted());
  s.database.sqlite.prepare('DELETE FROM jobs WHERE id = ?').run(ids[1]!);
  assert.deepEqual(s.jobs.stateCounts(), counted());
  assert.deepEqual(s.jobs.requeueInterrupted(), [ids[3]!]);
  assert.deepEqual(s.jobs.stateCounts(), counted());
});
