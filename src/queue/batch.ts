/**
 * Taking the next run from the fair order: the fairest job, plus (when batching is on) compatible jobs that come
 * after it in fair order, keeping each user's jobs in their own order. Which jobs can share a request is decided by
 * canJoinBatch (request.ts).
 *
 * The limit (MAX_BATCH_LATENTS) counts latents: what the UNet evaluates in one call (a job of four images is four
 * latents). The pipeline runs a request's latents in one UNet call per step (its rows doubled for classifier-free
 * guidance, which every job of a batch has or none has; one call per prompt length), so jobs are added while the
 * request's latents stay within the limit. A job with more latents than the limit runs alone, and the pipeline splits
 * its UNet work into calls of at most that many.
 */
import type { GenerateRequest } from '../diffusion/types.ts';
import type { Job } from '../db/jobs.ts';
import type { FairQueue } from './fair.ts';
import { canJoinBatch, shapeOfJob } from './request.ts';

/** A candidate window when looking for batch partners (the scan is linear in it). */
const BATCH_SCAN = 64;

export type Batch = { job: Job; req: GenerateRequest }[];

export interface TakeOptions {
  /** Most latents (images) in one UNet call, so in one request; a job of that many or more runs alone. */
  maxBatchLatents: number;
  /**
   * Whether the job starts from an image (request.ts startsFromImage), with no file read. Such a job runs alone, and
   * the caller reads its images (requestForJob); any other job's request is its shape (shapeOfJob).
   */
  startsFromImage: (job: Job) => boolean;
  /** A job left the fair order for this batch. */
  taken: (job: Job) => void;
  /** Only jobs it accepts can start now (their model has a free worker slot); absent: any. */
  eligible?: ((job: Job) => boolean) | undefined;
}

/**
 * The next run, or undefined when nothing is waiting: synchronous, no file read. A job that starts from an image is
 * returned alone with its shape for its request; the caller reads its images before it runs.
 */
export function takeBatch(fair: FairQueue<Job>, opts: TakeOptions): Batch | undefined {
  const job = fair.shift(opts.eligible);
  if (!job) return undefined;
  opts.taken(job);
  const batch = [{ job, req: shapeOfJob(job) }];
  // Image-to-image never batches (canJoinBatch): no partner search.
  if (opts.startsFromImage(job)) return batch;
  if (job.runWith) return withFormerPartners(fair, batch, job.runWith, opts);
  if (batch[0]!.req.count < opts.maxBatchLatents) addPartners(fair, batch, opts);
  return batch;
}

/**
 * A job put back in line (the bot stopped or crashed while it ran, or its inference process did) runs with the jobs
 * of its last run that still wait, in that run's order, and with no other: a worker may still hold that run, or have
 * finished it, and the bot's next process takes a run over only when it names the same jobs (scale/remote.ts).
 */
function withFormerPartners(fair: FairQueue<Job>, batch: Batch, runWith: readonly number[], opts: TakeOptions): Batch {
  let latents = batch[0]!.req.count;
  for (const id of runWith) {
    const cand = id === batch[0]!.job.id ? undefined : fair.get(id);
    if (!cand || opts.startsFromImage(cand)) continue;
    const req = shapeOfJob(cand);
    if (latents + req.count > opts.maxBatchLatents || !canJoinBatch(batch, { job: cand, req })) continue;
    fair.take(cand.id);
    opts.taken(cand);
    batch.push({ job: cand, req });
    latents += req.count;
  }
  const order = (b: Batch[number]) => runWith.indexOf(b.job.id);
  return batch.sort((a, b) => order(a) - order(b));
}

/** Fills a batch with compatible jobs in fair order, keeping each user's jobs in their own order. */
function addPartners(fair: FairQueue<Job>, batch: Batch, opts: TakeOptions): void {
  for (const { job } of choosePartners(batch, fair.order().slice(0, BATCH_SCAN), opts)) {
    fair.take(job.id);
    opts.taken(job);
  }
}

/**
 * The partner search that takeBatch and planRuns share: `candidates` (at most BATCH_SCAN, in fair order) join `batch`
 * while its latents fit and they can share its request (canJoinBatch); a user whose job cannot join has none of
 * their later jobs join either. Pushes the partners onto `batch` and returns them.
 */
function choosePartners(
  batch: Batch,
  candidates: Iterable<Job>,
  opts: Pick<TakeOptions, 'maxBatchLatents' | 'startsFromImage'>,
): Batch {
  const added: Batch = [];
  let latents = batch.reduce((n, b) => n + b.req.count, 0);
  const blocked = new Set<string>();
  for (const cand of candidates) {
    if (latents >= opts.maxBatchLatents) break;
    if (blocked.has(cand.userId)) continue;
    // A job that starts from no image needs nothing read: its request is its shape. One that does never joins.
    const req = shapeOfJob(cand);
    if (
      latents + req.count <= opts.maxBatchLatents &&
      !opts.startsFromImage(cand) &&
      canJoinBatch(batch, { job: cand, req })
    ) {
      batch.push({ job: cand, req });
      added.push({ job: cand, req });
      latents += req.count;
    } else {
      blocked.add(cand.userId); // a user's later job never starts before their earlier one
    }
  }
  return added;
}

/**
 * The runs the waiting line would make, front to back, if takeBatch took them one after another and nothing changed
 * meanwhile: for the estimates (queue.ts project), which lay each run onto a slot rather than each job. Reads no
 * file, and asks `startsFromImage` once per job; which worker slots are free and the partners of a former run are
 * left out, so it is an estimate. With MAX_BATCH_LATENTS 1 every job is a run of its own.
 */
export function planRuns(
  order: readonly Job[],
  opts: Pick<TakeOptions, 'maxBatchLatents' | 'startsFromImage'>,
): Job[][] {
  const fromImage = new Map<number, boolean>();
  const startsFromImage = (job: Job) => {
    let known = fromImage.get(job.id);
    if (known === undefined) fromImage.set(job.id, (known = opts.startsFromImage(job)));
    return known;
  };
  const taken = new Set<number>();
  const runs: Job[][] = [];
  for (const [i, job] of order.entries()) {
    if (taken.has(job.id)) continue;
    taken.add(job.id);
    const batch: Batch = [{ job, req: shapeOfJob(job) }];
    if (batch[0]!.req.count < opts.maxBatchLatents && !startsFromImage(job)) {
      // As addPartners: the next BATCH_SCAN jobs still waiting.
      const next: Job[] = [];
      for (let k = i + 1; k < order.length && next.length < BATCH_SCAN; k++)
        if (!taken.has(order[k]!.id)) next.push(order[k]!);
      for (const { job: partner } of choosePartners(batch, next, { ...opts, startsFromImage })) taken.add(partner.id);
    }
    runs.push(batch.map((b) => b.job));
  }
  return runs;
}
