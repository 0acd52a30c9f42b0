/** Entry point of `npm start`. Wiring only; grows as the bot, queue and database land. */
import { ConfigError, loadConfig } from './config.ts';

try {
  const config = loadConfig();
  if (!config.discord.token) {
    console.error('No DISCORD_TOKEN is set. Create an application at https://discord.com/developers/applications, ' +
      'copy its bot token into .env as DISCORD_TOKEN=..., then run `npm start` again.');
    process.exit(1);
  }
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
