// Builds the interactions a Discord client would send when a person uses the bot: slash commands (with
// attachment options), context-menu commands, button clicks, select menus and modal submits. Each payload is
// complete (entitlements, authorizing_integration_owners, member.permissions, app_permissions,
// attachment_size_limit, ...), typed with discord-api-types, and only allowed when a real client would allow it:
// the command must be registered and visible to the user, the option values must fit the definitions, the
// button must exist on the message and be enabled.
import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  InteractionContextType,
  InteractionType,
  Locale,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIAttachment,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  type APIMessageComponentSelectMenuInteraction,
  type APIModalSubmitInteraction,
  type APIRole,
  type APIUser,
  type APIUserApplicationCommandInteraction,
  type APIApplicationCommandAutocompleteInteraction,
} from 'discord-api-types/v10';
import type { Gateway } from './gateway.ts';
import { isObject, numberComponents, storeFile, type Body } from './messages.ts';
import {
  DEFAULT_ATTACHMENT_LIMIT,
  type ChannelState,
  type GuildState,
  type InteractionState,
  type StoredMessage,
  type World,
} from './world.ts';

/** A file a user attaches (to a command option, a modal's file upload or a message). */
export interface FileInput {
  name: string;
  bytes: Uint8Array;
  /** Defaults to what the bytes look like (PNG, JPEG, WebP, GIF) or the extension. */
  contentType?: string;
  description?: string;
}

export type OptionValue = string | number | boolean | FileInput | APIUser | APIRole;

export interface InvokeOptions {
  /** Who uses the command or clicks; defaults to alice (or, for an ephemeral message, the user who sees it). */
  user?: APIUser;
  /** Where; defaults to the first guild's normal text channel. */
  channelId?: string;
  /** In the bot's DM with the user instead of a guild channel. */
  dm?: boolean;
  /** Overrides member.permissions (the user's permissions in the channel). */
  permissions?: bigint | string;
  /** Overrides app_permissions (the bot's permissions in the channel). */
  appPermissions?: bigint | string;
  locale?: Locale;
  /** Overrides attachment_size_limit for this interaction. */
  attachmentSizeLimit?: number;
  /** Attachment option values by option name (same as passing a FileInput as the option value). */
  attachments?: Record<string, FileInput>;
  /**
   * Let the user run a command whose default_member_permissions they lack, as a server admin can allow in
   * Server Settings > Integrations. Without it the emulator refuses, as the Discord client hides the command.
   */
  ignoreCommandPermissions?: boolean;
}

export interface InteractionHandle {
  id: string;
  token: string;
  payload: APIInteraction;
}

export interface InteractionDeps {
  world: World;
  gateway: Gateway;
  origin(): string;
  defaultUser(): APIUser;
  defaultChannelId(): string;
}

interface InvokeContext {
  user: APIUser;
  channel: ChannelState;
  guild: GuildState | null;
  opts: InvokeOptions;
}

function isFile(v: unknown): v is FileInput {
  return isObject(v) && typeof v.name === 'string' && v.bytes instanceof Uint8Array;
}

export class Interactions {
  private readonly deps: InteractionDeps;
  constructor(deps: InteractionDeps) {
    this.deps = deps;
  }

  // --- Application commands ----------------------------------------------------------------------------------

  slashCommand(name: string, options: Record<string, OptionValue> = {}, opts: InvokeOptions = {}): InteractionHandle {
    const [commandName, ...path] = name.trim().replace(/^\//, '').split(/\s+/);
    const ctx = this.#context(opts);
    const command = this.#findCommand(commandName!, ApplicationCommandType.ChatInput, ctx, opts);
    const resolved: APIInteractionDataResolved = {};
    const values: Record<string, OptionValue> = { ...options, ...opts.attachments };
    let defs = command.options ?? [];
    let built: APIApplicationCommandInteractionDataOption[];
    const wrap: Array<{ name: string; type: ApplicationCommandOptionType }> = [];
    for (const part of path) {
      const sub = defs.find(
        (d) =>
          d.name === part &&
          (d.type === ApplicationCommandOptionType.Subcommand ||
            d.type === ApplicationCommandOptionType.SubcommandGroup),
      );
      if (!sub) throw new Error(`/${commandName} has no subcommand '${part}'`);
      wrap.push({ name: sub.name, type: sub.type });
      defs = 'options' in sub ? ((sub.options ?? []) as APIApplicationCommandOption[]) : [];
    }
    if (
      defs.some(
        (d) =>
          d.type === ApplicationCommandOptionType.Subcommand || d.type === ApplicationCommandOptionType.SubcommandGroup,
      )
    ) {
      throw new Error(`/${name} needs a subcommand: one of ${defs.map((d) => d.name).join(', ')}`);
    }
    built = this.#buildOptions(defs, values, resolved, ctx, `/${name}`);
    for (const level of wrap.reverse())
      built = [{ name: level.name, type: level.type, options: built } as APIApplicationCommandInteractionDataOption];
    const data = {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
      ...(built.length ? { options: built } : {}),
      ...(Object.keys(resolved).length ? { resolved } : {}),
    } satisfies APIChatInputApplicationCommandInteraction['data'];
    return this.#register(
      {
        ...this.#common(ctx),
        type: InteractionType.ApplicationCommand,
        data,
      } satisfies APIChatInputApplicationCommandInteraction,
      ctx,
    );
  }

  /** Autocomplete: `focused` names the option being typed; its value is the partial text. */
  autocomplete(
    name: string,
    options: Record<string, string | number>,
    focused: string,
    opts: InvokeOptions = {},
  ): InteractionHandle {
    const ctx = this.#context(opts);
    const command = this.#findCommand(name, ApplicationCommandType.ChatInput, ctx, opts);
    const defs = command.options ?? [];
    const out = Object.entries(options).map(([key, value]) => {
      const def = defs.find((d) => d.name === key);
      if (!def) throw new Error(`/${name} has no option '${key}'`);
      return { name: key, type: def.type, value, ...(key === focused ? { focused: true } : {}) };
    });
    if (!out.some((o) => o.name === focused)) throw new Error(`autocomplete: focused option '${focused}' has no value`);
    const data = {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      options: out,
    } as APIApplicationCommandAutocompleteInteraction['data'];
    return this.#register(
      {
        ...this.#common(ctx),
        type: InteractionType.ApplicationCommandAutocomplete,
        data,
      } satisfies APIApplicationCommandAutocompleteInteraction,
      ctx,
    );
  }

  /** A message context-menu command ("Apps > name") used on a message. */
  contextMenu(name: string, targetMessageId: string, opts: InvokeOptions = {}): InteractionHandle {
    const target = this.#visibleMessage(targetMessageId, opts.user);
    const ctx = this.#context({ ...opts, channelId: opts.dm ? undefined : (opts.channelId ?? target.api.channel_id) });
    const command = this.#findCommand(name, ApplicationCommandType.Message, ctx, opts);
    const data = {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.Message,
      target_id: target.api.id,
      resolved: { messages: { [target.api.id]: structuredClone(target.api) } },
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    } satisfies APIMessageApplicationCommandInteraction['data'];
    return this.#register(
      {
        ...this.#common(ctx),
        type: InteractionType.ApplicationCommand,
        data,
      } satisfies APIMessageApplicationCommandInteraction,
      ctx,
    );
  }

  /** A user context-menu command used on a member. */
  userCommand(name: string, target: APIUser, opts: InvokeOptions = {}): InteractionHandle {
    const ctx = this.#context(opts);
    const command = this.#findCommand(name, ApplicationCommandType.User, ctx, opts);
    const resolved: APIInteractionDataResolved = { users: { [target.id]: target } };
    this.#resolveMember(resolved, target.id, ctx);
    const data = {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.User,
      target_id: target.id,
      resolved: resolved as APIUserApplicationCommandInteraction['data']['resolved'],
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    } satisfies APIUserApplicationCommandInteraction['data'];
    return this.#register(
      {
        ...this.#common(ctx),
        type: InteractionType.ApplicationCommand,
        data,
      } satisfies APIUserApplicationCommandInteraction,
      ctx,
    );
  }

  // --- Components and modals ---------------------------------------------------------------------------------

  clickButton(messageId: string, customId: string, opts: InvokeOptions = {}): InteractionHandle {
    const message = this.#visibleMessage(messageId, opts.user);
    const component = findComponent(message, customId);
    if (!component)
      throw new Error(
        `Message ${messageId} has no component with custom_id '${customId}' (has: ${customIds(message).join(', ') || 'none'})`,
      );
    if (component.type !== ComponentType.Button)
      throw new Error(`'${customId}' is not a button (type ${String(component.type)})`);
    if (component.disabled === true) throw new Error(`Button '${customId}' is disabled: a user cannot click it`);
    const ctx = this.#context({
      ...opts,
      user: opts.user ?? this.#defaultViewer(message),
      channelId: message.api.channel_id,
      dm: false,
    });
    const data = {
      custom_id: customId,
      component_type: ComponentType.Button,
    } satisfies APIMessageComponentButtonInteraction['data'];
    const payload = {
      ...this.#common(ctx),
      type: InteractionType.MessageComponent,
      data,
      message: structuredClone(message.api),
    } satisfies APIMessageComponentButtonInteraction;
    return this.#register(payload, ctx, message.api.id);
  }

  /** Picks `values` in a select menu (string selects check them against the options and min/max). */
  selectMenu(messageId: string, customId: string, values: string[], opts: InvokeOptions = {}): InteractionHandle {
    const message = this.#visibleMessage(messageId, opts.user);
    const component = findComponent(message, customId);
    if (!component) throw new Error(`Message ${messageId} has no component with custom_id '${customId}'`);
    const type = Number(component.type);
    if (![3, 5, 6, 7, 8].includes(type)) throw new Error(`'${customId}' is not a select menu`);
    if (component.disabled === true) throw new Error(`Select menu '${customId}' is disabled`);
    const min = Number(component.min_values ?? 1);
    const max = Number(component.max_values ?? 1);
    if (values.length < min || values.length > max)
      throw new Error(`Select menu '${customId}' takes ${min}..${max} values, got ${values.length}`);
    if (type === ComponentType.StringSelect) {
      const allowed = ((component.options as Body[] | undefined) ?? []).map((o) => String(o.value));
      for (const v of values)
        if (!allowed.includes(v)) throw new Error(`'${v}' is not an option of '${customId}' (${allowed.join(', ')})`);
    }
    const ctx = this.#context({
      ...opts,
      user: opts.user ?? this.#defaultViewer(message),
      channelId: message.api.channel_id,
      dm: false,
    });
    const resolved: APIInteractionDataResolved = {};
    if (type === ComponentType.UserSelect) for (const v of values) this.#resolveUser(resolved, v, ctx);
    if (type === ComponentType.RoleSelect) for (const v of values) this.#resolveRole(resolved, v, ctx);
    if (type === ComponentType.ChannelSelect) for (const v of values) this.#resolveChannel(resolved, v, ctx);
    const data = {
      custom_id: customId,
      component_type: type,
      values,
      ...(Object.keys(resolved).length ? { resolved } : {}),
    } as APIMessageComponentSelectMenuInteraction['data'];
    const payload = {
      ...this.#common(ctx),
      type: InteractionType.MessageComponent,
      data,
      message: structuredClone(message.api),
    } satisfies APIMessageComponentSelectMenuInteraction;
    return this.#register(payload, ctx, message.api.id);
  }

  /**
   * Submits the modal the bot showed in answer to `opener` (a handle or interaction id). `values` maps each
   * input's custom_id to its text (text inputs), chosen values (selects) or files (file uploads).
   */
  modalSubmit(
    opener: InteractionHandle | string,
    values: Record<string, string | string[] | FileInput[]>,
    opts: InvokeOptions = {},
  ): InteractionHandle {
    const { world } = this.deps;
    const openerId = typeof opener === 'string' ? opener : opener.id;
    const it = world.interactions.get(openerId);
    if (!it) throw new Error(`modalSubmit: no interaction ${openerId}`);
    if (!it.modal)
      throw new Error(`modalSubmit: the bot did not answer interaction ${openerId} with a modal (callback type 9)`);
    const modal = it.modal as unknown as Body;
    it.modal = null; // a modal closes once submitted
    const components = (modal.components as Body[]) ?? [];
    numberComponents(components);
    const resolved: APIInteractionDataResolved = {};
    const ctx = this.#context({
      ...opts,
      user: opts.user ?? world.user(it.userId),
      channelId: it.channelId,
      dm: it.guildId === null,
    });
    const seen = new Set<string>();
    const answer = (input: Body): Body => {
      const customId = String(input.custom_id);
      seen.add(customId);
      const value = values[customId];
      const type = Number(input.type);
      if (type === ComponentType.TextInput) {
        const text = typeof value === 'string' ? value : '';
        if (input.required !== false && text.length === 0) throw new Error(`modalSubmit: '${customId}' is required`);
        if (typeof input.min_length === 'number' && text.length > 0 && text.length < input.min_length)
          throw new Error(`modalSubmit: '${customId}' needs at least ${input.min_length} characters`);
        if (typeof input.max_length === 'number' && text.length > input.max_length)
          throw new Error(`modalSubmit: '${customId}' allows at most ${input.max_length} characters`);
        return { type, id: input.id, custom_id: customId, value: text };
      }
      if (type === ComponentType.FileUpload) {
        const files = Array.isArray(value) ? value.filter(isFile) : [];
        if (input.required !== false && files.length === 0) throw new Error(`modalSubmit: '${customId}' needs a file`);
        const ids = files.map((f) => this.#upload(resolved, f, ctx).id);
        return { type, id: input.id, custom_id: customId, values: ids };
      }
      const picked = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
      return { type, id: input.id, custom_id: customId, values: picked };
    };
    const answered = components.map((row): Body => {
      if (row.type === ComponentType.ActionRow) {
        return { type: row.type, id: row.id, components: ((row.components as Body[]) ?? []).map(answer) };
      }
      if (row.type === ComponentType.Label && isObject(row.component))
        return { type: row.type, id: row.id, component: answer(row.component) };
      return { type: row.type, id: row.id };
    });
    for (const key of Object.keys(values))
      if (!seen.has(key)) throw new Error(`modalSubmit: the modal has no input '${key}'`);
    const source = it.sourceMessageId ? world.messages.get(it.sourceMessageId) : undefined;
    const data = {
      custom_id: String(modal.custom_id),
      components: answered,
      ...(Object.keys(resolved).length ? { resolved } : {}),
    } as unknown as APIModalSubmitInteraction['data'];
    const live = source && !source.deleted ? source : undefined;
    const payload = {
      ...this.#common(ctx),
      type: InteractionType.ModalSubmit,
      data,
      ...(live ? { message: structuredClone(live.api) } : {}),
    } satisfies APIModalSubmitInteraction;
    return this.#register(payload, ctx, live?.api.id ?? null, it.id);
  }

  // --- Building blocks ---------------------------------------------------------------------------------------

  #context(opts: InvokeOptions): InvokeContext {
    const { world } = this.deps;
    const user = opts.user ?? this.deps.defaultUser();
    const channel = opts.dm ? world.dmChannel(user.id) : world.channel(opts.channelId ?? this.deps.defaultChannelId());
    const guild = channel.guildId ? world.guild(channel.guildId) : null;
    if (guild && !guild.members.has(user.id))
      throw new Error(`${user.username} is not a member of guild ${guild.name}`);
    return { user, channel, guild, opts };
  }

  #findCommand(
    name: string,
    type: ApplicationCommandType,
    ctx: InvokeContext,
    opts: InvokeOptions,
  ): APIApplicationCommand {
    const { world } = this.deps;
    const pool = [...(ctx.guild ? (world.guildCommands.get(ctx.guild.id) ?? []) : []), ...world.globalCommands];
    const command = pool.find((c) => c.name === name && c.type === type);
    const kind =
      type === ApplicationCommandType.ChatInput
        ? 'slash command'
        : type === ApplicationCommandType.Message
          ? 'message command'
          : 'user command';
    if (!command) {
      const known = pool.filter((c) => c.type === type).map((c) => c.name);
      throw new Error(
        `No ${kind} '${name}' is registered here (registered: ${known.join(', ') || 'none'}); register it with PUT /applications/{app}/commands first`,
      );
    }
    const context = ctx.guild ? InteractionContextType.Guild : InteractionContextType.BotDM;
    if (command.contexts && !command.contexts.includes(context))
      throw new Error(
        `The ${kind} '${name}' is not available in ${ctx.guild ? 'servers' : 'DMs'} (contexts ${command.contexts.join(',')})`,
      );
    if (command.nsfw && !ctx.channel.nsfw && ctx.guild)
      throw new Error(`The ${kind} '${name}' is age-restricted: Discord only offers it in age-restricted channels`);
    if (ctx.guild && command.default_member_permissions !== null && !opts.ignoreCommandPermissions) {
      const required = BigInt(command.default_member_permissions);
      const has = world.basePermissions(ctx.guild.id, ctx.user.id);
      const admin = (has & PermissionFlagsBits.Administrator) !== 0n;
      if (!admin && (required === 0n || (has & required) !== required)) {
        throw new Error(
          `${ctx.user.username} cannot see the ${kind} '${name}': it needs permissions ${command.default_member_permissions} (pass ignoreCommandPermissions to model an Integrations override)`,
        );
      }
    }
    return command;
  }

  #buildOptions(
    defs: readonly APIApplicationCommandOption[],
    values: Record<string, OptionValue>,
    resolved: APIInteractionDataResolved,
    ctx: InvokeContext,
    label: string,
  ): APIApplicationCommandInteractionDataOption[] {
    for (const key of Object.keys(values)) {
      if (!defs.some((d) => d.name === key))
        throw new Error(`${label} has no option '${key}' (options: ${defs.map((d) => d.name).join(', ') || 'none'})`);
    }
    const out: APIApplicationCommandInteractionDataOption[] = [];
    for (const def of defs) {
      const value = values[def.name];
      if (value === undefined) {
        if ('required' in def && def.required) throw new Error(`${label}: option '${def.name}' is required`);
        continue;
      }
      const fail = (why: string): never => {
        throw new Error(`${label}: option '${def.name}' ${why}`);
      };
      const d = def as unknown as Body;
      const choices = Array.isArray(d.choices) ? (d.choices as Body[]).map((c) => c.value) : null;
      switch (def.type) {
        case ApplicationCommandOptionType.String: {
          if (typeof value !== 'string') fail('takes text');
          const s = value as string;
          if (choices && !choices.includes(s)) fail(`must be one of ${choices.join(', ')}`);
          if (typeof d.min_length === 'number' && s.length < d.min_length)
            fail(`needs at least ${d.min_length} characters`);
          if (typeof d.max_length === 'number' && s.length > d.max_length)
            fail(`allows at most ${d.max_length} characters`);
          if (s.length > 6000) fail('allows at most 6000 characters');
          out.push({ name: def.name, type: def.type, value: s });
          break;
        }
        case ApplicationCommandOptionType.Integer:
        case ApplicationCommandOptionType.Number: {
          if (typeof value !== 'number' || !Number.isFinite(value)) fail('takes a number');
          const n = value as number;
          if (def.type === ApplicationCommandOptionType.Integer && !Number.isInteger(n)) fail('takes a whole number');
          if (choices && !choices.includes(n)) fail(`must be one of ${choices.join(', ')}`);
          if (typeof d.min_value === 'number' && n < d.min_value) fail(`must be at least ${d.min_value}`);
          if (typeof d.max_value === 'number' && n > d.max_value) fail(`must be at most ${d.max_value}`);
          out.push({ name: def.name, type: def.type, value: n });
          break;
        }
        case ApplicationCommandOptionType.Boolean:
          if (typeof value !== 'boolean') fail('takes true or false');
          out.push({ name: def.name, type: def.type, value: value as boolean });
          break;
        case ApplicationCommandOptionType.User: {
          const id = typeof value === 'string' ? value : (value as APIUser).id;
          this.#resolveUser(resolved, id, ctx);
          out.push({ name: def.name, type: def.type, value: id });
          break;
        }
        case ApplicationCommandOptionType.Role: {
          const id = typeof value === 'string' ? value : (value as APIRole).id;
          this.#resolveRole(resolved, id, ctx);
          out.push({ name: def.name, type: def.type, value: id });
          break;
        }
        case ApplicationCommandOptionType.Mentionable: {
          const id = typeof value === 'string' ? value : (value as { id: string }).id;
          if (this.deps.world.users.has(id)) this.#resolveUser(resolved, id, ctx);
          else this.#resolveRole(resolved, id, ctx);
          out.push({ name: def.name, type: def.type, value: id });
          break;
        }
        case ApplicationCommandOptionType.Channel: {
          const id = String(value);
          this.#resolveChannel(resolved, id, ctx);
          out.push({ name: def.name, type: def.type, value: id });
          break;
        }
        case ApplicationCommandOptionType.Attachment: {
          if (!isFile(value)) fail('takes a file ({ name, bytes })');
          const att = this.#upload(resolved, value as FileInput, ctx);
          out.push({ name: def.name, type: def.type, value: att.id });
          break;
        }
        default:
          fail(`has unsupported type ${def.type}`);
      }
    }
    return out;
  }

  /** A user's upload: stored on the CDN (ephemeral, as Discord marks command attachments) and resolved. */
  #upload(resolved: APIInteractionDataResolved, file: FileInput, ctx: InvokeContext): APIAttachment {
    const { api } = storeFile(
      {
        world: this.deps.world,
        origin: this.deps.origin(),
        channelId: ctx.channel.id,
        sizeLimit: Infinity,
        allowEphemeral: true,
      },
      true,
      { field: 'upload', name: file.name, contentType: file.contentType ?? '', bytes: Buffer.from(file.bytes) },
      file.description ? { description: file.description } : undefined,
    );
    resolved.attachments = { ...resolved.attachments, [api.id]: api };
    return api;
  }

  #resolveUser(resolved: APIInteractionDataResolved, id: string, ctx: InvokeContext): void {
    const user = this.deps.world.users.get(id);
    if (!user) throw new Error(`No user ${id}`);
    resolved.users = { ...resolved.users, [id]: user };
    this.#resolveMember(resolved, id, ctx);
  }

  #resolveMember(resolved: APIInteractionDataResolved, id: string, ctx: InvokeContext): void {
    if (!ctx.guild?.members.has(id)) return;
    const { user: _u, ...member } = this.deps.world.memberJson(ctx.guild.id, id);
    resolved.members = {
      ...resolved.members,
      [id]: { ...member, permissions: String(this.deps.world.channelPermissions(ctx.channel.id, id)) } as NonNullable<
        APIInteractionDataResolved['members']
      >[string],
    };
  }

  #resolveRole(resolved: APIInteractionDataResolved, id: string, ctx: InvokeContext): void {
    const role = ctx.guild?.roles.get(id);
    if (!role) throw new Error(`No role ${id} in this guild`);
    resolved.roles = { ...resolved.roles, [id]: role };
  }

  #resolveChannel(resolved: APIInteractionDataResolved, id: string, ctx: InvokeContext): void {
    const { world } = this.deps;
    const channel = world.channels.get(id);
    if (!channel || channel.guildId !== ctx.guild?.id) throw new Error(`No channel ${id} in this guild`);
    resolved.channels = {
      ...resolved.channels,
      [id]: {
        id,
        name: channel.name,
        type: ChannelType.GuildText,
        permissions: String(world.channelPermissions(id, ctx.user.id)),
      },
    } as APIInteractionDataResolved['channels'];
  }

  #visibleMessage(id: string, user: APIUser | undefined): StoredMessage {
    const message = this.deps.world.messages.get(id);
    if (!message || message.deleted) throw new Error(`No message ${id} (deleted or never created)`);
    if (message.ephemeral && user && message.visibleTo !== user.id)
      throw new Error(`Message ${id} is ephemeral: only its user can see it`);
    return message;
  }

  #defaultViewer(message: StoredMessage): APIUser {
    return message.ephemeral && message.visibleTo ? this.deps.world.user(message.visibleTo) : this.deps.defaultUser();
  }

  /** The fields every interaction carries, for this user and channel (guild member or DM user). */
  #common(ctx: InvokeContext) {
    const { world } = this.deps;
    const id = world.ids.next();
    // Real tokens are long opaque base64 strings; this one is the same shape.
    const token = Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
    const { user, channel, guild, opts } = ctx;
    const common = {
      id,
      application_id: world.appId,
      token,
      version: 1 as const,
      app_permissions: String(opts.appPermissions ?? world.channelPermissions(channel.id, world.appId)),
      locale: opts.locale ?? world.userLocales.get(user.id) ?? Locale.EnglishUS,
      entitlements: [],
      // Guild installs are keyed "0"; in a DM with the bot user the owner id is "0".
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild ? guild.id : '0' },
      context: guild ? InteractionContextType.Guild : InteractionContextType.BotDM,
      attachment_size_limit: opts.attachmentSizeLimit ?? guild?.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_LIMIT,
      channel_id: channel.id,
      channel: {
        ...world.channelJson(channel.id),
        ...(guild ? { permissions: String(opts.permissions ?? world.channelPermissions(channel.id, user.id)) } : {}),
      },
    };
    if (!guild) return { ...common, user };
    return {
      ...common,
      guild_id: guild.id,
      guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
      guild_locale: guild.preferredLocale,
      member: world.interactionMemberJson(
        guild.id,
        user.id,
        channel.id,
        opts.permissions === undefined ? undefined : BigInt(opts.permissions),
      ),
    };
  }

  /** Records the interaction (for the callback and webhook rules) and sends INTERACTION_CREATE. */
  #register(
    payload: APIInteraction,
    ctx: InvokeContext,
    sourceMessageId: string | null = null,
    triggeredBy: string | null = null,
  ): InteractionHandle {
    const { world, gateway } = this.deps;
    if (!gateway.session)
      throw new Error('No bot is connected to the emulator gateway: log the client in before sending interactions');
    const state: InteractionState = {
      id: payload.id,
      token: payload.token,
      type: payload.type,
      payload,
      createdAt: world.clock.now(),
      userId: ctx.user.id,
      channelId: ctx.channel.id,
      guildId: ctx.guild?.id ?? null,
      ack: null,
      invalidated: false,
      originalMessageId: null,
      loadingPending: false,
      followUpIds: [],
      modal: null,
      sourceMessageId,
      triggeredBy,
    };
    world.interactions.set(state.id, state);
    world.interactionsByToken.set(state.token, state);
    gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { id: state.id, token: state.token, payload: structuredClone(payload) };
  }
}

function walkComponents(components: unknown, visit: (c: Body) => void): void {
  if (!Array.isArray(components)) return;
  for (const c of components) {
    if (!isObject(c)) continue;
    visit(c);
    walkComponents(c.components, visit);
    if (isObject(c.accessory)) visit(c.accessory);
  }
}

function findComponent(message: StoredMessage, customId: string): Body | undefined {
  let found: Body | undefined;
  walkComponents(message.api.components, (c) => {
    if (!found && c.custom_id === customId) found = c;
  });
  return found;
}

function customIds(message: StoredMessage): string[] {
  const ids: string[] = [];
  walkComponents(message.api.components, (c) => {
    if (typeof c.custom_id === 'string') ids.push(c.custom_id);
  });
  return ids;
}
