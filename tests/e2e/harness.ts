/**
 * The whole bot against the local Discord: the emulator (real HTTP and WebSocket), the real discord.js client made
 * by src/discord/client.ts, a tiny generated model doing real inference in the real inference process, the real
 * queue, and SQLite in a temp file. Everything reads the emulator's clock, so a test can jump past the 15-minute
 * token lifetime.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { createStores, storeOptionsFromConfig, type Stores } from '../../src/db/stores.ts';
import { createBot, type Bot } from '../../src/discord/bot.ts';
import { commandBodies, deployCommands } from '../../src/discord/deploy.ts';
import { createInferenceClient, type InferenceClient } from '../../src/inference/client.ts';
import { captureLogs } from '../../src/log.ts';
import { createJobQueue, type JobQueue } from '../../src/queue/queue.ts';
import {
  startDiscordEmulator,
  type DiscordEmulator,
  type EmulatorOptions,
  type InteractionHandle,
  type MessageView,
} from '../support/discord/index.ts';
import { tinyModel } from '../support/models.ts';

export interface Running {
  database: Database;
  stores: Stores;
  queue: JobQueue;
  bot: Bot;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** The model to serve (a generated tiny model by default). */
  modelDir?: string;
  emulator?: EmulatorOptions;
  /** Least time between progress edits (the bot's default is 1500 ms; tests that watch progress lower it). */
  minEditIntervalMs?: number;
  /** Queue time limit per job. */
  jobTimeoutMs?: number;
  /**
   * The clock the bot judges token lifetimes by: the emulator's (default), or real time, to model a bot that
   * believes a token still works when Discord has already expired it.
   */
  botClock?: 'emulator' | 'real';
}

export interface Harness {
  discord: DiscordEmulator;
  config: Readonly<Config>;
  inference: InferenceClient;
  /** The bot now running (replaced by restart()). */
  readonly current: Running;
  /** Log lines captured while the harness runs. */
  logs: string[];
  /** Stops the bot (queue, gateway, database) and starts a new one on the same database file. */
  restart(): Promise<void>;
  /** Runs /imagine (prompt and options) and returns the interaction. */
  imagine(
    options: Record<string, string | number | boolean>,
    opts?: Parameters<DiscordEmulator['slashCommand']>[2],
  ): InteractionHandle;
  /** The message a job-making interaction was answered with, once it shows a result, an error or a cancellation. */
  settled(handle: InteractionHandle, timeout?: number): Promise<MessageView>;
  /** Waits until the queue and the message edits are idle. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** custom_ids on a message, flattened. */
export function customIds(m: Pick<MessageView, 'components'>): string[] {
  const out: string[] = [];
  const walk = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const c of list as Record<string, unknown>[]) {
      if (typeof c.custom_id === 'string') out.push(c.custom_id);
      walk(c.components);
    }
  };
  walk(m.components);
  return out;
}

/** The job behind a message, from its job buttons (`action:jobId[:index]`); fails when it has none. */
export function jobIdOf(m: MessageView): number {
  const id = customIds(m).find((c) => /^(upscale|subtle|info|cancel):/.test(c));
  if (!id) throw new Error(`no job buttons on: ${m.content}`);
  return Number(id.split(':')[1]);
}

/** Finished: a result (buttons that use images), an error, or a cancellation. */
export function isSettled(m: MessageView): boolean {
  return customIds(m).some((id) => /^(upscale|subtle|info):/.test(id)) || /\n(❌|🚫)/u.test(m.content);
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-e2e-'));
  const logs: string[] = [];
  const restoreLogs = captureLogs(logs);
  const discord = await startDiscordEmulator(opts.emulator);
  const modelDir = opts.modelDir ?? (await tinyModel({}));
  const config = loadConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiBase,
    DATABASE_PATH: join(dir, 'atelier.db'),
    MODEL_DIR: modelDir,
    EXECUTION_PROVIDERS: 'cpu',
    INTRA_OP_THREADS: '1',
    DEFAULT_STEPS: '2',
    DEFAULT_IMAGES: '4',
    MAX_WIDTH: '256',
    MAX_HEIGHT: '256',
    LOG_LEVEL: 'warn',
    // Post results as painted, so tests can compare posted and stored bytes (tests/e2e/demo.test.ts turns it on).
    DISPLAY_MIN_SIDE: '0',
    ...opts.env,
  });
  const inference = createInferenceClient({
    modelDir,
    executionProviders: config.models.executionProviders,
    intraOpThreads: config.models.intraOpThreads,
    bounds: {
      maxWidth: config.bounds.maxWidth,
      maxHeight: config.bounds.maxHeight,
      maxSteps: config.bounds.maxSteps,
      maxImages: config.bounds.maxImages,
    },
    logLevel: 'warn',
  });
  await inference.start();
  const now = () => discord.clock.now();
  let deployed = false;

  async function boot(): Promise<Running> {
    const database = openDatabase(config.databasePath, { clock: now });
    const stores = createStores(database, storeOptionsFromConfig(config));
    stores.quota.releaseOrphans();
    const queue = createJobQueue({
      stores,
      backend: inference,
      config: {
        slots: 1,
        maxWaiting: config.queue.maxWaiting,
        maxPerUser: config.queue.maxPerUser,
        jobTimeoutMs: opts.jobTimeoutMs ?? 60_000,
      },
    });
    const bot = await createBot({
      config,
      stores,
      queue,
      modelInfo: () => inference.info,
      now: opts.botClock === 'real' ? Date.now : now,
      rest: { retries: 3, timeout: 5000 },
      minEditIntervalMs: opts.minEditIntervalMs,
    });
    queue.recover();
    await bot.login();
    if (!deployed) {
      await deployCommands(bot.client.rest, bot.client.application!.id, commandBodies(bot.commands, config));
      deployed = true;
    }
    return { database, stores, queue, bot };
  }

  async function stop(r: Running): Promise<void> {
    await r.queue.shutdown({ graceMs: 5000 });
    await r.bot.stop();
    r.database.close();
  }

  let current = await boot();

  return {
    discord,
    config,
    inference,
    logs,
    get current() {
      return current;
    },
    async restart() {
      await stop(current);
      current = await boot();
    },
    imagine(options, invoke = {}) {
      return discord.slashCommand('imagine', options, invoke);
    },
    async settled(handle, timeout = 20_000) {
      await discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`), { timeout });
      // The job's message: the deferred reply, or (a job from an upload, acknowledged privately first) the public
      // follow-up.
      const first = discord.original(handle);
      const ofJob = (id: string) => id === first.id || discord.interaction(handle).followUpIds.includes(id);
      return discord.waitForMessage((m) => ofJob(m.id) && !m.ephemeral && isSettled(m), { timeout });
    },
    async idle() {
      await current.queue.idle();
      await current.bot.delivery.idle();
    },
    async close() {
      try {
        await stop(current);
        await inference.close();
        await discord.close();
      } finally {
        restoreLogs();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
