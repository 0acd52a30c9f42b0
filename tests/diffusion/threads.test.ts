import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_AUTO_THREADS, SMALL_MODEL_BYTES, chooseThreads } from '../../src/diffusion/threads.ts';
import { loadModel } from '../../src/diffusion/model.ts';
import { setLogLevel } from '../../src/log.ts';
import { tinyModel } from '../support/models.ts';

setLogLevel('warn');

describe('CPU threads', () => {
  it('a small model gets one thread; a real one a thread per core (capped), spinning off when they take every core', () => {
    const tiny = chooseThreads(0, 5e6, 8);
    assert.deepEqual([tiny.intraOpThreads, tiny.spinning], [1, false]);
    assert.match(tiny.reason, /small model/);
    const mid = chooseThreads(0, SMALL_MODEL_BYTES * 2, 2);
    assert.deepEqual(
      [mid.intraOpThreads, mid.spinning],
      [2, false],
      'two threads on two cores: the host is shared, no spinning',
    );
    const big = chooseThreads(0, 3.4e9, 64);
    assert.deepEqual(
      [big.intraOpThreads, big.spinning],
      [MAX_AUTO_THREADS, true],
      'capped, leaving cores free: spinning pays',
    );
  });

  it('INTRA_OP_THREADS overrides the choice', () => {
    const set = chooseThreads(3, 5e6, 8);
    assert.deepEqual([set.intraOpThreads, set.spinning, set.reason], [3, true, 'INTRA_OP_THREADS']);
    assert.equal(chooseThreads(4, 3.4e9, 4).spinning, false);
  });

  it('loadModel applies and reports the choice', async () => {
    const model = await loadModel(await tinyModel({}), { executionProviders: ['cpu'], intraOpThreads: 0 });
    try {
      assert.equal(model.threads.intraOpThreads, 1, 'the tiny model is small');
    } finally {
      await model.release();
    }
    const explicit = await loadModel(await tinyModel({}), { executionProviders: ['cpu'], intraOpThreads: 2 });
    try {
      assert.equal(explicit.threads.intraOpThreads, 2);
    } finally {
      await explicit.release();
    }
  });
});
