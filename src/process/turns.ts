/**
 * Taking turns on the gateway thread. Work that comes in bursts (a hundred acknowledged requests to write, a hundred
 * status edits whose timers fire together) runs one piece per turn of the event loop instead of all in one go, so
 * timers (the gateway heartbeat) and incoming events (interactions, answered at once) are served between the pieces
 * and a burst never stalls the thread for longer than one piece.
 *
 *   await nextTurn();          // then this piece's synchronous work
 *
 * Acknowledgements come first: while an interaction is on its way to its acknowledgement (holdTurns(), released when
 * Discord has it), the pieces wait, so that a crowd's hundred acknowledgements are not spread out by the writes and
 * status edits of those acknowledged first. A piece waits at most MAX_WAIT_MS for that, so a steady stream of
 * interactions slows the work behind them down to one piece per turn but never stops it.
 */

/** The longest a piece waits for acknowledgements in flight before it takes its turn anyway. */
export const MAX_WAIT_MS = 250;
/** A hold nobody released (an acknowledgement that never came back) stops counting after Discord's 3 s. */
const HOLD_TTL_MS = 3_000;

const waiting: { resolve: () => void; since: number }[] = [];
let scheduled = false;
/** When each hold in force began. */
const holds = new Set<{ since: number }>();
let wakeUp: NodeJS.Timeout | undefined;

function schedule(): void {
  if (scheduled || waiting.length === 0) return;
  scheduled = true;
  // Scheduled from the check phase, the next piece runs on the next turn: timers and I/O come first.
  setImmediate(next);
}

/** Whether a hold is in force (those past HOLD_TTL_MS are dropped). */
function held(now: number): boolean {
  for (const h of holds) if (now - h.since > HOLD_TTL_MS) holds.delete(h);
  return holds.size > 0;
}

function next(): void {
  scheduled = false;
  const first = waiting[0];
  if (!first) return;
  const now = performance.now();
  if (held(now)) {
    const late = MAX_WAIT_MS - (now - first.since);
    if (late > 0) {
      // Held back: the last release (or the longest wait) schedules the next piece.
      if (!wakeUp) wakeUp = setTimeout(wake, late);
      return;
    }
  }
  waiting.shift();
  schedule();
  first.resolve();
}

function wake(): void {
  wakeUp = undefined;
  schedule();
}

/** Resolves on a later turn of the event loop: one caller per turn, in order, after the acknowledgements in flight. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push({ resolve, since: performance.now() });
    schedule();
  });
}

/**
 * How many interactions are on their way to their acknowledgement (holds in force), the caller's own included: more
 * than one means a crowd, where work done before an acknowledgement delays the others' (admission.ts startJob).
 */
export function acknowledgementsInFlight(): number {
  held(performance.now());
  return holds.size;
}

/**
 * Holds the pieces back while something more urgent is in flight (an interaction on its way to its acknowledgement).
 * Returns the release, which may be called more than once.
 */
export function holdTurns(): () => void {
  const hold = { since: performance.now() };
  holds.add(hold);
  return () => {
    if (!holds.delete(hold) || holds.size > 0) return;
    if (wakeUp) clearTimeout(wakeUp);
    wakeUp = undefined;
    schedule();
  };
}
