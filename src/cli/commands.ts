/**
 * `npm run commands -- <deploy|list>`: the bot's slash and context-menu commands on Discord.
 *   deploy   registers every command in commands/ (replacing the old set): to DISCORD_DEV_GUILD_ID when set
 *            (instant), else globally (every server; Discord may take a while to show changes)
 *   list     what Discord has registered now (same scope)
 * Add --global to deploy or list globally even when DISCORD_DEV_GUILD_ID is set.
 */
import { REST } from 'discord.js';
import { ConfigError, loadConfig } from '../config.ts';
import { applicationIdFromToken } from '../discord/client.ts';
import { loadCommands } from '../discord/command.ts';
import { commandBodies, deployCommands, listCommands } from '../discord/deploy.ts';

const [command, ...rest] = process.argv.slice(2);
if (command !== 'deploy' && command !== 'list') {
  console.error('Usage: npm run commands -- <deploy|list> [--global]');
  process.exit(command ? 2 : 0);
}
let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
const token = config.discord.token;
if (!token) {
  console.error('DISCORD_TOKEN is not set: put the bot token in .env (see `npm start` for how to get one).');
  process.exit(1);
}
const appId = config.discord.applicationId ?? applicationIdFromToken(token);
if (!appId) {
  console.error(
    'Set DISCORD_APPLICATION_ID in .env (Developer Portal > your app > General Information > Application ID).',
  );
  process.exit(1);
}
const guildId = rest.includes('--global') ? undefined : config.discord.devGuildId;
const api = new REST({ api: config.discord.apiUrl, retries: 2, timeout: 15_000 }).setToken(token);
const where = guildId ? `to guild ${guildId}` : 'globally';
try {
  if (command === 'deploy') {
    const result = await deployCommands(api, appId, commandBodies(await loadCommands(), config), guildId);
    console.log(`Registered ${result.names.length} command(s) ${where}: ${result.names.join(', ')}`);
    if (!guildId)
      console.log(
        'Global commands can take a while to appear; set DISCORD_DEV_GUILD_ID for instant updates in one server.',
      );
  } else {
    const list = await listCommands(api, appId, guildId);
    console.log(`${list.length} command(s) registered ${guildId ? `in guild ${guildId}` : 'globally'}:`);
    for (const c of list)
      console.log(`  ${c.type === 1 ? '/' : ''}${c.name}${c.description ? ` — ${c.description}` : ''}`);
  }
} catch (err) {
  console.error(`Discord refused: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
