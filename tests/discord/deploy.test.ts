import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { applicationIdFromToken } from '../../src/discord/client.ts';
import type { Command } from '../../src/discord/command.ts';
import { REST } from 'discord.js';
import { loadCommands } from '../../src/discord/command.ts';
import { commandBodies, commandsHash, syncCommands } from '../../src/discord/deploy.ts';
import { startDiscordEmulator } from '../support/discord/index.ts';

describe('command registration', () => {
  const command: Command = {
    data: new SlashCommandBuilder()
      .setName('imagine')
      .setDescription('Paint')
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),
    execute: async () => undefined,
  };
  const commands = new Map([['imagine', command]]);

  it('offers commands in DMs only when the owner allows them', () => {
    assert.deepEqual(commandBodies(commands, { discord: { allowDms: true } } as never)[0]!.contexts, [0, 1]);
    assert.deepEqual(commandBodies(commands, { discord: { allowDms: false } } as never)[0]!.contexts, [0]);
  });

  it('registers at start-up only when what Discord has differs from the code', async () => {
    const discord = await startDiscordEmulator();
    try {
      const rest = new REST({ api: discord.apiBase, retries: 0 }).setToken(discord.token);
      const bodies = commandBodies(await loadCommands(), { discord: { allowDms: false } } as never);
      const puts = () => discord.requests.filter((r) => r.method === 'PUT').length;
      assert.equal((await syncCommands(rest, discord.appId, bodies)).changed, true);
      assert.equal(puts(), 1);
      assert.deepEqual(discord.registeredCommands.global.map((c) => c.name).sort(), bodies.map((b) => b.name).sort());
      // Discord's copy (ids, versions, defaults filled in) hashes like the code's: no second registration.
      assert.equal((await syncCommands(rest, discord.appId, bodies)).changed, false);
      assert.equal(puts(), 1);
      const changed = bodies.map((b) => (b.name === 'imagine' ? { ...b, description: 'Paint something new' } : b));
      assert.equal((await syncCommands(rest, discord.appId, changed)).changed, true);
      assert.equal(puts(), 2);
      assert.equal(
        discord.registeredCommands.global.find((c) => c.name === 'imagine')?.description,
        'Paint something new',
      );
      // To the development guild when one is configured.
      assert.equal((await syncCommands(rest, discord.appId, bodies, discord.guildId)).changed, true);
      assert.ok(discord.registeredCommands.guild[discord.guildId]!.some((c) => c.name === 'imagine'));
    } finally {
      await discord.close();
    }
  });

  it('the hash ignores what Discord adds and the order, and sees any real change', () => {
    const body = {
      name: 'x',
      description: 'd',
      type: 1,
      options: [{ type: 3, name: 'o', description: 'p', required: true }],
    };
    const stored = {
      id: '1',
      application_id: '2',
      version: '3',
      default_member_permissions: null,
      nsfw: false,
      contexts: null,
      name_localizations: {},
      ...body,
      options: [{ ...body.options[0], description_localizations: null }],
    };
    assert.equal(commandsHash([body, { name: 'y', description: '' }]), commandsHash([{ name: 'y', type: 1 }, stored]));
    assert.notEqual(
      commandsHash([body]),
      commandsHash([{ ...body, options: [{ ...body.options[0], required: false }] }]),
    );
  });

  it('reads the application id from a bot token', () => {
    const id = '1234567890123456789';
    assert.equal(applicationIdFromToken(`${Buffer.from(id).toString('base64url')}.abc.def`), id);
    assert.equal(applicationIdFromToken('not-a-token'), undefined);
  });
});
