/**
 * Generated model folders for tests, built once and cached under tests/fixtures/generated/ (git-ignored).
 * The cache key covers the options and the generator's source, so a change to the generator rebuilds them.
 * Safe across the test runner's parallel processes: each build goes to a private folder renamed into place.
 *
 *   const dir = await tinyModel({ dtype: 'float16', timestep: 'int64-one' });
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CLIP_TOKENIZER_DIR,
  type TinyModelOptions,
  defaultTinyModelOptions,
  makeTinyModel,
} from '../../src/models/tiny.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const GENERATED_MODELS_DIR = join(repoRoot, 'tests/fixtures/generated');
const COMPLETE = '.complete';

/** Named variants covering every convention the pipeline must handle (dtypes, timestep inputs, exporters). */
export const tinyModelVariants: Readonly<Record<string, Partial<TinyModelOptions>>> = {
  'float32, float timestep [B] (diffusers legacy)': {},
  'float32, int64 timestep [B]': { timestep: 'int64-batch' },
  'float32, float scalar timestep, optimum layout': {
    timestep: 'float32-scalar',
    inputIds: 'int64',
    vaeEncoderOutput: 'latent_parameters',
  },
  'float32, int64 timestep [1]': { timestep: 'int64-one' },
  'float16, float16 timestep [B]': { dtype: 'float16' },
  'float16, int64 timestep [1], optimum layout': {
    dtype: 'float16',
    timestep: 'int64-one',
    inputIds: 'int64',
    vaeEncoderOutput: 'latent_parameters',
  },
  'sd-turbo, small tokenizer': { family: 'sd-turbo', tokenizer: 'small' },
  'lcm (timestep_cond)': { family: 'lcm' },
};

let sourceHash: string | undefined;
function generatorSourceHash(): string {
  if (sourceHash) return sourceHash;
  const h = createHash('sha256');
  const files = [join(repoRoot, 'src/models/tiny.ts'), join(repoRoot, 'src/diffusion/float16.ts')];
  const onnxDir = join(repoRoot, 'src/models/onnx');
  for (const f of readdirSync(onnxDir).sort()) if (f.endsWith('.ts')) files.push(join(onnxDir, f));
  for (const f of files) h.update(f.slice(repoRoot.length)).update(readFileSync(f));
  sourceHash = h.digest('hex');
  return sourceHash;
}

/** The cache folder name of a variant: readable options plus a hash. */
export function tinyModelKey(opts: Partial<TinyModelOptions> = {}): string {
  const full: Record<string, unknown> = { ...defaultTinyModelOptions };
  for (const [k, v] of Object.entries(opts)) if (v !== undefined) full[k] = v;
  const canonical = JSON.stringify(
    Object.keys(full)
      .sort()
      .map((k) => [k, full[k]]),
  );
  const hash = createHash('sha256')
    .update(canonical)
    .update(generatorSourceHash())
    .update(existsSync(join(CLIP_TOKENIZER_DIR, 'vocab.json')) ? 'clip' : 'no-clip')
    .digest('hex')
    .slice(0, 12);
  return `${full.size}-${full.family}-${full.dtype}-${full.timestep}-${hash}`;
}

const building = new Map<string, Promise<string>>();

/** A generated model folder with these options (defaults: defaultTinyModelOptions), built on first use. */
export function tinyModel(opts: Partial<TinyModelOptions> = {}): Promise<string> {
  const key = tinyModelKey(opts);
  let pending = building.get(key);
  if (!pending) {
    pending = build(key, opts);
    building.set(key, pending);
  }
  return pending;
}

let cleaned = false;
/**
 * Removes models built by an older version of the generator (their .complete names another source hash) and
 * build folders left by test processes that were killed mid-build (older than an hour).
 */
function removeStaleBuilds(): void {
  if (cleaned || !existsSync(GENERATED_MODELS_DIR)) return;
  cleaned = true;
  for (const name of readdirSync(GENERATED_MODELS_DIR)) {
    const path = join(GENERATED_MODELS_DIR, name);
    if (name.startsWith('.building-')) {
      if (Date.now() - statSync(path).mtimeMs > 3600_000) rmSync(path, { recursive: true, force: true });
      continue;
    }
    const stamp = join(path, COMPLETE);
    if (existsSync(stamp) && !readFileSync(stamp, 'utf8').includes(generatorSourceHash()))
      rmSync(path, { recursive: true, force: true });
  }
}

async function build(key: string, opts: Partial<TinyModelOptions>): Promise<string> {
  const dir = join(GENERATED_MODELS_DIR, key);
  if (existsSync(join(dir, COMPLETE))) return dir;
  removeStaleBuilds();
  const tmp = join(GENERATED_MODELS_DIR, `.building-${key}-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await makeTinyModel(tmp, opts);
    writeFileSync(join(tmp, COMPLETE), `${new Date().toISOString()} generator ${generatorSourceHash()}\n`);
    if (existsSync(dir) && !existsSync(join(dir, COMPLETE))) rmSync(dir, { recursive: true, force: true }); // a crashed build
    try {
      renameSync(tmp, dir);
    } catch (err) {
      // Another process finished the same variant first: use theirs.
      if (!existsSync(join(dir, COMPLETE))) throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}
