/**
 * Makes a VAE encoder that samples inside its graph deterministic. diffusers' legacy ONNX export
 * (convert_stable_diffusion_checkpoint_to_onnx.py) traces `vae.encode(sample)[0].sample()`, so the graph ends in
 *   latent_sample = mean + std * RandomNormalLike(...)
 * with an unseeded random node: the same seed gives a different picture on every run. This rewrite, done on the
 * model's bytes before the session is created, replaces each RandomNormalLike with Sub(x, x) (zeros of the same
 * shape, so latent_sample becomes the mean: diffusers' `retrieve_latents(sample_mode="argmax")`) and adds the std
 * tensor (the other factor of the Mul that consumed the noise) as a second graph output. The pipeline then draws
 * the noise itself, from the image's seeded generator, exactly as it does for optimum's latent_parameters export.
 *
 * Only the few protobuf fields involved are read (ModelProto.graph = 7; GraphProto.node = 1, input = 11,
 * output = 12; NodeProto.input = 1, output = 2, name = 3, op_type = 4, attribute = 5; ValueInfoProto.name = 1,
 * type = 2; TypeProto.tensor_type = 1; Tensor.elem_type = 1); every other byte is copied as it is.
 */
import { ProtoWriter } from './proto.ts';

interface Field {
  field: number;
  wire: number;
  /** Offsets of the whole field (key included) and, for length-delimited fields, of the payload. */
  start: number;
  end: number;
  payloadStart: number;
}

function readVarint(b: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (pos >= b.length) throw new RangeError('truncated varint');
    const byte = b[pos++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, pos];
    scale *= 128;
  }
}

function fieldsOf(b: Uint8Array, start = 0, end = b.length): Field[] {
  const out: Field[] = [];
  let pos = start;
  while (pos < end) {
    const fieldStart = pos;
    const [key, afterKey] = readVarint(b, pos);
    const wire = key % 8;
    const field = Math.floor(key / 8);
    let payloadStart = afterKey;
    if (wire === 0) [, pos] = readVarint(b, afterKey);
    else if (wire === 1) pos = afterKey + 8;
    else if (wire === 5) pos = afterKey + 4;
    else if (wire === 2) {
      const [len, afterLen] = readVarint(b, afterKey);
      payloadStart = afterLen;
      pos = afterLen + len;
    } else throw new RangeError(`unsupported protobuf wire type ${wire}`);
    if (pos > end) throw new RangeError('truncated protobuf field');
    out.push({ field, wire, start: fieldStart, end: pos, payloadStart });
  }
  return out;
}

const utf8 = new TextDecoder();
const text = (b: Uint8Array, f: Field): string => utf8.decode(b.subarray(f.payloadStart, f.end));

interface NodeInfo {
  field: Field;
  inputs: string[];
  outputs: string[];
  name: string;
  opType: string;
}

function readNode(b: Uint8Array, f: Field): NodeInfo {
  const node: NodeInfo = { field: f, inputs: [], outputs: [], name: '', opType: '' };
  for (const g of fieldsOf(b, f.payloadStart, f.end)) {
    if (g.wire !== 2) continue;
    if (g.field === 1) node.inputs.push(text(b, g));
    else if (g.field === 2) node.outputs.push(text(b, g));
    else if (g.field === 3) node.name = text(b, g);
    else if (g.field === 4) node.opType = text(b, g);
  }
  return node;
}

/** elem_type of a ValueInfoProto (1 float32, 10 float16), or undefined. */
function elemTypeOf(b: Uint8Array, valueInfo: Field): number | undefined {
  const type = fieldsOf(b, valueInfo.payloadStart, valueInfo.end).find((f) => f.field === 2 && f.wire === 2);
  const tensor = type && fieldsOf(b, type.payloadStart, type.end).find((f) => f.field === 1 && f.wire === 2);
  const elem = tensor && fieldsOf(b, tensor.payloadStart, tensor.end).find((f) => f.field === 1 && f.wire === 0);
  return elem ? readVarint(b, readVarint(b, elem.start)[1])[0] : undefined;
}

export interface EncoderRewrite {
  /** The rewritten model. */
  bytes: Uint8Array;
  /** The name of the added output holding the distribution's standard deviation. */
  stdOutput: string;
}

/**
 * The rewrite described above, or undefined when the graph draws no random numbers. Throws when it does but not in
 * the `mean + std * RandomNormalLike` form this understands (the caller then keeps the graph and says so).
 */
export function exposeEncoderDistribution(model: Uint8Array): EncoderRewrite | undefined {
  const top = fieldsOf(model);
  const graph = top.find((f) => f.field === 7 && f.wire === 2);
  if (!graph) throw new Error('the model has no graph');
  const graphFields = fieldsOf(model, graph.payloadStart, graph.end);
  const nodes = graphFields.filter((f) => f.field === 1 && f.wire === 2).map((f) => readNode(model, f));
  const random = nodes.filter((n) => /^Random(Normal|Uniform)(Like)?$|^Multinomial$/.test(n.opType));
  if (random.length === 0) return undefined;
  if (random.length > 1 || random[0]!.opType !== 'RandomNormalLike') {
    throw new Error(`it draws random numbers with ${random.map((n) => n.opType).join(', ')}, not one RandomNormalLike`);
  }
  const noiseNode = random[0]!;
  const eps = noiseNode.outputs[0]!;
  const consumers = nodes.filter((n) => n.inputs.includes(eps));
  const mul = consumers.length === 1 && consumers[0]!.opType === 'Mul' ? consumers[0]! : undefined;
  if (mul?.inputs.length !== 2 || mul.inputs[0] === mul.inputs[1]) {
    throw new Error('its random noise is not multiplied by a standard deviation (mean + std * noise)');
  }
  const std = mul.inputs[0] === eps ? mul.inputs[1]! : mul.inputs[0]!;
  const firstInput = graphFields.find((f) => f.field === 11 && f.wire === 2);
  const elemType = (firstInput && elemTypeOf(model, firstInput)) ?? 1;

  const graphWriter = new ProtoWriter();
  for (const f of graphFields) {
    if (f === noiseNode.field) {
      const x = noiseNode.inputs[0]!;
      graphWriter.message(1, (n) => {
        n.string(1, x)
          .string(1, x)
          .string(2, eps)
          .string(3, `${noiseNode.name || eps}_zeros`)
          .string(4, 'Sub');
      });
    } else {
      graphWriter.raw(model.subarray(f.start, f.end));
    }
  }
  graphWriter.message(12, (v) => {
    v.string(1, std);
    v.message(2, (t) => t.message(1, (tensor) => tensor.varint(1, elemType)));
  });
  const out = new ProtoWriter();
  for (const f of top) {
    if (f === graph) out.bytes(7, graphWriter.finish());
    else out.raw(model.subarray(f.start, f.end));
  }
  return { bytes: out.finish(), stdOutput: std };
}
