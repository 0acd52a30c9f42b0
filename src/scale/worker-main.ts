/**
 * Entry point of `npm run worker` on a GPU host: REDIS_URL (the bot's Redis), the model (MODEL_DIR, or the first
 * installed, as for the bot) and WORKER_SLOTS (one per GPU). Stops gracefully on SIGINT/SIGTERM: running jobs
 * finish (up to SHUTDOWN_GRACE_S), then the inference processes stop.
 */
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { isUserError } from '../errors.ts';
import { log, redactConfigSecrets, setLogLevel, setLogProcess } from '../log.ts';
import { resolveModelDir } from '../models/resolve.ts';
import { inferenceOptions } from '../inference/client.ts';
import { startWorkerHost } from './worker.ts';

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
  setLogProcess('worker');
  const redisUrl = config.redis.url;
  if (!redisUrl) {
    console.error(
      'A worker needs REDIS_URL: the address of the Redis the bot uses (e.g. REDIS_URL=redis://bot-host:6379). ' +
        'Set it in .env or the environment, then run `npm run worker` again. See "More than one GPU" in the README.',
    );
    process.exit(1);
  }
  let host;
  try {
    host = await startWorkerHost({
      redisUrl,
      slots: config.redis.workerSlots,
      lockMs: config.redis.workerLockMs,
      models: config.redis.workerModels,
      inference: inferenceOptions(config, resolveModelDir(config).dir),
    });
  } catch (err) {
    if (isUserError(err)) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const stop = (signal: string) => {
    log.info('worker stopping', { signal });
    host.close(config.queue.shutdownGraceMs).then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('worker shutdown failed', { err });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

await main();
