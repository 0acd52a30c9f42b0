// The path from an interaction to its acknowledgement: the decision is made with reads only (the quota held in the
// bot's memory), the acknowledgement goes out, and only then are the reservation and the job written, in one
// transaction. Twenty requests at once cannot overdraw a quota, and a write that fails after the acknowledgement
// is told to the member privately with nothing charged.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { InteractionHandle } from '../support/discord/index.ts';
import { waitUntil } from '../support/wait.ts';
import { CROWD } from '../../src/discord/admission.ts';
import { decided, isSettled, useBot } from '../support/bot.ts';

describe('admission: nothing written before the acknowledgement', () => {
  const h = useBot({ env: { QUEUE_MAX_PER_USER: '50' }, specReport: false });
  afterEach(() => {
    assert.equal(h.discord.specReport(), '');
  });

  /** Sets a limit for the whole server, as /limits would ('reset': back to the default). */
  function limit(key: string, value: string): void {
    const target = { guildId: h.discord.guildId, scope: 'guild' as const, key, moderatorId: h.discord.users.mod.id };
    if (value === 'reset') h.current.stores.limits.reset(target);
    else h.current.stores.limits.set({ ...target, value });
  }

  /**
   * Accepted (the job's public message) or refused (a private answer), once the bot decided; acknowledged within 3 s
   * either way.
   */
  async function outcome(handle: InteractionHandle): Promise<'accepted' | 'refused'> {
    await h.discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`), { timeout: 20_000 });
    const ack = h.discord.interaction(handle).ack!;
    assert.ok(ack.at - h.discord.interaction(handle).createdAt < 3000, 'acknowledged within 3 s');
    return (await decided(h.discord, handle)).outcome;
  }

  it('twenty /imagine at once from one member cannot overdraw the quota; each job is written after its acknowledgement', async () => {
    const { discord } = h;
    const { stores } = h.current;
    limit('userImagesPerDay', '12'); // three jobs of four images
    const dana = discord.addUser('dana');
    let handles: InteractionHandle[] = [];
    // Every reservation is written after its request's acknowledgement: never more reservations than deferrals.
    const reserve = stores.quota.reserve;
    let reservations = 0;
    const writtenBeforeAck: number[] = [];
    stores.quota.reserve = (...args) => {
      reservations++;
      const deferred = handles.filter((x) => discord.interaction(x).ack?.type === 5).length;
      if (deferred < reservations) writtenBeforeAck.push(reservations);
      return reserve(...args);
    };
    try {
      handles = Array.from({ length: 20 }, (_, i) => h.imagine({ prompt: `a lantern ${i}` }, { user: dana }));
      const outcomes = await Promise.all(handles.map(outcome));
      assert.equal(outcomes.filter((o) => o === 'accepted').length, 3);
      // A crowd is acknowledged privately first: a refusal never showed in public, not even for a moment.
      for (const x of handles.filter((_, i) => outcomes[i] === 'refused'))
        assert.equal(discord.messages.filter((m) => m.interactionId === x.id && !m.ephemeral).length, 0);
      const accepted = handles.filter((_, i) => outcomes[i] === 'accepted');
      const finals = await Promise.all(accepted.map((handle) => h.settled(handle, 60_000)));
      assert.ok(finals.every(isSettled));
      await h.idle();
      assert.equal(reservations, 3);
      assert.deepEqual(writtenBeforeAck, [], 'no reservation was written before its acknowledgement');
      assert.equal(stores.quota.status({ guildId: discord.guildId, userId: dana.id, roleIds: [] }).imagesUsed, 12);
      const refused = stores.usage.list(
        { since: 0, until: Number.MAX_SAFE_INTEGER, userId: dana.id },
        { decision: 'refused' },
      );
      assert.equal(refused.length, 17);
      assert.ok(refused.every((r) => r.reasonCode === 'userImagesPerDay'));
    } finally {
      stores.quota.reserve = reserve;
      limit('userImagesPerDay', 'reset');
    }
  });

  it("twenty members at once cannot overdraw the server's quota", async () => {
    const { discord } = h;
    const { stores } = h.current;
    limit(
      'guildImagesPerDay',
      String(5 * 4 + stores.quota.status({ guildId: discord.guildId, userId: 'x', roleIds: [] }).guildImagesUsed),
    );
    // A crowd is acknowledged before it is decided: when a member's request is decided (its quota held), its
    // acknowledgement is already out, but for the first few (no crowd yet).
    const hold = stores.quota.hold;
    let handles: InteractionHandle[] = [];
    const decidedBeforeAck: string[] = [];
    stores.quota.hold = (q) => {
      const mine = handles.find((x) => discord.interaction(x).userId === q.userId);
      if (mine && !discord.interaction(mine).ack) decidedBeforeAck.push(q.userId);
      return hold(q);
    };
    try {
      handles = Array.from({ length: 20 }, (_, i) =>
        h.imagine({ prompt: `a kite ${i}` }, { user: discord.addUser(`crowd-${i}`) }),
      );
      const outcomes = await Promise.all(handles.map(outcome));
      assert.equal(outcomes.filter((o) => o === 'accepted').length, 5);
      // Only the first few, before there was a crowd, were decided first.
      assert.ok(decidedBeforeAck.length <= CROWD, `decided before their acknowledgement: ${decidedBeforeAck.length}`);
      // Accepted from the crowd (the fifth at the latest): a private note, and the job's public message as its
      // follow-up, which gets the result.
      const fromCrowd = handles.filter((x, i) => outcomes[i] === 'accepted' && discord.original(x).ephemeral);
      assert.ok(fromCrowd.length >= 1);
      for (const x of fromCrowd) {
        assert.match(discord.original(x).content, /Your request is in/);
        assert.equal(discord.interaction(x).followUpIds.length, 1);
      }
      await Promise.all(handles.filter((_, i) => outcomes[i] === 'accepted').map((x) => h.settled(x, 60_000)));
      await h.idle();
      const status = stores.quota.status({ guildId: discord.guildId, userId: 'x', roleIds: [] });
      assert.equal(status.guildImagesLeft, 0);
      // The crowd's status edits: at most one per message per tick (the delivery's 1.5 s), the result excepted.
      for (const handle of handles.filter((_, i) => outcomes[i] === 'accepted')) {
        const edits = discord.requests.filter((r) => r.method === 'PATCH' && r.path.includes(handle.token));
        const gaps = edits.slice(1, -1).map((r, i) => r.at - edits[i]!.at);
        assert.ok(
          gaps.every((g) => g >= 1000),
          `edits of one message ${JSON.stringify(gaps)} ms apart`,
        );
      }
    } finally {
      stores.quota.hold = hold;
      limit('guildImagesPerDay', 'reset');
    }
  });

  it('a write that fails after the acknowledgement: the member is told privately, nothing is charged or left', async () => {
    const { discord } = h;
    const { stores } = h.current;
    const erin = discord.addUser('erin');
    limit('userImagesPerDay', '4'); // one job: a hold the failure left behind would refuse the next one
    const admit = stores.lifecycle.admit;
    stores.lifecycle.admit = () => {
      throw new Error('SQLITE_IOERR: disk I/O error');
    };
    let handle: InteractionHandle;
    try {
      handle = h.imagine({ prompt: 'a ship in a bottle' }, { user: erin });
      const told = await discord.waitForMessage((m) => m.interactionId === handle.id && m.ephemeral, {
        timeout: 20_000,
      });
      assert.match(
        told.content,
        /could not be saved, so it was not started and nothing was charged \(error id `\w+`\)/,
      );
      assert.equal(discord.interaction(handle).ack?.type, 5, 'it had been accepted and acknowledged');
      const errorId = /error id `(\w+)`/.exec(told.content)![1]!;
      assert.ok(
        h.logs.some((l) => l.includes(errorId) && l.includes('disk I/O error')),
        'the cause is logged with the id',
      );
    } finally {
      stores.lifecycle.admit = admit;
    }
    const leftInPublic = () =>
      discord.messages.filter((m) => m.interactionId === handle.id && !m.ephemeral && !m.deleted).length;
    await waitUntil(() => leftInPublic() === 0, { what: 'the public "thinking…" message to go' });
    assert.equal(stores.quota.status({ guildId: discord.guildId, userId: erin.id, roleIds: [] }).imagesUsed, 0);
    assert.equal(stores.jobs.listQueued().filter((j) => j.userId === erin.id).length, 0);
    // The images were never charged, and the hold is gone: the same request now goes through.
    const again = await h.settled(h.imagine({ prompt: 'a ship in a bottle' }, { user: erin }), 60_000);
    assert.equal(again.files.length, 1);
    limit('userImagesPerDay', 'reset');
  });
});
