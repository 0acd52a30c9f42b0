import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allMatch, checkImage, detect, parseCaption } from '../../src/demo/checker.ts';
import { allScenes, caption, colours, drawScene, heldOutScenes, shapes, type Scene } from '../../src/demo/world.ts';

/** A small deterministic PRNG (mulberry32), so the noisy pictures are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('every held-out scene, drawn with random size and jitter, is judged right on all four attributes', () => {
  const rand = rng(1);
  for (const scene of heldOutScenes) {
    const img = drawScene(scene, { radius: 9.5 + 3 * rand(), offset: [6 * rand() - 3, 6 * rand() - 3] });
    const result = checkImage(img, 64, 64, scene);
    assert.ok(allMatch(result), `${caption(scene)} -> ${JSON.stringify(result.detected)}`);
  }
});

test('every shape survives noise and blur-like shading of the colours', () => {
  const rand = rng(2);
  let checked = 0;
  for (const scene of allScenes().filter((_, i) => i % 37 === 0)) {
    const img = drawScene(scene, { radius: 10 });
    for (let i = 0; i < img.length; i++) img[i] = Math.max(0, Math.min(255, img[i]! + Math.round((rand() - 0.5) * 40)));
    const result = checkImage(img, 64, 64, scene);
    assert.ok(allMatch(result), `${caption(scene)} -> ${JSON.stringify(result.detected)}`);
    checked++;
  }
  assert.ok(checked > 40);
});

test('larger pictures are judged relative to their size', () => {
  const scene: Scene = { shape: 'star', colour: 'yellow', position: 'bottom', background: 'purple' };
  const result = checkImage(drawScene(scene, { size: 128 }), 128, 128, scene);
  assert.ok(allMatch(result), JSON.stringify(result.detected));
});

test('a wrong caption fails exactly on the attributes that differ', () => {
  const drawn: Scene = { shape: 'square', colour: 'red', position: 'left', background: 'blue' };
  const img = drawScene(drawn);
  const result = checkImage(img, 64, 64, { shape: 'circle', colour: 'red', position: 'right', background: 'blue' });
  assert.equal(result.shape, false);
  assert.equal(result.colour, true);
  assert.equal(result.position, false);
  assert.equal(result.background, true);
  assert.equal(result.detected.shape, 'square');
  assert.equal(result.detected.position, 'left');
});

test('each shape is told from the others', () => {
  for (const shape of shapes) {
    const d = detect(
      drawScene({ shape, colour: 'white', position: 'centre', background: 'black' }, { radius: 12 }),
      64,
      64,
    );
    assert.equal(d.shape, shape);
    for (const other of shapes) if (other !== shape) assert.ok(d.shapeScores[shape]! > d.shapeScores[other]!);
  }
});

test('a plain picture has a background and no object', () => {
  const img = new Uint8Array(64 * 64 * 3);
  for (let i = 0; i < img.length; i += 3) img.set(colours.green, i);
  const result = checkImage(img, 64, 64, { shape: 'circle', colour: 'red', position: 'left', background: 'green' });
  assert.equal(result.background, true);
  assert.equal(result.shape, false);
  assert.equal(result.colour, false);
  assert.equal(result.position, false);
  assert.equal(result.detected.area, 0);
});

test('detect rejects a buffer of the wrong size', () => {
  assert.throws(() => detect(new Uint8Array(10), 64, 64), /RGB bytes/);
});

test('parseCaption reads the object colour, shape, position and background', () => {
  assert.deepEqual(parseCaption('a red star on the left on a blue background'), {
    colour: 'red',
    shape: 'star',
    position: 'left',
    background: 'blue',
  });
  assert.deepEqual(parseCaption('An ORANGE triangle in the middle, on a white background'), {
    colour: 'orange',
    shape: 'triangle',
    position: 'centre',
    background: 'white',
  });
  assert.deepEqual(parseCaption('pink square at the top'), { colour: 'pink', shape: 'square', position: 'top' });
  assert.deepEqual(parseCaption('a black background with a cyan circle'), {
    background: 'black',
    colour: 'cyan',
    shape: 'circle',
  });
  assert.deepEqual(parseCaption('a constructor'), {});
  // An unmentioned attribute matches anything.
  const img = drawScene({ shape: 'circle', colour: 'green', position: 'right', background: 'yellow' });
  assert.ok(allMatch(checkImage(img, 64, 64, parseCaption('a green circle'))));
});
