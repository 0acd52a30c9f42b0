/**
 * From an interaction to an accepted job, the same way for /imagine, "Vary this image" and the buttons: the
 * decision, synchronously, with reads only and in this order: the request's shape against the member's limits, the
 * blocklist (stricter built-in words outside age-restricted channels), then ban, cooldown and quota, whose images
 * are held in this process's memory (quota.hold); the acknowledgement (a deferred reply), before the decision in a
 * crowd (startJob); then, off that path, the one write: the reservation and the job in one transaction (the queue's
 * submit with the hold), whose events edit the job's message (see delivery.ts). Every refusal is written to the usage
 * log with its reason and shown to the member privately; a write that fails after the acknowledgement is told to
 * the member privately too, and nothing is charged.
 */
import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { StoredFile } from '../db/image-files.ts';
import type { JobKind, NewJob } from '../db/jobs.ts';
import type { QuotaHold } from '../db/quota.ts';
import type { SubmitResult } from '../queue/queue.ts';
import { UserError, isUserError, newErrorId } from '../errors.ts';
import { log } from '../log.ts';
import { acknowledgementsInFlight, nextTurn } from '../process/turns.ts';
import { memberLang, publicLang, t, userError } from '../i18n/index.ts';
import { checkRequest } from '../limits/request.ts';
import type { EffectiveLimits } from '../limits/settings.ts';
import { blocklistFor, type Blocklist } from '../moderation/blocklist.ts';
import type { AppContext } from './context.ts';
import { installedModels } from './models.ts';
import { MODERATOR_PERMISSION } from './moderation.ts';
import { DEFAULT_ATTACHMENT_LIMIT, TOKEN_LIFETIME_MS } from './delivery.ts';
import type { JobRequest } from '../request/request.ts';
import type { ImagineDefaults } from '../request/prompt.ts';
import type { Aspect } from '../request/size.ts';
import type { ModelInfo } from '../diffusion/types.ts';

/** Who asks, and where. */
export interface Requester {
  userId: string;
  guildId: string | null;
  channelId: string | null;
  roleIds: string[];
  /** An age-restricted (NSFW) channel: the built-in blocklist does not apply there. */
  ageRestricted: boolean;
  /** May cancel and delete other people's jobs here: the same permission as the moderator commands and /queue remove. */
  moderator: boolean;
  /** The per-file upload limit where the answer goes. */
  attachmentSizeLimit: number;
}

export function requesterOf(interaction: RepliableInteraction): Requester {
  const member = interaction.member;
  let roleIds: string[] = [];
  if (member) roleIds = Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()];
  // The @everyone role has the guild's id; overrides never target it, so leave it out.
  roleIds = roleIds.filter((r) => r !== interaction.guildId);
  const channel = interaction.channel;
  const ageRestricted = !!channel && 'nsfw' in channel && channel.nsfw === true;
  const perms = interaction.memberPermissions;
  return {
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    roleIds,
    ageRestricted,
    moderator: !!perms && perms.has(MODERATOR_PERMISSION),
    attachmentSizeLimit: interaction.attachmentSizeLimit || DEFAULT_ATTACHMENT_LIMIT,
  };
}

/** What a command or button wants to run. */
export interface Proposal {
  kind: JobKind;
  /** The usage log's `kind`: the command or button ('imagine', 'vary-this-image', 'variation', ...). */
  usageKind: string;
  params: JobRequest;
  /** An uploaded picture will be attached (image-to-image from the member's own image). */
  hasUpload?: boolean | undefined;
  /** The installed model it runs on (models.ts chooseModel); absent: the bot's default. */
  model?: string | undefined;
}

export interface Admission {
  reservationId: number;
  limits: EffectiveLimits;
}

/** A decision with its quota held, not yet written (see holdAdmission). */
export interface HeldAdmission {
  hold: QuotaHold;
  limits: EffectiveLimits;
}

/** Logs a refusal with its reason (what the member was told). */
export function logRefusal(
  ctx: AppContext,
  who: Requester,
  proposal: Proposal | null,
  err: UserError,
  fallbackKind = 'imagine',
): void {
  const p = proposal?.params;
  ctx.stores.usage.log({
    userId: who.userId,
    guildId: who.guildId,
    channelId: who.channelId,
    kind: proposal?.usageKind ?? fallbackKind,
    prompt: p?.prompt ?? null,
    params: p ?? null,
    seed: p?.seed ?? null,
    model: proposal?.model ?? ctx.modelInfo()?.name ?? null,
    images: p?.count ?? 0,
    decision: 'refused',
    reasonCode: err.code,
    reason: err.message,
  });
}

/**
 * Decides, synchronously, and reserves the quota. A refusal is logged and thrown as a UserError (for a private
 * reply). The caller must either submit with the reservation or refund it.
 */
export function admit(ctx: AppContext, who: Requester, proposal: Proposal): Admission {
  try {
    const limits = decide(ctx, who, proposal);
    const reserved = ctx.stores.quota.reserve(quotaRequest(ctx, who, proposal));
    if (!reserved.ok) throw new UserError(reserved.message, reserved.limit, { localized: reserved.localized });
    return { reservationId: reserved.reservationId, limits };
  } catch (err) {
    if (isUserError(err)) logRefusal(ctx, who, proposal, err);
    throw err;
  }
}

/**
 * The same decision as admit(), with reads only: what it would charge is held in this process's memory (counted by
 * every later decision) instead of written, so it can run before the acknowledgement. Pass the hold to
 * submitAdmitted, which writes the reservation with the job; release it whatever happens (release is idempotent).
 */
export function holdAdmission(ctx: AppContext, who: Requester, proposal: Proposal): HeldAdmission {
  try {
    const limits = decide(ctx, who, proposal);
    const held = ctx.stores.quota.hold(quotaRequest(ctx, who, proposal));
    if (!held.ok) throw new UserError(held.message, held.limit, { localized: held.localized });
    return { hold: held.hold, limits };
  } catch (err) {
    if (isUserError(err)) logRefusal(ctx, who, proposal, err);
    throw err;
  }
}

/**
 * All or none, for every front end (Discord's startJobs, the playground's prompt bar): each proposal decided with its
 * quota held (holdAdmission), so that a refusal of any one refuses them all with nothing written and nothing held.
 * Write each with submitAdmitted and its hold, and release every hold whatever happens (release is idempotent).
 */
export function holdAll(ctx: AppContext, who: Requester, proposals: readonly Proposal[]): QuotaHold[] {
  const holds: QuotaHold[] = [];
  try {
    for (const p of proposals) holds.push(holdAdmission(ctx, who, p).hold);
  } catch (err) {
    for (const h of holds) h.release();
    throw err;
  }
  return holds;
}

function quotaRequest(ctx: AppContext, who: Requester, proposal: Proposal) {
  return {
    guildId: who.guildId,
    userId: who.userId,
    roleIds: who.roleIds,
    images: proposal.params.count,
    now: ctx.now(),
  };
}

/** Everything but the quota: DMs, the request's shape and the blocklist. Returns the limits in force. */
function decide(ctx: AppContext, who: Requester, proposal: Proposal): EffectiveLimits {
  const { stores, config } = ctx;
  if (who.guildId === null && !config.discord.allowDms) {
    throw userError('dm-off', 'job.dmOff');
  }
  const member = { guildId: who.guildId, userId: who.userId, roleIds: who.roleIds };
  const limits = stores.limits.resolve(member);
  const p = proposal.params;
  const shape = checkRequest(limits.values, {
    width: p.width,
    height: p.height,
    steps: p.steps,
    count: p.count,
    hasUpload: !!proposal.hasUpload,
  });
  if (!shape.ok) throw new UserError(shape.message, shape.limit, { localized: shape.localized });
  const blocklist = cachedBlocklist(
    stores.moderation.blocklist(who.guildId).map((e) => e.pattern),
    who.ageRestricted,
  );
  const hit = blocklist.match(p.prompt);
  if (hit) {
    const here = hit.source !== 'builtin';
    if (hit.pattern.startsWith('/'))
      throw userError('blocklist', here ? 'job.blockedPatternHere' : 'job.blockedPattern');
    throw userError('blocklist', here ? 'job.blockedWordHere' : 'job.blockedWord', { word: hit.pattern });
  }
  return limits;
}

/**
 * Compiled blocklists by content: compiling costs a few hundred microseconds (a regex per entry), reading the
 * entries is cheap, so a moderator's /blocklist change still applies to the very next request.
 */
const compiled = new Map<string, Blocklist>();
function cachedBlocklist(guildPatterns: string[], ageRestricted: boolean): Blocklist {
  const key = `${ageRestricted ? 1 : 0}\n${guildPatterns.join('\n')}`;
  let list = compiled.get(key);
  if (!list) {
    if (compiled.size >= 256) compiled.clear();
    list = blocklistFor({ guildPatterns, ageRestricted });
    compiled.set(key, list);
  }
  return list;
}

/**
 * What /imagine fills in for this requester when they leave it out, and the limits in force: the model's defaults,
 * the owner's (config), the member's /settings, and the sizes and counts their limits allow. Shared by every front
 * end (Discord, playground).
 */
export function imagineDefaults(
  ctx: AppContext,
  who: Requester,
  model: ModelInfo,
  imageAspect?: Aspect,
): { defaults: ImagineDefaults; limits: EffectiveLimits } {
  const effective = ctx.stores.limits.resolve({ guildId: who.guildId, userId: who.userId, roleIds: who.roleIds });
  const limits = effective.values;
  const settings = ctx.stores.settings.get(who.userId);
  const b = ctx.config.bounds;
  return {
    limits: effective,
    defaults: {
      sampleSize: model.sampleSize,
      steps: settings.steps ?? b.defaultSteps ?? model.defaultSteps,
      guidance: b.defaultGuidance ?? model.defaultGuidance,
      count: Math.min(b.defaultImages, limits.maxImagesPerRequest ?? b.defaultImages),
      aspect: settings.aspectRatio,
      imageAspect,
      maxWidth: limits.maxWidth ?? b.maxWidth,
      maxHeight: limits.maxHeight ?? b.maxHeight,
      maxPixels: limits.maxPixels,
    },
  };
}

/** Whether the images should be posted as spoilers: the server requires it or the member asked for it. */
export function wantsSpoiler(ctx: AppContext, who: Requester, limits?: EffectiveLimits): boolean {
  const l = limits ?? ctx.stores.limits.resolve({ guildId: who.guildId, userId: who.userId, roleIds: who.roleIds });
  return l.values.spoilerRequired || ctx.stores.settings.get(who.userId).spoiler;
}

/**
 * An admitted proposal into the queue, logged as accepted. Whatever refuses it (the queue is full, too many jobs of
 * this user) refunds the reservation, and the refusal is logged and thrown. With a `hold` instead of a reservation,
 * the reservation is written with the job in one transaction (and checked again there): a refusal or a failure
 * charges nothing. The caller releases the hold. Shared by every front end (Discord, playground).
 */
export function submitAdmitted(
  ctx: AppContext,
  who: Requester,
  proposal: Proposal,
  s: {
    reservationId?: number | undefined;
    hold?: QuotaHold | undefined;
    interaction?: NewJob['interaction'];
    initImage?: NewJob['initImage'];
    mask?: NewJob['mask'];
    /** The job's message, when already known (the deferred reply or the follow-up). */
    messageId?: string | undefined;
  },
): SubmitResult {
  const loaded = ctx.modelInfo();
  if (!loaded) {
    if (s.reservationId !== undefined) ctx.stores.quota.refund(s.reservationId);
    throw userError('model-loading', 'job.modelLoading');
  }
  const model = { name: proposal.model ?? inheritedModel(ctx, proposal.params) ?? loaded.name };
  let result: SubmitResult;
  try {
    result = ctx.queue.submit(
      {
        userId: who.userId,
        guildId: who.guildId,
        channelId: who.channelId,
        model: model.name,
        params: proposal.params,
        reservationId: s.reservationId,
        interaction: s.interaction,
        messageId: s.messageId,
        initImage: s.initImage,
        mask: s.mask,
      },
      { hold: s.hold },
    );
  } catch (err) {
    if (isUserError(err)) logRefusal(ctx, who, proposal, err);
    throw err;
  }
  ctx.stores.usage.log({
    userId: who.userId,
    guildId: who.guildId,
    channelId: who.channelId,
    kind: proposal.usageKind,
    prompt: proposal.params.prompt,
    params: proposal.params,
    seed: proposal.params.seed,
    model: model.name,
    images: proposal.params.count,
    decision: 'accepted',
    jobId: result.job.id,
  });
  return result;
}

/**
 * A job made from an earlier one (a variation, a reroll, an edit, a remix) runs on that job's model while it is still
 * installed, so that rerolling a picture paints it with the same model; else on the bot's default.
 */
function inheritedModel(ctx: AppContext, params: JobRequest): string | undefined {
  if (params.parentJobId === undefined) return undefined;
  const name = ctx.stores.jobs.get(params.parentJobId)?.model;
  return name !== undefined && installedModels(ctx).some((m) => m.name === name) ? name : undefined;
}

export interface StartOptions {
  /**
   * Work between the decision and the submission (downloading an upload for the decided request); a UserError
   * refuses.
   */
  prepare?: ((proposal: Proposal) => Promise<Uint8Array | undefined>) | undefined;
  /**
   * An init image and a mask already stored (an earlier job's, reused by a reroll): passed to the job by reference,
   * nothing read or written again. Pinned by the caller until startJob returns (jobs.holdInput).
   */
  initImage?: StoredFile | undefined;
  mask?: StoredFile | undefined;
}

/**
 * A refusal after a public deferral, kept private: the deferred "thinking…" message becomes a neutral note, the
 * reason goes to the member alone (an ephemeral follow-up), and the note is removed. (The first follow-up after a
 * deferral would replace the public message, reason and all, so it cannot carry the reason.)
 */
export async function refusePrivately(interaction: RepliableInteraction, refusal: UserError | string): Promise<void> {
  const message = typeof refusal === 'string' ? refusal : refusal.messageIn(interaction.locale);
  await interaction.editReply({
    content: t(publicLang(interaction), 'job.refusedPublicNote'),
    components: [],
    files: [],
  });
  await interaction.followUp({ content: message, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  await interaction.deleteReply().catch(() => undefined);
}

/**
 * A failure to write an accepted request after its acknowledgement (a database error): logged as a bug with an id,
 * told to the member politely as a UserError (nothing was charged: the reservation is written with the job).
 */
function notSaved(ctx: AppContext, who: Requester, proposal: Proposal, err: unknown): UserError {
  if (isUserError(err)) return err;
  const errorId = newErrorId();
  log.error('could not write an accepted request', { errorId, userId: who.userId, guildId: who.guildId, err });
  const refusal = userError('not-saved', 'job.notSaved', { errorId });
  try {
    logRefusal(ctx, who, proposal, refusal);
  } catch {
    // The database that just failed may fail again: the log line above has it.
  }
  return refusal;
}

/**
 * Other interactions waiting for their acknowledgement that make a crowd: from there on, a request is acknowledged
 * before it is decided (startJob). Below it, deciding first delays those behind by a few tenths of a millisecond
 * each, and two or three members asking at once keep the plain answer (one public message, or one private refusal).
 */
export const CROWD = 4;

/**
 * The whole flow for an interaction that makes a job, in one of two orders, both of which keep every refusal
 * private:
 * - **Decided first** (one request at a time): the decision (shape, blocklist, ban and quota, the quota held in
 *   memory) is synchronous reads well under a millisecond and no write, so a refusal is one private reply and an
 *   accepted request is acknowledged with a public deferral that becomes the job's message.
 * - **Acknowledged first**, privately: while other interactions wait for their acknowledgement (a CROWD), deciding
 *   first would make each of them wait for the decisions of those ahead of it, so the acknowledgement goes out at
 *   once, as a private deferral, and the decision follows on a later turn; a refusal replaces the private
 *   "thinking…", an accepted request gets its public message as a follow-up. A job from an upload always takes this
 *   order, since the upload can still be refused once downloaded and read.
 * Either way the write (reservation and job, one transaction) comes after the acknowledgement, and the job's
 * message id is known before it (with_response, or the follow-up), so delivery can always edit that very message,
 * with the bot token once the interaction token is refused or about to expire. `propose` may be a function, so that
 * building the request also waits when acknowledging first. Every refusal is logged. Returns the queue's answer, or
 * null when refused after the acknowledgement.
 */
export async function startJob(
  interaction: RepliableInteraction,
  ctx: AppContext,
  who: Requester,
  propose: Proposal | (() => Proposal),
  opts: StartOptions = {},
): Promise<SubmitResult | null> {
  if (!ctx.modelInfo()) throw userError('model-loading', 'job.modelLoading');
  const privateFirst = !!opts.prepare || acknowledgementsInFlight() - 1 >= CROWD;
  let decided = privateFirst ? undefined : decideJob(ctx, who, interaction, propose);
  let hold = decided?.hold;
  /** What this call stored (an upload), to release once the job's row refers to it. */
  let stored: StoredFile | undefined;
  /** The job's public message, once there is one. */
  let messageId: string | undefined;
  try {
    if (privateFirst) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    else messageId = (await interaction.deferReply({ withResponse: true })).interaction.responseMessageId ?? undefined;
    // Let interactions that arrived meanwhile get their acknowledgement out before this one's heavier work, and
    // take turns with the others acknowledged in the same burst: one decision and write per turn of the event loop.
    await nextTurn();
    try {
      decided ??= decideJob(ctx, who, interaction, propose);
      hold = decided.hold;
      const { proposal } = decided;
      try {
        const bytes = await opts.prepare?.(proposal);
        // Into the image files off the gateway thread (pinned until the job's row refers to it).
        stored = bytes && (await ctx.stores.jobs.storeInput(bytes));
      } catch (err) {
        if (isUserError(err)) logRefusal(ctx, who, proposal, err);
        throw err;
      }
      if (privateFirst) {
        await interaction.editReply({
          content: t(memberLang(interaction), opts.prepare ? 'job.uploadAccepted' : 'job.acceptedBelow'),
          allowedMentions: { parse: [] },
        });
        const message = await interaction.followUp({
          content: t(publicLang(interaction), 'job.starting'),
          allowedMentions: { parse: [] },
        });
        messageId = message.id;
        // The write takes its turn too: a crowd's follow-ups come back together, and their writes one by one.
        await nextTurn();
      }
      try {
        return submitAdmitted(ctx, who, proposal, {
          hold,
          interaction: {
            id: interaction.id,
            token: interaction.token,
            expiresAt: interaction.createdTimestamp + TOKEN_LIFETIME_MS,
          },
          initImage: stored ?? opts.initImage,
          mask: opts.mask,
          messageId,
        });
      } catch (err) {
        throw notSaved(ctx, who, proposal, err);
      }
    } catch (err) {
      hold?.release(); // decided: nothing to charge (before the reply, which the member may act on at once)
      throw afterAcknowledgement(err);
    }
  } catch (err) {
    if (!isUserError(err)) throw err;
    if (privateFirst && messageId === undefined) {
      // Still only the private acknowledgement: the reason replaces it, and nobody else saw anything.
      await interaction.editReply({ content: err.messageIn(interaction.locale), allowedMentions: { parse: [] } });
    } else {
      await refusePrivately(interaction, err);
    }
    return null;
  } finally {
    hold?.release(); // written with the job, or refused: either way no longer in memory
    if (stored) ctx.stores.jobs.release([stored]); // the job's row refers to it now, or there is no job
  }
}

/** The proposal made and decided, its quota held (holdAdmission): a refusal is logged and thrown. */
function decideJob(
  ctx: AppContext,
  who: Requester,
  interaction: RepliableInteraction,
  propose: Proposal | (() => Proposal),
): { proposal: Proposal; hold: QuotaHold } {
  const made = typeof propose === 'function' ? propose() : propose;
  // Everyone in the channel sees the job's messages: they speak the server's language, kept with the job.
  const proposal = { ...made, params: { ...made.params, locale: publicLang(interaction) } };
  return { proposal, hold: holdAdmission(ctx, who, proposal).hold };
}

/**
 * A bug once the member has been acknowledged: logged with an id, and told to the member privately like any
 * refusal (the router's answer to a bug would be the first follow-up, which replaces a public deferral).
 */
function afterAcknowledgement(err: unknown): unknown {
  if (isUserError(err)) return err;
  const errorId = newErrorId();
  log.error('bug while handling an interaction', { errorId, err });
  return userError('bug', 'router.bug', { errorId });
}

/**
 * Several jobs from one prompt (permutations, --repeat): every proposal is decided first, each with its quota held,
 * so a refusal (the quota, the jobs a member may have waiting) refuses them all and starts nothing. Then a private
 * acknowledgement; then the writes, off that path: each job with its reservation in one transaction, and its own
 * public message (a follow-up) that its events edit, as a single /imagine's would. The acknowledgement says how many
 * jobs and images it costs and what is left.
 */
export async function startJobs(
  interaction: RepliableInteraction,
  ctx: AppContext,
  who: Requester,
  proposals: Proposal[],
): Promise<SubmitResult[]> {
  const model = ctx.modelInfo();
  if (!model) throw userError('model-loading', 'job.modelLoading');
  const lang = publicLang(interaction);
  proposals = proposals.map((p) => ({ ...p, params: { ...p.params, locale: lang } }));
  const holds = holdAll(ctx, who, proposals);
  try {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await nextTurn();
    const images = proposals.reduce((n, p) => n + p.params.count, 0);
    const status = ctx.stores.quota.status(
      { guildId: who.guildId, userId: who.userId, roleIds: who.roleIds },
      ctx.now(),
    );
    // The holds count as used until their reservations are written below, one by one.
    const left = status.imagesLeft;
    const member = memberLang(interaction);
    await interaction
      .editReply({
        content: t(member, 'job.manyJobs', {
          jobs: proposals.length,
          images,
          left: left === null ? '' : t(member, 'job.manyJobsLeft', { n: left }),
        }),
        allowedMentions: { parse: [] },
      })
      .catch(() => undefined);
    const results: SubmitResult[] = [];
    for (const [i, proposal] of proposals.entries()) {
      let messageId: string | undefined;
      try {
        const message = await interaction.followUp({
          content: t(lang, 'job.starting'),
          allowedMentions: { parse: [] },
        });
        messageId = message.id;
        try {
          results.push(
            submitAdmitted(ctx, who, proposal, {
              hold: holds[i],
              interaction: {
                id: interaction.id,
                token: interaction.token,
                expiresAt: interaction.createdTimestamp + TOKEN_LIFETIME_MS,
              },
              messageId,
            }),
          );
        } catch (err) {
          throw notSaved(ctx, who, proposal, err);
        }
        holds[i]!.release();
      } catch (err) {
        for (const h of holds) h.release();
        if (messageId !== undefined) await interaction.deleteReply(messageId).catch(() => undefined);
        if (!isUserError(err)) throw err;
        await interaction.followUp({
          content: err.messageIn(interaction.locale),
          flags: MessageFlags.Ephemeral,
          allowedMentions: { parse: [] },
        });
        break;
      }
    }
    return results;
  } finally {
    for (const h of holds) h.release();
  }
}
