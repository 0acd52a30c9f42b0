/**
 * Periodic clean-up: old quota reservations (only the rolling windows read them; cooldowns reach back at most
 * 7 days, so 8 are kept) and, when the owner sets IMAGE_RETENTION_DAYS, the stored PNGs of old jobs, in batches with
 * the files deleted off the gateway thread (jobs.pruneImages). Buttons under a pruned job then explain that its
 * images are no longer kept. The usage log is never pruned here: it is what moderators read.
 */
import type { Stores } from './stores.ts';

const DAY_MS = 86_400_000;
export const RESERVATION_KEEP_MS = 8 * DAY_MS;

export interface HousekeepingReport {
  reservationsPruned: number;
  imageJobsPruned: number;
  imageBytesFreed: number;
}

export async function runHousekeeping(
  stores: Pick<Stores, 'jobs' | 'quota'>,
  opts: { imageRetentionDays: number; now: number; batch?: number | undefined },
): Promise<HousekeepingReport> {
  const reservationsPruned = stores.quota.prune(opts.now - RESERVATION_KEEP_MS);
  const images =
    opts.imageRetentionDays > 0
      ? await stores.jobs.pruneImages(opts.now - opts.imageRetentionDays * DAY_MS, { batch: opts.batch })
      : { jobs: 0, bytes: 0 };
  return { reservationsPruned, imageJobsPruned: images.jobs, imageBytesFreed: images.bytes };
}
