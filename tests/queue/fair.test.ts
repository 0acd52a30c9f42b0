import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FairQueue } from '../../src/queue/fair.ts';

let nextId = 1;
const item = (userId: string, guildId: string | null = 'g1') => ({ id: nextId++, userId, guildId });

function drain<T extends { userId: string }>(q: FairQueue<T & { id: number; guildId: string | null }>): string[] {
  const out: string[] = [];
  for (let i = q.shift(); i; i = q.shift()) out.push(i.userId);
  return out;
}

describe('FairQueue', () => {
  it('keeps each user in FIFO order and takes users in turn', () => {
    const q = new FairQueue();
    const a = [item('a'), item('a'), item('a')];
    const b = [item('b'), item('b')];
    for (const x of [...a, ...b, item('c')]) q.push(x);
    const order = q.order();
    assert.deepEqual(
      order.map((x) => x.userId),
      ['a', 'b', 'c', 'a', 'b', 'a'],
    );
    assert.deepEqual(
      order.filter((x) => x.userId === 'a').map((x) => x.id),
      a.map((x) => x.id),
    );
    assert.equal(q.size, 6, 'order() projects on a copy');
    assert.deepEqual(drain(q), ['a', 'b', 'c', 'a', 'b', 'a']);
  });

  it('gives a newcomer the next turn after a heavy user has been served', () => {
    const q = new FairQueue();
    for (let i = 0; i < 20; i++) q.push(item('heavy'));
    assert.equal(q.shift()?.userId, 'heavy');
    assert.equal(q.shift()?.userId, 'heavy');
    q.push(item('light'));
    assert.equal(q.shift()?.userId, 'light');
    assert.equal(q.countForUser('heavy'), 18);
  });

  it('does not let idle time be banked as credit', () => {
    const q = new FairQueue();
    q.push(item('a'));
    q.shift();
    for (let i = 0; i < 3; i++) q.push(item('b'));
    q.shift();
    q.shift();
    // 'a' comes back after a pause: it gets the next turn, not a run of turns.
    q.push(item('a'));
    q.push(item('a'));
    assert.deepEqual(drain(q), ['a', 'b', 'a']);
  });

  it('splits turns between guilds by weight, then between each guild’s users', () => {
    const q = new FairQueue({ guildWeights: { big: 2 } });
    for (let i = 0; i < 30; i++) {
      q.push(item(i % 2 ? 'x' : 'y', 'big'));
      q.push(item('z', 'small'));
    }
    const first = q.order().slice(0, 30);
    const big = first.filter((x) => x.guildId === 'big');
    assert.equal(big.length, 20, 'weight 2 gets two turns in three');
    assert.equal(big.filter((x) => x.userId === 'x').length, 10, 'users of a guild share its turns equally');
  });

  it('removes without charging and takes out of turn with a charge', () => {
    const q = new FairQueue();
    const a1 = item('a');
    const a2 = item('a');
    const b1 = item('b');
    const c1 = item('c');
    for (const x of [a1, a2, b1, c1]) q.push(x);
    assert.equal(q.remove(b1.id)?.id, b1.id);
    assert.equal(q.remove(b1.id), undefined);
    assert.ok(q.take(c1.id), 'batch partner taken out of turn');
    // c was charged a turn but has nothing left; a is next twice.
    assert.deepEqual(
      q.order().map((x) => x.id),
      [a1.id, a2.id],
    );
    q.remove(a2.id);
    q.push(b1);
    q.unshift(a2);
    assert.deepEqual(
      q.order().map((x) => x.id),
      [a2.id, b1.id, a1.id],
      'unshift puts a job first among its owner’s',
    );
  });

  it('resume puts an interrupted job at the head of the whole line, ahead of every turn, and charges nobody', () => {
    const q = new FairQueue();
    const [b1, b2, a1, c1] = [item('b'), item('b'), item('a'), item('c')];
    for (const x of [b1, b2, c1]) q.push(x);
    q.resume(a1);
    assert.deepEqual(
      q.order().map((x) => x.id),
      [a1.id, b1.id, c1.id, b2.id],
    );
    assert.equal(q.countForUser('a'), 1);
    assert.equal(q.shift()?.id, a1.id);
    // a was not charged a turn by its resumed job: b and c keep their order.
    assert.deepEqual(
      q.order().map((x) => x.id),
      [b1.id, c1.id, b2.id],
    );
    q.resume(a1);
    assert.equal(q.remove(a1.id)?.id, a1.id);
    assert.ok(!q.has(a1.id));
    assert.throws(() => {
      q.resume(b1);
    }, /already queued/);
  });

  it('rejects a duplicate id and a bad weight', () => {
    const q = new FairQueue();
    const x = item('a');
    q.push(x);
    assert.throws(() => q.push(x), /already queued/);
    assert.throws(() => new FairQueue({ guildWeights: { g: 0 } }), /positive/);
  });
});
