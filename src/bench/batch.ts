/**
 * `npm run bench -- batch [--jobs 8] [--count 4] [--limits 4,8,16,2] [--rounds 12] [--model models/demo] [--threads 0]`:
 * what MAX_BATCH_LATENTS (the most latents one UNet call evaluates) buys on this host, through the real job queue
 * (SQLite stores, fair order) and one real inference process on the demo model at its own size, steps and guidance.
 *
 * For each limit, `jobs` jobs of `count` images each (four users, a prompt and seed of their own, all under 75 tokens so
 * they can share a call) are queued at once behind one more job; from the moment that one is done (a backlog of
 * `jobs` jobs) it prints: images per second, the requests the backend got and the latents per request, when each job
 * is done (first, median, p90, max: its latency in that backlog; `first` shows what sharing costs the job that would
 * have been done first) and its run time.
 * The first limit is the baseline (`count`: one job per call, no job shares); every limit's ratio to it comes from
 * the same run. The limits are measured `rounds` times in turn (4, 8, 16, 4, 8, 16, ...) so that a change in the
 * machine's load falls on all of them; the figures are medians over rounds, and vsBaseline.imagesPerSecond is the
 * median of each round's ratio to the baseline's run of the same round (bestImagesPerSecond: best ÷ best, the least
 * disturbed runs). inferenceCpuMsPerImage is the CPU time the inference process used per image (from /proc): the
 * work, which the load disturbs far less than the wall time. The load average is printed with them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.ts';
import type { NewJob } from '../db/jobs.ts';
import { createStores } from '../db/stores.ts';
import { createInferenceClient } from '../inference/client.ts';
import { setLogLevel } from '../log.ts';
import { repoRoot } from '../paths.ts';
import { createJobQueue } from '../queue/queue.ts';
import type { InferenceBackend } from '../queue/types.ts';
import type { JobRequest } from '../request/request.ts';

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const at = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
};

const subjects = [
  'a red circle on a blue background',
  'a green square on a white background',
  'a yellow triangle on a black background',
  'a blue circle on a red background',
  'a white square on a green background',
  'a purple triangle on a yellow background',
];

/**
 * CPU time (user + system, ms) a process has used, from /proc (Linux; NaN elsewhere): the work an inference process
 * did, which the machine's load disturbs far less than the wall time (clock ticks taken as 100 per second).
 */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

interface Run {
  cpuMsPerImage: number;
  seconds: number;
  imagesPerSecond: number;
  requests: number;
  latentsPerRequest: number;
  unetCallsPerStep: number;
  jobMs: number[];
  runMs: number[];
}

export default async function bench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      jobs: { type: 'string', default: '8' },
      count: { type: 'string', default: '4' },
      limits: { type: 'string', default: '' },
      rounds: { type: 'string', default: '12' },
      model: { type: 'string', default: join(repoRoot, 'models/demo') },
      threads: { type: 'string', default: '0' },
    },
  });
  const jobs = Number(values.jobs);
  const count = Number(values.count);
  // By default: one job per call (the baseline), two, four, and each job split in two.
  const limits = values.limits
    ? values.limits.split(',').map(Number)
    : [count, 2 * count, 4 * count, ...(count > 1 ? [Math.ceil(count / 2)] : [])];
  const rounds = Number(values.rounds);
  setLogLevel('warn');
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-batch-'));
  // One inference process per limit, given it as the bot's pool is (a request with more latents runs its UNet in
  // calls of at most that many), all started before any timing.
  const clients = new Map(
    limits.map((limit) => [
      limit,
      createInferenceClient({
        modelDir: values.model,
        executionProviders: ['cpu'],
        intraOpThreads: Number(values.threads),
        logLevel: 'warn',
        bounds: { maxImages: count, maxBatchLatents: limit, maxSteps: 200, maxWidth: 1024, maxHeight: 1024 },
      }),
    ]),
  );
  const info = (await Promise.all([...clients.values()].map((c) => c.start())))[0]!;
  const loadBefore = loadavg()[0]!;
  let n = 0;
  const runOnce = async (limit: number): Promise<Run> => {
    const client = clients.get(limit)!;
    const database = openDatabase(join(dir, `run-${n++}.db`));
    const stores = createStores(database, {
      ceilings: { maxSteps: 200, maxWidth: 1024, maxHeight: 1024, maxImagesPerRequest: 16 },
      maxWaiting: 100_000,
    });
    let requests = 0;
    let latents = 0;
    let unetCalls = 0;
    let steps = 0;
    const backend: InferenceBackend = {
      generate: async (req, opts) => {
        const result = await client.generate(req, opts);
        if (requests++ === 0) return result; // the first job's: not measured
        latents += req.count;
        unetCalls += result.timings.unetCalls ?? NaN;
        steps += result.timings.stepMs.length;
        return result;
      },
      restart: () => client.restart(),
    };
    const queue = createJobQueue({
      stores,
      backend,
      config: {
        slots: 1,
        maxWaiting: 100_000,
        maxPerUser: 100_000,
        jobTimeoutMs: 600_000,
        previews: false,
        maxBatchLatents: limit,
      },
    });
    const job = (i: number): NewJob => ({
      userId: `u${i % 4}`,
      guildId: 'g',
      model: info.name,
      params: {
        kind: 'imagine',
        prompt: `${subjects[(i + 6) % subjects.length]!}, take ${i}`,
        width: info.sampleSize,
        height: info.sampleSize,
        steps: info.defaultSteps,
        guidanceScale: info.defaultGuidance,
        seed: 1000 + 7919 * (i + 1),
        count,
      } as JobRequest,
    });
    const measured = new Set<number>();
    let cpu0 = NaN;
    let t0 = 0;
    const jobMs: number[] = [];
    const runMs: number[] = [];
    try {
      // The first job keeps the queue busy while the measured jobs arrive, so that they wait together (a backlog);
      // the clock starts when it is done.
      const blocker = queue.submit(job(-1)).job.id;
      queue.on('update', (id, e) => {
        if (e.type !== 'done') return;
        if (id === blocker) {
          t0 = performance.now();
          cpu0 = cpuMs(client.pid);
        } else if (measured.has(id)) {
          jobMs.push(performance.now() - t0);
          runMs.push(e.runMs);
        }
      });
      for (let i = 0; i < jobs; i++) measured.add(queue.submit(job(i)).job.id);
      await queue.idle();
      const seconds = (performance.now() - t0) / 1000;
      const cpuMsPerImage = (cpuMs(client.pid) - cpu0) / (jobs * count);
      requests -= 1;
      return {
        cpuMsPerImage,
        seconds,
        imagesPerSecond: (jobs * count) / seconds,
        requests,
        latentsPerRequest: latents / requests,
        unetCallsPerStep: unetCalls / steps,
        jobMs,
        runMs,
      };
    } finally {
      await queue.shutdown();
      database.close();
    }
  };
  try {
    const runs = new Map<number, Run[]>(limits.map((l) => [l, []]));
    for (let r = 0; r < rounds; r++) for (const limit of limits) runs.get(limit)!.push(await runOnce(limit));
    const figures = limits.map((limit) => {
      const rs = runs.get(limit)!;
      const jobMs = rs.map((x) => x.jobMs);
      return {
        maxBatchLatents: limit,
        imagesPerSecond: round(median(rs.map((x) => x.imagesPerSecond))),
        imagesPerSecondEachRound: rs.map((x) => round(x.imagesPerSecond)),
        requests: median(rs.map((x) => x.requests)),
        latentsPerRequest: round(median(rs.map((x) => x.latentsPerRequest)), 1),
        unetCallsPerStep: round(median(rs.map((x) => x.unetCallsPerStep))),
        jobMs: {
          first: Math.round(median(jobMs.map((j) => Math.min(...j)))),
          median: Math.round(median(jobMs.map((j) => median(j)))),
          p90: Math.round(median(jobMs.map((j) => at(j, 0.9)))),
          max: Math.round(median(jobMs.map((j) => Math.max(...j)))),
        },
        runMsMedian: Math.round(median(rs.map((x) => median(x.runMs)))),
        inferenceCpuMsPerImage: round(median(rs.map((x) => x.cpuMsPerImage)), 1),
        // Against the baseline's run of the same round (a change of load between rounds cancels out).
        imagesPerSecondVsBaselineEachRound: rs.map((x, r) =>
          round(x.imagesPerSecond / runs.get(limits[0]!)![r]!.imagesPerSecond),
        ),
      };
    });
    const base = figures[0]!;
    const result = {
      model: `${info.name} (${info.sampleSize}x${info.sampleSize}, ${info.defaultSteps} steps, guidance ${info.defaultGuidance}, ${info.executionProvider})`,
      threads: Number(values.threads) || `auto (INTRA_OP_THREADS=0)`,
      jobs,
      imagesPerJob: count,
      rounds,
      loadAverage1m: { before: round(loadBefore), after: round(loadavg()[0]!) },
      limits: figures.map((f) => ({
        ...f,
        vsBaseline: {
          imagesPerSecond: round(median(f.imagesPerSecondVsBaselineEachRound)),
          inferenceCpuMsPerImage: round(f.inferenceCpuMsPerImage / base.inferenceCpuMsPerImage),
          bestImagesPerSecond: round(
            Math.max(...f.imagesPerSecondEachRound) / Math.max(...base.imagesPerSecondEachRound),
          ),
          jobMsFirst: round(f.jobMs.first / base.jobMs.first),
          jobMsMedian: round(f.jobMs.median / base.jobMs.median),
          jobMsP90: round(f.jobMs.p90 / base.jobMs.p90),
        },
      })),
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } finally {
    await Promise.all([...clients.values()].map((c) => c.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}
