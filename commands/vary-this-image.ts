/**
 * "Vary this image" (Apps menu on a message): variations of the first picture attached to any message, a member's
 * own upload as much as an earlier result. A context menu takes no options, so it opens a form: the prompt, prefilled
 * from the job behind one of this bot's results, else the picture's own PNG `parameters`, else the message's text
 * (mentions and markdown removed), else empty (allowed: a plain variation, run unconditioned with guidance off, as
 * diffusers does for an empty prompt); and a strength. The picture is checked before the form opens (type, bytes,
 * dimensions) and again from its header once downloaded; the job is acknowledged privately until it has been.
 */
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  LabelBuilder,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Attachment,
  type Message,
  type ModalSubmitInteraction,
} from 'discord.js';
import { isUserError } from '../src/errors.ts';
import {
  logRefusal,
  requesterOf,
  startJob,
  wantsSpoiler,
  type Proposal,
  type Requester,
} from '../src/discord/admission.ts';
import { commandName } from '../src/i18n/commands.ts';
import { userError } from '../src/i18n/index.ts';
import type { Phrase } from '../src/i18n/types.ts';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import { decodeCustomId } from '../src/discord/custom-id.ts';
import { jobHere, type InteractionPlace } from '../src/discord/job-access.ts';
import { namesFrom, plainText, type MentionNames } from '../src/discord/mentions.ts';
import { readPngParameters } from '../src/diffusion/png.ts';
import { randomSeed } from '../src/request/prompt.ts';
import {
  MAX_PROMPT_CHARS,
  MESSAGE_VARY_STRENGTH,
  stepsForStrength,
  validateRequest,
  type JobRequest,
} from '../src/request/request.ts';
import { aspectOf, sizeForAspect } from '../src/request/size.ts';
import {
  attachmentInfo,
  checkAttachment,
  defaultUploadLimits,
  downloadAttachment,
  downloadPolicy,
  fetchInitImage,
  isImageAttachment,
} from '../src/discord/uploads.ts';

/** The form's custom_id: `Vary this image|<message id>` (the router hands it to `submit` below). */
export const MODAL_PREFIX = 'Vary this image|';
/** The strengths offered in the form: how far the variation may move away from the picture. */
export const STRENGTHS = [
  { value: '0.35', label: 'Subtle: keep it close' },
  { value: String(MESSAGE_VARY_STRENGTH), label: 'Medium' },
  { value: '0.75', label: 'Strong: a freer take' },
] as const;
/** How long the form may wait for a PNG's own parameters (Discord wants an answer within 3 s). */
const PREFILL_DOWNLOAD_MS = 1200;

export const data = new ContextMenuCommandBuilder()
  .setName('Vary this image')
  .setType(ApplicationCommandType.Message)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

/** The first picture on a message. */
function pictureOf(message: Message): Attachment | undefined {
  return [...message.attachments.values()].find((a) => isImageAttachment({ name: a.name, contentType: a.contentType }));
}

/** Everything that can refuse before the form opens (or again when it is submitted). */
function checkTarget(ctx: AppContext, message: Message): Attachment {
  const model = ctx.modelInfo();
  if (!model) throw userError('model-loading', 'job.modelLoading');
  const attachment = pictureOf(message);
  if (!attachment) {
    const other = message.attachments.first();
    // The command as the member's client names it ("Varia questa immagine").
    const command: Phrase = (lang) => commandName(lang, 'Vary this image');
    throw other
      ? userError('no-image', 'vary.notPicture', { file: other.name, command })
      : userError('no-image', 'vary.noPicture', { command });
  }
  checkAttachment(attachmentInfo(attachment));
  if (!model.supportsImg2Img) throw userError('no-img2img', 'vary.noImg2img', { model: model.name });
  return attachment;
}

/** The prompt of the Atelier job behind one of this bot's result messages (its buttons name the job). */
function jobPrompt(ctx: AppContext, place: InteractionPlace, botId: string, message: Message): string | undefined {
  // Only this bot's own messages name its jobs: another bot's button `info:<id>` must not pull a prompt out.
  if (message.author.id !== botId) return undefined;
  for (const row of message.components) {
    if (!('components' in row)) continue;
    for (const c of row.components) {
      const id = 'customId' in c && typeof c.customId === 'string' ? c.customId : null;
      const ref = id ? decodeCustomId(id) : null;
      const job = ref ? jobHere(ctx, place, ref.jobId) : undefined;
      if (job) return job.params.prompt;
    }
  }
  return undefined;
}

/** The prompt part of A1111-style `parameters` ("prompt\nNegative prompt: ...\nSteps: ..."). */
export function promptOfParameters(parameters: string): string {
  const lines = parameters.split('\n');
  const end = lines.findIndex((l) => /^(Negative prompt:|Steps: )/.test(l));
  return (end < 0 ? lines : lines.slice(0, end)).join('\n').trim();
}

/** A message's text as a prompt: mentions as names, links, markdown and emojis removed. */
export function promptOfText(content: string, names: MentionNames = {}): string {
  return plainText(content, names)
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/:\w{2,32}:/g, ' ')
    .replace(/[*_~`|>#-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The form's prefilled prompt: the job's, else the PNG's own parameters (if quick to read), else the text. */
async function prefill(
  ctx: AppContext,
  interaction: CommandInteraction,
  message: Message,
  attachment: Attachment,
): Promise<string> {
  const fromJob = jobPrompt(ctx, interaction, interaction.client.user.id, message);
  if (fromJob !== undefined) return fromJob;
  if (/png/i.test(attachment.contentType ?? attachment.name)) {
    try {
      const policy = { ...downloadPolicy(ctx.config), timeoutMs: PREFILL_DOWNLOAD_MS };
      const parameters = readPngParameters(await downloadAttachment(attachment.url, defaultUploadLimits, policy));
      if (parameters) return promptOfParameters(parameters);
    } catch {
      // Too slow or unreadable: the text will do, and the real download comes after the form.
    }
  }
  const names = namesFrom(interaction);
  return promptOfText(message.content, {
    ...names,
    user: (id) =>
      message.mentions.members?.get(id)?.displayName ?? message.mentions.users.get(id)?.displayName ?? names.user?.(id),
  });
}

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isMessageContextMenuCommand()) return;
  const message = interaction.targetMessage;
  let attachment: Attachment;
  try {
    attachment = checkTarget(ctx, message);
  } catch (err) {
    if (isUserError(err)) logRefusal(ctx, requesterOf(interaction), null, err, 'vary-this-image');
    throw err;
  }
  const prompt = cut(await prefill(ctx, interaction, message, attachment));
  const modal = new ModalBuilder()
    .setCustomId(`${MODAL_PREFIX}${message.id}`)
    .setTitle('Vary this image')
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('Prompt (optional)')
        .setDescription('What the variation should show. Leave it empty for a plain variation of the picture.')
        .setTextInputComponent(
          new TextInputBuilder()
            .setCustomId('prompt')
            .setStyle(TextInputStyle.Paragraph)
            .setRequired(false)
            .setMaxLength(MAX_PROMPT_CHARS)
            .setValue(prompt),
        ),
      new LabelBuilder().setLabel('Strength').setStringSelectMenuComponent(
        new StringSelectMenuBuilder()
          .setCustomId('strength')
          .setMinValues(1)
          .setMaxValues(1)
          .addOptions(
            STRENGTHS.map((o) => ({
              label: o.label,
              value: o.value,
              default: o.value === String(MESSAGE_VARY_STRENGTH),
            })),
          ),
      ),
    );
  await interaction.showModal(modal);
}

/** At most MAX_PROMPT_CHARS characters, as Discord counts them. */
const cut = (text: string) => [...text].slice(0, MAX_PROMPT_CHARS).join('');

/** The form submitted: the picture checked again (the message may have changed), then the job. */
export async function submit(interaction: ModalSubmitInteraction, payload: string, ctx: AppContext): Promise<void> {
  const who = requesterOf(interaction);
  let proposal: Proposal;
  let attachment: Attachment;
  try {
    if (!/^\d{15,22}$/.test(payload) || !interaction.channel)
      throw userError('bad-form', 'vary.formGone', { command: (lang) => commandName(lang, 'Vary this image') });
    const message = await interaction.channel.messages.fetch(payload).catch(() => null);
    if (!message) throw userError('no-image', 'vary.messageGone');
    attachment = checkTarget(ctx, message);
    const prompt = interaction.fields.getTextInputValue('prompt').trim();
    const strength = Number(interaction.fields.getStringSelectValues('strength')[0] ?? MESSAGE_VARY_STRENGTH);
    if (!STRENGTHS.some((o) => Number(o.value) === strength)) throw userError('bad-strength', 'vary.pickStrength');
    proposal = variationProposal(ctx, who, attachment, plainText(prompt), strength);
  } catch (err) {
    if (isUserError(err)) logRefusal(ctx, who, null, err, 'vary-this-image');
    throw err;
  }
  const info = attachmentInfo(attachment);
  const { width, height } = proposal.params;
  await startJob(interaction, ctx, who, proposal, {
    prepare: () => fetchInitImage(info, width, height, downloadPolicy(ctx.config)),
  });
}

function variationProposal(
  ctx: AppContext,
  who: Requester,
  attachment: Attachment,
  prompt: string,
  strength: number,
): Proposal {
  const model = ctx.modelInfo()!;
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
  const params: JobRequest = validateRequest({
    kind: 'variation',
    prompt,
    ...size,
    steps: stepsForStrength(settings.steps ?? b.defaultSteps ?? model.defaultSteps, strength),
    // No prompt: an unconditioned variation of the picture (guidance off), as diffusers runs an empty prompt.
    guidanceScale: prompt === '' ? 0 : (b.defaultGuidance ?? model.defaultGuidance),
    seed: randomSeed(),
    count: Math.min(b.defaultImages, limits.maxImagesPerRequest ?? b.defaultImages),
    strength,
    aspect: `${aspect.w}:${aspect.h}`,
    spoiler: wantsSpoiler(ctx, who, effective) || attachment.spoiler,
    attachmentSizeLimit: who.attachmentSizeLimit,
    source: 'message',
  });
  return { kind: 'variation', usageKind: 'vary-this-image', params, hasUpload: true };
}
