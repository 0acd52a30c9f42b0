/**
 * /imagine prompt:<text> [negative] [aspect] [seed] [steps] [guidance] [count] [image] [strength] [scheduler] [model]
 * Options and Midjourney-style flags in the prompt -> checks and quota -> a job; the answer is a deferred reply
 * that the job's queue events turn into its place in the queue, its progress and finally the grid with buttons.
 */
import { namesFrom, plainText } from '../src/discord/mentions.ts';
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { parseSchedulerName, schedulerChoices, schedulerLabels, schedulerNames } from '../src/diffusion/types.ts';
import { isUserError } from '../src/errors.ts';
import { publicLang, userError } from '../src/i18n/index.ts';
import {
  imagineDefaults,
  logRefusal,
  requesterOf,
  startJob,
  wantsSpoiler,
  type Proposal,
  type Requester,
} from '../src/discord/admission.ts';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import { chooseModel, modelChoices } from '../src/discord/models.ts';
import { askToRun } from '../src/discord/prompt-confirm.ts';
import { expandPrompt, ignoredNote, MAX_PROMPT_JOBS, resolveImagine } from '../src/request/prompt.ts';
import { MAX_PROMPT_CHARS, MAX_SEED, VARY_STRENGTH, type JobRequest } from '../src/request/request.ts';
import { aspectChoices, aspectOf } from '../src/request/size.ts';
import { attachmentInfo, checkAttachment, downloadPolicy, fetchInitImage } from '../src/discord/uploads.ts';

export const data = new SlashCommandBuilder()
  .setName('imagine')
  .setDescription('Paint a picture from a description')
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) =>
    o
      .setName('prompt')
      .setDescription('What to paint (flags work too: --ar 16:9 --seed 42 --no text)')
      .setRequired(true)
      .setMaxLength(MAX_PROMPT_CHARS),
  )
  .addStringOption((o) =>
    o.setName('negative').setDescription('What to keep out of the picture').setMaxLength(MAX_PROMPT_CHARS),
  )
  .addStringOption((o) =>
    o
      .setName('aspect')
      .setDescription('Shape of the picture')
      .addChoices(...aspectChoices.map((a) => ({ name: a, value: a }))),
  )
  .addIntegerOption((o) =>
    o
      .setName('seed')
      .setDescription('Same seed, same picture (random when left out)')
      .setMinValue(0)
      .setMaxValue(MAX_SEED),
  )
  .addIntegerOption((o) =>
    o
      .setName('steps')
      .setDescription('Denoising steps: more is slower and often finer')
      .setMinValue(1)
      .setMaxValue(200),
  )
  .addNumberOption((o) =>
    o.setName('guidance').setDescription('How closely to follow the prompt (0-30)').setMinValue(0).setMaxValue(30),
  )
  .addIntegerOption((o) => o.setName('count').setDescription('How many images').setMinValue(1).setMaxValue(8))
  .addAttachmentOption((o) => o.setName('image').setDescription('Start from this picture (PNG, JPEG or WebP)'))
  .addNumberOption((o) =>
    o
      .setName('strength')
      .setDescription('With an image: how far to move away from it (0.05-1)')
      .setMinValue(0.05)
      .setMaxValue(1),
  )
  .addStringOption((o) =>
    o
      .setName('scheduler')
      .setDescription("How to step from noise to picture (default: the model's own)")
      .addChoices(...schedulerNames.map((n) => ({ name: schedulerLabels[n], value: n }))),
  )
  .addStringOption((o) =>
    o
      .setName('model')
      .setDescription("Which installed model paints it (default: the server's)")
      .setMaxLength(100)
      .setAutocomplete(true),
  );

/** The installed models matching what the member has typed in model: (from memory). */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: AppContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  await interaction.respond(focused.name === 'model' ? modelChoices(ctx, String(focused.value)) : []);
}

function nullablePlain(text: string | null, interaction: CommandInteraction): string | null {
  return text === null ? null : plainText(text, namesFrom(interaction));
}

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  const who = requesterOf(interaction);
  const image = interaction.options.getAttachment('image');
  // What the attachment says of itself (type, bytes, pixels) refuses at once, before anything is downloaded.
  if (image) refusing(ctx, who, () => checkAttachment(attachmentInfo(image)));
  // Mentions, emojis, masked links and bidi controls as plain words: for the model and for everyone reading.
  // Permutations ({red, blue} circle) and --repeat make one job per prompt text, capped (expandPrompt).
  const texts = refusing(ctx, who, () =>
    expandPrompt(
      plainText(interaction.options.getString('prompt', true), namesFrom(interaction)),
      image ? 1 : MAX_PROMPT_JOBS,
    ),
  );
  if (texts.length > 1) {
    // Several jobs: the count and the quota first, privately, with Run / Cancel (src/discord/prompt-confirm.ts).
    const proposals = refusing(ctx, who, () => texts.map((text) => propose(interaction, ctx, who, text)));
    await askToRun(interaction, ctx, who, proposals);
    return;
  }
  // One job: made and decided when startJob says, which in a crowd is after its acknowledgement.
  await startJob(interaction, ctx, who, () => refusing(ctx, who, () => propose(interaction, ctx, who, texts[0]!)), {
    prepare: image
      ? ({ params }) => fetchInitImage(attachmentInfo(image), params.width, params.height, downloadPolicy(ctx.config))
      : undefined,
  });
}

/** Runs `decide`, logging a refusal it throws (the usage log keeps every refused request with its reason). */
function refusing<T>(ctx: AppContext, who: Requester, decide: () => T): T {
  try {
    return decide();
  } catch (err) {
    if (isUserError(err)) logRefusal(ctx, who, null, err, 'imagine');
    throw err;
  }
}

/** One prompt text and the command's options as a proposal, with the member's and the server's defaults. */
function propose(interaction: ChatInputCommandInteraction, ctx: AppContext, who: Requester, text: string): Proposal {
  const o = interaction.options;
  const image = o.getAttachment('image');
  if (!ctx.modelInfo()) throw userError('model-loading', 'job.modelLoading');
  // The member's choice, else the server's default (/limits set key:defaultModel), else the bot's.
  const serverModel = ctx.stores.limits.resolve(who).values.defaultModel;
  const model = chooseModel(ctx, o.getString('model'), serverModel)!;
  if (image) {
    if (!model.supportsImg2Img) throw userError('no-img2img', 'job.noImg2img', { model: model.name });
  } else if (o.getNumber('strength') !== null) {
    throw userError('bad-strength', 'job.badStrength');
  }
  const { defaults, limits: effective } = imagineDefaults(
    ctx,
    who,
    model,
    image?.width && image.height ? aspectOf(image.width, image.height) : undefined,
  );
  const { request, ignored } = resolveImagine(
    {
      prompt: text,
      negative: nullablePlain(o.getString('negative'), interaction),
      aspect: o.getString('aspect'),
      seed: o.getInteger('seed'),
      steps: o.getInteger('steps'),
      guidance: o.getNumber('guidance'),
      count: o.getInteger('count'),
      strength: image ? (o.getNumber('strength') ?? VARY_STRENGTH) : null,
    },
    defaults,
  );
  const schedulerInput = o.getString('scheduler');
  const scheduler = schedulerInput === null ? undefined : parseSchedulerName(schedulerInput);
  if (schedulerInput !== null && !scheduler) {
    throw userError('bad-scheduler', 'job.badScheduler', { name: schedulerInput, choices: schedulerChoices() });
  }
  const serverDefault = effective.values.defaultScheduler;
  const chosenScheduler = scheduler ?? (serverDefault ? parseSchedulerName(serverDefault) : undefined);
  const params: JobRequest = {
    ...request,
    // The note under the result is public: in the server's language (the prompt flags themselves stay as typed).
    ...(ignored.length > 0 && { notes: [ignoredNote(ignored, publicLang(interaction))!] }),
    // The member's choice, else the server's default (/limits set key:defaultScheduler), else the model's own.
    ...(chosenScheduler && { scheduler: chosenScheduler }),
    spoiler: wantsSpoiler(ctx, who, effective),
    attachmentSizeLimit: who.attachmentSizeLimit,
    ...(image && { source: 'upload' as const }),
  };
  return { kind: 'imagine', usageKind: 'imagine', params, hasUpload: !!image, model: model.name };
}
