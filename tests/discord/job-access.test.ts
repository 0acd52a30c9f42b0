import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { belongsHere } from '../../src/discord/job-access.ts';

describe('belongsHere: a job belongs to its server or its DM', () => {
  const inGuild = { guildId: 'g1', channelId: 'c1', userId: 'u1' };
  const inDm = { guildId: null, channelId: 'dm1', userId: 'u1' };
  const at = (guildId: string | null, channelId: string | null, userId: string) => ({
    guildId,
    channelId,
    user: { id: userId },
  });

  it('a server job is found anywhere in that server, by anyone, and nowhere else', () => {
    assert.equal(belongsHere(inGuild, at('g1', 'c2', 'u9')), true);
    assert.equal(belongsHere(inGuild, at('g2', 'c1', 'u1')), false);
    assert.equal(belongsHere(inGuild, at(null, 'dm1', 'u1')), false);
  });

  it('a DM job is found only in that DM', () => {
    assert.equal(belongsHere(inDm, at(null, 'dm1', 'u1')), true);
    assert.equal(belongsHere(inDm, at(null, 'dm2', 'u2')), false);
    assert.equal(belongsHere(inDm, at('g1', 'dm1', 'u1')), false);
    // A job stored without its channel: its owner's DM only.
    assert.equal(belongsHere({ ...inDm, channelId: null }, at(null, 'dm1', 'u1')), true);
    assert.equal(belongsHere({ ...inDm, channelId: null }, at(null, 'dm2', 'u2')), false);
  });
});
