/** /unban user: lifts a member's ban from the bot in this server. Written to the audit log. */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import { MODERATOR_PERMISSION, replyPrivately, requireModerator } from '../src/discord/moderation.ts';
import { memberLang, t } from '../src/i18n/index.ts';

export const data = new SlashCommandBuilder()
  .setName('unban')
  .setDescription('Let a banned member use Atelier again in this server (moderators)')
  .setDefaultMemberPermissions(MODERATOR_PERMISSION)
  .setContexts(InteractionContextType.Guild)
  .addUserOption((o) => o.setName('user').setDescription('Whose ban to lift').setRequired(true))
  .addStringOption((o) => o.setName('reason').setDescription('Why (kept in the audit log)').setMaxLength(300));

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  const guildId = requireModerator(interaction);
  const user = interaction.options.getUser('user', true);
  const reason = interaction.options.getString('reason')?.trim() || null;
  const lifted = ctx.stores.moderation.unban(
    { guildId, userId: user.id, moderatorId: interaction.user.id, reason },
    ctx.now(),
  );
  const lang = memberLang(interaction);
  const mention = `<@${user.id}>`;
  await replyPrivately(
    interaction,
    !lifted
      ? t(lang, 'unban.notBanned', { user: mention })
      : lifted.reason
        ? t(lang, 'unban.doneReason', { user: mention, reason: lifted.reason })
        : t(lang, 'unban.done', { user: mention }),
  );
}
