// What the bot echoes of a prompt: names, not raw mention ids; no masked links or bidirectional controls; no pings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jobIdOf, useBot } from '../support/bot.ts';

describe('echoed prompts', () => {
  const h = useBot({ minEditIntervalMs: 0, specReport: false });

  it('shows mentions as names and strips masked links and bidi controls', async () => {
    const { roles, channelId, users } = h.discord;
    const prompt =
      `a portrait of <@${users.bob.id}> with <@&${roles.moderator.id}> in <#${channelId}>, ` +
      '[click me](https://evil.example/steal) \u202Eevil\u202C';
    const result = await h.settled(h.imagine({ prompt }));
    // The echoed prompt: the bold part before the requester's own mention.
    const content = result.content.split(' — ')[0]!;
    assert.doesNotMatch(content, /<@|<#|\d{17,}>/, result.content);
    assert.match(content, /@bob/i);
    assert.match(content, /@Moderator/);
    assert.match(content, /#general/);
    assert.match(content, /click me/);
    assert.doesNotMatch(content, /evil\.example|\u202E|\u202C/u);
    const job = h.stores.jobs.get(jobIdOf(result))!;
    assert.match(job.params.prompt, /^a portrait of @bob with @Moderator in #general, click me evil$/i);
    const posts = h.discord.requests.filter(
      (r) => r.json && typeof r.json === 'object' && 'content' in (r.json as object),
    );
    for (const r of posts) {
      const allowed = (r.json as { allowed_mentions?: { parse?: string[] } }).allowed_mentions;
      if (allowed) assert.deepEqual(allowed.parse ?? [], []);
    }
  });
});
