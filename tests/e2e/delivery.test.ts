// How results reach people when things go sideways: a deleted message, a token Discord killed early, spoilers,
// throttled progress, direct messages.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { InteractionHandle } from '../support/discord/index.ts';
import { waitUntil } from '../support/wait.ts';
import { customIds, isSettled, jobIdOf, startBot, useBot } from '../support/bot.ts';

describe('delivery end to end', () => {
  const h = useBot({ env: { MAX_STEPS: '200' }, botClock: 'real', specReport: false });
  afterEach(() => {
    assert.equal(h.discord.specReport(), '');
    assert.deepEqual(h.discord.unknownRoutes, []);
  });

  async function messageOf(handle: InteractionHandle): Promise<string> {
    await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`));
    return h.discord.original(handle).id;
  }

  async function runningJob(handle: InteractionHandle): Promise<number> {
    const id = await messageOf(handle);
    const m = await h.discord.waitForMessage((x) => x.id === id && customIds(x).some((c) => c.startsWith('cancel:')));
    const jobId = jobIdOf(m);
    const end = Date.now() + 10_000;
    while (h.stores.jobs.get(jobId)!.state !== 'running') {
      if (Date.now() > end) throw new Error('the job did not start');
      await new Promise((r) => setTimeout(r, 5));
    }
    return jobId;
  }

  it('progress edits come at most every 1.5 s; the result is not held back', async () => {
    const handle = h.imagine({ prompt: 'a slow sunrise', steps: 200, aspect: '16:9' });
    const final = await h.settled(handle, 30_000);
    const edits = h.discord.requests.filter((r) => r.method === 'PATCH' && r.path.includes(handle.token));
    assert.ok(edits.length >= 2);
    const statusEdits = edits.filter((r) => !r.files.some((f) => /grid/.test(f.name)));
    for (let i = 1; i < statusEdits.length; i++) {
      assert.ok(
        statusEdits[i]!.at - statusEdits[i - 1]!.at >= 1500,
        `edits ${i - 1} and ${i} are ${statusEdits[i]!.at - statusEdits[i - 1]!.at} ms apart`,
      );
    }
    assert.equal(final.files.length, 1);
  });

  it('posts the result anew, mentioning its owner, when the message was deleted', async () => {
    const { discord } = h;
    const blocker = h.imagine({ prompt: 'keeps the slot busy', steps: 200, aspect: '16:9' });
    await runningJob(blocker);
    const bob = discord.users.bob;
    const handle = h.imagine({ prompt: 'a fragile vase' }, { user: bob });
    const messageId = await messageOf(handle);
    discord.deleteMessage(messageId);
    const posted = await discord.waitForMessage(
      (m) => m.id !== messageId && m.content.includes('a fragile vase') && isSettled(m),
      { timeout: 30_000 },
    );
    assert.equal(posted.content.split(`<@${bob.id}>`).length - 1, 1, `the owner is mentioned once: ${posted.content}`);
    assert.equal(posted.interactionId, null, 'a plain channel message, sent with the bot token');
    assert.match(posted.content, /\*\*a fragile vase\*\*/);
    assert.deepEqual(
      posted.mentions.map((u) => u.id),
      [bob.id],
    );
    const jobId = jobIdOf(posted);
    await waitUntil(() => h.stores.jobs.get(jobId)!.messageId === posted.id);
    await h.settled(blocker, 30_000);
    await h.idle();
    assert.equal(discord.messages.filter((m) => !m.deleted && m.content.includes('a fragile vase')).length, 1);
    // Posted with a nonce Discord enforces: a retry or a restarted bot posting the same job gets this message back.
    const post = discord.requests.find(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${discord.channelId}/messages` &&
        String((r.json as { content?: string } | undefined)?.content).includes('a fragile vase'),
    );
    assert.deepEqual(
      [(post?.json as { nonce?: string })?.nonce, (post?.json as { enforce_nonce?: boolean })?.enforce_nonce],
      [`atelier-job-${jobId}`, true],
    );
  });

  it('falls back to the bot token when Discord refuses a token the bot still thought valid', async () => {
    const { discord } = h;
    const blocker = h.imagine({ prompt: 'another long one', steps: 200, aspect: '16:9' });
    await runningJob(blocker);
    const handle = h.imagine({ prompt: 'a late letter' }, { user: discord.users.bob });
    const messageId = await messageOf(handle);
    await discord.waitForMessage((m) => m.id === messageId && /Waiting in the queue/.test(m.content));
    discord.clock.advance(16 * 60 * 1000); // Discord's clock only: the bot (real time) still trusts the token
    const final = await h.settled(handle, 30_000);
    assert.equal(final.id, messageId);
    const mine = discord.requests.filter(
      (r) => r.path.includes(handle.token) || r.path === `/channels/${discord.channelId}/messages/${messageId}`,
    );
    const refused = mine.filter((r) => r.response.status === 401);
    assert.ok(refused.length >= 1, 'the webhook edit was refused');
    assert.equal((refused[0]!.response.body as { code: number }).code, 50027);
    const afterRefusal = mine.slice(mine.indexOf(refused[0]!) + 1);
    assert.ok(
      afterRefusal.length > 0 && afterRefusal.every((r) => r.path.startsWith('/channels/')),
      'then only the bot token',
    );
    await h.settled(blocker, 30_000);
  });

  it('a token refused before its first edit: the deferred message itself shows the result (its id came with the deferral)', async () => {
    const { discord } = h;
    const handle = h.imagine({ prompt: 'an early refusal' }, { user: discord.users.bob });
    // Every webhook edit with this token is refused, as Discord does for a token it has expired.
    discord.failNext({
      method: 'PATCH',
      path: new RegExp(`/webhooks/\\d+/${handle.token}/`),
      status: 401,
      body: { message: 'Invalid Webhook Token', code: 50027 },
      times: 1000,
    });
    const messageId = await messageOf(handle);
    const final = await discord.waitForMessage((m) => m.id === messageId && isSettled(m), { timeout: 30_000 });
    assert.match(final.content, /an early refusal/);
    await h.idle();
    assert.equal(
      discord.messages.filter((m) => !m.deleted && m.content.includes('an early refusal')).length,
      1,
      'not posted again',
    );
  });

  it('posts as spoilers when the server requires it or the member asked for it', async () => {
    const { stores } = h;
    stores.settings.set(h.discord.users.bob.id, { spoiler: true });
    const bobs = await h.settled(h.imagine({ prompt: 'a secret garden' }, { user: h.discord.users.bob }));
    assert.match(bobs.files[0]!.filename, /^SPOILER_/);
    const plain = await h.settled(h.imagine({ prompt: 'an open garden' }));
    assert.doesNotMatch(plain.files[0]!.filename, /^SPOILER_/);
    stores.limits.set({
      guildId: h.discord.guildId,
      scope: 'guild',
      key: 'spoilerRequired',
      value: 'yes',
      moderatorId: h.discord.users.mod.id,
    });
    const required = await h.settled(h.imagine({ prompt: 'a walled garden' }));
    assert.match(required.files[0]!.filename, /^SPOILER_/);
    stores.limits.reset({
      guildId: h.discord.guildId,
      scope: 'guild',
      key: 'spoilerRequired',
      moderatorId: h.discord.users.mod.id,
    });
  });

  it('refuses over-quota and blocklisted prompts privately, logs why, charges nothing', async () => {
    const { discord } = h;
    const { stores } = h;
    const carol = discord.addUser('carol');
    const refusal = async (handle: InteractionHandle) =>
      discord.waitForMessage((m) => m.interactionId === handle.id && m.ephemeral);
    const attempt = h.imagine({ prompt: 'a n u d e statue' }, { user: carol });
    const blocked = await refusal(attempt);
    assert.match(blocked.content, /Your prompt contains “nude”, which is not allowed outside age-restricted channels/);
    assert.equal(
      discord.interaction(attempt).ack?.type,
      4,
      'answered at once and privately: no public "thinking…" message first',
    );
    assert.equal(
      discord.messages.filter((m) => m.interactionId === blocked.interactionId && !m.deleted && !m.ephemeral).length,
      0,
      'nothing about it stays in the channel',
    );
    const inNsfw = await h.settled(
      h.imagine({ prompt: 'a nude statue, classical marble' }, { user: carol, channelId: discord.nsfwChannelId }),
    );
    assert.equal(inNsfw.files.length, 1, 'allowed in an age-restricted channel');
    stores.limits.set({
      guildId: discord.guildId,
      scope: 'user',
      targetId: carol.id,
      key: 'userImagesPerDay',
      value: '4',
      moderatorId: discord.users.mod.id,
    });
    const quota = await refusal(h.imagine({ prompt: 'one more' }, { user: carol }));
    assert.match(quota.content, /You have used 4 of your 4 images for the last 24 hours.*available again <t:\d+:R>/);
    const refused = stores.usage.list(
      { since: 0, until: Number.MAX_SAFE_INTEGER, userId: carol.id },
      { decision: 'refused' },
    );
    assert.deepEqual(refused.map((r) => r.reasonCode).sort(), ['blocklist', 'userImagesPerDay']);
    assert.equal(stores.quota.status({ guildId: discord.guildId, userId: carol.id, roleIds: [] }).imagesUsed, 4);
  });
});

describe('direct messages', () => {
  it('are offered and served only when the owner allows them', async () => {
    const off = await startBot();
    try {
      assert.throws(() => off.imagine({ prompt: 'x' }, { dm: true }), /not available in DMs/);
    } finally {
      await off.close();
    }
    const on = await startBot({ env: { DISCORD_ALLOW_DMS: 'true' } });
    try {
      const handle = on.imagine({ prompt: 'a letter to myself' }, { dm: true });
      const final = await on.settled(handle);
      assert.equal(final.files.length, 1);
      const job = on.current.stores.jobs.get(jobIdOf(final))!;
      assert.equal(job.guildId, null);
      assert.equal(on.discord.specReport(), '');
    } finally {
      await on.close();
    }
  });
});
