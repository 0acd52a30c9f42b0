/**
 * How the queue tells the bot about jobs: an outbox delivered in order on a microtask (so a listener never runs
 * inside submit() or a store transaction, and 'queued' always comes before 'started'), and the position announcer,
 * which re-projects the waiting line at most once per tick and tells only the jobs whose place or estimate moved.
 */
import type { LogLike } from '../log.ts';
import type { QueuedEntry, QueueEvent, QueueListener } from './types.ts';

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
  told(jobId: number, entry: { position: number; etaMs: number }): void;
  /** The job left the line (started, finished, cancelled): nothing more to tell it. */
  forget(jobId: number): void;
  /** After a change: on the next microtask, one projection, and 'position' only where place or estimate moved. */
  reproject(): void;
}

export function createPositionAnnouncer(deps: {
  project: () => QueuedEntry[];
  emit: Outbox['emit'];
}): PositionAnnouncer {
  /** The last place/estimate each waiting job was told, so 'position' goes out only on a change. */
  const last = new Map<number, { position: number; etaMs: number }>();
  let queued = false;
  return {
    told(jobId, e) {
      last.set(jobId, { position: e.position, etaMs: e.etaMs });
    },
    forget(jobId) {
      last.delete(jobId);
    },
    reproject() {
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        for (const e of deps.project()) {
          const was = last.get(e.job.id);
          if (was && was.position === e.position && !etaMoved(was.etaMs, e.etaMs)) continue;
          last.set(e.job.id, { position: e.position, etaMs: e.etaMs });
          deps.emit(e.job.id, { type: 'position', position: e.position, etaMs: e.etaMs });
        }
      });
    },
  };
}

/** An estimate worth telling: at least 5 s and 20 % off what the job was told. */
export function etaMoved(before: number, after: number): boolean {
  const d = Math.abs(after - before);
  return d >= 5_000 && d >= 0.2 * Math.max(before, after);
}
