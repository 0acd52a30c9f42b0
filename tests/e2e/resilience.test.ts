// What real Discord does to bots: restarts between a result and a click, tokens that expire, crowds, dropped
// gateways, 429s and 500s. Each case ends with the traffic checked against Discord's published schemas.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { InteractionHandle, MessageView } from '../support/discord/index.ts';
import { waitUntil } from '../support/wait.ts';
import { customIds, isSettled, jobIdOf, useBot } from '../support/bot.ts';

describe('resilience end to end', () => {
  const h = useBot({ env: { MAX_STEPS: '200' }, specReport: false });
  afterEach(() => {
    assert.equal(h.discord.specReport(), '');
    assert.deepEqual(h.discord.unknownRoutes, []);
  });

  /** The message an interaction was answered with, once it shows `pattern`. */
  async function showing(handle: InteractionHandle, pattern: RegExp, timeout = 20_000): Promise<MessageView> {
    await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`), { timeout });
    const id = h.discord.original(handle).id;
    return h.discord.waitForMessage((m) => m.id === id && pattern.test(m.content), { timeout });
  }

  it('a button still works after the bot restarted (new client, new process state, same database)', async () => {
    const grid = await h.settled(h.imagine({ prompt: 'a windmill', seed: 5 }));
    const gridJob = jobIdOf(grid);
    const identifies = h.discord.gateway.identifies.length;
    await h.restart();
    assert.equal(h.discord.gateway.identifies.length, identifies + 1);
    const variation = await h.settled(h.discord.clickButton(grid.id, `vary:${gridJob}:1`));
    const child = h.stores.jobs.get(jobIdOf(variation))!;
    assert.equal(child.state, 'done');
    assert.equal(child.params.parentJobId, gridJob);
    const single = await h.settled(h.discord.clickButton(grid.id, `upscale:${gridJob}:3`));
    assert.deepEqual(single.files[0]!.bytes, Buffer.from(h.stores.jobs.image(gridJob, 3)!.png));
  });

  it('a job that finishes after the 15-minute token expiry is delivered with the bot token', async () => {
    const { discord } = h;
    const blocker = await running(h.imagine({ prompt: 'a long one', steps: 200, aspect: '16:9' }));
    const late = h.imagine({ prompt: 'a patient one' }, { user: discord.users.bob });
    const queued = await showing(late, /Waiting in the queue/);
    assert.equal(h.stores.jobs.get(jobIdOf(queued))!.state, 'queued', 'still waiting when its token dies');
    const since = discord.requests.length;
    discord.clock.advance(16 * 60 * 1000);
    const final = await h.settled(late);
    assert.equal(final.id, queued.id, 'the same message is edited into the result');
    assert.equal(final.files.length, 1);
    const after = discord.requests.slice(since);
    assert.ok(
      after.some(
        (r) =>
          r.method === 'PATCH' &&
          r.path === `/channels/${discord.channelId}/messages/${final.id}` &&
          r.response.status === 200,
      ),
    );
    assert.ok(!after.some((r) => r.path.includes(late.token)), 'the dead token is never tried');
    await h.settled(blocker.handle);
  });

  it('twenty people at once: every one acknowledged within 3 s, every job delivered', async () => {
    const { discord } = h;
    const users = Array.from({ length: 20 }, (_, i) => discord.addUser(`crowd${i}`));
    const handles = users.map((user, i) => h.imagine({ prompt: `portrait number ${i}` }, { user }));
    const finals = await Promise.all(handles.map((handle) => h.settled(handle, 60_000)));
    for (const handle of handles) {
      const it = discord.interaction(handle);
      assert.equal(it.ack?.type, 5);
      assert.ok(it.ack.at - it.createdAt < 3000, `acknowledged after ${it.ack.at - it.createdAt} ms`);
    }
    const jobs = finals.map((m) => h.stores.jobs.get(jobIdOf(m))!);
    assert.equal(new Set(jobs.map((j) => j.id)).size, 20);
    assert.ok(jobs.every((j) => j.state === 'done' && j.imageCount === 4));
    assert.deepEqual(new Set(jobs.map((j) => j.userId)), new Set(users.map((u) => u.id)));
    assert.ok(finals.every((m) => m.files.length === 1 && isSettled(m)));
  });

  it('the gateway dropped mid-job: the bot resumes and the result arrives once', async () => {
    const { discord } = h;
    const resumes = discord.gateway.resumes.length;
    const { handle } = await running(h.imagine({ prompt: 'through the storm', steps: 200, aspect: '16:9' }));
    discord.dropGateway(4000);
    const final = await h.settled(handle, 30_000);
    await h.idle();
    assert.equal(discord.messages.filter((m) => m.interactionId === handle.id).length, 1, 'one message for the job');
    assert.equal(final.files.length, 1);
    const uploads = discord.requests.filter(
      (r) => r.path.includes(handle.token) && r.files.some((f) => /grid/.test(f.name)),
    );
    assert.equal(uploads.length, 1, 'the result was sent once');
    await waitUntil(() => discord.gateway.resumes.length > resumes);
    // And it still takes interactions.
    const next = await h.settled(h.imagine({ prompt: 'after the storm' }));
    assert.equal(next.files.length, 1);
  });

  it('429 then 500 on an image upload: retried, delivered once', async () => {
    const { discord } = h;
    const grid = await h.settled(h.imagine({ prompt: 'unlucky upload' }));
    // U posts the stored image at once: its only edit is the upload, so the failures are sure to hit it.
    const click = discord.clickButton(grid.id, `upscale:${jobIdOf(grid)}:2`, { user: discord.users.bob });
    const path = new RegExp(`^/webhooks/${discord.appId}/${click.token}/messages/`);
    discord.failNext({ method: 'PATCH', path, status: 429, retryAfter: 0.2 });
    discord.failNext({ method: 'PATCH', path, status: 500, afterProcessing: true });
    const single = await h.settled(click);
    await h.idle();
    await waitUntil(() => discord.requests.some((r) => path.test(r.path) && r.response.status === 200));
    const uploads = discord.requests.filter((r) => path.test(r.path));
    assert.deepEqual(
      uploads.map((r) => [r.response.status, r.files.length]),
      [
        [429, 1],
        [500, 1],
        [200, 1],
      ],
    );
    assert.equal(discord.messages.filter((m) => m.interactionId === click.id).length, 1, 'delivered once');
    assert.equal(discord.getMessage(single.id)!.files.length, 1);
  });

  it("429 and 500 on a job's edits: retried, the result delivered once", async () => {
    const { discord } = h;
    const handle = h.imagine({ prompt: 'bumpy road', steps: 40 });
    const path = new RegExp(`^/webhooks/${discord.appId}/${handle.token}/messages/`);
    discord.failNext({ method: 'PATCH', path, status: 429, retryAfter: 0.2 });
    discord.failNext({ method: 'PATCH', path, status: 500, afterProcessing: true });
    discord.failNext({ method: 'PATCH', path, status: 503 });
    const final = await h.settled(handle, 30_000);
    await h.idle();
    const mine = discord.requests.filter((r) => path.test(r.path));
    assert.deepEqual(
      mine.filter((r) => r.injected).map((r) => r.response.status),
      [429, 500, 503],
    );
    assert.equal(mine[mine.length - 1]!.response.status, 200);
    assert.equal(discord.messages.filter((m) => m.interactionId === handle.id).length, 1, 'delivered once');
    assert.equal(discord.getMessage(final.id)!.files.length, 1);
    assert.equal(h.stores.jobs.get(jobIdOf(final))!.state, 'done');
  });

  /** Waits until the job behind an interaction is running. */
  async function running(handle: InteractionHandle): Promise<{ handle: InteractionHandle; jobId: number }> {
    const message = await showing(handle, /Waiting in the queue|Starting|Painting/);
    const jobId = Number(
      customIds(message)
        .find((c) => c.startsWith('cancel:'))!
        .split(':')[1],
    );
    await waitUntil(() => h.stores.jobs.get(jobId)!.state === 'running');
    return { handle, jobId };
  }
});
