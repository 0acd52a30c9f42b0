import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextTurn } from '../../src/process/turns.ts';

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
});
