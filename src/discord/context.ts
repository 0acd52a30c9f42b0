/**
 * What commands and button handlers receive: the services main.ts wires together. Handlers use these and never
 * reach for globals, so tests can build a context around real SQLite, a real inference process and the local Discord.
 */
import type { Config } from '../config.ts';

export interface AppContext {
  config: Readonly<Config>;
  /** Epoch milliseconds; a test clock in tests. */
  now(): number;
}
