/**
 * /health (Manage Server, private): the same state as the health endpoint's /readyz: the gateway, the database, the
 * inference process with its model and execution provider (and why it fell back, if it did), and the queue.
 */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import { MODERATOR_PERMISSION, replyPrivately, requireModerator } from '../src/discord/moderation.ts';
import { describeHealth } from '../src/health/server.ts';
import { memberLang, t } from '../src/i18n/index.ts';

export const data = new SlashCommandBuilder()
  .setName('health')
  .setDescription('Moderators: is the bot healthy? Gateway, database, inference process, model and device, queue')
  .setDefaultMemberPermissions(MODERATOR_PERMISSION)
  .setContexts(InteractionContextType.Guild);

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  requireModerator(interaction);
  const report = ctx.health?.();
  const lang = memberLang(interaction);
  await replyPrivately(interaction, report ? describeHealth(report, lang) : t(lang, 'health.unavailable'));
}
