import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { UserError } from '../../../src/errors.ts';
import {
  parseSchedulerName,
  schedulerLabels,
  schedulerNames,
  type SchedulerName,
} from '../../../src/diffusion/types.ts';
import {
  DDIMScheduler,
  DDPMScheduler,
  DPMSolverMultistepScheduler,
  EulerAncestralDiscreteScheduler,
  EulerDiscreteScheduler,
  HeunDiscreteScheduler,
  LCMScheduler,
  LMSDiscreteScheduler,
  PNDMScheduler,
  UniPCMultistepScheduler,
  createScheduler,
  guidanceScaleEmbedding,
  img2imgTimesteps,
  lcmGuidanceEmbedding,
  type Scheduler,
} from '../../../src/diffusion/schedulers/index.ts';
import { decodeF32, reference } from './reference.ts';

/** runwayml/stable-diffusion-v1-5 scheduler/scheduler_config.json */
const SD15 = {
  _class_name: 'PNDMScheduler',
  _diffusers_version: '0.6.0',
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  beta_start: 0.00085,
  num_train_timesteps: 1000,
  set_alpha_to_one: false,
  skip_prk_steps: true,
  steps_offset: 1,
  trained_betas: null,
  clip_sample: false,
};

/** stabilityai/sd-turbo scheduler/scheduler_config.json */
const TURBO = {
  _class_name: 'EulerDiscreteScheduler',
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  beta_start: 0.00085,
  clip_sample: false,
  interpolation_type: 'linear',
  num_train_timesteps: 1000,
  prediction_type: 'epsilon',
  set_alpha_to_one: false,
  skip_prk_steps: true,
  steps_offset: 1,
  timestep_spacing: 'trailing',
  trained_betas: null,
  use_karras_sigmas: false,
};

/** SimianLuo/LCM_Dreamshaper_v7 scheduler/scheduler_config.json (the keys that matter). */
const LCM = {
  _class_name: 'LCMScheduler',
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  beta_start: 0.00085,
  clip_sample: false,
  num_train_timesteps: 1000,
  original_inference_steps: 50,
  prediction_type: 'epsilon',
  set_alpha_to_one: true,
  steps_offset: 1,
  timestep_scaling: 10.0,
  trained_betas: null,
};

const zeros = (n: number): Float32Array => new Float32Array(n);
const ramp = (n: number, k = 1): Float32Array =>
  Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + k) * 0.8);
const sigmasOf = (s: Scheduler): Float32Array => (s as unknown as { sigmas: Float32Array }).sigmas;

/** Runs a loop with eps = 0.9 x (a stand-in UNet), counting randn calls. */
function run(s: Scheduler, steps: number, n = 16, randn = (k: number) => zeros(k)) {
  s.setTimesteps(steps);
  let x: Float32Array = ramp(n).map((v) => v * s.initNoiseSigma);
  let draws = 0;
  let last: ReturnType<Scheduler['step']> | undefined;
  for (const t of s.timesteps) {
    const input = s.scaleModelInput(x, t);
    last = s.step(
      input.map((v) => v * 0.9),
      t,
      x,
      (k) => {
        draws++;
        return randn(k);
      },
    );
    x = last.prevSample;
  }
  return { x, draws, last: last! };
}

describe('createScheduler', () => {
  test('maps diffusers class names, with Karras DPM-Solver as dpmpp-2m-karras', () => {
    const cases: [string, Record<string, unknown>, string, Function][] = [
      ['PNDMScheduler', {}, 'pndm', PNDMScheduler],
      ['EulerDiscreteScheduler', {}, 'euler', EulerDiscreteScheduler],
      ['EulerAncestralDiscreteScheduler', {}, 'euler-ancestral', EulerAncestralDiscreteScheduler],
      ['DDIMScheduler', {}, 'ddim', DDIMScheduler],
      ['DPMSolverMultistepScheduler', {}, 'dpmpp-2m', DPMSolverMultistepScheduler],
      ['DPMSolverMultistepScheduler', { use_karras_sigmas: true }, 'dpmpp-2m-karras', DPMSolverMultistepScheduler],
      ['LCMScheduler', {}, 'lcm', LCMScheduler],
    ];
    for (const [cls, extra, name, ctor] of cases) {
      const s = createScheduler({ ...SD15, ...extra, _class_name: cls });
      assert.equal(s.name, name);
      assert.ok(s instanceof ctor, cls);
      assert.equal(s.order, 1);
      assert.equal(s.note, undefined);
    }
  });

  test("every scheduler gives its config's num_train_timesteps (what --chaos measures a step against)", () => {
    for (const name of schedulerNames) {
      assert.equal(createScheduler({ ...SD15, num_train_timesteps: 800 }, name).numTrainTimesteps, 800, name);
      assert.equal(createScheduler({ ...SD15, num_train_timesteps: undefined }, name).numTrainTimesteps, 1000, name);
    }
  });

  test('DDPM, LMS, Heun, UniPC and DPM++ 2M SDE configs sample as themselves, without a stand-in note', () => {
    const cases: [Record<string, unknown>, string, Function][] = [
      [{ _class_name: 'DDPMScheduler' }, 'ddpm', DDPMScheduler],
      [{ _class_name: 'LMSDiscreteScheduler' }, 'lms', LMSDiscreteScheduler],
      [{ _class_name: 'LMSDiscreteScheduler', use_karras_sigmas: true }, 'lms-karras', LMSDiscreteScheduler],
      [{ _class_name: 'HeunDiscreteScheduler' }, 'heun', HeunDiscreteScheduler],
      [{ _class_name: 'UniPCMultistepScheduler' }, 'unipc', UniPCMultistepScheduler],
      [
        { _class_name: 'DPMSolverMultistepScheduler', algorithm_type: 'sde-dpmsolver++' },
        'dpmpp-2m-sde',
        DPMSolverMultistepScheduler,
      ],
      [
        { _class_name: 'DPMSolverMultistepScheduler', algorithm_type: 'sde-dpmsolver++', use_karras_sigmas: true },
        'dpmpp-2m-sde-karras',
        DPMSolverMultistepScheduler,
      ],
    ];
    for (const [cfg, name, cls] of cases) {
      const s = createScheduler({ ...SD15, ...cfg });
      assert.ok(s instanceof cls, name);
      assert.equal(s.name, name);
      assert.equal(s.note, undefined, name);
    }
  });

  test('classes Atelier does not implement are refused by name with the supported list, unless a scheduler is chosen', () => {
    for (const cls of [
      'DPMSolverSinglestepScheduler',
      'DEISMultistepScheduler',
      'KDPM2DiscreteScheduler',
      'KDPM2AncestralDiscreteScheduler',
    ]) {
      assert.throws(
        () => createScheduler({ ...SD15, _class_name: cls }),
        (err: Error) => {
          assert.ok(err.message.includes(cls), err.message);
          for (const ok of [
            'UniPCMultistepScheduler',
            'HeunDiscreteScheduler',
            'LMSDiscreteScheduler',
            'DDPMScheduler',
          ])
            assert.ok(err.message.includes(ok));
          assert.match(err.message, /DPM\+\+ 2M SDE/);
          return true;
        },
      );
      assert.equal(createScheduler({ ...SD15, _class_name: cls }, 'unipc').name, 'unipc');
    }
  });

  test('explicit DPM++ 2M SDE choices are DPM-Solver++ order 2 midpoint with the SDE noise term', () => {
    const sde = createScheduler(SD15, 'dpmpp-2m-sde') as DPMSolverMultistepScheduler;
    assert.equal(sde.algorithmType, 'sde-dpmsolver++');
    assert.equal(sde.solverOrder, 2);
    assert.equal(sde.solverType, 'midpoint');
    assert.equal(sde.useKarrasSigmas, false);
    const karras = createScheduler(
      { ...SD15, _class_name: 'DPMSolverMultistepScheduler', algorithm_type: 'dpmsolver++' },
      'dpmpp-2m-sde-karras',
    ) as DPMSolverMultistepScheduler;
    assert.equal(karras.algorithmType, 'sde-dpmsolver++');
    assert.equal(karras.useKarrasSigmas, true);
    // The same choice on the reference's config reproduces its SDE loop (the SDE draws noise every step).
    const c = reference.cases.find((x) => x.id === 'sd15/dpmpp-2m-sde-20')!;
    const fromName = createScheduler(SD15, 'dpmpp-2m-sde');
    const direct = new DPMSolverMultistepScheduler(c.config);
    const a = run(fromName, 20, 16, (k) => ramp(k, 3));
    const b = run(direct, 20, 16, (k) => ramp(k, 3));
    assert.deepEqual(a.x, b.x);
    assert.equal(a.draws, 20);
  });

  test("explicit LMS, Heun and UniPC choices ignore the config's Karras flag unless the name asks for it", () => {
    const cfg = { ...SD15, use_karras_sigmas: true };
    assert.equal((createScheduler(cfg, 'lms') as LMSDiscreteScheduler).useKarrasSigmas, false);
    assert.equal((createScheduler(SD15, 'lms-karras') as LMSDiscreteScheduler).useKarrasSigmas, true);
    assert.equal((createScheduler(cfg, 'heun') as HeunDiscreteScheduler).useKarrasSigmas, false);
    assert.equal((createScheduler(cfg, 'unipc') as UniPCMultistepScheduler).useKarrasSigmas, false);
  });

  test('A1111 names and internal names both parse; unknown ones do not', () => {
    const expect: Record<string, SchedulerName> = {
      Euler: 'euler',
      'Euler a': 'euler-ancestral',
      DDIM: 'ddim',
      DDPM: 'ddpm',
      PNDM: 'pndm',
      LMS: 'lms',
      Heun: 'heun',
      UniPC: 'unipc',
      LCM: 'lcm',
      'DPM++ 2M': 'dpmpp-2m',
      'DPM++ 2M Karras': 'dpmpp-2m-karras',
      'DPM++ 2M SDE': 'dpmpp-2m-sde',
      'dpm++ 2m sde karras': 'dpmpp-2m-sde-karras',
      'euler-ancestral': 'euler-ancestral',
      k_euler_a: 'euler-ancestral',
      dpmpp_2m_karras: 'dpmpp-2m-karras',
      ' lms karras ': 'lms-karras',
    };
    for (const [input, name] of Object.entries(expect)) assert.equal(parseSchedulerName(input), name, input);
    for (const name of schedulerNames) {
      assert.equal(parseSchedulerName(name), name);
      assert.equal(parseSchedulerName(schedulerLabels[name]), name);
    }
    assert.equal(parseSchedulerName('DPM++ 3M'), undefined);
    assert.equal(parseSchedulerName(''), undefined);
  });

  test('an unknown class without override names the class and the supported ones', () => {
    assert.throws(
      () => createScheduler({ ...SD15, _class_name: 'FlowMatchEulerDiscreteScheduler' }),
      (err: Error) => {
        assert.match(err.message, /FlowMatchEulerDiscreteScheduler/);
        assert.match(err.message, /PNDMScheduler/);
        assert.match(err.message, /LCMScheduler/);
        return true;
      },
    );
    assert.throws(() => createScheduler({ beta_schedule: 'linear' }), /has no _class_name/);
    // With an explicit choice the config's noise schedule is still usable.
    assert.equal(createScheduler({ ...SD15, _class_name: 'FlowMatchEulerDiscreteScheduler' }, 'ddim').name, 'ddim');
  });

  test('an override keeps the noise schedule keys and uses the chosen class defaults for the rest', () => {
    const pndm = createScheduler(SD15) as PNDMScheduler;
    const euler = createScheduler(SD15, 'euler') as EulerDiscreteScheduler;
    const ddim = createScheduler(SD15, 'ddim') as DDIMScheduler;
    assert.deepEqual(euler.alphasCumprod, pndm.alphasCumprod);
    assert.deepEqual(ddim.alphasCumprod, pndm.alphasCumprod);
    assert.equal(euler.timestepSpacing, 'linspace'); // absent key: EulerDiscreteScheduler's own default
    assert.equal(ddim.stepsOffset, 1);
    assert.equal(ddim.clipSample, false); // from the config
    assert.equal(ddim.finalAlphaCumprod, pndm.alphasCumprod[0]); // set_alpha_to_one: false
    const v = createScheduler({ ...SD15, prediction_type: 'v_prediction' }, 'dpmpp-2m');
    assert.equal(v.predictionType, 'v_prediction');
  });

  test('explicit DPM and Euler choices are taken literally', () => {
    const karrasConfig = { ...SD15, _class_name: 'DPMSolverMultistepScheduler', use_karras_sigmas: true };
    const plain = createScheduler(karrasConfig, 'dpmpp-2m') as DPMSolverMultistepScheduler;
    const karras = createScheduler(SD15, 'dpmpp-2m-karras') as DPMSolverMultistepScheduler;
    const euler = createScheduler(karrasConfig, 'euler') as EulerDiscreteScheduler;
    assert.equal(plain.useKarrasSigmas, false);
    assert.equal(plain.name, 'dpmpp-2m');
    assert.equal(karras.useKarrasSigmas, true);
    assert.equal(karras.name, 'dpmpp-2m-karras');
    assert.equal(euler.useKarrasSigmas, false);
    const third = createScheduler({ ...karrasConfig, solver_order: 3 }) as DPMSolverMultistepScheduler;
    assert.equal(third.solverOrder, 3);
    assert.match(third.note ?? '', /order 3/);
    assert.equal(
      (createScheduler({ ...karrasConfig, solver_order: 3 }, 'dpmpp-2m-karras') as DPMSolverMultistepScheduler)
        .solverOrder,
      2,
    );
  });

  test('each class uses its own defaults for absent keys', () => {
    const ddim = new DDIMScheduler({});
    assert.equal(ddim.clipSample, true);
    assert.equal(ddim.finalAlphaCumprod, 1);
    assert.equal(ddim.timestepSpacing, 'leading');
    const pndm = new PNDMScheduler({});
    assert.equal(pndm.skipPrkSteps, false);
    assert.equal(pndm.finalAlphaCumprod, pndm.alphasCumprod[0]);
    const lcm = new LCMScheduler({});
    assert.deepEqual(lcm.alphasCumprod, decodeF32(reference.schedules['scaled_linear']!.alphasCumprod));
    assert.equal(lcm.clipSample, false);
    assert.deepEqual(
      new EulerDiscreteScheduler({}).alphasCumprod,
      decodeF32(reference.schedules['linear']!.alphasCumprod),
    );
    const dpm = new DPMSolverMultistepScheduler({});
    assert.equal(dpm.solverOrder, 2);
    assert.equal(dpm.lowerOrderFinal, true);
    assert.equal(dpm.finalSigmasType, 'zero');
  });

  test('bad config values and unsupported features get clear errors', () => {
    assert.throws(() => createScheduler({ ...SD15, beta_schedule: 'sigmoid' }), /"beta_schedule" is "sigmoid".*linear/);
    assert.throws(() => createScheduler({ ...SD15, num_train_timesteps: 'many' }), /"num_train_timesteps"/);
    assert.throws(() => createScheduler({ ...SD15, timestep_spacing: 'uniform' }, 'euler'), /"timestep_spacing"/);
    assert.throws(
      () => createScheduler({ ...SD15, _class_name: 'DDIMScheduler', thresholding: true }),
      /"thresholding": true is not supported/,
    );
    assert.throws(
      () => createScheduler({ ...SD15, prediction_type: 'sample' }, 'euler-ancestral'),
      /"prediction_type"/,
    );
    assert.throws(() => createScheduler(SD15, 'dpmpp-3m' as never), UserError);
  });
});

describe('timesteps and initNoiseSigma', () => {
  test('SD 1.5 PNDM (PLMS): 50 steps give 51 timesteps, 981, 961, 961, 941 ... 1', () => {
    const s = createScheduler(SD15);
    s.setTimesteps(50);
    assert.equal(s.timesteps.length, 51);
    assert.deepEqual(s.timesteps.slice(0, 4), [981, 961, 961, 941]);
    assert.equal(s.timesteps.at(-1), 1);
    assert.equal(s.initNoiseSigma, 1);
  });

  test('PNDM with the class default (Runge-Kutta warm-up) matches diffusers test_steps_offset', () => {
    const s = new PNDMScheduler({ steps_offset: 1 });
    s.setTimesteps(10);
    assert.deepEqual(
      s.timesteps,
      [901, 851, 851, 801, 801, 751, 751, 701, 701, 651, 651, 601, 601, 501, 401, 301, 201, 101, 1],
    );
  });

  test('DDIM steps_offset (diffusers test_steps_offset) and getVariance (test_variance)', () => {
    const s = new DDIMScheduler({ clip_sample: true, steps_offset: 1 });
    s.setTimesteps(5);
    assert.deepEqual(s.timesteps, [801, 601, 401, 201, 1]);
    const v = new DDIMScheduler({ clip_sample: true });
    assert.ok(Math.abs(v.getVariance(0, 0)) < 1e-5);
    assert.ok(Math.abs(v.getVariance(420, 400) - 0.14771) < 1e-5);
    assert.ok(Math.abs(v.getVariance(980, 960) - 0.3246) < 1e-5);
    assert.ok(Math.abs(v.getVariance(487, 486) - 0.00979) < 1e-5);
    assert.ok(Math.abs(v.getVariance(999, 998) - 0.02) < 1e-5);
  });

  test('Euler: leading init sigma is sqrt(sigma_max^2 + 1), trailing and linspace use sigma_max', () => {
    const leading = createScheduler({ ...SD15, _class_name: 'EulerDiscreteScheduler', timestep_spacing: 'leading' });
    leading.setTimesteps(50);
    assert.equal(leading.timesteps[0], 981);
    const sigmaMax = sigmasOf(leading)[0]!;
    assert.ok(Math.abs(leading.initNoiseSigma - Math.sqrt(sigmaMax ** 2 + 1)) < 1e-5);
    const trailing = createScheduler(TURBO);
    trailing.setTimesteps(4);
    assert.equal(trailing.initNoiseSigma.toFixed(4), '14.6146');
    const linspace = createScheduler(SD15, 'euler');
    linspace.setTimesteps(20);
    assert.equal(linspace.timesteps[0], 999);
    assert.equal(linspace.initNoiseSigma.toFixed(4), '14.6146');
  });

  test('SD-Turbo: trailing spacing, 1 to 4 steps, final sigma 0', () => {
    const s = createScheduler(TURBO);
    const expected: Record<number, number[]> = { 1: [999], 2: [999, 499], 3: [999, 666, 332], 4: [999, 749, 499, 249] };
    for (const n of [1, 2, 3, 4]) {
      s.setTimesteps(n);
      assert.deepEqual(s.timesteps, expected[n]);
      assert.equal(sigmasOf(s).length, n + 1);
      assert.equal(sigmasOf(s)[n], 0);
    }
  });

  test('SD-Turbo one step: x0 = x - 14.6146 eps and the step returns it', () => {
    const s = createScheduler(TURBO);
    s.setTimesteps(1);
    const x = ramp(8).map((v) => v * s.initNoiseSigma);
    const eps = ramp(8, 2);
    const out = s.step(eps, 999, x, () => assert.fail('Euler draws no noise'));
    for (let i = 0; i < 8; i++) {
      const x0 = x[i]! - 14.614645 * eps[i]!;
      assert.ok(Math.abs(out.predOriginalSample![i]! - x0) < 1e-4);
      assert.ok(Math.abs(out.prevSample[i]! - x0) < 1e-4);
    }
  });

  test('LCM: n = 4 gives [999, 759, 499, 259]; last timesteps of diffusers test_inference_steps', () => {
    const s = createScheduler(LCM) as LCMScheduler;
    s.setTimesteps(4);
    assert.deepEqual(s.timesteps, [999, 759, 499, 259]);
    s.setTimesteps(1);
    assert.deepEqual(s.timesteps, [999]);
    for (const [last, n] of [
      [99, 10],
      [39, 25],
      [39, 26],
      [19, 50],
    ] as const) {
      s.setTimesteps(n);
      assert.equal(s.timesteps.at(-1), last);
    }
    assert.throws(
      () => s.setTimesteps(51),
      (e: Error) => e instanceof UserError && /at most 50/.test(e.message),
    );
  });

  test('DPM-Solver++: linspace and Karras grids, initNoiseSigma 1', () => {
    const s = createScheduler({ ...SD15, _class_name: 'DPMSolverMultistepScheduler' });
    s.setTimesteps(10);
    assert.deepEqual(s.timesteps, [999, 899, 799, 699, 599, 500, 400, 300, 200, 100]);
    assert.equal(s.initNoiseSigma, 1);
    const k = createScheduler(SD15, 'dpmpp-2m-karras');
    k.setTimesteps(10);
    assert.equal(k.timesteps[0], 999);
    assert.equal(k.timesteps.at(-1), 0);
    assert.equal(sigmasOf(k)[0]!.toFixed(4), '14.6146');
    assert.equal(sigmasOf(k)[9]!.toFixed(4), '0.0292');
  });

  test('step counts out of range are user errors', () => {
    assert.throws(() => createScheduler(SD15, 'ddim').setTimesteps(0), UserError);
    assert.throws(() => createScheduler(SD15, 'ddim').setTimesteps(1001), UserError);
    assert.throws(() => createScheduler(SD15).setTimesteps(2.5), UserError);
  });
});

describe('img2imgTimesteps', () => {
  test('Euler: keeps the last floor(steps x strength) timesteps and sets the begin index', () => {
    const s = createScheduler({ ...SD15, _class_name: 'EulerDiscreteScheduler', timestep_spacing: 'leading' });
    const ts = img2imgTimesteps(s, 50, 0.3);
    assert.equal(ts.length, 15);
    assert.equal(ts[0], 281);
    assert.deepEqual(ts, s.timesteps.slice(35));
    // addNoise at the first remaining timestep uses that sigma: x0 + sigma * noise.
    const noised = s.addNoise(zeros(4), Float32Array.from([1, 1, 1, 1]), ts[0]!);
    assert.equal(noised[0], sigmasOf(s)[35]);
  });

  test('strength 1 keeps everything; 50 x 0.3 is 15 despite float rounding', () => {
    const s = createScheduler(SD15, 'ddim');
    assert.equal(img2imgTimesteps(s, 50, 1).length, 50);
    assert.equal(img2imgTimesteps(s, 50, 0.3).length, 15);
    assert.equal(img2imgTimesteps(s, 10, 0.29).length, 2);
  });

  test('PNDM keeps its warm-up structure (n + 1 entries overall)', () => {
    const s = createScheduler(SD15);
    const ts = img2imgTimesteps(s, 50, 0.5);
    assert.equal(ts.length, 26);
    assert.equal(ts[0], 501);
  });

  test('Turbo: 2 steps at strength 0.5 leave [499]; 1 step at 0.5 leaves nothing and says what to do', () => {
    const s = createScheduler(TURBO);
    assert.deepEqual(img2imgTimesteps(s, 2, 0.5), [499]);
    assert.deepEqual(img2imgTimesteps(s, 4, 0.5), [499, 249]);
    assert.throws(
      () => img2imgTimesteps(s, 1, 0.5),
      (e: Error) => e instanceof UserError && /raise the steps or the strength/.test(e.message),
    );
  });

  test('LCM shortens its schedule by strength and runs all the steps (diffusers LCM img2img)', () => {
    const s = createScheduler(LCM);
    assert.deepEqual(img2imgTimesteps(s, 4, 0.5), [499, 379, 259, 139]);
    assert.throws(
      () => img2imgTimesteps(s, 4, 0.05),
      (e: Error) => e instanceof UserError && /strength/.test(e.message),
    );
  });

  test('strength outside (0, 1] is a user error', () => {
    const s = createScheduler(SD15);
    for (const strength of [0, -0.5, 1.5, Number.NaN])
      assert.throws(() => img2imgTimesteps(s, 20, strength), UserError);
  });
});

describe('addNoise', () => {
  const x0 = ramp(6, 3);
  const noise = ramp(6, 4);
  test('DDPM-type schedulers: sqrt(abar) x0 + sqrt(1 - abar) noise at the timestep', () => {
    for (const name of ['ddim', 'pndm', 'lcm'] as const) {
      const s = createScheduler(SD15, name);
      s.setTimesteps(name === 'lcm' ? 4 : 10);
      const t = s.timesteps[1]!;
      const abar = (s as unknown as { alphasCumprod: Float32Array }).alphasCumprod[t]!;
      const out = s.addNoise(x0, noise, t);
      for (let i = 0; i < 6; i++)
        assert.ok(Math.abs(out[i]! - (Math.sqrt(abar) * x0[i]! + Math.sqrt(1 - abar) * noise[i]!)) < 1e-6, name);
    }
  });

  test('Euler-type: x0 + sigma noise, no initNoiseSigma factor', () => {
    for (const name of ['euler', 'euler-ancestral'] as const) {
      const s = createScheduler(SD15, name);
      s.setTimesteps(10);
      const out = s.addNoise(x0, noise, s.timesteps[3]!);
      const sigma = sigmasOf(s)[3]!;
      for (let i = 0; i < 6; i++) assert.ok(Math.abs(out[i]! - (x0[i]! + sigma * noise[i]!)) < 1e-6, name);
    }
  });

  test('DPM-Solver: alpha_t x0 + sigma_t noise with alpha_t = 1 / sqrt(sigma^2 + 1)', () => {
    const s = createScheduler(SD15, 'dpmpp-2m-karras');
    s.setTimesteps(12);
    const sigma = sigmasOf(s)[4]!;
    const out = s.addNoise(x0, noise, s.timesteps[4]!);
    const a = 1 / Math.sqrt(sigma * sigma + 1);
    for (let i = 0; i < 6; i++) assert.ok(Math.abs(out[i]! - (a * x0[i]! + sigma * a * noise[i]!)) < 1e-6);
  });

  test('mismatched lengths are refused', () => {
    const s = createScheduler(SD15, 'ddim');
    s.setTimesteps(10);
    assert.throws(() => s.addNoise(zeros(4), zeros(5), 1), RangeError);
  });
});

describe('stepping', () => {
  test('scaleModelInput: Euler divides by sqrt(sigma^2 + 1); DDPM-type schedulers return the sample', () => {
    const e = createScheduler(SD15, 'euler');
    e.setTimesteps(10);
    const x = ramp(4);
    const scaled = e.scaleModelInput(x, e.timesteps[0]!);
    const sigma = sigmasOf(e)[0]!;
    for (let i = 0; i < 4; i++) assert.ok(Math.abs(scaled[i]! - x[i]! / Math.sqrt(sigma * sigma + 1)) < 1e-7);
    for (const name of ['pndm', 'ddim', 'dpmpp-2m', 'lcm'] as const) {
      const s = createScheduler(SD15, name);
      s.setTimesteps(4);
      assert.equal(s.scaleModelInput(x, s.timesteps[0]!), x);
    }
  });

  test('deterministic schedulers never ask for noise', () => {
    for (const name of ['pndm', 'euler', 'ddim', 'dpmpp-2m', 'dpmpp-2m-karras'] as const) {
      const { draws, x } = run(createScheduler(SD15, name), 12);
      assert.equal(draws, 0, name);
      assert.ok(x.every(Number.isFinite), name);
    }
  });

  test('Euler ancestral draws noise on every step; the last step lands on x0', () => {
    const s = createScheduler(SD15, 'euler-ancestral');
    const { draws, last } = run(s, 8);
    assert.equal(draws, 8);
    for (let i = 0; i < 16; i++) assert.ok(Math.abs(last.prevSample[i]! - last.predOriginalSample![i]!) < 1e-6);
    // Noise actually enters: a non-zero randn changes the result.
    const withNoise = run(createScheduler(SD15, 'euler-ancestral'), 8, 16, (k) => new Float32Array(k).fill(0.5));
    assert.notDeepEqual(withNoise.x, run(createScheduler(SD15, 'euler-ancestral'), 8).x);
  });

  test('LCM draws noise on all but the last step and ends on `denoised`', () => {
    const s = createScheduler(LCM);
    const { draws, last } = run(s, 4);
    assert.equal(draws, 3);
    assert.equal(last.prevSample, last.denoised);
    const one = run(createScheduler(LCM), 1);
    assert.equal(one.draws, 0);
  });

  test('DDIM draws noise only when eta > 0; eta is validated', () => {
    const s = createScheduler(SD15, 'ddim') as DDIMScheduler;
    assert.equal(run(s, 5).draws, 0);
    s.eta = 1;
    assert.equal(run(s, 5).draws, 5);
    assert.throws(() => (s.eta = 2), UserError);
  });

  test('SDE DPM-Solver++ draws noise each step', () => {
    const s = createScheduler({
      ...SD15,
      _class_name: 'DPMSolverMultistepScheduler',
      algorithm_type: 'sde-dpmsolver++',
    });
    assert.equal(run(s, 6).draws, 6);
  });

  test('v_prediction: a perfect v gives back the clean sample in every scheduler', () => {
    // x_t = sqrt(abar) x0 + sqrt(1 - abar) eps (as the UNet sees it) and v = sqrt(abar) eps - sqrt(1 - abar) x0.
    const x0 = ramp(16, 5);
    const eps = ramp(16, 6);
    for (const name of ['pndm', 'euler', 'euler-ancestral', 'ddim', 'dpmpp-2m', 'dpmpp-2m-karras', 'lcm'] as const) {
      const s = createScheduler({ ...SD15, prediction_type: 'v_prediction' }, name);
      s.setTimesteps(name === 'lcm' ? 4 : 20);
      const t = s.timesteps[0]!;
      const sigmaBased = !['pndm', 'ddim', 'lcm'].includes(name);
      const ac = (s as unknown as { alphasCumprod: Float32Array }).alphasCumprod;
      const abar = sigmaBased ? 1 / (sigmasOf(s)[0]! ** 2 + 1) : ac[t]!;
      const x = s.addNoise(x0, eps, t);
      const input = s.scaleModelInput(x, t);
      for (let i = 0; i < 16; i++) {
        assert.ok(
          Math.abs(input[i]! - (Math.sqrt(abar) * x0[i]! + Math.sqrt(1 - abar) * eps[i]!)) < 1e-5,
          `${name} model input`,
        );
      }
      const v = Float32Array.from(x0, (_, i) => Math.sqrt(abar) * eps[i]! - Math.sqrt(1 - abar) * x0[i]!);
      const out = s.step(v, t, x, (k) => zeros(k));
      if (name === 'pndm') {
        // PLMS's first step with the exact noise lands on the forward process at the previous timestep.
        const prev = ac[t - 1000 / 20]!; // prev_t = t - T // n
        for (let i = 0; i < 16; i++) {
          const want = Math.sqrt(prev) * x0[i]! + Math.sqrt(1 - prev) * eps[i]!;
          assert.ok(Math.abs(out.prevSample[i]! - want) < 1e-4, `pndm: ${out.prevSample[i]} vs ${want}`);
        }
      } else {
        const err = Math.max(...out.predOriginalSample!.map((p, i) => Math.abs(p - x0[i]!)));
        assert.ok(err < 1e-4, `${name}: x0 from v is ${err} off`);
      }
    }
  });

  test('step before setTimesteps, or with mismatched lengths, is refused', () => {
    assert.throws(() => createScheduler(SD15, 'ddim').step(zeros(2), 1, zeros(2), zeros), /setTimesteps/);
    const s = createScheduler(SD15, 'euler');
    s.setTimesteps(4);
    assert.throws(() => s.step(zeros(2), s.timesteps[0]!, zeros(3), zeros), RangeError);
  });
});

describe('LCM guidance embedding', () => {
  test('matches torch get_guidance_scale_embedding (w = guidance - 1, times 1000)', () => {
    for (const [key, b64] of Object.entries(reference.guidanceEmbedding)) {
      const [w, dim] = key.split('/').map(Number) as [number, number];
      const got = guidanceScaleEmbedding(w, dim);
      const want = decodeF32(b64);
      assert.equal(got.length, dim);
      const err = Math.max(...got.map((v, i) => Math.abs(v - want[i]!)));
      assert.ok(err <= 1e-6, `${key}: max difference ${err}`); // sin/cos may differ by one float32 ulp
    }
  });

  test('lcmGuidanceEmbedding takes the guidance scale; odd sizes are zero padded', () => {
    assert.deepEqual(lcmGuidanceEmbedding(8, 256), guidanceScaleEmbedding(7, 256));
    const odd = guidanceScaleEmbedding(7, 255);
    assert.equal(odd.length, 255);
    assert.equal(odd[254], 0);
    const none = guidanceScaleEmbedding(0, 256);
    assert.ok(none.slice(0, 128).every((v) => v === 0) && none.slice(128).every((v) => v === 1));
    assert.throws(() => guidanceScaleEmbedding(1, 2), RangeError);
  });
});
