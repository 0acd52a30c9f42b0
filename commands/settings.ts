/**
 * /settings show | set | reset (anyone, private): a member's own defaults for /imagine, kept in SQLite: aspect
 * ratio, steps, and whether to post their images as spoilers.
 */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import type { SettingsPatch, UserSettings } from '../src/db/settings.ts';
import { UserError } from '../src/errors.ts';
import { memberOf, replyPrivately } from '../src/discord/moderation.ts';
import { memberLang, translator, userError, type Translate } from '../src/i18n/index.ts';

/** The aspect ratios /imagine offers; 'default' clears the setting. */
export const ASPECT_RATIOS = ['1:1', '3:2', '2:3', '16:9', '9:16'] as const;

export const data = new SlashCommandBuilder()
  .setName('settings')
  .setDescription('Your own defaults for /imagine')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addSubcommand((s) => s.setName('show').setDescription('Show your defaults'))
  .addSubcommand((s) =>
    s
      .setName('set')
      .setDescription('Change one or more of your defaults')
      .addStringOption((o) =>
        o
          .setName('aspect_ratio')
          .setDescription('Shape of your images')
          .addChoices(...ASPECT_RATIOS.map((r) => ({ name: r, value: r })), {
            name: "the bot's default",
            value: 'default',
          }),
      )
      .addIntegerOption((o) =>
        o.setName('steps').setDescription("Denoising steps (0: the model's default)").setMinValue(0).setMaxValue(200),
      )
      .addBooleanOption((o) => o.setName('spoiler').setDescription('Post your images as spoilers'))
      .addBooleanOption((o) =>
        o.setName('remix').setDescription('Edit the prompt before variations, rerolls, zooms and pans run'),
      ),
  )
  .addSubcommand((s) => s.setName('reset').setDescription('Forget your defaults'));

function describe(s: UserSettings, spoilerRequired: boolean, maxSteps: number | null, tr: Translate): string {
  const steps =
    s.steps === null
      ? tr('settings.modelDefault')
      : maxSteps !== null && s.steps > maxSteps
        ? tr('settings.capped', { steps: s.steps, max: maxSteps })
        : String(s.steps);
  return [
    tr('settings.aspect', { value: s.aspectRatio ?? tr('settings.botDefaultRatio') }),
    tr('settings.steps', { value: steps }),
    tr('settings.spoiler', {
      value: tr(s.spoiler ? 'settings.yes' : 'settings.no'),
      note: spoilerRequired && !s.spoiler ? tr('settings.spoilerForced') : '',
    }),
    tr('settings.remix', { value: tr(s.remix ? 'settings.yes' : 'settings.no') }),
  ].join('\n');
}

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  const tr = translator(memberLang(interaction));
  const { settings } = ctx.stores;
  const userId = interaction.user.id;
  const limits = ctx.stores.limits.resolve(memberOf(interaction)).values;
  const show = (s: UserSettings) => describe(s, limits.spoilerRequired, limits.maxSteps, tr);
  const sub = interaction.options.getSubcommand();

  if (sub === 'show') {
    const current = settings.get(userId);
    const title = `${tr('settings.title')}${current.updatedAt === null ? tr('settings.never') : ''}${tr('info.cmd.listFollows')}`;
    await replyPrivately(interaction, `${title}\n${show(current)}\n${tr('settings.hint')}`);
    return;
  }
  if (sub === 'set') {
    const patch: SettingsPatch = {};
    const ratio = interaction.options.getString('aspect_ratio');
    const steps = interaction.options.getInteger('steps');
    const spoiler = interaction.options.getBoolean('spoiler');
    if (ratio !== null) patch.aspectRatio = ratio === 'default' ? null : ratio;
    if (steps !== null) patch.steps = steps === 0 ? null : steps;
    if (spoiler !== null) patch.spoiler = spoiler;
    const remix = interaction.options.getBoolean('remix');
    if (remix !== null) patch.remix = remix;
    if (!Object.keys(patch).length) throw userError('bad-setting', 'settings.nothing');
    const saved = settings.set(userId, patch, ctx.now());
    await replyPrivately(interaction, `${tr('settings.saved')}\n${show(saved)}`);
    return;
  }
  if (sub === 'reset') {
    const had = settings.reset(userId);
    await replyPrivately(interaction, tr(had ? 'settings.forgotten' : 'settings.none'));
    return;
  }
  throw new UserError(`/settings has no "${sub}" subcommand.`);
}
