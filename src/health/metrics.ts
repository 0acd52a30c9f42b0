/**
 * Prometheus metrics (prom-client) for `/metrics`: the default Node metrics (event-loop lag included), jobs by state,
 * queue depth and wait, generation time per model and size, images made, refusals by reason, interactions and their
 * acknowledgement latency, Discord REST errors and 429s. Counts that live in SQLite are read at scrape time; the
 * rest are observed from the queue's events and discord.js's REST events. No label carries a prompt, a user or a token.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Stores } from '../db/stores.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { QueueEvent } from '../queue/types.ts';

export interface Metrics {
  readonly registry: Registry;
  /** An interaction arrived (kind: command, button, modal, context-menu, other). */
  interaction(kind: string): void;
  /** A REST call answered: interaction callbacks feed the acknowledgement latency; errors and 429s are counted. */
  restResponse(route: string, status: number, interactionCreatedAt?: number): void;
  /** discord.js waited for a rate limit (a 429 or its own bucket). */
  rateLimited(route: string, global: boolean): void;
  /** Stops listening to the queue. */
  close(): void;
}

/**
 * The event-loop delay histogram's sampling interval, ms: Node records the time between its timer's firings, so an
 * idle process reports this much (nodejs_eventloop_lag_*), and a stall shows as this plus the stall.
 */
export const EVENT_LOOP_PRECISION_MS = 20;

export function createMetrics(deps: {
  stores: Pick<Stores, 'jobs' | 'usage'>;
  queue: JobQueue;
  startedAt?: number;
}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_PRECISION_MS });
  const startedAt = deps.startedAt ?? Date.now();

  new Gauge({
    name: 'atelier_jobs',
    help: 'Jobs in the database by state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [state, n] of Object.entries(deps.stores.jobs.stateCounts())) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'atelier_queue_depth',
    help: 'Jobs waiting in the queue (not running)',
    registers: [registry],
    collect() {
      this.set(deps.queue.snapshot().queued.length);
    },
  });
  new Gauge({
    name: 'atelier_refusals',
    help: 'Requests refused since this process started, by reason',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      this.reset();
      const { byReason } = deps.stores.usage.refusals({ since: startedAt, until: Date.now() + 1 }, 0);
      for (const r of byReason) this.set({ reason: r.reasonCode ?? 'unknown' }, r.count);
    },
  });
  const wait = new Histogram({
    name: 'atelier_queue_wait_seconds',
    help: 'Time from submission to start',
    registers: [registry],
    buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800],
  });
  const generation = new Histogram({
    name: 'atelier_generation_seconds',
    help: "Time to make a job's images, by model and size",
    labelNames: ['model', 'size'],
    registers: [registry],
    buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
  });
  const images = new Counter({
    name: 'atelier_images_total',
    help: 'Images made',
    labelNames: ['model'],
    registers: [registry],
  });
  const finished = new Counter({
    name: 'atelier_jobs_finished_total',
    help: 'Jobs finished by this process, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const interactions = new Counter({
    name: 'atelier_interactions_total',
    help: 'Interactions received, by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  const ack = new Histogram({
    name: 'atelier_interaction_ack_seconds',
    help: "From an interaction's creation to its acknowledgement (Discord allows 3 s)",
    registers: [registry],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
  });
  const restErrors = new Counter({
    name: 'atelier_discord_rest_errors_total',
    help: 'Discord REST responses with status >= 400',
    labelNames: ['status'],
    registers: [registry],
  });
  const limited = new Counter({
    name: 'atelier_discord_rate_limited_total',
    help: 'Discord REST rate limits hit (429 or a bucket wait)',
    labelNames: ['global'],
    registers: [registry],
  });

  const unsubscribe = deps.queue.on('update', (jobId: number, event: QueueEvent) => {
    if (event.type === 'done') {
      const job = deps.stores.jobs.get(jobId);
      const model = job?.model ?? 'unknown';
      wait.observe(event.waitMs / 1000);
      generation.observe(
        { model, size: job ? `${job.params.width}x${job.params.height}` : 'unknown' },
        event.runMs / 1000,
      );
      images.inc({ model }, event.images.length);
      finished.inc({ outcome: 'done' });
    } else if (event.type === 'failed' || event.type === 'cancelled') {
      finished.inc({ outcome: event.type });
    }
  });

  return {
    registry,
    interaction: (kind) => interactions.inc({ kind }),
    restResponse(route, status, interactionCreatedAt) {
      if (status >= 400) restErrors.inc({ status: String(status) });
      if (status === 429) limited.inc({ global: 'false' });
      if (interactionCreatedAt !== undefined && /\/interactions\/\d+\/[^/]+\/callback/.test(route)) {
        ack.observe(Math.max(0, Date.now() - interactionCreatedAt) / 1000);
      }
    },
    rateLimited: (_route, global) => limited.inc({ global: String(global) }),
    close: unsubscribe,
  };
}
