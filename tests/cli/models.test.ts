import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { list } from '../../src/cli/models/list.ts';
import { pull } from '../../src/cli/models/pull.ts';
import { UserError } from '../../src/errors.ts';
import {
  createRegistry,
  defaultRegistry,
  knownModels,
  UPSCALER_NAME,
  type RegistryEntry,
} from '../../src/models/registry.ts';
import { loadTaesd } from '../../src/diffusion/taesd.ts';
import { makeTinyTaesd } from '../../src/models/tiny-taesd.ts';
import { makeTinyUpscaler } from '../../src/models/tiny-upscaler.ts';
import { installedUpscaler, loadUpscaler, upscaleTiled } from '../../src/upscale/upscaler.ts';
import { upscalerFileFor } from '../../src/upscale/run.ts';
import { startHubServer, writeFakeModelRepo, type HubServer } from '../support/hub-server.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const turbo = defaultRegistry.get('sd-turbo');
const upscalerEntry = defaultRegistry.get(UPSCALER_NAME);
let work: string;
let server: HubServer;
let tiny: RegistryEntry;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'atelier-cli-models-'));
  tiny = writeFakeModelRepo(join(work, 'tiny'), 'test-org/tiny-sd');
  // The real sd-turbo entry's repo and pinned commit, served with fake bytes, for the end-to-end run.
  writeFakeModelRepo(join(work, 'turbo'), turbo.repo);
  // The real taesd entry's repo, served with a generated export of its signature (diffusers' AutoencoderTiny).
  makeTinyTaesd(join(work, 'taesd'), { convention: 'diffusers' });
  // The real upscaler entry's repo and pinned commit, serving a generated upscaler of the Real-ESRGAN signature at
  // the export's path.
  const exported = upscalerEntry.files[0]!.path;
  const made = makeTinyUpscaler(join(work, 'upscaler-repo', dirname(exported)));
  renameSync(made, join(work, 'upscaler-repo', exported));
  server = await startHubServer([
    { repo: defaultRegistry.get('taesd').repo, dir: join(work, 'taesd') },
    { repo: 'test-org/tiny-sd', dir: join(work, 'tiny') },
    { repo: turbo.repo, dir: join(work, 'turbo'), sha: turbo.revision },
    { repo: upscalerEntry.repo, dir: join(work, 'upscaler-repo'), sha: upscalerEntry.revision },
  ]);
});
after(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  let err = '';
  return {
    out,
    get err() {
      return err;
    },
    stdout: (line: string) => out.push(line),
    stderr: { write: (s: string) => ((err += s), true) },
  };
}

function models(root: string, token?: string) {
  return {
    root,
    dir: undefined,
    executionProviders: ['cpu'],
    intraOpThreads: 0,
    memoryBudgetBytes: 2 ** 30,
    hubUrl: server.url,
    hubToken: token,
  };
}

test('pull taesd: the decoder lands in models/taesd/, opens, and is listed as ready, not as a broken model', async () => {
  const root = join(work, 'taesd-pull');
  const io = capture();
  await pull(['taesd'], {
    config: { models: models(root) },
    registry: defaultRegistry,
    stdout: io.stdout,
    stderr: io.stderr,
    retryDelayMs: 1,
  });
  assert.match(io.err, /licence: MIT/);
  assert.match(io.out.join('\n'), /taesd is ready in .*taesd: 2 files/);
  assert.match(io.out.join('\n'), /--decoder taesd/);
  const taesd = await loadTaesd(join(root, 'taesd'), { executionProviders: ['cpu'], intraOpThreads: 1 });
  assert.equal(taesd.range, 'minus-one-one');
  await taesd.release();
  const shown = capture();
  await list([], { config: { models: models(root) }, registry: defaultRegistry, stdout: shown.stdout });
  assert.match(shown.out.join('\n'), /taesd +[\d.]+ kB +ready \(taesd\) +deinferno\/taesd-onnx@/);
});

test('pull then list, in process, with an injected registry', async () => {
  const root = join(work, 'in-process');
  const registry = createRegistry([tiny, ...knownModels]);
  const io = capture();
  await pull(['tiny-sd'], {
    config: { models: models(root) },
    registry,
    stdout: io.stdout,
    stderr: io.stderr,
    retryDelayMs: 1,
  });
  assert.match(io.err, /licence: MIT/);
  assert.match(io.err, /Downloading unet\/weights\.pb/);
  assert.match(io.out.join('\n'), /tiny-sd is ready in .*tiny-sd: 11 files, 512 kB, commit a1b2c3d/);
  assert.match(io.out.join('\n'), /Recommended: 2 step\(s\), guidance 1, 64x64/);

  const shown = capture();
  await list([], { config: { models: models(root) }, registry, stdout: shown.stdout });
  const text = shown.out.join('\n');
  assert.match(text, /Installed in .*in-process:\n\* tiny-sd +5\d\d kB +ready \(tiny\) +test-org\/tiny-sd@a1b2c3d/);
  assert.match(text, /In use \(\*\): .*tiny-sd, because the first installed model by name/);
  assert.match(text, /Available to pull from the Hugging Face hub:/);
  for (const e of knownModels) assert.ok(text.includes(`npm run models -- pull ${e.name}`), e.name);
  assert.equal(text.includes('pull tiny-sd'), false, 'an installed model is not offered again');

  const json = capture();
  await list(['--json'], { config: { models: models(root) }, registry, stdout: json.stdout });
  const parsed = JSON.parse(json.out.join('\n')) as {
    installed: { name: string; complete: boolean }[];
    available: { name: string; pull: string }[];
  };
  assert.deepEqual(
    parsed.installed.map((m) => [m.name, m.complete]),
    [['tiny-sd', true]],
  );
  assert.equal(parsed.available.length, knownModels.length);
});

test('bad arguments get a usage line that names the known models', async () => {
  const deps = { config: { models: models(join(work, 'x')) }, registry: defaultRegistry, ...capture() };
  await assert.rejects(
    pull([], deps),
    (err: unknown) => err instanceof UserError && /Usage: .*pull <name>.*sd-turbo/.test(err.message),
  );
  await assert.rejects(pull(['a', 'b'], deps), /Usage/);
  await assert.rejects(pull(['sd-turbo', '--fast'], deps), /Unknown option --fast/);
  await assert.rejects(list(['extra'], deps), /Unknown argument extra/);
});

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/models.ts', ...args],
      { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('npm run models -- pull sd-turbo, end to end through the dispatcher, against the local hub', async () => {
  const root = join(work, 'e2e');
  server.faults = { requireToken: 'hf_test' };
  server.requests.length = 0;
  const env = { MODELS_PATH: root, HF_HUB_URL: server.url, HF_TOKEN: 'hf_test' };
  const r = await cli(['pull', 'sd-turbo'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Stability AI Non-Commercial/);
  assert.match(r.stderr, /commit 3c071e3/);
  assert.match(r.stderr, /100% /);
  assert.match(r.stdout, /sd-turbo is ready in/);
  for (const f of turbo.files.filter((x) => !x.optional)) assert.ok(existsSync(join(root, 'sd-turbo', f.path)), f.path);
  assert.ok(server.requests.some((q) => q.path.includes(`/resolve/${turbo.revision}/unet/weights.pb`)));
  assert.ok(server.requests.filter((q) => q.server === 'cdn').every((q) => q.authorization === undefined));

  const l = await cli(['list'], env);
  assert.equal(l.code, 0, l.stderr);
  assert.match(l.stdout, /sd-turbo +\d+ kB +ready \(sd-turbo\) +julienkay\/sd-turbo@3c071e3/);
  assert.doesNotMatch(l.stdout, /pull sd-turbo\n/);
  assert.match(l.stdout, /npm run models -- pull sd15\n/);
});

test('npm run models -- pull upscaler installs the upscaler where Upscale (Subtle) looks, and it runs', async () => {
  const root = join(work, 'upscaler');
  server.faults = {};
  server.requests.length = 0;
  const env = { MODELS_PATH: root, HF_HUB_URL: server.url };
  const r = await cli(['pull', UPSCALER_NAME], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /BSD-3-Clause/);
  assert.match(r.stdout, /upscaler is ready in .*1 files/);
  assert.match(r.stdout, /Upscale \(Subtle\) uses it/);
  assert.ok(
    server.requests.some((q) => q.path.includes(`/resolve/${upscalerEntry.revision}/${upscalerEntry.files[0]!.path}`)),
  );
  // Installed where src/upscale/ looks for the models beside it, and nothing else left in the folder but the manifest.
  const file = installedUpscaler(upscalerFileFor(join(root, 'demo')));
  assert.equal(file, join(root, 'upscaler', 'model.onnx'));
  const upscaler = await loadUpscaler(file!, { executionProviders: ['cpu'], intraOpThreads: 1 });
  try {
    const rgb = new Uint8Array(24 * 16 * 3).fill(128);
    const out = await upscaleTiled(upscaler, rgb, 24, 16);
    assert.deepEqual([out.width, out.height], [48, 32]);
  } finally {
    await upscaler.release();
  }
  // A second pull verifies what is there and fetches nothing; list shows it ready, not as a broken model folder.
  const again = await cli(['pull', UPSCALER_NAME], env);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /\(0 B downloaded now/);
  const l = await cli(['list'], env);
  assert.equal(l.code, 0, l.stderr);
  assert.match(l.stdout, /upscaler +[\d.]+ kB +ready \(upscaler\)/);
});

test('unknown names and a gated repo without a token end with a clear message and exit code 1', async () => {
  const root = join(work, 'errors');
  const unknown = await cli(['pull', 'sd-nine'], { MODELS_PATH: root, HF_HUB_URL: server.url });
  assert.equal(unknown.code, 1);
  assert.match(
    unknown.stderr,
    /no known model called "sd-nine"\. Known models: sd-turbo, sd-turbo-fp16, sd15, sd15-fp16/,
  );
  assert.doesNotMatch(unknown.stderr, /\n\s+at /, 'no stack trace');

  server.faults = { requireToken: 'hf_test' };
  const gated = await cli(['pull', 'sd-turbo'], { MODELS_PATH: root, HF_HUB_URL: server.url });
  assert.equal(gated.code, 1);
  assert.match(gated.stderr, /HTTP 401.*HF_TOKEN/s);
  assert.doesNotMatch(gated.stderr, /\n\s+at /, 'no stack trace');
  server.faults = {};
});
