/**
 * The Discord side wired together: commands, the router (the only interactionCreate listener), the buttons, the
 * delivery of queue events, and the client. main.ts and the end-to-end tests build the bot the same way.
 *
 *   const bot = await createBot({ config, stores, queue, modelInfo });
 *   queue.recover();          // its events wait in delivery until the client is ready
 *   await bot.login();
 *   ...
 *   await bot.stop();
 */
import { Events, SnowflakeUtil, type Client, type Interaction, type RESTOptions } from 'discord.js';
import type { Config } from '../config.ts';
import type { Stores } from '../db/stores.ts';
import type { ModelInfo } from '../diffusion/types.ts';
import { log } from '../log.ts';
import { holdTurns } from '../process/turns.ts';
import type { Metrics } from '../health/metrics.ts';
import type { JobQueue } from '../queue/queue.ts';
import { buttonHandlers } from './buttons.ts';
import { editButtonHandlers, editModalHandlers } from './edits.ts';
import { confirmButtonHandlers } from './prompt-confirm.ts';
import { remixModalHandlers, withRemix } from './remix.ts';
import { applicationIdFromToken, createGateway, type Gateway } from './client.ts';
import { loadCommands, type Command } from './command.ts';
import type { AppContext } from './context.ts';
import { createDelivery, resultOptions, type Delivery } from './delivery.ts';
import { createRouter, type Router } from './router.ts';

export interface BotOptions {
  config: Readonly<Config>;
  stores: Stores;
  queue: JobQueue;
  modelInfo(): ModelInfo | undefined;
  /** Every installed model, from memory (AppContext.models). */
  models?: AppContext['models'];
  /** Epoch ms (interaction token lifetimes); the database's clock by default. */
  now?: (() => number) | undefined;
  rest?: Partial<RESTOptions> | undefined;
  /** Least time between two edits of one job's message (1500 ms). */
  minEditIntervalMs?: number | undefined;
  commands?: ReadonlyMap<string, Command> | undefined;
  /** Counts interactions, acknowledgement latency and REST errors for /metrics. */
  metrics?: Metrics | undefined;
  health?: AppContext['health'];
  /**
   * A gateway already logging in (main.ts starts the login before loading the rest of the bot); interactions that
   * reach it before login() wait for it. By default the bot makes its own and logs in at login().
   */
  gateway?: Gateway | undefined;
}

export interface Bot {
  client: Client;
  ctx: AppContext;
  router: Router;
  delivery: Delivery;
  commands: ReadonlyMap<string, Command>;
  /** Starts answering interactions (those that already arrived first), logs in if not yet, resolves at READY. */
  login(): Promise<void>;
  /** Waits for pending message edits (up to `timeoutMs`), then closes the gateway. */
  stop(timeoutMs?: number): Promise<void>;
}

export async function createBot(opts: BotOptions): Promise<Bot> {
  const { config, stores, queue } = opts;
  const token = config.discord.token;
  if (!token) throw new Error('createBot: no DISCORD_TOKEN in the config');
  const now = opts.now ?? stores.database.clock;
  const commands = opts.commands ?? (await loadCommands());
  const ctx: AppContext = {
    config,
    now,
    stores,
    queue,
    modelInfo: opts.modelInfo,
    models: opts.models,
    health: opts.health,
  };
  const gateway = opts.gateway ?? createGateway(config, { rest: opts.rest });
  const client = gateway.client;
  const router = createRouter(
    commands,
    withRemix({ ...buttonHandlers, ...editButtonHandlers, ...confirmButtonHandlers }),
    ctx,
    {
      ...remixModalHandlers,
      ...editModalHandlers,
    },
  );
  const metrics = opts.metrics;
  // Interactions on their way to their acknowledgement hold back the work that takes turns (src/process/turns.ts)
  // until Discord has the callback: a crowd is acknowledged before the writes and edits of its first members.
  const unacknowledged = new Map<string, () => void>();
  const acknowledged = (id: string) => {
    unacknowledged.get(id)?.();
    unacknowledged.delete(id);
  };
  client.rest.on('response', (request) => {
    const id = /^\/interactions\/(\d+)\/[^/]+\/callback/.exec(request.path)?.[1];
    if (id) acknowledged(id);
  });
  const onInteraction = (interaction: Interaction) => {
    unacknowledged.set(interaction.id, holdTurns());
    metrics?.interaction(
      interaction.isChatInputCommand()
        ? 'command'
        : interaction.isContextMenuCommand()
          ? 'context-menu'
          : interaction.isButton()
            ? 'button'
            : interaction.isModalSubmit()
              ? 'modal'
              : 'other',
    );
    // Handled at once, up to its acknowledgement (reads only; the write and the status edits take turns, see
    // src/process/turns.ts): handling each interaction on a turn of its own made a crowd's acknowledgements slower.
    void router.handle(interaction).finally(() => acknowledged(interaction.id));
  };
  if (metrics) {
    client.rest.on('response', (request, response) => {
      const id = /^\/interactions\/(\d+)\//.exec(request.path)?.[1];
      metrics.restResponse(request.path, response.status, id ? Number(SnowflakeUtil.timestampFrom(id)) : undefined);
    });
    client.rest.on('rateLimited', (info) => metrics.rateLimited(info.route, info.global));
  }
  client.on(Events.Error, (err) => log.error('discord client error', { err }));
  client.on(Events.ShardDisconnect, (event) => log.warn('gateway disconnected', { code: event.code }));
  client.on(Events.ShardResume, (_id, replayed) => log.info('gateway resumed', { replayed }));

  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const delivery = createDelivery({
    client,
    jobs: stores.jobs,
    now,
    ready,
    appId: config.discord.applicationId ?? applicationIdFromToken(token),
    minEditIntervalMs: opts.minEditIntervalMs,
    result: resultOptions(config),
  });
  const unsubscribe = queue.on('update', delivery.handle);

  return {
    client,
    ctx,
    router,
    delivery,
    commands,
    async login() {
      const waited = gateway.waiting;
      gateway.open(onInteraction);
      await gateway.login();
      resolveReady();
      // From the process's start: after 'gateway ready' when main.ts logged in before wiring the bot.
      log.info('answering interactions', { waited, startupS: Math.round(performance.now()) / 1000 });
    },
    async stop(timeoutMs = 10_000) {
      await Promise.race([delivery.idle(), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
      unsubscribe();
      await client.destroy();
    },
  };
}
