/**
 * `npm run bench -- pipeline [--quick] [--generations N] [--threads N]`: figures for the image pipeline, as JSON on
 * stdout, on generated models (no download needed):
 *
 *   tiny   per-stage times (tokenize, encode, each UNet step, decode, PNG) on the tiny test model
 *   mid    the same on a mid-sized model (~35 M UNet parameters at 512x512, so a step takes noticeable CPU time),
 *          and the ratio of a request's wall time to the sum of its raw session.run() times (target <= 1.05)
 *   stall  the longest event-loop stall of the calling process while the inference process generates on the mid
 *          model (target < 20 ms), from perf_hooks.monitorEventLoopDelay and a 1 ms interval
 *   rss    resident memory growth of the inference process over N consecutive generations after warm-up
 *          (target < 50 MB)
 *   cpu    the mid model with onnxruntime's own thread default (before) and with Atelier's choice (after,
 *          src/diffusion/threads.ts): threads, spinning, median step time, and the UNet's achieved FLOP rate as a
 *          share of the host's peak (MACs counted from the shapes its Conv/MatMul/Gemm nodes ran with)
 *
 * --only cpu runs just that section.
 * --quick runs the mid model at 256x256 with fewer repetitions (for a smoke run); timings are medians.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createPipeline } from '../diffusion/pipeline.ts';
import type { GenerateRequest, GenerateResult } from '../diffusion/types.ts';
import { createInferenceClient } from '../inference/client.ts';
import { setLogLevel } from '../log.ts';
import { makeTinyModel, type TinyModelOptions } from '../models/tiny.ts';
import * as ort from '../diffusion/ort.ts';
import { hostPeak, measureMacs, peakGflops } from './flops.ts';

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** A generated model under the OS temp folder, built on first use (`rm -rf` it after changing the generator). */
export async function benchModel(name: string, options: Partial<TinyModelOptions>): Promise<string> {
  const dir = join(tmpdir(), 'atelier-bench-models', name);
  if (!existsSync(join(dir, 'model_index.json'))) {
    process.stderr.write(`generating the ${name} model in ${dir}...\n`);
    await makeTinyModel(dir, options);
  }
  return dir;
}

function stageFigures(results: GenerateResult[]) {
  const t = results.map((r) => r.timings);
  const steps = t[0]!.stepMs.length;
  return {
    runs: results.length,
    tokenizeMs: round(median(t.map((x) => x.tokenizeMs))),
    encodeMs: round(median(t.map((x) => x.encodeMs))),
    stepMs: Array.from({ length: steps }, (_, i) => round(median(t.map((x) => x.stepMs[i]!)))),
    decodeMs: round(median(t.map((x) => x.decodeMs))),
    pngMs: round(median(t.map((x) => x.pngMs))),
    totalMs: round(median(t.map((x) => x.totalMs))),
    sessionRunMs: round(median(t.map((x) => x.sessionRunMs))),
    wallOverSessionRun: round(median(t.map((x) => x.totalMs / x.sessionRunMs)), 4),
  };
}

async function inProcess(dir: string, req: GenerateRequest, runs: number, threads: number, onnxruntimeThreads = false) {
  const pipeline = await createPipeline(dir, {
    executionProviders: ['cpu'],
    intraOpThreads: threads,
    onnxruntimeThreads,
    bounds: { maxWidth: 1024, maxHeight: 1024 },
  });
  try {
    await pipeline.generate(req); // warm-up: first runs allocate arenas and fill the tokenizer cache
    const results: GenerateResult[] = [];
    for (let i = 0; i < runs; i++) results.push(await pipeline.generate({ ...req, seed: req.seed + i }));
    return {
      info: { family: pipeline.info.family, dtype: pipeline.info.dtype },
      threads: pipeline.threads,
      ...stageFigures(results),
    };
  } finally {
    await pipeline.release();
  }
}

/** MACs of one UNet call for this request (both guidance rows in one batch, as the pipeline runs it). */
async function unetMacs(dir: string, req: GenerateRequest): Promise<number> {
  const rows = req.guidanceScale > 1 ? 2 * req.count : req.count;
  const unetConfig = JSON.parse(readFileSync(join(dir, 'text_encoder', 'config.json'), 'utf8')) as {
    hidden_size: number;
  };
  const f = 8;
  const latent = new Float32Array(rows * 4 * (req.height / f) * (req.width / f));
  return measureMacs(join(dir, 'unet', 'model.onnx'), {
    sample: new ort.Tensor('float32', latent, [rows, 4, req.height / f, req.width / f]),
    timestep: new ort.Tensor('float32', new Float32Array(rows).fill(500), [rows]),
    encoder_hidden_states: new ort.Tensor('float32', new Float32Array(rows * 77 * unetConfig.hidden_size), [
      rows,
      77,
      unetConfig.hidden_size,
    ]),
  });
}

/** Before (onnxruntime's default threads) and after (Atelier's choice) on the mid model, with the FLOP share of peak. */
async function cpuFigures(dir: string, req: GenerateRequest, runs: number, threads: number) {
  const macs = await unetMacs(dir, req);
  const peak = hostPeak();
  const figures = (r: Awaited<ReturnType<typeof inProcess>>, used: number) => {
    const stepMs = median(r.stepMs);
    const gflops = (2 * macs) / (stepMs / 1000) / 1e9;
    return {
      threads: r.threads.intraOpThreads || "onnxruntime's default",
      spinning: r.threads.spinning,
      reason: r.threads.reason,
      medianStepMs: round(stepMs),
      totalMs: r.totalMs,
      achievedGflops: round(gflops, 1),
      shareOfPeak: peak ? round(gflops / peakGflops(peak, used), 3) : null,
      peakGflopsOfThoseCores: peak ? round(peakGflops(peak, used), 1) : null,
    };
  };
  const before = await inProcess(dir, req, runs, 0, true);
  const after = await inProcess(dir, req, runs, threads);
  const cores = peak?.cores ?? 1;
  const b = figures(before, cores);
  const a = figures(after, after.threads.intraOpThreads || cores);
  return {
    request: `${req.width}x${req.height}, ${req.steps} steps, guidance ${req.guidanceScale} (one UNet call of ${req.guidanceScale > 1 ? 2 : 1} rows per step)`,
    unetGmacPerStep: round(macs / 1e9, 3),
    host: peak
      ? {
          cores: peak.cores,
          ghz: peak.ghz,
          isa: peak.isa,
          flopsPerCyclePerCore: peak.flopsPerCycle,
          peakGflops: round(peakGflops(peak, peak.cores), 1),
        }
      : 'unknown (no /proc/cpuinfo)',
    before: { ...b, note: "onnxruntime's default: its share is of all the host's cores" },
    after: a,
    speedup: round(b.medianStepMs / a.medianStepMs, 3),
  };
}

/** Longest event-loop stall of this process: monitorEventLoopDelay (1 ms resolution) and a 1 ms interval's gaps. */
function startStallProbe(): { stop(): { maxDelayMs: number; p99DelayMs: number; maxIntervalGapMs: number } } {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  histogram.enable();
  return {
    stop() {
      clearInterval(timer);
      histogram.disable();
      return {
        maxDelayMs: round(histogram.max / 1e6),
        p99DelayMs: round(histogram.percentile(99) / 1e6),
        maxIntervalGapMs: round(maxGap),
      };
    },
  };
}

export default async function bench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      generations: { type: 'string', default: '100' },
      threads: { type: 'string', default: '0' },
      only: { type: 'string' },
    },
  });
  setLogLevel('warn');
  const quick = values.quick ?? false;
  const generations = Number(values.generations);
  const threads = Number(values.threads);
  const midSize = quick ? 256 : 512;
  const runs = quick ? 2 : 3;

  const tinyDir = await benchModel('tiny', { size: 'tiny' });
  const midDir = await benchModel('mid', { size: 'mid' });
  const base: GenerateRequest = {
    prompt: 'a lighthouse at dusk, oil painting',
    negativePrompt: 'blurry',
    width: 64,
    height: 64,
    steps: 4,
    guidanceScale: 7.5,
    seed: 1,
    count: 1,
    scheduler: 'euler',
  };

  const midReq = { ...base, width: midSize, height: midSize, steps: 4 };
  const cpu = await cpuFigures(midDir, midReq, runs, threads);
  if (values.only === 'cpu') {
    console.log(JSON.stringify({ bench: 'pipeline', node: process.version, cpu }, null, 2));
    return;
  }
  const tiny = await inProcess(tinyDir, base, quick ? 5 : 20, threads);
  const mid = await inProcess(midDir, midReq, runs, threads);

  // Through the inference process: the caller's event loop must stay responsive.
  const client = createInferenceClient({
    modelDir: midDir,
    executionProviders: ['cpu'],
    intraOpThreads: threads,
    bounds: { maxWidth: 1024, maxHeight: 1024, maxSteps: 200 },
    logLevel: 'warn',
  });
  let stall;
  let rss;
  try {
    await client.start();
    await client.generate(midReq);
    // Baseline first: the same probes with the inference process idle. On a busy shared machine the scheduler
    // alone delays a 1 ms timer by tens of ms; the figure that matters is the difference.
    const idleProbe = startStallProbe();
    await new Promise((r) => setTimeout(r, 3000));
    const idle = idleProbe.stop();
    const probe = startStallProbe();
    const before = await client.stats();
    const wallStart = performance.now();
    for (let i = 0; i < runs; i++)
      await client.generate({ ...midReq, seed: 100 + i, preview: true }, { onStep: () => undefined });
    const wallMs = performance.now() - wallStart;
    const after = await client.stats();
    const busy = probe.stop();
    stall = {
      generations: runs,
      duringGeneration: busy,
      idleBaseline: idle,
      target: 'max < 20 ms',
      wallOverSessionRunThroughProcess: round(wallMs / (after.sessionRunMs - before.sessionRunMs), 4),
    };

    // Memory: warm up, then N generations on the mid model at a small size (every stage runs; ~0.5 s each).
    const rssReq = { ...base, width: 128, height: 128, steps: 1 };
    for (let i = 0; i < 5; i++) await client.generate({ ...rssReq, seed: i });
    const start = await client.stats();
    let peak = start.rssBytes;
    for (let i = 0; i < generations; i++) {
      await client.generate({ ...rssReq, seed: 1000 + i, count: 1 + (i % 2) });
      if (i % 10 === 9) peak = Math.max(peak, (await client.stats()).rssBytes);
    }
    const end = await client.stats();
    rss = {
      model: 'mid',
      request: `${rssReq.width}x${rssReq.height}, ${rssReq.steps} step, 1-2 images`,
      generations,
      startMb: round(start.rssBytes / 2 ** 20, 1),
      endMb: round(end.rssBytes / 2 ** 20, 1),
      peakMb: round(peak / 2 ** 20, 1),
      growthMb: round((end.rssBytes - start.rssBytes) / 2 ** 20, 1),
      target: '< 50 MB',
    };
  } finally {
    await client.close();
  }

  console.log(
    JSON.stringify(
      {
        bench: 'pipeline',
        node: process.version,
        provider: 'cpu',
        threads: threads || 'default',
        tiny: { size: `${base.width}x${base.height}`, steps: base.steps, ...tiny },
        mid: { size: `${midSize}x${midSize}`, steps: midReq.steps, ...mid, target: 'wallOverSessionRun <= 1.05' },
        cpu,
        stall,
        rss,
      },
      null,
      2,
    ),
  );
}
