/**
 * /info (anyone, private, in the member's language): what the member has left today, their cooldown, their jobs in the queue with their
 * places, and which model the bot runs on which device.
 */
import { isLoaded } from '../src/diffusion/model-files.ts';
import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import { memberOf, relative, truncate } from '../src/discord/moderation.ts';
import { formatDuration, memberLang, t, translator, type Lang } from '../src/i18n/index.ts';
import type { ModelInfo } from '../src/diffusion/types.ts';
import { providerFallback } from '../src/inference/providers.ts';

/** Jobs listed at most; the rest are counted. */
const MAX_JOBS = 8;

/** What a real model is pulled with, for the note shown while the bot runs on the bundled demo model. */
export const PULL_COMMAND = 'npm run models -- pull sd-turbo';

export const data = new SlashCommandBuilder()
  .setName('info')
  .setDescription('Your images left today, your queued jobs, and the model the bot runs')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export function describeModel(
  info: ModelInfo | undefined,
  configuredProviders: readonly string[] = [],
  lang: Lang = 'en-US',
): string {
  // Before the inference process has loaded it, the bot knows the model from its files only (describeModelFiles).
  if (!isLoaded(info)) return t(lang, 'info.cmd.modelLoading');
  const wanted = providerFallback(configuredProviders, info.executionProvider)?.wanted;
  const line = t(lang, 'info.cmd.model', {
    name: info.name,
    family: info.family,
    dtype: info.dtype,
    device: info.executionProvider,
    count: info.defaultSteps,
    fallback: wanted ? t(lang, 'info.cmd.fallback', { wanted: wanted.join(', ') }) : '',
  });
  if (info.family !== 'demo') return line;
  return `${line}\n${t(lang, 'info.cmd.demo', { command: PULL_COMMAND })}`;
}

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  const lang = memberLang(interaction);
  const tr = translator(lang);
  const member = memberOf(interaction);
  const now = ctx.now();
  const status = ctx.stores.quota.status(member, now);
  const lines: string[] = [];

  if (status.ban) {
    const until =
      status.ban.expiresAt === null
        ? tr('quota.banNoEnd')
        : tr('quota.banEnds', { when: relative(status.ban.expiresAt) });
    lines.push(
      status.ban.reason
        ? tr('info.cmd.bannedReason', { reason: status.ban.reason, until })
        : tr('info.cmd.banned', { until }),
    );
  }
  const perDay = status.limits.values.userImagesPerDay;
  if (perDay === null) lines.push(tr('info.cmd.imagesUnlimited', { count: status.imagesUsed }));
  else if (perDay === 0) lines.push(tr('info.cmd.imagesNone'));
  else if (status.imagesLeft === 0 && status.nextImageAt) {
    lines.push(
      tr('info.cmd.imagesLeftNext', { left: status.imagesLeft, limit: perDay, when: relative(status.nextImageAt) }),
    );
  } else lines.push(tr('info.cmd.imagesLeft', { left: status.imagesLeft ?? perDay, limit: perDay }));
  if (status.guildImagesLeft !== null) lines.push(tr('info.cmd.guildLeft', { count: status.guildImagesLeft }));
  const cooldown = status.limits.values.userCooldownSeconds;
  if (status.cooldownUntil) lines.push(tr('info.cmd.cooldownUntil', { when: relative(status.cooldownUntil) }));
  else if (cooldown > 0) lines.push(tr('info.cmd.cooldown', { duration: formatDuration(lang, cooldown * 1000) }));
  else lines.push(tr('info.cmd.noCooldown'));

  const snapshot = ctx.queue.snapshot();
  const running = snapshot.running.filter((r) => r.job.userId === member.userId);
  const queued = snapshot.queued.filter((q) => q.job.userId === member.userId);
  const maxQueued = status.limits.values.userMaxQueued;
  const counts = { running: running.length, waiting: queued.length };
  lines.push(
    (maxQueued !== null ? tr('info.cmd.jobsMax', { ...counts, max: maxQueued }) : tr('info.cmd.jobs', counts)) +
      tr(running.length + queued.length ? 'info.cmd.listFollows' : 'info.cmd.end'),
  );
  const jobLines = [
    ...running.map((r) => {
      const base = { job: r.job.id, prompt: short(r.job.params.prompt), when: relative(now + r.remainingMs) };
      return r.step !== null && r.totalSteps
        ? tr('info.cmd.runningJobStep', { ...base, step: r.step, total: r.totalSteps })
        : tr('info.cmd.runningJob', base);
    }),
    ...queued.map((q) =>
      tr('info.cmd.queuedJob', {
        job: q.job.id,
        prompt: short(q.job.params.prompt),
        position: q.position,
        when: relative(now + q.etaMs),
      }),
    ),
  ];
  lines.push(...jobLines.slice(0, MAX_JOBS));
  if (jobLines.length > MAX_JOBS) lines.push(tr('info.cmd.more', { count: jobLines.length - MAX_JOBS }));
  lines.push(tr('info.cmd.queue', { waiting: snapshot.queued.length, running: snapshot.running.length }));
  lines.push(describeModel(ctx.modelInfo(), ctx.config.redis.url ? [] : ctx.config.models.executionProviders, lang));

  await interaction.reply({
    content: truncate(lines.join('\n')),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

function short(prompt: string): string {
  const one = prompt.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
}
