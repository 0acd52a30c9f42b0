// The queue over the real inference client (a child process running the pipeline) on a generated tiny model:
// images and progress arrive, a batch (same prompt, or different people's prompts and seeds) gives each job exactly
// the images it gets alone, a running job stops when cancelled, and a time limit recycles the process.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readPngParameters } from '../../src/diffusion/png.ts';
import { createInferenceClient, type InferenceClient } from '../../src/inference/client.ts';
import type { QueueConfig } from '../../src/queue/types.ts';
import { tinyModel } from '../support/models.ts';
import { basename } from 'node:path';
import { isRefunded, newJob as newJobOf, reserve, setupQueue } from './helpers.ts';

let modelDir: string;
const clients: InferenceClient[] = [];
function client(): InferenceClient {
  const c = createInferenceClient({
    modelDir,
    executionProviders: ['cpu'],
    intraOpThreads: 1,
    bounds: { maxSteps: 5000, maxImages: 8, maxWidth: 256, maxHeight: 256 },
  });
  clients.push(c);
  return c;
}
before(async () => {
  modelDir = await tinyModel({});
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

/** A job for the model the inference process serves (jobs record their model, and run on it). */
const newJob = (...[userId, over, extra]: Parameters<typeof newJobOf>) =>
  newJobOf(userId, over, { model: basename(modelDir), ...extra });

const real = (config: Partial<QueueConfig> = {}) => setupQueue({ backend: client(), clock: Date.now, config });

describe('job queue on the real inference client', () => {
  it('delivers progress and PNGs carrying each job’s seed', async () => {
    const { queue, events, stores } = real();
    const a = queue.submit(newJob('A', { prompt: 'a red fox', steps: 3, seed: 5, count: 2 })).job;
    const b = queue.submit(newJob('B', { prompt: 'a blue bird', steps: 2, seed: 9 })).job;
    await queue.idle();
    const progress = events.of(a.id).flatMap((e) => (e.type === 'progress' ? [e] : []));
    assert.ok(progress.length >= 3);
    assert.deepEqual(
      progress.map((e) => e.step),
      progress.map((_, i) => i + 1),
    );
    assert.equal(progress.at(-1)?.step, progress.at(-1)?.totalSteps);
    assert.deepEqual(
      stores.jobs.loadImages(a.id).map((i) => i.seed),
      [5, 6],
    );
    assert.match(readPngParameters(stores.jobs.loadImages(a.id)[1]!.png) ?? '', /a red fox[\s\S]*Seed: 6/);
    assert.match(readPngParameters(stores.jobs.loadImages(b.id)[0]!.png) ?? '', /a blue bird[\s\S]*Seed: 9/);
    assert.ok(stores.jobs.get(a.id)!.runMs! >= 0);
  });

  it('a batch gives each job the same images it gets alone', async () => {
    const p = { prompt: 'a lighthouse at dusk', steps: 3 };
    const alone = real();
    const x = alone.queue.submit(newJob('A', { ...p, seed: 20, count: 1 })).job;
    const y = alone.queue.submit(newJob('B', { ...p, seed: 21, count: 2 })).job;
    await alone.queue.idle();

    const batched = real({ maxBatchLatents: 4 });
    batched.queue.submit(newJob('Z', { prompt: 'blocker', steps: 40 }));
    const bx = batched.queue.submit(newJob('A', { ...p, seed: 20, count: 1 })).job;
    const by = batched.queue.submit(newJob('B', { ...p, seed: 21, count: 2 })).job;
    await batched.queue.idle();
    const started = batched.events.of(by.id).find((e) => e.type === 'started');
    assert.ok(started?.type === 'started' && started.batchSize === 2, 'the two ran as one request');
    const png = (stores: typeof alone.stores, id: number) =>
      stores.jobs.loadImages(id).map((i) => [i.seed, Buffer.from(i.png).toString('base64')]);
    assert.deepEqual(png(batched.stores, bx.id), png(alone.stores, x.id));
    assert.deepEqual(png(batched.stores, by.id), png(alone.stores, y.id));
  });

  it('a batch of different people’s prompts and seeds gives each job the same PNG bytes it gets alone', async () => {
    const long = Array.from({ length: 100 }, (_, i) => `word${i % 10}`).join(' '); // two 77-token chunks
    const jobs = [
      newJob('A', { prompt: 'a lighthouse at dusk', negativePrompt: 'blurry', seed: 20, count: 1, steps: 3 }),
      newJob('B', { prompt: 'a red fox in the snow', seed: 4_000_000, count: 2, steps: 3 }),
      newJob('C', { prompt: long, seed: 20, count: 1, steps: 3 }),
    ];
    const alone = real();
    const a = jobs.map((j) => alone.queue.submit(j).job);
    await alone.queue.idle();

    const batched = real({ maxBatchLatents: 4 });
    batched.queue.submit(newJob('Z', { prompt: 'blocker', steps: 40 }));
    const b = jobs.map((j) => batched.queue.submit(j).job);
    await batched.queue.idle();
    for (const job of b) {
      const started = batched.events.of(job.id).find((e) => e.type === 'started');
      assert.ok(started?.type === 'started' && started.batchSize === 3, `job ${job.id} ran in the batch of three`);
    }
    const png = (stores: typeof alone.stores, id: number) =>
      stores.jobs.loadImages(id).map((i) => [i.seed, Buffer.from(i.png).toString('base64')]);
    b.forEach((job, i) => assert.deepEqual(png(batched.stores, job.id), png(alone.stores, a[i]!.id), `job ${i}`));
    assert.match(
      readPngParameters(batched.stores.jobs.loadImages(b[1]!.id)[1]!.png) ?? '',
      /^a red fox in the snow\n[\s\S]*Seed: 4000001/,
    );
    assert.match(
      readPngParameters(batched.stores.jobs.loadImages(b[2]!.id)[0]!.png) ?? '',
      /^word0 word1[\s\S]*Seed: 20,/,
    );
  });

  it('four-image jobs share one UNet call per step up to MAX_BATCH_LATENTS, with the PNG bytes each gets alone', async () => {
    const long = Array.from({ length: 100 }, (_, i) => `word${i % 10}`).join(' '); // two 77-token chunks
    const jobs = [
      newJob('A', { prompt: 'a lighthouse at dusk', seed: 20, count: 4, steps: 2 }),
      newJob('B', { prompt: 'a red fox in the snow', negativePrompt: 'blurry', seed: 70, count: 4, steps: 2 }),
      newJob('C', { prompt: 'a boat', seed: 5, count: 2, steps: 2 }),
      newJob('D', { prompt: long, seed: 9, count: 2, steps: 2 }),
    ];
    const alone = real();
    const a = jobs.map((j) => alone.queue.submit(j).job);
    await alone.queue.idle();

    // Each request's latents and the UNet calls its denoising loop made per step.
    const requests: { latents: number[]; unetCallsPerStep: number }[] = [];
    const inference = client();
    const batched = setupQueue({
      backend: {
        generate: async (req, opts) => {
          const result = await inference.generate(req, opts);
          requests.push({
            latents: (req.batch ?? [req]).map((e) => e.count),
            unetCallsPerStep: result.timings.unetCalls! / result.timings.stepMs.length,
          });
          return result;
        },
        restart: () => inference.restart(),
      },
      clock: Date.now,
      config: { maxBatchLatents: 8 },
    });
    batched.queue.submit(newJob('Z', { prompt: 'blocker', steps: 40 }));
    const b = jobs.map((j) => batched.queue.submit(j).job);
    await batched.queue.idle();
    assert.deepEqual(requests.slice(1), [
      // 8 latents (16 UNet rows with guidance): one call per step.
      { latents: [4, 4], unetCallsPerStep: 1 },
      // Prompts of one and of two 77-token chunks share a request but not a call (padding would change the images).
      { latents: [2, 2], unetCallsPerStep: 2 },
    ]);
    const png = (stores: typeof alone.stores, id: number) =>
      stores.jobs.loadImages(id).map((i) => [i.seed, Buffer.from(i.png).toString('base64')]);
    b.forEach((job, i) => assert.deepEqual(png(batched.stores, job.id), png(alone.stores, a[i]!.id), `job ${i}`));
  });

  it('stops a running job when it is cancelled; the next job still runs', async () => {
    const { queue, events, stores } = real();
    const reservationId = reserve(stores, 'A');
    const long = queue.submit(newJob('A', { steps: 500 }, { reservationId })).job;
    const next = queue.submit(newJob('B', { steps: 2 })).job;
    await events.until((e) => e.jobId === long.id && e.event.type === 'progress');
    assert.ok(queue.cancel(long.id, 'A').cancelled);
    await queue.idle();
    const steps = events.of(long.id).filter((e) => e.type === 'progress').length;
    assert.ok(steps < 500, `stopped after ${steps} steps`);
    assert.equal(stores.jobs.get(long.id)!.state, 'cancelled');
    assert.ok(isRefunded(stores, reservationId));
    assert.equal(stores.jobs.get(next.id)!.state, 'done');
  });

  it('fails a job over its time limit and recycles the inference process', async () => {
    const backend = client();
    const { queue, events, stores } = setupQueue({ backend, clock: Date.now, config: { jobTimeoutMs: 400 } });
    await backend.start();
    const pid = backend.pid;
    const slow = queue.submit(newJob('A', { steps: 500 })).job;
    const next = queue.submit(newJob('B', { steps: 2 })).job;
    await queue.idle();
    const failed = events.of(slow.id).find((e) => e.type === 'failed');
    assert.ok(failed?.type === 'failed');
    assert.match(failed.error, /took longer than 0.4 s, the time limit/);
    assert.notEqual(backend.pid, pid, 'a fresh inference process');
    assert.equal(stores.jobs.get(next.id)!.state, 'done');
  });
});
