import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { loadConfig } from '../../src/config.ts';
import { UserError } from '../../src/errors.ts';
import { outputPaths, parseImagineArgs, runImagine } from '../../src/cli/imagine.ts';
import { parseParameters, readPngParameters } from '../../src/diffusion/png.ts';
import { createRandom } from '../../src/diffusion/tensors.ts';
import { NO_MODEL_HELP, resolveModelDir, resolveNamedModel } from '../../src/models/resolve.ts';
import { tinyModel } from '../support/models.ts';
import { allMatch, checkImage, parseCaption } from '../../src/demo/checker.ts';

let tmp: string;
let modelDir: string;
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'atelier-imagine-'));
  modelDir = await tinyModel({});
});
after(() => rmSync(tmp, { recursive: true, force: true }));

const config = (env: Record<string, string> = {}) =>
  loadConfig({ INTRA_OP_THREADS: '1', EXECUTION_PROVIDERS: 'cpu', LOG_LEVEL: 'error', ...env });

async function rgb(path: string): Promise<Buffer> {
  return sharp(readFileSync(path)).raw().toBuffer();
}

describe('npm run imagine', () => {
  it('writes a PNG with its parameters; several images as out-1.png, out-2.png', async () => {
    const out = join(tmp, 'one.png');
    const paths = await runImagine(
      [
        '--prompt',
        'a lighthouse at dusk',
        '--out',
        out,
        '--seed',
        '5',
        '--steps',
        '2',
        '--model',
        modelDir,
        '--negative',
        'fog',
      ],
      config(),
    );
    assert.deepEqual(paths, [out]);
    const params = parseParameters(readPngParameters(readFileSync(out))!);
    assert.equal(params.seed, 5);
    assert.equal(params.steps, 2);
    assert.equal(params.negativePrompt, 'fog');
    assert.equal(params.width, 64);

    const many = await runImagine(
      [
        '--prompt',
        'x',
        '--out',
        join(tmp, 'many.png'),
        '--count',
        '2',
        '--seed',
        '1',
        '--steps',
        '1',
        '--width',
        '96',
        '--height',
        '64',
        '--model',
        modelDir,
      ],
      config(),
    );
    assert.deepEqual(many, [join(tmp, 'many-1.png'), join(tmp, 'many-2.png')]);
    const meta = await sharp(readFileSync(many[1]!)).metadata();
    assert.equal(meta.width, 96);
    assert.equal(meta.height, 64);
    assert.equal(parseParameters(readPngParameters(readFileSync(many[1]!))!).seed, 2);
  });

  it('--chaos, as an option or inside the prompt, is recorded in the PNG parameters; past 100 it is refused', async () => {
    const run = (...extra: string[]) =>
      runImagine(['--seed', '5', '--steps', '2', '--model', modelDir, '--count', '2', ...extra], config());
    const [flag] = await run('--prompt', 'a lighthouse --chaos 30', '--out', join(tmp, 'chaos-flag.png'));
    assert.equal(parseParameters(readPngParameters(readFileSync(flag!))!).chaos, 30);
    assert.equal(parseParameters(readPngParameters(readFileSync(flag!))!).prompt, 'a lighthouse');
    const [option] = await run('--prompt', 'a lighthouse', '--chaos', '30', '--out', join(tmp, 'chaos-option.png'));
    assert.ok(readFileSync(option!).equals(readFileSync(flag!)), 'the option and the flag make the same image');
    await assert.rejects(
      run('--prompt', 'a lighthouse', '--chaos', '150', '--out', join(tmp, 'chaos-bad.png')),
      /--chaos takes a whole number from 0 to 100/,
    );
  });

  it('permutations and --repeat: one run per prompt text, each its own file with its own prompt; over the cap refused', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'atelier-cli-perm-'));
    const out = join(tmp, 'p.png');
    const paths = await runImagine(
      [
        '--prompt',
        'a {red, blue} boat --repeat 2',
        '--out',
        out,
        '--steps',
        '1',
        '--width',
        '64',
        '--height',
        '64',
        '--model',
        modelDir,
      ],
      config(),
    );
    assert.deepEqual(
      paths,
      [1, 2, 3, 4].map((i) => join(tmp, `p-${i}.png`)),
    );
    const prompts = paths.map((p) => parseParameters(readPngParameters(readFileSync(p))!).prompt);
    assert.deepEqual(prompts, ['a red boat', 'a red boat', 'a blue boat', 'a blue boat']);
    await assert.rejects(
      runImagine(['--prompt', '{a, b, c} --repeat 4', '--out', out, '--model', modelDir], config()),
      /That makes 12 jobs .*the most one prompt may start is 10/,
    );
    rmSync(tmp, { recursive: true, force: true });
  });

  it('falls back to the bundled demo model, says so once, and draws what the caption asks', async () => {
    const root = join(tmp, 'only-demo');
    mkdirSync(root);
    symlinkSync(join(repoRoot, 'models', 'demo'), join(root, 'demo'));
    const out = join(tmp, 'demo.png');
    const caption = 'a red circle on the left on a blue background';
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'src/cli/imagine.ts'), '--prompt', caption, '--out', out, '--seed', '1234'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, MODELS_PATH: root, MODEL_DIR: '', EXECUTION_PROVIDERS: 'cpu', INTRA_OP_THREADS: '1' },
      },
    );
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stderr.split('Using the bundled demo model').length - 1, 1, child.stderr);
    assert.match(child.stderr, /npm run models -- pull sd-turbo/);
    const { data, info } = await sharp(readFileSync(out)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const verdict = checkImage(new Uint8Array(data), info.width, info.height, parseCaption(caption));
    assert.ok(allMatch(verdict), JSON.stringify(verdict.detected));
  });

  it('--init-latents (raw little-endian float32 [count, 4, H/8, W/8]) reproduces a seeded run exactly', async () => {
    const seeded = join(tmp, 'seeded.png');
    await runImagine(
      [
        '--prompt',
        'a red boat',
        '--out',
        seeded,
        '--seed',
        '77',
        '--steps',
        '3',
        '--height',
        '80',
        '--model',
        modelDir,
      ],
      config(),
    );
    // The tiny model's default scheduler (PNDM) has initNoiseSigma 1, so its initial latents are the seeded noise.
    const latents = createRandom(77).fill(new Float32Array(4 * 10 * 8));
    const file = join(tmp, 'latents.f32');
    const bytes = Buffer.alloc(latents.length * 4);
    latents.forEach((v, i) => bytes.writeFloatLE(v, i * 4));
    writeFileSync(file, bytes);
    const given = join(tmp, 'given.png');
    await runImagine(
      [
        '--prompt',
        'a red boat',
        '--out',
        given,
        '--seed',
        '1',
        '--steps',
        '3',
        '--height',
        '80',
        '--model',
        modelDir,
        '--init-latents',
        file,
      ],
      config(),
    );
    assert.deepEqual(await rgb(given), await rgb(seeded));

    writeFileSync(file, bytes.subarray(0, 6));
    await assert.rejects(
      runImagine(['--prompt', 'x', '--out', given, '--model', modelDir, '--init-latents', file], config()),
      /not a whole number of float32 values/,
    );
  });

  it('does image-to-image from a file', async () => {
    const init = join(tmp, 'init.png');
    await sharp({ create: { width: 50, height: 50, channels: 3, background: '#3060c0' } })
      .png()
      .toFile(init);
    const out = join(tmp, 'i2i.png');
    await runImagine(
      ['--prompt', 'x', '--out', out, '--init-image', init, '--strength', '0.5', '--steps', '4', '--model', modelDir],
      config(),
    );
    assert.equal(parseParameters(readPngParameters(readFileSync(out))!).denoisingStrength, 0.5);
    // No size given: the 50x50 picture keeps its aspect at the model's size, uncropped.
    assert.equal(parseParameters(readPngParameters(readFileSync(out))!).resizeMode, undefined);
    const wide = join(tmp, 'wide.png');
    await sharp({ create: { width: 200, height: 100, channels: 3, background: '#c06030' } })
      .png()
      .toFile(wide);
    await runImagine(
      ['--prompt', 'x', '--out', out, '--init-image', wide, '--strength', '0.5', '--steps', '2', '--model', modelDir],
      config(),
    );
    const followed = parseParameters(readPngParameters(readFileSync(out))!);
    assert.equal(followed.width / followed.height, 2, `${followed.width}x${followed.height}`);
    assert.equal(followed.resizeMode, undefined);
    await runImagine(
      [
        '--prompt',
        'x',
        '--out',
        out,
        '--init-image',
        wide,
        '--strength',
        '0.5',
        '--steps',
        '2',
        '--width',
        '64',
        '--height',
        '64',
        '--model',
        modelDir,
      ],
      config(),
    );
    assert.equal(parseParameters(readPngParameters(readFileSync(out))!).resizeMode, 'Crop and resize from 200x100');
    await assert.rejects(
      runImagine(['--prompt', 'x', '--init-image', join(tmp, 'nope.png'), '--model', modelDir], config()),
      /init image .*nope\.png could not be read \(ENOENT\)/,
    );
  });

  it('refuses a model whose scheduler class Atelier lacks, naming it and the supported ones, unless --scheduler picks one', async () => {
    const odd = join(tmp, 'kdpm2-model');
    cpSync(modelDir, odd, { recursive: true });
    const cfgPath = join(odd, 'scheduler', 'scheduler_config.json');
    writeFileSync(
      cfgPath,
      JSON.stringify({ ...JSON.parse(readFileSync(cfgPath, 'utf8')), _class_name: 'KDPM2DiscreteScheduler' }),
    );
    const out = join(tmp, 'kdpm2.png');
    await assert.rejects(
      runImagine(['--prompt', 'x', '--out', out, '--steps', '2', '--model', odd], config()),
      /KDPM2DiscreteScheduler, which Atelier does not implement\. Supported: .*UniPCMultistepScheduler.*Choose a scheduler/,
    );
    await runImagine(['--prompt', 'x', '--out', out, '--steps', '3', '--model', odd, '--scheduler', 'Heun'], config());
    const params = parseParameters(readPngParameters(readFileSync(out))!);
    assert.equal(params.sampler, 'Heun');
  });

  it('parses and checks its arguments', () => {
    assert.throws(() => parseImagineArgs([]), /--prompt is required/);
    assert.throws(
      () => parseImagineArgs(['--prompt', 'x', '--steps', 'many']),
      /--steps must be a whole number \(got "many"\)/,
    );
    assert.throws(
      () => parseImagineArgs(['--prompt', 'x', '--scheduler', 'magic']),
      /--scheduler must be one of PNDM, Euler, Euler a, .*DPM\+\+ 2M SDE/,
    );
    assert.equal(
      parseImagineArgs(['--prompt', 'x', '--scheduler', 'DPM++ 2M SDE Karras']).scheduler,
      'dpmpp-2m-sde-karras',
    );
    assert.equal(parseImagineArgs(['--prompt', 'x', '--decoder', 'taesd']).decoder, 'taesd');
    assert.throws(
      () => parseImagineArgs(['--prompt', 'x', '--decoder', 'fast']),
      /--decoder takes vae or taesd \(got fast\)/,
    );
    assert.equal(parseImagineArgs(['--prompt', 'x', '--scheduler', 'euler-ancestral']).scheduler, 'euler-ancestral');
    assert.equal(parseImagineArgs(['--prompt', 'x', '--scheduler', 'UniPC']).scheduler, 'unipc');
    assert.throws(
      () => parseImagineArgs(['--prompt', 'x', '--strength', '0.5']),
      /--strength only applies with --init-image/,
    );
    assert.throws(() => parseImagineArgs(['--prompt', 'x', '--bogus']), UserError);
    assert.deepEqual(outputPaths('a/b.png', 3), ['a/b-1.png', 'a/b-2.png', 'a/b-3.png']);
    assert.equal(parseImagineArgs(['--prompt', 'x']).out, 'out.png');
    assert.equal(parseImagineArgs(['--prompt', 'x', '--chaos', '30']).chaos, 30);
    assert.throws(() => parseImagineArgs(['--prompt', 'x', '--chaos', 'wild']), /--chaos must be a whole number/);
  });

  it('says how to get a model when none is installed (the real command, exit code 1)', () => {
    const empty = join(tmp, 'no-models');
    mkdirSync(empty);
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/imagine.ts', '--prompt', 'x', '--out', join(tmp, 'never.png')],
      {
        cwd: repoRoot,
        env: { ...process.env, MODELS_PATH: empty, MODEL_DIR: '', EXECUTION_PROVIDERS: 'cpu' },
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 1);
    assert.match(r.stderr, /No model is installed\. Download one with `npm run models -- pull sd-turbo`/);
    assert.match(r.stderr, /npm run models -- make-tiny` and set MODEL_DIR=test-models\/tiny/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(existsSync(join(tmp, 'never.png')), false);
  });

  it('runs as a script and prints its timings as JSON', () => {
    const out = join(tmp, 'script.png');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/imagine.ts', '--prompt', 'x', '--out', out, '--steps', '1', '--seed', '3'],
      {
        cwd: repoRoot,
        env: { ...process.env, MODEL_DIR: modelDir, EXECUTION_PROVIDERS: 'cpu', INTRA_OP_THREADS: '1' },
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
    assert.deepEqual(summary.files, [out]);
    assert.deepEqual(summary.seeds, [3]);
    assert.equal(summary.provider, 'cpu');
    assert.equal(typeof summary.timingsMs.total, 'number');
    assert.ok(existsSync(out));
  });
});

describe('resolveModelDir', () => {
  it('uses MODEL_DIR, and refuses one that is not a model folder', () => {
    assert.deepEqual(resolveModelDir({ models: { root: tmp, dir: modelDir } }), {
      dir: modelDir,
      source: 'configured',
    });
    assert.throws(
      () => resolveModelDir({ models: { root: tmp, dir: join(tmp, 'missing') } }),
      /MODEL_DIR is .*missing, which is not a folder/,
    );
    assert.throws(
      () => resolveModelDir({ models: { root: tmp, dir: tmp } }),
      /has no model_index\.json: it is not a model folder/,
    );
  });

  it('picks the first installed model, the demo model last, and says what to do when there is none', () => {
    const root = join(tmp, 'models-root');
    for (const name of ['demo', 'zeta', 'alpha', 'not-a-model']) mkdirSync(join(root, name), { recursive: true });
    for (const name of ['demo', 'zeta']) writeFileSync(join(root, name, 'model_index.json'), '{}');
    assert.deepEqual(resolveModelDir({ models: { root } }), { dir: join(root, 'zeta'), source: 'installed' });
    rmSync(join(root, 'zeta'), { recursive: true });
    assert.deepEqual(resolveModelDir({ models: { root } }), { dir: join(root, 'demo'), source: 'demo' });
    rmSync(join(root, 'demo'), { recursive: true });
    assert.throws(
      () => resolveModelDir({ models: { root } }),
      (e: unknown) => e instanceof UserError && e.message === NO_MODEL_HELP,
    );
    assert.throws(() => resolveModelDir({ models: { root: join(tmp, 'no-such-root') } }), /No model is installed/);
  });

  it('--model takes an installed model by name or a folder, and lists the installed names when neither', async () => {
    const root = join(tmp, 'named-root');
    for (const name of ['demo', 'sd-turbo']) {
      mkdirSync(join(root, name), { recursive: true });
      writeFileSync(join(root, name, 'model_index.json'), '{}');
    }
    mkdirSync(join(root, 'taesd', 'vae_decoder'), { recursive: true });
    assert.deepEqual(resolveNamedModel({ models: { root } }, 'sd-turbo'), {
      dir: join(root, 'sd-turbo'),
      source: 'installed',
    });
    assert.deepEqual(resolveNamedModel({ models: { root } }, 'demo'), { dir: join(root, 'demo'), source: 'demo' });
    assert.deepEqual(resolveNamedModel({ models: { root } }, modelDir), { dir: modelDir, source: 'configured' });
    assert.throws(
      () => resolveNamedModel({ models: { root } }, 'sd15'),
      (e: unknown) =>
        e instanceof UserError && /no model "sd15"/.test(e.message) && /Installed: sd-turbo, demo\./.test(e.message),
    );
    assert.throws(
      () => resolveNamedModel({ models: { root } }, 'taesd'),
      /Installed: sd-turbo, demo\./,
      'a decoder is not a model',
    );
    // End to end: the bundled demo model by its name under MODELS_PATH.
    const out = join(tmp, 'by-name.png');
    await runImagine(
      ['--prompt', 'a red star on the left on a blue background', '--model', 'demo', '--steps', '2', '--out', out],
      config({ MODELS_PATH: join(repoRoot, 'models') }),
    );
    assert.equal(parseParameters(readPngParameters(readFileSync(out))!).model, 'demo');
  });
});

describe('npm run imagine edits on the demo model (judged by the checker)', () => {
  const demoDir = join(repoRoot, 'models/demo');
  const caption = 'a red circle in the centre on a blue background';
  let source: string;
  const look = async (path: string) => {
    const { data, info } = await sharp(readFileSync(path)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { rgb: new Uint8Array(data), width: info.width, height: info.height };
  };
  before(async () => {
    source = join(tmp, 'edit-source.png');
    await runImagine(['--prompt', caption, '--out', source, '--seed', '3', '--model', demoDir], config());
    const s = await look(source);
    assert.ok(allMatch(checkImage(s.rgb, s.width, s.height, parseCaption(caption))), 'the source shows the caption');
  });

  it('--zoom-out 2 keeps the object, a quarter of its area, in the centre, and adds background', async () => {
    const out = join(tmp, 'zoom.png');
    await runImagine(
      ['--init-image', source, '--zoom-out', '2', '--out', out, '--seed', '4', '--model', demoDir],
      config(),
    );
    const [s, z] = [await look(source), await look(out)];
    assert.deepEqual([z.width, z.height], [64, 64]);
    const before = checkImage(s.rgb, 64, 64, parseCaption(caption));
    const after = checkImage(z.rgb, 64, 64, parseCaption(caption));
    assert.ok(allMatch(after), `zoomed out: ${JSON.stringify(after.detected)}`);
    const ratio = after.detected.area / before.detected.area;
    assert.ok(ratio > 0.15 && ratio < 0.4, `the object covers ${ratio.toFixed(2)} of its former area`);
    const params = parseParameters(readPngParameters(readFileSync(out))!);
    assert.equal(params.prompt, caption, 'the prompt comes from the image');
    assert.equal(params.edit, 'zoom out 2x');
  });

  it('--pan left grows the canvas by half, keeps the picture as it was and extends the background', async () => {
    const out = join(tmp, 'pan.png');
    await runImagine(
      ['--init-image', source, '--pan', 'left', '--out', out, '--seed', '4', '--model', demoDir],
      config(),
    );
    const [s, p] = [await look(source), await look(out)];
    assert.deepEqual([p.width, p.height], [96, 64]);
    let same = 0;
    for (let y = 0; y < 64; y++)
      for (let x = 2; x < 64; x++)
        for (let c = 0; c < 3; c++) if (s.rgb[(y * 64 + x) * 3 + c] === p.rgb[(y * 96 + 32 + x) * 3 + c]) same++;
    assert.equal(same, 64 * 62 * 3, 'past the feathered seam, the old picture is unchanged');
    const d = checkImage(p.rgb, 96, 64, { shape: 'circle', colour: 'red', background: 'blue' });
    assert.ok(d.shape && d.colour && d.background, `one red circle on blue: ${JSON.stringify(d.detected)}`);
    assert.equal(parseParameters(readPngParameters(readFileSync(out))!).edit, 'pan left');
  });

  it('--mask repaints where the mask is white; limits and bad combinations are refused by name', async () => {
    const mask = join(tmp, 'mask.png');
    const data = Buffer.alloc(32 * 32);
    for (let i = 0; i < data.length; i++) data[i] = i % 32 < 16 ? 255 : 0;
    await sharp(data, { raw: { width: 32, height: 32, channels: 1 } })
      .png()
      .toFile(mask);
    const out = join(tmp, 'masked.png');
    await runImagine(
      [
        '--init-image',
        source,
        '--mask',
        mask,
        '--prompt',
        'a yellow star on the left on a blue background',
        '--out',
        out,
        '--seed',
        '5',
        '--model',
        demoDir,
      ],
      config(),
    );
    const params = parseParameters(readPngParameters(readFileSync(out))!);
    assert.equal(params.edit, 'mask mask.png');
    assert.equal(params.denoisingStrength, 1);
    await assert.rejects(
      runImagine(
        ['--init-image', source, '--pan', 'right', '--out', out, '--model', demoDir],
        config({ MAX_WIDTH: '64' }),
      ),
      /Panning right would make the picture 96 px wide, past the width limit of 64 px/,
    );
    assert.throws(() => parseImagineArgs(['--zoom-out', '3', '--init-image', source]), /--zoom-out takes 1\.5 or 2/);
    assert.throws(() => parseImagineArgs(['--pan', 'left']), /--pan edits an image: give it with --init-image/);
    assert.throws(
      () => parseImagineArgs(['--pan', 'left', '--zoom-out', '2', '--init-image', source]),
      /one edit at a time/,
    );
  });
});
