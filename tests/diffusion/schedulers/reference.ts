/**
 * Loads tests/fixtures/schedulers/reference.json (made by scripts/scheduler-reference/generate.py, a float32-faithful
 * torch transcription of diffusers' schedulers, itself checked against diffusers' own test expectations) and
 * replays its loops with our schedulers.
 */
import { readFileSync } from 'node:fs';
import {
  DDIMScheduler,
  DDPMScheduler,
  DPMSolverMultistepScheduler,
  EulerAncestralDiscreteScheduler,
  EulerDiscreteScheduler,
  HeunDiscreteScheduler,
  LCMScheduler,
  LMSDiscreteScheduler,
  PNDMScheduler,
  UniPCMultistepScheduler,
  img2imgTimesteps,
  type Scheduler,
} from '../../../src/diffusion/schedulers/index.ts';

const f32 = Math.fround;

export interface ReferenceCase {
  id: string;
  scheduler: 'pndm' | 'euler' | 'euler-ancestral' | 'ddim' | 'dpm' | 'lcm' | 'ddpm' | 'lms' | 'heun' | 'unipc';
  config: Record<string, unknown>;
  steps: number;
  style: 'euler-test' | 'plain' | 'pipeline';
  model: 'dummy' | 'sd';
  modelPatternSeed: number | null;
  loop: { t_start?: number; strength?: number; seed?: number; eta?: number; init?: 'deter' | 'pattern' };
  shape: number[];
  timesteps: number[];
  sigmas: number[] | null;
  initNoiseSigma: number;
  resultSum: number;
  resultMean: number;
  result: string;
  lastPredOriginal: string | null;
  noise: string | null;
  noiseDraws: number;
  diffusers?: { test: string; sum?: number; mean?: number };
}

export interface DiffusersCheck {
  test: string;
  got: number;
  expected: number;
  tolerance: number;
  ok: boolean;
}

export interface Reference {
  torch: string;
  diffusersChecks: DiffusersCheck[];
  schedules: Record<string, { config: Record<string, unknown>; alphasCumprod: string; betas: string }>;
  patterns: Record<string, string>;
  guidanceEmbedding: Record<string, string>;
  cases: ReferenceCase[];
}

export const reference: Reference = JSON.parse(
  readFileSync(new URL('../../fixtures/schedulers/reference.json', import.meta.url), 'utf8'),
) as Reference;

export function decodeF32(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out = new Float32Array(buf.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** diffusers' `dummy_sample_deter` (tests/schedulers/test_schedulers.py): arange laid out as (C, H, W, B), / n, permuted to (B, C, H, W). */
export function dummySampleDeter(shape: number[], flip = false): Float32Array {
  const [B, C, H, W] = shape as [number, number, number, number];
  const n = B * C * H * W;
  const out = new Float32Array(n);
  for (let b = 0; b < B; b++)
    for (let c = 0; c < C; c++)
      for (let h = 0; h < H; h++)
        for (let w = 0; w < W; w++) {
          const idx = ((c * H + h) * W + w) * B + b;
          out[((b * C + c) * H + h) * W + w] = (flip ? n - 1 - idx : idx) / n;
        }
  return out;
}

export function makeScheduler(c: ReferenceCase): Scheduler {
  switch (c.scheduler) {
    case 'pndm':
      return new PNDMScheduler(c.config);
    case 'euler':
      return new EulerDiscreteScheduler(c.config);
    case 'euler-ancestral':
      return new EulerAncestralDiscreteScheduler(c.config);
    case 'ddim':
      return new DDIMScheduler(c.config);
    case 'dpm':
      return new DPMSolverMultistepScheduler(c.config);
    case 'lcm':
      return new LCMScheduler(c.config);
    case 'ddpm':
      return new DDPMScheduler(c.config);
    case 'lms':
      return new LMSDiscreteScheduler(c.config);
    case 'heun':
      return new HeunDiscreteScheduler(c.config);
    case 'unipc':
      return new UniPCMultistepScheduler(c.config);
  }
}

/** A randn that replays the torch generator draws stored with a case. */
export function replayRandn(noise: Float32Array | null): { randn: (n: number) => Float32Array; used: () => number } {
  let offset = 0;
  let draws = 0;
  return {
    randn: (n: number) => {
      if (!noise || offset + n > noise.length) throw new Error('the case drew more noise than diffusers did');
      const out = noise.slice(offset, offset + n);
      offset += n;
      draws++;
      return out;
    },
    used: () => draws,
  };
}

export interface ReplayResult {
  scheduler: Scheduler;
  timesteps: number[];
  result: Float32Array;
  lastPredOriginal: Float32Array | null;
  draws: number;
}

/** The loop of generate.py `run_loop`, with our scheduler. */
export function replay(c: ReferenceCase): ReplayResult {
  const scheduler = makeScheduler(c);
  if (scheduler instanceof DDIMScheduler && c.loop.eta !== undefined) scheduler.eta = c.loop.eta;
  const n = c.shape.reduce((a, b) => a * b, 1);
  const init = c.loop.init ?? 'deter';
  let x = init === 'deter' ? dummySampleDeter(c.shape) : decodeF32(reference.patterns['3']!);
  const noiseImage = init === 'deter' ? dummySampleDeter(c.shape, true) : decodeF32(reference.patterns['5']!);
  const pattern = c.model === 'sd' ? decodeF32(reference.patterns[String(c.modelPatternSeed)]!) : null;
  if (x.length !== n || noiseImage.length !== n) throw new Error('pattern length mismatch');
  const scale = (v: Float32Array, s: number): Float32Array => v.map((e) => f32(e * s));

  let timesteps: number[];
  if (c.loop.strength !== undefined) {
    timesteps = img2imgTimesteps(scheduler, c.steps, c.loop.strength);
    x = scheduler.addNoise(x, noiseImage, timesteps[0]!);
  } else {
    scheduler.setTimesteps(c.steps);
    timesteps = [...scheduler.timesteps];
    if (c.loop.t_start !== undefined) {
      timesteps = timesteps.slice(c.loop.t_start * scheduler.order);
      x = scheduler.addNoise(scale(x, scheduler.initNoiseSigma), noiseImage, timesteps[0]!);
    } else {
      x = scale(x, scheduler.initNoiseSigma);
    }
  }

  const model = (input: Float32Array, t: number): Float32Array => {
    if (pattern === null) return input.map((v) => f32(f32(v * t) / f32(t + 1)));
    const tt = f32(t / 1000);
    const k = f32(0.8);
    return input.map((v, i) => f32(f32(v * k) + f32(pattern[i]! * tt)));
  };

  const noise = c.noise ? decodeF32(c.noise) : null;
  const rng = replayRandn(noise);
  let lastPredOriginal: Float32Array | null = null;
  for (const t of timesteps) {
    let input: Float32Array;
    if (c.style === 'euler-test') {
      x = scheduler.scaleModelInput(x, t);
      input = x;
    } else {
      input = scheduler.scaleModelInput(x, t);
    }
    const out = scheduler.step(model(input, t), t, x, rng.randn);
    x = out.prevSample;
    lastPredOriginal = out.denoised ?? out.predOriginalSample ?? null;
  }
  return { scheduler, timesteps, result: x, lastPredOriginal, draws: rng.used() };
}

/** Max |a - b| over max |b| (a norm-wise relative error that stays meaningful where b crosses zero). */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < b.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
    maxRef = Math.max(maxRef, Math.abs(b[i]!));
  }
  return maxRef === 0 ? maxDiff : maxDiff / maxRef;
}

export function sumAbs(x: Float32Array): number {
  let s = 0;
  for (const v of x) s += Math.abs(v);
  return s;
}
