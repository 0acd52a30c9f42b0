/**
 * "Vary this image" (Apps menu on a message): variations of the first picture attached to any message, a member's
 * own upload as much as an earlier result. The picture is checked before it is downloaded (type, bytes,
 * dimensions) and again from its header before it is decoded; the prompt comes from the Atelier job the message
 * belongs to, else from the message's text.
 */
import {
  ApplicationCommandType, ApplicationIntegrationType, ContextMenuCommandBuilder, InteractionContextType, type Message,
} from 'discord.js';
import { isUserError } from '../src/errors.ts';
import { logRefusal, requesterOf, startJob, wantsSpoiler, type Proposal } from '../src/discord/admission.ts';
import { commandName } from '../src/i18n/commands.ts';
import { userError } from '../src/i18n/index.ts';
import type { Phrase } from '../src/i18n/types.ts';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import { decodeCustomId } from '../src/discord/custom-id.ts';
import { jobHere } from '../src/discord/job-access.ts';
import { randomSeed } from '../src/request/prompt.ts';
import {
  MAX_PROMPT_CHARS, MESSAGE_VARY_STRENGTH, stepsForStrength, validateRequest, type JobRequest,
} from '../src/request/request.ts';
import { aspectOf, sizeForAspect } from '../src/request/size.ts';
import { attachmentInfo, checkAttachment, downloadPolicy, fetchInitImage, isImageAttachment } from '../src/discord/uploads.ts';

export const data = new ContextMenuCommandBuilder()
  .setName('Vary this image')
  .setType(ApplicationCommandType.Message)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

/** The prompt of the Atelier job behind a result message (its buttons name the job), else the message's own text. */
function promptFor(ctx: AppContext, interaction: CommandInteraction, message: Message): { prompt: string; negativePrompt?: string | undefined } {
  // Only this bot's own messages name its jobs: another bot's button `info:<id>` must not pull a prompt out.
  const ours = message.author.id === interaction.client.user.id;
  for (const row of ours ? message.components : []) {
    if (!('components' in row)) continue;
    for (const c of row.components) {
      const id = 'customId' in c && typeof c.customId === 'string' ? c.customId : null;
      const ref = id ? decodeCustomId(id) : null;
      const job = ref ? jobHere(ctx, interaction, ref.jobId) : undefined;
      if (job) return { prompt: job.params.prompt, negativePrompt: job.params.negativePrompt };
    }
  }
  const text = message.content
    .replace(/<[@#][!&]?\d+>|<a?:\w+:\d+>|<t:\d+(?::\w)?>/g, ' ') // mentions, emojis, timestamps
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[*_~`|>#-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { prompt: text.slice(0, MAX_PROMPT_CHARS) };
}

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isMessageContextMenuCommand()) return;
  const who = requesterOf(interaction);
  const message = interaction.targetMessage;
  let proposal: Proposal;
  const attachment = [...message.attachments.values()].find((a) => isImageAttachment({ name: a.name, contentType: a.contentType }));
  try {
    const model = ctx.modelInfo();
    if (!model) throw userError('model-loading', 'job.modelLoading');
    if (!attachment) {
      const other = message.attachments.first();
      // The command as the member's client names it ("Varia questa immagine").
      const command: Phrase = (lang) => commandName(lang, 'Vary this image');
      throw other ? userError('no-image', 'vary.notPicture', { file: other.name, command }) : userError('no-image', 'vary.noPicture', { command });
    }
    checkAttachment(attachmentInfo(attachment));
    if (!model.supportsImg2Img) throw userError('no-img2img', 'vary.noImg2img', { model: model.name });
    const effective = ctx.stores.limits.resolve({ guildId: who.guildId, userId: who.userId, roleIds: who.roleIds });
    const limits = effective.values;
    const b = ctx.config.bounds;
    const aspect = attachment.width && attachment.height ? aspectOf(attachment.width, attachment.height) : { w: 1, h: 1 };
    const size = sizeForAspect(aspect, {
      sampleSize: model.sampleSize,
      maxWidth: limits.maxWidth ?? b.maxWidth,
      maxHeight: limits.maxHeight ?? b.maxHeight,
      maxPixels: limits.maxPixels,
    });
    const settings = ctx.stores.settings.get(who.userId);
    const { prompt, negativePrompt } = promptFor(ctx, interaction, message);
    const params: JobRequest = validateRequest({
      kind: 'variation',
      prompt,
      ...(negativePrompt && { negativePrompt }),
      ...size,
      steps: stepsForStrength(settings.steps ?? b.defaultSteps ?? model.defaultSteps, MESSAGE_VARY_STRENGTH),
      guidanceScale: b.defaultGuidance ?? model.defaultGuidance,
      seed: randomSeed(),
      count: Math.min(b.defaultImages, limits.maxImagesPerRequest ?? b.defaultImages),
      strength: MESSAGE_VARY_STRENGTH,
      aspect: `${aspect.w}:${aspect.h}`,
      spoiler: wantsSpoiler(ctx, who, effective) || attachment.spoiler,
      attachmentSizeLimit: who.attachmentSizeLimit,
      source: 'message',
    });
    proposal = { kind: 'variation', usageKind: 'vary-this-image', params, hasUpload: true };
  } catch (err) {
    if (isUserError(err)) logRefusal(ctx, who, null, err, 'vary-this-image');
    throw err;
  }
  const info = attachmentInfo(attachment);
  const { width, height } = proposal.params;
  await startJob(interaction, ctx, who, proposal, { prepare: () => fetchInitImage(info, width, height, downloadPolicy(ctx.config)) });
}
