// Several installed models in one inference process: a request names its model, the process loads it (saying so)
// and keeps the loaded ones within its memory budget, least recently used out first. Real ONNX sessions on two
// generated models.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { modelBytes } from '../../src/diffusion/model.ts';
import type { GenerateRequest, GenerateResult } from '../../src/diffusion/types.ts';
import { UserError } from '../../src/errors.ts';
import { createInferenceClient, type InferenceClient } from '../../src/inference/client.ts';
import { setLogLevel } from '../../src/log.ts';
import { generateRequest, inferenceOptions } from '../support/inference.ts';
import { tinyModel } from '../support/models.ts';

setLogLevel('warn');

const request = (over: Partial<GenerateRequest> = {}) => generateRequest({ steps: 2, ...over });

describe('several models in one inference process', () => {
  let root: string;
  let oneModelBytes: number;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'atelier-models-'));
    cpSync(await tinyModel({}), join(root, 'alpha'), { recursive: true });
    cpSync(await tinyModel({ family: 'sd-turbo' }), join(root, 'beta'), { recursive: true });
    oneModelBytes = Math.max(modelBytes(join(root, 'alpha')), modelBytes(join(root, 'beta')));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  async function run(client: InferenceClient, req: GenerateRequest) {
    const loading: string[] = [];
    const result: GenerateResult = await client.generate(req, { onLoading: (m) => loading.push(m) });
    return { result, loading };
  }

  describe('a budget that holds one model', () => {
    let client: InferenceClient;
    before(async () => {
      client = createInferenceClient({
        ...inferenceOptions,
        modelDir: join(root, 'alpha'),
        modelsRoot: root,
        memoryBudgetBytes: oneModelBytes + 1,
      });
      await client.start();
    });
    after(() => client.close());

    it('lists the installed models from memory, each with its own defaults', () => {
      const models = client.models;
      assert.deepEqual(
        models.map((m) => m.name),
        ['alpha', 'beta'],
      );
      assert.equal(models[0]!.executionProvider, 'cpu', 'the default model is loaded');
      assert.equal(models[1]!.family, 'sd-turbo');
      assert.equal(models[1]!.defaultSteps, 1);
      assert.equal(models[1]!.guidanceFree, true);
      assert.equal(models[1]!.executionProvider, 'not loaded');
    });

    it('runs a request on the model it names, loading it first and saying so', async () => {
      const beta = await run(client, request({ model: 'beta' }));
      assert.deepEqual(beta.loading, ['beta']);
      assert.equal(beta.result.info.model, 'beta');
      const again = await run(client, request({ model: 'beta', seed: 43 }));
      assert.deepEqual(again.loading, [], 'a loaded model is not loaded again');
      // The default model was released to make room (the budget holds one): it loads again, and paints otherwise.
      const alpha = await run(client, request());
      assert.deepEqual(alpha.loading, ['alpha']);
      assert.equal(alpha.result.info.model, 'alpha');
      assert.notDeepEqual(Buffer.from(alpha.result.images[0]!.png), Buffer.from(beta.result.images[0]!.png));
    });

    it('refuses a model that is not installed, politely (a user error, nothing loaded)', async () => {
      await assert.rejects(run(client, request({ model: 'gone' })), (err: unknown) => {
        assert.ok(err instanceof UserError);
        assert.equal(err.code, 'model-gone');
        assert.match(err.message, /"gone" is not installed/);
        return true;
      });
      await assert.rejects(run(client, request({ model: '../alpha' })), (err: unknown) => err instanceof UserError);
    });

    it('sees a model installed while it runs when asked again', async () => {
      cpSync(join(root, 'alpha'), join(root, 'gamma'), { recursive: true });
      try {
        const models = await client.refreshModels();
        assert.deepEqual(
          models.map((m) => m.name),
          ['alpha', 'beta', 'gamma'],
        );
        assert.deepEqual(
          client.models.map((m) => m.name),
          ['alpha', 'beta', 'gamma'],
        );
      } finally {
        rmSync(join(root, 'gamma'), { recursive: true, force: true });
      }
    });
  });

  it('keeps both loaded when the budget holds both', async () => {
    const client = createInferenceClient({
      ...inferenceOptions,
      modelDir: join(root, 'alpha'),
      modelsRoot: root,
      memoryBudgetBytes: 3 * oneModelBytes,
    });
    try {
      await client.start();
      const loads: string[] = [];
      for (const model of ['beta', undefined, 'beta', 'alpha'])
        loads.push(...(await run(client, request({ model }))).loading);
      assert.deepEqual(loads, ['beta']);
    } finally {
      await client.close();
    }
  });
});
