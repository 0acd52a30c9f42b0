/**
 * The subset of ONNX's IR (onnx/onnx.proto) that Atelier writes, and its serialisation.
 * Field numbers are those of onnx.proto (proto2); repeated numeric fields are written packed, which protobuf
 * parsers must accept for any repeated scalar field.
 */
import { ProtoWriter } from './proto.ts';

/** TensorProto.DataType values. */
export const DataType = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
  float64: 11,
} as const;
export type ElemType = keyof typeof DataType;

/** A tensor value: `data` holds the little-endian raw bytes of `dims` elements of `type`. */
export interface TensorValue {
  name: string;
  type: ElemType;
  dims: readonly number[];
  data: Uint8Array;
}

/** A dimension: a fixed size or a symbolic name (dim_param) such as 'batch'. */
export type Dim = number | string;

export interface ValueInfo {
  name: string;
  type: ElemType;
  /** Absent: unknown rank. Empty: a scalar. */
  shape?: readonly Dim[] | undefined;
}

export type AttributeValue =
  | { kind: 'float'; value: number }
  | { kind: 'int'; value: number | bigint }
  | { kind: 'string'; value: string }
  | { kind: 'tensor'; value: TensorValue }
  | { kind: 'floats'; value: readonly number[] }
  | { kind: 'ints'; value: readonly (number | bigint)[] };

export interface NodeDef {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name?: string | undefined;
  domain?: string | undefined;
  attributes?: Readonly<Record<string, AttributeValue>> | undefined;
}

export interface GraphDef {
  name: string;
  nodes: readonly NodeDef[];
  initializers: readonly TensorValue[];
  inputs: readonly ValueInfo[];
  outputs: readonly ValueInfo[];
}

export interface ModelDef {
  graph: GraphDef;
  /** Default 8 (ONNX 1.13+), which onnxruntime 1.30 reads. */
  irVersion?: number | undefined;
  /** Default [{ domain: '', version: 17 }]. */
  opsets?: readonly { domain: string; version: number }[] | undefined;
  producerName?: string | undefined;
  producerVersion?: string | undefined;
  docString?: string | undefined;
  metadata?: Readonly<Record<string, string>> | undefined;
}

export interface ExternalDataOptions {
  /** File name next to the model, e.g. 'weights.pb' (diffusers' legacy UNet export) or 'model.onnx_data'. */
  location: string;
  /** Initializers of at least this many bytes go to the side file (onnx's save_model default: 1024). */
  sizeThreshold?: number | undefined;
  /** Offsets are aligned to this many bytes; onnx.proto recommends 4096 so that runtimes may mmap. */
  alignment?: number | undefined;
}

export interface SerializedModel {
  /** The .onnx file. */
  model: Uint8Array;
  /** The external data file (only with external data and at least one tensor moved there). */
  externalData?: Uint8Array | undefined;
}

// AttributeProto.AttributeType
const AttrType = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7 } as const;

function writeTensor(w: ProtoWriter, t: TensorValue, external?: { location: string; offset: number }): void {
  w.packedVarints(1, t.dims); // dims
  w.varint(2, DataType[t.type]); // data_type
  w.string(8, t.name); // name
  if (external) {
    const entry = (key: string, value: string) => (e: ProtoWriter) => e.string(1, key).string(2, value);
    w.message(13, entry('location', external.location)); // external_data
    w.message(13, entry('offset', String(external.offset)));
    w.message(13, entry('length', String(t.data.length)));
    w.varint(14, 1); // data_location = EXTERNAL
  } else {
    w.bytes(9, t.data); // raw_data
  }
}

function writeValueInfo(w: ProtoWriter, v: ValueInfo): void {
  w.string(1, v.name);
  // TypeProto { tensor_type = 1: TypeProto.Tensor { elem_type = 1, shape = 2 } }
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.varint(1, DataType[v.type]);
      if (v.shape) {
        const shape = v.shape;
        tensor.message(2, (s) => {
          for (const d of shape) {
            // TensorShapeProto.Dimension { dim_value = 1 | dim_param = 2 }
            s.message(1, (dim) => (typeof d === 'number' ? dim.varint(1, d) : dim.string(2, d)));
          }
        });
      }
    }),
  );
}

function writeAttribute(w: ProtoWriter, name: string, a: AttributeValue): void {
  w.string(1, name);
  w.varint(20, AttrType[a.kind]);
  switch (a.kind) {
    case 'float':
      w.float(2, a.value);
      break;
    case 'int':
      w.varint(3, a.value);
      break;
    case 'string':
      w.string(4, a.value);
      break;
    case 'tensor': {
      const t = a.value;
      w.message(5, (m) => writeTensor(m, t));
      break;
    }
    case 'floats':
      w.packedFloats(7, a.value);
      break;
    case 'ints':
      w.packedVarints(8, a.value);
      break;
  }
}

function writeNode(w: ProtoWriter, n: NodeDef): void {
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  if (n.name) w.string(3, n.name);
  w.string(4, n.opType);
  if (n.domain) w.string(7, n.domain);
  for (const [name, a] of Object.entries(n.attributes ?? {})) w.message(5, (m) => writeAttribute(m, name, a));
}

/**
 * Serialises a model. With `external`, initializers above the threshold are written to a side file and
 * referenced by TensorProto.external_data (location/offset/length) with data_location = EXTERNAL.
 */
export function serializeModel(def: ModelDef, external?: ExternalDataOptions): SerializedModel {
  const threshold = external?.sizeThreshold ?? 1024;
  const alignment = external?.alignment ?? 4096;
  const sideChunks: { offset: number; data: Uint8Array }[] = [];
  let sideSize = 0;

  const w = new ProtoWriter();
  w.varint(1, def.irVersion ?? 8); // ir_version
  w.string(2, def.producerName ?? 'atelier'); // producer_name
  if (def.producerVersion) w.string(3, def.producerVersion);
  if (def.docString) w.string(6, def.docString);
  w.message(7, (g) => {
    const graph = def.graph;
    for (const n of graph.nodes) g.message(1, (m) => writeNode(m, n));
    g.string(2, graph.name);
    for (const t of graph.initializers) {
      if (external && t.data.length >= threshold) {
        const offset = Math.ceil(sideSize / alignment) * alignment;
        sideChunks.push({ offset, data: t.data });
        sideSize = offset + t.data.length;
        g.message(5, (m) => writeTensor(m, t, { location: external.location, offset }));
      } else {
        g.message(5, (m) => writeTensor(m, t));
      }
    }
    for (const i of graph.inputs) g.message(11, (m) => writeValueInfo(m, i));
    for (const o of graph.outputs) g.message(12, (m) => writeValueInfo(m, o));
  });
  for (const op of def.opsets ?? [{ domain: '', version: 17 }]) {
    w.message(8, (m) => {
      if (op.domain) m.string(1, op.domain);
      m.varint(2, op.version);
    });
  }
  for (const [key, value] of Object.entries(def.metadata ?? {}))
    w.message(14, (m) => m.string(1, key).string(2, value));

  let externalData: Uint8Array | undefined;
  if (sideChunks.length > 0) {
    externalData = new Uint8Array(sideSize);
    for (const c of sideChunks) externalData.set(c.data, c.offset);
  }
  return { model: w.finish(), externalData };
}

/** Raw little-endian bytes of a typed array (a view, not a copy; all supported hosts are little-endian). */
export function rawBytes(
  a: Float32Array | Uint16Array | Int32Array | BigInt64Array | Uint8Array | Float64Array,
): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
