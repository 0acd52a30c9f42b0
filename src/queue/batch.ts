/**
 * Taking the next run from the fair order: the fairest job, plus (when batching is on) compatible jobs that come
 * after it in fair order, keeping each user's jobs in their own order. Which jobs can share a request is decided by
 * canJoinBatch (request.ts).
 */
import type { GenerateRequest } from '../diffusion/types.ts';
import type { Job } from '../db/jobs.ts';
import type { FairQueue } from './fair.ts';
import { canJoinBatch, shapeOfJob } from './request.ts';

/** A candidate window when looking for batch partners (the scan is linear in it). */
const BATCH_SCAN = 64;

export type Batch = { job: Job; req: GenerateRequest }[];

export interface TakeOptions {
  /** Most images in one request; 1 turns batching off. */
  maxBatch: number;
  /** The job's full request (reads its init image); throws when it cannot run. */
  load: (job: Job) => GenerateRequest;
  /** A job left the fair order for this batch (or because it cannot run). */
  taken: (job: Job) => void;
  /** The fairest job could not be loaded: it is the caller's to fail; the next one is tried. */
  unloadable: (job: Job, err: unknown) => void;
}

/** The next run, or undefined when nothing is waiting. */
export function takeBatch(fair: FairQueue<Job>, opts: TakeOptions): Batch | undefined {
  for (let job = fair.shift(); job; job = fair.shift()) {
    opts.taken(job);
    let req: GenerateRequest;
    try {
      req = opts.load(job);
    } catch (err) {
      opts.unloadable(job, err);
      continue;
    }
    const batch = [{ job, req }];
    // Image-to-image never batches (canJoinBatch): no partner search, which would read every candidate's images.
    if (opts.maxBatch > 1 && req.count < opts.maxBatch && !req.initImage) addPartners(fair, batch, opts);
    return batch;
  }
  return undefined;
}

/** Fills a batch with compatible jobs in fair order, keeping each user's jobs in their own order. */
function addPartners(fair: FairQueue<Job>, batch: Batch, opts: TakeOptions): void {
  let images = batch[0]!.req.count;
  const blocked = new Set<string>();
  for (const cand of fair.order().slice(0, BATCH_SCAN)) {
    if (images >= opts.maxBatch) break;
    if (blocked.has(cand.userId)) continue;
    // Its shape first (no database read): only a job that could join has its images looked up.
    const shape = shapeOfJob(cand);
    let req: GenerateRequest | undefined;
    if (images + shape.count <= opts.maxBatch && canJoinBatch(batch, { job: cand, req: shape })) {
      try {
        req = opts.load(cand);
      } catch {
        req = undefined; // it fails on its own turn, with its message
      }
    }
    if (req && canJoinBatch(batch, { job: cand, req })) {
      fair.take(cand.id);
      opts.taken(cand);
      batch.push({ job: cand, req });
      images += req.count;
    } else {
      blocked.add(cand.userId); // a user's later job never starts before their earlier one
    }
  }
}
