// Prompts waiting for Run or Cancel (src/db/pending.ts): kept with their requests, taken once, by their author only,
// within the time allowed; old rows are dropped when new ones are written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { params, setup } from './helpers.ts';

describe('pending prompts', () => {
  it('keeps the jobs, gives them to their author once, within the time allowed', () => {
    const s = setup();
    const jobs = [
      { usageKind: 'imagine', params: params({ prompt: 'a red circle', count: 1 }) },
      { usageKind: 'imagine', params: params({ prompt: 'a blue circle', count: 1, chaos: 20 }) },
    ];
    const at = s.clock();
    const id = s.pending.create({ userId: 'u1', guildId: 'g1', channelId: 'c1', jobs }, at);
    assert.equal(s.pending.take(id, 'u2', 'run', 60_000, at), undefined, 'someone else’s');
    assert.equal(s.pending.take(id, 'u1', 'run', 60_000, at + 60_001), undefined, 'too old');
    const taken = s.pending.take(id, 'u1', 'run', 60_000, at + 1000);
    assert.deepEqual(taken?.jobs, jobs, 'the requests as they were, read back through the schema');
    assert.deepEqual([taken?.userId, taken?.guildId, taken?.channelId], ['u1', 'g1', 'c1']);
    assert.equal(s.pending.take(id, 'u1', 'run', 60_000, at + 2000), undefined, 'once');
    assert.equal(s.pending.take(id, 'u1', 'cancel', 60_000, at + 2000), undefined, 'and not cancelled after');
    const other = s.pending.create({ userId: 'u1', guildId: null, channelId: null, jobs }, at);
    assert.ok(s.pending.take(other, 'u1', 'cancel', 60_000, at));
    assert.equal(s.pending.take(other, 'u1', 'run', 60_000, at), undefined);
    // A day later, writing a new one drops the old rows.
    s.pending.create({ userId: 'u3', guildId: 'g1', channelId: 'c1', jobs }, at + 86_400_001);
    assert.equal(s.database.sqlite.prepare('SELECT count(*) FROM pending_prompts').pluck().get(), 1);
  });
});
