// Worker capacity per model: runs matched to the slots of workers serving their models.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitsWorkers, modelAvailability } from '../../src/scale/capacity.ts';

const demand = (o: Record<string, number>) => new Map(Object.entries(o));

describe('worker capacity per model', () => {
  it("a worker's slots are shared by the models it serves: two models on one slot are one slot", () => {
    const both = [{ models: ['alpha', 'beta'], slots: 1 }];
    assert.equal(fitsWorkers(demand({ alpha: 1 }), both), true);
    assert.equal(fitsWorkers(demand({ alpha: 1, beta: 1 }), both), false);
    assert.equal(modelAvailability('beta', demand({ alpha: 1 }), both), 'busy');
    assert.equal(modelAvailability('beta', demand({}), both), 'free');
  });

  it('a run fits only a worker serving its model, and runs move between workers to make room', () => {
    const workers = [
      { models: ['alpha'], slots: 1 },
      { models: ['alpha', 'beta'], slots: 1 },
    ];
    // alpha can go on the alpha-only worker, which leaves the other for beta.
    assert.equal(modelAvailability('beta', demand({ alpha: 1 }), workers), 'free');
    assert.equal(modelAvailability('alpha', demand({ beta: 1 }), workers), 'free');
    assert.equal(modelAvailability('beta', demand({ alpha: 2 }), workers), 'busy');
    assert.equal(
      modelAvailability('beta', demand({ beta: 1 }), workers),
      'busy',
      'one worker serves beta, and it is full',
    );
    assert.equal(fitsWorkers(demand({ beta: 2 }), workers), false);
    assert.equal(fitsWorkers(demand({ alpha: 2 }), workers), true);
  });

  it('a model no live worker serves is unserved, and its runs waiting in Redis take no slot from others', () => {
    const workers = [{ models: ['alpha'], slots: 2 }];
    assert.equal(modelAvailability('gamma', demand({}), workers), 'unserved');
    assert.equal(modelAvailability('alpha', demand({ gamma: 3, alpha: 1 }), workers), 'free');
    assert.equal(modelAvailability('alpha', demand({ alpha: 2 }), workers), 'busy');
    assert.equal(modelAvailability('alpha', demand({}), [{ models: ['alpha'], slots: 0 }]), 'unserved');
    assert.equal(modelAvailability('alpha', demand({}), []), 'unserved');
  });

  it('several slots per worker', () => {
    const workers = [
      { models: ['alpha', 'beta'], slots: 2 },
      { models: ['beta'], slots: 1 },
    ];
    assert.equal(fitsWorkers(demand({ alpha: 2, beta: 1 }), workers), true);
    assert.equal(fitsWorkers(demand({ alpha: 1, beta: 2 }), workers), true);
    assert.equal(fitsWorkers(demand({ alpha: 2, beta: 2 }), workers), false);
    assert.equal(fitsWorkers(demand({ alpha: 3 }), workers), false);
  });
});
