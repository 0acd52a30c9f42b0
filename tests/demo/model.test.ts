// The committed demo model (models/demo) runs under onnxruntime-node with the diffusers ONNX conventions, and a
// minimal Euler loop written here (independent of src/diffusion) paints what held-out captions ask for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from '../../src/diffusion/ort.ts';
import { ClipTokenizer } from '../../src/diffusion/tokenizer.ts';
import { allMatch, checkImage } from '../../src/demo/checker.ts';
import { heldOutScenes, caption } from '../../src/demo/world.ts';

const dir = fileURLToPath(new URL('../../models/demo/', import.meta.url));
const session = (name: string) =>
  ort.InferenceSession.create(join(dir, name, 'model.onnx'), { executionProviders: ['cpu'], intraOpNumThreads: 1 });

function allFinite(data: ArrayLike<number>): boolean {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return false;
  return true;
}

function gaussian(seed: number, n: number): Float32Array {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return out;
}

function size(path: string): number {
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((t, f) => t + size(join(path, f)), 0) : s.size;
}

test('the demo model folder is complete and small', () => {
  for (const f of [
    'model_index.json',
    'scheduler/scheduler_config.json',
    'tokenizer/vocab.json',
    'tokenizer/merges.txt',
    'tokenizer/special_tokens_map.json',
    'text_encoder/model.onnx',
    'unet/model.onnx',
    'vae_decoder/model.onnx',
    'vae_decoder/config.json',
    'vae_encoder/model.onnx',
  ]) {
    assert.ok(statSync(join(dir, f)).isFile(), f);
  }
  assert.ok(size(dir) < 10_000_000, `models/demo is ${size(dir)} bytes`);
  const index = JSON.parse(readFileSync(join(dir, 'model_index.json'), 'utf8')) as { atelier: Record<string, unknown> };
  assert.equal(index.atelier.family, 'demo');
  assert.equal(index.atelier.sampleSize, 64);
});

test('the tokenizer frames prompts the CLIP way and knows every world word as one token', async () => {
  const tok = await ClipTokenizer.load(join(dir, 'tokenizer'));
  assert.equal(tok.bosId, 49406);
  assert.equal(tok.eosId, 49407);
  assert.equal(tok.padId, 49407);
  const ids = tok.encode('a red star on the left on a blue background');
  assert.equal(ids.length, 10);
  // Words outside the world still tokenize (into byte tokens).
  assert.ok(tok.encode('a dragon').length > 2);
});

test('every ONNX part has the diffusers input/output conventions and finite outputs', async () => {
  const tok = await ClipTokenizer.load(join(dir, 'tokenizer'));
  const frame = (text: string) => {
    const ids = [49406, ...tok.encode(text), 49407];
    while (ids.length < 77) ids.push(49407);
    return ids;
  };
  const te = await session('text_encoder');
  assert.deepEqual(te.inputNames, ['input_ids']);
  const ids = Int32Array.from([...frame('a red star on the left on a blue background'), ...frame('')]);
  const teOut = await te.run({ input_ids: new ort.Tensor('int32', ids, [2, 77]) });
  const hidden = teOut.last_hidden_state!;
  assert.deepEqual(hidden.dims, [2, 77, 128]);
  assert.deepEqual(teOut.pooler_output!.dims, [2, 128]);
  const h = hidden.data as Float32Array;
  assert.ok(allFinite(h));
  assert.notDeepEqual(h.subarray(0, 77 * 128), h.subarray(77 * 128));

  const unet = await session('unet');
  assert.deepEqual(unet.inputNames, ['sample', 'timestep', 'encoder_hidden_states']);
  const unetOut = await unet.run({
    sample: new ort.Tensor('float32', gaussian(1, 2 * 4 * 8 * 8), [2, 4, 8, 8]),
    timestep: new ort.Tensor('float32', Float32Array.from([999, 500]), [2]),
    encoder_hidden_states: hidden,
  });
  assert.deepEqual(unetOut.out_sample!.dims, [2, 4, 8, 8]);
  assert.ok(allFinite(unetOut.out_sample!.data as Float32Array));

  const dec = await session('vae_decoder');
  const image = (await dec.run({ latent_sample: new ort.Tensor('float32', gaussian(2, 4 * 8 * 8), [1, 4, 8, 8]) }))
    .sample!;
  assert.deepEqual(image.dims, [1, 3, 64, 64]);
  assert.ok(allFinite(image.data as Float32Array));

  const enc = await session('vae_encoder');
  const latent = (await enc.run({ sample: image })).latent_sample!;
  assert.deepEqual(latent.dims, [1, 4, 8, 8]);
  assert.ok(allFinite(latent.data as Float32Array));
  for (const s of [te, unet, dec, enc]) await s.release();
});

test('held-out captions come out right (Euler, classifier-free guidance, the model defaults)', async () => {
  const index = JSON.parse(readFileSync(join(dir, 'model_index.json'), 'utf8')) as {
    atelier: { defaultGuidance: number };
  };
  const scaling = (JSON.parse(readFileSync(join(dir, 'vae_decoder/config.json'), 'utf8')) as { scaling_factor: number })
    .scaling_factor;
  const guidance = index.atelier.defaultGuidance;
  const steps = 20;
  const tok = await ClipTokenizer.load(join(dir, 'tokenizer'));
  const scenes = heldOutScenes.filter((_, i) => i % 25 === 0); // 6 scenes across the list
  const n = scenes.length;
  const ids = new Int32Array(2 * n * 77);
  scenes.forEach((scene, i) => {
    const framed = [49406, ...tok.encode(caption(scene)), 49407];
    for (let j = 0; j < 77; j++) {
      ids[i * 77 + j] = 49407; // the unconditional half: '' -> BOS, EOS...
      ids[(n + i) * 77 + j] = framed[j] ?? 49407;
    }
    ids[i * 77] = 49406;
  });
  const [te, unet, dec] = await Promise.all([session('text_encoder'), session('unet'), session('vae_decoder')]);
  const context = (await te.run({ input_ids: new ort.Tensor('int32', ids, [2 * n, 77]) })).last_hidden_state!;

  // Scaled-linear schedule, sigmas at linspace timesteps (diffusers EulerDiscreteScheduler).
  const acp: number[] = [];
  let prod = 1;
  for (let i = 0; i < 1000; i++) {
    const beta = (Math.sqrt(0.00085) + (i / 999) * (Math.sqrt(0.012) - Math.sqrt(0.00085))) ** 2;
    prod *= 1 - beta;
    acp.push(prod);
  }
  const sigmaAt = (t: number) => {
    const lo = Math.floor(t);
    const hi = Math.min(999, lo + 1);
    const s = (k: number) => Math.sqrt((1 - acp[k]!) / acp[k]!);
    return s(lo) + (t - lo) * (s(hi) - s(lo));
  };
  const ts = Array.from({ length: steps }, (_, i) => 999 - (i * 999) / (steps - 1));
  const sigmas = [...ts.map(sigmaAt), 0];
  const per = 4 * 8 * 8;
  const x = gaussian(42, n * per).map((v) => v * sigmas[0]!);
  for (let i = 0; i < steps; i++) {
    const s = sigmas[i]!;
    const input = new Float32Array(2 * n * per);
    for (let k = 0; k < n * per; k++) input[k] = input[n * per + k] = x[k]! / Math.sqrt(s * s + 1);
    const out = await unet.run({
      sample: new ort.Tensor('float32', input, [2 * n, 4, 8, 8]),
      timestep: new ort.Tensor('float32', new Float32Array(2 * n).fill(ts[i]!), [2 * n]),
      encoder_hidden_states: context,
    });
    const e = out.out_sample!.data as Float32Array;
    for (let k = 0; k < n * per; k++) {
      const eps = e[k]! + guidance * (e[n * per + k]! - e[k]!);
      x[k] = x[k]! + eps * (sigmas[i + 1]! - s);
    }
  }
  const image = (
    await dec.run({
      latent_sample: new ort.Tensor(
        'float32',
        x.map((v) => v / scaling),
        [n, 4, 8, 8],
      ),
    })
  ).sample!.data as Float32Array;
  let right = 0;
  const report: string[] = [];
  for (let i = 0; i < n; i++) {
    const rgb = new Uint8Array(64 * 64 * 3);
    for (let p = 0; p < 64 * 64; p++) {
      for (let c = 0; c < 3; c++) {
        const v = image[i * 3 * 4096 + c * 4096 + p]!;
        rgb[p * 3 + c] = Math.round((Math.max(-1, Math.min(1, v)) + 1) * 127.5);
      }
    }
    const result = checkImage(rgb, 64, 64, scenes[i]!);
    if (allMatch(result)) right++;
    report.push(`${caption(scenes[i]!)} -> ${JSON.stringify(result.detected)}`);
  }
  assert.ok(right >= n - 1, `only ${right}/${n} right:\n${report.join('\n')}`);
  for (const s of [te, unet, dec]) await s.release();
});
