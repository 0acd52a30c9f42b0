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
import {
  MODERATOR_PERMISSION,
  formatEffectiveLimits,
  formatOverrides,
  limitKeyChoices,
  replyPrivately,
  requireModerator,
  roleIdsOf,
  targetText,
} from '../src/discord/moderation.ts';
import { UserError } from '../src/errors.ts';
import { formatLimitValue, limitInfo, type LimitKey, type LimitScope, type LimitValue } from '../src/limits/settings.ts';

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
  .addSubcommand((s) => s
    .setName('show')
    .setDescription('The limits in force: for the server, or for a role or a member')
    .addRoleOption((o) => o.setName('role').setDescription('Show the overrides of this role'))
    .addUserOption((o) => o.setName('user').setDescription('Show the limits that apply to this member')))
  .addSubcommand((s) => s
    .setName('set')
    .setDescription('Change one limit for the server, a role or a member (applies at once)')
    .addStringOption((o) => o.setName('level').setDescription('Who the limit is for').setRequired(true).addChoices(...levelChoices))
    .addStringOption((o) => o.setName('key').setDescription('Which limit').setRequired(true).addChoices(...limitKeyChoices))
    .addStringOption((o) => o.setName('value').setDescription('A number, "unlimited", 0, or yes/no for switches')
      .setRequired(true).setMaxLength(20))
    .addRoleOption((o) => o.setName('role').setDescription('The role (for level role)'))
    .addUserOption((o) => o.setName('user').setDescription('The member (for level user)')))
  .addSubcommand((s) => s
    .setName('reset')
    .setDescription('Remove an override so the level below applies again')
    .addStringOption((o) => o.setName('level').setDescription('Whose override').setRequired(true).addChoices(...levelChoices))
    .addStringOption((o) => o.setName('key').setDescription('Which limit (all of them if left out)').addChoices(...limitKeyChoices))
    .addRoleOption((o) => o.setName('role').setDescription('The role (for level role)'))
    .addUserOption((o) => o.setName('user').setDescription('The member (for level user)')));

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
function target(interaction: ChatInputCommandInteraction): { scope: LimitScope; targetId: string | undefined; role: Role | APIRole | null; user: User | null } {
  const scope = interaction.options.getString('level', true) as LimitScope;
  const role = interaction.options.getRole('role');
  const user = interaction.options.getUser('user');
  if (scope === 'guild') {
    if (role || user) throw new UserError('You chose level **server** but also named a role or a member. Choose level role or user for them, or leave them out.', 'bad-target');
    return { scope, targetId: undefined, role, user };
  }
  if (scope === 'role') {
    if (!role) throw new UserError('Level **role** needs the `role` option: choose the role the limit is for.', 'bad-target');
    if (user) throw new UserError('Level **role** takes a role, not a member: leave the `user` option out.', 'bad-target');
    if (role.id === interaction.guildId) throw new UserError('@everyone is the whole server: use level **server** instead.', 'bad-target');
    return { scope, targetId: role.id, role, user };
  }
  if (scope === 'user') {
    if (!user) throw new UserError('Level **user** needs the `user` option: choose the member the limit is for.', 'bad-target');
    if (role) throw new UserError('Level **user** takes a member, not a role: leave the `role` option out.', 'bad-target');
    return { scope, targetId: user.id, role, user };
  }
  throw new UserError(`"${String(scope)}" is not a level: choose server, role or user.`, 'bad-target');
}

async function show(interaction: ChatInputCommandInteraction, ctx: AppContext, guildId: string): Promise<void> {
  const { limits } = ctx.stores;
  const role = interaction.options.getRole('role');
  const user = interaction.options.getUser('user');
  if (role && user) throw new UserError('Show one thing at a time: a role or a member, not both.', 'bad-target');
  if (user) {
    const roleIds = roleIdsOf(interaction.options.getMember('user'), guildId);
    const effective = limits.resolve({ guildId, userId: user.id, roleIds });
    const own = limits.list({ guildId, scope: 'user', targetId: user.id });
    await replyPrivately(interaction, `**Limits for <@${user.id}>** (with their roles and overrides):\n` +
      `${formatEffectiveLimits(effective)}\n\n${own.length ? formatOverrides(own) : 'They have no overrides of their own.'}`);
    return;
  }
  if (role) {
    const own = limits.list({ guildId, scope: 'role', targetId: role.id });
    await replyPrivately(interaction, `**Overrides for role <@&${role.id}>:**\n` +
      (own.length ? formatOverrides(own) : 'None: members with this role get the server\'s limits.') +
      '\nWhen a member has several roles with overrides, the most generous value counts; a member\'s own override beats them all.');
    return;
  }
  // The server's limits are what a member with no roles and no overrides of their own gets.
  const effective = limits.resolve({ guildId, userId: '0', roleIds: [] });
  const all = limits.list({ guildId });
  await replyPrivately(interaction, `**Limits in this server** (defaults and server overrides):\n${formatEffectiveLimits(effective)}\n\n` +
    `**Overrides:**\n${formatOverrides(all)}\n\nChange one with \`/limits set\`; show a member's with \`/limits show user:\`.`);
}

function describe(key: Parameters<typeof formatLimitValue>[0], value: LimitValue | undefined): string {
  return value === undefined ? 'not set' : `**${formatLimitValue(key, value)}**`;
}

async function set(interaction: ChatInputCommandInteraction, ctx: AppContext, guildId: string): Promise<void> {
  const t = target(interaction);
  const typed = interaction.options.getString('key', true);
  const value = interaction.options.getString('value', true);
  // The store checks the key and the value, refusing a bad one with the list or the form to use.
  const { before, after } = ctx.stores.limits.set({
    guildId, scope: t.scope, targetId: t.targetId, key: typed, value, moderatorId: interaction.user.id,
  }, ctx.now());
  const key = typed as LimitKey; // set() accepted it
  const effective = t.scope === 'guild' && before === undefined
    ? ` (the default was ${formatLimitValue(key, ctx.stores.limits.defaults[key])})` : '';
  await replyPrivately(interaction, `Set \`${key}\` (${limitInfo[key].label}) for ${targetText(t.scope, t.targetId)}: ` +
    `${describe(key, before)}${effective} → ${describe(key, after)}. It applies to the next request; no restart needed.`);
}

async function reset(interaction: ChatInputCommandInteraction, ctx: AppContext, guildId: string): Promise<void> {
  const t = target(interaction);
  const key = interaction.options.getString('key') ?? undefined;
  const removed = ctx.stores.limits.reset({ guildId, scope: t.scope, targetId: t.targetId, key, moderatorId: interaction.user.id }, ctx.now());
  const who = targetText(t.scope, t.targetId);
  if (!removed.length) {
    await replyPrivately(interaction, `There was nothing to reset: ${who} has no override${key ? ` for \`${key}\`` : 's'}.`);
    return;
  }
  const list = removed.map((o) => `\`${o.key}\` (was ${formatLimitValue(o.key, o.value)})`).join(', ');
  await replyPrivately(interaction, `Removed ${removed.length === 1 ? 'the override' : `${removed.length} overrides`} for ${who}: ${list}. ` +
    `The ${t.scope === 'guild' ? 'defaults apply' : 'server\'s limits apply'} again, from the next request.`);
}
