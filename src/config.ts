/**
 * The only module that reads process.env. Everything is validated at start-up, and every problem is named in one
 * error. Every key is documented in .env.example with its default.
 */
import { parseSchedulerName, schedulerChoices, type SchedulerName } from './diffusion/types.ts';
import { DISPLAY_MIN_SIDE } from './upscale/display.ts';
import { existsSync } from 'node:fs';
import { totalmem } from 'node:os';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));
/** Numbers say what is allowed in words ("a whole number from 1 to 8"), whatever the way they are wrong. */
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const error =
    max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const num = (min: number, max: number) => {
  const error = `a number from ${min} to ${max}`;
  return z.coerce.number({ error }).min(min, { error }).max(max, { error });
};
const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean),
);
const snowflake = z.string().regex(/^\d{15,22}$/, 'must be a Discord id (digits only)');

const schema = z.object({
  // --- Discord
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_APPLICATION_ID: snowflake.optional(),
  DISCORD_API_URL: z.url().default('https://discord.com/api'),
  DISCORD_DEV_GUILD_ID: snowflake.optional(),
  DISCORD_ALLOW_DMS: bool.default(false),
  UPLOAD_HOSTS: list.default(['cdn.discordapp.com', 'media.discordapp.net']),
  UPLOAD_TIMEOUT_S: int(1, 600).default(30),

  // --- Models and inference
  MODELS_PATH: z.string().default('models'),
  MODEL_DIR: z.string().optional(),
  EXECUTION_PROVIDERS: list
    .default(['cuda', 'cpu'])
    .pipe(z.array(z.enum(['cuda', 'webgpu', 'cpu', 'tensorrt', 'dml', 'coreml'])).min(1)),
  INTRA_OP_THREADS: int(0, 256).default(0),
  MODEL_MEMORY_MB: int(0, 16 * 1024 * 1024).default(0),
  MODEL_SCHEDULER: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      const name = parseSchedulerName(v);
      if (!name)
        ctx.addIssue({
          code: 'custom',
          message: `"${v}" is not a scheduler; use one of ${schedulerChoices()}, or leave it empty for the model's own`,
        });
      return name;
    }),
  HF_HUB_URL: z.url().default('https://huggingface.co'),
  HF_TOKEN: z.string().min(1).optional(),

  // --- Request bounds (hard ceilings; guild limits can only lower them)
  MAX_WIDTH: int(64, 4096).default(1024),
  MAX_HEIGHT: int(64, 4096).default(1024),
  MAX_STEPS: int(1, 200).default(50),
  MAX_IMAGES: int(1, 8).default(4),
  DEFAULT_IMAGES: int(1, 8).default(4),
  DEFAULT_STEPS: int(1, 200).optional(),
  DEFAULT_GUIDANCE: num(0, 30).optional(),

  // --- Queue
  INFERENCE_SLOTS: int(1, 16).default(1),
  INFERENCE_PROCESSES: int(1, 16).default(1),
  QUEUE_MAX_WAITING: int(1).default(200),
  QUEUE_MAX_PER_USER: int(1).default(5),
  JOB_TIMEOUT_S: int(5).default(600),
  SHUTDOWN_GRACE_S: int(0).default(30),
  MAX_BATCH_LATENTS: int(1, 64).optional(),
  /** Deprecated: MAX_BATCH_LATENTS under its old name (it counted images per request, which are the same latents). */
  MAX_BATCH: int(1, 16).optional(),
  QUEUE_GUILD_WEIGHTS: z.string().optional(),

  // --- Scale-out (BullMQ on Redis)
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// address')
    .optional(),
  WORKER_SLOTS: int(1, 16).default(1),
  WORKER_MODELS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  WORKER_LOCK_S: int(1, 3600).default(30),

  // --- Storage and logs
  DATABASE_PATH: z.string().default('data/atelier.db'),
  IMAGE_RETENTION_DAYS: int(0, 36500).default(30),
  DISPLAY_MIN_SIDE: int(0, 4096).default(DISPLAY_MIN_SIDE),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  HEALTH_PORT: int(0, 65535).default(9464),

  // --- Playground (the browser page)
  PLAYGROUND_PORT: int(0, 65535).optional(),
  PLAYGROUND_HOST: z.string().optional(),
  PLAYGROUND_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  PLAYGROUND_IMAGES_PER_DAY: z.union([z.literal('unlimited'), int(0, 1_000_000)]).default('unlimited'),
});

type Parsed = z.infer<typeof schema>;

export interface Config {
  discord: {
    token: string | undefined;
    applicationId: string | undefined;
    apiUrl: string;
    devGuildId: string | undefined;
    allowDms: boolean;
  };
  /** Downloads of members' pictures: https from these hosts only (plus apiUrl's origin), within one deadline. */
  uploads: { hosts: readonly string[]; timeoutMs: number };
  models: {
    root: string;
    /** An explicit model folder; when absent the first installed model (or the demo model) is used. */
    dir: string | undefined;
    executionProviders: readonly string[];
    intraOpThreads: number;
    /** MODEL_SCHEDULER: the scheduler of requests that name none (and it lets a model with an unknown one load). */
    scheduler?: SchedulerName | undefined;
    /**
     * MODEL_MEMORY_MB in bytes: what the models one inference process keeps loaded may take together (the least
     * recently used go first). Default: half of the host's memory, shared between the inference processes.
     */
    memoryBudgetBytes: number;
    hubUrl: string;
    hubToken: string | undefined;
  };
  bounds: {
    maxWidth: number;
    maxHeight: number;
    maxSteps: number;
    maxImages: number;
    defaultImages: number;
    defaultSteps: number | undefined;
    defaultGuidance: number | undefined;
  };
  queue: {
    slots: number;
    /** Local inference processes (ignored with redis: workers run inference then). */
    processes: number;
    maxWaiting: number;
    maxPerUser: number;
    jobTimeoutMs: number;
    shutdownGraceMs: number;
    /**
     * MAX_BATCH_LATENTS: most latents (images) in one UNet call; jobs share a call up to it, and a larger job's calls
     * are split to it. Undefined (the default): no sharing and no split, each job alone in one call.
     */
    maxBatchLatents: number | undefined;
    /** Share of the inference slots per guild id (guilds not named weigh 1); undefined: plain rotation over users. */
    guildWeights: Readonly<Record<string, number>> | undefined;
  };
  /** Scale-out: with a url the bot hands jobs to BullMQ workers and runs no inference itself. */
  redis: {
    url: string | undefined;
    /** Jobs one `npm run worker` runs at once: one inference process each (one per GPU). */
    workerSlots: number;
    /** A worker that has not renewed a job's lock for this long is presumed dead; its job goes to another worker. */
    workerLockMs: number;
    /** WORKER_MODELS: installed models a worker serves besides its default one (loaded on demand, MODEL_MEMORY_MB). */
    workerModels: readonly string[];
  };
  databasePath: string;
  /** Result image files older than this are deleted (0: kept for ever, so every old button works). */
  imageRetentionDays: number;
  /** Results whose shorter side is under this many pixels are posted enlarged for display (0: as painted). */
  displayMinSide: number;
  logLevel: Parsed['LOG_LEVEL'];
  /** /healthz, /readyz and /metrics on 127.0.0.1:port (0: off). */
  health: { port: number };
  /** The browser playground; port null: off. */
  playground: {
    port: number | null;
    host: string;
    /** Required (as a bearer token or `?token=`) when host is not loopback. */
    accessToken: string | undefined;
    /** The local "playground" user's images per rolling 24 h; null: unlimited. */
    imagesPerDay: number | null;
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      `The configuration has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Fix them in .env (see .env.example for every key and its default).',
    );
    this.problems = problems;
  }
}

/** Reads `.env` (if present) into process.env without overriding what is already set. */
export function loadEnvFile(path = '.env'): void {
  if (existsSync(path)) loadDotenv({ path, quiet: true });
}

/**
 * Validates an environment and returns a frozen Config. Pass an object in tests; the default reads process.env
 * after loading `.env`.
 */
export function loadConfig(env?: Record<string, string | undefined>): Readonly<Config> {
  if (env === undefined) {
    loadEnvFile();
    env = process.env;
  }
  // Empty strings mean "unset", as they do in most .env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  // Each key on its own, so that every bad key is named at once, and the checks between keys run on the keys that
  // are valid (rather than only once every key is).
  const problems: string[] = [];
  const valid: Record<string, unknown> = {};
  const bad = new Set<string>();
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const r = field.safeParse(cleaned[key]);
    if (r.success) valid[key] = r.data;
    else {
      bad.add(key);
      problems.push(describeProblem(key, cleaned[key], field, r.error.issues[0]!));
    }
  }
  const e = valid as Parsed;
  const ok = (...keys: string[]) => keys.every((k) => !bad.has(k));
  if (ok('DEFAULT_IMAGES', 'MAX_IMAGES') && e.DEFAULT_IMAGES > e.MAX_IMAGES) {
    problems.push(
      `DEFAULT_IMAGES is ${e.DEFAULT_IMAGES}, but it must not exceed MAX_IMAGES (${e.MAX_IMAGES}). ` +
        'Fix: lower DEFAULT_IMAGES or raise MAX_IMAGES in .env.',
    );
  }
  for (const key of ['MAX_WIDTH', 'MAX_HEIGHT'] as const) {
    if (ok(key) && e[key] % 8) {
      problems.push(
        `${key} is ${e[key]}, but it must be a multiple of 8 (the model works on 8×8 pixel blocks). ` +
          `Fix: set ${key}=${Math.max(64, Math.floor(e[key] / 8) * 8)} in .env.`,
      );
    }
  }
  const guildWeights =
    !ok('QUEUE_GUILD_WEIGHTS') || e.QUEUE_GUILD_WEIGHTS === undefined
      ? undefined
      : parseGuildWeights(e.QUEUE_GUILD_WEIGHTS, problems);
  const playgroundHost = e.PLAYGROUND_HOST ?? '127.0.0.1';
  if (ok('PLAYGROUND_HOST', 'PLAYGROUND_TOKEN') && !isLoopback(playgroundHost) && !e.PLAYGROUND_TOKEN) {
    problems.push(
      `PLAYGROUND_HOST: ${playgroundHost} is reachable from other machines; set PLAYGROUND_TOKEN (16+ random characters) too, ` +
        'or leave PLAYGROUND_HOST unset to serve on 127.0.0.1 only',
    );
  }
  if (problems.length) throw new ConfigError(problems);
  const config: Config = {
    discord: {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      apiUrl: e.DISCORD_API_URL.replace(/\/+$/, ''),
      devGuildId: e.DISCORD_DEV_GUILD_ID,
      allowDms: e.DISCORD_ALLOW_DMS,
    },
    uploads: { hosts: Object.freeze([...e.UPLOAD_HOSTS]), timeoutMs: e.UPLOAD_TIMEOUT_S * 1000 },
    models: {
      root: resolve(e.MODELS_PATH),
      dir: e.MODEL_DIR === undefined ? undefined : resolve(e.MODEL_DIR),
      executionProviders: Object.freeze([...e.EXECUTION_PROVIDERS]),
      intraOpThreads: e.INTRA_OP_THREADS,
      scheduler: e.MODEL_SCHEDULER,
      memoryBudgetBytes: e.MODEL_MEMORY_MB
        ? e.MODEL_MEMORY_MB * 2 ** 20
        : Math.floor(totalmem() / 2 / e.INFERENCE_PROCESSES),
      hubUrl: e.HF_HUB_URL.replace(/\/+$/, ''),
      hubToken: e.HF_TOKEN,
    },
    bounds: {
      maxWidth: e.MAX_WIDTH,
      maxHeight: e.MAX_HEIGHT,
      maxSteps: e.MAX_STEPS,
      maxImages: e.MAX_IMAGES,
      defaultImages: e.DEFAULT_IMAGES,
      defaultSteps: e.DEFAULT_STEPS,
      defaultGuidance: e.DEFAULT_GUIDANCE,
    },
    queue: {
      slots: e.INFERENCE_SLOTS,
      processes: e.INFERENCE_PROCESSES,
      maxWaiting: e.QUEUE_MAX_WAITING,
      maxPerUser: e.QUEUE_MAX_PER_USER,
      jobTimeoutMs: e.JOB_TIMEOUT_S * 1000,
      shutdownGraceMs: e.SHUTDOWN_GRACE_S * 1000,
      maxBatchLatents: maxBatchLatents(e),
      guildWeights,
    },
    redis: {
      url: e.REDIS_URL,
      workerSlots: e.WORKER_SLOTS,
      workerLockMs: e.WORKER_LOCK_S * 1000,
      workerModels: Object.freeze([...e.WORKER_MODELS]),
    },
    databasePath: e.DATABASE_PATH === ':memory:' ? e.DATABASE_PATH : resolve(e.DATABASE_PATH),
    imageRetentionDays: e.IMAGE_RETENTION_DAYS,
    displayMinSide: e.DISPLAY_MIN_SIDE,
    logLevel: e.LOG_LEVEL,
    health: { port: e.HEALTH_PORT },
    playground: {
      // Without a Discord token the playground is the product, on 7860 unless turned off; with one, only on request.
      port: (e.PLAYGROUND_PORT ?? (e.DISCORD_TOKEN ? 0 : 7860)) || null,
      host: playgroundHost,
      accessToken: e.PLAYGROUND_TOKEN,
      imagesPerDay: e.PLAYGROUND_IMAGES_PER_DAY === 'unlimited' ? null : e.PLAYGROUND_IMAGES_PER_DAY,
    },
  };
  return deepFreeze(config);
}

/** Keys whose values are secrets: a problem with one says how long it is, never what it is. */
const SECRET = /TOKEN|PASSWORD|SECRET|REDIS_URL/;

/**
 * One line per bad key: the key, the value given, what is allowed, and the fix (change it, or delete the line for
 * the default), instead of the validator's own words ("expected number, received NaN", "EXECUTION_PROVIDERS.0").
 */
function describeProblem(key: string, raw: string | undefined, field: z.ZodType, issue: z.core.$ZodIssue): string {
  const shown =
    raw === undefined ? '(unset)' : SECRET.test(key) ? `(hidden, ${raw.length} characters)` : JSON.stringify(raw);
  const item =
    issue.path.length && raw !== undefined && !SECRET.test(key)
      ? raw
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)[Number(issue.path[0])]
      : undefined;
  let allowed: string;
  if (issue.code === 'invalid_value') allowed = `one of ${issue.values.map(String).join(', ')}`;
  else if (issue.code === 'invalid_format' && issue.format === 'url') allowed = 'a URL such as https://example.com';
  else allowed = issue.message.replace(/^must be /, '');
  const fallback = field.safeParse(undefined);
  const def =
    fallback.success && fallback.data !== undefined
      ? `delete the line to use the default (${Array.isArray(fallback.data) ? fallback.data.join(',') : String(fallback.data)})`
      : 'delete the line to leave it unset';
  const what = item !== undefined ? `${key} is ${shown}, and "${item}" is not allowed` : `${key} is ${shown}`;
  const needs = /^(is|"|must|not)\b/.test(allowed) || allowed.includes(';') ? allowed : `it must be ${allowed}`;
  return `${what}: ${needs}. Fix: change it in .env, or ${def}.`;
}

/**
 * MAX_BATCH_LATENTS, or the deprecated MAX_BATCH with a DeprecationWarning. Unset: off (README, Batching, has the
 * measurements behind that default). MAX_BATCH counted the images of one request and never split a job: 1, the value
 * .env.example used to carry, meant off; any other value is the latent limit max(MAX_BATCH, MAX_IMAGES), which splits
 * no job either.
 */
function maxBatchLatents(e: Pick<Parsed, 'MAX_BATCH_LATENTS' | 'MAX_BATCH' | 'MAX_IMAGES'>): number | undefined {
  if (e.MAX_BATCH === undefined) return e.MAX_BATCH_LATENTS;
  const old = e.MAX_BATCH === 1 ? undefined : Math.max(e.MAX_BATCH, e.MAX_IMAGES);
  process.emitWarning(
    e.MAX_BATCH_LATENTS !== undefined
      ? 'MAX_BATCH is deprecated and ignored, since MAX_BATCH_LATENTS is set. Remove it from .env.'
      : old === undefined
        ? 'MAX_BATCH is deprecated: MAX_BATCH=1 means no batching, which is the default now. Remove it from .env.'
        : `MAX_BATCH is deprecated: MAX_BATCH=${e.MAX_BATCH} is read as MAX_BATCH_LATENTS=${old} (the most latents, ` +
          'one per image, in one UNet call; at least MAX_IMAGES, so that no job is split, as before). Rename it in .env.',
    { type: 'DeprecationWarning', code: 'ATELIER_MAX_BATCH' },
  );
  return e.MAX_BATCH_LATENTS ?? old;
}

/** "123456789012345678:2, 876543210987654321:0.5" -> { id: weight }; problems are added to the list. */
function parseGuildWeights(text: string, problems: string[]): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d{15,22}):(\d+(?:\.\d+)?)$/.exec(part);
    const w = m ? Number(m[2]) : NaN;
    if (!m || !(w > 0) || w > 100) {
      problems.push(`QUEUE_GUILD_WEIGHTS: "${part}" must be <guild id>:<weight>, a weight above 0 and at most 100`);
    } else weights[m[1]!] = w;
  }
  return weights;
}

/** 127.0.0.1, ::1, localhost: only this machine can connect. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === 'object' && !Object.isFrozen(v)) deepFreeze(v);
  return Object.freeze(o);
}
