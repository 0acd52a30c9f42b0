// /ban and /unban: the ban in SQLite, its effect on the quota check, expiry, refusals, and the audit log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBot } from '../support/bot.ts';

const h = useBot({ inference: 'held' });

const mod = () => ({ user: h.discord.users.mod });
const DAY = 86_400_000;

test('/ban with a duration bans until then; the quota check refuses and says when it ends', async () => {
  const { alice } = h.discord.users;
  const guildId = h.discord.guildId;
  const now = h.clock.now();
  const a = await h.run('ban', { user: alice, reason: 'spamming the queue', duration: '7d' }, mod());
  assert.equal(a.ephemeral, true);
  assert.match(
    a.content,
    new RegExp(
      `<@${alice.id}> can no longer use Atelier in this server, for 1 wk, until <t:${Math.floor((now + 7 * DAY) / 1000)}:f>`,
    ),
  );
  assert.match(a.content, /Reason: spamming the queue/);

  const ban = h.stores.moderation.activeBan(guildId, alice.id);
  assert.equal(ban?.expiresAt, now + 7 * DAY);
  assert.equal(ban?.moderatorId, h.discord.users.mod.id);
  assert.equal(ban?.reason, 'spamming the queue');
  const refused = h.stores.quota.reserve({ guildId, userId: alice.id, roleIds: [], images: 1 });
  assert.equal(!refused.ok && refused.limit, 'banned');
  assert.equal(!refused.ok && refused.retryAt, now + 7 * DAY);

  const [entry] = h.stores.audit.list({ guildId, limit: 1 });
  assert.equal(entry?.action, 'ban');
  assert.equal(entry?.targetId, alice.id);
  assert.equal(entry?.reason, 'spamming the queue');
  assert.equal((entry?.after as { expiresAt: number } | undefined)?.expiresAt, now + 7 * DAY);

  // It ends by itself.
  h.clock.advance(7 * DAY + 1);
  assert.equal(h.stores.moderation.activeBan(guildId, alice.id), null);
  assert.equal(h.stores.quota.reserve({ guildId, userId: alice.id, roleIds: [], images: 1 }).ok, true);
});

test('/ban without a duration lasts until /unban, which lifts it and is audited', async () => {
  const { bob } = h.discord.users;
  const guildId = h.discord.guildId;
  const a = await h.run('ban', { user: bob, reason: 'rude prompts' }, mod());
  assert.match(a.content, /with no end date/);
  assert.equal(h.stores.moderation.activeBan(guildId, bob.id)?.expiresAt, null);

  const u = await h.run('unban', { user: bob, reason: 'apologised' }, mod());
  assert.equal(u.ephemeral, true);
  assert.match(
    u.content,
    new RegExp(`<@${bob.id}> can use Atelier in this server again. \\(They had been banned for: rude prompts\\)`),
  );
  assert.equal(h.stores.moderation.activeBan(guildId, bob.id), null);
  const [entry] = h.stores.audit.list({ guildId, limit: 1 });
  assert.equal(entry?.action, 'unban');
  assert.equal(entry?.reason, 'apologised');

  const count = h.stores.audit.list({ guildId, limit: 100 }).length;
  const again = await h.run('unban', { user: bob }, mod());
  assert.match(again.content, /is not banned here, so there was nothing to lift/);
  assert.equal(h.stores.audit.list({ guildId, limit: 100 }).length, count, 'nothing to log');
});

test('/ban refuses bad durations, itself, bots and moderators, changing nothing', async () => {
  const { alice, mod: moderator } = h.discord.users;
  const before = h.dump();
  const cases: [Record<string, unknown>, RegExp][] = [
    [
      { user: alice, reason: 'x', duration: 'soon' },
      /"soon" is not a duration I understand. Write a duration like 30m, 12h, 7d or 2w/,
    ],
    [{ user: alice, reason: 'x', duration: '3 fortnights' }, /"fortnights" is not a unit I know/],
    [{ user: alice, reason: 'x', duration: '10s' }, /at least one minute/],
    [{ user: alice, reason: 'x', duration: '400d' }, /longer than a year/],
    [{ user: alice, reason: '   ' }, /Give a reason/],
    [{ user: moderator, reason: 'x' }, /cannot ban yourself/],
    [{ user: h.discord.botUser, reason: 'x' }, /is a bot/],
    [{ user: h.discord.users.owner, reason: 'x' }, /has the Manage Server permission here/],
  ];
  for (const [options, message] of cases) {
    const a = await h.run('ban', options as never, mod());
    assert.match(a.content, message, JSON.stringify(options));
    assert.equal(a.ephemeral, true);
  }
  assert.deepEqual(h.dump(), before);
});

test('durations combine units: 1d12h', async () => {
  const { alice } = h.discord.users;
  const now = h.clock.now();
  await h.run('ban', { user: alice, reason: 'cool off', duration: '1d12h' }, mod());
  assert.equal(h.stores.moderation.activeBan(h.discord.guildId, alice.id)?.expiresAt, now + 36 * 3_600_000);
});

test("/ban cancels and refunds the member's waiting jobs in this server, not elsewhere", async () => {
  const user = h.discord.addUser('carol');
  const running = h.submitJob(user.id); // the held backend keeps the first job running
  const waiting = [h.submitJob(user.id), h.submitJob(user.id)];
  const elsewhere = h.submitJob(user.id, {}, null);
  const a = await h.run('ban', { user, reason: 'flooding' }, mod());
  assert.match(a.content, /Their 2 waiting jobs were cancelled \(and refunded\)/);
  for (const id of waiting) {
    const job = h.stores.jobs.get(id);
    assert.equal(job?.state, 'cancelled');
    assert.equal(h.stores.quota.refund(job!.reservationId!), false, 'already refunded by the cancellation');
  }
  assert.notEqual(h.stores.jobs.get(running)?.state, 'cancelled');
  assert.equal(h.stores.jobs.get(elsewhere)?.state, 'queued');
  await h.run('unban', { user }, mod());
});
