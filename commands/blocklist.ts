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
import { memberLang, t, userError } from '../src/i18n/index.ts';

export const data = new SlashCommandBuilder()
  .setName('blocklist')
  .setDescription('Words and patterns that prompts here may not contain (moderators)')
  .setDefaultMemberPermissions(MODERATOR_PERMISSION)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) =>
    s
      .setName('add')
      .setDescription('Block a word, a phrase, or a /regular expression/')
      .addStringOption((o) =>
        o
          .setName('pattern')
          .setDescription('e.g. gore, "blood bath", or /sk(u|e)ll?s?/')
          .setRequired(true)
          .setMaxLength(200),
      ),
  )
  .addSubcommand((s) =>
    s
      .setName('remove')
      .setDescription('Unblock an entry, written as it was added')
      .addStringOption((o) =>
        o.setName('pattern').setDescription('The entry to remove').setRequired(true).setMaxLength(200),
      ),
  )
  .addSubcommand((s) => s.setName('list').setDescription("Show this server's entries and the built-in list"));

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  const guildId = requireModerator(interaction);
  const { moderation } = ctx.stores;
  const sub = interaction.options.getSubcommand();
  const moderatorId = interaction.user.id;
  const lang = memberLang(interaction);

  if (sub === 'add') {
    const pattern = interaction.options.getString('pattern', true);
    const { added, entry } = moderation.blocklistAdd({ guildId, pattern, moderatorId }, ctx.now());
    await replyPrivately(
      interaction,
      added
        ? t(lang, 'blocklist.added', { pattern: entry.pattern })
        : t(lang, 'blocklist.already', {
            pattern: entry.pattern,
            user: `<@${entry.addedBy}>`,
            when: relative(entry.addedAt),
          }),
    );
    return;
  }
  if (sub === 'remove') {
    const pattern = interaction.options.getString('pattern', true);
    const removed = moderation.blocklistRemove({ guildId, pattern, moderatorId }, ctx.now());
    if (!removed) {
      const builtin = builtinBlocklist.includes(pattern.trim().toLowerCase());
      throw userError('not-found', builtin ? 'blocklist.builtin' : 'blocklist.notFound', { pattern: pattern.trim() });
    }
    await replyPrivately(interaction, t(lang, 'blocklist.removed', { pattern: pattern.trim() }));
    return;
  }
  if (sub === 'list') {
    const entries = moderation.blocklist(guildId);
    const lines = entries.map((e) => `• \`${e.pattern}\` (<@${e.addedBy}>, ${relative(e.addedAt)})`);
    // The built-in list comes first so that a long server list is what gets cut short.
    await replyPrivately(
      interaction,
      truncate(
        `${t(lang, 'blocklist.builtinList', { words: builtinBlocklist.map((w) => `\`${w}\``).join(', ') })}\n\n` +
          `${t(lang, 'blocklist.serverList', { count: entries.length })}\n` +
          (lines.length ? lines.join('\n') : t(lang, 'blocklist.empty')),
      ),
    );
    return;
  }
  throw new UserError(`/blocklist has no "${sub}" subcommand.`);
}
