import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '../../src/errors.ts';
import {
  expandPrompt,
  ignoredNote,
  MAX_PROMPT_JOBS,
  parsePromptFlags,
  resolveImagine,
} from '../../src/request/prompt.ts';
import { aspectOf, parseAspect, sideMultiple, sizeForAspect } from '../../src/request/size.ts';

describe('prompt flags', () => {
  it('takes Midjourney flags out of the prompt', () => {
    const r = parsePromptFlags('a red fox in snow --ar 16:9 --seed 42 --no cars, text --steps 20 --guidance 6.5');
    assert.equal(r.prompt, 'a red fox in snow');
    assert.deepEqual(r.flags, { aspect: { w: 16, h: 9 }, seed: 42, no: 'cars, text', steps: 20, guidance: 6.5 });
    assert.deepEqual(r.ignored, []);
  });

  it('lists flags it does not understand and keeps going', () => {
    const r = parsePromptFlags('castle --weird 50 --ar 2:3 --v 6');
    assert.equal(r.prompt, 'castle');
    assert.deepEqual(r.flags.aspect, { w: 2, h: 3 });
    assert.deepEqual(r.ignored, ['--weird 50', '--v 6']);
    assert.match(ignoredNote(r.ignored)!, /`--weird 50` and `--v 6` were not understood/);
    assert.equal(ignoredNote([]), undefined);
    // From the catalog, in the job's language.
    assert.match(ignoredNote(r.ignored, 'de')!, /^`--weird 50` und `--v 6` /);
  });

  it('accepts the em dash phones put instead of --, aliases, and words after a one-word value', () => {
    const r = parsePromptFlags('—ar 3:2 a lighthouse —cfg 4 at dusk');
    assert.equal(r.prompt, 'a lighthouse at dusk');
    assert.deepEqual(r.flags, { aspect: { w: 3, h: 2 }, guidance: 4 });
  });

  it('--chaos 0-100 (alias --c): a whole number, refused past 100 with the range named', () => {
    assert.deepEqual(parsePromptFlags('a cat --chaos 50').flags, { chaos: 50 });
    assert.deepEqual(parsePromptFlags('a cat --c 7 on a mat').flags, { chaos: 7 });
    assert.equal(parsePromptFlags('a cat --c 7 on a mat').prompt, 'a cat on a mat');
    assert.deepEqual(parsePromptFlags('a cat --chaos 0').flags, { chaos: 0 });
    for (const bad of ['101', '-5', '12.5', 'lots']) {
      assert.throws(
        () => parsePromptFlags(`a cat --chaos ${bad}`),
        (err: unknown) => err instanceof UserError && /--chaos takes a whole number from 0 to 100/.test(err.message),
      );
    }
    assert.match(ignoredNote(['--v 6'])!, /--repeat, --chaos and --guidance/);
  });

  it('leaves double dashes inside words alone', () => {
    assert.equal(parsePromptFlags('state--of--the--art robot').prompt, 'state--of--the--art robot');
  });

  it('joins several --no flags', () => {
    assert.equal(parsePromptFlags('x --no cars --no trees').flags.no, 'cars, trees');
  });

  it('refuses bad values with a message naming the flag', () => {
    assert.throws(
      () => parsePromptFlags('x --seed banana'),
      (e: unknown) => e instanceof UserError && /--seed takes a whole number/.test(e.message),
    );
    assert.throws(() => parsePromptFlags('x --ar wide'), /--ar takes a ratio like 16:9/);
    assert.throws(() => parsePromptFlags('x --ar 10:1'), /too extreme/);
    assert.throws(() => parsePromptFlags('x --steps 0'), /--steps takes a whole number from 1 to 200/);
    assert.throws(() => parsePromptFlags('x --no'), /--no` needs what to leave out/);
    assert.throws(() => parsePromptFlags('x --seed 4294967296'), /0 to 4294967295/);
  });

  it('parses ratios written several ways', () => {
    assert.deepEqual(parseAspect('16x9'), { w: 16, h: 9 });
    assert.deepEqual(parseAspect('4/3'), { w: 4, h: 3 });
    assert.deepEqual(parseAspect('1.91:1'), { w: 1.91, h: 1 });
  });
});

describe('aspect ratio to size', () => {
  it('keeps about the native pixel count in multiples of 64 for a 512 model', () => {
    assert.equal(sideMultiple(512), 64);
    assert.deepEqual(sizeForAspect({ w: 1, h: 1 }, { sampleSize: 512 }), { width: 512, height: 512 });
    assert.deepEqual(sizeForAspect({ w: 3, h: 2 }, { sampleSize: 512 }), { width: 640, height: 448 });
    assert.deepEqual(sizeForAspect({ w: 2, h: 3 }, { sampleSize: 512 }), { width: 448, height: 640 });
    assert.deepEqual(sizeForAspect({ w: 16, h: 9 }, { sampleSize: 512 }), { width: 704, height: 384 });
    assert.deepEqual(sizeForAspect({ w: 9, h: 16 }, { sampleSize: 768 }), { width: 576, height: 1024 });
  });

  it('uses multiples of 8 and the 64-pixel minimum for a small model', () => {
    assert.equal(sideMultiple(64), 8);
    assert.deepEqual(sizeForAspect({ w: 1, h: 1 }, { sampleSize: 64 }), { width: 64, height: 64 });
    assert.deepEqual(sizeForAspect({ w: 16, h: 9 }, { sampleSize: 64 }), { width: 112, height: 64 });
    assert.deepEqual(sizeForAspect({ w: 2, h: 3 }, { sampleSize: 64 }), { width: 64, height: 96 });
  });

  it('shrinks to fit width, height and pixel limits', () => {
    assert.deepEqual(sizeForAspect({ w: 16, h: 9 }, { sampleSize: 1024, maxWidth: 1024, maxHeight: 1024 }), {
      width: 1024,
      height: 576,
    });
    const s = sizeForAspect({ w: 1, h: 1 }, { sampleSize: 1024, maxPixels: 512 * 512 });
    assert.ok(s.width * s.height <= 512 * 512);
    assert.equal(s.width % 64, 0);
  });

  it('reduces an image size to a ratio', () => {
    assert.deepEqual(aspectOf(1536, 1024), { w: 3, h: 2 });
    assert.deepEqual(aspectOf(5000, 100), { w: 4, h: 1 });
  });
});

describe('resolveImagine', () => {
  const defaults = {
    sampleSize: 512,
    steps: 25,
    guidance: 7.5,
    count: 4,
    maxWidth: 1024,
    maxHeight: 1024,
    seed: () => 7,
  };

  it('--chaos goes into the request; 0 leaves it out (today’s request exactly)', () => {
    assert.equal(resolveImagine({ prompt: 'a cat --chaos 40' }, defaults).request.chaos, 40);
    const zero = resolveImagine({ prompt: 'a cat --chaos 0' }, defaults).request;
    assert.deepEqual(zero, resolveImagine({ prompt: 'a cat' }, defaults).request);
    assert.equal('chaos' in zero, false);
  });

  it('fills in defaults', () => {
    const r = resolveImagine({ prompt: 'a cat' }, defaults);
    assert.deepEqual(r, {
      request: {
        kind: 'imagine',
        prompt: 'a cat',
        width: 512,
        height: 512,
        aspect: '1:1',
        steps: 25,
        guidanceScale: 7.5,
        seed: 7,
        count: 4,
      },
      ignored: [],
    });
  });

  it('notes ignored flags on the request, and gives an img2img request enough steps for its strength', () => {
    const r = resolveImagine({ prompt: 'a cat --weird 5', steps: 1, strength: 0.35 }, defaults);
    assert.deepEqual(r.ignored, ['--weird 5']);
    assert.match(r.request.notes![0]!, /`--weird 5` was not understood/);
    assert.equal(r.request.steps, 3);
    assert.equal(r.request.strength, 0.35);
  });

  it('lets options win over flags and joins negative prompts', () => {
    const r = resolveImagine(
      { prompt: 'a cat --seed 1 --ar 16:9 --no dogs', seed: 2, negative: 'blurry', aspect: '2:3' },
      defaults,
    ).request;
    assert.equal(r.seed, 2);
    assert.equal(r.aspect, '2:3');
    assert.deepEqual([r.width, r.height], [448, 640]);
    assert.equal(r.negativePrompt, 'blurry, dogs');
  });

  it("uses the member's saved aspect, else an uploaded image's own", () => {
    assert.equal(resolveImagine({ prompt: 'x' }, { ...defaults, aspect: '3:2' }).request.aspect, '3:2');
    assert.equal(resolveImagine({ prompt: 'x' }, { ...defaults, imageAspect: { w: 9, h: 16 } }).request.aspect, '9:16');
  });

  it('refuses nonsense politely', () => {
    assert.throws(() => resolveImagine({ prompt: 'x', strength: 0 }, defaults), /Strength must be more than 0/);
    assert.throws(() => resolveImagine({ prompt: 'x', guidance: 31 }, defaults), /Guidance must be from 0 to 30/);
    assert.throws(
      () => resolveImagine({ prompt: 'x'.repeat(1001) }, defaults),
      /1001 characters long; the most is 1000/,
    );
    assert.throws(
      () => resolveImagine({ prompt: 'x', seed: -1 }, defaults),
      (e: unknown) => e instanceof UserError && e.code === 'bad-seed',
    );
    assert.throws(() => resolveImagine({ prompt: 'x', count: 0 }, defaults), /at least one image/);
  });
});

describe('prompt tools: permutations and --repeat', () => {
  it('expands each {a, b} group into one prompt per choice; groups multiply, in order', () => {
    assert.deepEqual(expandPrompt('a {red, blue} circle'), ['a red circle', 'a blue circle']);
    assert.deepEqual(expandPrompt('{red,blue} {circle, star}'), ['red circle', 'red star', 'blue circle', 'blue star']);
    assert.deepEqual(expandPrompt('a cat'), ['a cat']);
  });

  it('expands a group inside a group, groups in flags, and a single choice; an unpaired brace stays as written', () => {
    assert.deepEqual(expandPrompt('a {big {red, blue}, small} ball'), [
      'a big red ball',
      'a big blue ball',
      'a small ball',
    ]);
    assert.deepEqual(
      expandPrompt('fox --ar {1:1, 16:9}').map((t) => parsePromptFlags(t).flags.aspect),
      [
        { w: 1, h: 1 },
        { w: 16, h: 9 },
      ],
    );
    assert.deepEqual(expandPrompt('a {red} fox'), ['a red fox']);
    assert.deepEqual(expandPrompt('a { fox'), ['a { fox']);
  });

  it('--repeat N runs each prompt N times, and is a known flag (not reported as ignored)', () => {
    assert.deepEqual(expandPrompt('a fox --repeat 3'), ['a fox --repeat 3', 'a fox --repeat 3', 'a fox --repeat 3']);
    assert.equal(expandPrompt('{a, b} --repeat 2').length, 4);
    const r = parsePromptFlags('a fox --repeat 3');
    assert.equal(r.prompt, 'a fox');
    assert.equal(r.flags.repeat, 3);
    assert.deepEqual(r.ignored, []);
    assert.throws(() => parsePromptFlags('a fox --repeat 0'), /--repeat takes a whole number from 1 to 10/);
    assert.throws(() => parsePromptFlags(`a fox --repeat ${MAX_PROMPT_JOBS + 1}`), /from 1 to 10/);
  });

  it('more jobs than the cap are refused, with the cap named, before any expansion runs away', () => {
    const check = (jobs: number) => (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.equal(err.code, 'too-many-jobs');
      assert.match(
        err.message,
        new RegExp(`That makes ${jobs} jobs .*the most one prompt may start is ${MAX_PROMPT_JOBS}`),
      );
      return true;
    };
    assert.throws(() => expandPrompt('{a, b, c} --repeat 4'), check(12));
    assert.throws(
      () => expandPrompt('{a,b,c}{a,b,c}{a,b,c}{a,b,c}{a,b,c}{a,b,c}{a,b,c}{a,b,c}{a,b,c}{a,b,c}'),
      /the most one prompt may start is 10/,
    );
    assert.equal(expandPrompt('{a, b} --repeat 5').length, MAX_PROMPT_JOBS);
    assert.throws(() => expandPrompt('{a, b}', 1), /That makes 2 jobs .*the most one prompt may start is 1\./);
  });
});
