/**
 * A small graph-builder DSL over the ONNX writer: values are named strings, every op call appends a node and
 * returns its output name, weights are drawn from a seeded PRNG and stored in the model's float type.
 *
 *   const g = new GraphBuilder('add', { floatType: 'float32', seed: 1 });
 *   const x = g.input('x', 'float32', ['batch', 4]);
 *   g.output(g.add(x, g.floatConst('one', [1], [1])), 'y', ['batch', 4]);
 *   const bytes = serializeModel({ graph: g.build() }).model;
 */
import { toFloat16 } from '../../diffusion/float16.ts';
import {
  type AttributeValue,
  DataType,
  type Dim,
  type ElemType,
  type GraphDef,
  type NodeDef,
  type TensorValue,
  type ValueInfo,
  rawBytes,
} from './model.ts';
import { uniformWeights } from './random.ts';

export type FloatType = 'float32' | 'float16';

/**
 * Attribute shorthand: an integer number is an INT, another number a FLOAT, a string a STRING, an array of
 * integers INTS, other arrays FLOATS, a TensorValue a TENSOR. Use `floatAttr(1)` to force a FLOAT.
 */
export type Attr = number | string | readonly number[] | TensorValue | AttributeValue;

export const floatAttr = (value: number): AttributeValue => ({ kind: 'float', value });
export const floatsAttr = (value: readonly number[]): AttributeValue => ({ kind: 'floats', value });

function toAttribute(a: Attr): AttributeValue {
  if (typeof a === 'number') return Number.isInteger(a) ? { kind: 'int', value: a } : { kind: 'float', value: a };
  if (typeof a === 'string') return { kind: 'string', value: a };
  if (Array.isArray(a)) {
    const list = a as readonly number[];
    return list.every(Number.isInteger) ? { kind: 'ints', value: list } : { kind: 'floats', value: list };
  }
  if ('kind' in (a as object)) return a as AttributeValue;
  return { kind: 'tensor', value: a as TensorValue };
}

export interface GraphBuilderOptions {
  /** Type of weights, float constants and activations. */
  floatType: FloatType;
  /** Seed of the random weights. */
  seed: number;
}

export class GraphBuilder {
  readonly floatType: FloatType;
  readonly seed: number;
  private readonly nodes: NodeDef[] = [];
  private readonly initializers: TensorValue[] = [];
  private readonly inputs: ValueInfo[] = [];
  private readonly outputs: ValueInfo[] = [];
  private readonly used = new Set<string>();
  private readonly constCache = new Map<string, string>();
  private readonly scopes: string[] = [];
  private parameterCount = 0;

  readonly name: string;

  constructor(name: string, options: GraphBuilderOptions) {
    this.name = name;
    this.floatType = options.floatType;
    this.seed = options.seed;
  }

  /** Number of weight elements created with weight()/floatConst() (the model's parameters). */
  get parameters(): number {
    return this.parameterCount;
  }

  /** Runs `fn` with names prefixed by `name.` (like a PyTorch module path). */
  scope<T>(name: string, fn: () => T): T {
    this.scopes.push(name);
    try {
      return fn();
    } finally {
      this.scopes.pop();
    }
  }

  /** A unique value name under the current scope. */
  fresh(base: string): string {
    const stem = [...this.scopes, base].join('.');
    let name = stem;
    for (let i = 1; this.used.has(name); i++) name = `${stem}_${i}`;
    this.used.add(name);
    return name;
  }

  // ---- graph interface -------------------------------------------------------------------------------------

  input(name: string, type: ElemType, shape: readonly Dim[]): string {
    if (this.used.has(name)) throw new Error(`duplicate value name ${name}`);
    this.used.add(name);
    this.inputs.push({ name, type, shape });
    return name;
  }

  /** Declares `value` as the graph output `name` (through an Identity when the names differ). */
  output(value: string, name: string, shape: readonly Dim[], type: ElemType = this.floatType): void {
    if (value !== name) {
      if (this.used.has(name)) throw new Error(`duplicate value name ${name}`);
      this.used.add(name);
      this.nodes.push({ opType: 'Identity', inputs: [value], outputs: [name], name: `${name}_identity` });
    }
    this.outputs.push({ name, type, shape });
  }

  build(): GraphDef {
    return {
      name: this.name,
      nodes: this.nodes,
      initializers: this.initializers,
      inputs: this.inputs,
      outputs: this.outputs,
    };
  }

  // ---- initializers ----------------------------------------------------------------------------------------

  /** An initializer with explicit bytes. */
  tensor(base: string, type: ElemType, dims: readonly number[], data: Uint8Array): string {
    const name = this.fresh(base);
    this.initializers.push({ name, type, dims, data });
    return name;
  }

  /** A float constant in the model's float type (converted to float16 bits when needed). */
  floatConst(base: string, dims: readonly number[], values: Float32Array | readonly number[]): string {
    const f32 = values instanceof Float32Array ? values : Float32Array.from(values);
    checkCount(base, dims, f32.length);
    const data = this.floatType === 'float16' ? rawBytes(toFloat16(f32)) : rawBytes(f32);
    return this.tensor(base, this.floatType, dims, data);
  }

  /** A float32 constant regardless of the model's float type (for computations kept in float32). */
  float32Const(base: string, dims: readonly number[], values: Float32Array | readonly number[]): string {
    const f32 = values instanceof Float32Array ? values : Float32Array.from(values);
    checkCount(base, dims, f32.length);
    return this.tensor(base, 'float32', dims, rawBytes(f32));
  }

  /** A trainable-looking parameter: uniform noise of standard deviation `std` around `mean`. */
  weight(base: string, dims: readonly number[], std: number, mean = 0): string {
    const count = dims.reduce((a, b) => a * b, 1);
    const name = this.fresh(base);
    const values = uniformWeights(count, std, this.seed, name);
    if (mean !== 0) for (let i = 0; i < count; i++) values[i] = (values[i] ?? 0) + mean;
    this.parameterCount += count;
    const data = this.floatType === 'float16' ? rawBytes(toFloat16(values)) : rawBytes(values);
    this.initializers.push({ name, type: this.floatType, dims, data });
    return name;
  }

  /** An int64 constant, shared between uses with the same content (shapes, axes, indices). */
  ints(values: readonly number[], dims: readonly number[] = [values.length]): string {
    const key = `i64:${dims.join('x')}:${values.join(',')}`;
    const cached = this.constCache.get(key);
    if (cached) return cached;
    const name = this.tensor(
      `const_i64_${values.join('_').replace(/-/g, 'm') || 'empty'}`,
      'int64',
      dims,
      rawBytes(BigInt64Array.from(values.map(BigInt))),
    );
    this.constCache.set(key, name);
    return name;
  }

  /** A scalar constant in the model's float type, shared between uses. */
  scalar(value: number): string {
    const key = `${this.floatType}:${value}`;
    const cached = this.constCache.get(key);
    if (cached) return cached;
    const name = this.floatConst(`const_${String(value).replace(/[^0-9a-z]/gi, '_')}`, [], [value]);
    this.constCache.set(key, name);
    return name;
  }

  // ---- nodes -----------------------------------------------------------------------------------------------

  /** Appends a node with one output and returns the output's name. */
  op(opType: string, inputs: readonly string[], attrs: Record<string, Attr> = {}, base?: string): string {
    return this.opN(opType, inputs, 1, attrs, base)[0] as string;
  }

  /** Appends a node with `count` outputs. */
  opN(
    opType: string,
    inputs: readonly string[],
    count: number,
    attrs: Record<string, Attr> = {},
    base?: string,
  ): string[] {
    const stem = base ?? opType;
    const outputs = Array.from({ length: count }, (_, i) => this.fresh(count === 1 ? stem : `${stem}_out${i}`));
    const attributes: Record<string, AttributeValue> = {};
    for (const [k, v] of Object.entries(attrs)) attributes[k] = toAttribute(v);
    this.nodes.push({ opType, inputs, outputs, name: `${outputs[0]}_node`, attributes });
    return outputs;
  }

  add(a: string, b: string): string {
    return this.op('Add', [a, b]);
  }
  sub(a: string, b: string): string {
    return this.op('Sub', [a, b]);
  }
  mul(a: string, b: string): string {
    return this.op('Mul', [a, b]);
  }
  div(a: string, b: string): string {
    return this.op('Div', [a, b]);
  }
  matmul(a: string, b: string): string {
    return this.op('MatMul', [a, b]);
  }
  sigmoid(x: string): string {
    return this.op('Sigmoid', [x]);
  }
  /** SiLU as PyTorch exports it: x · sigmoid(x). */
  silu(x: string): string {
    return this.op('Mul', [x, this.sigmoid(x)], {}, 'silu');
  }
  softmax(x: string, axis = -1): string {
    return this.op('Softmax', [x], { axis });
  }
  transpose(x: string, perm: readonly number[]): string {
    return this.op('Transpose', [x], { perm });
  }
  /** Reshape to a constant shape (0 copies the input's dimension, -1 is inferred) or to a shape value. */
  reshape(x: string, shape: readonly number[] | string): string {
    return this.op('Reshape', [x, typeof shape === 'string' ? shape : this.ints(shape)]);
  }
  concat(values: readonly string[], axis: number): string {
    return this.op('Concat', values, { axis });
  }
  cast(x: string, to: ElemType): string {
    return this.op('Cast', [x], { to: DataType[to] });
  }
  /** Shape of `x`, optionally sliced to [start, end) (opset 15). */
  shape(x: string, start?: number, end?: number): string {
    const attrs: Record<string, Attr> = {};
    if (start !== undefined) attrs.start = start;
    if (end !== undefined) attrs.end = end;
    return this.op('Shape', [x], attrs);
  }
  /** Slice with constant or computed starts/ends along `axes`. */
  slice(
    x: string,
    starts: readonly number[] | string,
    ends: readonly number[] | string,
    axes: readonly number[],
  ): string {
    const s = typeof starts === 'string' ? starts : this.ints(starts);
    const e = typeof ends === 'string' ? ends : this.ints(ends);
    return this.op('Slice', [x, s, e, this.ints(axes)]);
  }
  gather(data: string, indices: string, axis = 0): string {
    return this.op('Gather', [data, indices], { axis });
  }
}

function checkCount(name: string, dims: readonly number[], count: number): void {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (expected !== count) throw new Error(`${name}: ${count} values for shape [${dims.join(', ')}]`);
}
