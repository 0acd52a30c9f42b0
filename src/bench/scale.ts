/**
 * `npm run bench -- scale [--jobs 48] [--count 1] [--model models/demo] [--dispatch 40]`: throughput of the ways to
 * run inference, all through the real job queue (SQLite stores, fair order) on this machine, in one run:
 * - local: INFERENCE_PROCESSES = 1, 2 and 4 (threads per process: the cores shared, as the pool does when
 *   INTRA_OP_THREADS is 0), images per second and the ratio to one process;
 * - redis: 1 and 2 BullMQ workers (`startWorkerHost`, one slot each, cores shared the same way) behind the bot's
 *   remote backend, on a redis-server started here on a free port;
 * - dispatch: the cost of the Redis hand-off per job, without inference in the way: `dispatch` requests one after
 *   another through the remote backend to a worker whose "inference" answers at once with a real 64x64 PNG, against
 *   the same call made directly; the median difference (target < 5 ms).
 * `--parts local,redis,dispatch` picks what to run (all by default).
 * Needs redis-server installed (`apt-get install redis-server`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { startRedis } from '../../tests/support/redis.ts';
import { openDatabase } from '../db/database.ts';
import { createStores } from '../db/stores.ts';
import type { NewJob } from '../db/jobs.ts';
import type { GenerateRequest } from '../diffusion/types.ts';
import { createInferencePool, threadsPerProcess, type InferencePool } from '../inference/pool.ts';
import { setLogLevel } from '../log.ts';
import { repoRoot } from '../paths.ts';
import { createJobQueue } from '../queue/queue.ts';
import type { InferenceBackend } from '../queue/types.ts';
import type { JobRequest } from '../request/request.ts';
import { createRemoteBackend } from '../scale/remote.ts';
import { startWorkerHost, type WorkerHost } from '../scale/worker.ts';

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Options {
  jobs: number;
  count: number;
  modelDir: string;
  dispatch: number;
}

const bounds = { maxWidth: 1024, maxHeight: 1024, maxSteps: 200, maxImages: 16 };

/** `jobs` jobs from 8 users through the real queue on `backend` with `slots`; images per second after a warm-up. */
async function throughput(
  dir: string,
  name: string,
  backend: InferenceBackend,
  slots: number,
  o: Options,
  steps: number,
  size: number,
) {
  const database = openDatabase(join(dir, `${name}.db`));
  const stores = createStores(database, {
    ceilings: { maxSteps: 200, maxWidth: 1024, maxHeight: 1024, maxImagesPerRequest: 16 },
    maxWaiting: 100_000,
  });
  const queue = createJobQueue({
    stores,
    backend,
    config: { slots, maxWaiting: 100_000, maxPerUser: 100_000, jobTimeoutMs: 600_000, previews: false },
  });
  const job = (i: number): NewJob => ({
    userId: `u${i % 8}`,
    guildId: 'g',
    // The model as the backends know it (a worker serves its folder's name; a job for any other waits for one).
    model: basename(resolve(o.modelDir)),
    params: {
      kind: 'imagine',
      prompt: `a red circle on a blue background, take ${i}`,
      width: size,
      height: size,
      steps,
      guidanceScale: 7.5,
      seed: 1000 + i,
      count: o.count,
    } as JobRequest,
  });
  try {
    // Warm-up: every process runs once (first-run session costs), outside the timing.
    for (let i = 0; i < slots * 2; i++) queue.submit(job(-1 - i));
    await queue.idle();
    const t0 = performance.now();
    for (let i = 0; i < o.jobs; i++) queue.submit(job(i));
    await queue.idle();
    const seconds = (performance.now() - t0) / 1000;
    return { seconds: round(seconds), imagesPerSecond: round((o.jobs * o.count) / seconds) };
  } finally {
    await queue.shutdown();
    database.close();
  }
}

/** The hand-off alone: a worker whose pool answers at once with a real PNG. */
async function dispatchCost(redisUrl: string, n: number) {
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .png()
    .toBuffer();
  const instant: InferencePool = {
    info: undefined,
    models: [],
    refreshModels: async () => [],
    pids: [],
    start: async () => ({
      name: 'dispatch-bench',
      dir: '',
      family: 'bench',
      sampleSize: 64,
      defaultSteps: 1,
      defaultGuidance: 1,
      defaultScheduler: 'euler',
      guidanceFree: true,
      supportsImg2Img: false,
      executionProvider: 'none',
      dtype: 'float32',
    }),
    generate: async (req) => ({
      images: Array.from({ length: req.count }, (_, i) => ({ png, seed: req.seed + i, width: 64, height: 64 })),
      timings: { tokenizeMs: 0, encodeMs: 0, stepMs: [], decodeMs: 0, pngMs: 0, totalMs: 0, sessionRunMs: 0 },
      info: {
        model: 'dispatch-bench',
        scheduler: 'euler',
        steps: 1,
        guidanceScale: 1,
        tokenCount: 1,
        truncatedTokens: 0,
        executionProvider: 'none',
      },
    }),
    restart: async () => undefined,
    close: async () => undefined,
  };
  const host = await startWorkerHost({
    redisUrl,
    slots: 1,
    lockMs: 30_000,
    pool: instant,
    inference: { modelDir: '', executionProviders: ['cpu'], intraOpThreads: 1 },
  });
  const backend = createRemoteBackend({ redisUrl, model: 'dispatch-bench', pollMs: 200 });
  const req: GenerateRequest = {
    prompt: 'a red square',
    width: 64,
    height: 64,
    steps: 1,
    guidanceScale: 1,
    seed: 1,
    count: 1,
  };
  const viaRedis: number[] = [];
  const direct: number[] = [];
  try {
    await backend.start();
    while (backend.capacity!() < 1) await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < n + 10; i++) {
      let t = performance.now();
      await backend.generate(
        { ...req, seed: i },
        { signal: new AbortController().signal, onStep: () => undefined, key: `dispatch-${Date.now()}-${i}` },
      );
      if (i >= 10) viaRedis.push(performance.now() - t);
      t = performance.now();
      await instant.generate({ ...req, seed: i });
      if (i >= 10) direct.push(performance.now() - t);
    }
  } finally {
    await backend.close();
    await host.close(0);
  }
  const sorted = [...viaRedis].sort((a, b) => a - b);
  return {
    requests: n,
    imagePngBytes: png.length,
    viaRedisMedianMs: round(median(viaRedis)),
    viaRedisP90Ms: round(sorted[Math.floor(n * 0.9)]!),
    directMedianMs: round(median(direct), 3),
    overheadPerJobMs: round(median(viaRedis) - median(direct)),
    target: '< 5 ms',
  };
}

export default async function bench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      jobs: { type: 'string', default: '48' },
      count: { type: 'string', default: '1' },
      model: { type: 'string', default: join(repoRoot, 'models/demo') },
      dispatch: { type: 'string', default: '200' },
      parts: { type: 'string', default: 'local,redis,dispatch' },
    },
  });
  const parts = new Set(values.parts.split(','));
  const o: Options = {
    jobs: Number(values.jobs),
    count: Number(values.count),
    modelDir: values.model,
    dispatch: Number(values.dispatch),
  };
  setLogLevel('warn');
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-scale-'));
  const cores = availableParallelism();
  const inference = { modelDir: o.modelDir, executionProviders: ['cpu'], bounds, logLevel: 'warn' as const };
  let steps = 0;
  let size = 0;
  const local: Record<string, unknown> = {};
  const redisRuns: Record<string, unknown> = {};
  let dispatch: Record<string, unknown> = {};
  try {
    for (const processes of parts.has('local') ? [1, 2, 4] : []) {
      const pool = createInferencePool({ ...inference, processes, intraOpThreads: 0 });
      const info = await pool.start();
      steps = info.defaultSteps;
      size = info.sampleSize;
      try {
        local[`processes${processes}`] = {
          threadsEach: threadsPerProcess(0, processes) || cores,
          ...(await throughput(dir, `local-${processes}`, pool, processes, o, steps, size)),
        };
      } finally {
        await pool.close(0);
      }
    }
    const base = (local.processes1 as { imagesPerSecond: number } | undefined)?.imagesPerSecond ?? NaN;
    for (const k of Object.keys(local)) {
      const r = local[k] as { imagesPerSecond: number };
      local[k] = { ...r, vsOneProcess: round(r.imagesPerSecond / base) };
    }

    const redis = await startRedis();
    try {
      for (const workers of parts.has('redis') ? [1, 2] : []) {
        const hosts: WorkerHost[] = [];
        const backend = createRemoteBackend({ redisUrl: redis.url, pollMs: 200 });
        try {
          for (let w = 0; w < workers; w++) {
            hosts.push(
              await startWorkerHost({
                redisUrl: redis.url,
                slots: 1,
                lockMs: 30_000,
                inference: { ...inference, intraOpThreads: Math.max(1, Math.floor(cores / workers)) },
              }),
            );
          }
          await backend.start();
          while (backend.capacity!() < workers) await new Promise((r) => setTimeout(r, 50));
          redisRuns[`workers${workers}`] = await throughput(dir, `redis-${workers}`, backend, workers, o, steps, size);
        } finally {
          await backend.close();
          await Promise.all(hosts.map((h) => h.close(0)));
        }
      }
      if (parts.has('dispatch')) dispatch = await dispatchCost(redis.url, o.dispatch);
    } finally {
      await redis.stop();
    }
    const oneWorker = (redisRuns.workers1 as { imagesPerSecond: number } | undefined)?.imagesPerSecond ?? NaN;
    for (const k of Object.keys(redisRuns)) {
      const r = redisRuns[k] as { imagesPerSecond: number };
      redisRuns[k] = {
        ...r,
        vsOneLocalProcess: round(r.imagesPerSecond / base),
        vsOneWorker: round(r.imagesPerSecond / oneWorker),
      };
    }
    process.stdout.write(
      JSON.stringify(
        {
          machine: { cores },
          model: o.modelDir,
          steps,
          size,
          jobs: o.jobs,
          imagesPerJob: o.count,
          local,
          redis: redisRuns,
          dispatch,
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
