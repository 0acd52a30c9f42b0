/**
 * Entry point of `npm start`. Wiring only: config -> database -> the Discord login and the inference process (both
 * under way while the rest of the bot loads: only what runs before the login is imported statically) -> queue ->
 * the bot (answering the interactions that arrived meanwhile) and the browser playground (either or both);
 * recovery of the jobs a previous process left; a graceful shutdown on SIGINT/SIGTERM.
 */
import { constants } from 'node:os';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { acquireBotLock } from './db/lock.ts';
import { applicationIdFromToken, createGateway, explainLoginFailure } from './discord/client.ts';
import { inviteLink, setupHelp } from './discord/setup.ts';
import { isUserError } from './errors.ts';
import type { HealthReport, HealthServer } from './health/server.ts';
import { log, redactConfigSecrets, setLogLevel } from './log.ts';
import { DEMO_MODEL_NOTE, resolveModelDir } from './models/resolve.ts';
import type { Playground } from './playground/server.ts';
import { watchNpmParent } from './process/npm-parent.ts';

async function main(): Promise<void> {
  let config: Readonly<Config>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  setLogLevel(config.logLevel);
  redactConfigSecrets(config);
  const token = config.discord.token;
  if (!token) {
    console.error(setupHelp(config));
    // Without Discord the playground is the product: it starts unless PLAYGROUND_PORT=0.
    if (!config.playground.port) process.exit(1);
  }
  let modelDir: string;
  try {
    const resolved = resolveModelDir(config);
    modelDir = resolved.dir;
    if (resolved.source === 'demo') log.info(DEMO_MODEL_NOTE);
  } catch (err) {
    if (isUserError(err)) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  let database: ReturnType<typeof openDatabase>;
  try {
    database = openDatabase(config.databasePath);
  } catch (err) {
    if (isUserError(err)) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // After opening (which creates the folder and says so when it cannot), before anything reads or changes jobs.
  try {
    acquireBotLock(config.databasePath); // one bot per database; released when this process exits
  } catch (err) {
    database.close();
    if (!isUserError(err)) throw err;
    console.error(err.message);
    process.exit(1);
  }
  // Discord first: the gateway handshake is mostly waiting on the network, and the rest of the bot (commands,
  // catalogs, stores, metrics, about as long again to load) loads meanwhile. Interactions that arrive before the bot
  // is wired wait in the gateway (bot.login() hands them over). The checks above (configuration, model folder,
  // database, one bot per database) still come first, so a bot that cannot run never goes online.
  const gateway = token ? createGateway(config) : undefined;
  const loggingIn = gateway?.login();
  loggingIn?.catch(() => undefined); // awaited below, through bot.login()
  // The model loads in its own process from here on, while the gateway logs in and the bot is wired.
  // With REDIS_URL the GPU workers run inference (src/scale/); the bot only hands jobs over.
  // Imported only when used: BullMQ and ioredis take longer to load than the rest of the bot.
  const inference = config.redis.url
    ? (await import('./scale/remote.ts')).createRemoteBackend({ redisUrl: config.redis.url })
    : (await import('./inference/pool.ts')).createInferencePool({
        ...(await import('./inference/client.ts')).inferenceOptions(config, modelDir),
        processes: config.queue.processes,
      });
  const { inferenceFallback } = await import('./inference/providers.ts');
  const modelLoaded = inference.start().then((info) => {
    if (!info) {
      log.warn('no worker has registered a model in redis yet: start one with `npm run worker` (see the README)');
      return;
    }
    log.info('model loaded', { model: info.name, family: info.family, provider: info.executionProvider });
    const fallback = inferenceFallback(config, info);
    if (fallback) log.warn(fallback.message, { provider: fallback.used, wanted: fallback.wanted });
  });
  modelLoaded.catch(() => undefined); // handled once the bot is wired (failStart, below)

  const [
    { createStores, storeOptionsFromConfig },
    { describeModelFiles },
    { runHousekeeping },
    { createBot },
    { commandBodies, syncCommands },
    { healthReport },
    { createMetrics },
    { startHealthServer },
    { warmBlocklist },
    { createJobQueue },
  ] = await Promise.all([
    import('./db/stores.ts'),
    import('./diffusion/model-files.ts'),
    import('./db/housekeeping.ts'),
    import('./discord/bot.ts'),
    import('./discord/deploy.ts'),
    import('./health/report.ts'),
    import('./health/metrics.ts'),
    import('./health/server.ts'),
    import('./moderation/blocklist.ts'),
    import('./queue/queue.ts'),
  ]);
  const stores = createStores(database, storeOptionsFromConfig(config));
  // A process killed between a reservation and its job leaves a reservation that nothing will use: give it back.
  const orphans = stores.quota.releaseOrphans();
  if (orphans) log.info('refunded reservations left by the previous process', { count: orphans });
  // Databases from before 0005 kept the images inside, and before 0009 the uploads and painted masks: move them to
  // files once (then one VACUUM shrinks the file).
  const moved = await stores.jobs.moveStoredFiles();
  if (moved.images || moved.inputs)
    log.info('moved stored images, uploads and masks out of the database into files', {
      ...moved,
      dir: stores.jobs.files.dir,
    });
  // Every 6 hours, in batches and with the files deleted off the gateway thread; one pass at a time.
  let housekeepingBusy = false;
  const housekeeping = () => {
    if (housekeepingBusy) return;
    housekeepingBusy = true;
    void (async () => {
      const report = await runHousekeeping(stores, { imageRetentionDays: config.imageRetentionDays, now: Date.now() });
      if (report.reservationsPruned || report.imageJobsPruned) log.info('housekeeping', { ...report });
      const swept = await stores.jobs.sweepImageFiles();
      if (swept.files) log.info('deleted image files no job refers to', swept);
    })()
      .catch((err: unknown) => log.warn('housekeeping failed', { err }))
      .finally(() => {
        housekeepingBusy = false;
      });
  };
  housekeeping();
  const housekeepingTimer = setInterval(housekeeping, 6 * 3_600_000).unref();

  const q = config.queue;
  const queue = createJobQueue({
    stores,
    backend: inference,
    config: {
      slots: q.slots * q.processes,
      maxWaiting: q.maxWaiting,
      maxPerUser: q.maxPerUser,
      jobTimeoutMs: q.jobTimeoutMs,
      maxBatchLatents: q.maxBatchLatents,
      guildWeights: q.guildWeights,
      displayMinSide: config.displayMinSide,
    },
  });
  // Until the inference process has loaded it, the model as its files describe it (defaults, size, img2img): jobs
  // are accepted and wait in line meanwhile, and the first one's message says the model is loading.
  const described = (() => {
    if (config.redis.url) return undefined;
    try {
      return describeModelFiles(modelDir, config.models.scheduler);
    } catch {
      return undefined; // not a usable model: loading it says what is wrong, and the bot stops
    }
  })();
  const modelInfo = () => inference.info ?? described;
  const models = () => (inference.models.length > 0 || !described ? inference.models : [described]);
  // A model installed (or removed) while the bot runs shows up in /imagine model: within a minute (workers: as they register).
  const modelsTimer = setInterval(() => {
    if ('refreshModels' in inference)
      inference.refreshModels().catch((err: unknown) => log.debug('could not list the installed models', { err }));
  }, 60_000).unref();
  const metrics = createMetrics({ stores, queue });
  const health = (): HealthReport => healthReport({ config, database, queue, inference, client: bot?.client });
  const bot = gateway
    ? await createBot({ config, stores, queue, modelInfo, models, metrics, health, gateway })
    : undefined;
  let healthServer: HealthServer | undefined;
  if (config.health.port) {
    try {
      healthServer = await startHealthServer({ port: config.health.port, report: health, registry: metrics.registry });
      log.info('health endpoint', { url: `${healthServer.url}/readyz`, metrics: `${healthServer.url}/metrics` });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw err;
      console.error(
        `The health endpoint cannot listen on 127.0.0.1:${config.health.port} (${code}): another process uses ` +
          'that port (a second bot?). Set HEALTH_PORT to a free port, or HEALTH_PORT=0 to turn it off.',
      );
      await inference.close(0);
      database.close();
      process.exit(1);
    }
  }
  let playground: Playground | undefined;
  if (config.playground.port) {
    const ctx = bot?.ctx ?? { config, now: stores.database.clock, stores, queue, modelInfo, models };
    try {
      const { startPlayground } = await import('./playground/server.ts');
      playground = await startPlayground({ ctx, ...config.playground, port: config.playground.port });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw err;
      console.error(
        `The playground cannot listen on ${config.playground.host}:${config.playground.port} (${code}): set ` +
          'PLAYGROUND_PORT to a free port, or PLAYGROUND_PORT=0 to turn the playground off.',
      );
      await inference.close();
      database.close();
      process.exit(1);
    }
    console.log(`Atelier's playground is at ${playground.url} (PLAYGROUND_PORT=0 turns it off)`);
  }
  // Before the gateway opens: jobs the previous process left go back in line (their messages say so once ready).
  queue.recover();

  /** A start-up failure: says what is wrong (a UserError's message as it is), closes what was opened, exits 1. */
  let failing = false;
  const failStart = async (message: string, err?: unknown) => {
    if (failing) return;
    failing = true;
    if (err === undefined) log.error(message);
    else log.error(message, { err });
    await queue.shutdown({ graceMs: 0 });
    await playground?.close();
    await healthServer?.close();
    if (bot) await bot.stop(0);
    else await gateway?.client.destroy();
    await inference.close(0);
    clearInterval(housekeepingTimer);
    clearInterval(modelsTimer);
    database.close();
    process.exit(1);
  };
  modelLoaded.catch((err: unknown) =>
    isUserError(err) ? failStart(err.message) : failStart('the model could not be loaded', err),
  );

  // The first SIGINT/SIGTERM stops gracefully: nothing new starts, the running job may finish within
  // SHUTDOWN_GRACE_S, else it goes back to the head of the line and its message says so. A second one stops at
  // once, still putting the running job back. The inference process ignores these signals: this process stops it.
  let stopping: Promise<void> | undefined;
  let urgent = false;
  let firstSignalAt = 0;
  const stop = (signal: string) => {
    if (stopping) {
      // The same signal relayed by a launcher (tsx, a shell) right after the group got it is not a second request.
      if (urgent || Date.now() - firstSignalAt < SAME_SIGNAL_MS) return;
      urgent = true;
      log.warn('stopping now: the running job goes back to the head of the line', { signal });
      void queue.shutdown({ graceMs: 0 });
      // After the queue has put the running job back (its continuation runs first), not before.
      setImmediate(() => void inference.close(0));
      setTimeout(() => process.exit(exitCodeOf(signal)), 5_000).unref();
      return;
    }
    firstSignalAt = Date.now();
    stopping = (async () => {
      log.info('shutting down (a second Ctrl-C or SIGTERM stops at once)', {
        signal,
        graceS: q.shutdownGraceMs / 1000,
      });
      await queue.shutdown({ graceMs: q.shutdownGraceMs });
      await playground?.close();
      await healthServer?.close();
      await bot?.stop(urgent ? 2_000 : 10_000);
      await inference.close(urgent ? 0 : 5_000);
      clearInterval(housekeepingTimer);
      clearInterval(modelsTimer);
      database.close();
      log.info('stopped');
      process.exit(urgent ? exitCodeOf(signal) : 0);
    })().catch((err: unknown) => {
      log.error('shutdown failed', { err });
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Only npm told to stop (it exits without passing the signal on): stop as if signalled rather than run orphaned.
  watchNpmParent(() => {
    if (!stopping) stop('npm exited');
  });

  if (!bot || !token) {
    warmBlocklist(); // the playground's first prompt does not pay for it
    return;
  }
  try {
    await bot.login();
  } catch (err) {
    await failStart(explainLoginFailure(err, config.discord.apiUrl));
    return;
  }
  warmBlocklist(); // after READY (50 ms before the login, on a loaded machine more), before a member's first prompt
  // Taking jobs from here on: the gateway is open and the model is loaded (requests in between are told it is loading).
  await modelLoaded.catch(() => new Promise<never>(() => undefined));
  log.info('discord ready', {
    model: inference.info?.name,
    provider: inference.info?.executionProvider,
    startupS: Math.round(performance.now()) / 1000,
  });
  const appId = bot.client.application?.id ?? applicationIdFromToken(token);
  // The slash commands Discord shows are the code's: registered when they differ (`npm run commands -- deploy` for CI/CD).
  if (appId) {
    const guildId = config.discord.devGuildId;
    syncCommands(bot.client.rest, appId, commandBodies(bot.commands, config), guildId).then(
      (r) =>
        log.info(r.changed ? 'slash commands registered (they differed from the code)' : 'slash commands up to date', {
          scope: guildId ? `guild ${guildId}` : 'global',
          count: r.names.length,
        }),
      (err: unknown) =>
        log.warn('could not register the slash commands; `npm run commands -- deploy` does it by hand', {
          reason: err instanceof Error ? err.message : String(err),
        }),
    );
  }
  if (appId && bot.client.guilds.cache.size === 0)
    log.info('the bot is in no server yet; invite it', { link: inviteLink(appId) });
}

/** Signals closer together than this count as one (a relay), not as a second Ctrl-C. */
const SAME_SIGNAL_MS = 500;

/** 128 + the signal number, as a shell reports a process stopped by that signal. */
function exitCodeOf(signal: string): number {
  return 128 + (constants.signals[signal as NodeJS.Signals] ?? 15);
}

await main();
