import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createInferencePool, threadsPerProcess, type InferencePool } from '../../src/inference/pool.ts';
import { setLogLevel } from '../../src/log.ts';
import { generateRequest, inferenceOptions } from '../support/inference.ts';
import { tinyModel } from '../support/models.ts';

setLogLevel('warn');

describe('inference pool (INFERENCE_PROCESSES)', () => {
  let pool: InferencePool;
  before(async () => {
    pool = createInferencePool({ modelDir: await tinyModel({}), processes: 2, ...inferenceOptions });
  });
  after(() => pool.close(0));

  it('starts one process per slot and spreads concurrent requests over them, with the same images as one process', async () => {
    await pool.start();
    const pids = pool.pids;
    assert.equal(pids.length, 2);
    assert.ok(pids[0] && pids[1] && pids[0] !== pids[1]);
    const seen = new Set<number>();
    const onStep = () => {
      for (const p of pool.pids) if (p) seen.add(p);
    };
    const [a, b] = await Promise.all([
      pool.generate(generateRequest({ seed: 1 }), { onStep }),
      pool.generate(generateRequest({ seed: 1 }), { onStep }),
    ]);
    assert.deepEqual(Buffer.from(a.images[0]!.png), Buffer.from(b.images[0]!.png));
    assert.equal(seen.size, 2);
  });

  it('restarts only the process whose request was stopped by a time limit', async () => {
    const before = pool.pids;
    const stuck = new AbortController();
    const other = pool.generate(generateRequest({ steps: 3 }));
    const running = pool.generate(generateRequest({ steps: 100 }), { signal: stuck.signal }).then(
      () => 'finished',
      (e: Error) => e.name,
    );
    await new Promise((r) => setTimeout(r, 50));
    stuck.abort(); // the queue aborts a run past its time limit, then asks for a restart
    await pool.restart();
    assert.match(await running, /CancelledError|InferenceCrashedError/);
    await other;
    const now = pool.pids;
    assert.equal(now.filter((p, i) => p !== before[i]).length, 1, 'exactly one process was recycled');
  });

  it('shares the cores between processes when INTRA_OP_THREADS is 0', () => {
    assert.equal(threadsPerProcess(0, 1, 16), 0);
    assert.equal(threadsPerProcess(0, 4, 16), 4);
    assert.equal(threadsPerProcess(0, 4, 2), 1);
    assert.equal(threadsPerProcess(3, 4, 16), 3);
  });
});
