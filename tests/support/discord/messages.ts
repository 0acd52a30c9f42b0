// Message bodies as Discord checks and stores them: the limits bots run into (2000 characters, 10 files, the
// per-file size limit, five rows of five buttons, custom_id length and uniqueness), numeric component ids,
// attachments merged on edit, and files served back from the emulator's own /attachments URLs.
import { MessageFlags, type APIAttachment, type APIMessage, type APIUser } from 'discord-api-types/v10';
import { createHash } from 'node:crypto';
import { ApiError, FormErrors, emptyMessage, tooLarge } from './errors.ts';
import type { StoredFile, StoredMessage, World } from './world.ts';

export const MAX_CONTENT = 2000;
export const MAX_FILES = 10;
export const MAX_REQUEST_BYTES = 25 * 1024 * 1024;

export interface UploadedFile {
  /** The multipart field name, `files[n]` from discord.js. */
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export type Body = Record<string, unknown>;

export interface WriteContext {
  world: World;
  /** http://127.0.0.1:PORT, for attachment URLs. */
  origin: string;
  channelId: string;
  /** Per-file byte limit (the interaction's attachment_size_limit or the guild's upload limit). */
  sizeLimit: number;
  /** Flags the caller may set: Ephemeral only makes sense in interaction responses. */
  allowEphemeral: boolean;
}

/** The per-file and per-request limits. Discord checks them before anything else (413, code 40005). */
export function checkFileSizes(files: readonly UploadedFile[], sizeLimit: number): void {
  for (const f of files) if (f.bytes.length > sizeLimit) throw tooLarge();
}

const CREATE_FLAGS =
  MessageFlags.SuppressEmbeds |
  MessageFlags.SuppressNotifications |
  MessageFlags.IsComponentsV2 |
  MessageFlags.IsVoiceMessage;

/** Validates a create or edit body against Discord's limits; throws 400 (50035 / 50006) or 413 (40005). */
export function validateBody(
  body: Body,
  files: readonly UploadedFile[],
  mode: 'create' | 'edit',
  ctx: WriteContext,
  existing?: StoredMessage,
): void {
  checkFileSizes(files, ctx.sizeLimit);
  const errors = new FormErrors();
  if (files.length > MAX_FILES)
    errors.add(['files'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_FILES} or fewer in length.`);
  const content = body.content;
  if (content !== undefined && content !== null) {
    if (typeof content !== 'string')
      errors.add(['content'], 'BASE_TYPE_STRING', 'Could not interpret value as string.');
    else if ([...content].length > MAX_CONTENT) {
      errors.add(['content'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_CONTENT} or fewer in length.`);
    }
  }
  const flags = Number(body.flags ?? existing?.api.flags ?? 0);
  const v2 = (flags & MessageFlags.IsComponentsV2) !== 0;
  if (body.embeds !== undefined && body.embeds !== null) validateEmbeds(body.embeds, errors);
  if (body.components !== undefined && body.components !== null) validateComponents(body.components, v2, errors);
  if (v2) {
    const hasContent =
      typeof body.content === 'string' ? body.content.length > 0 : mode === 'edit' && !!existing?.api.content;
    if (hasContent)
      errors.add(
        ['content'],
        'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
        "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
    if (Array.isArray(body.embeds) && body.embeds.length > 0) {
      errors.add(
        ['embeds'],
        'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
        "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
    }
  }
  if (body.attachments !== undefined && body.attachments !== null) {
    if (!Array.isArray(body.attachments)) errors.add(['attachments'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    else {
      if (body.attachments.length > MAX_FILES) {
        errors.add(['attachments'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_FILES} or fewer in length.`);
      }
      body.attachments.forEach((a, i) => {
        const id = isObject(a) ? String(a.id ?? '') : '';
        const isUpload =
          /^\d+$/.test(id) && Number(id) < files.length && files.some((f) => fileIndex(f, files) === Number(id));
        const isExisting = !!existing?.files.has(id);
        if (!isUpload && !isExisting) {
          errors.add(['attachments', i, 'id'], 'ATTACHMENT_NOT_FOUND', `Attachment with id ${id} not found`);
        }
      });
    }
  }
  errors.throwIfAny();
  if (mode === 'create') {
    const hasSomething =
      (typeof body.content === 'string' && body.content.length > 0) ||
      (Array.isArray(body.embeds) && body.embeds.length > 0) ||
      (Array.isArray(body.components) && body.components.length > 0) ||
      (Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0) ||
      isObject(body.poll) ||
      files.length > 0;
    if (!hasSomething) throw emptyMessage();
  }
}

/** Index of an uploaded file as discord.js numbers it (`files[n]`), falling back to its position. */
function fileIndex(file: UploadedFile, files: readonly UploadedFile[]): number {
  const m = /^files\[(\d+)\]$/.exec(file.field);
  return m ? Number(m[1]) : files.indexOf(file);
}

function validateEmbeds(embeds: unknown, errors: FormErrors): void {
  if (!Array.isArray(embeds)) return errors.add(['embeds'], 'BASE_TYPE_ARRAY', 'Must be an array.');
  if (embeds.length > 10) errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  embeds.forEach((e, i) => {
    if (!isObject(e)) return;
    const check = (path: (string | number)[], v: unknown, max: number) => {
      if (typeof v !== 'string') return;
      total += v.length;
      if (v.length > max)
        errors.add(['embeds', i, ...path], 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    };
    check(['title'], e.title, 256);
    check(['description'], e.description, 4096);
    if (isObject(e.footer)) check(['footer', 'text'], e.footer.text, 2048);
    if (isObject(e.author)) check(['author', 'name'], e.author.name, 256);
    if (Array.isArray(e.fields)) {
      if (e.fields.length > 25)
        errors.add(['embeds', i, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      e.fields.forEach((f, j) => {
        if (!isObject(f)) return;
        check(['fields', j, 'name'], f.name, 256);
        check(['fields', j, 'value'], f.value, 1024);
      });
    }
  });
  if (total > 6000) errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);
const V2_TOP_LEVEL = new Set([1, 9, 10, 12, 13, 14, 17]);

function validateComponents(components: unknown, v2: boolean, errors: FormErrors): void {
  if (!Array.isArray(components)) return errors.add(['components'], 'BASE_TYPE_ARRAY', 'Must be an array.');
  const customIds = new Set<string>();
  if (!v2) {
    if (components.length > 5) errors.add(['components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
    components.forEach((row, i) => {
      if (!isObject(row) || row.type !== 1) {
        errors.add(['components', i, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
        return;
      }
      validateRow(row, ['components', i], errors, customIds);
    });
    return;
  }
  let count = 0;
  const walk = (c: unknown, path: (string | number)[], allowed: Set<number> | null) => {
    if (!isObject(c)) return;
    count++;
    const type = Number(c.type);
    if (allowed && !allowed.has(type)) {
      errors.add(
        [...path, 'type'],
        'UNION_TYPE_CHOICES',
        `Value of field "type" must be one of (${[...allowed].join(', ')}).`,
      );
      return;
    }
    switch (type) {
      case 1:
        validateRow(c, path, errors, customIds);
        if (Array.isArray(c.components)) count += c.components.length;
        break;
      case 9:
        if (!Array.isArray(c.components) || c.components.length < 1 || c.components.length > 3) {
          errors.add([...path, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 3 in length.');
        } else c.components.forEach((t, j) => walk(t, [...path, 'components', j], new Set([10])));
        if (isObject(c.accessory) && c.accessory.type === 2) {
          count++;
          validateButton(c.accessory, [...path, 'accessory'], errors, customIds);
        } else walk(c.accessory, [...path, 'accessory'], new Set([2, 11]));
        break;
      case 12:
        if (!Array.isArray(c.items) || c.items.length < 1 || c.items.length > 10) {
          errors.add([...path, 'items'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 10 in length.');
        }
        break;
      case 17:
        if (Array.isArray(c.components))
          c.components.forEach((t, j) => walk(t, [...path, 'components', j], new Set([1, 9, 10, 12, 13, 14])));
        break;
      case 10:
        if (typeof c.content !== 'string' || c.content.length < 1) {
          errors.add([...path, 'content'], 'BASE_TYPE_REQUIRED', 'This field is required');
        }
        break;
      default:
        break;
    }
  };
  components.forEach((c, i) => walk(c, ['components', i], V2_TOP_LEVEL));
  if (count > 40) errors.add(['components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 40 or fewer in length.');
}

function validateRow(row: Body, path: (string | number)[], errors: FormErrors, customIds: Set<string>): void {
  const children = row.components;
  if (!Array.isArray(children) || children.length < 1 || children.length > 5) {
    errors.add([...path, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    if (!Array.isArray(children)) return;
  }
  const hasSelect = children.some((c) => isObject(c) && SELECT_TYPES.has(Number(c.type)));
  if (hasSelect && children.length > 1) {
    errors.add(
      [...path, 'components'],
      'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
      'The specified component exceeds the maximum width',
    );
  }
  children.forEach((c, j) => {
    const p = [...path, 'components', j];
    if (!isObject(c)) return;
    const type = Number(c.type);
    if (type === 2) validateButton(c, p, errors, customIds);
    else if (SELECT_TYPES.has(type)) validateSelect(c, p, errors, customIds);
    else errors.add([...p, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (2, 3, 5, 6, 7, 8).');
  });
}

function checkCustomId(c: Body, path: (string | number)[], errors: FormErrors, customIds: Set<string>): void {
  const id = c.custom_id;
  if (typeof id !== 'string') {
    errors.add([...path, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (id.length < 1 || id.length > 100) {
    errors.add([...path, 'custom_id'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
  if (customIds.has(id)) {
    errors.add([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
  }
  customIds.add(id);
}

function validateButton(c: Body, path: (string | number)[], errors: FormErrors, customIds: Set<string>): void {
  const style = Number(c.style);
  if (![1, 2, 3, 4, 5, 6].includes(style)) {
    errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4, 5, 6).');
  } else if (style === 5) {
    if (typeof c.url !== 'string' || c.url.length > 512)
      errors.add([...path, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
    if (c.custom_id !== undefined && c.custom_id !== null) {
      errors.add(
        [...path, 'custom_id'],
        'BUTTON_COMPONENT_CUSTOM_ID_FORBIDDEN',
        'A custom id cannot be specified for link buttons',
      );
    }
  } else if (style === 6) {
    if (typeof c.sku_id !== 'string') errors.add([...path, 'sku_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  } else {
    checkCustomId(c, path, errors, customIds);
    if (c.url !== undefined && c.url !== null) {
      errors.add([...path, 'url'], 'BUTTON_COMPONENT_URL_FORBIDDEN', 'A url can only be specified for link buttons');
    }
  }
  if (typeof c.label === 'string' && c.label.length > 80) {
    errors.add([...path, 'label'], 'BASE_TYPE_MAX_LENGTH', 'Must be 80 or fewer in length.');
  }
  const hasLabel = typeof c.label === 'string' && c.label.length > 0;
  if (style !== 6 && !hasLabel && !isObject(c.emoji)) {
    errors.add([...path, 'label'], 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A label or emoji must be specified');
  }
}

function validateSelect(c: Body, path: (string | number)[], errors: FormErrors, customIds: Set<string>): void {
  checkCustomId(c, path, errors, customIds);
  if (typeof c.placeholder === 'string' && c.placeholder.length > 150) {
    errors.add([...path, 'placeholder'], 'BASE_TYPE_MAX_LENGTH', 'Must be 150 or fewer in length.');
  }
  if (Number(c.type) === 3) {
    const options = c.options;
    if (!Array.isArray(options) || options.length < 1 || options.length > 25) {
      errors.add([...path, 'options'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
    }
  }
  for (const key of ['min_values', 'max_values'] as const) {
    const v = c[key];
    if (v !== undefined && v !== null && (typeof v !== 'number' || v < (key === 'min_values' ? 0 : 1) || v > 25)) {
      errors.add([...path, key], 'NUMBER_TYPE_MAX', 'Int value should be less than or equal to 25.');
    }
  }
}

// --- Building and storing ---------------------------------------------------------------------------------

export interface MessageInit {
  author: APIUser;
  type: number;
  flags?: number;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: APIMessage['interaction_metadata'];
  interaction?: APIMessage['interaction'];
  interactionId?: string | null;
  visibleTo?: string | null;
  messageReference?: APIMessage['message_reference'];
  referencedMessage?: APIMessage | null;
  nonce?: string | number;
}

/** Creates and stores a message from a validated body. */
export function createMessage(
  ctx: WriteContext,
  init: MessageInit,
  body: Body,
  files: readonly UploadedFile[],
): StoredMessage {
  const { world } = ctx;
  const id = world.ids.next();
  const requested = Number(body.flags ?? 0);
  let flags = (init.flags ?? 0) | (requested & CREATE_FLAGS);
  if (ctx.allowEphemeral && requested & MessageFlags.Ephemeral) flags |= MessageFlags.Ephemeral;
  const ephemeral = (flags & MessageFlags.Ephemeral) !== 0;
  const stored: StoredMessage = {
    api: {
      id,
      channel_id: ctx.channelId,
      author: init.author,
      content: '',
      timestamp: world.iso(),
      edited_timestamp: null,
      tts: body.tts === true && !ephemeral,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: init.type,
      flags,
    } as APIMessage,
    files: new Map(),
    ephemeral,
    deleted: false,
    interactionId: init.interactionId ?? null,
    visibleTo: ephemeral ? (init.visibleTo ?? null) : null,
  };
  const api = stored.api as unknown as Body;
  if (init.webhookId) api.webhook_id = init.webhookId;
  if (init.applicationId) api.application_id = init.applicationId;
  if (init.interaction) api.interaction = init.interaction;
  if (init.interactionMetadata) api.interaction_metadata = init.interactionMetadata;
  if (init.messageReference) api.message_reference = init.messageReference;
  if (init.referencedMessage !== undefined) api.referenced_message = init.referencedMessage;
  if (init.nonce !== undefined) api.nonce = init.nonce;
  applyBody(ctx, stored, body, files, 'create');
  world.messages.set(id, stored);
  world.channel(ctx.channelId).lastMessageId = id;
  return stored;
}

/** Applies an edit: only the fields present change; attachments are merged as Discord does. */
export function editMessage(
  ctx: WriteContext,
  stored: StoredMessage,
  body: Body,
  files: readonly UploadedFile[],
): void {
  applyBody(ctx, stored, body, files, 'edit');
  stored.api.edited_timestamp = ctx.world.iso();
}

function applyBody(
  ctx: WriteContext,
  stored: StoredMessage,
  body: Body,
  files: readonly UploadedFile[],
  mode: 'create' | 'edit',
): void {
  const api = stored.api;
  if (mode === 'edit' && body.flags !== undefined && body.flags !== null) {
    // Only these can change on edit; Ephemeral and Loading stay as they were.
    const mutable = MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2;
    api.flags = ((api.flags ?? 0) & ~mutable) | (Number(body.flags) & mutable);
  }
  if (body.content !== undefined) {
    api.content = typeof body.content === 'string' ? body.content : '';
    api.mentions = mentionedUsers(ctx.world, api.content);
    api.mention_roles = [...api.content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!);
  }
  // Attachments first, so embeds and media components can refer to them as attachment://name.
  mergeAttachments(ctx, stored, body, files, mode);
  if (body.embeds !== undefined)
    api.embeds = Array.isArray(body.embeds) ? body.embeds.map((e) => normaliseEmbed(e, stored)) : [];
  if (body.components !== undefined) {
    api.components = (
      Array.isArray(body.components) ? body.components.map((c) => normaliseComponent(c, stored)) : []
    ) as APIMessage['components'];
    numberComponents(api.components as unknown[]);
  }
}

function mentionedUsers(world: World, content: string): APIUser[] {
  const ids = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!));
  return [...ids].flatMap((id) => (world.users.has(id) ? [world.user(id)] : []));
}

function mergeAttachments(
  ctx: WriteContext,
  stored: StoredMessage,
  body: Body,
  files: readonly UploadedFile[],
  mode: 'create' | 'edit',
): void {
  const listed = Array.isArray(body.attachments) ? (body.attachments.filter(isObject) as Body[]) : null;
  const kept: APIAttachment[] = [];
  const keptFiles = new Map<string, StoredFile>();
  const used = new Set<UploadedFile>();
  const add = (file: UploadedFile, meta: Body | undefined) => {
    used.add(file);
    const att = storeFile(ctx, stored.ephemeral, file, meta);
    kept.push(att.api);
    keptFiles.set(att.file.id, att.file);
  };
  if (listed) {
    for (const entry of listed) {
      const id = String(entry.id);
      const existing = stored.api.attachments.find((a) => a.id === id);
      if (existing && stored.files.has(id)) {
        kept.push(existing);
        keptFiles.set(id, stored.files.get(id)!);
        continue;
      }
      const file = files.find((f) => fileIndex(f, files) === Number(id));
      if (file && !used.has(file)) add(file, entry);
    }
  } else if (mode === 'edit') {
    // Without an attachments list an edit keeps what the message had and appends new files.
    for (const a of stored.api.attachments) {
      kept.push(a);
      keptFiles.set(a.id, stored.files.get(a.id)!);
    }
  }
  for (const f of files) if (!used.has(f)) add(f, undefined);
  if (!listed && mode === 'edit' && files.length === 0) return;
  stored.api.attachments = kept;
  stored.files = keptFiles;
}

/** Puts a file on the emulator's CDN and returns its attachment object (ephemeral ones are marked so). */
export function storeFile(
  ctx: WriteContext,
  ephemeral: boolean,
  file: UploadedFile,
  meta: Body | undefined,
): { api: APIAttachment; file: StoredFile } {
  const id = ctx.world.ids.next();
  const filename = sanitiseFilename(typeof meta?.filename === 'string' ? meta.filename : file.name);
  const contentType =
    file.contentType && file.contentType !== 'application/octet-stream'
      ? file.contentType
      : guessType(filename, file.bytes);
  const path = `attachments/${ctx.channelId}/${id}/${encodeURIComponent(filename)}`;
  // Real CDN links are signed and expire; the query imitates that so bots don't parse names out of URLs naively.
  const issued = Math.floor(ctx.world.clock.now() / 1000);
  const sig = createHash('sha256').update(`${id}:${issued}`).digest('hex');
  const query = `?ex=${(issued + 86400).toString(16)}&is=${issued.toString(16)}&hm=${sig}&`;
  const api: APIAttachment = {
    id,
    filename,
    size: file.bytes.length,
    url: `${ctx.origin}/${path}${query}`,
    proxy_url: `${ctx.origin}/media/${path}${query}`,
    content_type: contentType,
  };
  const dims = imageSize(file.bytes);
  if (dims) {
    api.width = dims.width;
    api.height = dims.height;
  }
  if (typeof meta?.description === 'string') api.description = meta.description;
  if (typeof meta?.title === 'string') api.title = meta.title;
  if (ephemeral) api.ephemeral = true;
  const saved: StoredFile = { id, filename, contentType, bytes: file.bytes };
  ctx.world.files.set(id, saved);
  return { api, file: saved };
}

export function sanitiseFilename(name: string): string {
  const cleaned = name.replace(/\s+/g, '_').replace(/[^\w.-]/g, '');
  return cleaned.length > 0 ? cleaned : 'unknown';
}

function guessType(filename: string, bytes: Buffer): string {
  const sniffed = imageSize(bytes)?.type;
  if (sniffed) return sniffed;
  const ext = filename.split('.').pop()?.toLowerCase();
  const byExt: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    webp: 'image/webp',
    gif: 'image/gif',
    txt: 'text/plain; charset=utf-8',
    json: 'application/json; charset=utf-8',
  };
  return (ext && byExt[ext]) ?? 'application/octet-stream';
}

/** Reads width and height from PNG, JPEG, GIF and WebP headers, as Discord reports them on attachments. */
export function imageSize(b: Buffer): { type: string; width: number; height: number } | null {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
    return { type: 'image/png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length >= 10 && b.toString('latin1', 0, 3) === 'GIF') {
    return { type: 'image/gif', width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  }
  if (b.length >= 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    const chunk = b.toString('latin1', 12, 16);
    if (chunk === 'VP8X')
      return { type: 'image/webp', width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
    if (chunk === 'VP8L') {
      const bits = b.readUInt32LE(21);
      return { type: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8 ')
      return { type: 'image/webp', width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      const len = b.readUInt16BE(i + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { type: 'image/jpeg', height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      }
      i += 2 + len;
    }
  }
  return null;
}

/** Resolves attachment://name to the stored attachment, as Discord does in embeds and media components. */
function resolveMedia(url: unknown, stored: StoredMessage): Body | null {
  if (typeof url !== 'string') return null;
  const m = /^attachment:\/\/(.+)$/.exec(url);
  const att = m ? stored.api.attachments.find((a) => a.filename === sanitiseFilename(m[1]!)) : undefined;
  if (!att) return { url, proxy_url: url };
  const media: Body = { url: att.url, proxy_url: att.proxy_url, content_type: att.content_type, attachment_id: att.id };
  if (att.width !== undefined) media.width = att.width;
  if (att.height !== undefined) media.height = att.height;
  return media;
}

function normaliseEmbed(e: unknown, stored: StoredMessage): APIMessage['embeds'][number] {
  const embed = stripNulls(e) as Body;
  embed.type ??= 'rich';
  for (const key of ['image', 'thumbnail'] as const) {
    const img = embed[key];
    if (isObject(img)) embed[key] = { ...img, ...resolveMedia(img.url, stored) };
  }
  return embed as APIMessage['embeds'][number];
}

function normaliseComponent(c: unknown, stored: StoredMessage): unknown {
  const comp = stripNulls(c) as Body;
  const media = (m: unknown) => {
    const resolved = isObject(m) ? resolveMedia(m.url, stored) : null;
    return { id: stored.api.id, ...(isObject(m) ? m : {}), ...resolved };
  };
  switch (comp.type) {
    case 1:
    case 17:
      if (Array.isArray(comp.components)) comp.components = comp.components.map((x) => normaliseComponent(x, stored));
      if (comp.type === 17) {
        comp.accent_color ??= null;
        comp.spoiler ??= false;
      }
      break;
    case 9:
      if (Array.isArray(comp.components)) comp.components = comp.components.map((x) => normaliseComponent(x, stored));
      comp.accessory = normaliseComponent(comp.accessory, stored);
      break;
    case 3:
      comp.min_values ??= 1;
      comp.max_values ??= 1;
      break;
    case 5:
    case 6:
    case 7:
    case 8:
      comp.min_values ??= 1;
      comp.max_values ??= 1;
      break;
    case 11:
      comp.media = media(comp.media);
      comp.description ??= null;
      comp.spoiler ??= false;
      break;
    case 12:
      if (Array.isArray(comp.items)) {
        comp.items = comp.items.map((item) => {
          const it = isObject(item) ? item : {};
          return { ...it, media: media(it.media), description: it.description ?? null, spoiler: it.spoiler ?? false };
        });
      }
      break;
    case 13: {
      comp.file = media(comp.file);
      const att = stored.api.attachments.find((a) => a.id === (comp.file as Body).attachment_id);
      comp.name ??= att?.filename ?? null;
      comp.size ??= att?.size ?? null;
      comp.spoiler ??= false;
      break;
    }
    case 14:
      comp.spacing ??= 1;
      comp.divider ??= true;
      break;
    default:
      break;
  }
  return comp;
}

/** Discord numbers every component 1..n in depth-first order, keeping ids the sender chose. */
export function numberComponents(components: unknown[]): void {
  const all: Body[] = [];
  const visit = (c: unknown) => {
    if (!isObject(c)) return;
    all.push(c);
    if (Array.isArray(c.components)) c.components.forEach(visit);
    if (isObject(c.accessory)) visit(c.accessory);
    if (isObject(c.component)) visit(c.component);
  };
  components.forEach(visit);
  const used = new Set(all.map((c) => c.id).filter((id): id is number => typeof id === 'number'));
  let next = 1;
  for (const c of all) {
    if (typeof c.id === 'number') continue;
    while (used.has(next)) next++;
    c.id = next;
    used.add(next);
  }
}

export function stripNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (!isObject(v)) return v;
  const out: Body = {};
  for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = stripNulls(x);
  return out;
}

export function isObject(v: unknown): v is Body {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export { ApiError };
