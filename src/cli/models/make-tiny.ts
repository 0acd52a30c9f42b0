/**
 * `npm run models -- make-tiny <dir> [options]`: writes a random-weight model folder in the diffusers/optimum ONNX
 * layout (see src/models/tiny.ts), for tests and benchmarks on machines without real weights.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../errors.ts';
import { type TinyModelOptions, defaultTinyModelOptions, makeTinyModelSync } from '../../models/tiny.ts';

const choices = {
  dtype: ['float32', 'float16'],
  timestep: ['float32-batch', 'int64-batch', 'float32-scalar', 'int64-one'],
  'input-ids': ['int32', 'int64'],
  tokenizer: ['clip', 'small'],
  size: ['tiny', 'mid'],
  family: ['sd15', 'sd-turbo', 'lcm'],
  'vae-encoder-output': ['latent_sample', 'latent_parameters'],
} as const;

const d = defaultTinyModelOptions;
/**
 * Where a generated model goes unless told: outside models/, whose first model (before the demo) is the one the bot
 * loads on its own, so that making a noise model for a test never replaces the model the bot paints with.
 */
export const DEFAULT_TINY_DIR = 'test-models/tiny';

const usage = `Usage: npm run models -- make-tiny [dir] [options]
  dir                                      the folder to write (default ${DEFAULT_TINY_DIR}; a folder under models/
                                           would be loaded by the bot instead of the demo model)
  --dtype float32|float16                  weights and float inputs/outputs (default ${d.dtype})
  --timestep float32-batch|int64-batch|float32-scalar|int64-one
                                           the UNet timestep input (default ${d.timestep})
  --input-ids int32|int64                  text encoder input_ids dtype (default ${d.inputIds})
  --family sd15|sd-turbo|lcm               scheduler config, pad token, LCM timestep_cond (default ${d.family})
  --size tiny|mid                          tiny: fast tests; mid: ~35M-parameter UNet for benchmarks (default ${d.size})
  --tokenizer clip|small                   real CLIP vocabulary (assets/clip-tokenizer) or a small one (default ${d.tokenizer})
  --vae-encoder-output latent_sample|latent_parameters
                                           legacy diffusers export or optimum's (default ${d.vaeEncoderOutput})
  --seed N                                 seed of the random weights (default ${d.seed})
  --no-vae-encoder                         leave out vae_encoder/ (no image-to-image)
  --no-external-data                       keep the UNet weights inside unet/model.onnx instead of unet/weights.pb`;

function pick<K extends keyof typeof choices>(
  name: K,
  value: string | undefined,
): (typeof choices)[K][number] | undefined {
  if (value === undefined) return undefined;
  const allowed: readonly string[] = choices[name];
  if (!allowed.includes(value))
    throw new UserError(`--${name} must be one of ${allowed.join(', ')}, not "${value}".\n\n${usage}`, 'usage');
  return value as (typeof choices)[K][number];
}

export function parseMakeTinyArgs(argv: string[]): { dir: string; options: Partial<TinyModelOptions> } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        dtype: { type: 'string' },
        timestep: { type: 'string' },
        'input-ids': { type: 'string' },
        tokenizer: { type: 'string' },
        size: { type: 'string' },
        family: { type: 'string' },
        'vae-encoder-output': { type: 'string' },
        seed: { type: 'string' },
        'no-vae-encoder': { type: 'boolean' },
        'no-external-data': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UserError(`${(err as Error).message}\n\n${usage}`, 'usage');
  }
  const { values: v, positionals } = parsed;
  if (v.help) throw new UserError(usage, 'usage');
  if (positionals.length > 1) throw new UserError(`Give at most one output folder.\n\n${usage}`, 'usage');
  let seed: number | undefined;
  if (v.seed !== undefined) {
    seed = Number(v.seed);
    if (!/^\d+$/.test(v.seed) || seed > 0xffffffff)
      throw new UserError(`--seed must be a whole number from 0 to 4294967295, not "${v.seed}".`, 'usage');
  }
  const options: Partial<TinyModelOptions> = {
    dtype: pick('dtype', v.dtype),
    timestep: pick('timestep', v.timestep),
    inputIds: pick('input-ids', v['input-ids']),
    tokenizer: pick('tokenizer', v.tokenizer),
    size: pick('size', v.size),
    family: pick('family', v.family),
    vaeEncoderOutput: pick('vae-encoder-output', v['vae-encoder-output']),
    seed,
    vaeEncoder: v['no-vae-encoder'] ? false : undefined,
    externalData: v['no-external-data'] ? false : undefined,
  };
  return { dir: positionals[0] || DEFAULT_TINY_DIR, options };
}

export async function run(argv: string[], stdout: (line: string) => void = console.log): Promise<void> {
  const { dir, options } = parseMakeTinyArgs(argv);
  const started = performance.now();
  const report = makeTinyModelSync(dir, options);
  const ms = performance.now() - started;
  const shown = relative(process.cwd(), report.dir) || '.';
  const o = report.options;
  stdout(
    `Wrote a ${o.size} ${o.family} model (${o.dtype}, timestep ${o.timestep}, input_ids ${o.inputIds}, seed ${o.seed}) to ${shown} in ${ms.toFixed(0)} ms:`,
  );
  const width = Math.max(...report.files.map((f) => f.path.length));
  for (const f of report.files) stdout(`  ${f.path.padEnd(width)}  ${formatSize(f.bytes).padStart(9)}`);
  const total = report.files.reduce((a, f) => a + f.bytes, 0);
  stdout(`  ${'total'.padEnd(width)}  ${formatSize(total).padStart(9)}`);
  const p = report.parameters;
  stdout(
    `Parameters: text encoder ${p.textEncoder.toLocaleString('en')}, UNet ${p.unet.toLocaleString('en')}, ` +
      `VAE decoder ${p.vaeDecoder.toLocaleString('en')}` +
      (o.vaeEncoder ? `, VAE encoder ${p.vaeEncoder.toLocaleString('en')}` : '') +
      '.',
  );
  stdout(
    `Tokenizer: ${report.clipTokenizer ? 'the CLIP vocabulary' : 'the small generated vocabulary'}. Weights are random: images will be noise.`,
  );
  stdout(`To try it: MODEL_DIR=${shown} npm run imagine -- --prompt "anything" --out noise.png`);
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
