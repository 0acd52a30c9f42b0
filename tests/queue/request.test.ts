// The batching rules' pure parts: the merged request and what each job of a batch is told.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GenerateRequest } from '../../src/diffusion/types.ts';
import { infoForJob, mergeBatch, splitBatchResult } from '../../src/queue/request.ts';
import { fakeResult } from './helpers.ts';

const req = (over: Partial<GenerateRequest>): GenerateRequest => ({
  prompt: 'a fox',
  width: 64,
  height: 64,
  steps: 4,
  guidanceScale: 7.5,
  seed: 1,
  count: 1,
  ...over,
});

describe('mergeBatch', () => {
  it('keeps the first job’s fields, totals the count and lists every job’s prompts and seeds in order', () => {
    const merged = mergeBatch([req({}), req({ prompt: 'a boat', negativePrompt: 'fog', seed: 90, count: 2 })]);
    assert.deepEqual(merged, {
      ...req({}),
      count: 3,
      batch: [
        { prompt: 'a fox', negativePrompt: undefined, seed: 1, count: 1 },
        { prompt: 'a boat', negativePrompt: 'fog', seed: 90, count: 2 },
      ],
    });
    assert.deepEqual(
      splitBatchResult([req({}), req({ prompt: 'a boat', seed: 90, count: 2 })], fakeResult(merged)).map((images) =>
        images.map((i) => new TextDecoder().decode(i.png)),
      ),
      [['png:a fox:1'], ['png:a boat:90', 'png:a boat:91']],
    );
  });

  it('returns a lone request unchanged, and flattens requests that are batches already', () => {
    const one = req({ seed: 5 });
    assert.equal(mergeBatch([one]), one);
    const inner = mergeBatch([req({}), req({ prompt: 'b', seed: 7 })]);
    assert.deepEqual(
      mergeBatch([inner, req({ prompt: 'c', seed: 9 })]).batch?.map((e) => [e.prompt, e.seed]),
      [
        ['a fox', 1],
        ['b', 7],
        ['c', 9],
      ],
    );
    assert.throws(() => mergeBatch([]), /empty batch/);
  });
});

describe('infoForJob', () => {
  it('tells each job its own prompt’s token counts', () => {
    const reqs = [req({}), req({ prompt: 'a very long prompt', seed: 8 })];
    const result = fakeResult(mergeBatch(reqs));
    result.info = {
      ...result.info,
      tokenCount: 2,
      truncatedTokens: 0,
      batchTokens: [
        { tokenCount: 2, truncatedTokens: 0 },
        { tokenCount: 300, truncatedTokens: 75 },
      ],
    };
    const second = infoForJob(reqs, result, 1);
    assert.equal(second.tokenCount, 300);
    assert.equal(second.truncatedTokens, 75);
    assert.equal('batchTokens' in second, false);
    assert.equal(infoForJob(reqs, result, 0).tokenCount, 2);
    const single = fakeResult(reqs[0]!);
    assert.equal(infoForJob([reqs[0]!], single, 0), single.info, 'a request of one job: its info as it is');
  });
});
