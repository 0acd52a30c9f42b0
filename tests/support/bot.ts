/**
 * The one harness for every test that starts the bot, against the local Discord stand-in (real HTTP and WebSocket)
 * with SQLite in a temporary folder. Two ways to run it:
 *
 * - In this process, `startBot()` / `useBot()`: the real bot from src/discord/bot.ts (discord.js client, router,
 *   delivery), the real queue and stores. Its inference is either the real inference process on a generated tiny
 *   model (or `modelDir`), or `inference: 'held'`, a backend that holds every job until it is cancelled, so queue
 *   places stay put for the command tests. The bot and the database read the emulator's clock (held: a clock that
 *   stands at 2026-01-15 12:00 UTC until advanced) unless given `clock`.
 *
 *     const h = useBot({ inference: 'held' });      // before/after hooks; h is usable inside tests
 *     const a = await h.run('info', {}, { user: h.discord.users.alice });
 *
 * - As child processes, `startBotProcesses()` / `useBotProcesses()`: the real entry point (`src/main.ts` through tsx,
 *   the compiled `dist/`, `npm start` or the command it runs) and the worker, with only the environment given here.
 *
 *     const w = useBotProcesses({ env: { LOG_LEVEL: 'info' } });
 *     const bot = await w.start('src');          // resolves at "discord ready"
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { REST } from 'discord.js';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { createStores, storeOptionsFromConfig, type Stores } from '../../src/db/stores.ts';
import type { GenerateResult, ModelInfo } from '../../src/diffusion/types.ts';
import { createBot, type Bot } from '../../src/discord/bot.ts';
import { loadCommands } from '../../src/discord/command.ts';
import { commandBodies, deployCommands } from '../../src/discord/deploy.ts';
import { createInferenceClient, type InferenceClient } from '../../src/inference/client.ts';
import { t } from '../../src/i18n/index.ts';
import { captureLogs } from '../../src/log.ts';
import { repoRoot } from '../../src/paths.ts';
import { createJobQueue, type JobQueue } from '../../src/queue/queue.ts';
import type { InferenceBackend } from '../../src/queue/types.ts';
import type { JobRequest, RequestChanges } from '../../src/request/request.ts';
import {
  startDiscordEmulator,
  type DiscordEmulator,
  type EmulatorOptions,
  type InteractionHandle,
  type InvokeOptions,
  type MessageView,
  type OptionValue,
  TestClock,
} from './discord/index.ts';
import { botProcessEnv } from './bot-env.ts';
import { tinyModel } from './models.ts';
import { startRedis, type RedisServer } from './redis.ts';
import { waitUntil } from './wait.ts';

// ---------------------------------------------------------------------------------------------------------------
// Shared by both ways

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

/**
 * How a job-making interaction was decided, once it was: accepted (its public message: the deferred reply, or the
 * follow-up of a private acknowledgement) or refused (the private answer with the reason: a reply, or the private
 * acknowledgement replaced by it).
 */
export async function decided(
  discord: DiscordEmulator,
  handle: InteractionHandle,
  timeout = 20_000,
): Promise<{ outcome: 'accepted' | 'refused'; message: MessageView }> {
  let found: { outcome: 'accepted' | 'refused'; message: MessageView } | undefined;
  const loading = (m: MessageView) => ((m.flags ?? 0) & 128) !== 0;
  await waitUntil(
    () => {
      const open = discord.publicMessage(handle);
      const refusal = discord.messages.find(
        (m) => m.interactionId === handle.id && m.ephemeral && !loading(m) && m.content !== ACCEPTED_NOTE,
      );
      found = open ? { outcome: 'accepted', message: open } : refusal && { outcome: 'refused', message: refusal };
      return !!found;
    },
    { what: `interaction ${handle.id} to be decided`, timeout },
  );
  return found!;
}
const ACCEPTED_NOTE = t('en-US', 'job.acceptedBelow');

/** Registers the slash commands on the local Discord as the bot's start-up does (localised, DMs off unless said). */
export async function deployTo(discord: DiscordEmulator, config: Pick<Config, 'discord'> = noDms): Promise<void> {
  const rest = new REST({ api: discord.apiBase }).setToken(discord.token);
  await deployCommands(rest, discord.appId, commandBodies(await loadCommands(), config));
}
const noDms = { discord: { allowDms: false } } as Pick<Config, 'discord'>;

/**
 * Starts a harness before the file's (or the describe block's) tests and closes it after them; the returned object
 * stands for the harness once it is started. With `specReport` (the default), the run must have kept to the
 * Discord API spec.
 */
function hooked<T extends { close(): Promise<void>; discord: DiscordEmulator }>(
  start: () => Promise<T>,
  specReport: boolean,
  setup?: (started: T) => void | Promise<void>,
): T {
  let started: T | undefined;
  // One hook starts and sets up: at a file's top level, node 20 does not wait for one before() to end before the next.
  before(async () => {
    started = await start();
    await setup?.(started);
  });
  after(async () => {
    if (!started) return;
    try {
      if (specReport) {
        const report = started.discord.specReport();
        if (report !== '') throw new Error(`requests or responses off the Discord API spec:\n${report}`);
      }
    } finally {
      await started.close();
    }
  });
  return new Proxy({} as T, {
    get(_, key) {
      if (!started) throw new Error(`the harness is not started yet (reading ${String(key)} outside a test)`);
      const value = Reflect.get(started, key, started) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(started) : value;
    },
    set(_, key, value) {
      if (!started) throw new Error('the harness is not started yet');
      return Reflect.set(started, key, value, started);
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// In this process

/** The model a held harness reports (a GPU model, so that /info and /help show more than the demo). */
export const HELD_MODEL: ModelInfo = {
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

export interface BotOptions {
  /**
   * `process` (default): the real inference process on a generated tiny model (or `modelDir`), with small defaults
   * (2 steps, 256 px). `held`: no inference; every job runs until it is cancelled, so queue places stay put, the
   * configuration is the bot's defaults, and the bot reports `h.model.info` (HELD_MODEL) as its model.
   */
  inference?: 'process' | 'held';
  env?: Record<string, string>;
  /** The model to serve (a generated tiny model by default). */
  modelDir?: string;
  /** MODELS_PATH: other installed models the bot offers (/imagine model:), loaded on demand. */
  modelsRoot?: string;
  /** MODEL_MEMORY_MB in bytes, with modelsRoot. */
  memoryBudgetBytes?: number;
  emulator?: EmulatorOptions;
  /** The database's and the bot's clock; by default the emulator's, or when held one fixed at 2026-01-15 12:00 UTC. */
  clock?: TestClock;
  /**
   * The clock the bot judges token lifetimes by: the database's (default), or real time, to model a bot that
   * believes a token still works when Discord has already expired it.
   */
  botClock?: 'database' | 'real';
  /** Least time between progress edits (the bot's default is 1500 ms; tests that watch progress lower it). */
  minEditIntervalMs?: number;
  /** Queue time limit per job. */
  jobTimeoutMs?: number;
}

export interface Running {
  database: Database;
  stores: Stores;
  queue: JobQueue;
  bot: Bot;
}

export interface Answer {
  handle: InteractionHandle;
  message: MessageView;
  content: string;
  ephemeral: boolean;
}

export interface BotHarness extends Running {
  discord: DiscordEmulator;
  config: Readonly<Config>;
  /** The inference process (absent when held). */
  inference: InferenceClient | undefined;
  /** The database's and bot's clock. */
  clock: TestClock;
  /** The model the bot reports; set `info` to change it (held), or to override the inference process's. */
  model: { info: ModelInfo | undefined };
  /** The bot now running (replaced by restart()). */
  readonly current: Running;
  /** Log lines captured while the harness runs (the router logs bugs here). */
  logs: string[];
  /** Stops the bot (queue, gateway, database) and starts a new one on the same database file. */
  restart(): Promise<void>;
  /** Runs /imagine (prompt and options) and returns the interaction. */
  imagine(options: Record<string, OptionValue>, opts?: InvokeOptions): InteractionHandle;
  /**
   * Runs a slash command as a user and resolves with the message the bot answered with (the original response, or
   * the follow-up when the router answered a deferred command with an error).
   */
  run(name: string, options?: Record<string, OptionValue>, opts?: InvokeOptions): Promise<Answer>;
  /** The message a job-making interaction was answered with, once it shows a result, an error or a cancellation. */
  settled(handle: InteractionHandle, timeout?: number): Promise<MessageView>;
  /** Every row of every table, to show that a refused command changed nothing. */
  dump(): Record<string, unknown[]>;
  /** A job in the queue for a user (a reservation of its images first, as /imagine does). */
  submitJob(userId: string, params?: RequestChanges, guildId?: string | null): number;
  /** Waits until the queue and the message edits are idle. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

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

export async function startBot(opts: BotOptions = {}): Promise<BotHarness> {
  const held = opts.inference === 'held';
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bot-'));
  const logs: string[] = [];
  const restoreLogs = captureLogs(logs);
  const discord = await startDiscordEmulator(opts.emulator);
  // Held: a clock that stands still at a fixed date unless advanced, so stored times can be compared exactly.
  const clock = opts.clock ?? (held ? new TestClock(() => Date.UTC(2026, 0, 15, 12, 0, 0)) : discord.clock);
  const now = () => clock.now();
  const modelDir = held ? undefined : (opts.modelDir ?? (await tinyModel({})));
  const config = loadConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiBase,
    DATABASE_PATH: join(dir, 'atelier.db'),
    ...(opts.modelsRoot && { MODELS_PATH: opts.modelsRoot }),
    ...(modelDir && {
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
    }),
    ...opts.env,
  });
  const inference = modelDir
    ? createInferenceClient({
        modelDir,
        ...(opts.modelsRoot && { modelsRoot: opts.modelsRoot, memoryBudgetBytes: opts.memoryBudgetBytes }),
        executionProviders: config.models.executionProviders,
        intraOpThreads: config.models.intraOpThreads,
        bounds: {
          maxWidth: config.bounds.maxWidth,
          maxHeight: config.bounds.maxHeight,
          maxSteps: config.bounds.maxSteps,
          maxImages: config.bounds.maxImages,
        },
        logLevel: 'warn',
      })
    : undefined;
  await inference?.start();
  const backend = inference ?? heldBackend();
  const model = { info: held ? HELD_MODEL : undefined } as { info: ModelInfo | undefined };
  let deployed = false;

  async function boot(): Promise<Running> {
    const database = openDatabase(config.databasePath, { clock: now });
    const stores = createStores(database, storeOptionsFromConfig(config));
    stores.quota.releaseOrphans();
    const queue = createJobQueue({
      stores,
      backend,
      config: {
        slots: 1,
        maxWaiting: config.queue.maxWaiting,
        maxPerUser: config.queue.maxPerUser,
        jobTimeoutMs: opts.jobTimeoutMs ?? (held ? 3_600_000 : 60_000),
        ...(held && { previews: false }),
        displayMinSide: config.displayMinSide,
      },
    });
    const bot = await createBot({
      config,
      stores,
      queue,
      modelInfo: () => model.info ?? inference?.info,
      ...(inference && opts.modelsRoot && { models: () => inference.models }),
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
    await r.queue.shutdown({ graceMs: held ? 0 : 5000 });
    await r.bot.stop();
    r.database.close();
  }

  let current = await boot();

  async function run(
    name: string,
    options: Record<string, OptionValue> = {},
    invoke: InvokeOptions = {},
  ): Promise<Answer> {
    const handle = discord.slashCommand(name, options, invoke);
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

  return {
    discord,
    config,
    inference,
    clock,
    model,
    logs,
    get current() {
      return current;
    },
    get database() {
      return current.database;
    },
    get stores() {
      return current.stores;
    },
    get queue() {
      return current.queue;
    },
    get bot() {
      return current.bot;
    },
    async restart() {
      await stop(current);
      current = await boot();
    },
    imagine(options, invoke = {}) {
      return discord.slashCommand('imagine', options, invoke);
    },
    run,
    async settled(handle, timeout = 20_000) {
      await discord.waitFor((r) => r.path.startsWith(`/interactions/${handle.id}/`), { timeout });
      // The job's message: the deferred reply, or (a job from an upload, acknowledged privately first) the public
      // follow-up.
      const first = discord.original(handle);
      const ofJob = (id: string) => id === first.id || discord.interaction(handle).followUpIds.includes(id);
      return discord.waitForMessage((m) => ofJob(m.id) && !m.ephemeral && isSettled(m), { timeout });
    },
    dump() {
      const { sqlite } = current.database;
      const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[];
      return Object.fromEntries(tables.map(({ name }) => [name, sqlite.prepare(`SELECT * FROM "${name}"`).all()]));
    },
    submitJob(userId, params = {}, guildId = discord.guildId) {
      const p = {
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
      const reserved = current.stores.quota.reserve({ guildId, userId, roleIds: [], images: p.count });
      if (!reserved.ok) throw new Error(`reserve refused: ${reserved.message}`);
      return current.queue.submit({
        userId,
        guildId,
        channelId: discord.channelId,
        model: (model.info ?? inference?.info)?.name ?? HELD_MODEL.name,
        params: p,
        reservationId: reserved.reservationId,
      }).job.id;
    },
    async idle() {
      await current.queue.idle();
      await current.bot.delivery.idle();
    },
    async close() {
      try {
        await stop(current);
        await inference?.close();
        await discord.close();
      } finally {
        restoreLogs();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * startBot() before the tests of this file (or describe block), then `setup`; close() after them; see hooked().
 */
export function useBot(
  opts: BotOptions & { specReport?: boolean } = {},
  setup?: (h: BotHarness) => void | Promise<void>,
): BotHarness {
  const { specReport = true, ...rest } = opts;
  return hooked(() => startBot(rest), specReport, setup);
}

// ---------------------------------------------------------------------------------------------------------------
// As child processes

const tsx = import.meta.resolve('tsx');

export { botProcessEnv };

/** Compiles src/ and commands/ to dist/ (what `npm start` runs), failing with tsc's output. */
export function buildDist(): void {
  const build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}

export interface Proc {
  name: string;
  child: ChildProcess;
  /** Every line it wrote to stdout and stderr so far. */
  output: string[];
  exited: Promise<[number | null, NodeJS.Signals | null]>;
  /** Started in a process group of its own (signal the group with `process.kill(-pid, ...)`). */
  detached: boolean;
}

/**
 * How to run the bot: `src` is `node --import tsx src/main.ts` in the temporary folder (no .env there); `dist` the
 * compiled `node dist/src/main.js` there; `npm` is `npm start --silent` and `node` the command `npm start` runs,
 * both from the repository (a build first), in a new process group as a shell starts a foreground job; `worker` is
 * `src/scale/worker-main.ts`, ready at "worker ready".
 */
export type Entry = 'src' | 'dist' | 'npm' | 'node' | 'worker';

export interface StartOptions {
  /** A name for its messages (the entry by default). */
  name?: string;
  env?: Record<string, string>;
  /** The line that means it is ready ("discord ready", or "worker ready" for a worker). */
  ready?: RegExp;
  /** How long start() waits for that line (90 s). */
  timeout?: number;
}

export interface BotProcesses {
  discord: DiscordEmulator;
  /** The temporary folder: the database and the processes' working directory. */
  dir: string;
  /** The environment each process gets (before a start's own `env`). */
  env: Record<string, string>;
  redis: RedisServer | undefined;
  /** Every process started so far. */
  procs: Proc[];
  /** Starts a process and resolves once it prints its ready line; rejects, with its output, if it exits first. */
  start(entry: Entry, opts?: StartOptions): Promise<Proc>;
  /** Starts a process without waiting for anything. */
  spawn(entry: Entry, opts?: StartOptions): Proc;
  /** Runs a CLI (`src/cli/<name>.ts`) to the end without blocking this process, where the emulator answers. */
  cli(
    name: string,
    args: string[],
    env?: Record<string, string>,
  ): Promise<{ status: number | null; stdout: string; stderr: string }>;
  /** Registers the slash commands (in this process, as the bot's start-up does). */
  deploy(): Promise<void>;
  /** Rows of a query on the bot's database, opened read-only for the moment. */
  query<T>(sql: string, ...params: unknown[]): T[];
  close(): Promise<void>;
}

export interface BotProcessesOptions {
  /** Over botProcessEnv() and a quick run's settings (2 steps by default, 256 px, 200 steps at most, info logs). */
  env?: Record<string, string>;
  emulator?: EmulatorOptions;
  /** A real redis-server, its URL in REDIS_URL. */
  redis?: boolean;
}

/** An entry point's command line; `cwd` is where the bot runs (npm start and its command run from the repository). */
function entryCommand(entry: Entry, cwd: string): { cmd: string; args: string[]; cwd: string; detached: boolean } {
  const ts = (script: string) => ({
    cmd: process.execPath,
    args: ['--import', tsx, join(repoRoot, script)],
    cwd,
    detached: false,
  });
  switch (entry) {
    case 'src':
      return ts('src/main.ts');
    case 'worker':
      return ts('src/scale/worker-main.ts');
    case 'dist':
      return { cmd: process.execPath, args: [join(repoRoot, 'dist/src/main.js')], cwd, detached: false };
    case 'npm':
      return { cmd: 'npm', args: ['start', '--silent'], cwd: repoRoot, detached: true };
    case 'node': {
      const script = (
        JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: { start: string } }
      ).scripts.start;
      const [bin, ...rest] = script.split(/\s+/);
      if (bin !== 'node' && bin !== 'tsx')
        throw new Error(`npm start runs ${script}: teach the harness to run it without npm`);
      return {
        cmd: process.execPath,
        args: bin === 'tsx' ? ['--import', tsx, ...rest] : rest,
        cwd: repoRoot,
        detached: true,
      };
    }
  }
}

/**
 * Starts an entry point with exactly `env` (nothing of this process's environment), collecting its output lines;
 * the low-level start for tests with no local Discord (the playground, start-up errors). Most tests want
 * startBotProcesses().
 */
export function spawnEntry(
  entry: Entry,
  o: { cwd: string; env: Record<string, string>; name?: string | undefined },
): Proc {
  const { cmd, args, cwd, detached } = entryCommand(entry, o.cwd);
  const child = spawn(cmd, args, { cwd, env: o.env, detached, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  // Whole lines only: a pipe's chunk can end in the middle of a line (a busy worker's debug log fills 64 KiB
  // reads), which then matched no pattern and broke JSON.parse. Each stream keeps its unfinished line.
  const collect = (stream: NodeJS.ReadableStream) => {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop()!;
      output.push(...lines.filter(Boolean));
    });
    stream.on('end', () => rest && output.push(rest));
  };
  collect(child.stdout!);
  collect(child.stderr!);
  // 'exit' can come before the last lines are read: wait for both streams to end too (at most 2 s, since a process
  // left running by one that exited, as the bot by npm, holds them open).
  const ended = (s: NodeJS.ReadableStream & { readableEnded: boolean }) =>
    s.readableEnded ? Promise.resolve() : once(s, 'close').then(() => undefined);
  const exited = (once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>).then(async (status) => {
    await Promise.race([
      Promise.all([ended(child.stdout!), ended(child.stderr!)]),
      new Promise((r) => setTimeout(r, 2000).unref()),
    ]);
    return status;
  });
  return { name: o.name ?? entry, child, output, exited, detached };
}

/** Resolves once a process prints a line matching `ready`; rejects, with its output, if it exits first or times out. */
export function untilReady(p: Proc, ready: RegExp, timeout = 90_000): Promise<Proc> {
  return new Promise<Proc>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${p.name} did not say ${ready} within ${timeout} ms:\n${p.output.join('\n')}`)),
      timeout,
    );
    const check = () => {
      if (!p.output.some((l) => ready.test(l))) return;
      clearTimeout(timer);
      resolve(p);
    };
    check();
    p.child.stdout!.on('data', check);
    p.child.stderr!.on('data', check);
    void p.exited.then(([code, signal]) => {
      clearTimeout(timer);
      reject(new Error(`${p.name} exited (${code ?? signal}) before it was ready:\n${p.output.join('\n')}`));
    });
  });
}

/** A quick run on the tiny model: 2 steps unless asked, 256 px at most, and the info lines tests read. */
const SMALL_RUN = { DEFAULT_STEPS: '2', MAX_STEPS: '200', MAX_WIDTH: '256', MAX_HEIGHT: '256', LOG_LEVEL: 'info' };

export async function startBotProcesses(opts: BotProcessesOptions = {}): Promise<BotProcesses> {
  const discord = await startDiscordEmulator(opts.emulator);
  const dir = mkdtempSync(join(tmpdir(), 'atelier-proc-'));
  const redis = opts.redis ? await startRedis() : undefined;
  const env = await botProcessEnv(discord, dir, { ...SMALL_RUN, ...(redis && { REDIS_URL: redis.url }), ...opts.env });
  const procs: Proc[] = [];

  function spawnProc(entry: Entry, o: StartOptions = {}): Proc {
    const p = spawnEntry(entry, { cwd: dir, env: { ...env, ...o.env }, name: o.name });
    procs.push(p);
    return p;
  }

  return {
    discord,
    dir,
    env,
    redis,
    procs,
    spawn: spawnProc,
    start(entry, o = {}) {
      // The compiled entries need dist/ (npm start builds it too, as its prestart; doing it here keeps that out of
      // the time to ready).
      if ((entry === 'dist' || entry === 'npm' || entry === 'node') && !built) {
        buildDist();
        built = true;
      }
      const p = spawnProc(entry, o);
      return untilReady(p, o.ready ?? (entry === 'worker' ? /worker ready/ : /discord ready/), o.timeout);
    },
    async cli(name, args, extra = {}) {
      const child = spawn(process.execPath, ['--import', tsx, join(repoRoot, `src/cli/${name}.ts`), ...args], {
        cwd: dir,
        env: { ...env, ...extra },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const [status] = (await once(child, 'exit')) as [number | null];
      return { status, stdout, stderr };
    },
    deploy: () => deployTo(discord),
    query<T>(sql: string, ...params: unknown[]): T[] {
      const db = new BetterSqlite3(env.DATABASE_PATH!, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    async close() {
      try {
        // What a test left running is stopped gracefully (SIGTERM), and killed if it takes more than 10 s; a process
        // started in its own group is signalled as a group (npm, the bot, its inference child).
        const signal = (p: Proc, sig: NodeJS.Signals) => {
          if (p.child.exitCode !== null || p.child.signalCode !== null) return;
          try {
            if (p.detached) process.kill(-p.child.pid!, sig);
            else p.child.kill(sig);
          } catch {
            // already gone
          }
        };
        for (const p of procs) signal(p, 'SIGTERM');
        const killer = setTimeout(() => {
          for (const p of procs) signal(p, 'SIGKILL');
        }, 10_000);
        await Promise.all(procs.map((p) => p.exited));
        clearTimeout(killer);
        await discord.close();
        await redis?.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
let built = false;

/** startBotProcesses() before the tests of this file (or describe block), close() after them; see hooked(). */
export function useBotProcesses(
  opts: BotProcessesOptions & { specReport?: boolean } = {},
  setup?: (w: BotProcesses) => void | Promise<void>,
): BotProcesses {
  const { specReport = false, ...rest } = opts;
  return hooked(() => startBotProcesses(rest), specReport, setup);
}

/** Waits for a line of a process's output, failing with everything it said. */
export function waitForLine(p: Proc, line: RegExp, timeout = 60_000): Promise<void> {
  return waitUntil(() => p.output.some((l) => line.test(l)), { what: `${p.name} to say ${line}`, timeout }).catch(
    (err: Error) => {
      throw new Error(`${err.message}; ${p.name} said:\n${p.output.join('\n')}`);
    },
  );
}
