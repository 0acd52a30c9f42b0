import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  allScenes,
  caption,
  colours,
  heldOutCaptions,
  heldOutScenes,
  isHeldOut,
  positionPhrases,
  positions,
  shapes,
  WORLD_SIZE,
} from '../../src/demo/world.ts';

const worldJson = new URL('../../models/demo/world.json', import.meta.url);

test('the world has 1800 scenes, 149 of them held out of training, covering every value', () => {
  assert.equal(allScenes().length, 4 * 10 * 5 * 9);
  assert.equal(heldOutScenes.length, 149);
  assert.equal(new Set(heldOutCaptions).size, 149);
  for (const key of ['shape', 'colour', 'position', 'background'] as const) {
    const seen = new Set(heldOutScenes.map((s) => s[key]));
    assert.ok(seen.size >= 4, `${key}: ${[...seen].join(', ')}`);
  }
  assert.ok(heldOutScenes.every(isHeldOut));
});

test('captions read as plain English, with "an" before a vowel', () => {
  assert.equal(
    caption({ shape: 'star', colour: 'red', position: 'left', background: 'blue' }),
    'a red star on the left on a blue background',
  );
  assert.equal(
    caption({ shape: 'circle', colour: 'orange', position: 'centre', background: 'white' }),
    'an orange circle in the centre on a white background',
  );
});

test('world.ts agrees with the world.json that the training script wrote next to the committed model', () => {
  const json = JSON.parse(readFileSync(worldJson, 'utf8')) as {
    size: number;
    shapes: string[];
    colours: Record<string, number[]>;
    positions: Record<string, number[]>;
    positionPhrases: Record<string, string[]>;
    heldOut: string[];
  };
  assert.equal(json.size, WORLD_SIZE);
  assert.deepEqual(json.shapes, [...shapes]);
  assert.deepEqual(json.colours, Object.fromEntries(Object.entries(colours).map(([k, v]) => [k, [...v]])));
  assert.deepEqual(json.positions, Object.fromEntries(Object.entries(positions).map(([k, v]) => [k, [...v]])));
  assert.deepEqual(json.positionPhrases, positionPhrases);
  assert.deepEqual(json.heldOut, heldOutCaptions);
});
