/**
 * The environment for the bot run as a real child process (`node --import tsx src/main.ts`) against the local
 * Discord, with a tiny generated model on the CPU. Only what is given here reaches the child (no .env, none of the
 * parent's settings), so a run depends on nothing outside the test; PATH is passed on for the child's own spawns.
 */
import { join } from 'node:path';
import type { DiscordEmulator } from './discord/index.ts';
import { tinyModel } from './models.ts';

export async function botProcessEnv(
  discord: DiscordEmulator,
  dir: string,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  return {
    PATH: process.env.PATH ?? '',
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiBase,
    DATABASE_PATH: join(dir, 'atelier.db'),
    MODEL_DIR: await tinyModel({}),
    EXECUTION_PROVIDERS: 'cpu',
    HEALTH_PORT: '0', // tests that need the endpoint give a free port; several bots run at once
    INTRA_OP_THREADS: '1',
    ...extra,
  };
}
