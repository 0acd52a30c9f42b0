/**
 * The discord.js client: only the Guilds intent (slash commands, buttons and context menus need nothing more, and
 * no privileged intent), REST base from the config (Discord's own, or the local stand-in in tests), no message
 * cache (the bot reads its state from SQLite), and nobody pinged unless a message says so.
 */
import { Client, GatewayIntentBits, Options, Partials, type RESTOptions } from 'discord.js';
import type { Config } from '../config.ts';

export interface ClientOptions {
  /** REST overrides (tests: fewer retries, a shorter timeout). */
  rest?: Partial<RESTOptions> | undefined;
}

export function createDiscordClient(config: Pick<Config, 'discord'>, opts: ClientOptions = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // DM channels are not in the Guilds caches; with this, interactions in DMs still get a channel object.
    partials: [Partials.Channel],
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    allowedMentions: { parse: [] },
    rest: {
      api: config.discord.apiUrl,
      // discord.js counts every request against one 50/s budget, but interaction callbacks and webhook edits,
      // nearly all this bot sends, are exempt from Discord's global limit. At 50/s a burst of 100 /imagine would
      // wait a second for its acknowledgements; Discord's own 429s (with Retry-After) still apply and are obeyed.
      globalRequestsPerSecond: 500,
      ...opts.rest,
    },
  });
}

/** A bot token starts with the bot's user id (the application id) in base64: read it when the config has none. */
export function applicationIdFromToken(token: string): string | undefined {
  const first = token.split('.')[0] ?? '';
  try {
    const id = Buffer.from(first, 'base64url').toString('utf8');
    return /^\d{15,22}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}
