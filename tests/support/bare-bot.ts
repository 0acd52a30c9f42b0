// The baseline for `npm run bench -- bot`: a bare discord.js bot that defers every interaction and does nothing
// else, against the same local Discord (DISCORD_TOKEN, DISCORD_API_URL), so the bench can put the bot's
// acknowledgement latency next to what discord.js alone costs on the same machine in the same run.
import { Client, Events, GatewayIntentBits } from 'discord.js';

const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  rest: { api: process.env.DISCORD_API_URL!, globalRequestsPerSecond: 500 },
});
client.on('interactionCreate', (interaction) => {
  if (interaction.isRepliable()) void interaction.deferReply().catch(() => undefined);
});
client.once(Events.ClientReady, () => console.log('bare bot ready'));
process.once('SIGTERM', () => void client.destroy().then(() => process.exit(0)));
await client.login(process.env.DISCORD_TOKEN);
