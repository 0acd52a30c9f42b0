/**
 * From a stored job to the pipeline's request, and the rules for running several jobs as one request (batching).
 */
import { schedulerNames, type GenerateRequest, type GenerateResult, type SchedulerName } from '../diffusion/types.ts';
import type { Job, JobStore, ResultImage } from '../db/jobs.ts';
import { UserError } from '../errors.ts';

/**
 * The one mapping from a job row to a GenerateRequest. The init image is the job's upload when it has one; else,
 * for a job made from an earlier result (a variation: parentJobId, sourceIndex and a strength), that image.
 */
export function requestForJob(job: Job, jobs: Pick<JobStore, 'initImage' | 'image'>): GenerateRequest {
  const p = job.params;
  const req: GenerateRequest = {
    prompt: p.prompt,
    negativePrompt: p.negativePrompt,
    width: p.width,
    height: p.height,
    steps: p.steps,
    guidanceScale: p.guidanceScale,
    seed: p.seed,
    count: p.count,
    scheduler: toSchedulerName(p.scheduler),
  };
  const upload = jobs.initImage(job.id);
  if (upload) {
    req.initImage = upload;
    req.strength = p.strength;
  } else if (p.strength !== undefined && p.parentJobId !== undefined && p.sourceIndex !== undefined) {
    const source = jobs.image(p.parentJobId, p.sourceIndex);
    if (!source) {
      throw new UserError(`The image this job starts from (job ${p.parentJobId}, image ${p.sourceIndex + 1}) is no longer ` +
        'stored, so it cannot be varied. Make a new image with /imagine.', 'source-gone');
    }
    req.initImage = source.png;
    req.strength = p.strength;
  }
  return req;
}

function toSchedulerName(name: string | undefined): SchedulerName | undefined {
  return (schedulerNames as readonly string[]).includes(name ?? '') ? (name as SchedulerName) : undefined;
}

/**
 * Whether `next` can join a batch whose requests so far are `batch` (all sharing model, size, steps, scheduler and
 * guidance; no init image), such that one pipeline call gives every job exactly the images it would get alone.
 *
 * The pipeline takes one prompt and gives image i the seed `seed + i`. So today a job can join only when it has the
 * same prompt and negative prompt and its seed follows on from the last job's images (seed = last.seed + last.count).
 * That is exact for every scheduler, ancestral ones included (each image keeps its own generator). When the
 * pipeline takes a seed per image and a prompt per image, relax this to the first group of conditions.
 */
export function canJoinBatch(batch: readonly { job: Job; req: GenerateRequest }[], next: { job: Job; req: GenerateRequest }): boolean {
  const first = batch[0];
  const last = batch[batch.length - 1];
  if (!first || !last) return false;
  const a = first.req;
  const b = next.req;
  return next.job.model === first.job.model &&
    !a.initImage && !b.initImage &&
    a.width === b.width && a.height === b.height && a.steps === b.steps &&
    a.guidanceScale === b.guidanceScale && a.scheduler === b.scheduler &&
    a.prompt === b.prompt && (a.negativePrompt ?? '') === (b.negativePrompt ?? '') &&
    b.seed === ((last.req.seed + last.req.count) >>> 0);
}

/** The one request for a batch (the first job's, with every job's images). */
export function mergeBatch(reqs: readonly GenerateRequest[]): GenerateRequest {
  const first = reqs[0];
  if (!first) throw new Error('mergeBatch: empty batch');
  return { ...first, count: reqs.reduce((n, r) => n + r.count, 0) };
}

/** Gives each job of a batch its own images, in order, and checks that they carry the seeds the job asked for. */
export function splitBatchResult(reqs: readonly GenerateRequest[], result: GenerateResult): ResultImage[][] {
  const total = reqs.reduce((n, r) => n + r.count, 0);
  if (result.images.length !== total) {
    throw new Error(`the backend returned ${result.images.length} image(s) for a batch of ${total}`);
  }
  let offset = 0;
  return reqs.map((r) => {
    const images = result.images.slice(offset, offset + r.count);
    offset += r.count;
    images.forEach((img, i) => {
      const want = (r.seed + i) >>> 0;
      if (img.seed !== want) throw new Error(`batch image ${i} has seed ${img.seed}, expected ${want}`);
    });
    return images.map((img) => ({ png: img.png, seed: img.seed, width: img.width, height: img.height }));
  });
}
