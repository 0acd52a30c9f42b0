/**
 * From a stored job to the pipeline's request, and the rules for running several jobs as one request (batching).
 */
import { seedOf, type BatchEntry, type GenerateRequest, type GenerateResult } from '../diffusion/types.ts';
import type { Job, JobStore, ResultImage } from '../db/jobs.ts';
import { UserError } from '../errors.ts';

/**
 * The one mapping from a job row to a GenerateRequest. The init image is the job's upload when it has one; else,
 * for a job made from an earlier result (a variation: parentJobId, sourceIndex and a strength; an edit), that image.
 * An edit carries its spec: the pipeline builds its canvas and mask from the init image, or takes the painted mask
 * kept with the job. The references are looked up at once, the files read off the calling thread (the queue runs
 * on the thread that holds the Discord gateway).
 */
export async function requestForJob(
  job: Job,
  jobs: Pick<JobStore, 'inputRef' | 'imageRef' | 'readImage'>,
): Promise<GenerateRequest> {
  const p = job.params;
  const req = shapeOfJob(job);
  const upload = jobs.inputRef(job.id, 'init');
  const source =
    !upload &&
    (p.strength !== undefined || p.kind === 'edit') &&
    p.parentJobId !== undefined &&
    p.sourceIndex !== undefined
      ? { jobId: p.parentJobId, idx: p.sourceIndex }
      : undefined;
  const sourceRef = source && jobs.imageRef(source.jobId, source.idx);
  const maskRef = p.kind === 'edit' && p.edit.kind === 'mask' ? jobs.inputRef(job.id, 'mask') : undefined;
  const [init, mask] = await Promise.all([
    (upload ?? sourceRef) ? jobs.readImage((upload ?? sourceRef)!) : undefined,
    maskRef && jobs.readImage(maskRef),
  ]);
  if (source && !init) {
    throw new UserError(
      `The image this job starts from (job ${source.jobId}, image ${source.idx + 1}) is no longer ` +
        'stored, so it cannot be varied. Make a new image with /imagine.',
      'source-gone',
    );
  }
  if (upload && !init)
    throw new UserError('The picture this job starts from is no longer stored. Upload it again.', 'source-gone');
  if (init) {
    req.initImage = init;
    req.strength = p.strength;
  }
  if (p.kind === 'edit') {
    req.edit = p.edit;
    if (p.edit.kind === 'mask') req.mask = mask;
  }
  return req;
}

/**
 * Whether a job starts from an image (its upload, or an earlier result): the branches of requestForJob, with no
 * file read (an edit always counts). Such a job never joins a batch (canJoinBatch), and any other job's request is
 * its shape (shapeOfJob), so the batch's partner search reads no file.
 */
export function startsFromImage(job: Job, jobs: Pick<JobStore, 'hasInitImage'>): boolean {
  const p = job.params;
  return (
    p.kind === 'edit' ||
    jobs.hasInitImage(job.id) ||
    (p.strength !== undefined && p.parentJobId !== undefined && p.sourceIndex !== undefined)
  );
}

/**
 * The request without its init image: no database read, so a batch can rule a job out on its shape before
 * requestForJob loads any image bytes.
 */
export function shapeOfJob(job: Job): GenerateRequest {
  const p = job.params;
  return {
    // The model the job was accepted for, also after a restart: the inference process loads it, or says it is gone.
    model: job.model,
    prompt: p.prompt,
    negativePrompt: p.negativePrompt,
    width: p.width,
    height: p.height,
    steps: p.steps,
    guidanceScale: p.guidanceScale,
    seed: p.seed,
    count: p.count,
    scheduler: p.scheduler,
    ...(p.chaos && { chaos: p.chaos }),
    ...(p.decoder && { decoder: p.decoder }),
  };
}

/**
 * Whether `next` can join a batch whose requests so far are `batch`, such that one pipeline call gives every job
 * exactly the images it would get alone: same model, size, steps, scheduler, guidance, chaos and decoder, and no init image
 * (image-to-image stays unbatched). Prompts, negative prompts and seeds may differ: the merged request carries each
 * job's own (GenerateRequest.batch), every image keeps its own generator, and the pipeline never pads one job's
 * prompt to another's length (a different length runs in its own UNet call). Guidance must match because it decides
 * whether the UNet rows are doubled for classifier-free guidance and how they are combined.
 */
export function canJoinBatch(
  batch: readonly { job: Job; req: GenerateRequest }[],
  next: { job: Job; req: GenerateRequest },
): boolean {
  const first = batch[0];
  if (!first) return false;
  const a = first.req;
  const b = next.req;
  return (
    next.job.model === first.job.model &&
    !a.initImage &&
    !b.initImage &&
    a.width === b.width &&
    a.height === b.height &&
    a.steps === b.steps &&
    a.guidanceScale === b.guidanceScale &&
    a.scheduler === b.scheduler &&
    (a.chaos ?? 0) === (b.chaos ?? 0) &&
    a.decoder === b.decoder
  );
}

/**
 * The one request for a batch: the first job's, with count the total and `batch` listing every job's prompts, seed
 * and count in order (so the images come back job by job). One request is returned as it is.
 */
export function mergeBatch(reqs: readonly GenerateRequest[]): GenerateRequest {
  const first = reqs[0];
  if (!first) throw new Error('mergeBatch: empty batch');
  if (reqs.length === 1) return first;
  const batch: BatchEntry[] = reqs.flatMap(
    (r) => r.batch ?? [{ prompt: r.prompt, negativePrompt: r.negativePrompt, seed: r.seed, count: r.count }],
  );
  return { ...first, count: batch.reduce((n, e) => n + e.count, 0), batch };
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
      const want = seedOf(r.seed, i);
      if (img.seed !== want) throw new Error(`batch image ${i} has seed ${img.seed}, expected ${want}`);
    });
    return images.map((img) => ({
      png: img.png,
      seed: img.seed,
      width: img.width,
      height: img.height,
      ...(img.display && { display: img.display }),
    }));
  });
}

/**
 * What to tell job `index` of a batch about its run: the request's info, with the job's own prompt token counts
 * (result.info's are the first job's) and without the per-entry list.
 */
export function infoForJob(
  reqs: readonly GenerateRequest[],
  result: GenerateResult,
  index: number,
): GenerateResult['info'] {
  const { batchTokens, ...info } = result.info;
  if (!batchTokens) return result.info;
  const entry = reqs.slice(0, index).reduce((n, r) => n + (r.batch?.length ?? 1), 0);
  const own = batchTokens[entry];
  return own ? { ...info, ...own } : info;
}
