/** The health report from the running parts: the Discord client, the database, the inference backend and the queue. */
import type { Client } from 'discord.js';
import type { Config } from '../config.ts';
import { type Database, databaseWritable } from '../db/database.ts';
import type { ModelInfo } from '../diffusion/types.ts';
import { inferenceFallback } from '../inference/providers.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { HealthReport } from './server.ts';

const isAlive = (pid: number | undefined): boolean => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export interface HealthParts {
  config: Pick<Config, 'models' | 'redis'>;
  database: Database;
  queue: JobQueue;
  /** A local pool (with its process ids) or the remote backend (alive while workers have registered a model). */
  inference: { readonly info: ModelInfo | undefined; readonly pids?: readonly (number | undefined)[] };
  /** The Discord client, or undefined without Discord. */
  client: Client | undefined;
}

export function healthReport(p: HealthParts): HealthReport {
  const info = p.inference.info;
  const alive = info !== undefined && (p.inference.pids === undefined || p.inference.pids.every(isAlive));
  const gateway = p.client
    ? { ready: p.client.isReady(), pingMs: p.client.ws.ping >= 0 ? Math.round(p.client.ws.ping) : null }
    : null;
  const writable = databaseWritable(p.database);
  const snapshot = p.queue.snapshot();
  const fallback = inferenceFallback(p.config, info);
  return {
    ready: (gateway?.ready ?? true) && writable && alive,
    uptimeS: Math.round(process.uptime()),
    gateway,
    database: { writable },
    inference: {
      alive,
      model: info?.name ?? null,
      provider: info?.executionProvider ?? null,
      fallback: fallback?.message ?? null,
    },
    queue: { waiting: snapshot.queued.length, running: snapshot.running.length, accepting: p.queue.accepting },
  };
}
