/**
 * onnxruntime-node, imported in this one place.
 *
 * Node 24 has a global Float16Array. When it exists, onnxruntime-common (1.30) stores float16 tensor data as a
 * Float16Array (a Uint16Array of bits is re-viewed as one), and onnxruntime-node's native binding cannot read that
 * array type: every float16 feed fails with "not enough space: expected N, got 0". Atelier keeps float16 data as raw
 * bits in Uint16Array (src/diffusion/float16.ts) on every Node version, so the global is hidden before
 * onnxruntime-common's one-time, lazy type check (which runs at the first tensor, after this module).
 * Remove this once the binding accepts Float16Array (tests/diffusion/tensors.test.ts's float16 cases on Node 24 show it).
 */
export * from 'onnxruntime-node';

if (typeof (globalThis as { Float16Array?: unknown }).Float16Array !== 'undefined') {
  delete (globalThis as { Float16Array?: unknown }).Float16Array;
}
