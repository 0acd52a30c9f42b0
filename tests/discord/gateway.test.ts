import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REST, Routes, type Interaction } from 'discord.js';
import { createGateway } from '../../src/discord/client.ts';
import { startDiscordEmulator } from '../support/discord/index.ts';
import { waitUntil } from '../support/wait.ts';

describe('gateway (log in first, wire the bot meanwhile)', () => {
  it('keeps interactions that arrive before open() and hands them over in order, then the later ones', async () => {
    const discord = await startDiscordEmulator();
    const config = { discord: { token: discord.token, apiUrl: discord.apiBase } } as never;
    const gateway = createGateway(config, { rest: { retries: 0 } });
    try {
      const rest = new REST({ api: discord.apiBase, retries: 0 }).setToken(discord.token);
      await rest.put(Routes.applicationCommands(discord.appId), {
        body: [{ name: 'ping', description: 'Answers pong' }],
      });
      // The same promise however often it is asked for: main.ts starts it, bot.login() awaits it.
      const first = gateway.login();
      assert.equal(gateway.login(), first);
      await first;
      const early = [discord.slashCommand('ping'), discord.slashCommand('ping')];
      await waitUntil(() => gateway.waiting === 2, { timeout: 5000 });
      const got: string[] = [];
      gateway.open((i: Interaction) => got.push(i.id));
      assert.deepEqual(
        got,
        early.map((h) => h.id),
      );
      assert.equal(gateway.waiting, 0);
      const late = discord.slashCommand('ping');
      await waitUntil(() => got.length === 3, { timeout: 5000 });
      assert.equal(got[2], late.id);
      assert.throws(() => gateway.open(() => undefined), /already open/);
    } finally {
      await gateway.client.destroy();
      await discord.close();
    }
  });

  it('a refused token rejects login(), for main.ts to explain', async () => {
    const discord = await startDiscordEmulator();
    const gateway = createGateway({ discord: { token: `${discord.token}x`, apiUrl: discord.apiBase } } as never, {
      rest: { retries: 0 },
    });
    try {
      await assert.rejects(gateway.login(), (err: { code?: string; status?: number }) => {
        return err.code === 'TokenInvalid' || err.status === 401;
      });
    } finally {
      await gateway.client.destroy();
      await discord.close();
    }
  });
});
