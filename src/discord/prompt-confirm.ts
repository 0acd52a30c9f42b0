/**
 * A prompt that makes several jobs (permutations `{red, blue} circle`, `--repeat N`) asks before it runs: a private
 * note with the job count, the images it costs from the quota and what is left, and Run / Cancel buttons. The
 * admission is checked first (a refusal is said at once, nothing is kept); the jobs wait in SQLite (pending_prompts)
 * for their author's click, for up to 15 minutes (the private message's own lifetime). Run starts them with
 * startJobs, which decides again (the quota may have moved) and admits all or none; Cancel starts nothing. Each
 * decision is taken once, so a second click only says so.
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  MessageFlags,
  type ChatInputCommandInteraction,
  type MessageActionRowComponentBuilder,
} from 'discord.js';
import { memberLang, t } from '../i18n/index.ts';
import { holdAdmission, requesterOf, startJobs, type Proposal, type Requester } from './admission.ts';
import type { AppContext } from './context.ts';
import { encodeCustomId } from './custom-id.ts';
import { privately, type ButtonHandler } from './router.ts';

/** How long the question stands: an ephemeral message can be acted on for the interaction's 15 minutes. */
export const CONFIRM_TTL_MS = 15 * 60_000;

/** Asks the author to run `proposals` (more than one job): decided now, kept until Run or Cancel. */
export async function askToRun(
  interaction: ChatInputCommandInteraction,
  ctx: AppContext,
  who: Requester,
  proposals: Proposal[],
): Promise<void> {
  // The same decision as a run (limits, blocklist, ban, cooldown, quota): a refusal now, with its reason. The holds
  // only check; nothing is charged until Run.
  const holds = [];
  try {
    for (const p of proposals) holds.push(holdAdmission(ctx, who, p).hold);
  } finally {
    for (const h of holds) h.release();
  }
  const images = proposals.reduce((n, p) => n + p.params.count, 0);
  const status = ctx.stores.quota.status({ guildId: who.guildId, userId: who.userId, roleIds: who.roleIds }, ctx.now());
  const left = status.imagesLeft === null ? null : Math.max(0, status.imagesLeft - images);
  const id = ctx.stores.pending.create(
    {
      userId: who.userId,
      guildId: who.guildId,
      channelId: who.channelId,
      jobs: proposals.map((p) => ({ usageKind: p.usageKind, params: p.params, model: p.model })),
    },
    ctx.now(),
  );
  const lang = memberLang(interaction);
  await interaction.reply({
    flags: MessageFlags.Ephemeral,
    content: t(lang, 'job.confirmMany', {
      jobs: proposals.length,
      images,
      left: left === null ? '' : t(lang, 'job.manyJobsLeft', { n: left }),
    }),
    components: [
      new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(encodeCustomId({ action: 'runmany', jobId: id }))
          .setStyle(ButtonStyle.Success)
          .setLabel(t(lang, 'button.runMany', { jobs: proposals.length })),
        new ButtonBuilder()
          .setCustomId(encodeCustomId({ action: 'dropmany', jobId: id }))
          .setStyle(ButtonStyle.Secondary)
          .setLabel(t(lang, 'button.dropMany')),
      ),
    ],
    allowedMentions: { parse: [] },
  });
}

/** Run: the kept jobs, through the same all-or-none admission as a prompt that needs no question. */
const run: ButtonHandler = async (interaction, ref, ctx) => {
  const who = requesterOf(interaction);
  const pending = ctx.stores.pending.take(ref.jobId, who.userId, 'run', CONFIRM_TTL_MS, ctx.now());
  if (!pending) return privately(interaction, t(memberLang(interaction), 'job.confirmGone'));
  const proposals: Proposal[] = pending.jobs.map((j) => ({
    kind: j.params.kind,
    usageKind: j.usageKind,
    params: j.params,
    model: j.model,
  }));
  await startJobs(interaction, ctx, who, proposals);
};

/** Cancel: nothing starts; the question says so and loses its buttons. */
const drop: ButtonHandler = async (interaction, ref, ctx) => {
  const who = requesterOf(interaction);
  const lang = memberLang(interaction);
  const pending = ctx.stores.pending.take(ref.jobId, who.userId, 'cancel', CONFIRM_TTL_MS, ctx.now());
  if (!pending) return privately(interaction, t(lang, 'job.confirmGone'));
  await interaction.update({ content: t(lang, 'job.confirmCancelled'), components: [] });
};

export const confirmButtonHandlers: Partial<Record<'runmany' | 'dropmany', ButtonHandler>> = {
  runmany: run,
  dropmany: drop,
};
