// /info: quota left, when it frees up, cooldown, the member's queued jobs with their places, and the model.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { HELD_MODEL as MODEL, useBot } from '../support/bot.ts';

// Direct messages allowed, so that the commands are registered for them too.
const h = useBot({ inference: 'held', env: { DISCORD_ALLOW_DMS: 'true' } });

const DAY = 86_400_000;
const unix = (ms: number) => Math.ceil(ms / 1000);

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await sleep(10);
  assert.ok(check(), 'condition reached');
}

test('a member with nothing used: all images left, no cooldown, no jobs, the model and its device', async () => {
  const a = await h.run('info', {}, { user: h.discord.users.alice });
  assert.equal(a.ephemeral, true);
  assert.match(a.content, /\*\*Images left:\*\* 100 of 100 for the last 24 hours \(rolling\)\./);
  assert.match(a.content, /\*\*Cooldown:\*\* none\./);
  assert.match(a.content, /\*\*Your jobs:\*\* 0 running, 0 waiting \(you may have 5 at once\)\./);
  assert.match(a.content, /\*\*Model:\*\* sd-turbo \(sd-turbo, float16\) on \*\*cuda\*\*, 4 steps by default/);
  assert.doesNotMatch(a.content, /demo model/);
});

test("after /limits lowers the quota and jobs are queued: images left, when one frees up, and each job's place", async () => {
  const { alice, bob, mod } = h.discord.users;
  await h.run('limits set', { level: 'user', key: 'userImagesPerDay', value: '3', user: alice }, { user: mod });
  const t0 = h.clock.now();
  const first = h.submitJob(alice.id, { prompt: 'first job' });
  h.clock.advance(60_000);
  const bobJob = h.submitJob(bob.id, { prompt: 'bob job' });
  const second = h.submitJob(alice.id, { prompt: 'second job' });
  const third = h.submitJob(alice.id, { prompt: 'third job' });
  await until(() => h.queue.snapshot().running.length === 1);
  assert.equal(h.queue.snapshot().running[0]?.job.id, first);

  const a = await h.run('info', {}, { user: alice });
  assert.match(
    a.content,
    new RegExp(
      `\\*\\*Images left:\\*\\* 0 of 3 for the last 24 hours \\(rolling\\); the next one frees up <t:${unix(t0 + DAY)}:R>\\.`,
    ),
  );
  assert.match(a.content, /\*\*Your jobs:\*\* 1 running, 2 waiting \(you may have 5 at once\):/);
  assert.match(a.content, new RegExp(`• job ${first} “first job”: running, done <t:\\d+:R>`));
  // Fair order alternates users: bob's job is first in line, then alice's two.
  const places = new Map(h.queue.snapshot().queued.map((q) => [q.job.id, q.position]));
  assert.equal(places.get(bobJob), 1);
  assert.match(
    a.content,
    new RegExp(`• job ${second} “second job”: #${places.get(second)} in the queue, starts <t:\\d+:R>`),
  );
  assert.match(a.content, new RegExp(`• job ${third} “third job”: #${places.get(third)} in the queue`));
  assert.doesNotMatch(a.content, /bob job/);
  assert.match(a.content, /\*\*Queue:\*\* 3 waiting, 1 running\./);

  // Bob sees his own.
  const b = await h.run('info', {}, { user: bob });
  assert.match(b.content, /\*\*Images left:\*\* 99 of 100/);
  assert.match(b.content, new RegExp(`• job ${bobJob} “bob job”: #1 in the queue`));

  for (const id of [first, second, third, bobJob]) h.queue.cancel(id, h.stores.jobs.get(id)!.userId);
  // Cancelled jobs give their images back.
  const c = await h.run('info', {}, { user: alice });
  assert.match(c.content, /\*\*Images left:\*\* 3 of 3/);
  assert.match(c.content, /0 running, 0 waiting/);
});

test("cooldown, the server's daily images, and a ban show up", async () => {
  const { alice, mod } = h.discord.users;
  await h.run('limits set', { level: 'guild', key: 'userCooldownSeconds', value: '120' }, { user: mod });
  await h.run('limits set', { level: 'guild', key: 'guildImagesPerDay', value: '50' }, { user: mod });
  const idle = await h.run('info', {}, { user: h.discord.users.owner });
  assert.match(idle.content, /\*\*Cooldown:\*\* 2 min between requests; you can ask now\./);
  assert.match(idle.content, /\*\*This server:\*\* 50 images left/, 'the cancelled jobs above were refunded');

  h.clock.advance(180_000); // past the cooldown of alice's requests above
  const at = h.clock.now();
  h.submitJob(alice.id, { prompt: 'cool' });
  const a = await h.run('info', {}, { user: alice });
  assert.match(a.content, new RegExp(`\\*\\*Cooldown:\\*\\* you can ask again <t:${unix(at + 120_000)}:R>\\.`));

  await h.run('ban', { user: alice, reason: 'testing', duration: '2h' }, { user: mod });
  const banned = await h.run('info', {}, { user: alice });
  assert.match(
    banned.content,
    new RegExp(
      `You are banned from using Atelier here\\*\\* \\(reason: testing\\)\\. It ends <t:${unix(h.clock.now() + 7_200_000)}:R>`,
    ),
  );
});

test('the demo model is named as such, once, with the command that installs a real one; a model still loading says so', async () => {
  h.model.info = { ...MODEL, name: 'demo', family: 'demo', executionProvider: 'cpu', dtype: 'float32' };
  const a = await h.run('info', {}, { user: h.discord.users.bob });
  assert.match(a.content, /\*\*Model:\*\* demo \(demo, float32\) on \*\*cpu\*\*/);
  assert.equal(a.content.match(/demo model/g)?.length, 1);
  assert.match(a.content, /install a real one with `npm run models -- pull sd-turbo`/);
  h.model.info = undefined;
  const b = await h.run('info', {}, { user: h.discord.users.bob });
  assert.match(b.content, /\*\*Model:\*\* still loading/);
  h.model.info = MODEL;
});

test('/info works in a direct message with the bot', async () => {
  const a = await h.run('info', {}, { user: h.discord.users.bob, dm: true });
  assert.match(a.content, /\*\*Images left:\*\* 100 of 100/);
});
