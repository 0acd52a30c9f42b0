// REST routes of the emulator and the rules Discord enforces on them: bot-token authorization, the 3-second
// acknowledgement window, one acknowledgement per interaction, 15-minute interaction tokens, the per-file size
// limit, message limits, permissions on channel sends, and MESSAGE_* dispatches for what changes.
import {
  ApplicationCommandType,
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIMessage,
  type GatewayMessageCreateDispatchData,
  type GatewayMessageDeleteDispatchData,
} from 'discord-api-types/v10';
import type { Clock } from './clock.ts';
import { commandJson, validateCommand, validateCommandSet } from './commands.ts';
import {
  ApiError,
  FormErrors,
  alreadyAcknowledged,
  invalidWebhookToken,
  missingAccess,
  missingPermissions,
  notAuthor,
  unknownChannel,
  unknownCommand,
  unknownGuild,
  unknownInteraction,
  unknownMember,
  unknownMessage,
  unknownUser,
  unknownWebhook,
} from './errors.ts';
import type { Gateway, GatewaySession } from './gateway.ts';
import {
  createMessage,
  editMessage,
  isObject,
  validateBody,
  type Body,
  type UploadedFile,
  type WriteContext,
} from './messages.ts';
import { DEFAULT_ATTACHMENT_LIMIT, type InteractionState, type StoredMessage, type World } from './world.ts';

export const ACK_WINDOW_MS = 3000;
export const TOKEN_LIFETIME_MS = 15 * 60 * 1000;
/** Discord checks enforce_nonce "in the past few minutes"; the exact window is not documented. */
export const NONCE_WINDOW_MS = 5 * 60 * 1000;

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  json: unknown;
  files: UploadedFile[];
}

export interface RouteDef {
  method: string;
  template: string;
  /** 'bot': needs `Authorization: Bot <token>`; 'none': interaction and webhook-token routes. */
  auth: 'bot' | 'none';
  handle(ctx: RequestContext): Reply | Promise<Reply>;
}

export interface RestDeps {
  world: World;
  gateway: Gateway;
  clock: Clock;
  origin(): string;
  /** Called whenever a message is created, edited or deleted (ephemeral ones included). */
  onMessageChange(stored: StoredMessage): void;
  /** GET /applications/@me and READY.application come from the same place. */
  application(): Record<string, unknown>;
  gatewayBot(): Record<string, unknown>;
}

const ok = (body: unknown): Reply => ({ status: 200, body });
const noContent = (): Reply => ({ status: 204 });

export class Rest {
  readonly routes: RouteDef[];
  readonly #nonces = new Map<string, { id: string; at: number }>();

  private readonly deps: RestDeps;
  constructor(deps: RestDeps) {
    this.deps = deps;
    const r = (method: string, template: string, auth: 'bot' | 'none', handle: RouteDef['handle']): RouteDef => ({
      method,
      template,
      auth,
      handle,
    });
    this.routes = [
      r('GET', '/gateway/bot', 'bot', () => ok(deps.gatewayBot())),
      r('GET', '/gateway', 'none', () => ok({ url: String(deps.gatewayBot().url) })),
      r('GET', '/users/@me', 'bot', () => ok(this.#me())),
      r('GET', '/users/:user', 'bot', (c) => ok(this.#user(c.params.user!))),
      r('POST', '/users/@me/channels', 'bot', (c) => this.#openDm(c)),
      r('GET', '/applications/@me', 'bot', () => ok(deps.application())),
      r('GET', '/applications/:app/commands', 'bot', (c) => ok(this.#commands(c, null))),
      r('PUT', '/applications/:app/commands', 'bot', (c) => this.#putCommands(c, null)),
      r('POST', '/applications/:app/commands', 'bot', (c) => this.#postCommand(c, null)),
      r('GET', '/applications/:app/commands/:cmd', 'bot', (c) => ok(this.#command(c, null))),
      r('PATCH', '/applications/:app/commands/:cmd', 'bot', (c) => this.#patchCommand(c, null)),
      r('DELETE', '/applications/:app/commands/:cmd', 'bot', (c) => this.#deleteCommand(c, null)),
      r('GET', '/applications/:app/guilds/:guild/commands', 'bot', (c) => ok(this.#commands(c, c.params.guild!))),
      r('PUT', '/applications/:app/guilds/:guild/commands', 'bot', (c) => this.#putCommands(c, c.params.guild!)),
      r('POST', '/applications/:app/guilds/:guild/commands', 'bot', (c) => this.#postCommand(c, c.params.guild!)),
      r('GET', '/applications/:app/guilds/:guild/commands/:cmd', 'bot', (c) => ok(this.#command(c, c.params.guild!))),
      r('PATCH', '/applications/:app/guilds/:guild/commands/:cmd', 'bot', (c) =>
        this.#patchCommand(c, c.params.guild!),
      ),
      r('DELETE', '/applications/:app/guilds/:guild/commands/:cmd', 'bot', (c) =>
        this.#deleteCommand(c, c.params.guild!),
      ),
      r('POST', '/interactions/:id/:token/callback', 'none', (c) => this.#callback(c)),
      r('GET', '/webhooks/:app/:token/messages/:message', 'none', (c) => this.#webhookGet(c)),
      r('PATCH', '/webhooks/:app/:token/messages/:message', 'none', (c) => this.#webhookEdit(c)),
      r('DELETE', '/webhooks/:app/:token/messages/:message', 'none', (c) => this.#webhookDelete(c)),
      r('POST', '/webhooks/:app/:token', 'none', (c) => this.#followUp(c)),
      r('GET', '/channels/:channel', 'bot', (c) =>
        ok(deps.world.channelJson(this.#visibleChannel(c.params.channel!).id)),
      ),
      r('GET', '/channels/:channel/messages', 'bot', (c) => this.#listMessages(c)),
      r('POST', '/channels/:channel/messages', 'bot', (c) => this.#sendMessage(c)),
      r('GET', '/channels/:channel/messages/:message', 'bot', (c) => ok(this.#channelMessage(c).api)),
      r('PATCH', '/channels/:channel/messages/:message', 'bot', (c) => this.#editChannelMessage(c)),
      r('DELETE', '/channels/:channel/messages/:message', 'bot', (c) => this.#deleteChannelMessage(c)),
      r('POST', '/channels/:channel/typing', 'bot', (c) => (this.#visibleChannel(c.params.channel!), noContent())),
      r('GET', '/guilds/:guild', 'bot', (c) =>
        ok(this.#guildJson(c.params.guild!, c.query.get('with_counts') === 'true')),
      ),
      r('GET', '/guilds/:guild/channels', 'bot', (c) =>
        ok(this.#guild(c.params.guild!).channelIds.map((id) => deps.world.channelJson(id))),
      ),
      r('GET', '/guilds/:guild/roles', 'bot', (c) => ok([...this.#guild(c.params.guild!).roles.values()])),
      r('GET', '/guilds/:guild/members/:user', 'bot', (c) => ok(this.#member(c.params.guild!, c.params.user!))),
    ];
  }

  /** Finds the route for a decoded API path; `null` when Discord would answer 404. */
  match(method: string, path: string): { route: RouteDef; params: Record<string, string> } | null {
    const segs = path.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const tpl = route.template.split('/').filter(Boolean);
      if (tpl.length !== segs.length) continue;
      const params: Record<string, string> = {};
      let matched = true;
      for (let i = 0; i < tpl.length; i++) {
        const t = tpl[i]!;
        const s = segs[i]!;
        if (t.startsWith(':')) {
          // '@me' is a literal in other routes; don't let ':user' swallow it.
          if (s === '@me' && t === ':user') {
            matched = false;
            break;
          }
          params[t.slice(1)] = s;
        } else if (t !== s) {
          matched = false;
          break;
        }
      }
      if (matched) return { route, params };
    }
    return null;
  }

  // --- Users, guilds ---------------------------------------------------------------------------------------

  #me(): Record<string, unknown> {
    return { ...this.deps.world.botUser, mfa_enabled: true, locale: 'en-US', verified: true, email: null };
  }

  #user(id: string): unknown {
    const user = this.deps.world.users.get(id);
    if (!user) throw unknownUser();
    return user;
  }

  #openDm(c: RequestContext): Reply {
    const recipient = isObject(c.json) ? String(c.json.recipient_id ?? '') : '';
    if (!this.deps.world.users.has(recipient)) throw unknownUser();
    return ok(this.deps.world.channelJson(this.deps.world.dmChannel(recipient).id));
  }

  #guild(id: string) {
    const guild = this.deps.world.guilds.get(id);
    if (!guild) throw unknownGuild();
    return guild;
  }

  #guildJson(id: string, withCounts: boolean): unknown {
    const guild = this.#guild(id);
    const full = {
      ...(this.deps.world.guildCreateJson(guild.id) as unknown as Body),
      // Fields of GET /guilds/{id} that discord-api-types leaves out of GUILD_CREATE.
      home_header: null,
      widget_enabled: false,
      widget_channel_id: null,
      max_presences: null,
      nsfw: false,
      ...(withCounts ? { approximate_member_count: guild.members.size, approximate_presence_count: 0 } : {}),
    } as Body;
    // GET /guilds/{id} has no gateway-only fields.
    for (const key of [
      'joined_at',
      'large',
      'unavailable',
      'member_count',
      'members',
      'channels',
      'threads',
      'presences',
      'voice_states',
      'stage_instances',
      'guild_scheduled_events',
      'soundboard_sounds',
    ]) {
      delete full[key];
    }
    return full;
  }

  #member(guildId: string, userId: string): unknown {
    const guild = this.#guild(guildId);
    if (!guild.members.has(userId)) throw unknownMember();
    return this.deps.world.memberJson(guildId, userId);
  }

  // --- Commands ----------------------------------------------------------------------------------------------

  #checkApp(c: RequestContext, guildId: string | null): void {
    if (c.params.app !== this.deps.world.appId) throw missingAccess();
    if (guildId !== null && !this.deps.world.guilds.has(guildId)) throw missingAccess();
  }

  #commands(c: RequestContext, guildId: string | null): APIApplicationCommand[] {
    this.#checkApp(c, guildId);
    const { world } = this.deps;
    return guildId ? (world.guildCommands.get(guildId) ?? []) : world.globalCommands;
  }

  #setCommands(guildId: string | null, list: APIApplicationCommand[]): void {
    if (guildId) this.deps.world.guildCommands.set(guildId, list);
    else this.deps.world.globalCommands = list;
  }

  #putCommands(c: RequestContext, guildId: string | null): Reply {
    const previous = this.#commands(c, guildId);
    validateCommandSet(c.json);
    const list = (c.json as Body[]).map((b) => commandJson(this.deps.world, b, previous, guildId));
    this.#setCommands(guildId, list);
    return ok(list);
  }

  #postCommand(c: RequestContext, guildId: string | null): Reply {
    const previous = this.#commands(c, guildId);
    const errors = new FormErrors();
    validateCommand(c.json, [], errors);
    errors.throwIfAny();
    const cmd = commandJson(this.deps.world, c.json as Body, previous, guildId);
    const exists = previous.some((p) => p.id === cmd.id);
    this.#setCommands(guildId, exists ? previous.map((p) => (p.id === cmd.id ? cmd : p)) : [...previous, cmd]);
    return { status: exists ? 200 : 201, body: cmd };
  }

  #command(c: RequestContext, guildId: string | null): APIApplicationCommand {
    const cmd = this.#commands(c, guildId).find((x) => x.id === c.params.cmd);
    if (!cmd) throw unknownCommand();
    return cmd;
  }

  #patchCommand(c: RequestContext, guildId: string | null): Reply {
    const current = this.#command(c, guildId);
    const merged = { ...current, ...(isObject(c.json) ? c.json : {}) } as unknown as Body;
    const errors = new FormErrors();
    validateCommand(merged, [], errors);
    errors.throwIfAny();
    const cmd = commandJson(this.deps.world, merged, [current], guildId);
    this.#setCommands(
      guildId,
      this.#commands(c, guildId).map((p) => (p.id === cmd.id ? cmd : p)),
    );
    return ok(cmd);
  }

  #deleteCommand(c: RequestContext, guildId: string | null): Reply {
    const cmd = this.#command(c, guildId);
    this.#setCommands(
      guildId,
      this.#commands(c, guildId).filter((p) => p.id !== cmd.id),
    );
    return noContent();
  }

  // --- Interaction callbacks ---------------------------------------------------------------------------------

  #writeContext(channelId: string, sizeLimit: number, allowEphemeral: boolean): WriteContext {
    return { world: this.deps.world, origin: this.deps.origin(), channelId, sizeLimit, allowEphemeral };
  }

  #interactionContext(it: InteractionState): WriteContext {
    return this.#writeContext(it.channelId, it.payload.attachment_size_limit, true);
  }

  async #callback(c: RequestContext): Promise<Reply> {
    const { world, clock } = this.deps;
    const it = world.interactions.get(c.params.id!);
    if (!it || it.token !== c.params.token) throw unknownInteraction();
    if (it.ack) throw alreadyAcknowledged();
    if (clock.now() - it.createdAt > ACK_WINDOW_MS) {
      it.invalidated = true;
      throw unknownInteraction();
    }
    const body = isObject(c.json) ? c.json : {};
    const type = Number(body.type);
    const data = isObject(body.data) ? body.data : {};
    if (!allowedCallbacks(it).includes(type)) {
      const errors = new FormErrors();
      errors.add(
        ['type'],
        'INTERACTION_RESPONSE_TYPE_INVALID',
        `Interaction response type ${type} is not valid for interaction type ${it.type}`,
      );
      errors.throwIfAny();
    }
    let message: StoredMessage | null = null;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource: {
        const ctx = this.#interactionContext(it);
        validateBody(data, c.files, 'create', ctx);
        message = createMessage(ctx, this.#responseInit(it, false), data, c.files);
        it.originalMessageId = message.api.id;
        this.dispatchMessage('create', message);
        break;
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const ctx = this.#interactionContext(it);
        const flags = MessageFlags.Loading | (Number(data.flags ?? 0) & MessageFlags.Ephemeral);
        message = createMessage(ctx, { ...this.#responseInit(it, false), flags }, { flags }, []);
        it.originalMessageId = message.api.id;
        it.loadingPending = true;
        this.dispatchMessage('create', message);
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
        it.originalMessageId = it.sourceMessageId;
        break;
      case InteractionResponseType.UpdateMessage: {
        const source = world.messages.get(it.sourceMessageId ?? '');
        if (!source || source.deleted) throw unknownMessage();
        const ctx = this.#interactionContext(it);
        validateBody(data, c.files, 'edit', ctx, source);
        editMessage(ctx, source, data, c.files);
        it.originalMessageId = source.api.id;
        message = source;
        this.dispatchMessage('update', source);
        break;
      }
      case InteractionResponseType.Modal:
        validateModal(data);
        it.modal = data as unknown as InteractionState['modal'];
        break;
      case InteractionResponseType.ApplicationCommandAutocompleteResult: {
        const choices = Array.isArray(data.choices) ? data.choices : [];
        if (choices.length > 25) {
          const errors = new FormErrors();
          errors.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
          errors.throwIfAny();
        }
        break;
      }
      default:
        break;
    }
    it.ack = { type, at: clock.now() };
    if (c.query.get('with_response') !== 'true') return noContent();
    const response: Body = {
      interaction: {
        id: it.id,
        type: it.type,
        ...(it.originalMessageId && type !== InteractionResponseType.DeferredMessageUpdate
          ? {
              response_message_id: it.originalMessageId,
              response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
              response_message_ephemeral: !!message?.ephemeral,
            }
          : {}),
      },
    };
    // Only message-creating and message-updating responses carry a resource with the message.
    if (
      message &&
      (type === InteractionResponseType.ChannelMessageWithSource || type === InteractionResponseType.UpdateMessage)
    ) {
      response.resource = { type, message: message.api };
    }
    return ok(response);
  }

  /** Author, type and metadata of a message an interaction's webhook creates. */
  #responseInit(it: InteractionState, followUp: boolean) {
    const { world } = this.deps;
    const p = it.payload as unknown as Body;
    const data = isObject(p.data) ? p.data : {};
    const user = world.user(it.userId);
    const owners = p.authorizing_integration_owners as Record<string, string>;
    let type: number = MessageType.Default;
    let metadata: Body = { id: it.id, type: it.type, user, authorizing_integration_owners: owners };
    let interaction: Body | undefined;
    if (it.type === InteractionType.ApplicationCommand) {
      const commandType = Number(data.type);
      type = followUp
        ? MessageType.Default
        : commandType === ApplicationCommandType.ChatInput
          ? MessageType.ChatInputCommand
          : MessageType.ContextMenuCommand;
      if (commandType === ApplicationCommandType.Message) metadata.target_message_id = data.target_id;
      if (commandType === ApplicationCommandType.User && typeof data.target_id === 'string')
        metadata.target_user = world.user(data.target_id);
      interaction = { id: it.id, type: it.type, name: String(data.name ?? ''), user };
    } else if (it.type === InteractionType.MessageComponent) {
      metadata.interacted_message_id = it.sourceMessageId;
    } else if (it.type === InteractionType.ModalSubmit) {
      const trigger = it.triggeredBy ? world.interactions.get(it.triggeredBy) : undefined;
      metadata = { ...metadata, triggering_interaction_metadata: trigger ? this.#metadataOf(trigger) : undefined };
      if (metadata.triggering_interaction_metadata === undefined) delete metadata.triggering_interaction_metadata;
    }
    if (followUp && it.originalMessageId) metadata.original_response_message_id = it.originalMessageId;
    return {
      author: world.botUser,
      type,
      webhookId: world.appId,
      applicationId: world.appId,
      interactionMetadata: metadata as unknown as APIMessage['interaction_metadata'],
      interaction: interaction as unknown as APIMessage['interaction'],
      interactionId: it.id,
      visibleTo: it.userId,
    };
  }

  #metadataOf(it: InteractionState): Body {
    const p = it.payload as unknown as Body;
    const data = isObject(p.data) ? p.data : {};
    const meta: Body = {
      id: it.id,
      type: it.type,
      user: this.deps.world.user(it.userId),
      authorizing_integration_owners: p.authorizing_integration_owners,
    };
    if (it.originalMessageId) meta.original_response_message_id = it.originalMessageId;
    if (it.type === InteractionType.MessageComponent) meta.interacted_message_id = it.sourceMessageId;
    if (it.type === InteractionType.ApplicationCommand && Number(data.type) === ApplicationCommandType.Message) {
      meta.target_message_id = data.target_id;
    }
    return meta;
  }

  // --- Webhook (interaction token) routes --------------------------------------------------------------------

  #tokenInteraction(c: RequestContext): InteractionState {
    const { world, clock } = this.deps;
    if (c.params.app !== world.appId) throw unknownWebhook();
    const it = world.interactionsByToken.get(c.params.token!);
    if (!it) throw invalidWebhookToken();
    const age = clock.now() - it.createdAt;
    if (age > TOKEN_LIFETIME_MS) throw invalidWebhookToken();
    if (!it.ack) {
      if (age > ACK_WINDOW_MS) {
        it.invalidated = true;
        throw invalidWebhookToken();
      }
      throw unknownWebhook();
    }
    return it;
  }

  #webhookMessage(it: InteractionState, id: string): StoredMessage {
    const { world } = this.deps;
    const messageId = id === '@original' ? it.originalMessageId : id;
    const stored = messageId ? world.messages.get(messageId) : undefined;
    if (!stored || stored.deleted) throw unknownMessage();
    if (id !== '@original') {
      const sameWebhook = stored.api.webhook_id === world.appId && stored.api.channel_id === it.channelId;
      const mine = stored.interactionId === it.id;
      if (!sameWebhook || (stored.ephemeral && !mine)) throw unknownMessage();
    }
    return stored;
  }

  #webhookGet(c: RequestContext): Reply {
    const it = this.#tokenInteraction(c);
    return ok(this.#webhookMessage(it, c.params.message!).api);
  }

  #webhookEdit(c: RequestContext): Reply {
    const it = this.#tokenInteraction(c);
    const stored = this.#webhookMessage(it, c.params.message!);
    const body = isObject(c.json) ? c.json : {};
    const ctx = this.#interactionContext(it);
    validateBody(body, c.files, 'edit', ctx, stored);
    editMessage(ctx, stored, body, c.files);
    if (stored.api.flags !== undefined && stored.api.flags & MessageFlags.Loading) {
      stored.api.flags &= ~MessageFlags.Loading;
      if (stored.api.id === it.originalMessageId) it.loadingPending = false;
    }
    this.dispatchMessage('update', stored);
    return ok(stored.api);
  }

  #webhookDelete(c: RequestContext): Reply {
    const it = this.#tokenInteraction(c);
    const stored = this.#webhookMessage(it, c.params.message!);
    this.deleteMessage(stored);
    return noContent();
  }

  #followUp(c: RequestContext): Reply {
    const it = this.#tokenInteraction(c);
    const body = isObject(c.json) ? c.json : {};
    const ctx = this.#interactionContext(it);
    validateBody(body, c.files, 'create', ctx);
    let stored: StoredMessage;
    if (it.loadingPending) {
      // The first follow-up after a deferred reply replaces the "thinking…" message (keeping its ephemerality).
      const original = this.deps.world.messages.get(it.originalMessageId ?? '');
      if (!original || original.deleted) throw unknownMessage();
      const { flags: _ignored, ...rest } = body;
      editMessage(ctx, original, rest, c.files);
      original.api.flags = (original.api.flags ?? 0) & ~MessageFlags.Loading;
      original.api.edited_timestamp = null;
      it.loadingPending = false;
      stored = original;
      this.dispatchMessage('update', stored);
    } else {
      stored = createMessage(ctx, this.#responseInit(it, true), body, c.files);
      it.followUpIds.push(stored.api.id);
      this.dispatchMessage('create', stored);
    }
    return c.query.get('wait') === 'true' ? ok(stored.api) : noContent();
  }

  // --- Channel routes (bot token) ----------------------------------------------------------------------------

  #visibleChannel(id: string) {
    const { world } = this.deps;
    const channel = world.channels.get(id);
    if (!channel) throw unknownChannel();
    if (channel.guildId && !(world.channelPermissions(id, world.appId) & PermissionFlagsBits.ViewChannel))
      throw missingAccess();
    return channel;
  }

  #channelMessage(c: RequestContext): StoredMessage {
    const channel = this.#visibleChannel(c.params.channel!);
    const stored = this.deps.world.messages.get(c.params.message!);
    // Ephemeral messages exist only for their user: the bot token can't see them.
    if (!stored || stored.deleted || stored.ephemeral || stored.api.channel_id !== channel.id) throw unknownMessage();
    return stored;
  }

  #listMessages(c: RequestContext): Reply {
    const channel = this.#visibleChannel(c.params.channel!);
    const limit = Math.min(100, Math.max(1, Number(c.query.get('limit') ?? 50)));
    const before = c.query.get('before');
    const after = c.query.get('after');
    let list = [...this.deps.world.messages.values()].filter(
      (m) => m.api.channel_id === channel.id && !m.deleted && !m.ephemeral,
    );
    if (before) list = list.filter((m) => BigInt(m.api.id) < BigInt(before));
    if (after) list = list.filter((m) => BigInt(m.api.id) > BigInt(after));
    list.sort((a, b) => (BigInt(b.api.id) > BigInt(a.api.id) ? 1 : -1));
    return ok(list.slice(0, limit).map((m) => m.api));
  }

  #sendMessage(c: RequestContext): Reply {
    const { world } = this.deps;
    const channel = this.#visibleChannel(c.params.channel!);
    const perms = world.channelPermissions(channel.id, world.appId);
    if (!(perms & PermissionFlagsBits.SendMessages)) throw missingPermissions();
    if (c.files.length > 0 && !(perms & PermissionFlagsBits.AttachFiles)) throw missingPermissions();
    const body = isObject(c.json) ? c.json : {};
    const sizeLimit = channel.guildId ? world.guild(channel.guildId).attachmentSizeLimit : DEFAULT_ATTACHMENT_LIMIT;
    const ctx = this.#writeContext(channel.id, sizeLimit, false);
    validateBody(body, c.files, 'create', ctx);
    let type: number = MessageType.Default;
    let reference: APIMessage['message_reference'];
    let referenced: APIMessage | null | undefined;
    if (isObject(body.message_reference)) {
      const refId = String(body.message_reference.message_id ?? '');
      const target = world.messages.get(refId);
      if (!target || target.deleted || target.ephemeral) {
        if (body.message_reference.fail_if_not_exists !== false) {
          const errors = new FormErrors();
          errors.add(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
          errors.throwIfAny();
        }
      } else {
        type = MessageType.Reply;
        reference = {
          type: 0,
          message_id: refId,
          channel_id: target.api.channel_id,
          ...(channel.guildId ? { guild_id: channel.guildId } : {}),
        };
        referenced = target.api;
      }
    }
    // enforce_nonce: a repeated nonce from the same author returns the first message instead of a duplicate.
    const nonce = typeof body.nonce === 'string' || typeof body.nonce === 'number' ? String(body.nonce) : null;
    const nonceKey = nonce !== null && body.enforce_nonce === true ? `${channel.id}:${world.appId}:${nonce}` : null;
    if (nonceKey) {
      const seen = this.#nonces.get(nonceKey);
      const previous =
        seen && this.deps.clock.now() - seen.at < NONCE_WINDOW_MS ? world.messages.get(seen.id) : undefined;
      if (previous && !previous.deleted) return ok(previous.api);
    }
    const stored = createMessage(
      ctx,
      {
        author: world.botUser,
        type,
        messageReference: reference,
        referencedMessage: referenced,
        ...(typeof body.nonce === 'string' || typeof body.nonce === 'number' ? { nonce: body.nonce } : {}),
      },
      body,
      c.files,
    );
    if (nonceKey) this.#nonces.set(nonceKey, { id: stored.api.id, at: this.deps.clock.now() });
    this.dispatchMessage('create', stored);
    return ok(stored.api);
  }

  #editChannelMessage(c: RequestContext): Reply {
    const stored = this.#channelMessage(c);
    if (stored.api.author.id !== this.deps.world.appId) throw notAuthor();
    const channel = this.deps.world.channel(stored.api.channel_id);
    const sizeLimit = channel.guildId
      ? this.deps.world.guild(channel.guildId).attachmentSizeLimit
      : DEFAULT_ATTACHMENT_LIMIT;
    const ctx = this.#writeContext(channel.id, sizeLimit, false);
    const body = isObject(c.json) ? c.json : {};
    validateBody(body, c.files, 'edit', ctx, stored);
    editMessage(ctx, stored, body, c.files);
    this.dispatchMessage('update', stored);
    return ok(stored.api);
  }

  #deleteChannelMessage(c: RequestContext): Reply {
    const { world } = this.deps;
    const stored = this.#channelMessage(c);
    if (
      stored.api.author.id !== world.appId &&
      !(world.channelPermissions(stored.api.channel_id, world.appId) & PermissionFlagsBits.ManageMessages)
    ) {
      throw missingPermissions();
    }
    this.deleteMessage(stored);
    return noContent();
  }

  // --- Dispatches --------------------------------------------------------------------------------------------

  deleteMessage(stored: StoredMessage): void {
    stored.deleted = true;
    this.deps.onMessageChange(stored);
    if (stored.ephemeral) return;
    const channel = this.deps.world.channel(stored.api.channel_id);
    this.deps.gateway.dispatch(GatewayDispatchEvents.MessageDelete, (s: GatewaySession) =>
      wantsMessages(s, channel.guildId)
        ? ({
            id: stored.api.id,
            channel_id: channel.id,
            ...(channel.guildId ? { guild_id: channel.guildId } : {}),
          } satisfies GatewayMessageDeleteDispatchData)
        : null,
    );
  }

  /** MESSAGE_CREATE / MESSAGE_UPDATE, only to sessions whose intents ask for them, content blanked without MessageContent. */
  dispatchMessage(kind: 'create' | 'update', stored: StoredMessage): void {
    this.deps.onMessageChange(stored);
    if (stored.ephemeral) return;
    const { world } = this.deps;
    const channel = world.channel(stored.api.channel_id);
    const t = kind === 'create' ? GatewayDispatchEvents.MessageCreate : GatewayDispatchEvents.MessageUpdate;
    this.deps.gateway.dispatch(t, (s: GatewaySession) => {
      if (!wantsMessages(s, channel.guildId)) return null;
      const d = structuredClone(stored.api) as unknown as GatewayMessageCreateDispatchData & Body;
      if (channel.guildId) {
        d.guild_id = channel.guildId;
        const member = world.guild(channel.guildId).members.get(stored.api.author.id);
        if (member && !stored.api.webhook_id) {
          const { user: _user, ...rest } = world.memberJson(channel.guildId, member.userId);
          d.member = rest as GatewayMessageCreateDispatchData['member'];
        }
      }
      const mentioned = stored.api.mentions.some((u) => u.id === world.appId);
      const own = stored.api.author.id === world.appId;
      if (!(s.intents & GatewayIntentBits.MessageContent) && !own && !mentioned && channel.guildId) {
        d.content = '';
        d.embeds = [];
        d.attachments = [];
        d.components = [];
      }
      return d;
    });
  }
}

function wantsMessages(s: GatewaySession, guildId: string | null): boolean {
  return (s.intents & (guildId ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages)) !== 0;
}

function allowedCallbacks(it: InteractionState): number[] {
  const T = InteractionResponseType;
  switch (it.type) {
    case InteractionType.Ping:
      return [T.Pong];
    case InteractionType.ApplicationCommand:
      return [T.ChannelMessageWithSource, T.DeferredChannelMessageWithSource, T.Modal, T.LaunchActivity];
    case InteractionType.MessageComponent:
      return [
        T.ChannelMessageWithSource,
        T.DeferredChannelMessageWithSource,
        T.DeferredMessageUpdate,
        T.UpdateMessage,
        T.Modal,
      ];
    case InteractionType.ApplicationCommandAutocomplete:
      return [T.ApplicationCommandAutocompleteResult];
    case InteractionType.ModalSubmit:
      return it.sourceMessageId
        ? [T.ChannelMessageWithSource, T.DeferredChannelMessageWithSource, T.DeferredMessageUpdate, T.UpdateMessage]
        : [T.ChannelMessageWithSource, T.DeferredChannelMessageWithSource];
    default:
      return [];
  }
}

function validateModal(data: Body): void {
  const errors = new FormErrors();
  if (typeof data.custom_id !== 'string' || data.custom_id.length < 1 || data.custom_id.length > 100) {
    errors.add(['data', 'custom_id'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
  if (typeof data.title !== 'string' || data.title.length < 1 || data.title.length > 45) {
    errors.add(['data', 'title'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 45 in length.');
  }
  if (!Array.isArray(data.components) || data.components.length < 1 || data.components.length > 5) {
    errors.add(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
  } else {
    const ids = new Set<string>();
    data.components.forEach((row, i) => {
      const inner = isObject(row)
        ? row.type === 1 && Array.isArray(row.components)
          ? row.components[0]
          : row.component
        : undefined;
      if (!isObject(inner)) return;
      const id = inner.custom_id;
      if (typeof id !== 'string' || id.length < 1 || id.length > 100) {
        errors.add(
          ['data', 'components', i, 'custom_id'],
          'BASE_TYPE_BAD_LENGTH',
          'Must be between 1 and 100 in length.',
        );
      } else if (ids.has(id)) {
        errors.add(
          ['data', 'components', i, 'custom_id'],
          'COMPONENT_CUSTOM_ID_DUPLICATED',
          'Component custom id cannot be duplicated',
        );
      } else ids.add(id);
      if (typeof inner.label === 'string' && inner.label.length > 45) {
        errors.add(['data', 'components', i, 'label'], 'BASE_TYPE_MAX_LENGTH', 'Must be 45 or fewer in length.');
      }
    });
  }
  errors.throwIfAny();
}

export { ApiError, ChannelType };
