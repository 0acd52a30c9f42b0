/**
 * /help (anyone, private, in the member's language): what the bot does, each command in one line, the buttons under
 * an image, the prompt flags, the member's own limits here, and where the model's abilities end. Members with
 * Manage Server also see the moderator commands.
 */
import { EmbedBuilder, InteractionContextType, MessageFlags, SlashCommandBuilder, type APIEmbed } from 'discord.js';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import { MODERATOR_PERMISSION, memberOf } from '../src/discord/moderation.ts';
import { colourNames, positionPhrases, positionNames, shapes } from '../src/demo/world.ts';
import { commandName, optionName } from '../src/i18n/commands.ts';
import { formatDuration, formatList, memberLang, translator, type Lang, type Translate } from '../src/i18n/index.ts';

export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What Atelier does, its commands and buttons, and your limits')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

const COLOUR = 0x5865f2;

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  const lang = memberLang(interaction);
  const tr = translator(lang);
  const moderator = interaction.inGuild() && !!interaction.memberPermissions?.has(MODERATOR_PERMISSION);
  const embeds: APIEmbed[] = [
    section(tr('help.title'), [
      tr('help.intro', { imagine: `\`/${commandName(lang, 'imagine')}\`` }),
      '',
      `**${tr('help.commands')}**`,
      ...commandLines(lang, tr),
    ]),
    section(tr('help.buttons'), buttonLines(tr)),
    section(tr('help.flags'), [tr('help.flagsText'), ...(lang === 'en-US' ? [] : ['', tr('help.english')])]),
    section(tr('help.limits'), limitLines(interaction, ctx, lang, tr)),
    section(tr('help.model'), [modelText(ctx, lang, tr)]),
  ];
  if (moderator) embeds.push(section(tr('help.moderators'), moderatorLines(lang, tr)));
  await interaction.reply({ embeds, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}

function section(title: string, lines: string[]): APIEmbed {
  return new EmbedBuilder().setTitle(title).setDescription(lines.join('\n')).setColor(COLOUR).toJSON();
}

const line = (lang: Lang, command: string, text: string) => `• \`/${commandName(lang, command)}\`: ${text}`;

function commandLines(lang: Lang, tr: Translate): string[] {
  return [
    line(lang, 'imagine', tr('help.cmd.imagine')),
    line(lang, 'info', tr('help.cmd.info')),
    line(lang, 'queue', tr('help.cmd.queue')),
    line(lang, 'settings', tr('help.cmd.settings')),
    line(lang, 'help', tr('help.cmd.help')),
    `• ${tr('help.cmd.vary', { name: commandName(lang, 'Vary this image') })}`,
  ];
}

function buttonLines(tr: Translate): string[] {
  return [
    tr('help.button.upscale'),
    tr('help.button.vary'),
    tr('help.button.subtle', { subtle: `🪄 ${tr('button.subtle')}`, strong: `🪄 ${tr('button.strong')}` }),
    tr('help.button.region', { region: `🖌️ ${tr('button.region')}` }),
    tr('help.button.zoom', { zoom2: `🔍 ${tr('button.zoom2')}`, zoom15: `🔍 ${tr('button.zoom15')}` }),
    tr('help.button.pan'),
    tr('help.button.upscaleMore', {
      subtle: `⏫ ${tr('button.upscaleSubtle')}`,
      creative: `⏫ ${tr('button.upscaleCreative')}`,
    }),
    tr('help.button.reroll', { reroll: `🔄 ${tr('button.reroll')}` }),
    tr('help.button.info', { info: `ℹ️ ${tr('button.info')}` }),
    tr('help.button.delete', { delete: `🗑️ ${tr('button.delete')}` }),
    tr('help.button.cancel', { cancel: tr('button.cancel') }),
  ].map((s) => `• ${s}`);
}

function limitLines(interaction: CommandInteraction, ctx: AppContext, lang: Lang, tr: Translate): string[] {
  const status = ctx.stores.quota.status(memberOf(interaction), ctx.now());
  const v = status.limits.values;
  const b = ctx.config.bounds;
  const lines: string[] = [];
  if (status.ban) lines.push(`**${tr('help.limit.banned')}**`);
  if (v.userImagesPerDay === null) lines.push(tr('help.limit.imagesUnlimited'));
  else if (v.userImagesPerDay === 0) lines.push(tr('help.limit.imagesNone'));
  else
    lines.push(tr('help.limit.images', { left: status.imagesLeft ?? v.userImagesPerDay, count: v.userImagesPerDay }));
  lines.push(
    v.userCooldownSeconds > 0
      ? tr('help.limit.cooldown', { duration: formatDuration(lang, v.userCooldownSeconds * 1000) })
      : tr('help.limit.noCooldown'),
  );
  lines.push(tr('help.limit.queued', { count: v.userMaxQueued ?? ctx.config.queue.maxPerUser }));
  lines.push(
    tr('help.limit.size', {
      width: Math.min(v.maxWidth ?? b.maxWidth, b.maxWidth),
      height: Math.min(v.maxHeight ?? b.maxHeight, b.maxHeight),
      steps: Math.min(v.maxSteps ?? b.maxSteps, b.maxSteps),
      images: Math.min(v.maxImagesPerRequest ?? b.maxImages, b.maxImages),
    }),
  );
  if (!v.allowUploads) lines.push(tr('help.limit.uploadsOff'));
  return lines.map((s) => `• ${s}`);
}

function modelText(ctx: AppContext, lang: Lang, tr: Translate): string {
  const info = ctx.modelInfo();
  if (!info) return tr('help.modelLoading');
  if (info.family !== 'demo') return tr('help.modelReal', { name: info.name });
  const words = (list: readonly string[]) =>
    formatList(
      lang,
      list.map((w) => `\`${w}\``),
      'disjunction',
    );
  return tr('help.modelDemo', {
    shapes: words(shapes),
    colours: words(colourNames),
    positions: words(positionNames.map((p) => positionPhrases[p][0]!)),
  });
}

function moderatorLines(lang: Lang, tr: Translate): string[] {
  return [
    line(lang, 'limits', tr('help.mod.limits')),
    line(lang, 'ban', tr('help.mod.ban')),
    line(lang, 'unban', tr('help.mod.unban')),
    line(lang, 'blocklist', tr('help.mod.blocklist')),
    line(lang, 'usage', tr('help.mod.usage')),
    line(lang, 'modlog', tr('help.mod.modlog')),
    line(lang, 'health', tr('help.mod.health')),
    `• \`/${commandName(lang, 'queue')} ${optionName(lang, 'queue', 'remove')}\`: ${tr('help.mod.queueRemove')}`,
    '',
    tr('help.mod.buttons'),
  ];
}
