// The emulator's in-memory Discord: users, guilds with roles, channels and members, messages with their files,
// registered commands and interactions. It also turns that state into the JSON objects Discord sends, typed
// with discord-api-types, and does the permission arithmetic Discord does.
import {
  ChannelType,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
  type UserFlags,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildHubType,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  OverwriteType,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIChannel,
  type APIDMChannel,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIOverwrite,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import { SnowflakeFactory, type Clock } from './clock.ts';
import type { APIInteraction, APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';

export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

/** What @everyone may do in a fresh community server. */
export const EVERYONE_PERMISSIONS: bigint =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseExternalStickers |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak;

/** The bot's managed role: what its invite link asks for. */
export const BOT_ROLE_PERMISSIONS: bigint =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseExternalEmojis;

export const MODERATOR_PERMISSIONS: bigint = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageMessages;

/** What an app may do in a DM with its bot (Discord sends a fixed set there). */
export const DM_APP_PERMISSIONS: bigint =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis;

export const DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024;

export interface MemberState {
  userId: string;
  roles: string[];
  joinedAt: string;
  nick: string | null;
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: Locale;
  attachmentSizeLimit: number;
  joinedAt: string;
  roles: Map<string, APIRole>;
  channelIds: string[];
  members: Map<string, MemberState>;
}

export interface ChannelState {
  id: string;
  type: ChannelType.GuildText | ChannelType.DM;
  guildId: string | null;
  name: string;
  nsfw: boolean;
  position: number;
  topic: string | null;
  overwrites: APIOverwrite[];
  recipientIds: string[];
  lastMessageId: string | null;
}

export interface StoredFile {
  id: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface StoredMessage {
  api: APIMessage;
  files: Map<string, StoredFile>;
  ephemeral: boolean;
  deleted: boolean;
  /** The interaction whose webhook created this message (original response or follow-up). */
  interactionId: string | null;
  /** Only the user this ephemeral message was shown to can see or click it. */
  visibleTo: string | null;
}

export interface InteractionState {
  id: string;
  token: string;
  type: APIInteraction['type'];
  payload: APIInteraction;
  createdAt: number;
  userId: string;
  channelId: string;
  guildId: string | null;
  /** The callback type and clock time of the one acknowledgement, once it came. */
  ack: { type: number; at: number } | null;
  /** Set once the 3-second window passed without an acknowledgement: the token is dead. */
  invalidated: boolean;
  /** The message `@original` refers to: the reply (types 4, 5) or the component's message (types 6, 7). */
  originalMessageId: string | null;
  /** A deferred (type 5) reply whose loading state the first follow-up will replace. */
  loadingPending: boolean;
  followUpIds: string[];
  modal: APIModalInteractionResponseCallbackData | null;
  /** For component and modal interactions: the message the component sits on. */
  sourceMessageId: string | null;
  /** For a modal submit: the interaction that opened the modal. */
  triggeredBy: string | null;
}

export interface UserOptions {
  globalName?: string | null;
  locale?: Locale;
  bot?: boolean;
}

export class World {
  readonly ids: SnowflakeFactory;
  readonly users = new Map<string, APIUser>();
  readonly userLocales = new Map<string, Locale>();
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, ChannelState>();
  readonly messages = new Map<string, StoredMessage>();
  /** Every file the CDN serves, by attachment id: message attachments and files users attached to commands. */
  readonly files = new Map<string, StoredFile>();
  readonly interactions = new Map<string, InteractionState>();
  readonly interactionsByToken = new Map<string, InteractionState>();
  globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands = new Map<string, APIApplicationCommand[]>();
  readonly botUser: APIUser;

  readonly clock: Clock;
  readonly appId: string;

  constructor(clock: Clock, appId: string, botName: string) {
    this.clock = clock;
    this.appId = appId;
    this.ids = new SnowflakeFactory(clock);
    this.botUser = {
      ...baseUser(appId, botName, null),
      discriminator: '4920', // bot accounts keep four-digit discriminators
      bot: true,
    };
    this.users.set(appId, this.botUser);
  }

  iso(ms = this.clock.now()): string {
    return new Date(ms).toISOString();
  }

  addUser(username: string, options: UserOptions = {}): APIUser {
    const id = this.ids.next();
    const user: APIUser = {
      ...baseUser(id, username, options.globalName === undefined ? capitalise(username) : options.globalName),
    };
    if (options.bot) user.bot = true;
    this.users.set(id, user);
    this.userLocales.set(id, options.locale ?? Locale.EnglishUS);
    return user;
  }

  user(id: string): APIUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`No user ${id} in the emulator`);
    return user;
  }

  addGuild(name: string, ownerId: string, options: { locale?: Locale; attachmentSizeLimit?: number } = {}): GuildState {
    const id = this.ids.next();
    const guild: GuildState = {
      id,
      name,
      ownerId,
      preferredLocale: options.locale ?? Locale.EnglishUS,
      attachmentSizeLimit: options.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_LIMIT,
      joinedAt: this.iso(),
      roles: new Map(),
      channelIds: [],
      members: new Map(),
    };
    // @everyone shares the guild's id.
    guild.roles.set(id, role(id, '@everyone', EVERYONE_PERMISSIONS, 0));
    this.guilds.set(id, guild);
    return guild;
  }

  guild(id: string): GuildState {
    const guild = this.guilds.get(id);
    if (!guild) throw new Error(`No guild ${id} in the emulator`);
    return guild;
  }

  addRole(guildId: string, name: string, permissions: bigint, extra: Partial<APIRole> = {}): APIRole {
    const guild = this.guild(guildId);
    const r = { ...role(this.ids.next(), name, permissions, guild.roles.size), ...extra };
    guild.roles.set(r.id, r);
    return r;
  }

  addChannel(guildId: string, name: string, options: { nsfw?: boolean; topic?: string } = {}): ChannelState {
    const guild = this.guild(guildId);
    const channel: ChannelState = {
      id: this.ids.next(),
      type: ChannelType.GuildText,
      guildId,
      name,
      nsfw: options.nsfw ?? false,
      position: guild.channelIds.length,
      topic: options.topic ?? null,
      overwrites: [],
      recipientIds: [],
      lastMessageId: null,
    };
    guild.channelIds.push(channel.id);
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** The DM channel between the bot and a user, created on first use. */
  dmChannel(userId: string): ChannelState {
    for (const c of this.channels.values()) {
      if (c.type === ChannelType.DM && c.recipientIds[0] === userId) return c;
    }
    const channel: ChannelState = {
      id: this.ids.next(),
      type: ChannelType.DM,
      guildId: null,
      name: '',
      nsfw: false,
      position: 0,
      topic: null,
      overwrites: [],
      recipientIds: [userId],
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  channel(id: string): ChannelState {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`No channel ${id} in the emulator`);
    return channel;
  }

  addMember(guildId: string, userId: string, roleIds: string[] = []): MemberState {
    const guild = this.guild(guildId);
    const member: MemberState = { userId, roles: [...roleIds], joinedAt: this.iso(), nick: null };
    guild.members.set(userId, member);
    return member;
  }

  /** Guild-wide permissions of a member: @everyone plus roles, everything for the owner or an administrator. */
  basePermissions(guildId: string, userId: string): bigint {
    const guild = this.guild(guildId);
    if (guild.ownerId === userId) return ALL_PERMISSIONS;
    const member = guild.members.get(userId);
    let perms = guild.roles.get(guildId)?.permissions ? BigInt(guild.roles.get(guildId)!.permissions) : 0n;
    for (const roleId of member?.roles ?? []) {
      const r = guild.roles.get(roleId);
      if (r) perms |= BigInt(r.permissions);
    }
    return perms & PermissionFlagsBits.Administrator ? ALL_PERMISSIONS : perms;
  }

  /** Permissions in a channel: base permissions with the channel's overwrites applied in Discord's order. */
  channelPermissions(channelId: string, userId: string): bigint {
    const channel = this.channel(channelId);
    if (channel.guildId === null) return userId === this.appId ? DM_APP_PERMISSIONS : DM_APP_PERMISSIONS;
    const base = this.basePermissions(channel.guildId, userId);
    if (base === ALL_PERMISSIONS) return base;
    const member = this.guild(channel.guildId).members.get(userId);
    let perms = base;
    const apply = (o: APIOverwrite | undefined) => {
      if (!o) return;
      perms &= ~BigInt(o.deny);
      perms |= BigInt(o.allow);
    };
    apply(channel.overwrites.find((o) => o.id === channel.guildId));
    let allow = 0n;
    let deny = 0n;
    for (const o of channel.overwrites) {
      if (o.type === OverwriteType.Role && o.id !== channel.guildId && member?.roles.includes(o.id)) {
        allow |= BigInt(o.allow);
        deny |= BigInt(o.deny);
      }
    }
    perms = (perms & ~deny) | allow;
    apply(channel.overwrites.find((o) => o.type === OverwriteType.Member && o.id === userId));
    return perms;
  }

  // --- JSON views -------------------------------------------------------------------------------------------

  memberJson(guildId: string, userId: string): APIGuildMember {
    const member = this.guild(guildId).members.get(userId);
    if (!member) throw new Error(`User ${userId} is not a member of guild ${guildId}`);
    return {
      user: this.user(userId),
      nick: member.nick,
      avatar: null,
      banner: null,
      roles: [...member.roles],
      joined_at: member.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
  }

  interactionMemberJson(
    guildId: string,
    userId: string,
    channelId: string,
    permissions?: bigint,
  ): APIInteractionGuildMember {
    return {
      ...this.memberJson(guildId, userId),
      user: this.user(userId),
      permissions: String(permissions ?? this.channelPermissions(channelId, userId)),
    };
  }

  channelJson(channelId: string): APIChannel {
    const c = this.channel(channelId);
    if (c.type === ChannelType.DM) {
      return {
        id: c.id,
        type: ChannelType.DM,
        name: null,
        flags: 0 as ChannelFlags,
        last_message_id: c.lastMessageId,
        recipients: c.recipientIds.map((id) => this.user(id)),
      } satisfies APIDMChannel;
    }
    return this.textChannelJson(channelId);
  }

  textChannelJson(channelId: string): APITextChannel {
    const c = this.channel(channelId);
    if (c.guildId === null) throw new Error(`Channel ${channelId} is not a guild channel`);
    return {
      id: c.id,
      type: ChannelType.GuildText,
      guild_id: c.guildId,
      name: c.name,
      position: c.position,
      flags: 0 as ChannelFlags,
      parent_id: null,
      topic: c.topic,
      nsfw: c.nsfw,
      last_message_id: c.lastMessageId,
      rate_limit_per_user: 0,
      permission_overwrites: c.overwrites,
    } satisfies APITextChannel;
  }

  guildCreateJson(guildId: string): GatewayGuildCreateDispatchData {
    const g = this.guild(guildId);
    return {
      id: g.id,
      name: g.name,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: g.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: GuildVerificationLevel.Low,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.AllMembers,
      mfa_level: GuildMFALevel.None,
      nsfw_level: GuildNSFWLevel.Default,
      premium_tier: GuildPremiumTier.None,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: g.preferredLocale,
      application_id: null,
      system_channel_id: g.channelIds[0] ?? null,
      system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      hub_type: null as GuildHubType | null,
      incidents_data: null,
      max_members: 500000,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      features: [],
      roles: [...g.roles.values()],
      emojis: [],
      stickers: [],
      joined_at: g.joinedAt,
      large: false,
      unavailable: false,
      member_count: g.members.size,
      members: [...g.members.keys()].map((userId) => this.memberJson(g.id, userId)),
      channels: g.channelIds.map((id) => this.textChannelJson(id)),
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      region: 'deprecated',
    } satisfies GatewayGuildCreateDispatchData;
  }
}

function baseUser(id: string, username: string, globalName: string | null): APIUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: globalName,
    avatar: null,
    avatar_decoration_data: null,
    banner: null,
    accent_color: null,
    flags: 0 as UserFlags,
    public_flags: 0 as UserFlags,
    collectibles: null,
    primary_guild: null,
  };
}

function role(id: string, name: string, permissions: bigint, position: number): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: String(permissions),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
