/**
 * A minimal protobuf *writer* (encoding only), enough to serialise ONNX's ModelProto.
 * Wire format (https://protobuf.dev/programming-guides/encoding/): every field is a varint key
 * `(fieldNumber << 3) | wireType` followed by a varint (type 0), 4 little-endian bytes (type 5) or a
 * varint length and that many bytes (type 2: strings, bytes, nested messages and packed repeated scalars).
 *
 * Chunks are kept by reference and joined once at the end, so multi-megabyte weight buffers are copied only once.
 */

const WireType = { Varint: 0, Fixed32: 5, LengthDelimited: 2 } as const;
type WireType = (typeof WireType)[keyof typeof WireType];

const utf8 = new TextEncoder();

export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private pending: number[] = [];
  private size = 0;

  /** Total bytes written so far. */
  get length(): number {
    return this.size + this.pending.length;
  }

  /** A varint field (int32, int64, enum, bool). Negative values take ten bytes, as int64 does on the wire. */
  varint(field: number, value: number | bigint): this {
    this.key(field, WireType.Varint);
    this.rawVarint(value);
    return this;
  }

  /** A `float` field (wire type 5). */
  float(field: number, value: number): this {
    this.key(field, WireType.Fixed32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.pending.push(...b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, WireType.LengthDelimited);
    this.rawVarint(value.length);
    this.append(value);
    return this;
  }

  /** A nested message: `build` writes its fields into a fresh writer whose bytes are then embedded. */
  message(field: number, build: (w: ProtoWriter) => void): this {
    const child = new ProtoWriter();
    build(child);
    child.flush();
    this.key(field, WireType.LengthDelimited);
    this.rawVarint(child.length);
    this.flush();
    for (const c of child.chunks) this.chunks.push(c);
    this.size += child.size;
    return this;
  }

  /** A packed repeated int64/int32 field (one length-delimited run of varints). Empty lists are omitted. */
  packedVarints(field: number, values: readonly (number | bigint)[]): this {
    if (values.length === 0) return this;
    const inner = new ProtoWriter();
    for (const v of values) inner.rawVarint(v);
    inner.flush();
    this.key(field, WireType.LengthDelimited);
    this.rawVarint(inner.length);
    this.flush();
    for (const c of inner.chunks) this.chunks.push(c);
    this.size += inner.size;
    return this;
  }

  /** A packed repeated float field. Empty lists are omitted. */
  packedFloats(field: number, values: readonly number[]): this {
    if (values.length === 0) return this;
    const b = new Uint8Array(values.length * 4);
    const view = new DataView(b.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    return this.bytes(field, b);
  }

  /** Bytes that already are encoded fields (copied from another message), appended as they are. */
  raw(bytes: Uint8Array): this {
    this.append(bytes);
    return this;
  }

  /** The encoded message. */
  finish(): Uint8Array {
    this.flush();
    if (this.chunks.length === 1 && this.chunks[0]) return this.chunks[0];
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  private key(field: number, wire: WireType): void {
    this.rawVarint(field * 8 + wire);
  }

  private rawVarint(value: number | bigint): void {
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) throw new RangeError(`varint must be an integer, got ${value}`);
      if (value >= 0 && value <= Number.MAX_SAFE_INTEGER) {
        let v = value;
        while (v >= 0x80) {
          this.pending.push((v % 0x80) | 0x80);
          v = Math.floor(v / 0x80);
        }
        this.pending.push(v);
        return;
      }
      value = BigInt(value);
    }
    // Two's complement in 64 bits: negative int64 values are ten-byte varints.
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.pending.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.pending.push(Number(v));
  }

  private append(bytes: Uint8Array): void {
    if (bytes.length < 256) {
      for (const b of bytes) this.pending.push(b);
      return;
    }
    this.flush();
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(Uint8Array.from(this.pending));
    this.size += this.pending.length;
    this.pending = [];
  }
}
