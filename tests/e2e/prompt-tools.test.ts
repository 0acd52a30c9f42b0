// Prompt tools end to end: permutations and --repeat through the real discord.js client on the local Discord.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSettled, jobIdOf, useBot } from '../support/bot.ts';

describe('prompt tools end to end', () => {
  const h = useBot({ minEditIntervalMs: 0, specReport: false });

  it('{red, blue} with --repeat 2 starts four jobs, says the count and the quota first, one public message each', async () => {
    const { discord } = h;
    const handle = h.imagine({
      prompt: 'a {red, blue} circle on the left on a blue background --repeat 2',
      steps: 2,
      count: 1,
    });
    await discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`));
    const ack = discord.original(handle);
    assert.equal(ack.ephemeral, true);
    const followUps = () => discord.interaction(handle).followUpIds;
    const done = async () => {
      for (let i = 0; i < 600; i++) {
        const views = discord.messages.filter((m) => followUps().includes(m.id) && !m.ephemeral && !m.deleted);
        if (views.length === 4 && views.every(isSettled)) return views;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`not settled: ${followUps().length} follow-ups`);
    };
    const results = await done();
    const acked = discord.original(handle);
    assert.match(acked.content, /Your prompt makes 4 jobs: 4 images from your quota(; \d+ left after them)?\./);
    const jobs = results.map((m) => h.stores.jobs.get(jobIdOf(m))!);
    assert.deepEqual(jobs.map((j) => j.params.prompt).sort(), [
      'a blue circle on the left on a blue background',
      'a blue circle on the left on a blue background',
      'a red circle on the left on a blue background',
      'a red circle on the left on a blue background',
    ]);
    assert.ok(jobs.every((j) => j.state === 'done' && j.params.count === 1));
    assert.equal(new Set(jobs.map((j) => j.params.seed)).size, 4, 'each repeat has its own seed');
    assert.ok(results.every((m) => /\*\*a (red|blue) circle on the left on a blue background\*\*/.test(m.content)));
    assert.ok(
      results.every((m) => !/not understood/.test(m.content)),
      '--repeat is understood',
    );
  });

  it('more than the cap is refused privately with the cap named, and nothing is charged', async () => {
    const { discord } = h;
    const all = { since: 0, until: Number.MAX_SAFE_INTEGER };
    const accepted = h.stores.usage.list(all, { decision: 'accepted' }).length;
    const handle = h.imagine({ prompt: 'a {red, blue, green} star --repeat 4', steps: 2, count: 1 });
    await discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`));
    const answer = discord.original(handle);
    assert.equal(answer.ephemeral, true);
    assert.match(answer.content, /That makes 12 jobs .*the most one prompt may start is 10/);
    assert.deepEqual(discord.interaction(handle).followUpIds, []);
    assert.equal(h.stores.usage.list(all, { decision: 'accepted' }).length, accepted);
    const refusals = h.stores.usage.list(all, { decision: 'refused' });
    assert.ok(refusals.some((r) => r.reasonCode === 'too-many-jobs'));
  });
});
