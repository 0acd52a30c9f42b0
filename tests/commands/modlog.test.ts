// /modlog: the audit log, newest first, ten to a page, filtered by moderator or target.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBot } from '../support/bot.ts';

const h = useBot({ inference: 'held' });

const mod = () => ({ user: h.discord.users.mod });

test('an empty log says so', async () => {
  const a = await h.run('modlog', {}, mod());
  assert.equal(a.ephemeral, true);
  assert.match(a.content, /Nothing yet/);
});

test('every moderator command writes an entry, and /modlog shows them newest first with before -> after', async () => {
  const { alice, bob, mod: moderator } = h.discord.users;
  await h.run('limits set', { level: 'user', key: 'userImagesPerDay', value: '10', user: alice }, mod());
  await h.run('limits reset', { level: 'user', user: alice }, mod());
  await h.run('ban', { user: bob, reason: 'flooding', duration: '1d' }, mod());
  await h.run('unban', { user: bob }, mod());
  await h.run('blocklist add', { pattern: 'gore' }, mod());
  await h.run('blocklist remove', { pattern: 'gore' }, mod());
  // Reading commands write nothing.
  await h.run('limits show', {}, mod());
  await h.run('blocklist list', {}, mod());
  await h.run('usage', {}, mod());
  const entries = h.stores.audit.list({ guildId: h.discord.guildId, limit: 100 });
  assert.deepEqual(
    entries.map((e) => e.action),
    ['blocklist.remove', 'blocklist.add', 'unban', 'ban', 'limits.reset', 'limits.set'],
  );
  assert.ok(entries.every((e) => e.moderatorId === moderator.id));

  const a = await h.run('modlog', {}, mod());
  const lines = a.content.split('\n').slice(1);
  assert.equal(lines.length, 6);
  assert.match(lines[0]!, new RegExp(`^\`#\\d+\` <t:\\d+:R> <@${moderator.id}> removed from the blocklist \`gore\`$`));
  assert.match(lines[2]!, new RegExp(`unbanned <@${bob.id}>`));
  assert.match(lines[3]!, new RegExp(`banned <@${bob.id}> until <t:\\d+:f> — “flooding”`));
  assert.match(lines[4]!, new RegExp(`reset limits for <@${alice.id}> \\(userImagesPerDay=10 → -\\)`));
  assert.match(lines[5]!, new RegExp(`set a limit for <@${alice.id}> \\(- → userImagesPerDay=10\\)`));
  assert.doesNotMatch(a.content, /More with/);
});

test('pages of ten, and filters by target and moderator', async () => {
  const { alice, owner } = h.discord.users;
  for (let i = 0; i < 20; i++) {
    await h.run(
      'limits set',
      { level: 'guild', key: 'maxSteps', value: String(10 + i) },
      { user: i % 2 ? h.discord.users.mod : owner },
    );
  }
  const first = await h.run('modlog', {}, mod());
  assert.equal(first.content.split('\n').filter((l) => l.startsWith('`#')).length, 10);
  assert.match(first.content, /maxSteps=28 → maxSteps=29/);
  assert.match(first.content, /More with `\/modlog page:2`/);
  const third = await h.run('modlog', { page: 3 }, mod());
  assert.equal(third.content.split('\n').filter((l) => l.startsWith('`#')).length, 6);
  assert.doesNotMatch(third.content, /More with/);
  const far = await h.run('modlog', { page: 9 }, mod());
  assert.match(far.content, /no entries this far back/);

  const aboutAlice = await h.run('modlog', { target: alice }, mod());
  assert.equal(aboutAlice.content.split('\n').filter((l) => l.startsWith('`#')).length, 2);
  assert.match(aboutAlice.content, new RegExp(`about <@${alice.id}>`));
  const byOwner = await h.run('modlog', { moderator: owner }, mod());
  assert.equal(byOwner.content.split('\n').filter((l) => l.startsWith('`#')).length, 10);
  assert.ok(
    byOwner.content
      .split('\n')
      .filter((l) => l.startsWith('`#'))
      .every((l) => l.includes(`<@${owner.id}>`)),
  );
});
