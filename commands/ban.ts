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
  formatDuration,
  parseDuration,
  relative,
  replyPrivately,
  requireModerator,
} from '../src/discord/moderation.ts';
import { UserError } from '../src/errors.ts';

export const data = new SlashCommandBuilder()
  .setName('ban')
  .setDescription('Stop a member from using Atelier in this server (moderators)')
  .setDefaultMemberPermissions(MODERATOR_PERMISSION)
  .setContexts(InteractionContextType.Guild)
  .addUserOption((o) => o.setName('user').setDescription('Who to ban from the bot').setRequired(true))
  .addStringOption((o) => o.setName('reason').setDescription('Why (shown to them when they try to use the bot)')
    .setRequired(true).setMaxLength(300))
  .addStringOption((o) => o.setName('duration').setDescription('How long, e.g. 1h, 7d, 2w (no end if left out)').setMaxLength(40));

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
  if (!reason) throw new UserError('Give a reason: it is kept in the audit log and shown to them.', 'bad-reason');
  if (user.id === interaction.user.id) throw new UserError('You cannot ban yourself.', 'bad-target');
  if (user.bot) throw new UserError(`<@${user.id}> is a bot: bots cannot use Atelier's commands anyway.`, 'bad-target');
  if (isModerator(interaction.options.getMember('user'))) {
    throw new UserError(`<@${user.id}> has the Manage Server permission here, so a ban would not hold (they could lift it). ` +
      'Take the permission away first if you really mean to.', 'bad-target');
  }
  const now = ctx.now();
  const durationMs = durationText ? parseDuration(durationText) : null;
  const ban = ctx.stores.moderation.ban({
    guildId, userId: user.id, moderatorId: interaction.user.id, reason, expiresAt: durationMs === null ? null : now + durationMs,
  }, now);
  const until = ban.expiresAt === null ? 'with no end date (lift it with `/unban`)'
    : `for ${formatDuration(durationMs!)}, until ${absolute(ban.expiresAt)} (${relative(ban.expiresAt)})`;
  const cancelled = cancelQueuedJobs(ctx, guildId, user.id, interaction.user.id, reason);
  await replyPrivately(interaction, `<@${user.id}> can no longer use Atelier in this server, ${until}. Reason: ${reason}\n` +
    (cancelled ? `Their ${cancelled} waiting job${cancelled === 1 ? ' was' : 's were'} cancelled (and refunded); a job already running finishes.`
      : 'They had no jobs waiting.'));
}

/** A ban also clears the member's waiting jobs in this server: refunded and audited by the queue, like /queue remove. */
function cancelQueuedJobs(ctx: AppContext, guildId: string, userId: string, moderatorId: string, reason: string): number {
  const waiting = ctx.queue.snapshot().queued.filter(({ job }) => job.userId === userId && job.guildId === guildId);
  let cancelled = 0;
  for (const { job } of waiting) {
    if (ctx.queue.cancel(job.id, moderatorId, { moderator: true, reason: `banned: ${reason}` }).cancelled) cancelled++;
  }
  return cancelled;
}
