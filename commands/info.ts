/**
 * /info (anyone, private): what the member has left today, their cooldown, their jobs in the queue with their
 * places, and which model the bot runs on which device.
 */
import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import { formatDuration, memberOf, relative, truncate } from '../src/discord/moderation.ts';
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

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function describeModel(info: ModelInfo | undefined, configuredProviders: readonly string[] = []): string {
  if (!info) return '**Model:** still loading; ask again in a moment.';
  const fallback = providerFallback(configuredProviders, info.executionProvider);
  const line = `**Model:** ${info.name} (${info.family}, ${info.dtype}) on **${info.executionProvider}**` +
    (fallback ? ` (${fallback.wanted.join(', ')} is configured but not available here; the owner's log says how to fix it)` : '') +
    `, ${info.defaultSteps} steps by default`;
  if (info.family !== 'demo') return line;
  return `${line}\nThis is the small demo model that comes with Atelier: it paints simple scenes only. ` +
    `The bot's owner can install a real one with \`${PULL_COMMAND}\`.`;
}

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  const member = memberOf(interaction);
  const now = ctx.now();
  const status = ctx.stores.quota.status(member, now);
  const lines: string[] = [];

  if (status.ban) {
    lines.push(`**You are banned from using Atelier here**${status.ban.reason ? ` (reason: ${status.ban.reason})` : ''}. ` +
      (status.ban.expiresAt === null ? 'The ban has no end date.' : `It ends ${relative(status.ban.expiresAt)}.`));
  }
  const perDay = status.limits.values.userImagesPerDay;
  if (perDay === null) lines.push(`**Images:** no daily limit for you here (${plural(status.imagesUsed, 'image')} in the last 24 hours).`);
  else if (perDay === 0) lines.push('**Images:** you cannot make images here (your daily limit is 0).');
  else {
    lines.push(`**Images left:** ${status.imagesLeft} of ${perDay} for the last 24 hours (rolling)` +
      (status.imagesLeft === 0 && status.nextImageAt ? `; the next one frees up ${relative(status.nextImageAt)}.` : '.'));
  }
  if (status.guildImagesLeft !== null) lines.push(`**This server:** ${plural(status.guildImagesLeft, 'image')} left for the last 24 hours.`);
  const cooldown = status.limits.values.userCooldownSeconds;
  if (status.cooldownUntil) lines.push(`**Cooldown:** you can ask again ${relative(status.cooldownUntil)}.`);
  else if (cooldown > 0) lines.push(`**Cooldown:** ${formatDuration(cooldown * 1000)} between requests; you can ask now.`);
  else lines.push('**Cooldown:** none.');

  const snapshot = ctx.queue.snapshot();
  const running = snapshot.running.filter((r) => r.job.userId === member.userId);
  const queued = snapshot.queued.filter((q) => q.job.userId === member.userId);
  const maxQueued = status.limits.values.userMaxQueued;
  lines.push(`**Your jobs:** ${running.length} running, ${queued.length} waiting` +
    (maxQueued !== null ? ` (you may have ${maxQueued} at once)` : '') + (running.length + queued.length ? ':' : '.'));
  const jobLines = [
    ...running.map((r) => `• job ${r.job.id} “${short(r.job.params.prompt)}”: running` +
      (r.step !== null && r.totalSteps ? `, step ${r.step} of ${r.totalSteps}` : '') +
      `, done ${relative(now + r.remainingMs)}`),
    ...queued.map((q) => `• job ${q.job.id} “${short(q.job.params.prompt)}”: #${q.position} in the queue, ` +
      `starts ${relative(now + q.etaMs)}`),
  ];
  lines.push(...jobLines.slice(0, MAX_JOBS));
  if (jobLines.length > MAX_JOBS) lines.push(`• and ${jobLines.length - MAX_JOBS} more`);
  lines.push(`**Queue:** ${snapshot.queued.length} waiting, ${snapshot.running.length} running.`);
  lines.push(describeModel(ctx.modelInfo(), ctx.config.redis.url ? [] : ctx.config.models.executionProviders));

  await interaction.reply({ content: truncate(lines.join('\n')), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}

function short(prompt: string): string {
  const one = prompt.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
}
