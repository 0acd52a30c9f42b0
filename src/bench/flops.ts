/**
 * Compute figures for `npm run bench -- pipeline`: the multiply-accumulates one UNet call does, counted from the
 * shapes its Conv, MatMul and Gemm nodes actually ran with (onnxruntime's profiler records each node's input and
 * output shapes), and the host's peak float32 rate, so the bench can say what share of the physical limit a step
 * reaches.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from '../diffusion/ort.ts';

type Shape = number[];
interface ProfileEvent {
  cat?: string;
  name?: string;
  args?: { op_name?: string; input_type_shape?: Record<string, Shape>[]; output_type_shape?: Record<string, Shape>[] };
}

const prod = (s: Shape): number => s.reduce((a, b) => a * b, 1);
const shapeOf = (entry: Record<string, Shape> | undefined): Shape | undefined =>
  entry ? Object.values(entry)[0] : undefined;

/** MACs of one profiled node from its shapes (0 for nodes that are not Conv, MatMul or Gemm, or their fused forms). */
export function nodeMacs(op: string, inputs: (Shape | undefined)[], outputs: (Shape | undefined)[]): number {
  const out = outputs[0];
  if (!out) return 0;
  if (op === 'Conv' || op === 'FusedConv' || op === 'NhwcFusedConv') {
    const w = inputs[1];
    return w ? prod(out) * prod(w.slice(1)) : 0; // each output element: Cin/groups * kh * kw products
  }
  if (op === 'MatMul' || op === 'FusedMatMul' || op === 'Gemm') {
    const a = inputs[0];
    return a ? prod(out) * a[a.length - 1]! : 0; // [..., M, K] x [K, N]: M*N*K (Gemm without transA)
  }
  return 0;
}

/** Sums nodeMacs over an onnxruntime profile (the JSON array it writes). */
export function profileMacs(events: readonly ProfileEvent[]): number {
  let macs = 0;
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name?.endsWith('_kernel_time') || !e.args?.op_name) continue;
    macs += nodeMacs(
      e.args.op_name,
      (e.args.input_type_shape ?? []).map(shapeOf),
      (e.args.output_type_shape ?? []).map(shapeOf),
    );
  }
  return macs;
}

/** Runs `modelPath` once on `feeds` with profiling on and returns the MACs it did. */
export async function measureMacs(modelPath: string, feeds: Record<string, ort.Tensor>): Promise<number> {
  const prefix = join(tmpdir(), `atelier-macs-${process.pid}`);
  const session = await ort.InferenceSession.create(modelPath, {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    enableProfiling: true,
    profileFilePrefix: prefix,
  });
  try {
    await session.run(feeds);
  } finally {
    session.endProfiling();
  }
  await session.release();
  // endProfiling writes <prefix>_<date>.json; find it by the prefix.
  const file = readdirSync(tmpdir()).find((f) => f.startsWith(`atelier-macs-${process.pid}_`) && f.endsWith('.json'));
  if (!file) throw new Error('onnxruntime wrote no profile');
  const path = join(tmpdir(), file);
  try {
    return profileMacs(JSON.parse(readFileSync(path, 'utf8')) as ProfileEvent[]);
  } finally {
    rmSync(path, { force: true });
  }
}

export interface HostPeak {
  cores: number;
  ghz: number;
  /** float32 FLOPs per cycle per core: two FMA units x lanes x 2 (AVX-512: 64, AVX2 + FMA: 32, SSE: 8). */
  flopsPerCycle: number;
  isa: string;
}

/** The host's peak float32 rate per core, from /proc/cpuinfo (clock and vector extensions); undefined elsewhere. */
export function hostPeak(): HostPeak | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return undefined;
  }
  const mhz = Math.max(...[...text.matchAll(/^cpu MHz\s*:\s*([\d.]+)/gm)].map((m) => Number(m[1])));
  const flags = new Set((/^flags\s*:\s*(.*)$/m.exec(text)?.[1] ?? '').split(/\s+/));
  const [isa, flopsPerCycle] = flags.has('avx512f')
    ? ['avx512', 64]
    : flags.has('avx2') && flags.has('fma')
      ? ['avx2+fma', 32]
      : flags.has('avx')
        ? ['avx', 16]
        : ['sse', 8];
  if (!(mhz > 0)) return undefined;
  return { cores: availableParallelism(), ghz: mhz / 1000, flopsPerCycle: flopsPerCycle as number, isa: isa as string };
}

/** GFLOP/s of `threads` cores at peak. */
export function peakGflops(peak: HostPeak, threads: number): number {
  return Math.min(threads, peak.cores) * peak.ghz * peak.flopsPerCycle;
}
