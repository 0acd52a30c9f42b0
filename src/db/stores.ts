/** Every store over one database, wired together: what main.ts and the commands receive. */
import type { Config } from '../config.ts';
import type { Database } from './database.ts';
import { createAuditStore } from './audit.ts';
import { createJobStore } from './jobs.ts';
import { createLifecycleStore } from './lifecycle.ts';
import { createLimitStore } from './limits.ts';
import { createModerationStore } from './moderation.ts';
import { createPendingPromptStore } from './pending.ts';
import { createQuotaStore } from './quota.ts';
import { createSettingsStore } from './settings.ts';
import { createUsageStore } from './usage.ts';
import { ceilingsFromBounds, defaultLimits, type Ceilings, type LimitSettings } from '../limits/settings.ts';

export interface StoreOptions {
  ceilings: Ceilings;
  /** Default limits; derived from the ceilings and the queue bounds when absent. */
  defaults?: LimitSettings | undefined;
  /** Most jobs waiting overall; null: no bound. */
  maxWaiting: number | null;
}

/** The options from the validated config. */
export function storeOptionsFromConfig(config: Pick<Config, 'bounds' | 'queue'>): StoreOptions {
  const ceilings = ceilingsFromBounds(config.bounds);
  return { ceilings, defaults: defaultLimits(ceilings, config.queue), maxWaiting: config.queue.maxWaiting };
}

export type Stores = ReturnType<typeof createStores>;

export function createStores(database: Database, opts: StoreOptions) {
  const defaults = opts.defaults ?? defaultLimits(opts.ceilings, { maxPerUser: 5 });
  const audit = createAuditStore(database);
  const moderation = createModerationStore(database, { audit });
  const limits = createLimitStore(database, { defaults, ceilings: opts.ceilings, audit });
  const quota = createQuotaStore(database, { limits, moderation, maxWaiting: opts.maxWaiting });
  const jobs = createJobStore(database);
  return {
    database,
    jobs,
    lifecycle: createLifecycleStore(database, { jobs, quota, audit }),
    usage: createUsageStore(database),
    limits,
    quota,
    moderation,
    audit,
    settings: createSettingsStore(database),
    pending: createPendingPromptStore(database),
  };
}
