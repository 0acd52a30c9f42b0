// --chaos as pure math (src/diffusion/chaos.ts): the annealing schedule, the moved conditioning and each image's
// seeded draw. The images it makes on the demo model are tested in tests/demo/chaos.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  annealCondition,
  CHAOS_TAU1,
  CHAOS_TAU2,
  chaosGamma,
  imageChaosOf,
  MAX_CHAOS_GUIDANCE_FACTOR,
} from '../../src/diffusion/chaos.ts';
import { createRandom } from '../../src/diffusion/tensors.ts';

const hidden = 16;
const seqLen = 5;
const cond = createRandom(7).fill(new Float32Array(hidden * seqLen));
for (let k = 0; k < hidden; k++) cond[k]! *= 20; // a BOS-like first token, much larger than the rest

function stats(a: Float32Array, tok: number) {
  const x = a.subarray(tok * hidden, (tok + 1) * hidden);
  const mean = x.reduce((s, v) => s + v, 0) / hidden;
  return { mean, std: Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / hidden) };
}

describe('chaos', () => {
  it('anneals: the conditioning moves fully above tau2, not at all below tau1, linearly between', () => {
    assert.equal(chaosGamma(999, 1000), 0);
    assert.equal(chaosGamma(CHAOS_TAU2 * 1000, 1000), 0);
    assert.equal(chaosGamma(CHAOS_TAU1 * 1000, 1000), 1);
    assert.equal(chaosGamma(0, 1000), 1);
    assert.ok(Math.abs(chaosGamma(((CHAOS_TAU1 + CHAOS_TAU2) / 2) * 1000, 1000) - 0.5) < 1e-9);
  });

  it('chaos 0 or gamma 1 leaves the conditioning as it is (the same array)', () => {
    const noise = imageChaosOf(3, cond.length, 7, 50).direction;
    assert.equal(annealCondition(cond, hidden, noise, 0, 0), cond);
    assert.equal(annealCondition(cond, hidden, noise, 100, 1), cond);
  });

  it('moves every token but the first, keeping each token’s mean and spread, more with more chaos', () => {
    const noise = imageChaosOf(3, cond.length, 7, 50).direction;
    const distance = (chaos: number) => {
      const out = annealCondition(cond, hidden, noise, chaos, 0);
      assert.deepEqual([...out.subarray(0, hidden)], [...cond.subarray(0, hidden)], 'the first token is untouched');
      for (let tok = 1; tok < seqLen; tok++) {
        const a = stats(cond, tok);
        const b = stats(out, tok);
        assert.ok(Math.abs(a.mean - b.mean) < 1e-5 && Math.abs(a.std - b.std) < 1e-5, `token ${tok} keeps its stats`);
      }
      let d = 0;
      for (let k = hidden; k < cond.length; k++) d += (out[k]! - cond[k]!) ** 2;
      return Math.sqrt(d);
    };
    const d10 = distance(10);
    const d50 = distance(50);
    const d100 = distance(100);
    assert.ok(d10 > 0 && d10 < d50 && d50 < d100, `${d10} < ${d50} < ${d100}`);
  });

  it('each image draws its own direction and guidance from its seed: the same seed gives the same draw', () => {
    const a = imageChaosOf(42, 64, 5, 100);
    const b = imageChaosOf(42, 64, 5, 100);
    const c = imageChaosOf(43, 64, 5, 100);
    assert.deepEqual([...a.direction], [...b.direction]);
    assert.equal(a.guidanceScale, b.guidanceScale);
    assert.notDeepEqual([...a.direction], [...c.direction]);
    // Not the image's latent noise (which its seed draws directly).
    assert.notDeepEqual([...a.direction], [...createRandom(42).fill(new Float32Array(64))]);
    const scales = Array.from({ length: 200 }, (_, seed) => imageChaosOf(seed, 4, 5, 100).guidanceScale);
    assert.ok(scales.every((g) => g >= 5 / MAX_CHAOS_GUIDANCE_FACTOR - 1e-9 && g <= 5 * MAX_CHAOS_GUIDANCE_FACTOR));
    assert.ok(Math.min(...scales) < 3 && Math.max(...scales) > 10, 'spread over the range');
    const mild = Array.from({ length: 200 }, (_, seed) => imageChaosOf(seed, 4, 5, 20).guidanceScale);
    assert.ok(Math.max(...mild) < 5 * MAX_CHAOS_GUIDANCE_FACTOR ** 0.2 + 1e-9);
    // Never below 1 (guidance off) or above 30.
    assert.ok(Array.from({ length: 50 }, (_, s) => imageChaosOf(s, 4, 25, 100).guidanceScale).every((g) => g <= 30));
    assert.ok(Array.from({ length: 50 }, (_, s) => imageChaosOf(s, 4, 1.2, 100).guidanceScale).every((g) => g >= 1));
  });
});
