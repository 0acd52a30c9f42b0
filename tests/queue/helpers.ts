/** Fixtures for the queue tests: stores on a temp SQLite file, a controllable fake backend, an event recorder. */
import { join } from 'node:path';
import { after } from 'node:test';
import { openDatabase } from '../../src/db/database.ts';
import { createStores, type Stores } from '../../src/db/stores.ts';
import type { NewJob } from '../../src/db/jobs.ts';
import type { JobRequest, RequestChanges } from '../../src/request/request.ts';
import type { GenerateRequest, GenerateResult, StepProgress } from '../../src/diffusion/types.ts';
import { CancelledError, InferenceCrashedError } from '../../src/errors.ts';
import { createJobQueue, type JobQueue } from '../../src/queue/queue.ts';
import type { InferenceBackend, QueueConfig, QueueEvent } from '../../src/queue/types.ts';
import { tempDir, testClock } from '../support/temp.ts';

export { tempDir, testClock };

/** Stores on a fresh temp file (or `path`), closed after the test unless `close` is false. */
export function openStores(
  path = join(tempDir(), 'atelier.db'),
  clock: () => number = testClock(),
  close = true,
): Stores {
  const database = openDatabase(path, { clock });
  if (close) after(() => database.close());
  return createStores(database, {
    ceilings: { maxSteps: 50, maxWidth: 1024, maxHeight: 1024, maxImagesPerRequest: 4 },
    maxWaiting: 1000,
    defaults: undefined,
  });
}

export function params(over: RequestChanges = {}): JobRequest {
  return {
    kind: 'imagine',
    prompt: 'a red fox in the snow',
    width: 64,
    height: 64,
    steps: 4,
    guidanceScale: 7.5,
    seed: 42,
    count: 1,
    ...over,
  } as JobRequest;
}

export function newJob(userId: string, over: RequestChanges = {}, extra: Partial<NewJob> = {}): NewJob {
  return { userId, guildId: 'g1', channelId: 'c1', model: 'tiny', params: params(over), ...extra };
}

export { InferenceCrashedError };

export interface FakeCall {
  req: GenerateRequest;
  signal: AbortSignal;
  onStep: (p: StepProgress) => void;
  /** Resolves with one fake PNG per image (its bytes spell the seed). */
  finish(): void;
  fail(err: Error): void;
  settled: boolean;
}

/**
 * A backend that records every request and resolves only when told (or at once with `auto`). An abort rejects
 * with CancelledError, as the pipeline does at its next step; restart() rejects whatever is in flight, as killing
 * the inference process does.
 */
export function fakeBackend(opts: { auto?: boolean; ignoreAbort?: boolean } = {}) {
  const calls: FakeCall[] = [];
  const waiters: (() => void)[] = [];
  let restarts = 0;
  const backend: InferenceBackend & {
    calls: FakeCall[];
    readonly restarts: number;
    next(n?: number): Promise<FakeCall>;
  } = {
    calls,
    get restarts() {
      return restarts;
    },
    generate(req, { signal, onStep }) {
      return new Promise<GenerateResult>((resolve, reject) => {
        const call: FakeCall = {
          req,
          signal,
          onStep,
          settled: false,
          finish() {
            if (call.settled) return;
            call.settled = true;
            resolve(fakeResult(req));
          },
          fail(err) {
            if (call.settled) return;
            call.settled = true;
            reject(err);
          },
        };
        calls.push(call);
        for (const w of waiters.splice(0)) w();
        if (!opts.ignoreAbort) signal.addEventListener('abort', () => call.fail(new CancelledError()), { once: true });
        if (opts.auto) queueMicrotask(() => call.finish());
      });
    },
    async restart() {
      restarts++;
      for (const c of calls) c.fail(new InferenceCrashedError('The inference process was restarted.'));
    },
    /** Waits for the n-th call (1-based; default: the next one not yet seen). */
    async next(n = seen + 1) {
      while (calls.length < n) await new Promise<void>((r) => waiters.push(r));
      seen = Math.max(seen, n);
      return calls[n - 1]!;
    },
  };
  let seen = 0;
  return backend;
}

/** One fake PNG per image, whose bytes spell its own prompt and seed (each entry's in a batched request). */
export function fakeResult(req: GenerateRequest): GenerateResult {
  const entries = req.batch ?? [{ prompt: req.prompt, seed: req.seed, count: req.count }];
  return {
    images: entries.flatMap((e) =>
      Array.from({ length: e.count }, (_, i) => {
        const seed = (e.seed + i) >>> 0;
        return { png: new TextEncoder().encode(`png:${e.prompt}:${seed}`), seed, width: req.width, height: req.height };
      }),
    ),
    timings: { tokenizeMs: 0, encodeMs: 0, stepMs: [], decodeMs: 0, pngMs: 0, totalMs: 1, sessionRunMs: 0 },
    info: {
      model: 'tiny',
      scheduler: 'pndm',
      steps: req.steps,
      guidanceScale: req.guidanceScale,
      tokenCount: 5,
      truncatedTokens: 0,
      executionProvider: 'cpu',
    },
  };
}

export const baseConfig: QueueConfig = {
  slots: 1,
  maxWaiting: 100,
  maxPerUser: 50,
  jobTimeoutMs: 60_000,
  previews: false,
};

/** A queue plus everything the tests look at. */
export function setupQueue(
  opts: { config?: Partial<QueueConfig>; backend?: InferenceBackend; stores?: Stores; clock?: () => number } = {},
) {
  const clock = opts.clock ?? testClock();
  const stores = opts.stores ?? openStores(undefined, clock, false);
  const backend = opts.backend ?? fakeBackend();
  const queue = createJobQueue({ stores, backend, clock, config: { ...baseConfig, ...opts.config } });
  const events = recordEvents(queue);
  // The queue stops before its database closes.
  after(async () => {
    await queue.shutdown({ graceMs: 0 });
    if (!opts.stores) stores.database.close();
  });
  return { stores, backend, queue, events, clock };
}

export function recordEvents(queue: JobQueue) {
  const all: { jobId: number; event: QueueEvent }[] = [];
  const waiters: (() => void)[] = [];
  queue.on('update', (jobId, event) => {
    all.push({ jobId, event });
    for (const w of waiters.splice(0)) w();
  });
  return {
    all,
    of(jobId: number): QueueEvent[] {
      return all.filter((e) => e.jobId === jobId).map((e) => e.event);
    },
    types(jobId: number): string[] {
      return all.filter((e) => e.jobId === jobId).map((e) => e.event.type);
    },
    /** Job ids in the order they got `type`. */
    order(type: QueueEvent['type']): number[] {
      return all.filter((e) => e.event.type === type).map((e) => e.jobId);
    },
    /** Waits until some event matches (failing after `timeoutMs`, with the events seen). */
    async until(pred: (e: { jobId: number; event: QueueEvent }) => boolean, timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!all.some(pred)) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `no matching event in ${timeoutMs} ms; saw ${JSON.stringify(all.map((e) => [e.jobId, e.event.type]))}`,
          );
        await new Promise<void>((r) => {
          const t = setTimeout(r, left);
          waiters.push(() => {
            clearTimeout(t);
            r();
          });
        });
      }
    },
  };
}

/** Reserves quota like the bot does before submitting. */
export function reserve(stores: Stores, userId: string, images = 1): number {
  const r = stores.quota.reserve({ userId, guildId: 'g1', roleIds: [], images });
  if (!r.ok) throw new Error(`reservation refused: ${r.message}`);
  return r.reservationId;
}

export function isRefunded(stores: Stores, reservationId: number): boolean {
  const row = stores.database.sqlite
    .prepare('SELECT refunded_at FROM quota_reservations WHERE id = ?')
    .get(reservationId) as { refunded_at: number | null } | undefined;
  return row?.refunded_at != null;
}
