/**
 * What a new owner needs to hear: how to create the Discord application, what the invite link asks for, and where
 * the token goes. `npm start` prints it when DISCORD_TOKEN is missing.
 */
import type { Config } from '../config.ts';

/**
 * What the invite link asks for, and why each: View Channels and Send Messages to post a result as a new message
 * when the 15-minute interaction token has expired (and its original was deleted), Attach Files for the images,
 * Embed Links for the parameters embed. No Use External Emojis (the buttons use plain Unicode emoji), no
 * Manage Messages (the bot only edits and deletes its own messages), no privileged intents.
 */
export const INVITE_PERMISSIONS =
  1024n /* View Channels */ | 2048n /* Send Messages */ | 16384n /* Embed Links */ | 32768n /* Attach Files */;

export function inviteLink(applicationId: string): string {
  return (
    `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot%20applications.commands` +
    `&permissions=${INVITE_PERMISSIONS}&integration_type=0`
  );
}

/** The message for `npm start` without a token: how to make the application, invite it, and where the token goes. */
export function setupHelp(config: Pick<Config, 'discord'>): string {
  const id = config.discord.applicationId;
  return [
    'To run Atelier on Discord it needs a bot token (DISCORD_TOKEN). To get one:',
    '',
    '  1. Open https://discord.com/developers/applications and click "New Application"; give it a name.',
    '  2. Under "Bot", click "Reset Token" and copy the token. (No privileged intents are needed.)',
    '  3. Put it in the file .env next to package.json (copy .env.example to .env first):',
    '       DISCORD_TOKEN=<the token>',
    '     and the "Application ID" from "General Information" as DISCORD_APPLICATION_ID=<id> for the invite link.',
    '  4. Invite the bot to your server with the scopes "bot" and "applications.commands" and the permissions',
    '     View Channels, Send Messages, Attach Files and Embed Links (permissions integer ' + INVITE_PERMISSIONS + '):',
    id
      ? `       ${inviteLink(id)}`
      : '       (set DISCORD_APPLICATION_ID and run `npm start` again to have the link printed here)',
    '  5. npm start (it registers the slash commands itself whenever they changed; set DISCORD_DEV_GUILD_ID to your',
    "     server's id first for instant updates while trying things out)",
  ].join('\n');
}
