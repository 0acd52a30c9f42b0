import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import * as ort from '../../src/diffusion/ort.ts';
import { UserError } from '../../src/errors.ts';
import { fromFloat16 as float16ToFloat32, toFloat16 as float32ToFloat16 } from '../../src/diffusion/float16.ts';
import {
  type TinyModelOptions,
  buildSmallVocabulary,
  defaultTinyModelOptions,
  makeTinyModel,
  makeTinyModelSync,
} from '../../src/models/tiny.ts';
import { parseMakeTinyArgs, run as runMakeTiny } from '../../src/cli/models/make-tiny.ts';
import { tinyModel, tinyModelVariants } from '../support/models.ts';

const tmp = mkdtempSync(join(tmpdir(), 'atelier-tiny-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: model configs are JSON of any shape
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;

type Meta = { name: string; type: string; shape: readonly (number | string)[] };
function metadata(list: readonly ort.InferenceSession.ValueMetadata[]): Meta[] {
  return list.map((m) => {
    assert.ok(m.isTensor, `${m.name} is a tensor`);
    return { name: m.name, type: m.type, shape: m.shape };
  });
}

/** The inputs and outputs each variant must declare (names, dtypes, symbolic shapes). */
function expectedIo(o: TinyModelOptions, hidden = 32) {
  const optimum = o.vaeEncoderOutput === 'latent_parameters';
  const batch = optimum ? 'batch_size' : 'batch';
  const seq = optimum ? 'sequence_length' : 'sequence';
  const channels = optimum ? 4 : 'channels';
  const ft = o.dtype;
  const timestep: Meta = {
    name: 'timestep',
    type: o.timestep.startsWith('int64') ? 'int64' : ft,
    shape: o.timestep.endsWith('batch') ? [batch] : o.timestep === 'int64-one' ? [1] : [],
  };
  return {
    textEncoder: {
      inputs: [{ name: 'input_ids', type: o.inputIds, shape: [batch, seq] }],
      outputs: [
        { name: 'last_hidden_state', type: ft, shape: [batch, seq, hidden] },
        { name: 'pooler_output', type: ft, shape: [batch, hidden] },
      ],
    },
    unet: {
      inputs: [
        { name: 'sample', type: ft, shape: [batch, channels, 'height', 'width'] },
        timestep,
        { name: 'encoder_hidden_states', type: ft, shape: [batch, seq, hidden] },
        ...(o.family === 'lcm' ? [{ name: 'timestep_cond', type: ft, shape: [batch, 256] }] : []),
      ],
      outputs: [{ name: 'out_sample', type: ft, shape: [batch, 4, 'height', 'width'] }],
    },
    vaeDecoder: {
      inputs: [
        {
          name: 'latent_sample',
          type: ft,
          shape: optimum ? [batch, 4, 'height_latent', 'width_latent'] : [batch, channels, 'height', 'width'],
        },
      ],
      outputs: [
        {
          name: 'sample',
          type: ft,
          shape: optimum ? [batch, 3, 'height', 'width'] : [batch, 3, 'image_height', 'image_width'],
        },
      ],
    },
    vaeEncoder: {
      inputs: [{ name: 'sample', type: ft, shape: [batch, optimum ? 3 : 'channels', 'height', 'width'] }],
      outputs: [
        optimum
          ? { name: 'latent_parameters', type: ft, shape: [batch, 8, 'height_latent', 'width_latent'] }
          : { name: 'latent_sample', type: ft, shape: [batch, 4, 'latent_height', 'latent_width'] },
      ],
    },
  };
}

/** Deterministic pseudo-random floats in [-1, 1). */
function noise(count: number, seed: number): Float32Array {
  let x = seed % 2147483647 || 1;
  return Float32Array.from({ length: count }, () => {
    x = (x * 16807) % 2147483647;
    return (x / 2147483647) * 2 - 1;
  });
}

function floatTensor(type: string, values: Float32Array, dims: number[]): ort.Tensor {
  return type === 'float16'
    ? new ort.Tensor('float16', float32ToFloat16(values), dims)
    : new ort.Tensor('float32', values, dims);
}

function floats(t: ort.Tensor | undefined): Float32Array {
  assert.ok(t, 'output present');
  if (t.type === 'float16') {
    assert.ok(t.data instanceof Uint16Array, 'float16 data is raw bits in a Uint16Array');
    return float16ToFloat32(t.data);
  }
  assert.equal(t.type, 'float32');
  return t.data as Float32Array;
}

function assertFinite(name: string, values: Float32Array): void {
  const bad = values.findIndex((v) => !Number.isFinite(v));
  assert.equal(bad, -1, `${name}: non-finite value at ${bad}`);
  assert.ok(
    values.some((v) => v !== values[0]),
    `${name}: not constant`,
  );
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return m;
}

function timestepTensor(meta: Meta, batch: number, value: number): ort.Tensor {
  const count = meta.shape.length === 0 ? 1 : meta.shape[0] === 1 ? 1 : batch;
  const dims = meta.shape.length === 0 ? [] : [count];
  if (meta.type === 'int64') return new ort.Tensor('int64', new BigInt64Array(count).fill(BigInt(value)), dims);
  return floatTensor(meta.type, new Float32Array(count).fill(value), dims);
}

const sessionOptions: ort.InferenceSession.SessionOptions = { logSeverityLevel: 3, intraOpNumThreads: 1 };

for (const [label, variant] of Object.entries(tinyModelVariants)) {
  describe(`tiny model: ${label}`, () => {
    const o: TinyModelOptions = { ...defaultTinyModelOptions, ...variant };
    const io = expectedIo(o);
    const sessions: ort.InferenceSession[] = [];
    after(async () => {
      for (const s of sessions) await s.release();
    });
    const open = async (dir: string, component: string) => {
      const s = await ort.InferenceSession.create(join(dir, component, 'model.onnx'), sessionOptions);
      sessions.push(s);
      return s;
    };

    test('folder layout and configs', async () => {
      const dir = await tinyModel(variant);
      for (const rel of [
        'model_index.json',
        'text_encoder/model.onnx',
        'unet/model.onnx',
        'unet/weights.pb',
        'vae_decoder/model.onnx',
        'vae_decoder/config.json',
        'vae_encoder/model.onnx',
        'tokenizer/vocab.json',
        'tokenizer/merges.txt',
        'tokenizer/special_tokens_map.json',
        'tokenizer/tokenizer_config.json',
        'scheduler/scheduler_config.json',
      ]) {
        assert.ok(existsSync(join(dir, rel)), `${rel} exists`);
      }
      const index = readJson(join(dir, 'model_index.json'));
      assert.equal(index._class_name, 'OnnxStableDiffusionPipeline');
      assert.deepEqual(index.unet, ['diffusers', 'OnnxRuntimeModel']);
      assert.deepEqual(index.vae_encoder, ['diffusers', 'OnnxRuntimeModel']);
      assert.equal(index.atelier.family, o.family);
      assert.equal(index.atelier.sampleSize, 64);
      assert.equal(readJson(join(dir, 'vae_decoder/config.json')).scaling_factor, 0.18215);

      const scheduler = readJson(join(dir, 'scheduler/scheduler_config.json'));
      const expectedClass = { sd15: 'PNDMScheduler', 'sd-turbo': 'EulerDiscreteScheduler', lcm: 'LCMScheduler' }[
        o.family
      ];
      assert.equal(scheduler._class_name, expectedClass);
      assert.deepEqual(index.scheduler, ['diffusers', expectedClass]);
      assert.equal(scheduler.beta_schedule, 'scaled_linear');
      assert.equal(scheduler.timestep_spacing, o.family === 'sd-turbo' ? 'trailing' : 'leading');
      if (o.family === 'sd15') {
        assert.equal(scheduler.steps_offset, 1);
        assert.equal(scheduler.skip_prk_steps, true);
        assert.equal(scheduler.set_alpha_to_one, false);
      }

      const specials = readJson(join(dir, 'tokenizer/special_tokens_map.json'));
      const pad = typeof specials.pad_token === 'string' ? specials.pad_token : specials.pad_token.content;
      assert.equal(pad, o.family === 'sd-turbo' ? '!' : '<|endoftext|>');
      assert.equal(readJson(join(dir, 'tokenizer/tokenizer_config.json')).pad_token, pad);
      const vocab = readJson(join(dir, 'tokenizer/vocab.json'));
      const size = Object.keys(vocab).length;
      assert.equal(vocab['<|startoftext|>'], size - 2);
      assert.equal(vocab['<|endoftext|>'], size - 1);
      assert.equal(vocab['!'], 0);
    });

    test('sessions declare the real names, dtypes and symbolic shapes', async () => {
      const dir = await tinyModel(variant);
      const te = await open(dir, 'text_encoder');
      assert.deepEqual(metadata(te.inputMetadata), io.textEncoder.inputs);
      assert.deepEqual(metadata(te.outputMetadata), io.textEncoder.outputs);
      const unet = await open(dir, 'unet');
      assert.deepEqual(metadata(unet.inputMetadata), io.unet.inputs);
      assert.deepEqual(metadata(unet.outputMetadata), io.unet.outputs);
      const dec = await open(dir, 'vae_decoder');
      assert.deepEqual(metadata(dec.inputMetadata), io.vaeDecoder.inputs);
      assert.deepEqual(metadata(dec.outputMetadata), io.vaeDecoder.outputs);
      const enc = await open(dir, 'vae_encoder');
      assert.deepEqual(metadata(enc.inputMetadata), io.vaeEncoder.inputs);
      assert.deepEqual(metadata(enc.outputMetadata), io.vaeEncoder.outputs);
    });

    test('text encoder: batch 1 and 2, finite, depends on the prompt, pooled at EOS', async () => {
      const dir = await tinyModel(variant);
      const te = await open(dir, 'text_encoder');
      const vocabSize = Object.keys(readJson(join(dir, 'tokenizer/vocab.json'))).length;
      const [bos, eos] = [vocabSize - 2, vocabSize - 1];
      const prompt = (words: number[]) => [bos, ...words, ...new Array(76 - words.length).fill(eos)];
      const ids = [...prompt([300, 301, 302]), ...prompt([300, 303])];
      const feed = (rows: number[], batch: number) =>
        o.inputIds === 'int64'
          ? new ort.Tensor('int64', BigInt64Array.from(rows.map(BigInt)), [batch, 77])
          : new ort.Tensor('int32', Int32Array.from(rows), [batch, 77]);
      const two = await te.run({ input_ids: feed(ids, 2) });
      assert.deepEqual(two.last_hidden_state?.dims, [2, 77, 32]);
      assert.deepEqual(two.pooler_output?.dims, [2, 32]);
      const hidden = floats(two.last_hidden_state);
      const pooled = floats(two.pooler_output);
      assertFinite('last_hidden_state', hidden);
      assertFinite('pooler_output', pooled);
      // Different prompts, different embeddings (the first token after BOS differs in position 2 onwards).
      assert.ok(maxAbsDiff(hidden.subarray(0, 77 * 32), hidden.subarray(77 * 32)) > 1e-2);
      // The pooled output is the hidden state at the first EOS: position 4 in row 0, position 3 in row 1.
      assert.ok(maxAbsDiff(pooled.subarray(0, 32), hidden.subarray(4 * 32, 5 * 32)) < 1e-6);
      assert.ok(maxAbsDiff(pooled.subarray(32), hidden.subarray(77 * 32 + 3 * 32, 77 * 32 + 4 * 32)) < 1e-6);
      // Batch 1 gives the first row of batch 2 (causal attention: no leakage between rows).
      const one = await te.run({ input_ids: feed(ids.slice(0, 77), 1) });
      assert.ok(
        maxAbsDiff(floats(one.last_hidden_state), hidden.subarray(0, 77 * 32)) < (o.dtype === 'float16' ? 1e-2 : 1e-5),
      );
    });

    test('UNet: batch 1 and 2, 64x64 and 64x96, sequence 77 and 154; output depends on every input', async () => {
      const dir = await tinyModel(variant);
      const unet = await open(dir, 'unet');
      const ft = o.dtype;
      const tsMeta = io.unet.inputs[1] as Meta;
      const cases = [
        { batch: 1, h: 8, w: 8, seq: 77 },
        { batch: 2, h: 8, w: 8, seq: 77 },
        { batch: 2, h: 12, w: 8, seq: 154 }, // height 96, width 64: latents [B, 4, 12, 8]
        { batch: 1, h: 8, w: 12, seq: 154 },
      ];
      for (const c of cases) {
        const feeds = (t: number, ctxSeed: number, condSeed = 5): Record<string, ort.Tensor> => {
          const f: Record<string, ort.Tensor> = {
            sample: floatTensor(ft, noise(c.batch * 4 * c.h * c.w, 1), [c.batch, 4, c.h, c.w]),
            timestep: timestepTensor(tsMeta, c.batch, t),
            encoder_hidden_states: floatTensor(ft, noise(c.batch * c.seq * 32, ctxSeed), [c.batch, c.seq, 32]),
          };
          if (o.family === 'lcm') f.timestep_cond = floatTensor(ft, noise(c.batch * 256, condSeed), [c.batch, 256]);
          return f;
        };
        const label = `batch ${c.batch}, latents ${c.h}x${c.w}, sequence ${c.seq}`;
        const base = await unet.run(feeds(999, 2));
        assert.deepEqual(base.out_sample?.dims, [c.batch, 4, c.h, c.w], label);
        const out = floats(base.out_sample);
        assertFinite(label, out);
        const otherTime = floats((await unet.run(feeds(1, 2))).out_sample);
        assert.ok(maxAbsDiff(out, otherTime) > 1e-3, `${label}: timestep changes the output`);
        const otherContext = floats((await unet.run(feeds(999, 3))).out_sample);
        assert.ok(maxAbsDiff(out, otherContext) > 1e-3, `${label}: encoder_hidden_states change the output`);
        if (o.family === 'lcm') {
          const otherCond = floats((await unet.run(feeds(999, 2, 6))).out_sample);
          assert.ok(maxAbsDiff(out, otherCond) > 1e-3, `${label}: timestep_cond changes the output`);
        }
      }
    });

    test('VAE decoder and encoder: 64x64 and 64x96, batch 1 and 2', async () => {
      const dir = await tinyModel(variant);
      const dec = await open(dir, 'vae_decoder');
      const enc = await open(dir, 'vae_encoder');
      const ft = o.dtype;
      for (const [batch, h, w] of [
        [1, 8, 8],
        [2, 12, 8],
      ] as const) {
        const image = await dec.run({ latent_sample: floatTensor(ft, noise(batch * 4 * h * w, 7), [batch, 4, h, w]) });
        assert.deepEqual(image.sample?.dims, [batch, 3, h * 8, w * 8]);
        const pixels = floats(image.sample);
        assertFinite('decoded image', pixels);
        const encoded = await enc.run({
          sample: floatTensor(ft, noise(batch * 3 * h * 8 * w * 8, 9), [batch, 3, h * 8, w * 8]),
        });
        const name = io.vaeEncoder.outputs[0]?.name ?? '';
        assert.deepEqual(encoded[name]?.dims, [batch, name === 'latent_parameters' ? 8 : 4, h, w]);
        assertFinite('latents', floats(encoded[name]));
      }
    });
  });
}

describe('tiny model generation', () => {
  test('is deterministic: the same seed gives identical bytes, another seed other weights', async () => {
    const a = join(tmp, 'a');
    const b = join(tmp, 'b');
    const c = join(tmp, 'c');
    const opts = { tokenizer: 'small', dtype: 'float16' } as const;
    await makeTinyModel(a, opts);
    await makeTinyModel(b, opts);
    await makeTinyModel(c, { ...opts, seed: 2 });
    const files = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => statSync(join(dir, f)).isFile())
        .sort();
    assert.deepEqual(files(a), files(b));
    for (const f of files(a)) assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f} is identical`);
    assert.ok(!readFileSync(join(a, 'unet/weights.pb')).equals(readFileSync(join(c, 'unet/weights.pb'))));
  });

  test('refuses to write over a folder that is not a generated model, replaces a generated one', async () => {
    const foreign = join(tmp, 'downloaded');
    mkdirSync(join(foreign, 'unet'), { recursive: true });
    writeFileSync(join(foreign, 'model_index.json'), '{"_class_name": "OnnxStableDiffusionPipeline"}');
    writeFileSync(join(foreign, 'unet/model.onnx'), 'real weights');
    await assert.rejects(
      makeTinyModel(foreign, { tokenizer: 'small' }),
      (err: Error) => err instanceof UserError && /not empty/.test(err.message),
    );
    assert.equal(readFileSync(join(foreign, 'unet/model.onnx'), 'utf8'), 'real weights');

    const generated = join(tmp, 'regenerated');
    makeTinyModelSync(generated, { tokenizer: 'small' });
    makeTinyModelSync(generated, { tokenizer: 'small', vaeEncoder: false });
    assert.ok(!existsSync(join(generated, 'vae_encoder')), 'the earlier vae_encoder/ is gone');
  });

  test('without external data or VAE encoder', async () => {
    const dir = join(tmp, 'inline');
    const report = makeTinyModelSync(dir, { externalData: false, vaeEncoder: false, tokenizer: 'small' });
    assert.ok(!existsSync(join(dir, 'unet/weights.pb')));
    assert.ok(!existsSync(join(dir, 'vae_encoder')));
    assert.equal(readJson(join(dir, 'model_index.json')).vae_encoder, undefined);
    // All UNet weights inside the .onnx file.
    assert.ok(statSync(join(dir, 'unet/model.onnx')).size > report.parameters.unet * 4);
    const s = await ort.InferenceSession.create(join(dir, 'unet/model.onnx'), sessionOptions);
    assert.deepEqual(s.inputNames, ['sample', 'timestep', 'encoder_hidden_states']);
    await s.release();
  });

  test('tiny files stay small; the mid UNet has tens of millions of parameters and runs', async () => {
    const dir = await tinyModel();
    const total = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((f) => statSync(join(dir, f)))
      .filter((s) => s.isFile())
      .reduce((sum, s) => sum + s.size, 0);
    assert.ok(total < 12 * 1024 * 1024, `tiny folder is ${total} bytes`);

    const mid = join(tmp, 'mid');
    const report = makeTinyModelSync(mid, { size: 'mid', tokenizer: 'small', vaeEncoder: false });
    assert.ok(
      report.parameters.unet > 20e6 && report.parameters.unet < 40e6,
      `mid UNet has ${report.parameters.unet} parameters`,
    );
    assert.equal(readJson(join(mid, 'model_index.json')).atelier.sampleSize, 512);
    const unet = await ort.InferenceSession.create(join(mid, 'unet/model.onnx'), sessionOptions);
    const out = await unet.run({
      sample: new ort.Tensor('float32', noise(4 * 8 * 8, 1), [1, 4, 8, 8]),
      timestep: new ort.Tensor('float32', Float32Array.from([500]), [1]),
      encoder_hidden_states: new ort.Tensor('float32', noise(77 * 256, 2), [1, 77, 256]),
    });
    assertFinite('mid out_sample', floats(out.out_sample));
    await unet.release();
    rmSync(mid, { recursive: true, force: true });
  });

  test('the small vocabulary is a consistent CLIP-format BPE vocabulary', () => {
    const { vocab, merges } = buildSmallVocabulary();
    const ids = Object.values(vocab).sort((x, y) => x - y);
    assert.deepEqual(
      ids,
      ids.map((_, i) => i),
      'ids are 0..n-1',
    );
    assert.equal(vocab['!'], 0);
    assert.equal(vocab['!</w>'], 256);
    assert.equal(vocab['Ġ'], 220); // the space byte, as in CLIP
    assert.equal(vocab['Ā'], 188); // byte 0x00
    assert.equal(vocab['<|endoftext|>'], ids.length - 1);
    assert.equal(vocab['<|startoftext|>'], ids.length - 2);
    assert.ok(merges.length > 100);
    merges.forEach((m, rank) => {
      const [left, right] = m.split(' ');
      assert.ok(
        left !== undefined && right !== undefined && left in vocab && right in vocab,
        `merge ${m} joins known tokens`,
      );
      assert.equal(vocab[left + right], 512 + rank, `merge ${m} has id 512 + rank`);
    });
    for (const word of ['a</w>', 'photo</w>', 'of</w>', 'cat</w>', 'lighthouse</w>', 'dusk</w>'])
      assert.ok(word in vocab, word);
  });
});

describe('npm run models -- make-tiny', () => {
  test('parses its flags and rejects bad ones with the usage', () => {
    assert.deepEqual(
      parseMakeTinyArgs([
        'out',
        '--dtype',
        'float16',
        '--timestep',
        'int64-one',
        '--family',
        'sd-turbo',
        '--size',
        'mid',
        '--tokenizer',
        'small',
        '--seed',
        '7',
        '--no-vae-encoder',
      ]),
      {
        dir: 'out',
        options: {
          dtype: 'float16',
          timestep: 'int64-one',
          inputIds: undefined,
          tokenizer: 'small',
          size: 'mid',
          family: 'sd-turbo',
          vaeEncoderOutput: undefined,
          seed: 7,
          vaeEncoder: false,
          externalData: undefined,
        },
      },
    );
    assert.throws(
      () => parseMakeTinyArgs(['out', '--dtype', 'bf16']),
      (e: Error) => e instanceof UserError && /--dtype must be one of float32, float16/.test(e.message),
    );
    assert.throws(() => parseMakeTinyArgs(['out', '--seed', '-1']), UserError);
    assert.equal(parseMakeTinyArgs([]).dir, 'test-models/tiny'); // outside models/, so the bot keeps its model
    assert.throws(
      () => parseMakeTinyArgs(['a', 'b']),
      (e: Error) => e instanceof UserError && /at most one output folder/.test(e.message),
    );
    assert.throws(
      () => parseMakeTinyArgs(['out', '--colour', 'red']),
      (e: Error) => e instanceof UserError && /Usage/.test(e.message),
    );
  });

  test('writes the folder and says what it wrote', async () => {
    const lines: string[] = [];
    const dir = join(tmp, 'cli');
    await runMakeTiny([dir, '--tokenizer', 'small', '--family', 'lcm'], (l) => lines.push(l));
    assert.match(lines[0] ?? '', /^Wrote a tiny lcm model \(float32, timestep float32-batch/);
    assert.ok(lines.some((l) => /unet\/weights\.pb/.test(l)));
    assert.ok(lines.some((l) => /^Parameters: text encoder [\d,]+, UNet [\d,]+/.test(l)));
    assert.equal(readJson(join(dir, 'scheduler/scheduler_config.json'))._class_name, 'LCMScheduler');
  });
});
