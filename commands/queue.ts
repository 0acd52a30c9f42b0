/**
 * /queue (anyone, private): what is running and waiting, in the order it will start, with estimates. Other
 * people's prompts and names are never shown; your own jobs are marked. Moderators (Manage Server, checked at
 * run time) remove a job of their server with `remove:<job number>`: it is cancelled, refunded and audited.
 */
import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import { relative, replyPrivately, requireModerator, truncate } from '../src/discord/moderation.ts';
import { memberLang, translator, userError, type Lang } from '../src/i18n/index.ts';
import type { Job } from '../src/db/jobs.ts';
import { belongsHere, jobHere, type InteractionPlace } from '../src/discord/job-access.ts';
import type { QueueSnapshot } from '../src/queue/types.ts';

/** Waiting jobs listed at most (the viewer's own are always listed after them). */
const MAX_WAITING_LINES = 15;

export const data = new SlashCommandBuilder()
  .setName('queue')
  .setDescription('What is being painted and what is waiting, with estimated times')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addIntegerOption((o) =>
    o.setName('remove').setDescription('Moderators: remove this job (its number) from the queue').setMinValue(1),
  )
  .addStringOption((o) =>
    o.setName('reason').setDescription('Moderators: why it was removed (shown to its owner)').setMaxLength(200),
  );

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  const remove = interaction.options.getInteger('remove');
  if (remove !== null) {
    await removeJob(interaction, ctx, remove, interaction.options.getString('reason')?.trim() || null);
    return;
  }
  const content = renderQueue(ctx.queue.snapshot(), interaction, ctx.now(), memberLang(interaction));
  await interaction.reply({
    content: truncate(content),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

async function removeJob(
  interaction: Parameters<typeof replyPrivately>[0],
  ctx: AppContext,
  jobId: number,
  reason: string | null,
): Promise<void> {
  const guildId = requireModerator(interaction);
  // A moderator acts on their own server only; a job elsewhere is reported as not found, revealing nothing.
  const job = jobHere(ctx, { guildId, channelId: interaction.channelId, user: interaction.user }, jobId);
  if (!job) throw userError('bad-job', 'queue.remove.noJob', { job: jobId });
  if (job.state !== 'queued' && job.state !== 'running') {
    throw userError(
      'job-finished',
      job.state === 'done'
        ? 'queue.remove.finished'
        : job.state === 'failed'
          ? 'queue.remove.failed'
          : 'queue.remove.cancelled',
      { job: jobId },
    );
  }
  const place = ctx.queue.position(jobId);
  const result = ctx.queue.cancel(jobId, interaction.user.id, { moderator: true, reason });
  if (!result.cancelled) throw userError('job-finished', 'queue.remove.justFinished', { job: jobId });
  const tr = translator(memberLang(interaction));
  const where = result.wasRunning
    ? tr('queue.remove.wasRunning')
    : tr('queue.remove.wasQueued', { position: place?.position ?? '?' });
  await replyPrivately(
    interaction,
    tr('queue.remove.done', {
      job: jobId,
      user: `<@${job.userId}>`,
      where,
      told: reason ? tr('queue.remove.told', { reason }) : '',
    }),
  );
}

/**
 * The /queue text for one viewer: the jobs of the viewer's server (or DM) only, each with its number, size, steps,
 * image count, estimate and its place in the one global order; other servers' jobs appear only as counts
 * ("… 3 more"). Only the viewer's own jobs name their owner (the viewer), and no prompt is shown at all.
 */
export function renderQueue(s: QueueSnapshot, viewer: InteractionPlace, now: number, lang: Lang = 'en-US'): string {
  const tr = translator(lang);
  const viewerId = viewer.user.id;
  if (s.running.length === 0 && s.queued.length === 0) return tr('queue.view.empty');
  const here = (job: Job) => belongsHere(job, viewer);
  const running = s.running.filter((r) => here(r.job));
  const queued = s.queued.filter((q) => here(q.job));
  const mine = (job: Job) => job.userId === viewerId;
  const myCount = running.filter((r) => mine(r.job)).length + queued.filter((q) => mine(q.job)).length;
  const counts = {
    where: tr(viewer.guildId === null ? 'queue.view.hereDm' : 'queue.view.hereGuild'),
    running: running.length,
    waiting: queued.length,
    allRunning: s.running.length,
    allWaiting: s.queued.length,
    room: s.maxWaiting,
  };
  const lines = [
    myCount ? tr('queue.view.summaryMine', { ...counts, mine: myCount }) : tr('queue.view.summary', counts),
  ];
  if (!s.accepting) lines.push(tr('queue.view.restarting'));
  const when = (inMs: number) => (inMs < 5_000 ? tr('queue.view.moment') : relative(now + inMs));
  const owner = (job: Job) =>
    job.userId === viewerId ? ` · ${tr('queue.view.yours', { mention: `<@${viewerId}>` })}` : '';
  const describe = (job: Job) => {
    const p = job.params;
    return tr('queue.view.job', {
      job: job.id,
      width: p.width,
      height: p.height,
      steps: tr('job.steps', { count: p.steps }),
      count: p.count,
    });
  };
  if (running.length) {
    lines.push(tr('queue.view.running'));
    for (const r of running) {
      const progress =
        r.step !== null && r.totalSteps ? ` · ${tr('queue.view.step', { step: r.step, total: r.totalSteps })}` : '';
      lines.push(
        `• ${describe(r.job)}${progress} · ${tr('queue.view.doneIn', { when: when(r.remainingMs) })}${owner(r.job)}`,
      );
    }
  }
  if (queued.length) {
    lines.push(tr('queue.view.waiting'));
    const shown = queued.filter((q, i) => i < MAX_WAITING_LINES || mine(q.job));
    let last = 0;
    for (const q of shown) {
      if (q.position > last + 1) lines.push(tr('queue.view.more', { count: q.position - last - 1 }));
      lines.push(
        `${q.position}. ${describe(q.job)} · ${tr('queue.view.startsIn', { when: when(q.etaMs) })}${owner(q.job)}`,
      );
      last = q.position;
    }
    if (s.queued.length > last) lines.push(tr('queue.view.more', { count: s.queued.length - last }));
  }
  return lines.join('\n');
}
