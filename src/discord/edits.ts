/**
 * The edit buttons under a single image, each a child job through the queue on the pipeline's masked path:
 *
 *   region         Vary (Region): a modal with the regions (a select menu: halves, thirds, centre, corners) and the
 *                  prompt and negative prompt prefilled; its submit repaints that region with the edited prompt
 *   zoom2, zoom15  Zoom Out 2x / 1.5x: the image shrinks into the centre of a same-size canvas, the border is painted
 *   panleft ...    Pan: the canvas grows by half on that side (refused, naming the limit, past the size limits)
 *   upsubtle       Upscale (Subtle): 2x through the installed ESRGAN-family upscaler, tiled; Lanczos without one
 *   upcreative     Upscale (Creative): hires fix, the image through image-to-image at low strength at twice the size
 *
 * Like every button they carry only `action:jobId[:index]`, look the job up through the one server check
 * (requireJobHere via jobFor), and are charged to the clicker by the images they render.
 */
import {
  LabelBuilder,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ButtonInteraction,
} from 'discord.js';
import { existsSync } from 'node:fs';
import type { ImageRef, Job } from '../db/jobs.ts';
import { upscalerFileFor } from '../upscale/paths.ts';
import { isMessageKey, memberLang, t, translator, userError, type Lang } from '../i18n/index.ts';
import {
  CREATIVE_UPSCALE_STRENGTH,
  MAX_PROMPT_CHARS,
  regionNames,
  validateRequest,
  type EditSpec,
  type JobRequest,
  type RegionName,
} from '../request/request.ts';
import { editSize, sideMultiple } from '../request/size.ts';
import { requesterOf, startJob, type Proposal, type Requester } from './admission.ts';
import { childParams, imageFor, jobFor, logged } from './buttons.ts';
import type { AppContext } from './context.ts';
import { encodeCustomId, type ButtonAction, type ButtonRef } from './custom-id.ts';
import type { ButtonHandler, ModalHandler } from './router.ts';

/** How the region select menu names each region. */
export const regionLabels: Record<RegionName, string> = {
  left: 'Left half',
  right: 'Right half',
  top: 'Top half',
  bottom: 'Bottom half',
  'left-third': 'Left third',
  'middle-third': 'Middle third',
  'right-third': 'Right third',
  centre: 'Centre',
  'top-left': 'Top-left corner',
  'top-right': 'Top-right corner',
  'bottom-left': 'Bottom-left corner',
  'bottom-right': 'Bottom-right corner',
};

/** A region's name in the language (English, the list above, when the catalog has none). */
export function regionLabel(lang: Lang, region: RegionName): string {
  const key = `edit.region.${region}`;
  return isMessageKey(key) ? t(lang, key as 'edit.regionLabel') : regionLabels[region];
}

/** The request for an edit of `image`: the parent's, at the edit's size, from noise (strength 1), new seeds. */
export function editRequest(
  ctx: AppContext,
  who: Requester,
  parent: Job,
  image: ImageRef,
  edit: EditSpec,
  prompts: { prompt?: string; negativePrompt?: string | undefined } = {},
): JobRequest {
  const model = ctx.modelInfo();
  if (!model) throw userError('model-loading', 'job.modelLoading');
  if (!model.supportsImg2Img) {
    throw userError('no-img2img', 'edit.noVae', { model: model.name });
  }
  // The server's size limits are checked on admission (naming the limit); this refuses only past the hard ceiling.
  const size = editSize(edit, image.width, image.height, {
    multiple: sideMultiple(model.sampleSize),
    maxWidth: ctx.config.bounds.maxWidth,
    maxHeight: ctx.config.bounds.maxHeight,
  });
  const upscale = edit.kind === 'upscale';
  // Without an upscaler the enlargement is Lanczos: the reply says so.
  const lanczos = upscale && edit.mode === 'subtle' && !existsSync(upscalerFileFor(model.dir));
  const creative = upscale && edit.mode === 'creative';
  const base = childParams(ctx, who, parent, {
    kind: 'variation',
    ...size,
    count: upscale ? 1 : ctx.config.bounds.defaultImages,
    ...(upscale && { seed: image.seed }),
    ...(lanczos && {
      notes: ['No upscaler is installed (models/upscaler/model.onnx), so this was enlarged with Lanczos.'],
    }),
    // Hires fix: the enlarged image through image-to-image at low strength.
    strength: creative ? CREATIVE_UPSCALE_STRENGTH : undefined,
    // An upscale is one image made larger: nothing to spread apart.
    ...(upscale && { chaos: undefined }),
    parentJobId: parent.id,
    sourceIndex: image.idx,
    ...(prompts.prompt !== undefined && { prompt: prompts.prompt }),
    ...('negativePrompt' in prompts && { negativePrompt: prompts.negativePrompt }),
  });
  return validateRequest({ ...base, kind: 'edit', edit });
}

/** What an edit button (or the playground's) proposes: the edit of image `ref.index` of job `ref.jobId`. */
export function editProposal(
  ctx: AppContext,
  who: Requester,
  ref: Pick<ButtonRef, 'jobId' | 'index'>,
  edit: EditSpec,
  usageKind: string,
  prompts?: { prompt?: string; negativePrompt?: string | undefined },
): Proposal {
  const parent = jobFor(ctx, who, ref);
  const image = imageFor(ctx, parent, ref);
  return { kind: 'edit', usageKind, params: editRequest(ctx, who, parent, image, edit, prompts) };
}

/** The edit each canvas button makes (Zoom Out, Pan). */
export const canvasEdits: Partial<Record<ButtonAction, EditSpec>> = {
  zoom2: { kind: 'zoom-out', factor: 2 },
  zoom15: { kind: 'zoom-out', factor: 1.5 },
  upsubtle: { kind: 'upscale', mode: 'subtle' },
  upcreative: { kind: 'upscale', mode: 'creative' },
  panleft: { kind: 'pan', direction: 'left' },
  panright: { kind: 'pan', direction: 'right' },
  panup: { kind: 'pan', direction: 'up' },
  pandown: { kind: 'pan', direction: 'down' },
};

/** The usage log's kind for a canvas edit button: pan, zoom-out, upscale-subtle or upscale-creative. */
export function editUsageKind(edit: EditSpec): string {
  return edit.kind === 'pan' ? 'pan' : edit.kind === 'upscale' ? `upscale-${edit.mode}` : 'zoom-out';
}

async function startEdit(
  interaction: Parameters<ButtonHandler>[0] | Parameters<ModalHandler>[0],
  ctx: AppContext,
  jobId: number,
  index: number | undefined,
  edit: EditSpec,
  usageKind: string,
  prompts?: { prompt?: string; negativePrompt?: string | undefined },
): Promise<void> {
  const who = requesterOf(interaction);
  await startJob(interaction, ctx, who, editProposal(ctx, who, { jobId, index }, edit, usageKind, prompts));
}

/** Zoom Out and Pan: the edit starts at once. */
function canvasEdit(edit: EditSpec, usageKind: string): ButtonHandler {
  return (interaction, ref, ctx) => startEdit(interaction, ctx, ref.jobId, ref.index, edit, usageKind);
}

/**
 * A form's prompt and negative prompt, prefilled with the job's (the fields `prompt` and `negative`): the region form
 * and the remix form.
 */
export function promptInputs(
  lang: Lang,
  p: Pick<JobRequest, 'prompt' | 'negativePrompt'>,
  promptLabel: string,
): LabelBuilder[] {
  return [
    new LabelBuilder()
      .setLabel(promptLabel)
      .setTextInputComponent(
        new TextInputBuilder()
          .setCustomId('prompt')
          .setStyle(TextInputStyle.Paragraph)
          .setRequired(true)
          .setMaxLength(MAX_PROMPT_CHARS)
          .setValue(p.prompt.slice(0, MAX_PROMPT_CHARS)),
      ),
    new LabelBuilder().setLabel(t(lang, 'edit.negativeLabel')).setTextInputComponent(
      new TextInputBuilder()
        .setCustomId('negative')
        .setStyle(TextInputStyle.Short)
        .setRequired(false)
        .setMaxLength(MAX_PROMPT_CHARS)
        .setValue((p.negativePrompt ?? '').slice(0, MAX_PROMPT_CHARS)),
    ),
  ];
}

/** Vary (Region): the modal (region select, prompt, negative prompt), after the same checks as a click that runs. */
const regionButton: ButtonHandler = async (interaction: ButtonInteraction, ref, ctx) => {
  const who = requesterOf(interaction);
  const parent = jobFor(ctx, who, ref);
  imageFor(ctx, parent, ref);
  // Only the clicker sees the modal: their language.
  const lang = memberLang(interaction);
  const tr = translator(lang);
  const modal = new ModalBuilder()
    .setCustomId(encodeCustomId({ action: 'region', jobId: parent.id, index: ref.index }))
    .setTitle(tr('button.region'))
    .addLabelComponents(
      new LabelBuilder().setLabel(tr('edit.regionLabel')).setStringSelectMenuComponent(
        new StringSelectMenuBuilder()
          .setCustomId('region')
          .setMinValues(1)
          .setMaxValues(1)
          .addOptions(regionNames.map((r) => ({ label: regionLabel(lang, r), value: r, default: r === 'left' }))),
      ),
      ...promptInputs(lang, parent.params, tr('edit.promptLabel')),
    );
  await interaction.showModal(modal);
};

/** The region modal submitted: repaint that region with the edited prompt. */
const regionSubmit: ModalHandler = async (interaction, ref, ctx) => {
  const region = interaction.fields.getStringSelectValues('region')[0];
  if (!region || !(regionNames as readonly string[]).includes(region)) {
    throw userError('bad-region', 'edit.badRegion');
  }
  const prompt = interaction.fields.getTextInputValue('prompt').trim();
  const negative = interaction.fields.getTextInputValue('negative').trim();
  await startEdit(
    interaction,
    ctx,
    ref.jobId,
    ref.index,
    { kind: 'region', region: region as RegionName },
    'vary-region',
    { prompt, negativePrompt: negative || undefined },
  );
};

export const editButtonHandlers: Partial<Record<ButtonAction, ButtonHandler>> = {
  region: logged('vary-region', regionButton),
  ...Object.fromEntries(
    Object.entries(canvasEdits).map(([action, edit]) => {
      const usage = editUsageKind(edit);
      return [action, logged(usage, canvasEdit(edit, usage))];
    }),
  ),
};

export const editModalHandlers: Partial<Record<ButtonAction, ModalHandler>> = {
  region: regionSubmit,
};
