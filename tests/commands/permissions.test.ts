// Moderator commands sent by a member without Manage Server (a crafted interaction, or an Integrations override
// that shows them the command) are refused politely and change nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PermissionFlagsBits } from 'discord.js';
import { useBot } from '../support/bot.ts';
import type { OptionValue } from '../support/discord/index.ts';

const h = useBot({ inference: 'held' });

function moderatorCommands(): [string, Record<string, OptionValue>][] {
  const { alice, bob } = h.discord.users;
  return [
    ['limits show', {}],
    ['limits set', { level: 'user', key: 'userImagesPerDay', value: 'unlimited', user: alice }],
    ['limits set', { level: 'guild', key: 'maxSteps', value: '1' }],
    ['limits reset', { level: 'guild' }],
    ['ban', { user: bob, reason: 'because I can', duration: '7d' }],
    ['unban', { user: alice }],
    ['blocklist add', { pattern: 'lighthouse' }],
    ['blocklist remove', { pattern: 'dragon' }],
    ['blocklist list', {}],
    ['usage', { period: 'week' }],
    ['modlog', {}],
  ];
}

test('the moderator commands are registered hidden from members and only in servers', () => {
  const registered = h.discord.registeredCommands.global;
  for (const name of ['limits', 'ban', 'unban', 'blocklist', 'usage', 'modlog']) {
    const c = registered.find((x) => x.name === name);
    assert.ok(c, `${name} is registered`);
    assert.equal(c.default_member_permissions, '32', `${name} needs Manage Server`);
    assert.deepEqual(c.contexts, [0], `${name} is offered in servers only`);
  }
  for (const name of ['info', 'settings']) {
    const c = registered.find((x) => x.name === name);
    assert.ok(c, `${name} is registered`);
    assert.equal(c.default_member_permissions ?? null, null, `${name} is for everyone`);
  }
});

test('Discord hides the moderator commands from members (default_member_permissions)', () => {
  assert.throws(
    () => h.discord.slashCommand('ban', { user: h.discord.users.bob, reason: 'x' }, { user: h.discord.users.alice }),
    /cannot see the slash command 'ban'/,
  );
});

test('a member without Manage Server is refused at run time and the database is unchanged', async () => {
  // Something for the refused commands to (not) change.
  const mod = h.discord.users.mod;
  await h.run('limits set', { level: 'guild', key: 'maxSteps', value: '30' }, { user: mod });
  await h.run('ban', { user: h.discord.users.alice, reason: 'spam' }, { user: mod });
  await h.run('blocklist add', { pattern: 'dragon' }, { user: mod });
  const before = h.dump();
  assert.ok(before.mod_audit!.length >= 3);

  for (const [name, options] of moderatorCommands()) {
    const a = await h.run(name, options, { user: h.discord.users.alice, ignoreCommandPermissions: true });
    assert.equal(a.ephemeral, true, name);
    assert.match(a.content, /this command is for moderators: it needs the \*\*Manage Server\*\* permission/, name);
    assert.match(a.content, /Nothing was changed/, name);
  }
  // The member's permissions in the payload are what counts, whatever the client shows: a crafted payload that
  // claims Send Messages only is refused for a Moderator too.
  const crafted = await h.run(
    'limits reset',
    { level: 'guild' },
    { user: mod, permissions: PermissionFlagsBits.SendMessages },
  );
  assert.match(crafted.content, /for moderators/);
  assert.deepEqual(h.dump(), before);
  assert.equal(
    h.logs.filter((l) => (JSON.parse(l) as { level: string }).level === 'error').length,
    0,
    'refusals are not logged as bugs',
  );
});

test('the server owner (all permissions) and a role given Manage Server may use them', async () => {
  const owner = await h.run('limits show', {}, { user: h.discord.users.owner });
  assert.match(owner.content, /Limits in this server/);
  const helper = h.discord.addUser('helper', {
    roles: [h.discord.addRole('Helpers', PermissionFlagsBits.ManageGuild).id],
  });
  const a = await h.run('modlog', {}, { user: helper });
  assert.match(a.content, /Moderator actions/);
});
