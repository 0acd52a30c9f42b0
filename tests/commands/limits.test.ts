// /limits show, set and reset through the local Discord stand-in, with the real client, router and SQLite.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { useBot } from '../support/bot.ts';
import { waitUntil } from '../support/wait.ts';

const h = useBot({ inference: 'held' });
after(() => assert.deepEqual(h.discord.unknownRoutes, []));

const mod = () => ({ user: h.discord.users.mod });

test('/limits set for a user applies to the very next quota check, and is audited with before and after', async () => {
  const alice = h.discord.users.alice;
  const member = { guildId: h.discord.guildId, userId: alice.id, roleIds: [] };
  assert.equal(h.stores.quota.status(member).imagesLeft, 100);

  const a = await h.run('limits set', { level: 'user', key: 'userImagesPerDay', value: '2', user: alice }, mod());
  assert.equal(a.ephemeral, true);
  assert.match(a.content, /Set `userImagesPerDay`/);
  assert.match(a.content, /not set → \*\*2\*\*/);

  // No restart: the same stores see it at once.
  assert.equal(h.stores.quota.status(member).imagesLeft, 2);
  assert.equal(h.stores.quota.reserve({ ...member, images: 2 }).ok, true);
  const third = h.stores.quota.reserve({ ...member, images: 1 });
  assert.equal(third.ok, false);
  assert.equal(!third.ok && third.limit, 'userImagesPerDay');

  const [entry] = h.stores.audit.list({ guildId: h.discord.guildId, limit: 1 });
  assert.equal(entry?.action, 'limits.set');
  assert.equal(entry?.moderatorId, h.discord.users.mod.id);
  assert.equal(entry?.targetType, 'user');
  assert.equal(entry?.targetId, alice.id);
  assert.deepEqual(entry?.before, null);
  assert.deepEqual(entry?.after, { userImagesPerDay: 2 });

  // 'unlimited' then lifts it; the audit entry shows the previous value.
  const b = await h.run(
    'limits set',
    { level: 'user', key: 'userImagesPerDay', value: 'unlimited', user: alice },
    mod(),
  );
  assert.match(b.content, /\*\*2\*\* → \*\*unlimited\*\*/);
  assert.equal(h.stores.quota.status(member).imagesLeft, null);
  const [entry2] = h.stores.audit.list({ guildId: h.discord.guildId, limit: 1 });
  assert.deepEqual(entry2?.before, { userImagesPerDay: 2 });
  assert.deepEqual(entry2?.after, { userImagesPerDay: null });
});

test('/limits set for a role and the server; show reports values and where they come from', async () => {
  const { supporter } = h.discord.roles;
  await h.run('limits set', { level: 'guild', key: 'userCooldownSeconds', value: '30' }, mod());
  await h.run('limits set', { level: 'role', key: 'userCooldownSeconds', value: '0', role: supporter }, mod());
  await h.run('limits set', { level: 'guild', key: 'allowUploads', value: 'no' }, mod());
  const rows = h.stores.limits.list({ guildId: h.discord.guildId });
  assert.deepEqual(
    rows
      .filter((r) => r.key !== 'userImagesPerDay')
      .map((r) => [r.scope, r.key, r.value])
      .sort(),
    [
      ['guild', 'allowUploads', false],
      ['guild', 'userCooldownSeconds', 30],
      ['role', 'userCooldownSeconds', 0],
    ].sort(),
  );

  const server = await h.run('limits show', {}, mod());
  assert.match(server.content, /`userCooldownSeconds` \*\*30 s\*\*.*server\)/);
  assert.match(server.content, /`allowUploads` \*\*no\*\*/);
  assert.match(server.content, /`userImagesPerDay` \*\*100\*\*.*default\)/);
  assert.match(server.content, new RegExp(`Role <@&${supporter.id}>:\\*\\* \`userCooldownSeconds\` none`));

  // bob holds the Supporter role: the role's cooldown of 0 beats the server's 30 s.
  const bob = await h.run('limits show', { user: h.discord.users.bob }, mod());
  assert.match(bob.content, new RegExp(`\`userCooldownSeconds\` \\*\\*none\\*\\*.*role <@&${supporter.id}>`));
  const role = await h.run('limits show', { role: supporter }, mod());
  assert.match(role.content, /`userCooldownSeconds` none/);
});

test('/limits set refuses bad values and unclear targets with a clear message, changing nothing', async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ level: 'guild', key: 'maxSteps', value: 'lots' }, /maxSteps takes a whole number/],
    [{ level: 'guild', key: 'maxSteps', value: '999' }, /at most 50/],
    [{ level: 'guild', key: 'maxWidth', value: '500' }, /multiple of 8/],
    [{ level: 'guild', key: 'userCooldownSeconds', value: 'unlimited' }, /use 0 for no cooldown/],
    [{ level: 'guild', key: 'allowUploads', value: 'maybe' }, /use yes or no/],
    [
      { level: 'role', key: 'guildImagesPerDay', value: '10', role: h.discord.roles.supporter },
      /only be set for the whole server/,
    ],
    [{ level: 'role', key: 'maxSteps', value: '10' }, /needs the `role` option/],
    [{ level: 'user', key: 'maxSteps', value: '10' }, /needs the `user` option/],
    [
      { level: 'guild', key: 'maxSteps', value: '10', user: h.discord.users.bob },
      /level \*\*server\*\* but also named/,
    ],
  ];
  const before = h.dump();
  for (const [options, message] of cases) {
    const a = await h.run('limits set', options as never, mod());
    assert.match(a.content, message, JSON.stringify(options));
    assert.equal(a.ephemeral, true);
  }
  assert.deepEqual(h.dump(), before);
});

test('/limits reset removes one key or all of a target, audited; nothing to reset says so', async () => {
  const { supporter } = h.discord.roles;
  await h.run('limits set', { level: 'role', key: 'userImagesPerDay', value: '500', role: supporter }, mod());
  const one = await h.run('limits reset', { level: 'role', key: 'userImagesPerDay', role: supporter }, mod());
  assert.match(one.content, /Removed the override for role .*`userImagesPerDay` \(was 500\)/);
  assert.equal(
    h.stores.limits
      .list({ guildId: h.discord.guildId, scope: 'role', targetId: supporter.id })
      .some((o) => o.key === 'userImagesPerDay'),
    false,
  );

  const all = await h.run('limits reset', { level: 'guild' }, mod());
  assert.match(all.content, /Removed 2 overrides for the server/);
  assert.deepEqual(h.stores.limits.list({ guildId: h.discord.guildId, scope: 'guild' }), []);
  const [entry] = h.stores.audit.list({ guildId: h.discord.guildId, limit: 1 });
  assert.equal(entry?.action, 'limits.reset');
  assert.deepEqual(entry?.before, { allowUploads: false, userCooldownSeconds: 30 });

  const again = await h.run('limits reset', { level: 'guild' }, mod());
  assert.match(again.content, /nothing to reset/);
});

test("/limits set defaultScheduler: the server's scheduler for /imagine unless a member picks one", async () => {
  const { alice, owner, mod: moderator } = h.discord.users;
  const set = await h.run('limits set', { level: 'guild', key: 'defaultScheduler', value: 'Euler a' }, mod());
  assert.match(set.content, /Set `defaultScheduler`/);
  assert.match(set.content, /\*\*Euler a\*\*/);
  const refused = await h.run('limits set', { level: 'guild', key: 'defaultScheduler', value: 'DPM++ 3M' }, mod());
  assert.match(refused.content, /takes a scheduler: one of PNDM, Euler/);
  const latestJob = (userId: string) => h.stores.jobs.listForUser(userId, { limit: 1 })[0]!;
  // An accepted /imagine is deferred (its job waits in the held queue): wait for the acknowledgement only.
  const imagine = async (options: Record<string, string>, user: typeof alice) => {
    const sent = h.discord.slashCommand('imagine', options, { user });
    const ack = await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${sent.id}/`));
    assert.equal((ack.json as { type: number }).type, 5, JSON.stringify(ack.json));
    await waitUntil(() =>
      h.stores.jobs.listForUser(user.id, { limit: 1 }).some((j) => j.params.prompt === options.prompt),
    );
  };
  h.clock.advance(3_600_000);
  await imagine({ prompt: 'a quiet harbour' }, alice);
  assert.equal(latestJob(alice.id).params.scheduler, 'euler-ancestral');
  await imagine({ prompt: 'a quiet harbour', scheduler: 'dpmpp-2m-sde' }, owner);
  assert.equal(latestJob(owner.id).params.scheduler, 'dpmpp-2m-sde', "the member's choice wins");
  await h.run('limits reset', { level: 'guild', key: 'defaultScheduler' }, mod());
  await imagine({ prompt: 'a quiet harbour' }, moderator);
  assert.equal(latestJob(moderator.id).params.scheduler, undefined, "back to the model's own");
});
