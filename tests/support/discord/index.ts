// A local stand-in for Discord, for end-to-end tests of the real, unmodified discord.js client: REST under
// /api/v10 and the gateway WebSocket at /gateway on one http server on 127.0.0.1, plus a CDN for attachments.
// See README.md in this folder for how tests use it.
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApplicationFlags,
  GatewayIntentBits,
  type Locale,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIMessage,
  type APIOverwrite,
  type APIRole,
  type APIUser,
  type GatewayReadyDispatchData,
  OverwriteType,
} from 'discord-api-types/v10';
import { TestClock } from './clock.ts';
import { ApiError, invalidJson, tooLarge, unauthorized } from './errors.ts';
import { Gateway, type GatewayFrame } from './gateway.ts';
import {
  Interactions,
  type FileInput,
  type InteractionHandle,
  type InvokeOptions,
  type OptionValue,
} from './interactions.ts';
import { MAX_REQUEST_BYTES, createMessage, isObject, type Body, type UploadedFile } from './messages.ts';
import { Rest, type Reply } from './rest.ts';
import { formatViolations, validateDispatch, validateExchange, type SpecViolation } from './spec.ts';
import {
  BOT_ROLE_PERMISSIONS,
  MODERATOR_PERMISSIONS,
  World,
  type InteractionState,
  type StoredMessage,
} from './world.ts';

export { TestClock } from './clock.ts';
export { formatViolations } from './spec.ts';
export type { SpecViolation } from './spec.ts';
export type { FileInput, InteractionHandle, InvokeOptions, OptionValue } from './interactions.ts';

export interface GuildSpec {
  name?: string;
  /** Per-file upload limit in this guild (10 MiB unless boosted). */
  attachmentSizeLimit?: number;
  locale?: Locale;
}

export interface EmulatorOptions {
  /** The bot token discord.js must present; a realistic random one by default. */
  token?: string;
  /** Application id, which is also the bot user's id. */
  appId?: string;
  botName?: string;
  /** Number of guilds, or their settings; one by default. */
  guilds?: number | GuildSpec[];
  /** HELLO's heartbeat_interval in ms (Discord: 41250). Lower it only for zombie-connection tests. */
  heartbeatInterval?: number;
  /** Privileged intents enabled in the developer portal (GuildMembers, GuildPresences, MessageContent). */
  privilegedIntents?: number;
  /** The clock for every time-based rule; real time by default, advance() to jump. */
  clock?: TestClock;
}

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface RecordedRequest {
  seq: number;
  /** Clock time when the request arrived. */
  at: number;
  method: string;
  /** Decoded path after /api/v10, e.g. /webhooks/1/TOKEN/messages/@original. */
  path: string;
  /** The route template it matched, e.g. /webhooks/:app/:token/messages/:message; null for unknown routes. */
  route: string | null;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The JSON body, or the parsed payload_json of a multipart body. */
  json: unknown;
  files: RecordedFile[];
  response: { status: number; body: unknown; headers: Record<string, string> };
  /** True when failNext() produced the response. */
  injected: boolean;
}

export interface FailureSpec {
  method?: string;
  /** Matched against the decoded path after /api/v10 (a string must match exactly). */
  path?: RegExp | string;
  status: number;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** For 429: seconds in Retry-After and retry_after (default 0.25, to keep tests fast). */
  retryAfter?: number;
  /** For 429: a global rate limit. */
  global?: boolean;
  /** Replaces the default error body. */
  body?: unknown;
  /** Carry out the request, then answer with the failure (a lost response: a retry would repeat it). */
  afterProcessing?: boolean;
}

/** A message as stored, with its attachments' bytes. */
export type MessageView = Omit<APIMessage, 'components'> & {
  /** Always present in Discord's message objects (the spec requires it), though discord-api-types marks it optional. */
  components: NonNullable<APIMessage['components']>;
  files: Array<{ id: string; filename: string; contentType: string; bytes: Buffer }>;
  ephemeral: boolean;
  deleted: boolean;
  /** The interaction whose webhook created it, if any. */
  interactionId: string | null;
};

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  userId: string;
  channelId: string;
  createdAt: number;
  /** The acknowledgement (callback type and clock time), or null. */
  ack: { type: number; at: number } | null;
  originalMessageId: string | null;
  followUpIds: string[];
  payload: InteractionState['payload'];
}

export interface EmulatedGuild {
  id: string;
  name: string;
  channelId: string;
  nsfwChannelId: string;
  roles: { everyone: APIRole; moderator: APIRole; supporter: APIRole; bot: APIRole };
}

interface Injection
  extends Required<Pick<FailureSpec, 'status' | 'times' | 'retryAfter' | 'global' | 'afterProcessing'>> {
  method?: string;
  path?: RegExp | string;
  body?: unknown;
}

export async function startDiscordEmulator(options: EmulatorOptions = {}): Promise<DiscordEmulator> {
  const emulator = new DiscordEmulator(options);
  await emulator.listen();
  return emulator;
}

export class DiscordEmulator {
  readonly clock: TestClock;
  readonly token: string;
  readonly appId: string;
  readonly world: World;
  readonly gateway: Gateway;
  /** Every REST request in order, with its response. */
  readonly requests: RecordedRequest[] = [];
  /** Requests to paths Discord doesn't have (404): a faithful bot makes none. */
  readonly unknownRoutes: Array<{ method: string; path: string }> = [];
  /** Attachment downloads from the CDN paths. */
  readonly downloads: Array<{ at: number; path: string; status: number }> = [];
  #downloadFaults: Array<{ mode: 'slow-loris' | 'cut'; times: number }> = [];

  /**
   * The next `times` attachment downloads misbehave: 'slow-loris' sends the headers, then one byte every 200 ms
   * for ever; 'cut' sends half the file, then drops the connection.
   */
  failDownloads(mode: 'slow-loris' | 'cut', times = 1): void {
    this.#downloadFaults.push({ mode, times });
  }
  readonly guilds: EmulatedGuild[] = [];
  readonly users: { owner: APIUser; alice: APIUser; bob: APIUser; mod: APIUser; [name: string]: APIUser };
  readonly #server: Server;
  readonly #rest: Rest;
  readonly #interactions: Interactions;
  readonly #injections: Injection[] = [];
  readonly #events = new EventEmitter();
  readonly #privilegedIntents: number;
  #port = 0;
  #seq = 0;

  constructor(options: EmulatorOptions = {}) {
    this.clock = options.clock ?? new TestClock();
    this.#events.setMaxListeners(0);
    this.#privilegedIntents = options.privilegedIntents ?? 0;
    const appId = options.appId ?? String(((BigInt(Date.now()) - 1420070400000n) << 22n) | 4242n);
    this.appId = appId;
    this.token =
      options.token ??
      `${Buffer.from(appId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(28).toString('base64url')}`;
    this.world = new World(this.clock, appId, options.botName ?? 'Atelier');
    const w = this.world;
    const owner = w.addUser('owner', { globalName: 'Server Owner' });
    this.users = {
      owner,
      alice: w.addUser('alice'),
      bob: w.addUser('bob'),
      mod: w.addUser('mod', { globalName: 'Moderator Mo' }),
    };
    const specs =
      typeof options.guilds === 'number'
        ? Array.from({ length: options.guilds }, () => ({}))
        : (options.guilds ?? [{}]);
    if (specs.length < 1) throw new Error('startDiscordEmulator: at least one guild');
    specs.forEach((spec, i) => this.guilds.push(this.#makeGuild(spec, i)));
    this.gateway = new Gateway({
      token: this.token,
      heartbeatInterval: options.heartbeatInterval ?? 41250,
      privilegedIntents: this.#privilegedIntents,
      clock: this.clock,
      resumeUrl: () => this.#resumeUrl(),
      ready: (sessionId) => this.#ready(sessionId),
      guildCreates: () => this.guilds.map((g) => w.guildCreateJson(g.id)),
    });
    this.#rest = new Rest({
      world: w,
      gateway: this.gateway,
      clock: this.clock,
      origin: () => this.origin,
      onMessageChange: (stored) => this.#events.emit('message', stored),
      application: () => this.#application(),
      gatewayBot: () => ({
        url: `ws://127.0.0.1:${this.#port}/gateway`,
        shards: 1,
        session_start_limit: {
          total: 1000,
          remaining: 1000 - this.gateway.identifies.length,
          reset_after: 86_400_000,
          max_concurrency: 1,
        },
      }),
    });
    this.#interactions = new Interactions({
      world: w,
      gateway: this.gateway,
      origin: () => this.origin,
      defaultUser: () => this.users.alice,
      defaultChannelId: () => this.channelId,
    });
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('upgrade', (req, socket, head) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/gateway' || path.startsWith('/gateway/')) this.gateway.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
  }

  /** http://127.0.0.1:PORT */
  get origin(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** For ClientOptions.rest.api (discord.js adds /v10). */
  get apiBase(): string {
    return `${this.origin}/api`;
  }

  get botUser(): APIUser {
    return this.world.botUser;
  }

  /** The first guild, its normal text channel and its age-restricted (nsfw) channel. */
  get guildId(): string {
    return this.guilds[0]!.id;
  }
  get channelId(): string {
    return this.guilds[0]!.channelId;
  }
  get nsfwChannelId(): string {
    return this.guilds[0]!.nsfwChannelId;
  }
  get roles(): EmulatedGuild['roles'] {
    return this.guilds[0]!.roles;
  }

  // --- People and permissions -------------------------------------------------------------------------------

  /**
   * Adds a user, a member of every guild (or of `guildId` only, or of none with guildId: null), with roles
   * given by name ('Moderator', 'Supporter') or id. The user is also reachable as users[username].
   */
  addUser(
    username: string,
    opts: { roles?: string[]; guildId?: string | null; locale?: Locale; globalName?: string | null } = {},
  ): APIUser {
    const user = this.world.addUser(username, { locale: opts.locale, globalName: opts.globalName });
    const guildIds = opts.guildId === null ? [] : opts.guildId ? [opts.guildId] : this.guilds.map((g) => g.id);
    for (const gid of guildIds) this.world.addMember(gid, user.id, this.#roleIds(gid, opts.roles ?? []));
    this.users[username] = user;
    return user;
  }

  /** Adds a role with the given permission bits (PermissionFlagsBits) to a guild (the first by default). */
  addRole(name: string, permissions: bigint, opts: { guildId?: string } = {}): APIRole {
    return this.world.addRole(opts.guildId ?? this.guildId, name, permissions);
  }

  setMemberRoles(userId: string, roles: string[], opts: { guildId?: string } = {}): void {
    const gid = opts.guildId ?? this.guildId;
    const member = this.world.guild(gid).members.get(userId);
    if (!member) throw new Error(`User ${userId} is not in guild ${gid}`);
    member.roles = this.#roleIds(gid, roles);
  }

  setRolePermissions(roleId: string, permissions: bigint, opts: { guildId?: string } = {}): void {
    const role = this.world.guild(opts.guildId ?? this.guildId).roles.get(roleId);
    if (!role) throw new Error(`No role ${roleId}`);
    role.permissions = String(permissions);
  }

  /** Sets a permission overwrite on a channel (for a role or a member), as a server admin would. */
  setChannelOverwrite(
    channelId: string,
    overwrite: { id: string; type: 'role' | 'member'; allow?: bigint; deny?: bigint },
  ): void {
    const channel = this.world.channel(channelId);
    const o: APIOverwrite = {
      id: overwrite.id,
      type: overwrite.type === 'role' ? OverwriteType.Role : OverwriteType.Member,
      allow: String(overwrite.allow ?? 0n),
      deny: String(overwrite.deny ?? 0n),
    };
    channel.overwrites = [...channel.overwrites.filter((x) => x.id !== o.id), o];
  }

  // --- What users do -----------------------------------------------------------------------------------------

  /** Runs a slash command (`'imagine'`, or `'mod limits set'` for subcommands); returns the interaction's id and token. */
  slashCommand(name: string, options: Record<string, OptionValue> = {}, opts: InvokeOptions = {}): InteractionHandle {
    return this.#interactions.slashCommand(name, options, opts);
  }

  autocomplete(
    name: string,
    options: Record<string, string | number>,
    focused: string,
    opts: InvokeOptions = {},
  ): InteractionHandle {
    return this.#interactions.autocomplete(name, options, focused, opts);
  }

  /** A message command (context menu "Apps > name") on a message. */
  contextMenu(name: string, targetMessageId: string, opts: InvokeOptions = {}): InteractionHandle {
    return this.#interactions.contextMenu(name, targetMessageId, opts);
  }

  /** A user command (context menu on a member). */
  userCommand(name: string, target: APIUser, opts: InvokeOptions = {}): InteractionHandle {
    return this.#interactions.userCommand(name, target, opts);
  }

  clickButton(messageId: string, customId: string, opts: InvokeOptions = {}): InteractionHandle {
    return this.#interactions.clickButton(messageId, customId, opts);
  }

  selectMenu(messageId: string, customId: string, values: string[], opts: InvokeOptions = {}): InteractionHandle {
    return this.#interactions.selectMenu(messageId, customId, values, opts);
  }

  modalSubmit(
    opener: InteractionHandle | string,
    values: Record<string, string | string[] | FileInput[]>,
    opts: InvokeOptions = {},
  ): InteractionHandle {
    return this.#interactions.modalSubmit(opener, values, opts);
  }

  /** A user posts a message (optionally with files) in a channel; dispatched as MESSAGE_CREATE per intents. */
  userMessage(channelId: string, opts: { user?: APIUser; content?: string; files?: FileInput[] } = {}): MessageView {
    const user = opts.user ?? this.users.alice;
    const files: UploadedFile[] = (opts.files ?? []).map((f, i) => ({
      field: `files[${i}]`,
      name: f.name,
      contentType: f.contentType ?? '',
      bytes: Buffer.from(f.bytes),
    }));
    const stored = createMessage(
      { world: this.world, origin: this.origin, channelId, sizeLimit: Infinity, allowEphemeral: false },
      { author: user, type: 0 },
      { content: opts.content ?? '' },
      files,
    );
    this.#rest.dispatchMessage('create', stored);
    return this.#view(stored);
  }

  /** A user (or moderator) deletes a message: MESSAGE_DELETE, and the bot's later edits get 10008. */
  deleteMessage(messageId: string): void {
    const stored = this.world.messages.get(messageId);
    if (!stored || stored.deleted) throw new Error(`No message ${messageId}`);
    this.#rest.deleteMessage(stored);
  }

  // --- What the bot did --------------------------------------------------------------------------------------

  /** Resolves with the first request (from index `since` on, past or future) that matches. */
  waitFor(
    predicate: (r: RecordedRequest) => boolean,
    opts: { timeout?: number; since?: number } = {},
  ): Promise<RecordedRequest> {
    const past = this.requests.slice(opts.since ?? 0).find(predicate);
    if (past) return Promise.resolve(past);
    return this.#next(
      'request',
      (r: RecordedRequest) => (predicate(r) ? r : undefined),
      opts.timeout ?? 5000,
      'waitFor: no matching request',
    );
  }

  /** Resolves with the first message (existing or future, not deleted) that matches, as it is at that moment. */
  waitForMessage(predicate: (m: MessageView) => boolean, opts: { timeout?: number } = {}): Promise<MessageView> {
    for (const m of this.world.messages.values()) {
      if (m.deleted) continue;
      const view = this.#view(m);
      if (predicate(view)) return Promise.resolve(view);
    }
    return this.#next(
      'message',
      (m: StoredMessage) => {
        if (m.deleted) return undefined;
        const view = this.#view(m);
        return predicate(view) ? view : undefined;
      },
      opts.timeout ?? 5000,
      'waitForMessage: no matching message',
    );
  }

  getMessage(id: string): MessageView | undefined {
    const stored = this.world.messages.get(id);
    return stored ? this.#view(stored) : undefined;
  }

  /** The `@original` response of an interaction (by token or handle), with attachment bytes. */
  original(interaction: string | InteractionHandle): MessageView {
    const token = typeof interaction === 'string' ? interaction : interaction.token;
    const it = this.world.interactionsByToken.get(token) ?? this.world.interactions.get(token);
    if (!it) throw new Error('original(): unknown interaction token');
    const stored = it.originalMessageId ? this.world.messages.get(it.originalMessageId) : undefined;
    if (!stored)
      throw new Error(
        `original(): interaction ${it.id} has no original response yet (ack: ${it.ack ? it.ack.type : 'none'})`,
      );
    return this.#view(stored);
  }

  /**
   * An interaction's public message: its original response when that is public, else its first public follow-up (a
   * reply acknowledged privately first, such as a job from a crowd or from an upload). Undefined while there is none.
   */
  publicMessage(interaction: string | InteractionHandle): MessageView | undefined {
    const token = typeof interaction === 'string' ? interaction : interaction.token;
    const it = this.world.interactionsByToken.get(token) ?? this.world.interactions.get(token);
    if (!it) throw new Error('publicMessage(): unknown interaction token');
    const stored = [it.originalMessageId, ...it.followUpIds]
      .map((id) => (id ? this.world.messages.get(id) : undefined))
      .find((m) => m && !m.ephemeral && !m.deleted);
    return stored && this.#view(stored);
  }

  /** Messages in a channel, oldest first (deleted ones left out unless asked). */
  messagesIn(channelId: string, opts: { includeDeleted?: boolean } = {}): MessageView[] {
    return [...this.world.messages.values()]
      .filter((m) => m.api.channel_id === channelId && (opts.includeDeleted || !m.deleted))
      .map((m) => this.#view(m));
  }

  get messages(): MessageView[] {
    return [...this.world.messages.values()].map((m) => this.#view(m));
  }

  interaction(idOrHandle: string | InteractionHandle): InteractionRecord {
    const id = typeof idOrHandle === 'string' ? idOrHandle : idOrHandle.id;
    const it = this.world.interactions.get(id);
    if (!it) throw new Error(`No interaction ${id}`);
    return this.#record(it);
  }

  get interactions(): InteractionRecord[] {
    return [...this.world.interactions.values()].map((it) => this.#record(it));
  }

  get registeredCommands(): { global: APIApplicationCommand[]; guild: Record<string, APIApplicationCommand[]> } {
    return { global: this.world.globalCommands, guild: Object.fromEntries(this.world.guildCommands) };
  }

  // --- Faults ------------------------------------------------------------------------------------------------

  /** The next `times` requests matching method/path get `status` (429 with Retry-After, 5xx, or any error). */
  failNext(spec: FailureSpec): void {
    this.#injections.push({
      method: spec.method?.toUpperCase(),
      path: spec.path,
      status: spec.status,
      times: spec.times ?? 1,
      retryAfter: spec.retryAfter ?? 0.25,
      global: spec.global ?? false,
      body: spec.body,
      afterProcessing: spec.afterProcessing ?? false,
    });
  }

  dropGateway(code?: number): void {
    this.gateway.drop(code);
  }

  withholdHeartbeatAcks(on = true): void {
    this.gateway.withholdHeartbeatAcks(on);
  }

  sendReconnect(): void {
    this.gateway.sendReconnect();
  }

  invalidSession(resumable: boolean): void {
    this.gateway.invalidSession(resumable);
  }

  // --- Fidelity ----------------------------------------------------------------------------------------------

  /** Checks every recorded request and response, and the dispatches sent, against discord-api-spec. */
  validateAgainstSpec(): SpecViolation[] {
    const out: SpecViolation[] = [];
    for (const r of this.requests) out.push(...validateExchange(r));
    // Each dispatch once, though a RESUME may have sent it twice.
    const seen = new Set<GatewayFrame>();
    for (const { dir, frame } of this.gateway.frames) {
      if (dir !== 'out' || frame.op !== 0 || seen.has(frame)) continue;
      seen.add(frame);
      out.push(...validateDispatch(frame));
    }
    return out;
  }

  /** validateAgainstSpec() as text, '' when clean (handy in assert messages). */
  specReport(): string {
    return formatViolations(this.validateAgainstSpec());
  }

  async close(): Promise<void> {
    this.gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // --- Internals ---------------------------------------------------------------------------------------------

  #makeGuild(spec: GuildSpec, index: number): EmulatedGuild {
    const w = this.world;
    const g = w.addGuild(
      spec.name ?? (index === 0 ? 'Atelier Test Server' : `Test Server ${index + 1}`),
      this.users.owner.id,
      {
        locale: spec.locale,
        attachmentSizeLimit: spec.attachmentSizeLimit,
      },
    );
    const moderator = w.addRole(g.id, 'Moderator', MODERATOR_PERMISSIONS, { hoist: true });
    const supporter = w.addRole(g.id, 'Supporter', 0n, {
      color: 0xe91e63,
      colors: { primary_color: 0xe91e63, secondary_color: null, tertiary_color: null },
    });
    const bot = w.addRole(g.id, w.botUser.username, BOT_ROLE_PERMISSIONS, { managed: true, tags: { bot_id: w.appId } });
    const general = w.addChannel(g.id, 'general');
    const nsfw = w.addChannel(g.id, 'nsfw-art', { nsfw: true, topic: 'Age-restricted' });
    w.addMember(g.id, this.users.owner.id);
    w.addMember(g.id, this.users.alice.id);
    w.addMember(g.id, this.users.bob.id, [supporter.id]);
    w.addMember(g.id, this.users.mod.id, [moderator.id]);
    w.addMember(g.id, w.appId, [bot.id]);
    return {
      id: g.id,
      name: g.name,
      channelId: general.id,
      nsfwChannelId: nsfw.id,
      roles: { everyone: g.roles.get(g.id)!, moderator, supporter, bot },
    };
  }

  #roleIds(guildId: string, roles: string[]): string[] {
    const guild = this.world.guild(guildId);
    return roles.map((r) => {
      if (guild.roles.has(r)) return r;
      const byName = [...guild.roles.values()].find((x) => x.name.toLowerCase() === r.toLowerCase());
      if (!byName) throw new Error(`No role '${r}' in guild ${guild.name}`);
      return byName.id;
    });
  }

  #resumeUrl(): string {
    // Discord resumes on a different host than /gateway/bot names; a distinct path shows the client used it.
    return `ws://127.0.0.1:${this.#port}/gateway/resume`;
  }

  #applicationFlags(): number {
    let flags = 0;
    if (this.#privilegedIntents & GatewayIntentBits.GuildPresences) flags |= ApplicationFlags.GatewayPresenceLimited;
    if (this.#privilegedIntents & GatewayIntentBits.GuildMembers) flags |= ApplicationFlags.GatewayGuildMembersLimited;
    if (this.#privilegedIntents & GatewayIntentBits.MessageContent)
      flags |= ApplicationFlags.GatewayMessageContentLimited;
    return flags;
  }

  #ready(sessionId: string): GatewayReadyDispatchData {
    const flags = this.#applicationFlags();
    return {
      v: 10,
      user: this.world.botUser,
      guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: sessionId,
      resume_gateway_url: this.#resumeUrl(),
      shard: [0, 1],
      application: { id: this.appId, flags, flags_new: String(flags) },
    } satisfies GatewayReadyDispatchData;
  }

  #application(): Record<string, unknown> {
    const flags = this.#applicationFlags();
    const install = { scopes: ['bot', 'applications.commands'], permissions: String(BOT_ROLE_PERMISSIONS) };
    return {
      id: this.appId,
      name: this.world.botUser.username,
      icon: null,
      description: "Paints pictures on its owner's own GPU.",
      summary: '',
      type: null,
      bot: this.world.botUser,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: createHash('sha256').update(this.appId).digest('hex'),
      flags,
      flags_new: String(flags),
      redirect_uris: [],
      interactions_endpoint_url: null,
      role_connections_verification_url: null,
      owner: this.users.owner,
      team: null,
      approximate_guild_count: this.guilds.length,
      approximate_user_install_count: 0,
      approximate_user_authorization_count: 0,
      explicit_content_filter: 0,
      eligible_oauth2_scopes: ['bot', 'applications.commands'],
      install_params: install,
      integration_types_config: { '0': { oauth2_install_params: install } },
      tags: [],
    };
  }

  #view(stored: StoredMessage): MessageView {
    const api = structuredClone(stored.api);
    return {
      ...api,
      components: api.components ?? [],
      files: stored.api.attachments.map((a) => {
        const f = stored.files.get(a.id)!;
        return { id: a.id, filename: f.filename, contentType: f.contentType, bytes: f.bytes };
      }),
      ephemeral: stored.ephemeral,
      deleted: stored.deleted,
      interactionId: stored.interactionId,
    };
  }

  #record(it: InteractionState): InteractionRecord {
    return {
      id: it.id,
      token: it.token,
      type: it.type,
      userId: it.userId,
      channelId: it.channelId,
      createdAt: it.createdAt,
      ack: it.ack ? { ...it.ack } : null,
      originalMessageId: it.originalMessageId,
      followUpIds: [...it.followUpIds],
      payload: it.payload,
    };
  }

  /** Resolves with the first value `probe` returns for an emitted event's argument. */
  #next<A, T>(event: string, probe: (arg: A) => T | undefined, timeout: number, message: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onEvent = (arg: A) => {
        const value = probe(arg);
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${message} within ${timeout} ms`));
      }, timeout);
      const cleanup = () => {
        clearTimeout(timer);
        this.#events.off(event, onEvent);
      };
      this.#events.on(event, onEvent);
    });
  }

  // --- HTTP --------------------------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const method = (req.method ?? 'GET').toUpperCase();
    const cdn = /^\/(?:media\/)?attachments\/\d+\/(\d+)\/[^/]+$/.exec(url.pathname);
    if (cdn && (method === 'GET' || method === 'HEAD')) return this.#serveFile(cdn[1]!, url.pathname, method, res);

    const { buf, oversize } = await readBody(req);
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
    const prefix = '/api/v10/';
    const inApi = url.pathname.startsWith(prefix);
    let path = url.pathname;
    try {
      path = inApi
        ? '/' + url.pathname.slice(prefix.length).split('/').filter(Boolean).map(decodeURIComponent).join('/')
        : url.pathname;
    } catch {
      // a malformed escape: route the raw path, which will 404
    }
    const record: RecordedRequest = {
      seq: ++this.#seq,
      at: this.clock.now(),
      method,
      path,
      route: null,
      query: Object.fromEntries(url.searchParams),
      headers,
      json: undefined,
      files: [],
      response: { status: 0, body: undefined, headers: {} },
      injected: false,
    };
    let reply: Reply;
    try {
      const matched = inApi ? this.#rest.match(method, path) : null;
      if (!matched) {
        this.unknownRoutes.push({ method, path: url.pathname });
        throw new ApiError(404, 0, '404: Not Found');
      }
      record.route = matched.route.template;
      if (oversize) throw tooLarge();
      await parseBody(buf, headers['content-type'] ?? '', record);
      if (matched.route.auth === 'bot' && headers.authorization !== `Bot ${this.token}`) throw unauthorized();
      const injection = this.#takeInjection(method, path);
      if (injection && !injection.afterProcessing) {
        reply = this.#injected(injection);
        record.injected = true;
      } else {
        reply = await matched.route.handle({
          method,
          path,
          params: matched.params,
          query: url.searchParams,
          json: record.json,
          files: record.files,
        });
        if (injection) {
          reply = this.#injected(injection);
          record.injected = true;
        }
      }
    } catch (err) {
      if (err instanceof ApiError) reply = { status: err.status, body: err.body(), headers: err.headers };
      else {
        // A bug in the emulator, not something Discord would do: make it loud.
        console.error('[discord emulator] internal error', err);
        reply = { status: 500, body: { message: `emulator error: ${String(err)}`, code: 0 } };
      }
    }
    this.#send(res, reply, record);
    this.requests.push(record);
    this.#events.emit('request', record);
  }

  #send(res: ServerResponse, reply: Reply, record: RecordedRequest): void {
    const headers: Record<string, string> = { ...reply.headers };
    let payload: string | undefined;
    if (reply.body !== undefined) {
      if (typeof reply.body === 'string') payload = reply.body;
      else {
        payload = JSON.stringify(reply.body);
        headers['content-type'] = 'application/json';
      }
    }
    record.response = {
      status: reply.status,
      body: reply.body === undefined ? undefined : typeof reply.body === 'string' ? reply.body : JSON.parse(payload!),
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    };
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  #serveFile(id: string, path: string, method: string, res: ServerResponse): void {
    const file = this.world.files.get(id);
    this.downloads.push({ at: this.clock.now(), path, status: file ? 200 : 404 });
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not Found');
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.bytes.length) });
    const fault = method === 'GET' ? this.#downloadFaults.find((f) => f.times > 0) : undefined;
    if (fault) {
      fault.times--;
      if (fault.mode === 'cut') {
        res.write(file.bytes.subarray(0, file.bytes.length >> 1));
        setTimeout(() => res.socket?.destroy(), 20);
      } else {
        let sent = 0;
        const timer = setInterval(() => {
          if (sent < file.bytes.length - 1) res.write(file.bytes.subarray(sent, ++sent));
        }, 200);
        res.on('close', () => clearInterval(timer));
      }
      return;
    }
    res.end(method === 'HEAD' ? undefined : file.bytes);
  }

  #takeInjection(method: string, path: string): Injection | null {
    const hit = this.#injections.find(
      (i) =>
        i.times > 0 &&
        (!i.method || i.method === method) &&
        (i.path === undefined || (typeof i.path === 'string' ? i.path === path : i.path.test(path))),
    );
    if (!hit) return null;
    hit.times--;
    return hit;
  }

  #injected(i: Injection): Reply {
    if (i.status === 429) {
      const now = this.clock.now() / 1000;
      const headers: Record<string, string> = {
        'Retry-After': String(i.retryAfter),
        'X-RateLimit-Limit': '5',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': (now + i.retryAfter).toFixed(3),
        'X-RateLimit-Reset-After': i.retryAfter.toFixed(3),
        'X-RateLimit-Bucket': createHash('md5').update('injected').digest('hex').slice(0, 16),
        'X-RateLimit-Scope': i.global ? 'global' : 'user',
      };
      if (i.global) headers['X-RateLimit-Global'] = 'true';
      return {
        status: 429,
        headers,
        body: i.body ?? {
          message: 'You are being rate limited.',
          retry_after: i.retryAfter,
          global: i.global,
          code: 0,
        },
      };
    }
    if (i.body !== undefined) return { status: i.status, body: i.body };
    if (i.status === 502 || i.status === 504) {
      // Discord's edge answers these with an HTML page, not JSON.
      return {
        status: i.status,
        headers: { 'content-type': 'text/html' },
        body: `<html><head><title>${i.status} Bad Gateway</title></head><body><center><h1>${i.status}</h1></center><hr><center>cloudflare</center></body></html>`,
      };
    }
    const text = i.status >= 500 ? `${i.status}: Internal Server Error` : `${i.status}: Error`;
    return { status: i.status, body: { message: text, code: 0 } };
  }
}

async function readBody(req: IncomingMessage): Promise<{ buf: Buffer; oversize: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let oversize = false;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) oversize = true;
    else chunks.push(chunk as Buffer);
  }
  return { buf: oversize ? Buffer.alloc(0) : Buffer.concat(chunks), oversize };
}

async function parseBody(buf: Buffer, contentType: string, record: RecordedRequest): Promise<void> {
  if (buf.length === 0) return;
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(buf, { headers: { 'content-type': contentType } }).formData();
    let json: Body | undefined;
    const fields: Body = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') {
          try {
            json = JSON.parse(value) as Body;
          } catch {
            throw invalidJson();
          }
        } else fields[field] = value;
      } else {
        record.files.push({
          field,
          name: value.name,
          contentType: value.type,
          bytes: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    record.json = json ?? (Object.keys(fields).length ? fields : undefined);
    return;
  }
  try {
    record.json = JSON.parse(buf.toString('utf8'));
  } catch {
    throw invalidJson();
  }
  if (!isObject(record.json) && !Array.isArray(record.json)) throw invalidJson();
}

export { PermissionFlagsBits };
