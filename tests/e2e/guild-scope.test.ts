// A job belongs to its server: crafted custom_ids naming another server's job find nothing, end to end.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Routes } from 'discord.js';
import type { InteractionHandle } from '../support/discord/index.ts';
import { jobIdOf, useBot } from '../support/bot.ts';

describe('buttons and job lookups stay inside their server', () => {
  let jobA: number;

  const h = useBot({ minEditIntervalMs: 0, emulator: { guilds: 2 }, specReport: false }, async () => {
    const result = await h.settled(h.imagine({ prompt: 'a secret lighthouse at dawn', seed: 7 }));
    jobA = jobIdOf(result);
  });

  const answerOf = async (handle: InteractionHandle) => {
    await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`));
    await h.idle();
    return h.discord.original(handle);
  };

  it('every button with an edited custom_id from another server is answered as an unknown job', async () => {
    const other = h.discord.guilds[1]!;
    const actions = [
      `info:${jobA}`,
      `upscale:${jobA}:0`,
      `vary:${jobA}:1`,
      `reroll:${jobA}`,
      `subtle:${jobA}:0`,
      `strong:${jobA}:0`,
      `delete:${jobA}`,
      `cancel:${jobA}`,
    ];
    const posted = (await h.bot.client.rest.post(Routes.channelMessages(other.channelId), {
      body: {
        content: 'crafted',
        components: [
          {
            type: 1,
            components: actions
              .slice(0, 4)
              .map((id) => ({ type: 2, style: 2, label: id.split(':')[0], custom_id: id })),
          },
          {
            type: 1,
            components: actions.slice(4).map((id) => ({ type: 2, style: 2, label: id.split(':')[0], custom_id: id })),
          },
        ],
      },
    })) as { id: string };
    const jobsBefore = h.stores.database.sqlite.prepare('SELECT COUNT(*) AS n FROM jobs').get() as {
      n: number;
    };
    for (const id of actions) {
      // The other server's owner has every permission there, as a moderator of their own server would.
      const answer = await answerOf(h.discord.clickButton(posted.id, id, { user: h.discord.users.owner }));
      assert.equal(answer.ephemeral, true, id);
      assert.match(answer.content, new RegExp(`I have no record of job #${jobA} here`), id);
      assert.doesNotMatch(JSON.stringify(answer), /lighthouse/, id);
    }
    const job = h.stores.jobs.get(jobA)!;
    assert.equal(job.deleted, false);
    assert.equal(h.stores.jobs.images(jobA).length, 4);
    const jobsAfter = h.stores.database.sqlite.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number };
    assert.equal(jobsAfter.n, jobsBefore.n, "no child job was made from another server's job");
    // No image of job A was reposted anywhere in the other server.
    assert.ok(h.discord.messagesIn(other.channelId).every((m) => m.files.length === 0));
  });

  it("the same buttons still work in the job's own server", async () => {
    const posted = (await h.bot.client.rest.post(Routes.channelMessages(h.discord.channelId), {
      body: {
        content: 'same server',
        components: [{ type: 1, components: [{ type: 2, style: 2, label: 'info', custom_id: `info:${jobA}` }] }],
      },
    })) as { id: string };
    const answer = await answerOf(h.discord.clickButton(posted.id, `info:${jobA}`, { user: h.discord.users.bob }));
    assert.match(JSON.stringify(answer.embeds), /lighthouse/);
  });
});
