/**
 * `npm run bench -- queue [--jobs 500] [--batch-jobs 16] [--steps 8] [--size 64] [--max-batch 4]`: the job queue's
 * own costs. Prints JSON:
 * - overhead: submit() to the backend's generate() call with an instant backend, one job at a time into an idle
 *   queue (target < 2 ms), and the amortised time per job when `jobs` are queued at once (SQLite transactions,
 *   fair-order projection and events included);
 * - batching: images per second on the tiny model with the real inference client, one job per request against
 *   batches of `max-batch`, for jobs with the same prompt and seeds that follow on (samePrompt) and for jobs with
 *   different prompts and unrelated seeds (mixedPrompts, batched with a prompt and seeds per job);
 * - positions: a burst of `jobs` jobs (ten users, each job 2 ms on a simulated backend): events per job by type,
 *   the 'position' ones (one pass per tick; before it, every start told every waiting job: 254 per job) included;
 * - fairness: a heavy user floods the queue, a light user asks now and then; the light user's worst wait, in ms
 *   and in jobs' run times, against what first-come-first-served would have given.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { tinyModel } from '../../tests/support/models.ts';
import { openDatabase } from '../db/database.ts';
import type { NewJob } from '../db/jobs.ts';
import type { JobRequest, RequestChanges } from '../request/request.ts';
import { createStores } from '../db/stores.ts';
import { seedOf, type GenerateRequest, type GenerateResult } from '../diffusion/types.ts';
import { createInferenceClient } from '../inference/client.ts';
import { setLogLevel } from '../log.ts';
import { createJobQueue } from '../queue/queue.ts';
import type { InferenceBackend, QueueConfig } from '../queue/types.ts';

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  return { median: round(at(0.5)), p99: round(at(0.99)), max: round(s.at(-1) ?? NaN) };
}

function fakeResult(req: GenerateRequest): GenerateResult {
  const entries = req.batch ?? [{ seed: req.seed, count: req.count }];
  return {
    images: entries.flatMap((e) =>
      Array.from({ length: e.count }, (_, i) => ({
        png: new Uint8Array(64),
        seed: seedOf(e.seed, i),
        width: req.width,
        height: req.height,
      })),
    ),
    timings: { tokenizeMs: 0, encodeMs: 0, stepMs: [], decodeMs: 0, pngMs: 0, totalMs: 0, sessionRunMs: 0 },
    info: {
      model: 'bench',
      scheduler: 'pndm',
      steps: req.steps,
      guidanceScale: req.guidanceScale,
      tokenCount: 1,
      truncatedTokens: 0,
      executionProvider: 'none',
    },
  };
}

/** A backend that answers after `delayMs` (0: on the next microtask) and notes when each request arrived. */
function timedBackend(delayMs: number, onStart: (req: GenerateRequest) => void): InferenceBackend {
  return {
    generate(req) {
      onStart(req);
      if (delayMs <= 0) return Promise.resolve().then(() => fakeResult(req));
      return new Promise((resolve) => setTimeout(() => resolve(fakeResult(req)), delayMs));
    },
    restart: async () => undefined,
  };
}

function tempStores(dir: string, name: string) {
  const database = openDatabase(join(dir, `${name}.db`));
  return createStores(database, {
    ceilings: { maxSteps: 200, maxWidth: 1024, maxHeight: 1024, maxImagesPerRequest: 16 },
    maxWaiting: 100_000,
  });
}

const params = (over: RequestChanges = {}): JobRequest =>
  ({
    kind: 'imagine',
    prompt: 'a lighthouse at dusk',
    width: 64,
    height: 64,
    steps: 8,
    guidanceScale: 7.5,
    seed: 1,
    count: 1,
    ...over,
  }) as JobRequest;
const job = (userId: string, over: RequestChanges = {}): NewJob => ({
  userId,
  guildId: 'g',
  model: 'bench',
  params: params(over),
});
const config = (over: Partial<QueueConfig> = {}): QueueConfig => ({
  slots: 1,
  maxWaiting: 100_000,
  maxPerUser: 100_000,
  jobTimeoutMs: 600_000,
  previews: false,
  ...over,
});

async function overhead(dir: string, jobs: number) {
  // One at a time into an idle queue: submit() -> generate() called.
  let startedAt = 0;
  const stores = tempStores(dir, 'overhead');
  const queue = createJobQueue({
    stores,
    backend: timedBackend(0, () => (startedAt = performance.now())),
    config: config(),
  });
  const latencies: number[] = [];
  for (let i = 0; i < jobs; i++) {
    const t0 = performance.now();
    queue.submit(job(`u${i % 10}`));
    while (startedAt < t0) await new Promise((r) => setImmediate(r));
    latencies.push(startedAt - t0);
    await queue.idle();
  }
  await queue.shutdown();

  // All at once (ten users): the amortised cost per job, every store write and event included.
  const burstStores = tempStores(dir, 'burst');
  const burst = createJobQueue({ stores: burstStores, backend: timedBackend(0, () => undefined), config: config() });
  let events = 0;
  burst.on('update', () => void events++);
  const t0 = performance.now();
  for (let i = 0; i < jobs; i++) burst.submit(job(`u${i % 10}`));
  await burst.idle();
  const burstMs = performance.now() - t0;
  await burst.shutdown();
  return {
    submitToStartMs: stats(latencies),
    target: 'median < 2 ms',
    burst: {
      jobs,
      users: 10,
      totalMs: round(burstMs, 1),
      perJobMs: round(burstMs / jobs),
      eventsPerJob: round(events / jobs, 2),
    },
  };
}

async function positionEvents(dir: string, jobs: number) {
  const stores = tempStores(dir, 'positions');
  const queue = createJobQueue({ stores, backend: timedBackend(2, () => undefined), config: config() });
  const byType: Record<string, number> = {};
  const positionsOf = new Map<number, number>();
  queue.on('update', (jobId, e) => {
    byType[e.type] = (byType[e.type] ?? 0) + 1;
    if (e.type === 'position') positionsOf.set(jobId, (positionsOf.get(jobId) ?? 0) + 1);
  });
  const t0 = performance.now();
  for (let i = 0; i < jobs; i++) queue.submit(job(`u${i % 10}`));
  await queue.idle();
  const totalMs = performance.now() - t0;
  await queue.shutdown();
  return {
    jobs,
    users: 10,
    runMsPerJob: 2,
    totalMs: round(totalMs, 0),
    eventsPerJob: Object.fromEntries(Object.entries(byType).map(([k, v]) => [k, round(v / jobs, 2)])),
    mostPositionEventsForOneJob: Math.max(0, ...positionsOf.values()),
  };
}

async function batching(dir: string, o: { jobs: number; steps: number; size: number; maxBatch: number }) {
  const modelDir = await tinyModel({});
  const client = createInferenceClient({
    modelDir,
    executionProviders: ['cpu'],
    intraOpThreads: 1,
    logLevel: 'warn',
    bounds: { maxImages: Math.max(16, o.maxBatch), maxSteps: 200, maxWidth: 1024, maxHeight: 1024 },
  });
  await client.start();
  const subjects = [
    'a lighthouse at dusk',
    'a red fox in the snow',
    'a bowl of ramen, studio lighting',
    'an old map of an island',
    'a robot watering plants',
    'a castle on a cliff at night, oil painting',
    'a cat wearing a tiny hat',
    'a desert highway',
  ];
  const run = async (maxBatch: number, name: string, mixed: boolean) => {
    const stores = tempStores(dir, name);
    let requests = 0;
    const backend: InferenceBackend = {
      generate: (req, opts) => (requests++, client.generate(req, opts)),
      restart: () => client.restart(),
    };
    const queue = createJobQueue({ stores, backend, config: config({ maxBatchLatents: maxBatch }) });
    // Warm-up outside the timing (session first-run costs), then the jobs: the same prompt with seeds that follow
    // on, or (mixed) a prompt of its own and an unrelated seed each.
    queue.submit(job('warm', { steps: o.steps, width: o.size, height: o.size, seed: 999_999 }));
    await queue.idle();
    requests = 0;
    const t0 = performance.now();
    // Submitted while the queue is busy with the first, so that the rest are waiting together.
    for (let i = 0; i < o.jobs; i++) {
      const own = mixed
        ? { prompt: `${subjects[i % subjects.length]!}, take ${i}`, seed: (1000 + 7919 * i) % 100_003 }
        : { seed: 100 + i };
      queue.submit(job(`u${i % 4}`, { steps: o.steps, width: o.size, height: o.size, ...own }));
    }
    await queue.idle();
    const seconds = (performance.now() - t0) / 1000;
    await queue.shutdown();
    return { maxBatch, requests, seconds: round(seconds), imagesPerSecond: round(o.jobs / seconds, 2) };
  };
  const compare = async (mixed: boolean) => {
    const tag = mixed ? 'mixed' : 'same';
    const off = await run(1, `batch-off-${tag}`, mixed);
    const on = await run(o.maxBatch, `batch-on-${tag}`, mixed);
    return { off, on, gain: round(on.imagesPerSecond / off.imagesPerSecond, 2) };
  };
  try {
    return {
      model: 'tiny (generated, cpu, 1 thread)',
      steps: o.steps,
      size: o.size,
      jobs: o.jobs,
      samePrompt: await compare(false),
      mixedPrompts: await compare(true),
    };
  } finally {
    await client.close();
  }
}

async function fairness(dir: string) {
  const runMs = 20;
  const heavyJobs = 60;
  const lightJobs = 10;
  const stores = tempStores(dir, 'fairness');
  const submitted = new Map<string, number>();
  const waits: number[] = [];
  const backend = timedBackend(runMs, (req) => {
    const t = submitted.get(req.prompt);
    if (t !== undefined) waits.push(performance.now() - t);
  });
  const queue = createJobQueue({ stores, backend, config: config() });
  const t0 = performance.now();
  for (let i = 0; i < heavyJobs; i++) queue.submit(job('heavy', { prompt: `heavy ${i}` }));
  for (let i = 0; i < lightJobs; i++) {
    await new Promise((r) => setTimeout(r, 4 * runMs));
    const prompt = `light ${i}`;
    submitted.set(prompt, performance.now());
    queue.submit(job('light', { prompt }));
  }
  await queue.idle();
  const totalMs = performance.now() - t0;
  await queue.shutdown();
  const worst = Math.max(...waits);
  return {
    scenario:
      `heavy user queues ${heavyJobs} jobs at once; light user then asks ${lightJobs} times, every ${4 * runMs} ms; ` +
      `each job runs ${runMs} ms (simulated backend)`,
    lightWaitMs: stats(waits),
    lightWorstWaitInRuns: round(worst / runMs, 2),
    // First come, first served: the light user's first job would wait behind the whole flood (less the 80 ms head start).
    fifoWorstWaitMsEstimate: round(heavyJobs * runMs - 4 * runMs, 0),
    totalMs: round(totalMs, 0),
  };
}

export default async function bench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      jobs: { type: 'string', default: '500' },
      'batch-jobs': { type: 'string', default: '16' },
      steps: { type: 'string', default: '8' },
      size: { type: 'string', default: '64' },
      'max-batch': { type: 'string', default: '4' },
      /** Which parts to run, comma-separated (default: all). */
      parts: { type: 'string', default: 'overhead,positions,fairness,batching' },
    },
  });
  const parts = new Set(values.parts.split(','));
  setLogLevel('warn');
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-queue-'));
  try {
    const result = {
      overhead: parts.has('overhead') ? await overhead(dir, Number(values.jobs)) : undefined,
      positions: parts.has('positions') ? await positionEvents(dir, Number(values.jobs)) : undefined,
      fairness: parts.has('fairness') ? await fairness(dir) : undefined,
      batching: !parts.has('batching')
        ? undefined
        : await batching(dir, {
            jobs: Number(values['batch-jobs']),
            steps: Number(values.steps),
            size: Number(values.size),
            maxBatch: Number(values['max-batch']),
          }),
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
