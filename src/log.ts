/**
 * Structured logs through pino: one JSON object per line on stderr (`level`, `time`, `msg`, then the fields), or
 * pino-pretty's coloured lines when stderr is a terminal. The bot, the inference child and the workers all log
 * through this module, so their lines look alike and can be read back with `JSON.parse`.
 *
 * Secrets never reach the output: any field whose name looks like a credential (`token`, `interactionToken`,
 * `authorization`, `password`, `secret`, `apiKey`, at any depth) is replaced by "[redacted]", and every line is
 * scrubbed of the values registered with `redactValues` (the Discord token, from the configuration) and of anything
 * shaped like a Discord bot token, wherever it appears (an error message, a URL).
 *
 * Call sites use `log.info(message, fields)`; `log.child(fields)` (or `jobLog(log, job)`) binds fields such as a
 * job's id, user and guild to every line it writes.
 */
import { createRequire } from 'node:module';
import { pino, stdSerializers, type Logger as Pino } from 'pino';
import type PinoPretty from 'pino-pretty';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Log {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line. */
  child(fields: LogFields): Log;
}

const REDACTED = '[redacted]';
/** Field names that hold credentials. */
const SECRET_KEY = /token|secret|password|passwd|authorization|api[_-]?key|cookie/i;
/** A Discord bot token: base64 user id, timestamp, HMAC. */
const DISCORD_TOKEN = /\b[A-Za-z\d_-]{23,28}\.[A-Za-z\d_-]{6,7}\.[A-Za-z\d_-]{27,40}\b/g;
const secrets = new Set<string>();

/** Never print these values, whatever field or message they turn up in (the Discord token, say). */
export function redactValues(...values: (string | undefined | null)[]): void {
  for (const v of values) if (v && v.length >= 8) secrets.add(v);
}

/** The configuration's secrets: the Discord token, the hub and playground tokens, a Redis password. */
export function redactConfigSecrets(config: {
  discord: { token: string | undefined };
  models: { hubToken: string | undefined };
  playground: { accessToken: string | undefined };
  redis: { url: string | undefined };
}): void {
  let redisPassword = '';
  try {
    redisPassword = config.redis.url ? new URL(config.redis.url).password : '';
  } catch {
    // not a URL: config.ts refuses it anyway
  }
  redactValues(
    config.discord.token,
    config.models.hubToken,
    config.playground.accessToken,
    redisPassword,
    safeDecode(redisPassword),
  );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function scrub(line: string): string {
  for (const s of secrets) if (line.includes(s)) line = line.split(s).join(REDACTED);
  return line.replace(DISCORD_TOKEN, REDACTED);
}

/** Errors become {type, message, stack, code…}; credential-like keys are redacted, at any depth. */
function clean(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return stdSerializers.err(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: LogFields = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[k] = SECRET_KEY.test(k) && v !== null ? REDACTED : clean(v, depth + 1);
  }
  return out;
}

// Where the lines go: stderr (through pino-pretty on a terminal), or an array in tests.
type Sink = (line: string) => void;
const pretty = process.stderr.isTTY
  ? (createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty)({
      destination: 2,
      sync: true,
      colorize: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
    })
  : undefined;
const toStderr: Sink = pretty ? (line) => pretty.write(line) : (line) => process.stderr.write(line);
let sink: Sink = toStderr;

const root: Pino = pino(
  {
    level: 'info',
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: (v: unknown) => v }, // clean() has serialized errors already, under any key
    // JSON lines say "level":"warn" (pino-pretty wants pino's numbers).
    ...(pretty ? {} : { formatters: { level: (label: string) => ({ level: label }) } }),
  },
  { write: (line: string) => sink(scrub(line)) },
);

/** Names the process on every line (the inference child, a worker), beside pino's pid-free output. */
export function setLogProcess(name: string): void {
  root.setBindings({ proc: name, pid: process.pid });
}

export function setLogLevel(level: LogLevel): void {
  root.level = level;
}

/** For tests: capture log lines (JSON, without the newline) instead of printing them. Returns a function that restores stderr. */
export function captureLogs(into: string[]): () => void {
  const previous = sink;
  sink = (line) => into.push(line.endsWith('\n') ? line.slice(0, -1) : line);
  return () => {
    sink = previous;
  };
}

function wrap(p: Pino): Log {
  const at = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (!p.isLevelEnabled(level)) return;
    if (fields) p[level](clean(fields) as object, message);
    else p[level](message);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(p.child(clean(fields) as LogFields)),
  };
}

export const log: Log = wrap(root);

/** The logger for one job's lines: its id, user and guild on each. Accepts a logger without `child` (a test's). */
export function jobLog(parent: LogLike, job: { id: number; userId?: string; guildId?: string | null }): Log {
  const fields: LogFields = { jobId: job.id, userId: job.userId, guildId: job.guildId ?? undefined };
  return parent.child ? parent.child(fields) : withFields(parent, fields);
}

/** What the queue and delivery accept as a logger: this module's, or a test's plain object. */
export type LogLike = Pick<Log, 'debug' | 'info' | 'warn' | 'error'> & Partial<Pick<Log, 'child'>>;

function withFields(parent: LogLike, fields: LogFields): Log {
  const merged = (f?: LogFields) => ({ ...fields, ...f });
  return {
    debug: (m, f) => parent.debug(m, merged(f)),
    info: (m, f) => parent.info(m, merged(f)),
    warn: (m, f) => parent.warn(m, merged(f)),
    error: (m, f) => parent.error(m, merged(f)),
    child: (f) => withFields(parent, { ...fields, ...f }),
  };
}
