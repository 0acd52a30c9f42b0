// A bot stand-in for worker-exit.test.ts: starts the inference process, asks for a long generation with progress,
// prints the worker's pid, and dies with SIGKILL at the first step, as a crashed or killed bot would.
import { createInferenceClient } from '../../src/inference/client.ts';
import { tinyModel } from '../support/models.ts';

const client = createInferenceClient({
  modelDir: await tinyModel({}),
  executionProviders: ['cpu'],
  intraOpThreads: 1,
  logLevel: 'warn',
  bounds: { maxWidth: 256, maxHeight: 256, maxSteps: 200, maxImages: 4 },
});
await client.start();
console.log(`worker ${client.pid}`);
void client.generate(
  {
    prompt: 'a long job',
    width: 128,
    height: 128,
    steps: 200,
    guidanceScale: 7.5,
    seed: 1,
    count: 4,
    scheduler: 'euler',
    preview: true,
  },
  {
    onStep: () => process.kill(process.pid, 'SIGKILL'),
  },
);
