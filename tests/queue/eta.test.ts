// Projection of the waiting line onto the slots: with workers serving different models, each job waits for a slot
// of a worker that serves its model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Job } from '../../src/db/jobs.ts';
import { projectRuns, projectStarts, projectStartsOnWorkers } from '../../src/queue/eta.ts';

const job = (id: number, model: string, runMs: number) => ({ id, model, runMs }) as unknown as Job;
const runMsOf = (j: Job) => (j as unknown as { runMs: number }).runMs;

test('projectStartsOnWorkers: a job waits for a slot serving its model, not for any idle one', () => {
  const order = [job(2, 'alpha', 500), job(3, 'beta', 300), job(4, 'alpha', 200), job(5, 'beta', 100)];
  const workers = [
    { models: ['alpha'], slots: 1 },
    { models: ['beta'], slots: 1 },
  ];
  const busy = [{ model: 'alpha', ms: 1000 }];
  const etas = projectStartsOnWorkers(order, busy, workers, runMsOf).map((e) => [e.position, e.etaMs]);
  assert.deepEqual(etas, [
    [1, 1000],
    [2, 0],
    [3, 1500],
    [4, 300],
  ]);
  // Any slot for any job (the projection before capacity per model) told the first alpha job it starts at once.
  assert.equal(projectStarts(order, [1000], 2, runMsOf)[0]!.etaMs, 0);
});

test('projectStartsOnWorkers: a worker serving both models is one slot, left to the line when a dedicated one fits', () => {
  const workers = [
    { models: ['alpha', 'beta'], slots: 1 },
    { models: ['alpha'], slots: 1 },
  ];
  // The running alpha job is put on the alpha-only worker, so the beta job can start at once on the shared one.
  const etas = projectStartsOnWorkers([job(2, 'beta', 100)], [{ model: 'alpha', ms: 800 }], workers, runMsOf);
  assert.equal(etas[0]!.etaMs, 0);
  const both = projectStartsOnWorkers(
    [job(2, 'beta', 100)],
    [
      { model: 'alpha', ms: 800 },
      { model: 'alpha', ms: 400 },
    ],
    workers,
    runMsOf,
  );
  assert.equal(both[0]!.etaMs, 400, 'both slots busy: beta starts when the shared worker frees up');
});

test('projectRuns: the jobs of a run start together and take one slot for as long as the longest of them', () => {
  const [a, b, c, d] = [job(1, 'alpha', 300), job(2, 'alpha', 500), job(3, 'alpha', 200), job(4, 'alpha', 100)];
  const etas = projectRuns(
    [a!, b!, c!, d!],
    [[a!, b!], [c!], [d!]],
    (firsts, estimate) => projectStarts(firsts, [], 1, estimate),
    runMsOf,
  ).map((e) => [e.job.id, e.position, e.etaMs, e.runMs]);
  assert.deepEqual(etas, [
    [1, 1, 0, 500],
    [2, 2, 0, 500],
    [3, 3, 500, 200],
    [4, 4, 700, 100],
  ]);
});
