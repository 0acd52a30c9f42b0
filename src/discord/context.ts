/**
 * What commands and button handlers receive: the services main.ts wires together. Handlers use these and never
 * reach for globals, so tests can build a context around real SQLite, a real inference process and the local Discord.
 */
import type { Config } from '../config.ts';
import type { Stores } from '../db/stores.ts';
import type { ModelInfo } from '../diffusion/types.ts';
import type { HealthReport } from '../health/server.ts';
import type { JobQueue } from '../queue/queue.ts';

export interface AppContext {
  config: Readonly<Config>;
  /** Epoch milliseconds; a test clock in tests. */
  now(): number;
  /** Every SQLite store: jobs, usage, limits, quota, moderation, audit, settings. */
  stores: Stores;
  /** The job queue: submit, cancel, places and ETAs (for /info). */
  queue: JobQueue;
  /** What the loaded model says about itself (name, family, execution provider); undefined until it has loaded. */
  modelInfo(): ModelInfo | undefined;
  /**
   * Every installed model (the default first), from memory: /imagine model: and its autocomplete, /limits
   * defaultModel. Absent: only the loaded model (modelInfo).
   */
  models?: (() => readonly ModelInfo[]) | undefined;
  /** The process's health (gateway, database, inference), for /health; absent where nothing reports it (tests). */
  health?: (() => HealthReport) | undefined;
}
