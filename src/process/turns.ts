/**
 * Taking turns on the gateway thread. Work that comes in bursts (a crowd's interactions arriving in one read, a hundred
 * acknowledged requests to write, a hundred status edits whose timers fire together) runs one piece per turn of the
 * event loop instead of all in one go, so timers (the gateway heartbeat) and incoming events are served between the
 * pieces and a burst never stalls the thread for longer than one piece. Pieces asked for `first` (interactions, whose
 * acknowledgement Discord waits for) go before the others (writes and edits, which can wait a little).
 *
 *   await nextTurn();          // then this piece's synchronous work
 *   await nextTurn('first');   // an interaction: ahead of every waiting write and edit
 */
const first: (() => void)[] = [];
const rest: (() => void)[] = [];
let scheduled = false;

function next(): void {
  const resolve = first.shift() ?? rest.shift();
  // Scheduled from the check phase, the next piece runs on the next turn: timers and I/O come first.
  if (first.length > 0 || rest.length > 0) setImmediate(next);
  else scheduled = false;
  resolve?.();
}

/** Resolves on a later turn of the event loop: one caller per turn, `first` ones before the others, each in order. */
export function nextTurn(priority: 'first' | 'normal' = 'normal'): Promise<void> {
  return new Promise((resolve) => {
    (priority === 'first' ? first : rest).push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(next);
    }
  });
}
