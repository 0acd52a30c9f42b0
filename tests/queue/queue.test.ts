import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UserError } from '../../src/errors.ts';
import { waitUntil } from '../support/wait.ts';
import { createJobQueue } from '../../src/queue/queue.ts';
import { etaMoved } from '../../src/queue/events.ts';
import type { InferenceBackend, QueueEvent } from '../../src/queue/types.ts';
import { modelAvailability, type WorkerSlots } from '../../src/scale/capacity.ts';
import {
  baseConfig,
  fakeBackend,
  type FakeCall,
  fakeResult,
  InferenceCrashedError,
  isRefunded,
  newJob,
  openStores,
  recordEvents,
  reserve,
  setupQueue,
  tempDir,
  testClock,
} from './helpers.ts';

const promptOf = (c: { req: { prompt: string } }) => c.req.prompt;

describe('job queue: fairness', () => {
  it('A queues 20 jobs, then B queues 1: B starts second', async () => {
    const { queue, backend } = setupQueue({ config: { maxPerUser: 50 } });
    const fake = backend as ReturnType<typeof fakeBackend>;
    for (let i = 1; i <= 20; i++) queue.submit(newJob('A', { prompt: `A${i}` }));
    const b = queue.submit(newJob('B', { prompt: 'B1' }));
    assert.equal(b.position, 1, 'B is next in line behind the running job');
    const first = await fake.next();
    assert.equal(promptOf(first), 'A1');
    first.finish();
    const second = await fake.next();
    assert.equal(promptOf(second), 'B1');
    second.finish();
    assert.equal(promptOf(await fake.next()), 'A2');
  });

  it('three users interleave, each in their own order', async () => {
    const { queue, events } = setupQueue({ backend: fakeBackend({ auto: true }) });
    const ids: Record<string, number> = {};
    for (const u of ['A', 'B', 'C'])
      for (let i = 1; i <= 3; i++) ids[`${u}${i}`] = queue.submit(newJob(u, { prompt: `${u}${i}` })).job.id;
    await queue.idle();
    const name = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
    assert.deepEqual(
      events.order('started').map((id) => name[id]),
      ['A1', 'B1', 'C1', 'A2', 'B2', 'C2', 'A3', 'B3', 'C3'],
    );
    assert.deepEqual(events.order('done').length, 9);
  });

  it('weights guilds when configured', async () => {
    const { queue, events, stores } = setupQueue({
      backend: fakeBackend({ auto: true }),
      config: { guildWeights: { big: 2 } },
    });
    for (let i = 0; i < 6; i++) {
      queue.submit(newJob('x', {}, { guildId: 'big' }));
      queue.submit(newJob('y', {}, { guildId: 'small' }));
    }
    await queue.idle();
    const firstNine = events
      .order('started')
      .slice(0, 9)
      .map((id) => stores.jobs.get(id)!.guildId);
    assert.equal(firstNine.filter((g) => g === 'big').length, 6);
  });

  it('sends queued before started, and done with the images', async () => {
    const { queue, events, stores } = setupQueue({ backend: fakeBackend({ auto: true }) });
    const { job } = queue.submit(newJob('A', { count: 2, seed: 7 }));
    await queue.idle();
    assert.deepEqual(events.types(job.id), ['queued', 'started', 'done']);
    const done = events.of(job.id).at(-1);
    assert.ok(done?.type === 'done');
    assert.deepEqual(
      done.images.map((i) => i.seed),
      [7, 8],
    );
    const row = stores.jobs.get(job.id)!;
    assert.equal(row.state, 'done');
    assert.equal(row.imageCount, 2);
    assert.deepEqual(
      stores.jobs.loadImages(job.id).map((i) => i.seed),
      [7, 8],
    );
  });
});

describe('job queue: display copies', () => {
  it('asks for display copies (DISPLAY_MIN_SIDE) only for jobs posted in Discord, passes them on, stores the model’s', async () => {
    const display = { png: new Uint8Array([137, 80, 78, 71, 1]), width: 128, height: 128 };
    const asked: (number | undefined)[] = [];
    const backend: InferenceBackend = {
      async generate(req) {
        asked.push(req.displayMinSide);
        const result = fakeResult(req);
        return req.displayMinSide ? { ...result, images: result.images.map((i) => ({ ...i, display })) } : result;
      },
      async restart() {},
    };
    const { queue, events, stores } = setupQueue({ backend, config: { displayMinSide: 512 } });
    const discord = queue.submit(newJob('A', { count: 1, seed: 3 })).job;
    await queue.idle();
    const page = queue.submit(
      newJob('playground', { count: 1, seed: 4 }, { guildId: 'playground', channelId: null }),
    ).job;
    await queue.idle();
    assert.deepEqual(asked, [512, undefined], 'the playground shows its stored images');
    const done = events.of(discord.id).at(-1);
    assert.ok(done?.type === 'done');
    assert.deepEqual(done.images[0]!.display, display);
    const stored = stores.jobs.loadImages(discord.id);
    assert.equal(stored.length, 1);
    assert.deepEqual([...stored[0]!.png], [...fakeResult({ ...discord.params, count: 1 }).images[0]!.png]);
    assert.equal(stores.jobs.get(page.id)!.state, 'done');
  });
});

describe('job queue: bounds', () => {
  it('refuses past the overall bound, says how full it is, and refunds', async () => {
    const { queue, stores } = setupQueue({ config: { maxWaiting: 3 } });
    queue.submit(newJob('u1')); // starts running
    await new Promise((r) => setImmediate(r));
    for (const u of ['u2', 'u3', 'u4']) queue.submit(newJob(u));
    const reservationId = reserve(stores, 'u5');
    const before = stores.jobs.counts();
    assert.throws(
      () => queue.submit(newJob('u5', {}, { reservationId })),
      (err: unknown) =>
        err instanceof UserError && err.code === 'queue-full' && /The queue is full \(3 waiting\)/.test(err.message),
    );
    assert.deepEqual(stores.jobs.counts(), before, 'no job was created');
    assert.ok(isRefunded(stores, reservationId), 'not charged');
  });

  it('refuses past the per-user bound and lets others in', async () => {
    const { queue, stores } = setupQueue({ config: { maxPerUser: 2 } });
    queue.submit(newJob('A'));
    queue.submit(newJob('A'));
    const reservationId = reserve(stores, 'A');
    assert.throws(
      () => queue.submit(newJob('A', {}, { reservationId })),
      (err: unknown) =>
        err instanceof UserError && err.code === 'queue-user-full' && /already have 2 jobs/.test(err.message),
    );
    assert.ok(isRefunded(stores, reservationId));
    assert.doesNotThrow(() => queue.submit(newJob('B')));
  });

  it('refunds when the job cannot be created at all', () => {
    const { queue, stores } = setupQueue();
    const reservationId = reserve(stores, 'A');
    assert.throws(() => queue.submit(newJob('A', { width: 0 }, { reservationId })), TypeError);
    assert.ok(isRefunded(stores, reservationId));
    assert.deepEqual(stores.jobs.counts(), { queued: 0, running: 0 });
  });
});

describe('job queue: positions and estimates', () => {
  it('projects places from the rotation and waits from measured run times', async () => {
    const clock = testClock();
    const { queue, backend, events } = setupQueue({ clock, config: { positionTickMs: 20 } });
    const fake = backend as ReturnType<typeof fakeBackend>;
    // History: one job of this kind took 10 s.
    queue.submit(newJob('H'));
    clock.advance(10_000);
    (await fake.next()).finish();
    await queue.idle();

    queue.submit(newJob('R')); // runs
    const running = await fake.next();
    const a1 = queue.submit(newJob('A'));
    const a2 = queue.submit(newJob('A'));
    assert.deepEqual([a1.position, a1.etaMs, a2.position, a2.etaMs], [1, 10_000, 2, 20_000]);
    const b1 = queue.submit(newJob('B'));
    assert.deepEqual([b1.position, b1.etaMs], [2, 20_000], 'B goes ahead of A’s second job');
    assert.deepEqual(
      queue.position(a2.job.id) && [queue.position(a2.job.id)!.position, queue.position(a2.job.id)!.etaMs],
      [3, 30_000],
    );
    await new Promise((r) => setTimeout(r, 40)); // the next position tick
    assert.deepEqual(
      events.of(a2.job.id).map((e) => (e.type === 'position' || e.type === 'queued' ? e.position : e.type)),
      [1 + 1, 3],
      'A2 was told when B moved it back, once',
    );

    clock.advance(4_000);
    assert.equal(queue.position(a1.job.id)!.etaMs, 6_000, 'the running job has 6 s left by its estimate');
    running.onStep({ step: 1, totalSteps: 4 });
    assert.equal(queue.position(a1.job.id)!.etaMs, 12_000, 'measured speed: 4 s a step, 3 steps left');
    const snap = queue.snapshot();
    assert.equal(snap.running.length, 1);
    assert.equal(snap.running[0]!.step, 1);
    assert.deepEqual(
      snap.queued.map((e) => e.job.id),
      [a1.job.id, b1.job.id, a2.job.id],
    );
    running.finish();
  });
});

describe('job queue: cancellation', () => {
  it('removes a queued job at once and refunds it exactly once', async () => {
    const { queue, stores, backend, events } = setupQueue();
    const fake = backend as ReturnType<typeof fakeBackend>;
    queue.submit(newJob('A'));
    const blocker = await fake.next();
    const reservationId = reserve(stores, 'B');
    const { job } = queue.submit(newJob('B', {}, { reservationId }));
    assert.throws(() => queue.cancel(job.id, 'C'), /Only the person who asked/);
    const r = queue.cancel(job.id, 'B');
    assert.ok(r.cancelled && !r.wasRunning);
    assert.equal(stores.jobs.get(job.id)!.state, 'cancelled');
    assert.ok(isRefunded(stores, reservationId));
    assert.equal(stores.quota.refund(reservationId), false, 'already refunded');
    assert.deepEqual(queue.cancel(job.id, 'B'), { cancelled: false, reason: 'finished', job: stores.jobs.get(job.id) });
    assert.equal(queue.position(job.id), null);
    blocker.finish();
    await queue.idle();
    assert.equal(fake.calls.length, 1, 'the cancelled job never reached the backend');
    assert.deepEqual(events.types(job.id), ['queued', 'cancelled']);
    assert.deepEqual(queue.cancel(9999, 'B'), { cancelled: false, reason: 'not-found' });
  });

  it('aborts a running job, refunds it, and the next one starts', async () => {
    const { queue, stores, backend, events } = setupQueue();
    const fake = backend as ReturnType<typeof fakeBackend>;
    const reservationId = reserve(stores, 'A');
    const { job } = queue.submit(newJob('A', {}, { reservationId }));
    const next = queue.submit(newJob('B'));
    const call = await fake.next();
    assert.equal(stores.jobs.get(job.id)!.state, 'running');
    const r = queue.cancel(job.id, 'A');
    assert.ok(r.cancelled && r.wasRunning);
    assert.ok(call.signal.aborted, 'the pipeline is told to stop');
    assert.ok(isRefunded(stores, reservationId));
    (await fake.next()).finish();
    await queue.idle();
    assert.equal(stores.jobs.get(job.id)!.state, 'cancelled');
    assert.equal(stores.jobs.get(next.job.id)!.state, 'done');
    assert.deepEqual(events.types(job.id), ['queued', 'started', 'cancelled']);
  });

  it('lets a moderator remove someone else’s job and records it', async () => {
    const { queue, stores, events } = setupQueue();
    queue.submit(newJob('A'));
    const { job } = queue.submit(newJob('B'));
    const r = queue.cancel(job.id, 'mod', { moderator: true, reason: 'spam' });
    assert.ok(r.cancelled);
    assert.equal(stores.jobs.get(job.id)!.error, 'spam');
    await new Promise((res) => setImmediate(res));
    assert.deepEqual(events.of(job.id).at(-1), {
      type: 'cancelled',
      byUserId: 'mod',
      byModerator: true,
      reason: 'spam',
    });
    const audit = stores.audit.list({ guildId: 'g1' });
    assert.equal(audit[0]?.action, 'queue.remove');
    assert.equal(audit[0]?.targetId, String(job.id));
  });
});

describe('job queue: failures', () => {
  it('fails a job past its time limit, says why, refunds, and restarts the backend', async () => {
    const backend = fakeBackend({ ignoreAbort: true }); // stuck inside one model call
    const { queue, stores, events } = setupQueue({ backend, config: { jobTimeoutMs: 1000 } });
    const reservationId = reserve(stores, 'A');
    const { job } = queue.submit(newJob('A', {}, { reservationId }));
    const after = queue.submit(newJob('B'));
    await backend.next();
    const second = await backend.next(2); // the next job starts once the process was recycled
    assert.equal(backend.restarts, 1);
    const failed = events.of(job.id).find((e) => e.type === 'failed');
    assert.ok(failed?.type === 'failed');
    assert.match(failed.error, /took longer than 1 s/);
    assert.equal(stores.jobs.get(job.id)!.state, 'failed');
    assert.ok(isRefunded(stores, reservationId));
    second.finish();
    await queue.idle();
    assert.equal(stores.jobs.get(after.job.id)!.state, 'done');
  });

  it('refunds a job the pipeline refuses, with the pipeline’s message', async () => {
    const { queue, stores, backend, events } = setupQueue();
    const fake = backend as ReturnType<typeof fakeBackend>;
    const reservationId = reserve(stores, 'A');
    const { job } = queue.submit(newJob('A', {}, { reservationId }));
    (await fake.next()).fail(new UserError('The prompt is empty: describe the picture you want.'));
    await queue.idle();
    assert.deepEqual(events.of(job.id).at(-1), {
      type: 'failed',
      error: 'The prompt is empty: describe the picture you want.',
    });
    assert.equal(stores.jobs.get(job.id)!.error, 'The prompt is empty: describe the picture you want.');
    assert.ok(isRefunded(stores, reservationId));
    assert.equal(
      stores.usage.totals({ since: 0, until: Date.now() * 2 }).failed,
      0,
      'no usage row for a job the test made directly',
    );
  });

  it('reports a bug with an id and refunds', async () => {
    const { queue, stores, backend, events } = setupQueue();
    const fake = backend as ReturnType<typeof fakeBackend>;
    const reservationId = reserve(stores, 'A');
    const { job } = queue.submit(newJob('A', {}, { reservationId }));
    (await fake.next()).fail(new TypeError('boom'));
    await queue.idle();
    const failed = events.of(job.id).at(-1);
    assert.ok(failed?.type === 'failed' && failed.errorId);
    assert.ok(failed.error.includes(failed.errorId) && !failed.error.includes('boom'));
    assert.ok(isRefunded(stores, reservationId));
  });

  it('retries a job whose inference process crashed, then gives up after maxAttempts', async () => {
    const { queue, stores, backend, events } = setupQueue({ config: { maxAttempts: 2 } });
    const fake = backend as ReturnType<typeof fakeBackend>;
    const reservationId = reserve(stores, 'A');
    const { job } = queue.submit(newJob('A', {}, { reservationId }));
    (await fake.next()).fail(new InferenceCrashedError('The inference process stopped unexpectedly.'));
    (await fake.next()).fail(new InferenceCrashedError('The inference process stopped unexpectedly.'));
    await queue.idle();
    assert.deepEqual(events.types(job.id), ['queued', 'started', 'recovered', 'started', 'failed']);
    assert.equal(stores.jobs.get(job.id)!.attempts, 2);
    assert.ok(isRefunded(stores, reservationId));

    const second = queue.submit(newJob('A'));
    (await fake.next()).fail(new InferenceCrashedError('crash'));
    (await fake.next()).finish();
    await queue.idle();
    assert.equal(stores.jobs.get(second.job.id)!.state, 'done', 'a crash once is retried to completion');
  });
});

describe('job queue: durability', () => {
  it('recovers queued and running jobs in their original order; each finishes once', async () => {
    const path = join(tempDir(), 'atelier.db');
    const clock = testClock();
    const first = openStores(path, clock);
    const j1 = first.jobs.create(newJob('A', { prompt: 'one' }));
    const j2 = first.jobs.create(newJob('B', { prompt: 'two' }));
    const j3 = first.jobs.create(newJob('A', { prompt: 'three' }));
    const gone = first.jobs.create(newJob('C', { prompt: 'crashes every time' }));
    assert.ok(first.jobs.markRunning(j1.id)); // the previous process died while running it
    first.database.sqlite.prepare('UPDATE jobs SET attempts = 3, state = ? WHERE id = ?').run('running', gone.id);

    const stores = openStores(path, clock);
    const backend = fakeBackend({ auto: true });
    const queue = createJobQueue({ stores, backend, clock, config: baseConfig });
    const events = recordEvents(queue);
    const report = queue.recover();
    assert.deepEqual(report.requeued, [j1.id, gone.id]);
    assert.deepEqual(report.queued, [j1.id, j2.id, j3.id]);
    assert.deepEqual(report.failed, [gone.id]);
    await queue.idle();
    assert.deepEqual(backend.calls.map(promptOf), ['one', 'two', 'three']);
    assert.deepEqual(events.of(j1.id)[0], { type: 'recovered', position: 1, etaMs: 0, wasRunning: true });
    assert.equal(events.of(j2.id)[0]?.type, 'recovered');
    for (const j of [j1, j2, j3]) {
      const row = stores.jobs.get(j.id)!;
      assert.equal(row.state, 'done');
      assert.equal(stores.jobs.loadImages(j.id).length, 1);
      assert.equal(events.types(j.id).filter((t) => t === 'done').length, 1);
    }
    assert.equal(stores.jobs.get(j1.id)!.attempts, 2);
    assert.equal(stores.jobs.get(gone.id)!.state, 'failed');
    assert.throws(() => queue.recover(), /once/);
    await queue.shutdown();
  });

  it('a job put back in line runs again with exactly the jobs of its last run, in that order (a worker may hold that run)', async () => {
    const path = join(tempDir(), 'atelier.db');
    const clock = testClock();
    const first = openStores(path, clock);
    const [one, two, three, four, five] = ['one', 'two', 'three', 'four', 'five'].map((prompt, i) =>
      first.jobs.create(newJob(`u${i}`, { prompt })),
    );
    // The previous process ran three and one together (in that order), and two alone, then died.
    assert.deepEqual(first.jobs.startRun([three!.id, one!.id]), [three!.id, one!.id]);
    assert.deepEqual(first.jobs.startRun([two!.id, one!.id]), [two!.id], 'one was no longer queued');
    assert.deepEqual(first.jobs.get(one!.id)!.runWith, [three!.id, one!.id]);
    assert.deepEqual(first.jobs.get(two!.id)!.runWith, [two!.id]);
    assert.equal(first.jobs.get(four!.id)!.runWith, null);

    const stores = openStores(path, clock);
    const backend = fakeBackend({ auto: true });
    const queue = createJobQueue({ stores, backend, clock, config: { ...baseConfig, maxBatchLatents: 8 } });
    assert.deepEqual(queue.recover().requeued, [one!.id, two!.id, three!.id]);
    await queue.idle();
    const prompts = (c: FakeCall) => c.req.batch?.map((b) => b.prompt) ?? [c.req.prompt];
    assert.deepEqual(
      backend.calls.map(prompts),
      [['three', 'one'], ['two'], ['four', 'five']],
      'the same runs again; only the jobs that never ran are batched anew',
    );
    assert.deepEqual(stores.jobs.get(four!.id)!.runWith, [four!.id, five!.id]);
    await queue.shutdown();
  });

  it('shuts down gracefully: the running job finishes, waiting jobs stay queued, new requests are refused', async () => {
    const path = join(tempDir(), 'atelier.db');
    const clock = testClock();
    const stores = openStores(path, clock);
    const backend = fakeBackend();
    const queue = createJobQueue({ stores, backend, clock, config: baseConfig });
    const ids = [1, 2, 3].map((i) => queue.submit(newJob(`u${i}`)).job.id);
    const call = await backend.next();
    const stopped = queue.shutdown({ graceMs: 10_000 });
    const reservationId = reserve(stores, 'late');
    assert.throws(
      () => queue.submit(newJob('late', {}, { reservationId })),
      (e: unknown) => e instanceof UserError && e.code === 'restarting',
    );
    assert.ok(isRefunded(stores, reservationId));
    call.finish();
    await stopped;
    assert.deepEqual(
      ids.map((id) => stores.jobs.get(id)!.state),
      ['done', 'queued', 'queued'],
    );
    assert.equal(backend.calls.length, 1);

    // The next start picks up where this one stopped.
    const again = createJobQueue({
      stores: openStores(path, clock),
      backend: fakeBackend({ auto: true }),
      clock,
      config: baseConfig,
    });
    assert.deepEqual(again.recover().queued, ids.slice(1));
    await again.idle();
    assert.deepEqual(
      ids.map((id) => stores.jobs.get(id)!.state),
      ['done', 'done', 'done'],
    );
    await again.shutdown();
  });

  it('past the grace period, puts the running job back to queued (not failed, not refunded)', async () => {
    const { queue, stores, backend, events } = setupQueue();
    const fake = backend as ReturnType<typeof fakeBackend>;
    const reservationId = reserve(stores, 'A');
    const { job } = queue.submit(newJob('A', {}, { reservationId }));
    const waiting = queue.submit(newJob('B'));
    const call = await fake.next();
    await queue.shutdown({ graceMs: 20 });
    assert.ok(call.signal.aborted);
    assert.equal(stores.jobs.get(job.id)!.state, 'queued');
    assert.equal(stores.jobs.get(waiting.job.id)!.state, 'queued');
    assert.equal(isRefunded(stores, reservationId), false);
    assert.equal(events.types(job.id).at(-1), 'interrupted');
    assert.equal(fake.calls.length, 1);
  });
});

describe('job queue: batching', () => {
  it('runs compatible jobs as one request; each job gets its own prompt, images and seeds', async () => {
    const { queue, stores, backend, events } = setupQueue({ config: { maxBatchLatents: 4 } });
    const fake = backend as ReturnType<typeof fakeBackend>;
    queue.submit(newJob('Z', { prompt: 'blocker' }));
    const blocker = await fake.next();
    const j1 = queue.submit(newJob('A', { prompt: 'a lighthouse', seed: 100, count: 1 })).job;
    const j2 = queue.submit(newJob('B', { prompt: 'a red fox', negativePrompt: 'blurry', seed: 7, count: 2 })).job;
    const steps = queue.submit(newJob('C', { prompt: 'a lighthouse', seed: 101, steps: 9 })).job; // other steps
    const j3 = queue.submit(newJob('D', { prompt: 'a lighthouse', seed: 100, count: 1 })).job; // same seed as j1: fine
    const full = queue.submit(newJob('E', { prompt: 'a boat', seed: 1 })).job; // the batch is full by then
    blocker.finish();
    const batch = await fake.next();
    assert.deepEqual(
      [batch.req.prompt, batch.req.seed, batch.req.count],
      ['a lighthouse', 100, 4],
      'the first job’s, and the total',
    );
    assert.deepEqual(batch.req.batch, [
      { prompt: 'a lighthouse', negativePrompt: undefined, seed: 100, count: 1 },
      { prompt: 'a red fox', negativePrompt: 'blurry', seed: 7, count: 2 },
      { prompt: 'a lighthouse', negativePrompt: undefined, seed: 100, count: 1 },
    ]);
    batch.finish();
    (await fake.next()).finish();
    (await fake.next()).finish();
    await queue.idle();
    const images = (id: number) => stores.jobs.loadImages(id).map((i) => new TextDecoder().decode(i.png));
    assert.deepEqual(images(j1.id), ['png:a lighthouse:100']);
    assert.deepEqual(images(j2.id), ['png:a red fox:7', 'png:a red fox:8']);
    assert.deepEqual(images(j3.id), ['png:a lighthouse:100']);
    assert.deepEqual(
      stores.jobs.loadImages(j2.id).map((i) => i.seed),
      [7, 8],
    );
    assert.deepEqual(
      fake.calls.map((c) => c.req.count),
      [1, 4, 1, 1],
      'the others ran alone',
    );
    assert.ok(
      fake.calls.slice(2).every((c) => c.req.batch === undefined),
      'a job alone is sent as before',
    );
    assert.ok(stores.jobs.get(steps.id)!.state === 'done' && stores.jobs.get(full.id)!.state === 'done');
    const started = events.of(j2.id).find((e) => e.type === 'started');
    assert.deepEqual(started && started.type === 'started' && started.batchSize, 3);
  });

  it('never batches image-to-image jobs, nor jobs of another size, guidance, scheduler or model', async () => {
    const { queue, backend } = setupQueue({ config: { maxBatchLatents: 8 } });
    const fake = backend as ReturnType<typeof fakeBackend>;
    queue.submit(newJob('Z', { prompt: 'blocker' }));
    const blocker = await fake.next();
    queue.submit(newJob('A', { seed: 1 }));
    queue.submit(newJob('B', { seed: 2 }, { initImage: new Uint8Array([1, 2, 3]) }));
    queue.submit(newJob('C', { seed: 3, strength: 0.5 }, { initImage: new Uint8Array([1, 2, 3]) }));
    queue.submit(newJob('D', { seed: 4, width: 128 }));
    queue.submit(newJob('E', { seed: 5, guidanceScale: 3 }));
    queue.submit(newJob('F', { seed: 6, scheduler: 'euler' }));
    queue.submit(newJob('G', { seed: 7 }, { model: 'other' }));
    queue.submit(newJob('H', { seed: 8, prompt: 'anything else' }));
    blocker.finish();
    for (let i = 0; i < 7; i++) (await fake.next()).finish();
    await queue.idle();
    const calls = fake.calls.slice(1).map((c) => (c.req.batch ?? [c.req]).map((e) => e.seed));
    assert.deepEqual(calls, [[1, 8], [2], [3], [4], [5], [6], [7]]);
    assert.ok(fake.calls.slice(1).every((c) => !c.req.initImage || !c.req.batch));
  });

  it('keeps a batched job’s neighbours when one of them is cancelled', async () => {
    const { queue, stores, backend } = setupQueue({ config: { maxBatchLatents: 2 } });
    const fake = backend as ReturnType<typeof fakeBackend>;
    queue.submit(newJob('Z', { prompt: 'blocker' }));
    const blocker = await fake.next();
    const j1 = queue.submit(newJob('A', { seed: 1 })).job;
    const j2 = queue.submit(newJob('B', { seed: 2 })).job;
    blocker.finish();
    const batch = await fake.next();
    assert.equal(batch.req.count, 2);
    queue.cancel(j1.id, 'A');
    assert.equal(batch.signal.aborted, false, 'B still wants its image');
    batch.finish();
    await queue.idle();
    assert.equal(stores.jobs.get(j1.id)!.state, 'cancelled');
    assert.equal(stores.jobs.loadImages(j1.id).length, 0);
    assert.equal(stores.jobs.get(j2.id)!.state, 'done');
  });

  it('counts latents (a job of four images is four): four-image jobs share a request only up to the limit', async () => {
    const run = async (maxBatchLatents: number, counts: number[]) => {
      const { queue, backend } = setupQueue({ config: { maxBatchLatents } });
      const fake = backend as ReturnType<typeof fakeBackend>;
      queue.submit(newJob('Z', { prompt: 'blocker' }));
      const blocker = await fake.next();
      counts.forEach((count, i) => queue.submit(newJob(`U${i}`, { seed: 10 * (i + 1), count })));
      blocker.finish();
      for (let more = true; more; ) {
        const next = await Promise.race([fake.next(), queue.idle().then(() => undefined)]);
        if (next) next.finish();
        else more = false;
      }
      return fake.calls.slice(1).map((c) => (c.req.batch ?? [c.req]).map((e) => e.count));
    };
    // 4: each four-image job alone (what MAX_BATCH=4 always did), the one-image jobs four to a request.
    assert.deepEqual(await run(4, [4, 4, 1, 1, 1, 1, 1]), [[4], [4], [1, 1, 1, 1], [1]]);
    // 8: two four-image jobs to a request.
    assert.deepEqual(await run(8, [4, 4, 4, 4, 4]), [[4, 4], [4, 4], [4]]);
    // 6: a four-image job does not fit beside another, a two-image one does (a later job in fair order).
    assert.deepEqual(await run(6, [4, 4, 2]), [[4, 2], [4]]);
    // A job of more latents than the limit runs alone, whole.
    assert.deepEqual(await run(2, [4, 1, 1]), [[4], [1, 1]]);
  });

  it('estimates waits by runs: jobs that will share a run start together, and the next run waits for it', async () => {
    const { queue, backend } = setupQueue({ config: { maxBatchLatents: 8, fallbackRunMs: 10_000 } });
    const fake = backend as ReturnType<typeof fakeBackend>;
    queue.submit(newJob('Z', { count: 4, prompt: 'blocker' }));
    const blocker = await fake.next();
    // Four-image jobs, two per run of eight latents; one of another size runs alone.
    const a = queue.submit(newJob('A', { count: 4, seed: 1 }));
    const b = queue.submit(newJob('B', { count: 4, seed: 2 }));
    const c = queue.submit(newJob('C', { count: 4, seed: 3, width: 128 }));
    const d = queue.submit(newJob('D', { count: 4, seed: 4 }));
    const e = queue.submit(newJob('E', { count: 4, seed: 5 }));
    const eta = (x: typeof a) => queue.position(x.job.id)!.etaMs;
    assert.deepEqual(
      [a, b, c, d, e].map(eta),
      [10_000, 10_000, 20_000, 30_000, 30_000],
      'A and B share the run after the blocker; C runs alone; D and E share the next',
    );
    blocker.finish();
    for (let i = 0; i < 3; i++) (await fake.next()).finish();
    await queue.idle();
    assert.deepEqual(
      fake.calls.slice(1).map((call) => (call.req.batch ?? [call.req]).map((x) => x.seed)),
      [[1, 2], [3], [4, 5]],
      'the runs the estimate assumed',
    );
  });

  it('is off with maxBatchLatents 1', async () => {
    const { queue, backend } = setupQueue({ backend: fakeBackend({ auto: true }) });
    queue.submit(newJob('A', { seed: 1 }));
    queue.submit(newJob('B', { seed: 2 }));
    queue.submit(newJob('C', { seed: 3 }));
    await queue.idle();
    assert.deepEqual(
      (backend as ReturnType<typeof fakeBackend>).calls.map((c) => c.req.count),
      [1, 1, 1],
    );
  });
});

describe('job queue: a backend whose capacity changes (remote workers)', () => {
  it('starts nothing while no worker is up, keeps places, then runs as many at once as the workers offer', async () => {
    const fake = fakeBackend();
    let capacity = 0;
    const listeners: (() => void)[] = [];
    const backend = {
      ...fake,
      generate: fake.generate,
      restart: fake.restart,
      capacity: () => capacity,
      onCapacityChange: (l: () => void) => void listeners.push(l),
    };
    const { queue } = setupQueue({ backend, config: { slots: 1 } });
    const a = queue.submit(newJob('A', { prompt: 'A1' }));
    queue.submit(newJob('A', { prompt: 'A2' }));
    const b = queue.submit(newJob('B', { prompt: 'B1' }));
    await new Promise((r) => setImmediate(r));
    assert.equal(fake.calls.length, 0, 'no worker: nothing is handed over');
    assert.deepEqual([a.position, b.position], [1, 2]);
    assert.equal(queue.snapshot().slots, 0);
    capacity = 2;
    for (const l of listeners) l();
    const first = await fake.next();
    const second = await fake.next();
    assert.deepEqual([promptOf(first), promptOf(second)], ['A1', 'B1'], 'two at once, in fair order');
    capacity = 0; // the workers went away: what runs finishes, nothing new starts
    for (const l of listeners) l();
    first.finish();
    second.finish();
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(fake.calls.length, 2);
    capacity = 1;
    for (const l of listeners) l();
    assert.equal(promptOf(await fake.next()), 'A2');
  });
});

describe('job queue: worker capacity per model (workers serving different models)', () => {
  it("starts a job whose model has a free worker ahead of another model's backlog, keeps the light user's turn, and a job no worker serves waits with its reason", async () => {
    const fake = fakeBackend();
    let workers: WorkerSlots[] = [
      { models: ['alpha'], slots: 1 },
      { models: ['beta'], slots: 1 },
    ];
    const listeners: (() => void)[] = [];
    const inFlight = () => {
      const n = new Map<string, number>();
      for (const c of fake.calls) if (!c.settled) n.set(c.req.model!, (n.get(c.req.model!) ?? 0) + 1);
      return n;
    };
    const backend: InferenceBackend = {
      generate: fake.generate,
      restart: fake.restart,
      capacity: () => workers.reduce((n, w) => n + w.slots, 0),
      onCapacityChange: (l) => void listeners.push(l),
      availability: (model) => modelAvailability(model, inFlight(), workers),
      workers: () => workers,
    };
    const { queue, events, stores } = setupQueue({ backend, config: { slots: 1, maxPerUser: 50 } });
    for (let i = 1; i <= 4; i++) queue.submit(newJob('heavy', { prompt: `H${i}` }, { model: 'alpha' }));
    const light = queue.submit(newJob('light', { prompt: 'L1' }, { model: 'alpha' }));
    queue.submit(newJob('b', { prompt: 'B1' }, { model: 'beta' }));
    const gamma = queue.submit(newJob('g', { prompt: 'G1' }, { model: 'gamma' }));
    const first = await fake.next();
    const second = await fake.next();
    // Without capacity per model, the second slot went to H2 or L1 (alpha's queue) while the beta worker sat idle.
    assert.deepEqual([promptOf(first), promptOf(second)], ['H1', 'B1']);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(fake.calls.length, 2, "alpha's one slot is taken: its other jobs wait in the bot, not in Redis");
    // Its place in the rotation (H1 had started: L1, B1, then G1), and why it has no estimate.
    assert.deepEqual(events.of(gamma.job.id)[0], { type: 'queued', position: 3, etaMs: 0, noWorker: 'unserved' });
    assert.equal(queue.position(gamma.job.id)?.noWorker, 'unserved');
    // L1 waits for alpha's one slot (H1's), not for the beta worker: its estimate is H1's remaining run time.
    assert.ok(queue.position(light.job.id)!.etaMs > 0);
    first.finish();
    assert.equal(promptOf(await fake.next()), 'L1', 'the light user goes before the rest of the heavy backlog');
    second.finish();
    // A worker for gamma comes: its job, told why it waited, starts (it never failed).
    workers = [...workers, { models: ['gamma'], slots: 1 }];
    for (const l of listeners) l();
    assert.equal(promptOf(await fake.next()), 'G1');
    assert.equal(stores.jobs.get(gamma.job.id)!.state, 'running');
    // One worker for both alpha and beta with one slot: one job at a time in all.
    workers = [{ models: ['alpha', 'beta'], slots: 1 }];
    for (const l of listeners) l();
    for (const c of fake.calls) c.finish();
    queue.submit(newJob('b', { prompt: 'B2' }, { model: 'beta' }));
    const next = await fake.next();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(fake.calls.filter((c) => !c.settled).length, 1, 'one slot shared by both models');
    next.finish();
    assert.ok(await fake.next());
  });
});

describe('job queue: workers that cannot be reached (Redis down)', () => {
  it('jobs are accepted and wait with their place, their members told why; when the workers are back they run', async () => {
    const fake = fakeBackend();
    let reachable = false;
    const listeners: (() => void)[] = [];
    const backend: InferenceBackend = {
      generate: fake.generate,
      restart: fake.restart,
      capacity: () => (reachable ? 1 : 0),
      onCapacityChange: (l) => void listeners.push(l),
      availability: () => (reachable ? 'free' : 'unreachable'),
    };
    const { queue, events } = setupQueue({ backend, config: { slots: 1, positionTickMs: 0 } });
    const a = queue.submit(newJob('a', { prompt: 'A' })).job;
    const b = queue.submit(newJob('b', { prompt: 'B' })).job;
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(events.of(a.id)[0], { type: 'queued', position: 1, etaMs: 0, noWorker: 'unreachable' });
    assert.deepEqual([queue.position(b.id)?.position, queue.position(b.id)?.noWorker], [2, 'unreachable']);
    assert.equal(fake.calls.length, 0, 'nothing is handed to workers that cannot be reached');
    reachable = true;
    for (const l of listeners) l();
    assert.equal(promptOf(await fake.next()), 'A');
    // B is told its estimate again instead of the workers being away.
    await waitUntil(() => events.of(b.id).some((e) => e.type === 'position' && e.noWorker === undefined));
    fake.calls[0]!.finish();
    assert.equal(promptOf(await fake.next()), 'B');
    fake.calls[1]!.finish();
    await queue.idle();
  });
});

describe('job queue: position updates, one pass per tick', () => {
  it('a 500-job burst tells each waiting job its new place at most once per tick, and only when it moved', async () => {
    const tickMs = 100;
    const backend: InferenceBackend = {
      // Each job takes about a millisecond: hundreds of starts per tick, each of which moves everyone up.
      generate: (req) => new Promise((resolve) => setTimeout(() => resolve(fakeResult(req)), 1)),
      restart: async () => undefined,
    };
    const { queue } = setupQueue({ backend, config: { maxWaiting: 1000, maxPerUser: 100, positionTickMs: tickMs } });
    const seen = new Map<number, { at: number; event: QueueEvent }[]>();
    // Events are delivered in batches (one synchronous flush each): time a batch by its first event, so that how
    // long a flush of hundreds of events takes on a busy machine does not count as time between passes.
    let batch: number | undefined;
    queue.on('update', (jobId, event) => {
      if (batch === undefined) {
        batch = performance.now();
        queueMicrotask(() => (batch = undefined));
      }
      const list = seen.get(jobId) ?? [];
      list.push({ at: batch, event });
      seen.set(jobId, list);
    });
    const t0 = performance.now();
    for (let i = 0; i < 500; i++) queue.submit(newJob(`u${i % 10}`));
    await queue.idle();
    const ticks = Math.ceil((performance.now() - t0) / tickMs);
    let positions = 0;
    for (const [jobId, list] of seen) {
      assert.equal(list[0]!.event.type, 'queued', `job ${jobId} is told its place first`);
      assert.equal(list.at(-1)!.event.type, 'done');
      let told = list[0]!.event as { position: number; etaMs: number };
      let lastAt = Number.NEGATIVE_INFINITY;
      for (const { at, event } of list) {
        if (event.type !== 'position') continue;
        positions++;
        // Passes are a whole tick apart (half a tick of slack for a machine too busy to start a flush at once).
        assert.ok(at - lastAt >= tickMs / 2, `job ${jobId}: two position events ${at - lastAt} ms apart`);
        assert.ok(
          event.position !== told.position || etaMoved(told.etaMs, event.etaMs),
          `job ${jobId}: a position event that changes nothing`,
        );
        lastAt = at;
        told = event;
      }
    }
    assert.equal(seen.size, 500);
    // Before the tick every start told every waiting job: about 250 position events per job in this burst.
    assert.ok(positions / 500 <= ticks, `${positions / 500} position events per job over ${ticks} ticks`);
  });

  it('tells a change at once when the line was quiet for a tick', async () => {
    const { queue, backend, events } = setupQueue({ config: { positionTickMs: 60_000 } });
    const fake = backend as ReturnType<typeof fakeBackend>;
    queue.submit(newJob('A'));
    const running = await fake.next();
    const b = queue.submit(newJob('B'));
    const c = queue.submit(newJob('C'));
    queue.cancel(b.job.id, 'B');
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      events.of(c.job.id).map((e) => (e.type === 'position' || e.type === 'queued' ? e.position : e.type)),
      [2, 1],
      'C moved up when B left, without waiting for a tick',
    );
    running.finish();
    (await fake.next()).finish();
    await queue.idle();
  });
});
