// Prompt tools end to end: permutations and --repeat through the real discord.js client on the local Discord.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customIds, isSettled, jobIdOf, useBot } from '../support/bot.ts';

describe('prompt tools end to end', () => {
  const h = useBot({ minEditIntervalMs: 0, specReport: false });

  it('{red, blue} with --repeat 2 asks first (count, quota, Run / Cancel), then Run starts four jobs, one message each', async () => {
    const { discord } = h;
    const handle = h.imagine({
      prompt: 'a {red, blue} circle on the left on a blue background --repeat 2',
      steps: 2,
      count: 1,
    });
    await discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`));
    const question = discord.original(handle);
    assert.equal(question.ephemeral, true);
    assert.match(
      question.content,
      /Your prompt makes 4 jobs: 4 images from your quota(; \d+ left after them)?\. Run them\?/,
    );
    const [run, drop] = customIds(question);
    assert.match(run!, /^runmany:\d+$/);
    assert.equal(drop, run!.replace('runmany', 'dropmany'));
    assert.equal(h.stores.jobs.listForUser(discord.users.alice.id).length, 0, 'nothing runs before Run');
    assert.equal(
      h.stores.quota.status({ guildId: discord.guildId, userId: discord.users.alice.id, roleIds: [] }).imagesUsed,
      0,
      'nothing is charged before Run',
    );

    const click = discord.clickButton(question.id, run!);
    const followUps = () => discord.interaction(click).followUpIds;
    const done = async () => {
      for (let i = 0; i < 600; i++) {
        const views = discord.messages.filter((m) => followUps().includes(m.id) && !m.ephemeral && !m.deleted);
        if (views.length === 4 && views.every(isSettled)) return views;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`not settled: ${followUps().length} follow-ups`);
    };
    const results = await done();
    assert.match(discord.original(click).content, /Your prompt makes 4 jobs: 4 images from your quota/);
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
    // A second click (or Cancel now) starts nothing more.
    const again = discord.clickButton(question.id, run!);
    await discord.waitFor((r) => r.path.startsWith(`/interactions/${again.id}/`));
    assert.match(discord.original(again).content, /already started or cancelled/);
    assert.equal(h.stores.jobs.listForUser(discord.users.alice.id).length, 4);
  });

  it('Cancel starts nothing, charges nothing and takes the buttons away; the prompt cannot be run after it', async () => {
    const { discord } = h;
    const before = h.stores.jobs.listForUser(discord.users.alice.id).length;
    const handle = h.imagine({ prompt: 'a {green, pink} star', steps: 2, count: 1 });
    await discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`));
    const question = discord.original(handle);
    const [run, drop] = customIds(question);
    const cancel = discord.clickButton(question.id, drop!);
    await discord.waitFor((r) => r.path.startsWith(`/interactions/${cancel.id}/`));
    for (let i = 0; i < 50 && !/Cancelled/.test(discord.getMessage(question.id)?.content ?? ''); i++)
      await new Promise((r) => setTimeout(r, 50));
    const after = discord.getMessage(question.id)!;
    assert.match(after.content, /Cancelled: nothing was started or charged\./);
    assert.deepEqual(customIds(after), []);
    // Decided once: the kept jobs cannot be taken again (a Run left on a copy of the message finds nothing).
    const id = Number(run!.split(':')[1]);
    assert.equal(h.stores.pending.take(id, discord.users.alice.id, 'run', 15 * 60_000), undefined);
    assert.equal(h.stores.jobs.listForUser(discord.users.alice.id).length, before);
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
