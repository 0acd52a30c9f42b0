import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  alphasCumprodFromBetas,
  karrasSigmas,
  leadingTimesteps,
  makeBetas,
  npArange,
  npInterpArange,
  npLinspace,
  roundHalfEven,
  torchLinspaceF32,
  trailingTimesteps,
  trainingSigmas,
  type BetaSchedule,
} from '../../../src/diffusion/schedulers/noise-schedule.ts';
import { decodeF32, reference } from './reference.ts';

function scheduleOf(name: string) {
  const s = reference.schedules[name]!;
  const c = s.config;
  return {
    options: {
      numTrainTimesteps: (c['num_train_timesteps'] as number | undefined) ?? 1000,
      betaStart: (c['beta_start'] as number | undefined) ?? 0.0001,
      betaEnd: (c['beta_end'] as number | undefined) ?? 0.02,
      betaSchedule: c['beta_schedule'] as BetaSchedule,
      rescaleBetasZeroSnr: c['rescale_betas_zero_snr'] === true,
    },
    betas: decodeF32(s.betas),
    alphasCumprod: decodeF32(s.alphasCumprod),
  };
}

describe('noise schedule (float32 like torch)', () => {
  for (const name of ['scaled_linear', 'linear', 'linear_1100', 'squaredcos_cap_v2']) {
    test(`${name}: betas and alphas_cumprod are bit-identical to torch`, () => {
      const s = scheduleOf(name);
      const betas = makeBetas(s.options);
      assert.deepEqual(betas, s.betas);
      assert.deepEqual(alphasCumprodFromBetas(betas), s.alphasCumprod);
    });
  }

  test('rescale_betas_zero_snr matches torch (last alphas_cumprod set to 2^-24 as Euler/DPM do)', () => {
    const s = scheduleOf('scaled_linear_zero_snr');
    const ac = alphasCumprodFromBetas(makeBetas(s.options));
    ac[ac.length - 1] = 2 ** -24;
    assert.deepEqual(ac, s.alphasCumprod);
  });

  test('torch.linspace emulation: endpoints exact and monotone for odd sizes', () => {
    const v = torchLinspaceF32(0.1, 0.7, 77);
    assert.equal(v[0], Math.fround(0.1));
    assert.equal(v[76], Math.fround(0.7));
    for (let i = 1; i < v.length; i++) assert.ok(v[i]! > v[i - 1]!);
    assert.deepEqual(torchLinspaceF32(3, 5, 1), Float32Array.from([3]));
  });

  test('SD sigmas: sigma(999) = 14.6146 and sigma(0) = 0.0292 (diffusion.md 5.1)', () => {
    const sigmas = trainingSigmas(scheduleOf('scaled_linear').alphasCumprod);
    assert.equal(sigmas[999]!.toFixed(4), '14.6146');
    assert.equal(sigmas[0]!.toFixed(4), '0.0292');
  });
});

describe('timestep grids', () => {
  test('leading, 50 steps, steps_offset 1: 981 ... 1 in steps of 20', () => {
    const t = leadingTimesteps(50, 1000, 1);
    assert.equal(t.length, 50);
    assert.equal(t[0], 981);
    assert.equal(t[49], 1);
    assert.ok(t.every((v, i) => i === 0 || t[i - 1]! - v === 20));
  });

  test('trailing for 1, 2, 3 and 4 steps', () => {
    assert.deepEqual(trailingTimesteps(1, 1000), [999]);
    assert.deepEqual(trailingTimesteps(2, 1000), [999, 499]);
    assert.deepEqual(trailingTimesteps(3, 1000), [999, 666, 332]);
    assert.deepEqual(trailingTimesteps(4, 1000), [999, 749, 499, 249]);
  });

  test('numpy helpers: half-to-even rounding, arange length, linspace endpoint, interp', () => {
    assert.deepEqual([0.5, 1.5, 2.5, 3.5, 812.5].map(roundHalfEven), [0, 2, 2, 4, 812]);
    assert.equal(npArange(1000, 0, -1000 / 3).length, 3);
    assert.deepEqual(npLinspace(0, 50, 4, false), [0, 12.5, 25, 37.5]);
    assert.deepEqual(npLinspace(0, 999, 3), [0, 499.5, 999]);
    assert.equal(npInterpArange(1.25, [0, 4, 8]), 5);
    assert.equal(npInterpArange(7, [0, 4, 8]), 8);
    assert.equal(npInterpArange(-1, [2, 4, 8]), 2);
  });

  test('Karras sigmas run from sigma_max to sigma_min', () => {
    const s = karrasSigmas(0.0292, 14.6146, 10);
    assert.equal(s.length, 10);
    assert.ok(Math.abs(s[0]! - 14.6146) < 1e-9 && Math.abs(s[9]! - 0.0292) < 1e-12);
    for (let i = 1; i < s.length; i++) assert.ok(s[i]! < s[i - 1]!);
  });
});
