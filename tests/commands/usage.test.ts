// /usage: totals, top users, refusals and the images-per-day chart for the server or one member.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { useBot } from '../support/bot.ts';

const DAY = 86_400_000;

/** An accepted request whose job made `images` images at `at`. */
function done(userId: string, at: number, images: number, guildId = h.discord.guildId): void {
  const params = {
    kind: 'imagine' as const,
    prompt: 'a fox',
    width: 512,
    height: 512,
    steps: 4,
    guidanceScale: 0,
    seed: 1,
    count: images,
  };
  const job = h.stores.jobs.create({ userId, guildId, channelId: h.discord.channelId, model: 'sd-turbo', params }, at);
  h.stores.usage.log({
    at,
    userId,
    guildId,
    channelId: h.discord.channelId,
    kind: 'imagine',
    prompt: 'a fox',
    images,
    decision: 'accepted',
    jobId: job.id,
  });
  h.stores.jobs.markRunning(job.id, at + 1000);
  const png = new Uint8Array([1]);
  h.stores.jobs.markDone(
    job.id,
    Array.from({ length: images }, (_, i) => ({ png, seed: i, width: 512, height: 512 })),
    at + 5000,
  );
}
function refused(userId: string, at: number, reasonCode: string, prompt = 'something'): void {
  h.stores.usage.log({
    at,
    userId,
    guildId: h.discord.guildId,
    channelId: h.discord.channelId,
    kind: 'imagine',
    prompt,
    images: 4,
    decision: 'refused',
    reasonCode,
    reason: 'refused',
  });
}

// Seeded once the bot has started.
const h = useBot({ inference: 'held' }, () => {
  const { alice, bob } = h.discord.users;
  const now = h.clock.now();
  done(alice.id, now - 10 * DAY, 4); // outside a week, inside a month
  done(alice.id, now - 2 * DAY, 4);
  done(bob.id, now - DAY - 3600_000, 2);
  refused(alice.id, now - DAY, 'userImagesPerDay');
  refused(alice.id, now - DAY + 1000, 'userImagesPerDay');
  refused(bob.id, now - 3600_000, 'blocklist', 'a very long prompt '.repeat(10));
  done(alice.id, now - 60_000, 1);
  done(bob.id, now - 60_000, 3, 'another-guild'); // not this server
});

const mod = () => ({ user: h.discord.users.mod });

test('/usage for a week: totals, top users, refusals by reason, and a PNG chart of images per day', async () => {
  const { alice, bob } = h.discord.users;
  const a = await h.run('usage', { period: 'week' }, mod());
  assert.equal(a.ephemeral, true);
  assert.match(a.content, /over the last 7 days/);
  assert.match(a.content, /Requests: \*\*6\*\* \(3 accepted, 3 refused\) from 2 people/);
  assert.match(a.content, /Images: \*\*7\*\* made/);
  assert.match(a.content, /Jobs: 3 done, 0 failed, 0 cancelled/);
  assert.match(
    a.content,
    new RegExp(
      `1\\. <@${alice.id}>: 5 images, 4 requests \\(2 refused\\)\\n2\\. <@${bob.id}>: 2 images, 2 requests \\(1 refused\\)`,
    ),
  );
  assert.match(a.content, /Refusals by reason:\*\* `userImagesPerDay`: 2, `blocklist`: 1/);
  assert.match(a.content, /“a very long prompt a very long prompt a very long prompt a v…”/);

  assert.equal(a.message.files.length, 1);
  const [file] = a.message.files;
  assert.equal(file?.filename, 'usage.png');
  assert.equal(file?.contentType, 'image/png');
  const meta = await sharp(file!.bytes).metadata();
  assert.equal(meta.format, 'png');
  assert.equal(meta.width, 640);
  assert.equal(meta.height, 280);
  assert.equal(a.message.attachments[0]?.description, 'Images per day over the last 7 days');
});

test('/usage for one member and a month counts only theirs, older days included', async () => {
  const { alice } = h.discord.users;
  const a = await h.run('usage', { period: 'month', user: alice }, mod());
  assert.match(a.content, new RegExp(`Usage of <@${alice.id}> in this server over the last 30 days`));
  assert.match(a.content, /Requests: \*\*5\*\* \(3 accepted, 2 refused\) from 1 person/);
  assert.match(a.content, /Images: \*\*9\*\* made/);
  assert.doesNotMatch(a.content, /Top users/);
  assert.equal(a.message.files.length, 1);
});

test('/usage for a day with nothing in it still answers, with an empty chart', async () => {
  h.clock.advance(3 * DAY);
  const a = await h.run('usage', { period: 'day' }, mod());
  assert.match(a.content, /Requests: \*\*0\*\*/);
  assert.match(a.content, /Top users\*\*\nNobody\./);
  assert.match(a.content, /Refusals by reason:\*\* None\./);
  assert.equal(a.message.files[0]?.contentType, 'image/png');
});
