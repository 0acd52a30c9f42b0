/**
 * /ban user reason duration?: stops a member from using Atelier in this server (not a Discord ban). Without a
 * duration the ban lasts until /unban. Written to the audit log.
 */
import { InteractionContextType, PermissionsBitField, SlashCommandBuilder } from 'discord.js';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import {
  MODERATOR_PERMISSION,
  absolute,
  parseDuration,
  relative,
  replyPrivately,
  requireModerator,
} from '../src/discord/moderation.ts';
import { formatDuration, memberLang, t, userError } from '../src/i18n/index.ts';

export const data = new SlashCommandBuilder()
  .setName('ban')
  .setDescription('Stop a member from using Atelier in this server (moderators)')
  .setDefaultMemberPermissions(MODERATOR_PERMISSION)
  .setContexts(InteractionContextType.Guild)
  .addUserOption((o) => o.setName('user').setDescription('Who to ban from the bot').setRequired(true))
  .addStringOption((o) =>
    o
      .setName('reason')
      .setDescription('Why (shown to them when they try to use the bot)')
      .setRequired(true)
      .setMaxLength(300),
  )
  .addStringOption((o) =>
    o.setName('duration').setDescription('How long, e.g. 1h, 7d, 2w (no end if left out)').setMaxLength(40),
  );

/** Whether the raw or cached member the interaction resolved has Manage Server. */
function isModerator(member: unknown): boolean {
  if (!member || typeof member !== 'object' || !('permissions' in member)) return false;
  const p = (member as { permissions: unknown }).permissions;
  const bits = p instanceof PermissionsBitField ? p : typeof p === 'string' ? new PermissionsBitField(BigInt(p)) : null;
  return bits?.has(MODERATOR_PERMISSION) ?? false;
}

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  const guildId = requireModerator(interaction);
  const user = interaction.options.getUser('user', true);
  const reason = interaction.options.getString('reason', true).trim();
  const durationText = interaction.options.getString('duration');
  if (!reason) throw userError('bad-reason', 'ban.noReason');
  if (user.id === interaction.user.id) throw userError('bad-target', 'ban.self');
  if (user.bot) throw userError('bad-target', 'ban.bot', { user: `<@${user.id}>` });
  if (isModerator(interaction.options.getMember('user')))
    throw userError('bad-target', 'ban.moderator', { user: `<@${user.id}>` });
  const now = ctx.now();
  const durationMs = durationText ? parseDuration(durationText) : null;
  const ban = ctx.stores.moderation.ban(
    {
      guildId,
      userId: user.id,
      moderatorId: interaction.user.id,
      reason,
      expiresAt: durationMs === null ? null : now + durationMs,
    },
    now,
  );
  const lang = memberLang(interaction);
  const until =
    ban.expiresAt === null
      ? t(lang, 'ban.noEnd')
      : t(lang, 'ban.until', {
          duration: formatDuration(lang, durationMs!),
          date: absolute(ban.expiresAt),
          relative: relative(ban.expiresAt),
        });
  const cancelled = cancelQueuedJobs(ctx, guildId, user.id, interaction.user.id, reason);
  await replyPrivately(
    interaction,
    `${t(lang, 'ban.done', { user: `<@${user.id}>`, until, reason })}\n` +
      (cancelled ? t(lang, 'ban.cancelled', { count: cancelled }) : t(lang, 'ban.noJobs')),
  );
}

/** A ban also clears the member's waiting jobs in this server: refunded and audited by the queue, like /queue remove. */
function cancelQueuedJobs(
  ctx: AppContext,
  guildId: string,
  userId: string,
  moderatorId: string,
  reason: string,
): number {
  const waiting = ctx.queue.snapshot().queued.filter(({ job }) => job.userId === userId && job.guildId === guildId);
  let cancelled = 0;
  for (const { job } of waiting) {
    if (ctx.queue.cancel(job.id, moderatorId, { moderator: true, reason: `banned: ${reason}` }).cancelled) cancelled++;
  }
  return cancelled;
}
