/**
 * Taking turns on the gateway thread. Work that comes in bursts (a hundred acknowledged requests to write, a hundred
 * status edits whose timers fire together) runs one piece per turn of the event loop instead of all in one go, so
 * timers (the gateway heartbeat) and incoming events (interactions, answered at once) are served between the pieces
 * and a burst never stalls the thread for longer than one piece.
 *
 *   await nextTurn();          // then this piece's synchronous work
 */
const waiting: (() => void)[] = [];
let scheduled = false;

function next(): void {
  const resolve = waiting.shift();
  // Scheduled from the check phase, the next piece runs on the next turn: timers and I/O come first.
  if (waiting.length > 0) setImmediate(next);
  else scheduled = false;
  resolve?.();
}

/** Resolves on a later turn of the event loop: one caller per turn, in order. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(next);
    }
  });
}
