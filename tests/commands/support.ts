/**
 * A minimal bot for command tests: the real discord.js client logged in to the local Discord stand-in, the real
 * command loader and router, real SQLite in a temp file, and the real job queue over a backend that holds every
 * job until the test lets it go. main.ts is not involved.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Events, GatewayIntentBits, Routes } from 'discord.js';
import { loadConfig } from '../../src/config.ts';
import { loadCommands } from '../../src/discord/command.ts';
import type { AppContext } from '../../src/discord/context.ts';
import { createRouter } from '../../src/discord/router.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { createStores, storeOptionsFromConfig, type Stores } from '../../src/db/stores.ts';
import type { JobRequest, RequestChanges } from '../../src/request/request.ts';
import type { GenerateResult, ModelInfo } from '../../src/diffusion/types.ts';
import { createJobQueue, type JobQueue } from '../../src/queue/queue.ts';
import type { InferenceBackend } from '../../src/queue/types.ts';
import { captureLogs } from '../../src/log.ts';
import {
  startDiscordEmulator,
  type DiscordEmulator,
  type InteractionHandle,
  type InvokeOptions,
  type MessageView,
  type OptionValue,
} from '../support/discord/index.ts';

export const MODEL: ModelInfo = {
  name: 'sd-turbo',
  dir: '/models/sd-turbo',
  family: 'sd-turbo',
  sampleSize: 512,
  defaultSteps: 4,
  defaultGuidance: 0,
  defaultScheduler: 'euler',
  guidanceFree: true,
  supportsImg2Img: true,
  executionProvider: 'cuda',
  dtype: 'float16',
};

/** Inference that never finishes on its own: a job runs until it is cancelled, so queue places stay put. */
function heldBackend(): InferenceBackend {
  return {
    generate: (_req, { signal }) =>
      new Promise<GenerateResult>((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason ?? new Error('aborted')), { once: true });
      }),
    restart: async () => undefined,
  };
}

export interface Harness {
  discord: DiscordEmulator;
  client: Client;
  database: Database;
  stores: Stores;
  queue: JobQueue;
  ctx: AppContext;
  /** The database's clock (epoch ms), moved by hand. */
  clock: { now(): number; advance(ms: number): void };
  /** The model the context reports; change it to test /info. */
  model: { info: ModelInfo | undefined };
  /** Log lines written while the harness ran (the router logs bugs here). */
  logs: string[];
  /**
   * Runs a slash command as a user and resolves with the message the bot answered with (the original response, or
   * the follow-up when the router answered a deferred command with an error).
   */
  run(name: string, options?: Record<string, OptionValue>, opts?: InvokeOptions): Promise<Answer>;
  /** Every row of every table, to show that a refused command changed nothing. */
  dump(): Record<string, unknown[]>;
  /** A job in the queue for a user (a reservation of its images first, as /imagine does). */
  submitJob(userId: string, params?: RequestChanges, guildId?: string | null): number;
  close(): Promise<void>;
}

export interface Answer {
  handle: InteractionHandle;
  message: MessageView;
  content: string;
  ephemeral: boolean;
}

export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-commands-'));
  let now = Date.UTC(2026, 0, 15, 12, 0, 0);
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  const logs: string[] = [];
  const restoreLogs = captureLogs(logs);
  const discord = await startDiscordEmulator();
  const config = loadConfig({ DISCORD_API_URL: discord.apiBase, DATABASE_PATH: join(dir, 'atelier.db') });
  const database = openDatabase(config.databasePath, { clock: clock.now });
  const stores = createStores(database, storeOptionsFromConfig(config));
  const queue = createJobQueue({
    stores,
    backend: heldBackend(),
    clock: clock.now,
    config: {
      slots: 1,
      maxWaiting: config.queue.maxWaiting,
      maxPerUser: config.queue.maxPerUser,
      jobTimeoutMs: 3_600_000,
      previews: false,
    },
  });
  queue.recover();
  const model = { info: MODEL as ModelInfo | undefined };
  const ctx: AppContext = { config, now: clock.now, stores, queue, modelInfo: () => model.info };

  const commands = await loadCommands();
  const router = createRouter(commands, {}, ctx);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: discord.apiBase, retries: 1, timeout: 5000 },
  });
  client.on(Events.InteractionCreate, (i) => void router.handle(i));
  const ready = once(client, Events.ClientReady);
  await client.login(discord.token);
  await ready;
  await client.rest.put(Routes.applicationCommands(client.application!.id), {
    body: [...commands.values()].map((c) => c.data.toJSON()),
  });

  async function run(
    name: string,
    options: Record<string, OptionValue> = {},
    opts: InvokeOptions = {},
  ): Promise<Answer> {
    const handle = discord.slashCommand(name, options, opts);
    const callback = await discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`));
    const type = (callback.json as { type?: number } | undefined)?.type;
    let message: MessageView;
    if (type === 5) {
      // Deferred: the answer is the edit of the original, or a follow-up when the command failed.
      const answer = await discord.waitFor(
        (r) =>
          r.path.startsWith(`/webhooks/${discord.appId}/${handle.token}`) &&
          (r.method === 'PATCH' || r.method === 'POST'),
      );
      const id = (answer.response.body as { id: string }).id;
      message = discord.getMessage(id)!;
    } else {
      message = discord.original(handle);
    }
    return { handle, message, content: message.content, ephemeral: message.ephemeral };
  }

  function dump(): Record<string, unknown[]> {
    const tables = database.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, database.sqlite.prepare(`SELECT * FROM "${name}"`).all()]),
    );
  }

  function submitJob(userId: string, params: RequestChanges = {}, guildId: string | null = discord.guildId): number {
    const p: JobRequest = {
      kind: 'imagine',
      prompt: 'a lighthouse at dusk',
      width: 512,
      height: 512,
      steps: 4,
      guidanceScale: 0,
      seed: 1,
      count: 1,
      ...params,
    } as JobRequest;
    const reserved = stores.quota.reserve({ guildId, userId, roleIds: [], images: p.count });
    if (!reserved.ok) throw new Error(`reserve refused: ${reserved.message}`);
    return queue.submit({
      userId,
      guildId,
      channelId: discord.channelId,
      model: MODEL.name,
      params: p,
      reservationId: reserved.reservationId,
    }).job.id;
  }

  return {
    discord,
    client,
    database,
    stores,
    queue,
    ctx,
    clock,
    model,
    logs,
    run,
    dump,
    submitJob,
    async close() {
      await queue.shutdown({ graceMs: 0 });
      await client.destroy();
      await discord.close();
      database.close();
      restoreLogs();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
