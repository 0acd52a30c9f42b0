/**
 * /blocklist add | remove | list: words, phrases or /regex/ patterns that prompts in this server may not contain.
 * Matching ignores case, accents and spacing tricks (src/moderation/blocklist.ts). Changes are audited.
 */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import {
  MODERATOR_PERMISSION,
  relative,
  replyPrivately,
  requireModerator,
  truncate,
} from '../src/discord/moderation.ts';
import { builtinBlocklist } from '../src/moderation/blocklist.ts';
import { UserError } from '../src/errors.ts';

export const data = new SlashCommandBuilder()
  .setName('blocklist')
  .setDescription('Words and patterns that prompts here may not contain (moderators)')
  .setDefaultMemberPermissions(MODERATOR_PERMISSION)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) => s
    .setName('add')
    .setDescription('Block a word, a phrase, or a /regular expression/')
    .addStringOption((o) => o.setName('pattern').setDescription('e.g. gore, "blood bath", or /sk(u|e)ll?s?/')
      .setRequired(true).setMaxLength(200)))
  .addSubcommand((s) => s
    .setName('remove')
    .setDescription('Unblock an entry, written as it was added')
    .addStringOption((o) => o.setName('pattern').setDescription('The entry to remove').setRequired(true).setMaxLength(200)))
  .addSubcommand((s) => s.setName('list').setDescription('Show this server\'s entries and the built-in list'));

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  const guildId = requireModerator(interaction);
  const { moderation } = ctx.stores;
  const sub = interaction.options.getSubcommand();
  const moderatorId = interaction.user.id;

  if (sub === 'add') {
    const pattern = interaction.options.getString('pattern', true);
    const { added, entry } = moderation.blocklistAdd({ guildId, pattern, moderatorId }, ctx.now());
    await replyPrivately(interaction, added
      ? `Added \`${entry.pattern}\` to this server's blocklist. Prompts containing it are refused from now on ` +
        '(case, accents and spacing tricks included).'
      : `\`${entry.pattern}\` is already on the blocklist (added by <@${entry.addedBy}> ${relative(entry.addedAt)}).`);
    return;
  }
  if (sub === 'remove') {
    const pattern = interaction.options.getString('pattern', true);
    const removed = moderation.blocklistRemove({ guildId, pattern, moderatorId }, ctx.now());
    if (!removed) {
      const builtin = builtinBlocklist.includes(pattern.trim().toLowerCase());
      throw new UserError(builtin
        ? `\`${pattern.trim()}\` is on the built-in list, which applies in channels not marked age-restricted; it cannot be removed. ` +
          'Mark a channel age-restricted to allow it there.'
        : `\`${pattern.trim()}\` is not on this server's blocklist. \`/blocklist list\` shows the entries as written.`, 'not-found');
    }
    await replyPrivately(interaction, `Removed \`${pattern.trim()}\` from this server's blocklist.`);
    return;
  }
  if (sub === 'list') {
    const entries = moderation.blocklist(guildId);
    const lines = entries.map((e) => `• \`${e.pattern}\` (<@${e.addedBy}>, ${relative(e.addedAt)})`);
    // The built-in list comes first so that a long server list is what gets cut short.
    await replyPrivately(interaction, truncate(
      `**Built-in list**, applied in channels not marked age-restricted: ${builtinBlocklist.map((w) => `\`${w}\``).join(', ')}.\n\n` +
      `**This server's blocklist** (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}):\n` +
      (lines.length ? lines.join('\n') : 'Empty. Add entries with `/blocklist add`.')));
    return;
  }
  throw new UserError(`/blocklist has no "${sub}" subcommand.`);
}
