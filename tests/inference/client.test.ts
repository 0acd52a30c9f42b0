import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancelledError, ModelError, UserError } from '../../src/errors.ts';
import { createPipeline } from '../../src/diffusion/pipeline.ts';
import { InferenceCrashedError, createInferenceClient, type InferenceClient } from '../../src/inference/client.ts';
import { deserializeError, serializeError } from '../../src/inference/protocol.ts';
import { setLogLevel } from '../../src/log.ts';
import { generateRequest, inferenceOptions, isAlive } from '../support/inference.ts';
import { tinyModel } from '../support/models.ts';

setLogLevel('warn');

describe('inference process', () => {
  let modelDir: string;
  let client: InferenceClient;
  before(async () => {
    modelDir = await tinyModel({});
    client = createInferenceClient({ modelDir, ...inferenceOptions });
  });
  after(() => client.close());

  it('loads the model in a child process and returns the same PNG bytes as the pipeline in-process', async () => {
    const info = await client.start();
    assert.equal(info.family, 'sd15');
    assert.equal(client.info?.name, info.name);
    assert.ok(client.pid && client.pid !== process.pid);
    const remote = await client.generate(generateRequest({ count: 2, preview: true }));
    const local = await createPipeline(modelDir, inferenceOptions);
    try {
      const mine = await local.generate(generateRequest({ count: 2, preview: true }));
      assert.equal(remote.images.length, 2);
      assert.ok(remote.images[0]!.png instanceof Uint8Array);
      assert.deepEqual(
        remote.images.map((i) => Buffer.from(i.png)),
        mine.images.map((i) => Buffer.from(i.png)),
      );
    } finally {
      await local.release();
    }
  });

  it('relays progress with previews', async () => {
    const steps: number[] = [];
    const previews: number[] = [];
    await client.generate(generateRequest({ steps: 4, preview: true }), {
      onStep: (s) => {
        steps.push(s.step);
        if (s.preview instanceof Uint8Array && s.preview.length > 0) previews.push(s.step);
      },
    });
    assert.deepEqual(steps, [1, 2, 3, 4]);
    // The first step's preview crosses the process boundary; the last step gets none (the result follows).
    assert.equal(previews[0], 1);
    assert.ok(!previews.includes(4));
  });

  it('keeps the kind and message of errors across the process boundary', async () => {
    await assert.rejects(client.generate(generateRequest({ width: 70 })), (e: unknown) => {
      assert.ok(e instanceof UserError);
      assert.equal(e.code, 'bad-size');
      assert.equal(e.message, 'The width must be a multiple of 8 between 64 and 256 pixels (got 70).');
      return true;
    });
    const m = deserializeError(serializeError(new ModelError('/m/x', 'unet/model.onnx is missing.')));
    assert.ok(m instanceof ModelError);
    assert.equal(m.message, 'The model in /m/x cannot be used: unet/model.onnx is missing.');
    assert.equal((m as ModelError).dir, '/m/x');
  });

  it('cancels a running request between steps (CancelledError) and serves the next one', async () => {
    const controller = new AbortController();
    const pid = client.pid;
    assert.ok(pid, 'the inference process runs');
    const seen: number[] = [];
    await assert.rejects(
      client.generate(generateRequest({ steps: 200 }), {
        signal: controller.signal,
        onStep: ({ step }) => {
          seen.push(step);
          if (step !== 1) return;
          // Frozen while the abort is sent: the tiny model's steps are quicker than this process's answer to one.
          process.kill(pid, 'SIGSTOP');
          controller.abort();
          setTimeout(() => process.kill(pid, 'SIGCONT'), 50);
        },
      }),
      CancelledError,
    );
    assert.ok(seen.length < 200, `stopped after ${seen.length} steps`);
    assert.equal(client.pid, pid, 'cancelling does not restart the process');
    const ok = await client.generate(generateRequest());
    assert.equal(ok.images.length, 1);
  });

  it('rejects the running request when the process is killed, and recovers with a fresh process', async () => {
    const first = client.pid!;
    await assert.rejects(
      client.generate(generateRequest({ steps: 80 }), {
        onStep: ({ step }) => {
          if (step === 1) process.kill(first, 'SIGKILL');
        },
      }),
      (e: unknown) => {
        assert.ok(e instanceof InferenceCrashedError);
        assert.match(e.message, /stopped unexpectedly \(signal SIGKILL\)/);
        return true;
      },
    );
    const again = await client.generate(generateRequest());
    assert.equal(again.images.length, 1);
    assert.ok(client.pid && client.pid !== first);
    assert.equal(isAlive(first), false);
  });

  it('restart() fails the running request and starts a fresh process', async () => {
    const before = client.pid!;
    let restarting: Promise<void> | undefined;
    await assert.rejects(
      client.generate(generateRequest({ steps: 80 }), {
        onStep: ({ step }) => {
          if (step === 1) restarting = client.restart();
        },
      }),
      (e: unknown) => e instanceof InferenceCrashedError && /restarted/.test(e.message),
    );
    await restarting;
    assert.ok(client.pid && client.pid !== before);
    assert.equal((await client.generate(generateRequest())).images.length, 1);
  });

  it('close() stops the process', async () => {
    const c = createInferenceClient({ modelDir, ...inferenceOptions });
    await c.start();
    const pid = c.pid!;
    await c.close();
    assert.equal(isAlive(pid), false);
    await assert.rejects(c.generate(generateRequest()), /closed/);
  });
});

describe('inference process start-up errors', () => {
  it('a model that cannot be loaded rejects start() with the ModelError, and is tried again next time', async () => {
    const c = createInferenceClient({ ...inferenceOptions, modelDir: '/nonexistent/model' });
    try {
      await assert.rejects(
        c.start(),
        (e: unknown) =>
          e instanceof ModelError && /\/nonexistent\/model cannot be used: the folder does not exist/.test(e.message),
      );
      await assert.rejects(c.generate(generateRequest()), ModelError);
    } finally {
      await c.close();
    }
  });

  it('a request cancelled before it starts never reaches the process', async () => {
    const c = createInferenceClient({ ...inferenceOptions, modelDir: await tinyModel({}) });
    try {
      await assert.rejects(c.generate(generateRequest(), { signal: AbortSignal.abort() }), CancelledError);
    } finally {
      await c.close();
    }
  });
});

describe('MODEL_SCHEDULER in the inference process', () => {
  it('loads a model whose scheduler class Atelier lacks, and uses the chosen scheduler for requests that name none', async () => {
    const { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const tmp = mkdtempSync(join(tmpdir(), 'atelier-model-scheduler-'));
    try {
      const dir = join(tmp, 'deis-model');
      cpSync(await tinyModel({}), dir, { recursive: true });
      const cfgPath = join(dir, 'scheduler', 'scheduler_config.json');
      writeFileSync(
        cfgPath,
        JSON.stringify({ ...JSON.parse(readFileSync(cfgPath, 'utf8')), _class_name: 'DEISMultistepScheduler' }),
      );
      const refused = createInferenceClient({ modelDir: dir, ...inferenceOptions });
      try {
        await assert.rejects(
          refused.start(),
          (e: unknown) =>
            e instanceof ModelError && /DEISMultistepScheduler, which Atelier does not implement/.test(e.message),
        );
      } finally {
        await refused.close();
      }
      const chosen = createInferenceClient({ modelDir: dir, ...inferenceOptions, scheduler: 'unipc' });
      try {
        const info = await chosen.start();
        assert.equal(info.defaultScheduler, 'unipc');
        const r = await chosen.generate(generateRequest({ scheduler: undefined }));
        assert.equal(r.info.scheduler, 'unipc');
      } finally {
        await chosen.close();
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
