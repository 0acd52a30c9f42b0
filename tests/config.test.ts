import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.ts';

test('defaults apply to an empty environment', () => {
  const c = loadConfig({});
  assert.equal(c.discord.token, undefined);
  assert.equal(c.discord.apiUrl, 'https://discord.com/api');
  assert.deepEqual(c.models.executionProviders, ['cuda', 'cpu']);
  assert.equal(c.queue.slots, 1);
  assert.ok(Object.isFrozen(c.queue));
});

test('every problem is named in one error', () => {
  try {
    loadConfig({ MAX_STEPS: 'many', EXECUTION_PROVIDERS: 'cuda,quantum', DISCORD_DEV_GUILD_ID: 'abc' });
    assert.fail('expected a ConfigError');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    const text = err.message;
    for (const key of ['MAX_STEPS', 'EXECUTION_PROVIDERS', 'DISCORD_DEV_GUILD_ID']) assert.match(text, new RegExp(key));
    assert.equal(err.problems.length, 3);
  }
});

test('each problem names the key, the value, what is allowed and the fix, in words; checks between keys come at once', () => {
  try {
    loadConfig({
      MAX_STEPS: 'abc',
      EXECUTION_PROVIDERS: 'cuda,gpu',
      DEFAULT_IMAGES: '8',
      MAX_IMAGES: '4',
      MAX_HEIGHT: '1001',
      DISCORD_TOKEN: 'x',
      HF_TOKEN: 'hf_secret_value',
      LOG_LEVEL: 'loud',
    });
    assert.fail('expected a ConfigError');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    const about = (key: string) => err.problems.find((p) => p.startsWith(`${key} `)) ?? '';
    const [steps, providers, level, images, height] = [
      'MAX_STEPS',
      'EXECUTION_PROVIDERS',
      'LOG_LEVEL',
      'DEFAULT_IMAGES',
      'MAX_HEIGHT',
    ].map(about) as string[] as [string, string, string, string, string];
    assert.equal(
      steps,
      'MAX_STEPS is "abc": it must be a whole number from 1 to 200. Fix: change it in .env, or delete the line to use the default (50).',
    );
    assert.match(
      providers,
      /^EXECUTION_PROVIDERS is "cuda,gpu", and "gpu" is not allowed: it must be one of cuda, webgpu, cpu/,
    );
    assert.match(level, /LOG_LEVEL is "loud": it must be one of debug, info, warn, error\. Fix: .*default \(info\)/);
    // The cross-field check does not wait for the other problems to be fixed.
    assert.match(
      images,
      /DEFAULT_IMAGES is 8, but it must not exceed MAX_IMAGES \(4\)\. Fix: lower DEFAULT_IMAGES or raise MAX_IMAGES/,
    );
    assert.match(height, /MAX_HEIGHT is 1001, but it must be a multiple of 8.*Fix: set MAX_HEIGHT=1000/);
    assert.doesNotMatch(err.message, /NaN|expected|received|\.0\b|hf_secret_value/);
  }
  try {
    loadConfig({ HF_TOKEN: ' ', PLAYGROUND_TOKEN: 'secret-but-short'.slice(0, 10) });
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    assert.doesNotMatch(err.message, /secret-but/);
    assert.match(err.message, /PLAYGROUND_TOKEN is \(hidden, 10 characters\)/);
  }
});

test('empty strings count as unset, and values are parsed', () => {
  const c = loadConfig({ DISCORD_TOKEN: '', EXECUTION_PROVIDERS: ' WebGPU , cpu', DISCORD_ALLOW_DMS: 'yes' });
  assert.equal(c.discord.token, undefined);
  assert.deepEqual(c.models.executionProviders, ['webgpu', 'cpu']);
  assert.equal(c.discord.allowDms, true);
});

test('.env.example names every key the schema knows, and loads', () => {
  const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
  const keys = [...example.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!] as const);
  const c = loadConfig(Object.fromEntries(keys));
  assert.equal(c.databasePath.endsWith('data/atelier.db'), true);
  const source = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8');
  const schemaKeys = [...source.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
  for (const k of schemaKeys)
    assert.ok(
      keys.some(([name]) => name === k),
      `${k} missing from .env.example`,
    );
});

test('the playground: on 127.0.0.1:7860 without a token, off with one unless asked, loopback unless a token is set', () => {
  assert.deepEqual(loadConfig({}).playground, {
    port: 7860,
    host: '127.0.0.1',
    accessToken: undefined,
    imagesPerDay: null,
  });
  assert.equal(loadConfig({ PLAYGROUND_PORT: '0' }).playground.port, null);
  assert.equal(loadConfig({ DISCORD_TOKEN: 'x' }).playground.port, null);
  assert.equal(loadConfig({ DISCORD_TOKEN: 'x', PLAYGROUND_PORT: '8080' }).playground.port, 8080);
  assert.equal(loadConfig({ PLAYGROUND_IMAGES_PER_DAY: '50' }).playground.imagesPerDay, 50);
  assert.throws(
    () => loadConfig({ PLAYGROUND_HOST: '0.0.0.0' }),
    /PLAYGROUND_HOST: 0\.0\.0\.0 is reachable from other machines; set PLAYGROUND_TOKEN/,
  );
  assert.throws(
    () => loadConfig({ PLAYGROUND_HOST: '0.0.0.0', PLAYGROUND_TOKEN: 'short' }),
    /PLAYGROUND_TOKEN is \(hidden, 5 characters\): it must be at least 16 characters/,
  );
  const open = loadConfig({ PLAYGROUND_HOST: '0.0.0.0', PLAYGROUND_TOKEN: 'a-long-random-token-1234' }).playground;
  assert.equal(open.host, '0.0.0.0');
  assert.equal(open.accessToken, 'a-long-random-token-1234');
  assert.equal(loadConfig({ PLAYGROUND_HOST: 'localhost' }).playground.host, 'localhost');
});

test("MODEL_SCHEDULER takes A1111 or internal scheduler names, empty for the model's own", () => {
  assert.equal(loadConfig({}).models.scheduler, undefined);
  assert.equal(loadConfig({ MODEL_SCHEDULER: 'DPM++ 2M Karras' }).models.scheduler, 'dpmpp-2m-karras');
  assert.equal(loadConfig({ MODEL_SCHEDULER: 'unipc' }).models.scheduler, 'unipc');
  assert.throws(
    () => loadConfig({ MODEL_SCHEDULER: 'DPM++ 3M' }),
    /MODEL_SCHEDULER.*"DPM\+\+ 3M" is not a scheduler; use one of PNDM, Euler/,
  );
});

test('scale-out keys: INFERENCE_PROCESSES, REDIS_URL, WORKER_SLOTS, WORKER_LOCK_S', () => {
  const d = loadConfig({});
  assert.deepEqual(
    [d.queue.processes, d.redis.url, d.redis.workerSlots, d.redis.workerLockMs],
    [1, undefined, 1, 30_000],
  );
  const c = loadConfig({
    INFERENCE_PROCESSES: '2',
    REDIS_URL: 'redis://:secret@10.0.0.5:6379',
    WORKER_SLOTS: '4',
    WORKER_LOCK_S: '5',
  });
  assert.deepEqual(
    [c.queue.processes, c.redis.url, c.redis.workerSlots, c.redis.workerLockMs],
    [2, 'redis://:secret@10.0.0.5:6379', 4, 5_000],
  );
  assert.throws(
    () => loadConfig({ REDIS_URL: 'localhost:6379', INFERENCE_PROCESSES: '0' }),
    (err: ConfigError) =>
      err.problems.length === 2 &&
      /REDIS_URL is \(hidden, 14 characters\): it must be a redis:\/\/ or rediss:\/\/ address/.test(err.message) &&
      /INFERENCE_PROCESSES/.test(err.message),
  );
});

test('MAX_BATCH_LATENTS: latents per UNet call, unset by default (off); the old MAX_BATCH is read as it, with a deprecation warning', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error & { code?: string }) => {
    if (w.code === 'ATELIER_MAX_BATCH') warnings.push(w.message);
  };
  process.on('warning', onWarning);
  try {
    assert.equal(loadConfig({}).queue.maxBatchLatents, undefined);
    assert.equal(loadConfig({ MAX_BATCH_LATENTS: '16' }).queue.maxBatchLatents, 16);
    // MAX_BATCH never split a job: 1 meant off, 2 with four-image jobs allowed is a limit of 4.
    assert.equal(loadConfig({ MAX_BATCH: '1' }).queue.maxBatchLatents, undefined);
    assert.equal(loadConfig({ MAX_BATCH: '2' }).queue.maxBatchLatents, 4);
    assert.equal(loadConfig({ MAX_BATCH: '8' }).queue.maxBatchLatents, 8);
    assert.equal(loadConfig({ MAX_BATCH: '1', MAX_BATCH_LATENTS: '12' }).queue.maxBatchLatents, 12);
    assert.throws(
      () => loadConfig({ MAX_BATCH_LATENTS: '0' }),
      /MAX_BATCH_LATENTS is "0": it must be a whole number from 1 to 64/,
    );
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
  } finally {
    process.off('warning', onWarning);
  }
  assert.equal(warnings.length, 4);
  assert.match(warnings[0]!, /MAX_BATCH=1 means no batching, which is the default now/);
  assert.match(warnings[1]!, /MAX_BATCH is deprecated: MAX_BATCH=2 is read as MAX_BATCH_LATENTS=4/);
  assert.match(warnings[2]!, /MAX_BATCH=8 is read as MAX_BATCH_LATENTS=8/);
  assert.match(warnings[3]!, /MAX_BATCH is deprecated and ignored, since MAX_BATCH_LATENTS is set/);
});
