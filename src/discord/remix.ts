/**
 * Remix mode (/settings remix, off by default): before V1-V4, Vary (Subtle/Strong), Reroll, Zoom Out, Pan and
 * Upscale (Creative) run, a modal opens with the prompt and negative prompt prefilled; its submit runs the same
 * request, from the same source image, with the edited prompts. Upscale (Subtle) has no prompt (the upscaler or
 * Lanczos, no diffusion), so it runs at once in remix mode too; U1-U4 (a crop) likewise. The modal's custom_id is the button's own (`action:jobId[:index]`), so the
 * submit rebuilds the request from SQLite through the same server check.
 */
import { ModalBuilder, type ButtonInteraction } from 'discord.js';
import { memberLang, t, userError } from '../i18n/index.ts';
import { validateRequest } from '../request/request.ts';
import { requesterOf, type Proposal, type Requester } from './admission.ts';
import {
  imageFor,
  jobFor,
  releaseInputs,
  rerollProposal,
  startWithInputs,
  variationProposal,
  type HeldInputs,
} from './buttons.ts';
import type { AppContext } from './context.ts';
import { encodeCustomId, type ButtonAction, type ButtonRef } from './custom-id.ts';
import { canvasEdits, editProposal, editUsageKind, promptInputs } from './edits.ts';
import type { ButtonHandler, ModalHandler } from './router.ts';

/** The actions remix mode applies to. */
export const remixActions = [
  'vary',
  'subtle',
  'strong',
  'reroll',
  'zoom2',
  'zoom15',
  'panleft',
  'panright',
  'panup',
  'pandown',
  'upcreative',
] as const;
type RemixAction = (typeof remixActions)[number];
const isRemixAction = (a: ButtonAction): a is RemixAction => (remixActions as readonly string[]).includes(a);

interface Prompts {
  prompt: string;
  negativePrompt: string | undefined;
}

/**
 * The request a remix-able button makes, with the prompts replaced when given; a reroll's held inputs (an upload, a
 * painted mask) come with it.
 */
function proposalFor(
  ctx: AppContext,
  who: Requester,
  ref: ButtonRef & { action: RemixAction },
  prompts?: Prompts,
): { proposal: Proposal } & HeldInputs {
  const edit = canvasEdits[ref.action];
  if (edit) return { proposal: editProposal(ctx, who, ref, edit, editUsageKind(edit), prompts) };
  const made =
    ref.action === 'reroll'
      ? rerollProposal(ctx, who, ref)
      : { proposal: variationProposal(ctx, who, ref, ref.action as 'vary' | 'subtle' | 'strong') };
  if (!prompts) return made;
  try {
    const params = validateRequest({
      ...made.proposal.params,
      prompt: prompts.prompt,
      negativePrompt: prompts.negativePrompt,
    });
    if (params.negativePrompt === undefined) delete params.negativePrompt;
    return { ...made, proposal: { ...made.proposal, params } };
  } catch (err) {
    releaseInputs(ctx, made);
    throw err;
  }
}

async function start(
  interaction: Parameters<ButtonHandler>[0] | Parameters<ModalHandler>[0],
  ctx: AppContext,
  ref: ButtonRef & { action: RemixAction },
  prompts?: Prompts,
) {
  const who = requesterOf(interaction);
  const made = proposalFor(ctx, who, ref, prompts);
  if (prompts) made.proposal.usageKind = `remix-${made.proposal.usageKind}`;
  await startWithInputs(interaction, ctx, who, made);
}

/** Wraps the remix-able button handlers: with remix on, the click opens the prompt form instead of running. */
export function withRemix(
  handlers: Partial<Record<ButtonAction, ButtonHandler>>,
): Partial<Record<ButtonAction, ButtonHandler>> {
  const out = { ...handlers };
  for (const action of remixActions) {
    const plain = handlers[action];
    if (!plain) continue;
    out[action] = async (interaction: ButtonInteraction, ref, ctx) => {
      const who = requesterOf(interaction);
      if (!ctx.stores.settings.get(who.userId).remix) return plain(interaction, ref, ctx);
      const parent = jobFor(ctx, who, ref);
      if (action !== 'reroll') imageFor(ctx, parent, ref);
      const p = parent.params;
      const lang = memberLang(interaction);
      await interaction.showModal(
        new ModalBuilder()
          .setCustomId(encodeCustomId({ action, jobId: parent.id, index: ref.index }))
          .setTitle(t(lang, 'remix.title'))
          .addLabelComponents(...promptInputs(lang, p, t(lang, 'info.prompt'))),
      );
    };
  }
  return out;
}

/** The remix form submitted: the button's request with the edited prompts. */
const remixSubmit: ModalHandler = async (interaction, ref, ctx) => {
  if (!isRemixAction(ref.action)) throw userError('unknown-form', 'remix.unknownForm');
  const prompt = interaction.fields.getTextInputValue('prompt').trim();
  if (!prompt) throw userError('empty-prompt', 'remix.emptyPrompt');
  const negative = interaction.fields.getTextInputValue('negative').trim();
  await start(interaction, ctx, { ...ref, action: ref.action }, { prompt, negativePrompt: negative || undefined });
};

export const remixModalHandlers: Partial<Record<ButtonAction, ModalHandler>> = Object.fromEntries(
  remixActions.map((a) => [a, remixSubmit]),
);
