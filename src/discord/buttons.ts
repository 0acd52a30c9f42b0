/**
 * What each button under a result does. The custom_id carries only the action, the job id and an image index;
 * everything else is read from SQLite, so the buttons under any old message still work after a restart.
 *
 *   U1-U4      post that image on its own, full size (a child job, done at once from the stored image)
 *   V1-V4      variations of that image: image-to-image from it, new seeds (a child job through the queue)
 *   reroll     the same request with new seeds
 *   subtle     on a single image: a close variation (strength 0.35); strong: a freer one (0.7)
 *   delete     the requester or a moderator removes the result (message and stored images)
 *   info       the full parameters, to the clicker only
 *   cancel     the requester or a moderator stops a queued or running job
 *   (Vary (Region), Zoom Out and Pan under a single image: edits.ts)
 *
 * Every child job is charged to the person who clicked, and refused (privately) the same way as /imagine.
 */
import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { StoredFile } from '../db/image-files.ts';
import type { ImageRef, Job, JobImage, NewJob } from '../db/jobs.ts';
import { seedOf } from '../diffusion/types.ts';
import { isUserError, type UserError } from '../errors.ts';
import {
  admit,
  logRefusal,
  refusePrivately,
  requesterOf,
  startJob,
  wantsSpoiler,
  type Proposal,
  type Requester,
} from './admission.ts';
import type { AppContext } from './context.ts';
import type { ButtonAction, ButtonRef } from './custom-id.ts';
import { requireJobHere } from './job-access.ts';
import { renderResult, resultOptions, toEditOptions, TOKEN_LIFETIME_MS } from './delivery.ts';
import { randomSeed } from '../request/prompt.ts';
import {
  STRONG_STRENGTH,
  SUBTLE_STRENGTH,
  VARY_STRENGTH,
  stepsForStrength,
  validateRequest,
  type JobRequest,
  type RequestFields,
  type RequestKind,
} from '../request/request.ts';
import { memberLang, t, userError } from '../i18n/index.ts';
import { expiredView, infoEmbed } from './replies.ts';
import type { ButtonHandler } from './router.ts';

/** The job a button names, if it belongs where the button was pressed (the requester's place); else a private explanation. */
export function jobFor(ctx: AppContext, who: Requester, ref: Pick<ButtonRef, 'jobId'>): Job {
  return requireJobHere(ctx, { guildId: who.guildId, channelId: who.channelId, user: { id: who.userId } }, ref.jobId);
}

/**
 * A finished job's image at the button's index: its reference (size, seed, file hash), from SQLite alone; the bytes,
 * where a button needs them (U), are read off the gateway thread with imageBytes().
 */
export function imageFor(ctx: AppContext, job: Job, ref: Pick<ButtonRef, 'index'>): ImageRef {
  if (job.state !== 'done') {
    const pending = job.state === 'queued' || job.state === 'running';
    throw userError(
      'not-done',
      pending ? 'button.notDone' : job.state === 'failed' ? 'button.failedJob' : 'button.cancelledJob',
    );
  }
  const index = ref.index ?? 0;
  const image = ctx.stores.jobs.imageRef(job.id, index);
  if (!image) throw imageGone(job, index);
  return image;
}

/** The bytes of an image imageFor() found, read off the gateway thread; its file lost reads as expired. */
export async function imageBytes(ctx: AppContext, job: Job, image: ImageRef): Promise<JobImage> {
  const png = await ctx.stores.jobs.readImage(image);
  if (!png) throw imageGone(job, image.idx);
  return { ...image, png };
}

/** Expired (or its file lost): the pipeline is deterministic, so the same prompt, settings and seed make it again. */
function imageGone(job: Job, index: number): UserError {
  return userError('image-gone', 'button.imageGone', {
    index: index + 1,
    job: job.id,
    seed: seedOf(job.params.seed, index),
  });
}

/** The parent's request, ready to adapt for a child job that the clicker will own. */
export function childParams(
  ctx: AppContext,
  who: Requester,
  parent: Job,
  over: Partial<RequestFields> & { kind: RequestKind },
): JobRequest {
  const p = parent.params;
  const params: RequestFields & { kind: RequestKind } = {
    prompt: p.prompt,
    negativePrompt: p.negativePrompt,
    width: p.width,
    height: p.height,
    steps: p.steps,
    guidanceScale: p.guidanceScale,
    seed: randomSeed(),
    count: p.count,
    scheduler: p.scheduler,
    // --chaos goes along (a reroll spreads its grid alike; Make it again paints the same pictures).
    chaos: p.chaos,
    aspect: p.aspect,
    attachmentSizeLimit: who.attachmentSizeLimit,
    spoiler: wantsSpoiler(ctx, who) || !!p.spoiler,
    locale: p.locale,
    ...over,
  };
  for (const k of Object.keys(params) as (keyof typeof params)[]) if (params[k] === undefined) delete params[k];
  params.steps = stepsForStrength(params.steps, params.strength);
  return validateRequest(params as JobRequest);
}

function defaultCount(ctx: AppContext): number {
  return ctx.config.bounds.defaultImages;
}
function sameCount(ctx: AppContext, parent: Job): number {
  return parent.kind === 'upscale' ? ctx.config.bounds.defaultImages : parent.params.count;
}

/** What each variation button asks for: V (as many images as the grid), Vary (Subtle) and Vary (Strong). */
export const variationButtons = {
  vary: { strength: VARY_STRENGTH, usageKind: 'variation', count: sameCount },
  subtle: { strength: SUBTLE_STRENGTH, usageKind: 'vary-subtle', count: defaultCount },
  strong: { strength: STRONG_STRENGTH, usageKind: 'vary-strong', count: defaultCount },
} as const;

/** Variations of image `index`: image-to-image from it with new seeds. Shared with the playground. */
export function variationProposal(
  ctx: AppContext,
  who: Requester,
  ref: ButtonRef,
  kind: keyof typeof variationButtons,
): Proposal {
  const { strength, usageKind, count } = variationButtons[kind];
  const parent = jobFor(ctx, who, ref);
  const image = imageFor(ctx, parent, ref);
  const params = childParams(ctx, who, parent, {
    kind: 'variation',
    width: image.width,
    height: image.height,
    count: count(ctx, parent),
    strength,
    parentJobId: parent.id,
    sourceIndex: image.idx,
  });
  return { kind: 'variation', usageKind, params };
}

function variation(kind: keyof typeof variationButtons): ButtonHandler {
  return async (interaction, ref, ctx) => {
    const who = requesterOf(interaction);
    await startJob(interaction, ctx, who, variationProposal(ctx, who, ref, kind));
  };
}

/** U: that image alone at full size, as a child job the clicker owns. Shared with the playground. */
export function upscaleProposal(
  ctx: AppContext,
  who: Requester,
  ref: ButtonRef,
): { proposal: Proposal; parent: Job; image: ImageRef } {
  const parent = jobFor(ctx, who, ref);
  const image = imageFor(ctx, parent, ref);
  const params = childParams(ctx, who, parent, {
    kind: 'upscale',
    width: image.width,
    height: image.height,
    seed: image.seed,
    count: 1,
    strength: undefined,
    parentJobId: parent.id,
    sourceIndex: image.idx,
  });
  return { proposal: { kind: 'upscale', usageKind: 'upscale', params }, parent, image };
}

/**
 * Nothing to compute for U, so its admitted child job is created, started and finished in one transaction from the
 * stored image: the queue never sees it, and a crash leaves nothing half-done. It is free (a crop of a picture
 * already paid for): admission still applies bans and the blocklist, and the reservation is given back at once.
 */
export function recordUpscale(
  ctx: AppContext,
  who: Requester,
  u: ReturnType<typeof upscaleProposal>,
  reservationId: number,
  interaction?: NewJob['interaction'],
): Job {
  const { jobs, usage, database } = ctx.stores;
  const { params } = u.proposal;
  const image = u.image;
  return database.sqlite.transaction(() => {
    const created = jobs.create({
      userId: who.userId,
      guildId: who.guildId,
      channelId: who.channelId,
      model: u.parent.model, // a crop of the parent's picture: its model made it
      params,
      reservationId,
      interaction,
    });
    usage.log({
      userId: who.userId,
      guildId: who.guildId,
      channelId: who.channelId,
      kind: 'upscale',
      prompt: params.prompt,
      params,
      seed: params.seed,
      model: created.model,
      images: 0,
      decision: 'accepted',
      jobId: created.id,
    });
    jobs.markRunning(created.id);
    // The stored file itself, by reference: no copy, no second hash.
    jobs.markDone(created.id, [
      { sha256: image.sha256, bytes: image.bytes, seed: image.seed, width: image.width, height: image.height },
    ]);
    ctx.stores.quota.refund(reservationId);
    return jobs.get(created.id)!;
  })();
}

const upscale: ButtonHandler = async (interaction, ref, ctx) => {
  const who = requesterOf(interaction);
  const u = upscaleProposal(ctx, who, ref);
  const reading = imageBytes(ctx, u.parent, u.image);
  reading.catch(() => undefined); // awaited below, after the acknowledgement
  await interaction.deferReply();
  let reservationId: number;
  let image: JobImage;
  try {
    image = await reading;
    reservationId = admit(ctx, who, u.proposal).reservationId;
  } catch (err) {
    if (!isUserError(err)) throw err;
    await refusePrivately(interaction, err);
    return;
  }
  const job = recordUpscale(ctx, who, u, reservationId, {
    id: interaction.id,
    token: interaction.token,
    expiresAt: interaction.createdTimestamp + TOKEN_LIFETIME_MS,
  });
  const view = await renderResult(job, [image], resultOptions(ctx.config));
  const message = await interaction.editReply(toEditOptions(view));
  ctx.stores.jobs.setMessage(job.id, message.id, message.channelId);
};

/** A new job's inputs taken from its parent's (no bytes: the stored files, pinned until released). */
export interface HeldInputs {
  upload?: StoredFile | undefined;
  mask?: StoredFile | undefined;
}

/** Unpins what a proposal held (once the job is written, or refused). */
export function releaseInputs(ctx: AppContext, held: HeldInputs): void {
  ctx.stores.jobs.release([held.upload, held.mask].filter((f): f is StoredFile => !!f));
}

/**
 * Reroll: the same request, new seeds. A variation is rerolled as another variation of the same source image; a job
 * from the member's own picture keeps it (`upload`); an edit is made again (with its painted `mask`). The upload
 * and mask are the parent's stored files, held (pinned) for the new job, never read here: release them with
 * releaseInputs. Shared with the playground.
 */
export function rerollProposal(ctx: AppContext, who: Requester, ref: ButtonRef): { proposal: Proposal } & HeldInputs {
  const parent = jobFor(ctx, who, ref);
  const p = parent.params;
  const hasUpload = ctx.stores.jobs.hasInitImage(parent.id);
  // Held last, once nothing can throw: the caller releases what is returned.
  const held = (mask: boolean): HeldInputs => ({
    upload: hasUpload ? ctx.stores.jobs.holdInput(parent.id, 'init') : undefined,
    mask: mask ? ctx.stores.jobs.holdInput(parent.id, 'mask') : undefined,
  });
  if (p.kind === 'edit') {
    // The same edit of the same source again (a painted mask goes along), with new seeds.
    const base = childParams(ctx, who, parent, {
      kind: 'variation',
      strength: p.strength,
      parentJobId: p.parentJobId,
      sourceIndex: p.sourceIndex,
    });
    const params = validateRequest({ ...base, kind: 'edit', edit: p.edit });
    return {
      proposal: { kind: 'edit', usageKind: 'reroll', params, hasUpload },
      ...held(p.edit.kind === 'mask'),
    };
  }
  if (hasUpload) {
    const params = childParams(ctx, who, parent, { kind: 'reroll', strength: p.strength, parentJobId: parent.id });
    return { proposal: { kind: 'reroll', usageKind: 'reroll', params, hasUpload: true }, ...held(false) };
  }
  if (
    parent.kind === 'variation' &&
    p.strength !== undefined &&
    p.parentJobId !== undefined &&
    p.sourceIndex !== undefined
  ) {
    const params = childParams(ctx, who, parent, {
      kind: 'variation',
      strength: p.strength,
      parentJobId: p.parentJobId,
      sourceIndex: p.sourceIndex,
    });
    return { proposal: { kind: 'variation', usageKind: 'reroll', params } };
  }
  const params = childParams(ctx, who, parent, {
    kind: 'reroll',
    count: sameCount(ctx, parent),
    strength: undefined,
    parentJobId: parent.id,
    sourceIndex: undefined,
  });
  return { proposal: { kind: 'reroll', usageKind: 'reroll', params } };
}

/** Starts a proposal that reuses its parent's stored inputs, and releases them whatever happens. */
export async function startWithInputs(
  interaction: RepliableInteraction,
  ctx: AppContext,
  who: Requester,
  made: { proposal: Proposal } & HeldInputs,
): Promise<void> {
  try {
    await startJob(interaction, ctx, who, made.proposal, { initImage: made.upload, mask: made.mask });
  } finally {
    releaseInputs(ctx, made);
  }
}

const reroll: ButtonHandler = async (interaction, ref, ctx) => {
  const who = requesterOf(interaction);
  await startWithInputs(interaction, ctx, who, rerollProposal(ctx, who, ref));
};

/**
 * Make it again (offered when an image has expired): the same request with the same seed, so the same pictures, as a
 * new job charged to the clicker. Only for a job that needs no earlier image (a variation or an edit would need its
 * source, which may have expired too); a picture the member uploaded is kept with the job, so that one works.
 */
export function canRemake(ctx: AppContext, job: Job): boolean {
  return (
    job.kind === 'imagine' || job.kind === 'reroll' || job.kind === 'upscale' || ctx.stores.jobs.hasInitImage(job.id)
  );
}

/**
 * A variation or an edit whose image expired was made from an earlier image, which expired before it: it cannot be
 * made again exactly. The nearest job up its chain that can be (an /imagine, a reroll, an upload still kept) is what
 * the member can make again, then vary or edit anew. Undefined when there is none (deleted, or its upload expired).
 */
export function remakeOrigin(ctx: AppContext, job: Job): Job | undefined {
  let current = job;
  for (let depth = 0; depth < 32; depth++) {
    const parentId = current.params.parentJobId;
    const parent = parentId === undefined ? undefined : ctx.stores.jobs.get(parentId);
    if (!parent || parent.deleted) return undefined;
    if (canRemake(ctx, parent)) return parent;
    current = parent;
  }
  return undefined;
}

/** The job made again: its request with its own seed (its upload held as in rerollProposal). Shared with the playground. */
export function remakeProposal(ctx: AppContext, who: Requester, ref: ButtonRef): { proposal: Proposal } & HeldInputs {
  const parent = jobFor(ctx, who, ref);
  const p = parent.params;
  if (!canRemake(ctx, parent))
    throw userError('image-gone', 'button.imageGone', { index: 1, job: parent.id, seed: p.seed });
  const hasUpload = ctx.stores.jobs.hasInitImage(parent.id);
  const params = childParams(ctx, who, parent, {
    kind: 'reroll',
    seed: p.seed,
    count: p.count,
    strength: hasUpload ? p.strength : undefined,
    parentJobId: parent.id,
    sourceIndex: undefined,
  });
  if (hasUpload)
    return {
      proposal: { kind: 'reroll', usageKind: 'remake', params, hasUpload: true },
      upload: ctx.stores.jobs.holdInput(parent.id, 'init'),
    };
  return { proposal: { kind: 'reroll', usageKind: 'remake', params } };
}

const remake: ButtonHandler = async (interaction, ref, ctx) => {
  const who = requesterOf(interaction);
  await startWithInputs(interaction, ctx, who, remakeProposal(ctx, who, ref));
};

/** Delete: only the requester or a moderator; the message goes and so do the stored images. */
const remove: ButtonHandler = async (interaction, ref, ctx) => {
  const who = requesterOf(interaction);
  const job = jobFor(ctx, who, ref);
  if (job.userId !== who.userId && !who.moderator) {
    throw userError('not-owner', 'button.notOwnerDelete');
  }
  await interaction.deferUpdate();
  await interaction.deleteReply();
  ctx.stores.jobs.markDeleted(job.id);
};

/** Info: everything about the job, shown to the clicker only. */
const info: ButtonHandler = async (interaction, ref, ctx) => {
  const job = jobFor(ctx, requesterOf(interaction), ref);
  const seeds = ctx.stores.jobs.images(job.id).map((i) => i.seed);
  await interaction.reply({
    embeds: [infoEmbed(job, { seeds, lang: memberLang(interaction) })],
    flags: MessageFlags.Ephemeral,
  });
};

/** Cancel: the requester or a moderator; the job's message then says it was cancelled. */
const cancel: ButtonHandler = async (interaction, ref, ctx) => {
  const who = requesterOf(interaction);
  const job = jobFor(ctx, who, ref);
  const result = ctx.queue.cancel(job.id, who.userId, { moderator: who.moderator });
  if (!result.cancelled) {
    const state = result.job?.state;
    throw userError(
      'not-running',
      state === 'done'
        ? 'button.alreadyFinished'
        : state === 'cancelled'
          ? 'button.alreadyCancelled'
          : state === 'failed'
            ? 'button.alreadyFailed'
            : 'button.alreadyGone',
    );
  }
  await interaction.deferUpdate();
};

/** A refusal from a handler above is logged like /imagine's (with the button as its kind). */
export function logged(kind: string, handler: ButtonHandler): ButtonHandler {
  return async (interaction, ref, ctx) => {
    try {
      await handler(interaction, ref, ctx);
    } catch (err) {
      // admit() logs its own refusals; log the ones found before it (unknown job, image gone, not done).
      if (isUserError(err) && ['unknown-job', 'deleted-job', 'image-gone', 'not-done'].includes(err.code)) {
        logRefusal(ctx, requesterOf(interaction), null, err, kind);
      }
      // An expired image: say so privately, with a button that makes the job again.
      if (isUserError(err) && err.code === 'image-gone' && !interaction.replied && !interaction.deferred) {
        const job = ctx.stores.jobs.get(ref.jobId);
        const lang = memberLang(interaction);
        const remakeable = job !== undefined && canRemake(ctx, job);
        const origin = job && !remakeable ? remakeOrigin(ctx, job) : undefined;
        const view = origin
          ? expiredView(
              t(lang, 'button.imageGoneDerived', { index: (ref.index ?? 0) + 1, job: ref.jobId, origin: origin.id }),
              lang,
              { jobId: origin.id, origin: true },
            )
          : expiredView(
              err.messageIn(interaction.locale),
              lang,
              job && remakeable ? { jobId: job.id, origin: false } : undefined,
            );
        await interaction.reply({ content: view.content, components: view.components, flags: MessageFlags.Ephemeral });
        return;
      }
      throw err;
    }
  };
}

/** The result buttons; the edit buttons (Vary (Region), Zoom Out, Pan) are in edits.ts. */
export const buttonHandlers: Partial<Record<ButtonAction, ButtonHandler>> = {
  upscale: logged('upscale', upscale),
  vary: logged('variation', variation('vary')),
  reroll: logged('reroll', reroll),
  subtle: logged('variation', variation('subtle')),
  strong: logged('variation', variation('strong')),
  remake: logged('remake', remake),
  delete: remove,
  info,
  cancel,
};
