// The least-recently-used model cache of the inference process, within its memory budget (fake models: the cache's
// rules, not ONNX; the inference tests load real ones).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createModelCache } from '../../src/inference/model-cache.ts';

function fixture(budgetBytes: number, sizes: Record<string, number>) {
  const loads: string[] = [];
  const released: string[] = [];
  const events: { event: string; model: unknown }[] = [];
  let fail = new Set<string>();
  const cache = createModelCache<{ name: string }>({
    budgetBytes,
    sizeOf: (name) => sizes[name]!,
    load: async (name) => {
      loads.push(name);
      await new Promise((r) => setImmediate(r));
      if (fail.has(name)) throw new Error(`cannot load ${name}`);
      return { name };
    },
    release: async (m) => void released.push(m.name),
    log: (event, d) => events.push({ event, model: d.model }),
  });
  const use = (name: string, onLoading?: () => void) => cache.use(name, async (m) => m.name, onLoading);
  return { cache, loads, released, events, use, failing: (names: string[]) => (fail = new Set(names)) };
}

describe('model cache (LRU within a memory budget)', () => {
  it('loads a model on first use only, and says so before loading', async () => {
    const f = fixture(100, { a: 40 });
    let loading = 0;
    assert.equal(await f.use('a', () => loading++), 'a');
    assert.equal(await f.use('a', () => loading++), 'a');
    assert.deepEqual(f.loads, ['a']);
    assert.equal(loading, 1);
    assert.equal(f.cache.usedBytes, 40);
  });

  it('releases the least recently used idle model to make room, not the one used last', async () => {
    const f = fixture(100, { a: 40, b: 40, c: 40 });
    await f.use('a');
    await f.use('b');
    await f.use('a'); // a is now the most recent: b goes first
    await f.use('c');
    assert.deepEqual(f.released, ['b']);
    assert.deepEqual(f.cache.loaded(), ['c', 'a']);
    assert.equal(f.cache.usedBytes, 80);
    assert.deepEqual(f.events, [{ event: 'evicted', model: 'b' }]);
    // b again: a is now the least recently used.
    let loading = false;
    await f.use('b', () => (loading = true));
    assert.ok(loading, 'a released model loads again');
    assert.deepEqual(f.released, ['b', 'a']);
    assert.deepEqual(f.cache.loaded(), ['b', 'c']);
  });

  it('keeps several models loaded while they fit the budget', async () => {
    const f = fixture(200, { a: 40, b: 40, c: 40 });
    for (const m of ['a', 'b', 'c', 'a', 'b', 'c']) await f.use(m);
    assert.deepEqual(f.loads, ['a', 'b', 'c']);
    assert.deepEqual(f.released, []);
  });

  it('never releases a model in use: the new one loads beyond the budget, and the old one goes once idle', async () => {
    const f = fixture(100, { a: 60, b: 60, c: 60 });
    let finishA!: () => void;
    const running = f.cache.use('a', () => new Promise<void>((r) => (finishA = r)));
    await new Promise((r) => setImmediate(r));
    await f.use('b');
    assert.deepEqual(f.released, []);
    assert.deepEqual(
      f.events.map((e) => `${e.event}:${String(e.model)}`),
      ['over-budget:b'],
    );
    finishA();
    await running;
    await f.use('c'); // a was used longest ago and is idle now; b too fits out
    assert.deepEqual(f.released.sort(), ['a', 'b']);
    assert.deepEqual(f.cache.loaded(), ['c']);
  });

  it('loads a model larger than the whole budget, alone', async () => {
    const f = fixture(100, { a: 40, huge: 300 });
    await f.use('a');
    await f.use('huge');
    assert.deepEqual(f.released, ['a']);
    assert.deepEqual(f.cache.loaded(), ['huge']);
    assert.deepEqual(f.events.at(-1), { event: 'over-budget', model: 'huge' });
  });

  it('shares one load between requests that arrive while it loads', async () => {
    const f = fixture(100, { a: 40 });
    let told = 0;
    const results = await Promise.all([f.use('a', () => told++), f.use('a', () => told++), f.use('a', () => told++)]);
    assert.deepEqual(results, ['a', 'a', 'a']);
    assert.deepEqual(f.loads, ['a']);
    assert.equal(told, 1);
  });

  it('forgets a failed load (the next request tries again) and holds no budget for it', async () => {
    const f = fixture(100, { a: 40 });
    f.failing(['a']);
    await assert.rejects(f.use('a'), /cannot load a/);
    assert.equal(f.cache.has('a'), false);
    assert.equal(f.cache.usedBytes, 0);
    f.failing([]);
    assert.equal(await f.use('a'), 'a');
    assert.deepEqual(f.loads, ['a', 'a']);
  });

  it('releases everything at shutdown', async () => {
    const f = fixture(200, { a: 40, b: 40 });
    await f.use('a');
    await f.use('b');
    await f.cache.releaseAll();
    assert.deepEqual(f.released.sort(), ['a', 'b']);
    assert.deepEqual(f.cache.loaded(), []);
  });

  it('refuses a budget that is not positive', () => {
    assert.throws(() => fixture(0, {}), RangeError);
  });
});
