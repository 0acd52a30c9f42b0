// A worker host's own life (src/scale/worker.ts): stopping it is bounded even while Redis cannot be reached.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setLogLevel } from '../../src/log.ts';
import { createRemoteBackend, type RemoteBackend } from '../../src/scale/remote.ts';
import { startWorkerHost, type WorkerHost } from '../../src/scale/worker.ts';
import { generateRequest, inferenceOptions, isAlive } from '../support/inference.ts';
import { tinyModel } from '../support/models.ts';
import { startRedis, type RedisServer } from '../support/redis.ts';
import { waitUntil } from '../support/wait.ts';

setLogLevel('error');

describe('a worker host stopping while Redis is down', () => {
  let redis: RedisServer;
  let worker: WorkerHost;
  let backend: RemoteBackend;
  before(async () => {
    redis = await startRedis();
    backend = createRemoteBackend({ redisUrl: redis.url, pollMs: 200 });
    await backend.start();
    worker = await startWorkerHost({
      redisUrl: redis.url,
      slots: 1,
      lockMs: 5_000,
      inference: { modelDir: await tinyModel({}), ...inferenceOptions },
    });
    await waitUntil(() => backend.capacity!() === 1, { what: 'the worker to be seen' });
  });
  after(async () => {
    await backend?.close(0);
    await Promise.race([worker?.close(0), new Promise((r) => setTimeout(r, 5_000))]);
    await redis?.stop();
  });

  it('stops within its grace and a few seconds, its running job aborted and its inference process gone', async () => {
    const steps: number[] = [];
    const run = backend
      .generate(generateRequest({ count: 1, steps: 200 }), {
        signal: new AbortController().signal,
        onStep: (p) => steps.push(p.step),
        key: 'w1a1',
      })
      .catch(() => undefined);
    await waitUntil(() => steps.length >= 1, { what: 'the job to be running on the worker' });
    // Frozen, so the job is still running when Redis goes (200 tiny steps take less than half a second).
    const pids = worker.pids.filter((p): p is number => p !== undefined);
    assert.ok(pids.length > 0);
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    await redis.stop();
    for (const pid of pids) process.kill(pid, 'SIGCONT');
    const t0 = performance.now();
    // Raced against a timer, so that a stop that hangs (as it did) fails here rather than stalling the suite.
    await Promise.race([worker.close(500), new Promise((r) => setTimeout(r, 15_000))]);
    const took = performance.now() - t0;
    assert.ok(took < 8_000, `stopped after ${Math.round(took)} ms`);
    assert.ok(
      pids.every((pid) => !isAlive(pid)),
      'its inference processes are gone',
    );
    // The run itself waits in the bot for Redis to return (the bot's side of this is tested in remote.test.ts).
    void run;
  });
});
