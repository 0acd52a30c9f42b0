// The scale-out path end to end below Discord: a real redis-server, a worker host (BullMQ Worker and its inference
// process on a generated tiny model), the bot's remote backend. Images come back byte for byte as the local
// inference process makes them; duplicates are dropped; cancel stops a running job at its next step.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { PREVIEW_INTERVAL_MS, type GenerateRequest } from '../../src/diffusion/types.ts';
import { CancelledError, UserError } from '../../src/errors.ts';
import { createInferenceClient } from '../../src/inference/client.ts';
import { setLogLevel } from '../../src/log.ts';
import { keys, queueName, toJobData } from '../../src/scale/protocol.ts';
import { createRemoteBackend, decodeFailure, encodeFailure, type RemoteBackend } from '../../src/scale/remote.ts';
import { startWorkerHost, type WorkerHost } from '../../src/scale/worker.ts';
import { generateRequest, inferenceOptions } from '../support/inference.ts';
import { tinyModel } from '../support/models.ts';
import { startRedis, type RedisServer } from '../support/redis.ts';
import { waitUntil } from '../support/wait.ts';

setLogLevel('warn');
const request = (over: Partial<GenerateRequest> = {}) => generateRequest({ count: 2, ...over });

describe('BullMQ workers on a real redis-server', () => {
  let redis: RedisServer;
  let worker: WorkerHost;
  let backend: RemoteBackend;
  let modelDir: string;
  before(async () => {
    redis = await startRedis();
    modelDir = await tinyModel({});
    backend = createRemoteBackend({ redisUrl: redis.url, pollMs: 200 });
    const capacity: number[] = [];
    backend.onCapacityChange?.(() => capacity.push(backend.capacity!()));
    await backend.start();
    assert.equal(backend.capacity!(), 0, 'no worker yet: no capacity');
    worker = await startWorkerHost({
      redisUrl: redis.url,
      slots: 1,
      lockMs: 5_000,
      inference: { modelDir, ...inferenceOptions },
    });
    await waitUntil(() => backend.capacity!() === 1, { what: 'the worker to be seen' });
    assert.equal(backend.info?.name, worker.info.name);
  });
  after(async () => {
    await backend?.close();
    await worker?.close(0);
    await redis?.stop();
  });

  it('runs a request on the worker: the same PNG bytes as a local inference process, and no image key left behind', async () => {
    const steps: number[] = [];
    const remote = await backend.generate(request(), {
      signal: new AbortController().signal,
      onStep: (p) => steps.push(p.step),
      key: 'j1a1',
    });
    const local = createInferenceClient({ modelDir, ...inferenceOptions });
    try {
      const mine = await local.generate(request());
      assert.deepEqual(
        remote.images.map((i) => Buffer.from(i.png)),
        mine.images.map((i) => Buffer.from(i.png)),
      );
    } finally {
      await local.close(0);
    }
    assert.ok(steps.length >= 1, 'progress arrives as BullMQ progress events');
    const r = new Redis(redis.url);
    try {
      assert.deepEqual(await r.keys(`${keys.output('j1a1', 0).slice(0, -2)}*`), []);
    } finally {
      r.disconnect();
    }
  });

  it('carries an init image as a binary key and takes image-to-image requests', async () => {
    const first = await backend.generate(request({ count: 1 }), {
      signal: new AbortController().signal,
      onStep: () => undefined,
      key: 'j2a1',
    });
    const img = await backend.generate(request({ count: 1, initImage: first.images[0]!.png, strength: 0.5 }), {
      signal: new AbortController().signal,
      onStep: () => undefined,
      key: 'j3a1',
    });
    assert.equal(img.images.length, 1);
  });

  it("relays the worker's live previews through a short-lived binary key, no more often than the bot shows them", async () => {
    const previews: Uint8Array[] = [];
    const steps: number[] = [];
    const t0 = Date.now();
    await backend.generate(request({ count: 1, steps: 40, preview: true }), {
      signal: new AbortController().signal,
      onStep: (p) => {
        steps.push(p.step);
        if (p.preview) previews.push(p.preview);
      },
      key: 'j10a1',
    });
    const elapsed = Date.now() - t0;
    assert.deepEqual(
      steps,
      [...steps].sort((a, b) => a - b),
      'steps arrive in order, previews included',
    );
    assert.ok(previews.length >= 1, 'the first step carries a preview');
    assert.deepEqual([...previews[0]!.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG');
    assert.ok(previews.length <= 1 + Math.ceil(elapsed / PREVIEW_INTERVAL_MS), `${previews.length} in ${elapsed} ms`);
    const r = new Redis(redis.url);
    try {
      assert.equal(await r.exists(keys.preview('j10a1')), 0, 'the preview key is deleted with the run');
    } finally {
      r.disconnect();
    }
  });

  it("keeps a fast run's only preview: the steps announced before the result are relayed before it settles", async () => {
    // A 4-step run's one preview is announced moments before its completion; before, the bot dropped it when the
    // completion arrived while its bytes were being read (3 of 40 runs here).
    const missing: number[] = [];
    for (let i = 0; i < 20; i++) {
      let previews = 0;
      await backend.generate(request({ count: 1, steps: 4, preview: true }), {
        signal: new AbortController().signal,
        onStep: (p) => void (p.preview && previews++),
        key: `j13-${i}a1`,
      });
      if (previews === 0) missing.push(i);
    }
    assert.deepEqual(missing, [], 'runs whose preview was dropped');
  });

  it("a restarted bot takes over its predecessor's run of the same jobs: the finished result, or the run still going", async () => {
    const r = new Redis(redis.url);
    const connection = r.duplicate();
    const queue = new Queue(queueName(worker.info.name), { connection });
    const state = (key: string) => queue.getJobState(key);
    const until = async (key: string, want: string) => {
      for (let i = 0; i < 400 && (await state(key)) !== want; i++) await new Promise((res) => setTimeout(res, 25));
      assert.equal(await state(key), want);
    };
    try {
      for (const finished of [true, false]) {
        const job = finished ? 'j11-x' : 'j12-x';
        const req = request({ count: 1, steps: 150 });
        // The first bot hands the run off and dies while a worker runs it.
        const first = createRemoteBackend({ redisUrl: redis.url, pollMs: 200 });
        await first.start();
        const lost = first
          .generate(req, {
            signal: new AbortController().signal,
            onStep: () => undefined,
            key: `${job}-a1`,
            jobKeys: [job],
          })
          .catch(() => 'lost');
        await until(`${job}-a1`, 'active');
        await first.close();
        assert.equal(await lost, 'lost');
        if (finished) await until(`${job}-a1`, 'completed'); // while no bot waits for it
        // The next bot runs the same job as attempt 2: it gets attempt 1's images; attempt 2 never reaches BullMQ.
        const result = await backend.generate(req, {
          signal: new AbortController().signal,
          onStep: () => undefined,
          key: `${job}-a2`,
          jobKeys: [job],
        });
        assert.equal(result.images.length, 1);
        assert.equal(await state(`${job}-a2`), 'unknown', 'not run again');
        assert.equal(await r.exists(keys.runOf(job), keys.output(`${job}-a1`, 0)), 0, 'its keys are cleaned up');
      }
    } finally {
      await queue.close();
      connection.disconnect();
      r.disconnect();
    }
  });

  it('drops a duplicate completion: the second settle of a run is a no-op', async () => {
    const result = await backend.generate(request({ count: 1 }), {
      signal: new AbortController().signal,
      onStep: () => undefined,
      key: 'j4a1',
    });
    assert.equal(result.images.length, 1);
    assert.equal(await backend.complete('j4a1', { images: [], timings: result.timings, info: result.info }), false);
    assert.equal(backend.inFlight, 0);
  });

  it('cancels a job running on the worker within one step', async () => {
    const controller = new AbortController();
    const steps: number[] = [];
    const run = backend.generate(request({ steps: 200, count: 1 }), {
      signal: controller.signal,
      onStep: (p) => steps.push(p.step),
      key: 'j5a1',
    });
    await waitUntil(() => steps.length >= 2, { what: 'the job to be running' });
    controller.abort();
    await assert.rejects(run, CancelledError);
    // The worker is free again soon: the pipeline stopped at its next step rather than running 200.
    const next = await backend.generate(request({ count: 1, steps: 2 }), {
      signal: new AbortController().signal,
      onStep: () => undefined,
      key: 'j6a1',
    });
    assert.equal(next.images.length, 1);
    assert.ok(Math.max(...steps) < 200);
  });

  it('a stop message missed on the channel (a worker reconnecting) is still seen once it has subscribed again', async () => {
    const steps: number[] = [];
    const run = backend
      .generate(request({ steps: 200, count: 1 }), {
        signal: new AbortController().signal,
        onStep: (p) => steps.push(p.step),
        key: 'j9a1',
      })
      .then(
        () => 'finished',
        (e: Error) => e.message,
      );
    await waitUntil(() => steps.length >= 2, { what: 'the job to be running' });
    // The job holds still meanwhile (its inference process frozen), so it cannot finish before the stop is seen.
    const [pid] = worker.pids;
    process.kill(pid!, 'SIGSTOP');
    const r = new Redis(redis.url);
    try {
      // The worker's subscription drops (a network blip), and the stop is published while it is away: nobody hears it.
      await r.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
      const [, [, heard]] = (await r
        .multi()
        .set(keys.stopped('j9a1'), 'cancel')
        .publish(keys.control, JSON.stringify({ type: 'cancel', key: 'j9a1' }))
        .exec()) as [unknown, [unknown, number]];
      assert.equal(heard, 0, 'the message was missed');
      for (let i = 0; i < 500; i++) {
        const [, n] = (await r.call('PUBSUB', 'NUMSUB', keys.control)) as [string, number];
        if (n > 0) break;
        await new Promise((res) => setTimeout(res, 10));
      }
    } finally {
      process.kill(pid!, 'SIGCONT');
      r.disconnect();
    }
    // Subscribed again, the worker read the stop key: the job fails as cancelled there, which the bot (which did not
    // ask) takes as a retry.
    assert.match(await run, /cancelled/i);
    assert.ok(Math.max(...steps) < 200);
  });

  it('a time limit recycles the inference process of the worker holding the job', async () => {
    const [before] = worker.pids;
    const controller = new AbortController();
    const steps: number[] = [];
    const run = backend.generate(request({ steps: 200, count: 1 }), {
      signal: controller.signal,
      onStep: (p) => steps.push(p.step),
      key: 'j7a1',
    });
    await waitUntil(() => steps.length >= 1, { what: 'the job to be running' });
    // What the queue does at the time limit: abort, then ask for a restart at once (the two messages reach the
    // worker together, while the job still runs there).
    controller.abort();
    await backend.restart();
    await assert.rejects(run, CancelledError);
    await waitUntil(() => worker.pids[0] !== undefined && worker.pids[0] !== before, {
      what: 'a fresh inference process',
      timeout: 20_000,
    });
    const next = await backend.generate(request({ count: 1, steps: 2 }), {
      signal: new AbortController().signal,
      onStep: () => undefined,
      key: 'j8a1',
    });
    assert.equal(next.images.length, 1);
  });

  it('a member mistake crosses as a UserError, a crash as a retry', () => {
    const e = decodeFailure(encodeFailure(new UserError('Too big.', 'bad-size')));
    assert.ok(e instanceof UserError && e.code === 'bad-size' && e.message === 'Too big.');
    assert.equal(decodeFailure('job stalled more than allowable limit').name, 'InferenceCrashedError');
  });
});

describe('several models across workers', () => {
  let redis: RedisServer;
  let root: string;
  let onlyAlpha: WorkerHost;
  let betaAndAlpha: WorkerHost;
  let backend: RemoteBackend;
  before(async () => {
    redis = await startRedis();
    root = mkdtempSync(join(tmpdir(), 'atelier-scale-models-'));
    cpSync(await tinyModel({}), join(root, 'alpha'), { recursive: true });
    cpSync(await tinyModel({ family: 'sd-turbo' }), join(root, 'beta'), { recursive: true });
    const inference = (model: string) => ({
      ...inferenceOptions,
      modelDir: join(root, model),
      modelsRoot: root,
      memoryBudgetBytes: 2 ** 30,
    });
    backend = createRemoteBackend({ redisUrl: redis.url, pollMs: 200 });
    await backend.start();
    // One worker serves alpha alone; the other serves beta and alpha (WORKER_MODELS=alpha).
    onlyAlpha = await startWorkerHost({ redisUrl: redis.url, slots: 1, lockMs: 5_000, inference: inference('alpha') });
    betaAndAlpha = await startWorkerHost({
      redisUrl: redis.url,
      slots: 1,
      lockMs: 5_000,
      inference: inference('beta'),
      models: ['alpha'],
    });
    await waitUntil(() => backend.capacity!() === 2, { what: 'both workers to be seen' });
  });
  after(async () => {
    await backend?.close();
    await onlyAlpha?.close(0);
    await betaAndAlpha?.close(0);
    await redis?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the models the live workers serve, and a refusal names what is installed', async () => {
    assert.deepEqual(betaAndAlpha.models, ['beta', 'alpha']);
    assert.deepEqual(backend.models.map((m) => m.name).sort(), ['alpha', 'beta']);
    await assert.rejects(
      startWorkerHost({
        redisUrl: redis.url,
        slots: 1,
        lockMs: 5_000,
        inference: { ...inferenceOptions, modelDir: join(root, 'alpha'), modelsRoot: root },
        models: ['gamma'],
      }),
      (err: unknown) =>
        err instanceof UserError && /WORKER_MODELS names "gamma".*Installed: alpha, beta/.test(err.message),
    );
  });

  it("sends a job only to a worker serving its model: beta's jobs all run on the worker that has beta", async () => {
    const run = (model: string | undefined, key: string) =>
      backend.generate(request({ count: 1, steps: 2, ...(model && { model }) }), {
        signal: new AbortController().signal,
        onStep: () => undefined,
        key,
      });
    // Several at once, so both workers are busy and a wrong hand-off would land on the alpha-only worker.
    const results = await Promise.all([run('beta', 'm1'), run('beta', 'm2'), run('alpha', 'm3'), run(undefined, 'm4')]);
    assert.deepEqual(
      results.map((r) => r.info.model),
      ['beta', 'beta', 'alpha', 'alpha'],
    );
  });

  it('hands a run off only when a worker serving its model has a slot for it, and knows a model no worker serves', async () => {
    assert.equal(backend.availability!('beta'), 'free');
    assert.equal(backend.availability!('gamma'), 'unserved');
    const controller = new AbortController();
    const runs = ['c1', 'c2'].map((key) =>
      backend
        .generate(request({ count: 1, steps: 2, model: 'alpha' }), {
          signal: controller.signal,
          onStep: () => undefined,
          key,
        })
        .catch(() => undefined),
    );
    // Two alpha runs take both workers (one on each), so beta's only worker is full: its next job waits in the bot.
    assert.equal(backend.availability!('beta'), 'busy');
    assert.equal(backend.availability!('alpha'), 'busy');
    await Promise.all(runs);
    assert.equal(backend.availability!('beta'), 'free');
  });

  it('keeps offering a model whose only worker has gone: its jobs wait for one (unserved), not refused', async () => {
    await betaAndAlpha.close(0);
    await waitUntil(() => backend.capacity!() === 1, { what: 'the beta worker to be gone' });
    assert.deepEqual(backend.models.map((m) => m.name).sort(), ['alpha', 'beta']);
    assert.equal(backend.availability!('beta'), 'unserved');
    assert.equal(backend.availability!('alpha'), 'free');
  });
});

describe('one slot count per worker host, whatever the models', () => {
  let redis: RedisServer;
  let root: string;
  let host: WorkerHost | undefined;
  before(async () => {
    redis = await startRedis();
    root = mkdtempSync(join(tmpdir(), 'atelier-scale-slots-'));
    cpSync(await tinyModel({}), join(root, 'alpha'), { recursive: true });
    cpSync(await tinyModel({ family: 'sd-turbo' }), join(root, 'beta'), { recursive: true });
  });
  after(async () => {
    await host?.close(0);
    await redis?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('a worker serving two models with one slot never holds two jobs: each is locked only once the last one is done', async () => {
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queues = ['alpha', 'beta'].map((m) => new Queue(queueName(m), { connection }));
    try {
      // Both queues hold jobs before the worker starts, so both models' queues have work at every free slot.
      for (const [i, queue] of queues.entries())
        for (const n of [1, 2, 3])
          await queue.add('generate', toJobData(request({ count: 1, steps: 30 })), { jobId: `${'ab'[i]}${n}` });
      host = await startWorkerHost({
        redisUrl: redis.url,
        slots: 1,
        lockMs: 5_000,
        inference: { ...inferenceOptions, modelDir: join(root, 'beta'), modelsRoot: root, memoryBudgetBytes: 2 ** 30 },
        models: ['alpha'],
      });
      const jobs = async () => (await Promise.all(queues.map((q) => q.getJobs(['completed', 'failed'])))).flat();
      for (let i = 0; i < 1200 && (await jobs()).length < 6; i++) await new Promise((r) => setTimeout(r, 50));
      const finished = await jobs();
      assert.equal(finished.length, 6, 'all six jobs finish');
      const held = finished
        .map((j) => ({ id: j.id, from: j.processedOn!, to: j.finishedOn!, failed: j.failedReason }))
        .sort((a, b) => a.from - b.from);
      assert.deepEqual(
        held.filter((j) => j.failed),
        [],
      );
      for (let i = 1; i < held.length; i++)
        assert.ok(held[i]!.from >= held[i - 1]!.to, `${held[i]!.id} was locked while ${held[i - 1]!.id} still ran`);
      assert.deepEqual(new Set(held.slice(0, 2).map((j) => j.id![0])), new Set(['a', 'b']), 'the models take turns');
    } finally {
      await Promise.all(queues.map((q) => q.close()));
      connection.disconnect();
    }
  });
});
