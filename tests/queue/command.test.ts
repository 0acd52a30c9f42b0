// /queue through the local Discord stand-in: the data shape, what each viewer sees (no one else's prompt or
// name), and moderators' removal (permission checked at run time, own server only, refunded and audited).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApplicationCommandOptionType } from 'discord.js';
import { data, renderQueue } from '../../commands/queue.ts';
import { useBot } from '../support/bot.ts';

const h = useBot({ inference: 'held' });

test('/queue data: a command for everyone with a remove option and a reason', () => {
  const json = data.toJSON();
  assert.equal(json.name, 'queue');
  assert.equal(json.default_member_permissions ?? null, null, 'everyone sees /queue; removal is checked at run time');
  const options = (json.options ?? []) as { name: string; type: number; min_value?: number; required?: boolean }[];
  assert.deepEqual(
    options.map((o) => [o.name, o.type, !!o.required]),
    [
      ['remove', ApplicationCommandOptionType.Integer, false],
      ['reason', ApplicationCommandOptionType.String, false],
    ],
  );
  assert.equal(options[0]?.min_value, 1);
});

test('/queue shows places and estimates, marks your jobs, and hides everyone else’s prompt and name', async () => {
  const { alice, bob } = h.discord.users;
  const running = h.submitJob(bob.id, { prompt: 'bob’s secret castle' });
  const a1 = h.submitJob(alice.id, { prompt: 'alice’s private garden', width: 768, steps: 8, count: 2 });
  const b2 = h.submitJob(bob.id, { prompt: 'bob’s second secret' });
  const a2 = h.submitJob(alice.id, { prompt: 'alice again' });
  await new Promise((r) => setImmediate(r));

  const a = await h.run('queue', {}, { user: alice });
  assert.equal(a.ephemeral, true);
  assert.doesNotMatch(a.content, /secret|garden|alice again/, 'no prompt is shown');
  assert.doesNotMatch(a.content, new RegExp(bob.id), 'nobody else is named');
  assert.match(a.content, /in this server:\*\* 1 running, 3 waiting/);
  assert.match(a.content, new RegExp(`job ${running}: 512×512, 4 steps, 1 image`));
  const lines = a.content.split('\n');
  const placeOf = (id: number) => lines.find((l) => l.includes(`job ${id}:`))?.match(/^(\d+)\./)?.[1];
  assert.deepEqual([placeOf(a1), placeOf(b2), placeOf(a2)], ['1', '2', '3'], 'turns alternate between people');
  assert.match(
    lines.find((l) => l.includes(`job ${a1}:`))!,
    new RegExp(`768×512, 8 steps, 2 images · starts .* · yours \\(<@${alice.id}>\\)`),
  );

  const b = await h.run('queue', {}, { user: bob });
  assert.doesNotMatch(b.content, new RegExp(alice.id));
  assert.match(b.content, new RegExp(`job ${b2}: .*yours \\(<@${bob.id}>\\)`));
  for (const id of [running, a1, b2, a2]) h.queue.cancel(id, h.stores.jobs.get(id)!.userId);
});

test('/queue remove: refused without Manage Server, changes nothing', async () => {
  const { alice, bob } = h.discord.users;
  const job = h.submitJob(bob.id);
  const a = await h.run('queue', { remove: job }, { user: alice });
  assert.equal(a.ephemeral, true);
  assert.match(a.content, /Manage Server/);
  assert.equal(h.stores.jobs.get(job)!.state === 'queued' || h.stores.jobs.get(job)!.state === 'running', true);
  h.queue.cancel(job, bob.id);
});

test('/queue remove: a moderator removes a waiting job; it is cancelled, refunded and audited', async () => {
  const { bob, mod } = h.discord.users;
  h.submitJob(bob.id); // runs
  const job = h.submitJob(bob.id);
  const reservationId = h.stores.jobs.get(job)!.reservationId!;
  const a = await h.run('queue', { remove: job, reason: 'duplicate' }, { user: mod });
  assert.match(a.content, new RegExp(`Removed job ${job} by <@${bob.id}> \\(it was #1 in the queue\\)`));
  assert.match(a.content, /told why: duplicate/);
  assert.equal(h.stores.jobs.get(job)!.state, 'cancelled');
  const refunded = h.database.sqlite
    .prepare('SELECT refunded_at FROM quota_reservations WHERE id = ?')
    .get(reservationId) as { refunded_at: number | null };
  assert.notEqual(refunded.refunded_at, null);
  const [entry] = h.stores.audit.list({ guildId: h.discord.guildId, limit: 1 });
  assert.deepEqual(
    [entry?.action, entry?.targetId, entry?.moderatorId, entry?.reason],
    ['queue.remove', String(job), mod.id, 'duplicate'],
  );

  const again = await h.run('queue', { remove: job }, { user: mod });
  assert.match(again.content, new RegExp(`Job ${job} has already been cancelled`));
  const elsewhere = h.submitJob(bob.id, {}, 'another-guild');
  const other = await h.run('queue', { remove: elsewhere }, { user: mod });
  assert.match(other.content, new RegExp(`There is no job ${elsewhere} in this server`));
  assert.equal(h.stores.jobs.get(elsewhere)!.state, 'queued');
});

test('renderQueue: the empty queue, long queues keep the viewer’s own jobs', () => {
  const empty = { running: [], queued: [], slots: 1, maxWaiting: 200, maxPerUser: 5, accepting: true };
  assert.match(renderQueue(empty, { guildId: 'g', channelId: 'c', user: { id: 'u' } }, 0), /The queue is empty/);
  const job = (id: number, userId: string) => ({
    id,
    userId,
    guildId: 'g',
    channelId: 'c',
    params: { width: 64, height: 64, steps: 4, count: 1 },
  });
  const queued = Array.from({ length: 30 }, (_, i) => ({
    job: job(i + 1, i === 24 ? 'me' : 'x'),
    position: i + 1,
    etaMs: i * 60_000,
    runMs: 60_000,
  }));
  const viewer = { guildId: 'g', channelId: 'c', user: { id: 'me' } };
  const text = renderQueue({ ...empty, queued } as never, viewer, Date.UTC(2026, 0, 1));
  assert.match(text, /^15\. job 15:/m);
  assert.doesNotMatch(text, /^16\. /m);
  assert.match(text, /^… 9 more$/m);
  assert.match(text, /^25\. job 25: .* yours/m);
  assert.match(text, /^… 5 more$/m);
});

test('/queue shows a server only its own jobs, with their places in the global order', async () => {
  const { alice, bob } = h.discord.users;
  const elsewhereRunning = h.submitJob(bob.id, { width: 320, steps: 7 }, 'another-guild');
  const elsewhere = h.submitJob(bob.id, { width: 448, steps: 9, count: 3 }, 'another-guild');
  const mine = h.submitJob(alice.id, { width: 768, steps: 8 });
  await new Promise((r) => setImmediate(r));
  const a = await h.run('queue', {}, { user: alice });
  assert.doesNotMatch(
    a.content,
    new RegExp(`job (${elsewhereRunning}|${elsewhere}):`),
    "no other server's job is listed",
  );
  assert.doesNotMatch(a.content, /320×|448×|7 steps|9 steps|3 images/, 'nor its size, steps or count');
  const snapshot = h.queue.snapshot();
  const total = `${snapshot.running.length} running, ${snapshot.queued.length} waiting`;
  assert.match(a.content, new RegExp(`\\*\\*All servers:\\*\\* ${total}`));
  assert.match(a.content, new RegExp(`job ${mine}: 768×512, 8 steps`));
  const place = snapshot.queued.find((q) => q.job.id === mine)?.position;
  if (place !== undefined)
    assert.match(a.content, new RegExp(`^${place}\\. job ${mine}:`, 'm'), 'its place in the global order');
  if (place !== undefined && place > 1)
    assert.match(a.content, /^… \d+ more$/m, "other servers' jobs ahead are only counted");
  for (const id of [elsewhereRunning, elsewhere, mine]) h.queue.cancel(id, h.stores.jobs.get(id)!.userId);
});
