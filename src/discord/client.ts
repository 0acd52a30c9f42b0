/**
 * The discord.js client: only the Guilds intent (slash commands, buttons and context menus need nothing more, and
 * no privileged intent), REST base from the config (Discord's own, or the local stand-in in tests), no message
 * cache (the bot reads its state from SQLite), and nobody pinged unless a message says so.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Options, Partials, type Interaction, type RESTOptions } from 'discord.js';
import type { Config } from '../config.ts';
import { log } from '../log.ts';

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

/**
 * The client and its gateway session, apart from what answers on it, so that `npm start` can log in first and load
 * the rest of the bot (commands, catalogs, stores) while the gateway handshake is on the network. Interactions that
 * arrive before open() wait, in order, and are handed over then (a few hundred ms at most, well inside the 3 s an
 * interaction may wait for its acknowledgement).
 */
export interface Gateway {
  readonly client: Client;
  /** Logs in (the first call; later calls return the same promise) and resolves at READY. */
  login(): Promise<void>;
  /** From now on interactions go to `listener`, those that already arrived first. */
  open(listener: (interaction: Interaction) => void): void;
  /** Interactions received and not yet handed over. */
  readonly waiting: number;
}

export function createGateway(config: Pick<Config, 'discord'>, opts: ClientOptions = {}): Gateway {
  const token = config.discord.token;
  const client = createDiscordClient(config, opts);
  let waiting: Interaction[] | undefined = [];
  let listener: ((interaction: Interaction) => void) | undefined;
  client.on(Events.InteractionCreate, (interaction) => {
    if (waiting) waiting.push(interaction);
    else listener!(interaction);
  });
  let loggingIn: Promise<void> | undefined;
  return {
    client,
    login() {
      loggingIn ??= (async () => {
        if (!token) throw new Error('createGateway: no DISCORD_TOKEN in the config');
        const ready = once(client, Events.ClientReady);
        await client.login(token);
        await ready;
        log.info('gateway ready', { user: client.user?.tag, guilds: client.guilds.cache.size });
      })();
      return loggingIn;
    },
    open(l) {
      if (!waiting) throw new Error('the gateway is already open');
      listener = l;
      const arrived = waiting;
      waiting = undefined;
      for (const interaction of arrived) l(interaction);
    },
    get waiting() {
      return waiting?.length ?? 0;
    },
  };
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

/** Network error codes (Node's and undici's) that mean Discord could not be reached at all. */
const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

interface ErrorLike {
  code?: unknown;
  status?: unknown;
  name?: unknown;
  message?: unknown;
}

/** The error, its causes and (for AggregateErrors such as a failed happy-eyeballs connect) the errors inside. */
function errorChain(err: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  for (
    let e = err as { cause?: unknown } | undefined, i = 0;
    e && typeof e === 'object' && i < 8;
    e = e.cause as typeof e, i++
  ) {
    chain.push(e as never);
    if (Array.isArray((e as { errors?: unknown }).errors)) chain.push(...(e as { errors: never[] }).errors);
  }
  return chain;
}

/**
 * Why logging in to Discord failed, in words that blame the right thing: a refused token (with where to get a new
 * one), a network that cannot reach Discord (DNS, refused, timed out: the token was never checked), or anything else.
 */
export function explainLoginFailure(err: unknown, apiUrl: string): string {
  const chain = errorChain(err);
  const host = (() => {
    try {
      return new URL(apiUrl).host;
    } catch {
      return apiUrl;
    }
  })();
  if (chain.some((e) => e.code === 'TokenInvalid' || e.status === 401 || e.code === 4004)) {
    return (
      'Discord refused DISCORD_TOKEN (401 Unauthorized): the token is wrong, incomplete or was reset. ' +
      'Fix: Developer Portal (https://discord.com/developers/applications) > your app > Bot > Reset Token, and put the new ' +
      'token in .env as DISCORD_TOKEN=<token>.'
    );
  }
  if (chain.some((e) => e.code === 'DisallowedIntents' || e.code === 4014)) {
    return (
      'Discord refused the gateway intents this bot asks for (Guilds only). Fix: in the Developer Portal > Bot, ' +
      'check that the application is a bot and not restricted.'
    );
  }
  const net = chain.find((e) => typeof e.code === 'string' && OFFLINE_CODES.has(e.code));
  if (net) {
    const code = String(net.code);
    const what =
      code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `the name ${host} could not be resolved (DNS lookup failed: ${code})`
        : `${host} could not be reached (${code})`;
    return (
      `Could not connect to Discord: ${what}. This machine looks offline, or a firewall, proxy or DNS setting blocks ` +
      `it; DISCORD_TOKEN was not checked. Fix: check the network connection (try \`curl ${apiUrl}/v10/gateway\`), then start again.`
    );
  }
  if (chain.some((e) => e.name === 'AbortError' || e.name === 'TimeoutError')) {
    return (
      `Could not connect to Discord: ${host} did not answer in time. This machine's network is slow or blocked; ` +
      'DISCORD_TOKEN was not checked. Fix: check the network connection, then start again.'
    );
  }
  const first = chain[0];
  const message = first?.message ? String(first.message) : String(err);
  return `Could not log in to Discord: ${message}`;
}
