/**
 * `npm run models -- train-demo [--smoke] [--out DIR] [--threads N] [--python PATH]`: retrains the demo model
 * (training/demo/train.py, PyTorch on the CPU) and checks that onnxruntime-node reproduces torch's outputs on the
 * exported files. The full run writes models/demo/ (under an hour on 2 cores); --smoke trains for a minute or two
 * into .tmp/demo-train/smoke-model/ to check that the script still works.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UserError } from '../../errors.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const APT_PACKAGES = 'python3-torch python3-numpy python3-onnx libopenblas0-openmp';
const OPENBLAS = '/usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3';

const usage = `Usage: npm run models -- train-demo [--smoke] [--out DIR] [--threads N] [--python PATH]
  --smoke        train for a minute or two (checks the script; writes .tmp/demo-train/smoke-model)
  --out DIR      where to write the model (default models/demo, or the smoke folder with --smoke)
  --threads N    torch threads (default 2)
  --python PATH  the Python that has Debian's torch (default /usr/bin/python3)`;

export async function run(argv: string[]): Promise<void> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        smoke: { type: 'boolean', default: false },
        out: { type: 'string' },
        threads: { type: 'string', default: '2' },
        python: { type: 'string', default: '/usr/bin/python3' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    throw new UserError(`${(err as Error).message}\n\n${usage}`, 'usage');
  }
  if (args.help) {
    console.log(usage);
    return;
  }
  const threads = Number(args.threads);
  if (!Number.isInteger(threads) || threads < 1)
    throw new UserError(`--threads must be a whole number of at least 1.\n\n${usage}`, 'usage');

  const python = args.python;
  const probe = spawnSync(python, ['-c', 'import torch, numpy, onnx; print(torch.__version__)'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? `${python} was not found` : `${python} cannot import torch, numpy and onnx`;
    throw new UserError(
      `Training the demo model needs Python 3 with PyTorch, NumPy and ONNX, and ${why}.\n` +
        `On Debian/Ubuntu install them with:\n  sudo apt-get install -y ${APT_PACKAGES}\n` +
        `(or point --python at a Python that has them).`,
      'missing-python',
    );
  }
  if (process.platform === 'linux' && !existsSync(OPENBLAS)) {
    console.warn(
      `Note: OpenBLAS is not installed; Debian's torch then uses the reference BLAS and trains about 7 times slower.\n` +
        `  sudo apt-get install -y libopenblas0-openmp`,
    );
  }
  console.log(`PyTorch ${probe.stdout.trim()} (${python}), ${threads} thread(s)`);

  const work = join(repo, '.tmp', 'demo-train');
  const trainArgs = [join(repo, 'training/demo/train.py'), '--work', work, '--threads', String(threads)];
  if (args.smoke) trainArgs.push('--smoke');
  if (args.out) trainArgs.push('--out', resolve(args.out));
  const train = spawnSync(python, trainArgs, { stdio: 'inherit', cwd: repo });
  if (train.status !== 0) throw new Error(`training/demo/train.py failed (exit ${train.status ?? train.signal})`);

  const check = spawnSync(process.execPath, [join(repo, 'training/demo/ort_check.mjs'), join(work, 'reference.json')], {
    stdio: 'inherit',
    cwd: repo,
  });
  if (check.status !== 0)
    throw new Error('onnxruntime-node does not reproduce the torch outputs of the exported model');
}
