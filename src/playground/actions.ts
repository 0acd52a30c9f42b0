/**
 * What the playground page can ask for, on the same code paths as Discord: the /imagine grammar and validation
 * (resolveImagine), the same admission (limits, blocklist, ban, cooldown, quota with its reservation), the same queue
 * and job rows, the same button logic (the proposals in src/discord/buttons.ts). Only the rendering differs. The page
 * is one local user, "playground", in a server of its own ("playground"), so moderators' limits and the fair queue
 * treat it like any member; it may cancel and delete its own jobs.
 */
import sharp from 'sharp';
import type { StoredFile } from '../db/image-files.ts';
import type { Job, NewJob } from '../db/jobs.ts';
import { UserError } from '../errors.ts';
import {
  admit,
  holdAll,
  imagineDefaults,
  logRefusal,
  submitAdmitted,
  wantsSpoiler,
  type Proposal,
  type Requester,
} from '../discord/admission.ts';
import {
  imageFor,
  jobFor,
  recordUpscale,
  releaseInputs,
  rerollProposal,
  remakeProposal,
  upscaleProposal,
  variationProposal,
} from '../discord/buttons.ts';
import type { AppContext } from '../discord/context.ts';
import { decodeCustomId } from '../discord/custom-id.ts';
import { canvasEdits, editProposal, editRequest } from '../discord/edits.ts';
import { expandPrompt, ignoredNote, MAX_PROMPT_JOBS, parsePromptFlags, resolveImagine } from '../request/prompt.ts';
import { validateRequest, VARY_STRENGTH, type JobRequest } from '../request/request.ts';
import { aspectOf } from '../request/size.ts';
import { infoEmbed } from '../discord/replies.ts';
import { inspectUpload, prepareInitImage } from '../discord/uploads.ts';
import { isUserError } from '../errors.ts';
import { userError } from '../i18n/index.ts';
import type { ImageRef } from '../db/jobs.ts';

export const PLAYGROUND_USER_ID = 'playground';
/** The playground's own "server": limits set for it apply to the page only. */
export const PLAYGROUND_GUILD_ID = 'playground';

export const playgroundRequester: Readonly<Requester> = Object.freeze({
  userId: PLAYGROUND_USER_ID,
  guildId: PLAYGROUND_GUILD_ID,
  // No channel, message or interaction: Discord's delivery leaves these jobs to the page.
  channelId: null,
  roleIds: [],
  ageRestricted: false,
  moderator: true,
  attachmentSizeLimit: 25 * 1024 * 1024,
});

const who = playgroundRequester;

/** What the page shows when the model is not ready. */
function modelOf(ctx: AppContext) {
  const model = ctx.modelInfo();
  if (!model) throw new UserError('The image model is still loading. Please try again in a minute.', 'model-loading');
  return model;
}

export interface ImagineInput {
  /** What was typed in the prompt bar, flags and all. */
  text: string;
  /** A dropped picture to start from (any size; cropped to the job's). */
  image?: Uint8Array | undefined;
}

/**
 * The prompt bar: the /imagine grammar, the same checks and defaults, then admission and the queue. Permutations and
 * --repeat make several jobs (expandPrompt), admitted all or none as in Discord; the first is returned first.
 */
export async function imagine(ctx: AppContext, input: ImagineInput): Promise<Job[]> {
  let proposals: Proposal[];
  let header: { width: number; height: number } | undefined;
  try {
    const model = modelOf(ctx);
    if (input.image) {
      header = await inspectUpload(input.image);
      if (!model.supportsImg2Img)
        throw new UserError(`The loaded model (${model.name}) cannot start from a picture.`, 'no-img2img');
    }
    const { defaults, limits } = imagineDefaults(
      ctx,
      who,
      model,
      header ? aspectOf(header.width, header.height) : undefined,
    );
    proposals = expandPrompt(input.text, header ? 1 : MAX_PROMPT_JOBS).map((text): Proposal => {
      const { request } = resolveImagine({ prompt: text, strength: header ? VARY_STRENGTH : null }, defaults);
      if (!request.prompt)
        throw new UserError(
          'Describe what to paint first, e.g. "a red circle on the left on a blue background".',
          'bad-prompt',
        );
      const params: JobRequest = {
        ...request,
        ...(header && { kind: 'variation' as const, source: 'upload' as const }),
        spoiler: wantsSpoiler(ctx, who, limits),
      };
      return header
        ? { kind: 'variation', usageKind: 'vary-upload', params, hasUpload: true }
        : { kind: 'imagine', usageKind: 'imagine', params };
    });
  } catch (err) {
    if (isUserError(err)) logRefusal(ctx, who, null, err, 'imagine');
    throw err;
  }
  const first = proposals[0]!;
  const initImage = input.image
    ? await prepareInitImage(input.image, first.params.width, first.params.height)
    : undefined;
  if (proposals.length === 1) return [await withStored(ctx, initImage, (f) => start(ctx, first, f))];
  // All or none, as in Discord (holdAll): every decision first with its quota held, then the writes, each with its
  // reservation; a refusal of a later write keeps the jobs already started and charges nothing more.
  const holds = holdAll(ctx, who, proposals);
  const jobs: Job[] = [];
  try {
    for (const [i, p] of proposals.entries()) {
      try {
        jobs.push(submitAdmitted(ctx, who, p, { hold: holds[i] }).job);
      } catch (err) {
        if (jobs.length) break;
        throw err;
      }
      holds[i]!.release();
    }
  } finally {
    for (const h of holds) h.release();
  }
  return jobs;
}

/**
 * A picture or a mask for a new job, hashed and written off the calling thread (the playground shares the bot's,
 * which holds the Discord gateway) and pinned while `run` writes the job that refers to it. A file whose job is then
 * refused is swept later, as an unused one.
 */
async function withStored<T>(
  ctx: AppContext,
  png: Uint8Array | undefined,
  run: (file: StoredFile | undefined) => T,
): Promise<T> {
  const file = png && (await ctx.stores.jobs.storeInput(png));
  try {
    return run(file);
  } finally {
    if (file) ctx.stores.jobs.release([file]);
  }
}

/** Admission, then the queue; the reservation is refunded by whatever refuses. */
function start(ctx: AppContext, proposal: Proposal, initImage?: NewJob['initImage'], mask?: NewJob['mask']): Job {
  const { reservationId } = admit(ctx, who, proposal);
  return submitAdmitted(ctx, who, proposal, { reservationId, initImage, mask }).job;
}

export interface RegionInput {
  jobId: number;
  /** Which image of the job (0 for a single image). */
  index: number;
  /** The painted mask (PNG, any size: the pipeline scales it to the image; white = repaint, black = keep). */
  mask: Uint8Array;
  /** What goes in the painted region, in the /imagine grammar (--seed, --steps, --guidance, --no work). */
  text: string;
}

/**
 * A region edit from the brush: the pipeline's masked path on one stored image (an edit request of kind 'mask'), with
 * a new prompt. The same admission and queue as every other job; the mask is kept with the job.
 */
export async function regionEdit(ctx: AppContext, input: RegionInput): Promise<Job> {
  let proposal: Proposal;
  try {
    modelOf(ctx);
    await inspectUpload(input.mask);
    const { channels } = await sharp(input.mask).removeAlpha().greyscale().stats();
    if ((channels[0]?.max ?? 0) < 128)
      throw new UserError('Paint over the part of the picture to change first.', 'empty-mask');
    // The /imagine grammar: --no, --seed, --steps and --guidance apply to the edit; the size is the image's.
    const parsed = parsePromptFlags(input.text);
    if (!parsed.prompt) throw new UserError('Say what should be in the painted region.', 'bad-prompt');
    const f = parsed.flags;
    // The playground's own image, or one a link from Discord opened in the painter (any server's: paintSource).
    const { job: parent, image } = paintSource(ctx, input.jobId, input.index);
    const base: Proposal = {
      kind: 'edit',
      usageKind: 'region',
      params: editRequest(
        ctx,
        who,
        parent,
        image,
        { kind: 'mask', source: parent.userId === who.userId ? 'playground brush' : 'playground brush from Discord' },
        { prompt: parsed.prompt, ...(f.no !== undefined && { negativePrompt: f.no }) },
      ),
    };
    const note = ignoredNote(parsed.ignored);
    const params = validateRequest({
      ...base.params,
      ...(f.seed !== undefined && { seed: f.seed }),
      ...(f.steps !== undefined && { steps: f.steps }),
      ...(f.guidance !== undefined && { guidanceScale: f.guidance }),
      ...(note && { notes: [...(base.params.notes ?? []), note] }),
    });
    proposal = { ...base, params };
  } catch (err) {
    if (isUserError(err)) logRefusal(ctx, who, null, err, 'region');
    throw err;
  }
  return withStored(ctx, input.mask, (f) => start(ctx, proposal, undefined, f));
}

/**
 * The image the painter opens: a playground job's, or any server's that a Discord link (`#paint=12:0`,
 * src/playground/link.ts) names. The playground is its owner's (127.0.0.1 only, or behind PLAYGROUND_TOKEN), who can
 * read every stored image anyway; the edit made from it is the playground's own job, charged to the playground's
 * quota and shown on the page, with the Discord job as its parent. A deleted or unknown job is refused alike.
 */
export function paintSource(ctx: AppContext, jobId: number, index: number): { job: Job; image: ImageRef } {
  const job = ctx.stores.jobs.get(jobId);
  if (!job || job.deleted) throw userError('unknown-job', 'button.unknownJob', { job: jobId });
  return { job, image: imageFor(ctx, job, { index }) };
}

export type ButtonOutcome =
  | { type: 'job'; job: Job }
  | { type: 'info'; embed: ReturnType<typeof infoEmbed> }
  | { type: 'deleted'; jobId: number }
  | { type: 'cancelled'; jobId: number };

/**
 * A button under a job, named by the same custom_id the Discord button carries (`vary:12:2`): the page shows exactly
 * the buttons the bot would post, and each does what it does in Discord.
 */
export function pressButton(ctx: AppContext, customId: string): ButtonOutcome {
  const ref = decodeCustomId(customId);
  if (!ref) throw new UserError('That button is not one I know. Reload the page.', 'unknown-button');
  const owned = jobFor(ctx, who, ref);
  if (owned.userId !== who.userId) throw new UserError("That job is not one of the playground's.", 'not-owner');
  try {
    switch (ref.action) {
      case 'upscale': {
        const u = upscaleProposal(ctx, who, ref);
        const { reservationId } = admit(ctx, who, u.proposal);
        return { type: 'job', job: recordUpscale(ctx, who, u, reservationId) };
      }
      case 'vary':
      case 'subtle':
      case 'strong':
        return { type: 'job', job: start(ctx, variationProposal(ctx, who, ref, ref.action)) };
      case 'reroll':
      case 'remake': {
        const made = (ref.action === 'reroll' ? rerollProposal : remakeProposal)(ctx, who, ref);
        try {
          return { type: 'job', job: start(ctx, made.proposal, made.upload, made.mask) };
        } finally {
          releaseInputs(ctx, made);
        }
      }
      case 'info': {
        const seeds = ctx.stores.jobs.images(owned.id).map((i) => i.seed);
        return { type: 'info', embed: infoEmbed(owned, { seeds }) };
      }
      case 'cancel': {
        const result = ctx.queue.cancel(owned.id, who.userId, { moderator: true });
        if (!result.cancelled)
          throw new UserError('This job has already finished, so there is nothing to cancel.', 'not-running');
        return { type: 'cancelled', jobId: owned.id };
      }
      case 'delete':
        ctx.stores.jobs.markDeleted(owned.id);
        return { type: 'deleted', jobId: owned.id };
      case 'zoom2':
      case 'zoom15':
      case 'panleft':
      case 'panright':
      case 'panup':
      case 'pandown':
      case 'upsubtle':
      case 'upcreative': {
        const edit = canvasEdits[ref.action]!;
        const usage = edit.kind === 'pan' ? 'pan' : edit.kind === 'upscale' ? `upscale-${edit.mode}` : 'zoom-out';
        return { type: 'job', job: start(ctx, editProposal(ctx, who, ref, edit, usage)) };
      }
      case 'region':
        // The page opens its brush for this button and sends the painted mask to regionEdit instead.
        throw new UserError('Paint the region with the brush: press Vary (Region) on the page.', 'not-here');
      case 'runmany':
      case 'dropmany':
        // Discord's question before a prompt of several jobs; the page runs them at once (its jobs are listed).
        throw new UserError('That button is not one I know. Reload the page.', 'unknown-button');
    }
  } catch (err) {
    if (isUserError(err) && ['unknown-job', 'deleted-job', 'image-gone', 'not-done'].includes(err.code))
      logRefusal(ctx, who, null, err, ref.action);
    throw err;
  }
}

/** The playground's jobs, newest first (the page's history). */
export function history(ctx: AppContext, opts: { limit?: number; beforeId?: number } = {}): Job[] {
  return ctx.stores.jobs.listForUser(who.userId, opts).filter((j) => !j.deleted);
}

/** A job of the playground's, or a UserError. */
export function playgroundJob(ctx: AppContext, jobId: number): Job {
  const job = jobFor(ctx, who, { jobId });
  if (job.userId !== who.userId) throw new UserError(`Job #${jobId} is not one of the playground's.`, 'not-owner');
  return job;
}

/**
 * The configured quota for the playground user (PLAYGROUND_IMAGES_PER_DAY, unlimited by default), written as the
 * playground server's own limit so that /limits and the quota store see one truth. Written only when it changed.
 */
export function applyPlaygroundQuota(ctx: AppContext): void {
  const want = ctx.config.playground.imagesPerDay;
  const current = ctx.stores.limits
    .list({ guildId: who.guildId, scope: 'user', targetId: who.userId })
    .find((o) => o.key === 'userImagesPerDay');
  if (current && current.value === want) return;
  ctx.stores.limits.set({
    guildId: who.guildId,
    scope: 'user',
    targetId: who.userId,
    key: 'userImagesPerDay',
    value: want,
    moderatorId: 'config',
  });
}
