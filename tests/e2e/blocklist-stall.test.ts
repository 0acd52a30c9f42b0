// The review's evil regexes through the real bot: while a moderator adds them and members send prompts that match
// them, every interaction is still acknowledged within Discord's 3 seconds (a backtracking engine froze the bot for
// 16 s to 150 s here).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EVIL_PATTERNS, EVIL_PROMPTS } from '../../src/moderation/evil.ts';
import type { InteractionHandle } from '../support/discord/index.ts';
import { useBot } from '../support/bot.ts';
import { waitUntil } from '../support/wait.ts';

describe('evil regexes cannot stall the gateway', () => {
  const h = useBot({ minEditIntervalMs: 0, specReport: false });

  const answered = async (handle: InteractionHandle) => {
    await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`), { timeout: 10_000 });
    const it = h.discord.interaction(handle);
    assert.ok(it.ack, 'acknowledged');
    return { latency: it.ack.at - it.createdAt, message: h.discord.original(handle) };
  };

  it("adds and matches them while a member's /imagine is acknowledged within 3 s", async () => {
    const handles: InteractionHandle[] = [];
    for (const pattern of EVIL_PATTERNS) {
      handles.push(h.discord.slashCommand('blocklist add', { pattern }, { user: h.discord.users.mod }));
      handles.push(h.imagine({ prompt: 'a lighthouse at dusk' }));
    }
    for (const prompt of EVIL_PROMPTS) handles.push(h.imagine({ prompt }, { user: h.discord.users.bob }));
    handles.push(h.imagine({ prompt: 'a teapot' }));
    for (const handle of handles) {
      const { latency } = await answered(handle);
      assert.ok(latency < 3000, `acknowledged after ${latency} ms`);
    }
    const adds = handles.filter((_, i) => i < 4 && i % 2 === 0);
    for (const add of adds) assert.match((await answered(add)).message.content, /Added|too big/);
    const patterns = h.stores.moderation.blocklist(h.discord.guildId).map((e) => e.pattern);
    assert.deepEqual(patterns.sort(), [...EVIL_PATTERNS].sort(), 'both are linear under RE2, so both are accepted');
    // The members' matching prompts were refused, privately, as blocked.
    const blocked = () =>
      h.stores.usage
        .list({ since: 0, until: Number.MAX_SAFE_INTEGER }, { decision: 'refused' })
        .filter((r) => r.reasonCode === 'blocklist').length;
    // Decided after their acknowledgements (a crowd's are acknowledged first).
    await waitUntil(() => blocked() >= 3, { what: 'the three matching prompts to be refused', timeout: 10_000 });
    assert.equal(blocked(), 3);
    await h.idle();
  });
});
