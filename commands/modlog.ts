/** /modlog page? moderator? target?: the audit log of moderator actions in this server, newest first. */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import {
  MAX_CONTENT,
  MODERATOR_PERMISSION,
  formatAuditEntry,
  replyPrivately,
  requireModerator,
} from '../src/discord/moderation.ts';
import { memberLang, t } from '../src/i18n/index.ts';

/** Entries per page: ten lines stay well inside a message. */
export const PAGE_SIZE = 10;
const MAX_PAGE = 100;

export const data = new SlashCommandBuilder()
  .setName('modlog')
  .setDescription('Recent moderator actions in this server (moderators)')
  .setDefaultMemberPermissions(MODERATOR_PERMISSION)
  .setContexts(InteractionContextType.Guild)
  .addIntegerOption((o) => o.setName('page').setDescription('1 is the newest').setMinValue(1).setMaxValue(MAX_PAGE))
  .addUserOption((o) => o.setName('moderator').setDescription('Only actions by this moderator'))
  .addUserOption((o) => o.setName('target').setDescription('Only actions about this member'));

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  const guildId = requireModerator(interaction);
  const page = interaction.options.getInteger('page') ?? 1;
  const moderator = interaction.options.getUser('moderator');
  const target = interaction.options.getUser('target');
  // One more than the page needs, to know whether there is a next page.
  const entries = ctx.stores.audit.list({
    guildId,
    limit: page * PAGE_SIZE + 1,
    ...(moderator && { moderatorId: moderator.id }),
    ...(target && { targetId: target.id }),
  });
  const shown = entries.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const lang = memberLang(interaction);
  const filters = [
    moderator && t(lang, 'modlog.by', { user: `<@${moderator.id}>` }),
    target && t(lang, 'modlog.about', { user: `<@${target.id}>` }),
  ]
    .filter(Boolean)
    .join(' ');
  const title = filters ? t(lang, 'modlog.titleFiltered', { filters, page }) : t(lang, 'modlog.title', { page });
  const head = `${title}${shown.length ? t(lang, 'modlog.newestFirst') : ''}:`;
  if (!shown.length) {
    await replyPrivately(interaction, `${head}\n${t(lang, page === 1 ? 'modlog.nothing' : 'modlog.tooFar')}`);
    return;
  }
  const more = entries.length > page * PAGE_SIZE ? `\n${t(lang, 'modlog.more', { page: page + 1 })}` : '';
  // Long entries (many limits reset at once) are cut one by one, so the page keeps all its lines.
  const budget = Math.floor((MAX_CONTENT - head.length - more.length - 20) / shown.length);
  const lines = shown.map((e) => {
    const line = formatAuditEntry(e, lang);
    return line.length > budget ? `${line.slice(0, budget - 1)}…` : line;
  });
  await replyPrivately(interaction, `${head}\n${lines.join('\n')}${more}`);
}
