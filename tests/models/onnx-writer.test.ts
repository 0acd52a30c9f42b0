import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import * as ort from '../../src/diffusion/ort.ts';
import { GraphBuilder, floatAttr, floatsAttr } from '../../src/models/onnx/builder.ts';
import {
  fromFloat16 as float16ToFloat32,
  float16BitsToFloat32 as fromFloat16Bits,
  float32ToFloat16Bits as toFloat16Bits,
} from '../../src/diffusion/float16.ts';
import { rawBytes, serializeModel } from '../../src/models/onnx/model.ts';
import { ProtoWriter } from '../../src/models/onnx/proto.ts';

const dir = mkdtempSync(join(tmpdir(), 'atelier-onnx-writer-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function save(name: string, g: GraphBuilder, external?: { location: string; sizeThreshold?: number }): string {
  const { model, externalData } = serializeModel({ graph: g.build() }, external);
  const path = join(dir, name);
  writeFileSync(path, model);
  if (externalData && external) writeFileSync(join(dir, external.location), externalData);
  return path;
}

describe('protobuf wire format', () => {
  test('varints, negative int64, strings and nested messages', () => {
    const w = new ProtoWriter();
    w.varint(1, 150); // the protobuf guide's example: 08 96 01
    w.varint(2, -1); // ten bytes of two's complement
    w.string(3, 'hi');
    w.message(4, (m) => m.varint(1, 1));
    w.packedVarints(5, [1, 300]);
    const hex = Buffer.from(w.finish()).toString('hex');
    assert.equal(hex, '089601' + '10ffffffffffffffffff01' + '1a026869' + '22020801' + '2a0301ac02');
  });
});

describe('float16 bits', () => {
  test('exact values, rounding to nearest even, subnormals and overflow', () => {
    assert.equal(toFloat16Bits(1), 0x3c00);
    assert.equal(toFloat16Bits(-2), 0xc000);
    assert.equal(toFloat16Bits(65504), 0x7bff);
    assert.equal(toFloat16Bits(65520), 0x7c00); // rounds up to infinity
    assert.equal(toFloat16Bits(1 + 2 ** -11), 0x3c00); // tie -> even
    assert.equal(toFloat16Bits(1 + 3 * 2 ** -11), 0x3c02); // tie -> even (up)
    assert.equal(toFloat16Bits(2 ** -24), 0x0001); // smallest subnormal
    assert.equal(toFloat16Bits(2 ** -26), 0x0000);
    assert.equal(toFloat16Bits(Number.POSITIVE_INFINITY), 0x7c00);
    assert.ok(Number.isNaN(fromFloat16Bits(toFloat16Bits(Number.NaN))));
    for (const v of [0.1, -3.14159, 1000, 2 ** -20]) {
      assert.ok(Math.abs(fromFloat16Bits(toFloat16Bits(v)) - v) <= Math.abs(v) * 2 ** -11 + 2 ** -25, String(v));
    }
  });
});

describe('ONNX writer through onnxruntime', () => {
  test('a hand-made Add graph round-trips with names, dtypes and symbolic shapes', async () => {
    const g = new GraphBuilder('add', { floatType: 'float32', seed: 1 });
    const x = g.input('x', 'float32', ['batch', 3]);
    g.output(g.add(x, g.floatConst('bias', [3], [1, 2, 3])), 'y', ['batch', 3]);
    const session = await ort.InferenceSession.create(save('add.onnx', g));
    assert.deepEqual(
      session.inputMetadata.map((m) => m.isTensor && { name: m.name, type: m.type, shape: m.shape }),
      [{ name: 'x', type: 'float32', shape: ['batch', 3] }],
    );
    assert.deepEqual(
      session.outputMetadata.map((m) => m.isTensor && { name: m.name, type: m.type, shape: m.shape }),
      [{ name: 'y', type: 'float32', shape: ['batch', 3] }],
    );
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([0, 1, 2, 10, 20, 30]), [2, 3]) });
    assert.deepEqual(Array.from(out.y?.data as Float32Array), [1, 3, 5, 11, 22, 33]);
    await session.release();
  });

  test('float16 inputs and outputs are raw bits in a Uint16Array', async () => {
    const g = new GraphBuilder('add16', { floatType: 'float16', seed: 1 });
    const x = g.input('x', 'float16', [2]);
    g.output(g.mul(x, g.floatConst('two', [1], [2])), 'y', [2]);
    const session = await ort.InferenceSession.create(save('add16.onnx', g));
    const input = Uint16Array.from([toFloat16Bits(1.5), toFloat16Bits(-0.25)]);
    const out = (await session.run({ x: new ort.Tensor('float16', input, [2]) })).y;
    assert.equal(out?.type, 'float16');
    assert.ok(out?.data instanceof Uint16Array);
    assert.deepEqual(Array.from(float16ToFloat32(out.data)), [3, -0.5]);
    await session.release();
  });

  test('every attribute kind: int, float, ints (negative), floats, string and tensor', async () => {
    const g = new GraphBuilder('attrs', { floatType: 'float32', seed: 1 });
    const x = g.input('x', 'float32', [1]);
    const tensor = { name: 't', type: 'int64' as const, dims: [2], data: rawBytes(BigInt64Array.from([7n, -8n])) };
    g.output(g.op('Constant', [], { value_int: -5 }), 'int', [], 'int64');
    g.output(g.op('Constant', [], { value_float: floatAttr(2) }), 'float', []);
    g.output(g.op('Constant', [], { value_ints: [-1, 0, 2 ** 40] }), 'ints', [3], 'int64');
    g.output(g.op('Constant', [], { value_floats: floatsAttr([1, 2.5]) }), 'floats', [2]);
    g.output(g.op('Constant', [], { value: tensor }), 'tensor', [2], 'int64');
    // A string attribute: LeakyRelu has none, so use Resize's mode on a constant-size upsampling.
    const up = g.op('Resize', [g.reshape(x, [1, 1, 1, 1]), '', g.floatConst('scales', [4], [1, 1, 2, 2])], {
      mode: 'nearest',
    });
    g.output(up, 'up', [1, 1, 2, 2]);
    const session = await ort.InferenceSession.create(save('attrs.onnx', g));
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([4]), [1]) });
    assert.deepEqual(Array.from(out.int?.data as BigInt64Array), [-5n]);
    assert.deepEqual(Array.from(out.float?.data as Float32Array), [2]);
    assert.deepEqual(Array.from(out.ints?.data as BigInt64Array), [-1n, 0n, 2n ** 40n]);
    assert.deepEqual(Array.from(out.floats?.data as Float32Array), [1, 2.5]);
    assert.deepEqual(Array.from(out.tensor?.data as BigInt64Array), [7n, -8n]);
    assert.deepEqual(Array.from(out.up?.data as Float32Array), [4, 4, 4, 4]);
    await session.release();
  });

  test('external data: big initializers go to a side file at aligned offsets and load by path', async () => {
    const g = new GraphBuilder('ext', { floatType: 'float32', seed: 3 });
    const x = g.input('x', 'float32', ['batch', 64]);
    const w1 = g.weight('w1', [64, 64], 0.1);
    const w2 = g.weight('w2', [64, 64], 0.1);
    const small = g.floatConst('small', [64], new Float32Array(64).fill(0.5));
    g.output(g.add(g.matmul(g.matmul(x, w1), w2), small), 'y', ['batch', 64]);
    const graph = g.build();
    const { model, externalData } = serializeModel({ graph }, { location: 'weights.pb' });
    assert.ok(externalData);
    assert.equal(externalData.length, 2 * 64 * 64 * 4); // two 16 KiB tensors, each at a 4096-aligned offset
    assert.ok(model.length < 2048, `model file holds no weights (${model.length} bytes)`);
    const path = save('ext.onnx', g, { location: 'weights.pb' });
    assert.deepEqual(readFileSync(join(dir, 'weights.pb')), Buffer.from(externalData));

    // Same numbers as the all-in-one file.
    const inline = join(dir, 'inline.onnx');
    writeFileSync(inline, serializeModel({ graph }).model);
    const input = {
      x: new ort.Tensor(
        'float32',
        Float32Array.from({ length: 128 }, (_, i) => Math.sin(i)),
        [2, 64],
      ),
    };
    const a = await ort.InferenceSession.create(path);
    const b = await ort.InferenceSession.create(inline);
    const ya = (await a.run(input)).y?.data as Float32Array;
    const yb = (await b.run(input)).y?.data as Float32Array;
    assert.deepEqual(ya, yb);
    assert.ok(ya.some((v) => v !== 0.5));
    await a.release();
    await b.release();
  });

  test('the same seed gives the same weights; another seed different ones', () => {
    const bytes = (seed: number) => {
      const g = new GraphBuilder('w', { floatType: 'float32', seed });
      g.weight('w', [16], 1);
      return serializeModel({ graph: g.build() }).model;
    };
    assert.deepEqual(bytes(5), bytes(5));
    assert.notDeepEqual(bytes(5), bytes(6));
  });
});
