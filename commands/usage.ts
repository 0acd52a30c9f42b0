/**
 * /usage period? user?: what the bot did in this server over a period (or for one member): totals, top users,
 * refusals by reason, and a chart of images per day (UTC days).
 */
import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import { imagesPerDayPng } from '../src/discord/chart.ts';
import {
  MODERATOR_PERMISSION,
  PERIOD_MS,
  formatRefusals,
  formatTopUsers,
  formatTotals,
  periodText,
  relative,
  replyPrivately,
  requireModerator,
  type UsagePeriod,
} from '../src/discord/moderation.ts';
import { memberLang, t } from '../src/i18n/index.ts';

const DAY_MS = 86_400_000;

export const data = new SlashCommandBuilder()
  .setName('usage')
  .setDescription('How much Atelier was used here: totals, top users, refusals, a chart (moderators)')
  .setDefaultMemberPermissions(MODERATOR_PERMISSION)
  .setContexts(InteractionContextType.Guild)
  .addStringOption((o) =>
    o
      .setName('period')
      .setDescription('How far back (a week if left out)')
      .addChoices(
        { name: 'day (last 24 hours)', value: 'day' },
        { name: 'week (last 7 days)', value: 'week' },
        { name: 'month (last 30 days)', value: 'month' },
      ),
  )
  .addUserOption((o) => o.setName('user').setDescription('Only this member'));

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  const guildId = requireModerator(interaction);
  const period = (interaction.options.getString('period') ?? 'week') as UsagePeriod;
  const user = interaction.options.getUser('user');
  const lang = memberLang(interaction);
  // Rendering the chart takes a moment: acknowledge first (privately), then fill in.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const { usage } = ctx.stores;
  const now = ctx.now();
  const filter = {
    since: now - (PERIOD_MS[period] ?? PERIOD_MS.week),
    until: now + 1,
    guildId,
    ...(user && { userId: user.id }),
  };
  const totals = usage.totals(filter);
  const refusals = usage.refusals(filter, 5);
  // The chart shows whole UTC days, at least a week of them, so that a "day" report still shows a trend.
  const days = Math.max(7, Math.round(PERIOD_MS[period] / DAY_MS));
  const chartSince = (Math.floor(now / DAY_MS) - (days - 1)) * DAY_MS;
  const perDay = usage.imagesPerDay({ since: chartSince, until: now + 1, guildId, ...(user && { userId: user.id }) });
  const png = await imagesPerDayPng(perDay, {
    title: `Images per day${user ? ` for ${user.username}` : ''}, last ${days} days (UTC)`,
  });

  const sections = [
    user
      ? t(lang, 'usage.headUser', { user: `<@${user.id}>`, period: periodText(lang, period) })
      : t(lang, 'usage.head', { period: periodText(lang, period) }),
    formatTotals(totals, lang),
    ...(user ? [] : [`${t(lang, 'usage.top')}\n${formatTopUsers(usage.topUsers(filter, 5), lang)}`]),
    t(lang, 'usage.refusals', { list: formatRefusals(refusals.byReason, lang) }),
  ];
  if (refusals.recent.length) {
    sections.push(
      `${t(lang, 'usage.latest')}\n` +
        refusals.recent
          .map(
            (r) =>
              `${relative(r.at)} <@${r.userId}> \`${r.reasonCode ?? 'other'}\`` +
              (r.prompt ? `: “${r.prompt.length > 60 ? `${r.prompt.slice(0, 60)}…` : r.prompt}”` : ''),
          )
          .join('\n'),
    );
  }
  await replyPrivately(interaction, sections.join('\n\n'), {
    files: [{ attachment: png, name: 'usage.png', description: t(lang, 'usage.chartDescription', { days }) }],
  });
}
