/**
 * /limits show | set | reset: the server's limits, and overrides for a role or a user. Changes apply to the next
 * request (every check reads the table) and are written to the audit log with the value before and after.
 */
import {
  InteractionContextType,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type Role,
  type APIRole,
  type User,
} from 'discord.js';
import type { CommandInteraction } from '../src/discord/command.ts';
import type { AppContext } from '../src/discord/context.ts';
import { chooseModel } from '../src/discord/models.ts';
import {
  MODERATOR_PERMISSION,
  formatEffectiveLimits,
  formatOverrides,
  limitKeyChoices,
  limitLabel,
  limitValueText,
  replyPrivately,
  requireModerator,
  roleIdsOf,
  targetText,
} from '../src/discord/moderation.ts';
import { UserError } from '../src/errors.ts';
import { memberLang, t as tr, userError, type Lang } from '../src/i18n/index.ts';
import type { LimitKey, LimitScope, LimitValue } from '../src/limits/settings.ts';

const levelChoices = [
  { name: 'server (everyone here)', value: 'guild' },
  { name: 'role (members with a role)', value: 'role' },
  { name: 'user (one member)', value: 'user' },
];

export const data = new SlashCommandBuilder()
  .setName('limits')
  .setDescription('See or change how much people may use Atelier here (moderators)')
  .setDefaultMemberPermissions(MODERATOR_PERMISSION)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) =>
    s
      .setName('show')
      .setDescription('The limits in force: for the server, or for a role or a member')
      .addRoleOption((o) => o.setName('role').setDescription('Show the overrides of this role'))
      .addUserOption((o) => o.setName('user').setDescription('Show the limits that apply to this member')),
  )
  .addSubcommand((s) =>
    s
      .setName('set')
      .setDescription('Change one limit for the server, a role or a member (applies at once)')
      .addStringOption((o) =>
        o
          .setName('level')
          .setDescription('Who the limit is for')
          .setRequired(true)
          .addChoices(...levelChoices),
      )
      .addStringOption((o) =>
        o
          .setName('key')
          .setDescription('Which limit')
          .setRequired(true)
          .addChoices(...limitKeyChoices),
      )
      .addStringOption((o) =>
        o
          .setName('value')
          .setDescription('A number, "unlimited", 0, or yes/no for switches')
          .setRequired(true)
          .setMaxLength(20),
      )
      .addRoleOption((o) => o.setName('role').setDescription('The role (for level role)'))
      .addUserOption((o) => o.setName('user').setDescription('The member (for level user)')),
  )
  .addSubcommand((s) =>
    s
      .setName('reset')
      .setDescription('Remove an override so the level below applies again')
      .addStringOption((o) =>
        o
          .setName('level')
          .setDescription('Whose override')
          .setRequired(true)
          .addChoices(...levelChoices),
      )
      .addStringOption((o) =>
        o
          .setName('key')
          .setDescription('Which limit (all of them if left out)')
          .addChoices(...limitKeyChoices),
      )
      .addRoleOption((o) => o.setName('role').setDescription('The role (for level role)'))
      .addUserOption((o) => o.setName('user').setDescription('The member (for level user)')),
  );

export async function execute(interaction: CommandInteraction, ctx: AppContext): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  const guildId = requireModerator(interaction);
  const sub = interaction.options.getSubcommand();
  if (sub === 'show') return show(interaction, ctx, guildId);
  if (sub === 'set') return set(interaction, ctx, guildId);
  if (sub === 'reset') return reset(interaction, ctx, guildId);
  throw new UserError(`/limits has no "${sub}" subcommand.`);
}

/** The level and its target from the options, refusing combinations that do not say one clear thing. */
function target(interaction: ChatInputCommandInteraction): {
  scope: LimitScope;
  targetId: string | undefined;
  role: Role | APIRole | null;
  user: User | null;
} {
  const scope = interaction.options.getString('level', true) as LimitScope;
  const role = interaction.options.getRole('role');
  const user = interaction.options.getUser('user');
  if (scope === 'guild') {
    if (role || user) throw userError('bad-target', 'mod.target.guildWithTarget');
    return { scope, targetId: undefined, role, user };
  }
  if (scope === 'role') {
    if (!role) throw userError('bad-target', 'mod.target.roleNeedsRole');
    if (user) throw userError('bad-target', 'mod.target.roleNotUser');
    if (role.id === interaction.guildId) throw userError('bad-target', 'mod.target.everyone');
    return { scope, targetId: role.id, role, user };
  }
  if (scope === 'user') {
    if (!user) throw userError('bad-target', 'mod.target.userNeedsUser');
    if (role) throw userError('bad-target', 'mod.target.userNotRole');
    return { scope, targetId: user.id, role, user };
  }
  throw userError('bad-target', 'mod.target.level', { level: String(scope) });
}

async function show(interaction: ChatInputCommandInteraction, ctx: AppContext, guildId: string): Promise<void> {
  const { limits } = ctx.stores;
  const lang = memberLang(interaction);
  const role = interaction.options.getRole('role');
  const user = interaction.options.getUser('user');
  if (role && user) throw userError('bad-target', 'mod.target.showOne');
  if (user) {
    const roleIds = roleIdsOf(interaction.options.getMember('user'), guildId);
    const effective = limits.resolve({ guildId, userId: user.id, roleIds });
    const own = limits.list({ guildId, scope: 'user', targetId: user.id });
    await replyPrivately(
      interaction,
      `${tr(lang, 'limits.show.user', { user: `<@${user.id}>` })}\n` +
        `${formatEffectiveLimits(effective, lang)}\n\n${own.length ? formatOverrides(own, lang) : tr(lang, 'limits.show.userNoOwn')}`,
    );
    return;
  }
  if (role) {
    const own = limits.list({ guildId, scope: 'role', targetId: role.id });
    await replyPrivately(
      interaction,
      `${tr(lang, 'limits.show.role', { role: `<@&${role.id}>` })}\n` +
        (own.length ? formatOverrides(own, lang) : tr(lang, 'limits.show.roleNone')) +
        `\n${tr(lang, 'limits.show.roleRule')}`,
    );
    return;
  }
  // The server's limits are what a member with no roles and no overrides of their own gets.
  const effective = limits.resolve({ guildId, userId: '0', roleIds: [] });
  const all = limits.list({ guildId });
  await replyPrivately(
    interaction,
    `${tr(lang, 'limits.show.guild')}\n${formatEffectiveLimits(effective, lang)}\n\n` +
      `${tr(lang, 'limits.show.overrides')}\n${formatOverrides(all, lang)}\n\n${tr(lang, 'limits.show.hint')}`,
  );
}

function describe(lang: Lang, key: LimitKey, value: LimitValue | undefined): string {
  return value === undefined ? tr(lang, 'limits.notSet') : `**${limitValueText(lang, key, value)}**`;
}

async function set(interaction: ChatInputCommandInteraction, ctx: AppContext, guildId: string): Promise<void> {
  const t = target(interaction);
  const lang = memberLang(interaction);
  const typed = interaction.options.getString('key', true);
  let value = interaction.options.getString('value', true);
  // A default model must be installed now (it is looked up by name at each /imagine): refused with the list if not.
  if (typed === 'defaultModel' && value.trim().toLowerCase() !== 'default') value = chooseModel(ctx, value, null)!.name;
  // The store checks the key and the value, refusing a bad one with the list or the form to use.
  const { before, after } = ctx.stores.limits.set(
    {
      guildId,
      scope: t.scope,
      targetId: t.targetId,
      key: typed,
      value,
      moderatorId: interaction.user.id,
    },
    ctx.now(),
  );
  const key = typed as LimitKey; // set() accepted it
  const effective =
    t.scope === 'guild' && before === undefined
      ? tr(lang, 'limits.defaultWas', { value: limitValueText(lang, key, ctx.stores.limits.defaults[key]) })
      : '';
  await replyPrivately(
    interaction,
    tr(lang, 'limits.set', {
      key,
      label: limitLabel(lang, key),
      target: targetText(t.scope, t.targetId, lang),
      before: describe(lang, key, before),
      default: effective,
      after: describe(lang, key, after),
    }),
  );
}

async function reset(interaction: ChatInputCommandInteraction, ctx: AppContext, guildId: string): Promise<void> {
  const t = target(interaction);
  const key = interaction.options.getString('key') ?? undefined;
  const removed = ctx.stores.limits.reset(
    { guildId, scope: t.scope, targetId: t.targetId, key, moderatorId: interaction.user.id },
    ctx.now(),
  );
  const lang = memberLang(interaction);
  const who = targetText(t.scope, t.targetId, lang);
  if (!removed.length) {
    await replyPrivately(
      interaction,
      key ? tr(lang, 'limits.resetNothingKey', { target: who, key }) : tr(lang, 'limits.resetNothing', { target: who }),
    );
    return;
  }
  const list = removed
    .map((o) => tr(lang, 'limits.resetWas', { key: o.key, value: limitValueText(lang, o.key, o.value) }))
    .join(', ');
  await replyPrivately(
    interaction,
    tr(lang, 'limits.reset', {
      count: removed.length,
      target: who,
      list,
      next: tr(lang, t.scope === 'guild' ? 'limits.defaultsApply' : 'limits.guildApplies'),
    }),
  );
}
