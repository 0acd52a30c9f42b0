import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acknowledgementsInFlight, holdTurns, nextTurn } from '../../src/process/turns.ts';

/** Lets `n` turns of the event loop go by (each setImmediate is one check phase). */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

describe('taking turns on the event loop', () => {
  it('serves one caller per turn, in the order asked, with timers served in between', async () => {
    const order: number[] = [];
    let doneWhenTimerRan = -1;
    const pieces = Array.from({ length: 50 }, (_, i) =>
      nextTurn().then(() => {
        order.push(i);
        // Set once the burst has begun, so a slow first turn on a loaded machine cannot let it fire before any piece.
        if (i === 0) setTimeout(() => (doneWhenTimerRan = order.length), 5);
        const t0 = performance.now();
        while (performance.now() - t0 < 2); // two milliseconds of synchronous work each
      }),
    );
    await Promise.all(pieces);
    assert.deepEqual(
      order,
      Array.from({ length: 50 }, (_, i) => i),
    );
    // All in one go, the timer would have waited for the whole burst (100 ms).
    assert.ok(doneWhenTimerRan > 0 && doneWhenTimerRan < 50, `the timer ran after ${doneWhenTimerRan} pieces`);
  });

  it('holds the pieces back while an acknowledgement is in flight, and runs them in order once it is released', async () => {
    const order: number[] = [];
    const release = holdTurns();
    const second = holdTurns();
    const pieces = [0, 1, 2].map((i) => nextTurn().then(() => order.push(i)));
    await turns(20);
    assert.deepEqual(order, [], 'no piece ran while held');
    release();
    release(); // idempotent: the other hold still counts
    await turns(20);
    assert.deepEqual(order, [], 'one hold is still in flight');
    second();
    await Promise.all(pieces);
    assert.deepEqual(order, [0, 1, 2]);
  });

  it('runs a held piece anyway once it has waited long enough (a stream of interactions never stops the work)', async () => {
    const release = holdTurns();
    try {
      let ran = false;
      await nextTurn().then(() => (ran = true));
      assert.ok(ran);
    } finally {
      release();
    }
  });

  it('counts the acknowledgements in flight, each release once (a crowd is more than one)', () => {
    const before = acknowledgementsInFlight();
    const a = holdTurns();
    const b = holdTurns();
    assert.equal(acknowledgementsInFlight(), before + 2);
    a();
    a(); // released twice: counted once
    assert.equal(acknowledgementsInFlight(), before + 1);
    b();
    assert.equal(acknowledgementsInFlight(), before);
  });
});
