/**
 * A small deterministic PRNG for generated weights: each tensor gets its own stream derived from the model
 * seed and the tensor's name, so adding a layer does not change the weights of the others.
 */

/** FNV-1a hash of a string, 32 bits. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), seeded through splitmix32. Returns [0, 1). */
export function createRandom(seed: number, stream = ''): () => number {
  let s = (seed ^ fnv1a(stream)) >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/**
 * `count` values uniform in [-bound, bound] with bound = std·√3 (so their standard deviation is `std`),
 * as PyTorch's default Linear/Conv initialisation draws uniformly.
 */
export function uniformWeights(count: number, std: number, seed: number, stream: string): Float32Array {
  const rand = createRandom(seed, stream);
  const bound = std * Math.sqrt(3);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (rand() * 2 - 1) * bound;
  return out;
}
