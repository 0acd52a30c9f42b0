// Every button under a result, end to end: U, V, reroll, Vary subtle/strong, delete, info, cancel.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Routes } from 'discord.js';
import sharp from 'sharp';
import { readPngParameters } from '../../src/diffusion/png.ts';
import type { InteractionHandle, MessageView } from '../support/discord/index.ts';
import { waitUntil } from '../support/wait.ts';
import { customIds, jobIdOf, useBot } from '../support/bot.ts';

describe('result buttons end to end', () => {
  let grid: MessageView;
  let gridJob: number;

  const h = useBot({ minEditIntervalMs: 0, env: { MAX_STEPS: '200' }, specReport: false }, async () => {
    grid = await h.settled(h.imagine({ prompt: 'a red fox in snow', seed: 100, negative: 'blurry' }));
    gridJob = jobIdOf(grid);
  });

  const click = (m: MessageView, id: string, user = h.discord.users.alice) => h.discord.clickButton(m.id, id, { user });
  const privateAnswer = async (handle: InteractionHandle) => {
    await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`));
    return h.discord.original(handle);
  };

  it('U2 posts that image alone at full size, as a free child job of the clicker', async () => {
    const bob = h.discord.users.bob;
    const single = await h.settled(click(grid, `upscale:${gridJob}:1`, bob));
    const child = h.stores.jobs.get(jobIdOf(single))!;
    assert.equal(child.kind, 'upscale');
    assert.equal(child.userId, bob.id);
    assert.equal(child.params.parentJobId, gridJob);
    assert.equal(child.params.sourceIndex, 1);
    assert.equal(child.state, 'done');
    const source = h.stores.jobs.image(gridJob, 1)!;
    assert.equal(single.files.length, 1);
    assert.deepEqual(single.files[0]!.bytes, Buffer.from(source.png));
    assert.equal(h.stores.jobs.image(child.id, 0)!.sha256, source.sha256, 'U refers to the stored file, no copy');
    const meta = await sharp(single.files[0]!.bytes).metadata();
    assert.deepEqual([meta.width, meta.height], [source.width, source.height]);
    assert.match(readPngParameters(single.files[0]!.bytes)!, /Seed: 101/);
    assert.deepEqual(customIds(single), [
      `subtle:${child.id}:0`,
      `strong:${child.id}:0`,
      `region:${child.id}:0`,
      `zoom2:${child.id}:0`,
      `zoom15:${child.id}:0`,
      `upsubtle:${child.id}:0`,
      `upcreative:${child.id}:0`,
      `panleft:${child.id}:0`,
      `panright:${child.id}:0`,
      `panup:${child.id}:0`,
      `pandown:${child.id}:0`,
      `reroll:${child.id}`,
      `info:${child.id}`,
      `delete:${child.id}`,
    ]);
    assert.equal(
      h.stores.quota.status({ guildId: h.discord.guildId, userId: bob.id, roleIds: [] }).imagesUsed,
      0,
      'a single image is free: a crop',
    );
    assert.equal(h.stores.usage.forJob(child.id)[0]!.kind, 'upscale');
  });

  it('V3 makes variations of image 3 (image-to-image, new seeds)', async () => {
    const result = await h.settled(click(grid, `vary:${gridJob}:2`));
    const child = h.stores.jobs.get(jobIdOf(result))!;
    assert.equal(child.kind, 'variation');
    assert.equal(child.state, 'done');
    assert.equal(child.params.parentJobId, gridJob);
    assert.equal(child.params.sourceIndex, 2);
    assert.equal(child.params.strength, 0.6);
    assert.equal(child.params.prompt, 'a red fox in snow');
    assert.equal(child.params.negativePrompt, 'blurry');
    assert.equal(child.imageCount, 4);
    assert.match(result.content, /variation of image 3 from #\d+/);
    assert.match(readPngParameters(result.files[0]!.bytes)!, /Denoising strength: 0\.6/);
  });

  it('reroll runs the same prompt with new seeds', async () => {
    const result = await h.settled(click(grid, `reroll:${gridJob}`));
    const child = h.stores.jobs.get(jobIdOf(result))!;
    assert.equal(child.kind, 'reroll');
    assert.equal(child.params.prompt, 'a red fox in snow');
    assert.notEqual(child.params.seed, 100);
    assert.equal(child.params.strength, undefined);
    assert.equal(child.params.parentJobId, gridJob);
    assert.equal(customIds(result).filter((c) => c.startsWith('upscale:')).length, 4);
  });

  it('Vary (subtle) and Vary (strong) on a single image use strengths 0.35 and 0.7', async () => {
    const single = await h.settled(click(grid, `upscale:${gridJob}:0`));
    const singleJob = jobIdOf(single);
    for (const [action, strength] of [
      ['subtle', 0.35],
      ['strong', 0.7],
    ] as const) {
      const result = await h.settled(click(single, `${action}:${singleJob}:0`));
      const child = h.stores.jobs.get(jobIdOf(result))!;
      assert.equal(child.kind, 'variation');
      assert.equal(child.params.strength, strength);
      assert.equal(child.params.parentJobId, singleJob);
      assert.equal(child.params.sourceIndex, 0);
      assert.equal(child.state, 'done');
    }
  });

  it('info shows the full parameters to the clicker only', async () => {
    const answer = await privateAnswer(click(grid, `info:${gridJob}`, h.discord.users.bob));
    assert.equal(answer.ephemeral, true);
    const embed = answer.embeds[0]!;
    const field = (name: string) => embed.fields!.find((f) => f.name === name)?.value;
    assert.match(field('Prompt')!, /a red fox in snow/);
    assert.match(field('Negative prompt')!, /blurry/);
    assert.equal(field('Seed'), '100, 101, 102, 103');
    assert.equal(field('Steps'), '2');
  });

  it("delete is refused for others and works for the requester; a moderator may delete anyone's", async () => {
    const mine = await h.settled(h.imagine({ prompt: 'a teapot' }));
    const id = jobIdOf(mine);
    const refusal = await privateAnswer(click(mine, `delete:${id}`, h.discord.users.bob));
    assert.equal(refusal.ephemeral, true);
    assert.match(refusal.content, /Only the person who asked for these images, or a moderator, can delete them/);
    assert.equal(h.discord.getMessage(mine.id)!.deleted, false);
    assert.equal(h.stores.jobs.images(id).length, 4);

    const handle = click(mine, `delete:${id}`);
    await h.discord.waitFor((r) => r.method === 'DELETE' && r.path.includes(handle.token));
    await waitUntil(() => h.stores.jobs.get(id)!.deleted);
    assert.equal(h.discord.getMessage(mine.id)!.deleted, true);
    assert.equal(h.stores.jobs.images(id).length, 0);

    const bobs = await h.settled(h.imagine({ prompt: 'a kettle' }, { user: h.discord.users.bob }));
    const modClick = click(bobs, `delete:${jobIdOf(bobs)}`, h.discord.users.mod);
    await h.discord.waitFor((r) => r.method === 'DELETE' && r.path.includes(modClick.token));
    await waitUntil(() => h.discord.getMessage(bobs.id)!.deleted);
  });

  it('Cancel stops a queued job and a running one; others may not cancel', async () => {
    const { discord } = h;
    const carol = discord.addUser('carol');
    const long = h.imagine({ prompt: 'a long job', steps: 200, aspect: '16:9' });
    const running = await buttonOn(long, 'cancel:');
    await discord.waitForMessage((m) => m.id === running.id && /Painting: step/.test(m.content));
    const waiting = h.imagine({ prompt: 'a waiting job' }, { user: discord.users.bob });
    const queued = await buttonOn(waiting, 'cancel:');
    const waitingJob = jobIdOf(queued);
    await discord.waitForMessage((m) => m.id === queued.id && /Waiting in the queue: \*\*#1\*\*/.test(m.content));
    assert.equal(h.stores.jobs.get(waitingJob)!.state, 'queued');

    const refusal = await privateAnswer(click(queued, `cancel:${waitingJob}`, carol));
    assert.match(refusal.content, /Only the person who asked for this job, or a moderator, can cancel it/);

    click(queued, `cancel:${waitingJob}`, discord.users.bob);
    const cancelledQueued = await discord.waitForMessage(
      (m) => m.id === queued.id && /🚫 Cancelled at your request/u.test(m.content),
    );
    assert.deepEqual(customIds(cancelledQueued), []);
    assert.equal(h.stores.jobs.get(waitingJob)!.state, 'cancelled');

    const runningJob = jobIdOf(running);
    assert.equal(h.stores.jobs.get(runningJob)!.state, 'running');
    click(running, `cancel:${runningJob}`);
    await discord.waitForMessage((m) => m.id === running.id && /🚫 Cancelled/u.test(m.content));
    const job = h.stores.jobs.get(runningJob)!;
    assert.equal(job.state, 'cancelled');
    assert.equal(h.stores.usage.forJob(runningJob)[0]!.outcome, 'cancelled');
    await h.idle();
    // Nothing arrives after the cancellation.
    assert.doesNotMatch(discord.getMessage(running.id)!.content, /seed/);
  });

  it('a malformed, unknown or deleted-job button gets a short private explanation', async () => {
    // A message with buttons this version never makes (as an older version might have left).
    const old = (await h.bot.client.rest.post(Routes.channelMessages(h.discord.channelId), {
      body: {
        content: 'an old message',
        components: [
          {
            type: 1,
            components: [
              { type: 2, style: 2, label: 'Zoom', custom_id: 'zoom:5' },
              { type: 2, style: 2, label: 'Odd', custom_id: 'not a custom id' },
              { type: 2, style: 2, label: 'U1', custom_id: 'upscale:999999:0' },
              { type: 2, style: 2, label: 'V1', custom_id: `vary:${gridJob}:0` },
            ],
          },
        ],
      },
    })) as { id: string };
    const message = h.discord.getMessage(old.id)!;
    for (const [id, expected] of [
      ['zoom:5', /not one this bot understands/],
      ['not a custom id', /not one this bot understands/],
      ['upscale:999999:0', /I have no record of job #999999/],
    ] as const) {
      const answer = await privateAnswer(click(message, id));
      assert.equal(answer.ephemeral, true);
      assert.match(answer.content, expected);
    }
    h.stores.database.sqlite.prepare('UPDATE jobs SET deleted = 1 WHERE id = ?').run(gridJob);
    const deleted = await privateAnswer(click(message, `vary:${gridJob}:0`));
    assert.match(deleted.content, /These images were deleted/);
    h.stores.database.sqlite.prepare('UPDATE jobs SET deleted = 0 WHERE id = ?').run(gridJob);
    const refusals = h.stores.usage.list({ since: 0, until: Number.MAX_SAFE_INTEGER }, { decision: 'refused' });
    assert.ok(
      refusals.some((r) => r.reasonCode === 'unknown-job') && refusals.some((r) => r.reasonCode === 'deleted-job'),
    );
    assert.equal(h.discord.specReport(), '');
    assert.deepEqual(h.discord.unknownRoutes, []);
  });

  async function buttonOn(handle: InteractionHandle, prefix: string): Promise<MessageView> {
    await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`));
    const id = h.discord.original(handle).id;
    return h.discord.waitForMessage((m) => m.id === id && customIds(m).some((c) => c.startsWith(prefix)));
  }

  it('past the retention, U says the image expired and offers Make it again, which paints the same pictures', async () => {
    // With --chaos too: its spread is drawn from the seeds, so the same request paints the same pictures.
    const old = await h.settled(h.imagine({ prompt: 'a lighthouse at dusk --chaos 60', seed: 7 }));
    const oldJob = jobIdOf(old);
    const before = h.stores.jobs.images(oldJob).map((i) => i.sha256);
    assert.equal(before.length, 4);
    // Expire it (and the older jobs of this file, whose tests are done), as the clean-up does past IMAGE_RETENTION_DAYS.
    const finishedAt = h.stores.jobs.get(oldJob)!.finishedAt!;
    assert.equal((await h.stores.jobs.pruneImages(finishedAt + 1)).jobs >= 1, true);
    assert.deepEqual(h.stores.jobs.images(oldJob), []);

    const notice = await privateAnswer(click(old, `upscale:${oldJob}:1`));
    assert.match(notice.content, /has expired/);
    assert.match(notice.content, /--seed 8/, 'image 2 of a seed-7 job is seed 8');
    assert.deepEqual(customIds(notice), [`remake:${oldJob}`]);

    const again = await h.settled(
      h.discord.clickButton(notice.id, `remake:${oldJob}`, { user: h.discord.users.alice }),
    );
    const child = h.stores.jobs.get(jobIdOf(again))!;
    assert.deepEqual(
      [child.kind, child.params.seed, child.params.count, child.params.parentJobId],
      ['reroll', 7, 4, oldJob],
    );
    assert.equal(child.params.chaos, 60);
    assert.deepEqual(
      h.stores.jobs.images(child.id).map((i) => i.sha256),
      before,
      'the same pictures, byte for byte',
    );
    assert.equal(h.stores.usage.forJob(child.id)[0]!.kind, 'remake');
  });

  it('a variation whose source expired too offers to make the original again, which paints the same pictures', async () => {
    const original = await h.settled(h.imagine({ prompt: 'a green hill', seed: 21 }));
    const originalJob = jobIdOf(original);
    const before = h.stores.jobs.images(originalJob).map((i) => i.sha256);
    const variation = await h.settled(click(original, `vary:${originalJob}:2`));
    const variationJob = jobIdOf(variation);
    const finishedAt = h.stores.jobs.get(variationJob)!.finishedAt!;
    await h.stores.jobs.pruneImages(finishedAt + 1);
    assert.deepEqual(h.stores.jobs.images(variationJob), []);

    const notice = await privateAnswer(click(variation, `upscale:${variationJob}:0`));
    assert.match(
      notice.content,
      new RegExp(`job #${variationJob} has expired, and so has the picture it was made from`),
    );
    assert.doesNotMatch(notice.content, /--seed/, 'an /imagine with the seed would not make a variation again');
    assert.deepEqual(customIds(notice), [`remake:${originalJob}`]);

    const again = await h.settled(
      h.discord.clickButton(notice.id, `remake:${originalJob}`, { user: h.discord.users.alice }),
    );
    const child = h.stores.jobs.get(jobIdOf(again))!;
    assert.deepEqual([child.params.seed, child.params.parentJobId], [21, originalJob]);
    assert.deepEqual(
      h.stores.jobs.images(child.id).map((i) => i.sha256),
      before,
      'the original pictures, byte for byte, to vary again',
    );
  });
});
