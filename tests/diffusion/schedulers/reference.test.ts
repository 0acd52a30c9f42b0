/**
 * Every scheduler against reference values: diffusers' own test expectations (result sums/means of the deterministic
 * loops in diffusers/tests/schedulers) and the full outputs of a float32 torch transcription of diffusers
 * (tests/fixtures/schedulers/reference.json), for SD 1.5, SD-Turbo, LCM and v-prediction set-ups, img2img included.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeF32, reference, relErr, replay, sumAbs } from './reference.ts';

/** The issue asks for ~1e-4 against diffusers; the float32 emulation lands far below, so hold it to 1e-5. */
const TOLERANCE = 1e-5;

describe('reference fixture', () => {
  test('the transcription it came from reproduces every diffusers test expectation it was checked against', () => {
    assert.ok(reference.diffusersChecks.length >= 30);
    for (const c of reference.diffusersChecks) assert.ok(c.ok, `${c.test}: ${c.got} vs ${c.expected}`);
  });
});

describe('schedulers replay the reference loops', () => {
  for (const c of reference.cases) {
    test(c.id, (t) => {
      const r = replay(c);
      // Fractional (Euler Karras) timesteps may differ by a float32 ulp: numpy's SIMD float32 log, used by
      // `_sigma_to_t`, is not correctly rounded. Integer timesteps must match exactly.
      assert.equal(r.timesteps.length, c.timesteps.length, 'number of timesteps');
      const fractional = c.timesteps.some((v) => !Number.isInteger(v));
      if (fractional)
        assert.ok(relErr(r.timesteps, c.timesteps) <= 1e-6, `timesteps: ${r.timesteps} vs ${c.timesteps}`);
      else assert.deepEqual(r.timesteps, c.timesteps, 'timesteps');
      assert.equal(r.scheduler.initNoiseSigma, c.initNoiseSigma, 'initNoiseSigma');
      if (c.sigmas) {
        const sigmas = (r.scheduler as unknown as { sigmas: Float32Array }).sigmas;
        assert.ok(relErr(sigmas, c.sigmas) <= 1e-6, `sigmas differ: ${relErr(sigmas, c.sigmas)}`);
      }
      assert.equal(r.draws, c.noiseDraws, 'number of noise draws');
      const expected = decodeF32(c.result);
      // diffusers' v-prediction Euler test and Heun's Karras test end on values below 1e-6 (cancellation noise, and
      // Karras timesteps one float32 ulp apart, see above, move them relatively); judge those on the input scale.
      const tiny = Math.max(...expected.map(Math.abs)) < 1e-6;
      const err = tiny ? 0 : relErr(r.result, expected);
      const absErr = Math.max(...r.result.map((v, i) => Math.abs(v - expected[i]!)));
      t.diagnostic(`max |diff| / max |ref| = ${err.toExponential(2)}; max |diff| = ${absErr.toExponential(2)}`);
      assert.ok(err <= TOLERANCE, `result differs from the reference by ${err}`);
      assert.ok(absErr <= 1e-5, `result differs from the reference by ${absErr} absolute`);
      if (c.lastPredOriginal && r.lastPredOriginal && !tiny) {
        assert.ok(relErr(r.lastPredOriginal, decodeF32(c.lastPredOriginal)) <= TOLERANCE, 'predicted x0 / denoised');
      }
      if (c.diffusers) {
        // diffusers' own expectation, with the tolerance its test uses.
        const sum = sumAbs(r.result);
        const mean = sum / r.result.length;
        if (c.diffusers.sum !== undefined) {
          const tol = c.id.startsWith('lcm/') ? 1e-3 : 1e-2;
          assert.ok(
            Math.abs(sum - c.diffusers.sum) < tol,
            `${c.diffusers.test}: sum ${sum}, diffusers expects ${c.diffusers.sum}`,
          );
          t.diagnostic(
            `diffusers ${c.diffusers.test}: sum ${sum.toFixed(6)} vs ${c.diffusers.sum} (rel ${(Math.abs(sum - c.diffusers.sum) / Math.abs(c.diffusers.sum)).toExponential(2)})`,
          );
        }
        if (c.diffusers.mean !== undefined) {
          assert.ok(
            Math.abs(mean - c.diffusers.mean) < 1e-3,
            `${c.diffusers.test}: mean ${mean}, diffusers expects ${c.diffusers.mean}`,
          );
          t.diagnostic(
            `diffusers ${c.diffusers.test}: mean ${mean.toFixed(6)} vs ${c.diffusers.mean} (rel ${(Math.abs(mean - c.diffusers.mean) / Math.abs(c.diffusers.mean)).toExponential(2)})`,
          );
        }
      }
    });
  }
});
