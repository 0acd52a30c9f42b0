/**
 * How the queue tells the bot about jobs: an outbox delivered in order on a microtask (so a listener never runs
 * inside submit() or a store transaction, and 'queued' always comes before 'started'), and the position announcer,
 * which re-projects the waiting line in one pass per tick (at most once every `tickMs`) and tells only the jobs
 * whose message would read differently: a new place, or an estimate that moved enough to change what is shown.
 * Without the tick, every job start told every waiting job its new place: 254 events per job in a 500-job burst.
 */
import type { LogLike } from '../log.ts';
import type { NoWorker, QueuedEntry, QueueEvent, QueueListener } from './types.ts';

export interface Outbox {
  emit(jobId: number, event: QueueEvent): void;
  on(listener: QueueListener): () => void;
  off(listener: QueueListener): void;
  /** Resolves once every event emitted so far has been delivered. */
  flushed(): Promise<void>;
}

export function createOutbox(log: Pick<LogLike, 'error'>): Outbox {
  const listeners = new Set<QueueListener>();
  const pending: [number, QueueEvent][] = [];
  let flushing: Promise<void> | undefined;
  function flush(): void {
    flushing = undefined;
    for (let e = pending.shift(); e; e = pending.shift()) {
      for (const l of listeners) {
        try {
          l(e[0], e[1]);
        } catch (err) {
          log.error('queue listener threw', { jobId: e[0], event: e[1].type, err });
        }
      }
    }
  }
  return {
    emit(jobId, event) {
      pending.push([jobId, event]);
      flushing ??= Promise.resolve().then(flush);
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    off(listener) {
      listeners.delete(listener);
    },
    async flushed() {
      await flushing;
    },
  };
}

export interface PositionAnnouncer {
  /** Records what a job was just told (with its 'queued' or 'recovered' event). */
  told(jobId: number, entry: Told): void;
  /** The job left the line (started, finished, cancelled): nothing more to tell it. */
  forget(jobId: number): void;
  /**
   * After a change: one projection at the next tick, and 'position' only where place or estimate moved. The first
   * change after a quiet tick is told at once (on the next turn of the event loop); changes within a tick of the
   * last pass wait for the tick, so a burst of changes costs one pass and one event per moved job.
   */
  reproject(): void;
  /** Runs a pending pass now (idle(), tests). */
  flush(): void;
  /** Stops the timer (shutdown). */
  close(): void;
}

/** Default least time between two passes: about the delivery's least time between two edits of a message. */
export const POSITION_TICK_MS = 1000;

/** What a waiting job's message says: its place, its estimate, and whether a live worker serves its model. */
type Told = { position: number; etaMs: number; noWorker?: NoWorker | undefined };

export function createPositionAnnouncer(deps: {
  project: () => QueuedEntry[];
  emit: Outbox['emit'];
  /** Least time between two passes (ms); POSITION_TICK_MS by default. */
  tickMs?: number | undefined;
}): PositionAnnouncer {
  const tickMs = deps.tickMs ?? POSITION_TICK_MS;
  /** The last place/estimate each waiting job was told, so 'position' goes out only on a change. */
  const last = new Map<number, Told>();
  let dirty = false;
  let scheduled: { cancel: () => void } | undefined;
  let lastPass = Number.NEGATIVE_INFINITY;

  function schedule(): void {
    if (scheduled) return;
    const wait = lastPass + tickMs - performance.now();
    if (wait <= 0) {
      const immediate = setImmediate(pass);
      scheduled = { cancel: () => clearImmediate(immediate) };
    } else {
      // Timers count whole milliseconds from the loop's cached time: pass() checks again and waits the rest.
      const timer = setTimeout(pass, Math.ceil(wait));
      timer.unref();
      scheduled = { cancel: () => clearTimeout(timer) };
    }
  }

  function pass(force = false): void {
    scheduled = undefined;
    if (!dirty) return;
    if (!force && performance.now() - lastPass < tickMs) return schedule();
    dirty = false;
    for (const e of deps.project()) {
      const was = last.get(e.job.id);
      const noWorker = e.noWorker || undefined;
      if (was && was.position === e.position && was.noWorker === noWorker && !etaMoved(was.etaMs, e.etaMs)) continue;
      last.set(e.job.id, { position: e.position, etaMs: e.etaMs, noWorker });
      deps.emit(e.job.id, { type: 'position', position: e.position, etaMs: e.etaMs, ...(noWorker && { noWorker }) });
    }
    // Counted from the end of the pass: the events go out after it, so two of one job's are a whole tick apart.
    lastPass = performance.now();
  }

  return {
    told(jobId, e) {
      last.set(jobId, { position: e.position, etaMs: e.etaMs, noWorker: e.noWorker || undefined });
    },
    forget(jobId) {
      last.delete(jobId);
    },
    reproject() {
      dirty = true;
      schedule();
    },
    flush() {
      if (!scheduled) return;
      scheduled.cancel();
      pass(true);
    },
    close() {
      scheduled?.cancel();
      scheduled = undefined;
      dirty = false;
    },
  };
}

/** An estimate worth telling: at least 5 s and 20 % off what the job was told. */
export function etaMoved(before: number, after: number): boolean {
  const d = Math.abs(after - before);
  return d >= 5_000 && d >= 0.2 * Math.max(before, after);
}
