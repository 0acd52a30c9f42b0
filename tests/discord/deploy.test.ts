import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { applicationIdFromToken } from '../../src/discord/client.ts';
import type { Command } from '../../src/discord/command.ts';
import { commandBodies } from '../../src/discord/deploy.ts';

describe('command registration', () => {
  const command: Command = {
    data: new SlashCommandBuilder().setName('imagine').setDescription('Paint')
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),
    execute: async () => undefined,
  };
  const commands = new Map([['imagine', command]]);

  it('offers commands in DMs only when the owner allows them', () => {
    assert.deepEqual(commandBodies(commands, { discord: { allowDms: true } } as never)[0]!.contexts, [0, 1]);
    assert.deepEqual(commandBodies(commands, { discord: { allowDms: false } } as never)[0]!.contexts, [0]);
  });

  it('reads the application id from a bot token', () => {
    const id = '1234567890123456789';
    assert.equal(applicationIdFromToken(`${Buffer.from(id).toString('base64url')}.abc.def`), id);
    assert.equal(applicationIdFromToken('not-a-token'), undefined);
  });
});
