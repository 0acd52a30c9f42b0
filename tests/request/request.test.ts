import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '../../src/errors.ts';
import { parseGenerateRequest } from '../../src/inference/protocol.ts';
import {
  discordLength,
  parseStoredRequest,
  stepsForStrength,
  validateRequest,
  type JobRequest,
} from '../../src/request/request.ts';

const base = {
  kind: 'imagine',
  prompt: 'a fox',
  width: 64,
  height: 64,
  steps: 4,
  guidanceScale: 7.5,
  seed: 1,
  count: 1,
} as const;

describe('the one request type', () => {
  it('is a union on kind: an upscale names its source image, a reroll its parent', () => {
    assert.equal(
      parseStoredRequest({ ...base, kind: 'upscale', parentJobId: 2, sourceIndex: 0 }, 'test').kind,
      'upscale',
    );
    assert.throws(
      () => parseStoredRequest({ ...base, kind: 'upscale', parentJobId: 2 }, 'row 9'),
      /row 9: invalid request[\s\S]*sourceIndex/,
    );
    assert.throws(() => parseStoredRequest({ ...base, kind: 'reroll' }, 'row 9'), /parentJobId/);
    assert.throws(() => parseStoredRequest({ ...base, kind: 'paint' }, 'row 9'), /kind/);
  });

  it('keeps what delivery needs and drops what it does not know', () => {
    const r = parseStoredRequest(
      { ...base, spoiler: true, notes: ['n'], aspect: '1:1', source: 'upload', stray: 1 },
      'test',
    );
    assert.deepEqual(r, { ...base, spoiler: true, notes: ['n'], aspect: '1:1', source: 'upload' });
  });

  it('counts the prompt as Discord does (code points) and accepts exactly 1000', () => {
    assert.doesNotThrow(() => validateRequest({ ...base, prompt: 'x'.repeat(1000) }));
    // 600 emoji: 600 characters to Discord (under its max_length of 1000), 1200 UTF-16 units to JavaScript.
    assert.doesNotThrow(() => validateRequest({ ...base, prompt: '🦊'.repeat(600) }));
    assert.throws(
      () => validateRequest({ ...base, prompt: '🦊'.repeat(1001) }),
      /1001 characters long; the most is 1000/,
    );
    assert.equal(discordLength('a🦊é'), 3);
  });

  it("refuses a person's bad values with a UserError that names the field", () => {
    const bad: [Partial<JobRequest>, string, RegExp][] = [
      [{ seed: 2 ** 32 }, 'bad-seed', /seed must be a whole number from 0 to 4294967295/],
      [{ guidanceScale: 31 }, 'bad-guidance', /Guidance must be from 0 to 30/],
      [{ strength: 0 }, 'bad-strength', /Strength must be more than 0/],
      [{ steps: 1.5 }, 'bad-steps', /Steps must be a whole number/],
      [{ count: 0 }, 'bad-count', /at least one image/],
      [{ prompt: 'x'.repeat(1001) }, 'bad-prompt', /1001 characters long; the most is 1000/],
    ];
    for (const [over, code, message] of bad) {
      assert.throws(
        () => validateRequest({ ...base, ...over } as JobRequest),
        (e: unknown) => e instanceof UserError && e.code === code && message.test(e.message),
      );
    }
    assert.deepEqual(validateRequest({ ...base }), base);
  });

  it("checks the shape of a request entering the inference process; values are the pipeline's to judge", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const r = parseGenerateRequest({
      prompt: 'x',
      width: 70,
      height: 64,
      steps: 0,
      guidanceScale: 1,
      seed: 1,
      count: 1,
      initImage: bytes,
    });
    assert.equal(r.initImage, bytes);
    assert.equal(r.width, 70);
    assert.throws(
      () => parseGenerateRequest({ prompt: 'x', width: '64' }),
      (e: unknown) => e instanceof TypeError && /malformed request[\s\S]*width/.test(e.message),
    );
    assert.throws(() => parseGenerateRequest({ ...base, scheduler: 'magic' }), /scheduler/);
  });

  it('gives image-to-image enough steps for its strength', () => {
    assert.equal(stepsForStrength(1, 0.35), 3);
    assert.equal(stepsForStrength(20, 0.35), 20);
    assert.equal(stepsForStrength(1, undefined), 1);
  });
});

describe("refusals in the asker's language", () => {
  const refusal = (fn: () => unknown): UserError => {
    try {
      fn();
    } catch (err) {
      if (err instanceof UserError) return err;
      throw err;
    }
    throw new Error('not refused');
  };
  it("a bad field and an over-long prompt: English in the log, the member's language when shown, the code unchanged", () => {
    const seed = refusal(() => validateRequest({ ...base, seed: 2 ** 32 }));
    assert.equal(seed.code, 'bad-seed');
    assert.match(seed.message, /seed must be a whole number from 0 to 4294967295/);
    assert.equal(seed.localized?.('pl'), 'Ziarno musi być liczbą całkowitą od 0 do 4294967295.');
    const long = refusal(() => validateRequest({ ...base, prompt: 'x'.repeat(1001) }));
    assert.equal(long.code, 'bad-prompt');
    assert.equal(
      long.localized?.('de'),
      'Der Prompt ist 1001 Zeichen lang; höchstens 1000 sind erlaubt. Kürze ihn und versuch es noch einmal.',
    );
  });
  it('an edit past the size limits names the limit in the language, the direction included', async () => {
    const { editSize } = await import('../../src/request/size.ts');
    const pan = refusal(() => editSize({ kind: 'pan', direction: 'right' }, 64, 64, { multiple: 8, maxWidth: 64 }));
    assert.equal(pan.code, 'maxWidth');
    assert.match(pan.message, /^Panning right would make the picture 96 px wide, past the width limit of 64 px\.$/);
    assert.equal(
      pan.localized?.('fr'),
      "Étendue vers la droite, l'image ferait 96 px de large, au-delà de la largeur maximale de 64 px.",
    );
    const up = refusal(() => editSize({ kind: 'upscale' }, 64, 64, { multiple: 8, maxPixels: 8192 }));
    assert.equal(
      up.localized?.('ja'),
      '拡大後の画像は 128x128（16384 ピクセル）になり、上限の 8192 ピクセルを超えます。',
    );
  });
});
