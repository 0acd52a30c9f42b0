// Checks recorded traffic against Discord's published OpenAPI spec, through the zod schemas the
// `discord-api-spec` package generates from it: every request body the bot sent, every response the emulator
// gave, and the REST-shaped objects inside gateway dispatches (users, members, channels, roles, messages,
// attachments). Objects are not strict, so unknown keys pass; missing or mistyped fields do not.
import * as S from 'discord-api-spec/zod';
import type { SpecSchema } from 'discord-api-spec/zod';
import type { GatewayFrame } from './gateway.ts';
import { isObject, type Body } from './messages.ts';

export interface SpecViolation {
  source: 'request' | 'response' | 'gateway';
  /** e.g. "#12 PATCH /webhooks/{app}/{token}/messages/@original" or "MESSAGE_CREATE s=7". */
  where: string;
  schema: string;
  issues: string[];
}

export interface Exchange {
  seq: number;
  method: string;
  path: string;
  route: string | null;
  json: unknown;
  response: { status: number; body: unknown; headers: Record<string, string> };
}

type Named = [name: string, schema: SpecSchema];
// biome-ignore lint/performance/noDynamicNamespaceImportAccess: a handful of schemas, looked up once at load
const named = (name: keyof typeof S): Named => [name, S[name] as SpecSchema];

/**
 * Where the spec and Discord's documentation disagree and discord.js follows the docs, the value is adapted
 * before the check, so that only real mistakes are reported:
 * - `default_member_permissions` is a string of digits in the docs and in what discord.js sends; the spec's
 *   request schemas say integer.
 * - Form-error leaves carry string codes (see checkErrorTree).
 */
function adaptCommandRequest(body: unknown): unknown {
  if (!isObject(body)) return body;
  const perms = body.default_member_permissions;
  return typeof perms === 'string' && /^\d+$/.test(perms)
    ? { ...body, default_member_permissions: Number(perms) }
    : body;
}

const CALLBACK_SCHEMAS: Record<number, Named> = {
  1: named('PongInteractionCallbackRequestSchema'),
  4: named('CreateMessageInteractionCallbackRequestSchema'),
  5: named('CreateMessageInteractionCallbackRequestSchema'),
  6: named('UpdateMessageInteractionCallbackRequestSchema'),
  7: named('UpdateMessageInteractionCallbackRequestSchema'),
  8: named('ApplicationCommandAutocompleteCallbackRequestSchema'),
  9: named('ModalInteractionCallbackRequestSchema'),
};

interface RouteSpec {
  /** Request body check: [schema, adapted body] pairs, or null when the route has no body. */
  request?(body: unknown): Array<[Named, unknown]>;
  /** Response body check for a 2xx with a body. */
  response?(body: unknown): Array<[Named, unknown]>;
}

const each =
  (schema: Named) =>
  (body: unknown): Array<[Named, unknown]> =>
    Array.isArray(body) ? body.map((b): [Named, unknown] => [schema, b]) : [[schema, body]];
const one =
  (schema: Named, adapt: (b: unknown) => unknown = (b) => b) =>
  (body: unknown): Array<[Named, unknown]> => [[schema, adapt(body)]];
const channel = (body: unknown): Array<[Named, unknown]> => [
  [
    isObject(body) && body.type === 1 ? named('PrivateChannelResponseSchema') : named('GuildChannelResponseSchema'),
    body,
  ],
];

const commandRequest = (body: unknown): Array<[Named, unknown]> =>
  (Array.isArray(body) ? body : [body]).map((b): [Named, unknown] => [
    named('ApplicationCommandUpdateRequestSchema'),
    adaptCommandRequest(b),
  ]);

export const ROUTE_SPECS: Record<string, RouteSpec> = {
  'GET /gateway/bot': { response: one(named('GatewayBotResponseSchema')) },
  'GET /gateway': { response: one(named('GatewayResponseSchema')) },
  'GET /users/@me': { response: one(named('UserPIIResponseSchema')) },
  'GET /users/:user': { response: one(named('UserResponseSchema')) },
  'POST /users/@me/channels': {
    request: one(named('CreatePrivateChannelRequestSchema')),
    response: one(named('PrivateChannelResponseSchema')),
  },
  'GET /applications/@me': { response: one(named('PrivateApplicationResponseSchema')) },
  'GET /applications/:app/commands': { response: each(named('ApplicationCommandResponseSchema')) },
  'PUT /applications/:app/commands': {
    request: commandRequest,
    response: each(named('ApplicationCommandResponseSchema')),
  },
  'POST /applications/:app/commands': {
    request: one(named('ApplicationCommandCreateRequestSchema'), adaptCommandRequest),
    response: one(named('ApplicationCommandResponseSchema')),
  },
  'GET /applications/:app/commands/:cmd': { response: one(named('ApplicationCommandResponseSchema')) },
  'PATCH /applications/:app/commands/:cmd': {
    request: one(named('ApplicationCommandPatchRequestPartialSchema'), adaptCommandRequest),
    response: one(named('ApplicationCommandResponseSchema')),
  },
  'GET /applications/:app/guilds/:guild/commands': { response: each(named('ApplicationCommandResponseSchema')) },
  'PUT /applications/:app/guilds/:guild/commands': {
    request: commandRequest,
    response: each(named('ApplicationCommandResponseSchema')),
  },
  'POST /applications/:app/guilds/:guild/commands': {
    request: one(named('ApplicationCommandCreateRequestSchema'), adaptCommandRequest),
    response: one(named('ApplicationCommandResponseSchema')),
  },
  'GET /applications/:app/guilds/:guild/commands/:cmd': { response: one(named('ApplicationCommandResponseSchema')) },
  'PATCH /applications/:app/guilds/:guild/commands/:cmd': {
    request: one(named('ApplicationCommandPatchRequestPartialSchema'), adaptCommandRequest),
    response: one(named('ApplicationCommandResponseSchema')),
  },
  'POST /interactions/:id/:token/callback': {
    request: (body) => {
      const type = isObject(body) ? Number(body.type) : NaN;
      const schema = CALLBACK_SCHEMAS[type];
      return schema ? [[schema, body]] : [[named('CreateMessageInteractionCallbackRequestSchema'), body]];
    },
    response: one(named('InteractionCallbackResponseSchema')),
  },
  'GET /webhooks/:app/:token/messages/:message': { response: one(named('MessageResponseSchema')) },
  'PATCH /webhooks/:app/:token/messages/:message': {
    request: one(named('IncomingWebhookUpdateRequestPartialSchema')),
    response: one(named('MessageResponseSchema')),
  },
  'POST /webhooks/:app/:token': {
    request: one(named('IncomingWebhookRequestPartialSchema')),
    response: one(named('MessageResponseSchema')),
  },
  'GET /channels/:channel': { response: channel },
  'GET /channels/:channel/messages': { response: each(named('MessageResponseSchema')) },
  'POST /channels/:channel/messages': {
    request: one(named('MessageCreateRequestSchema')),
    response: one(named('MessageResponseSchema')),
  },
  'GET /channels/:channel/messages/:message': { response: one(named('MessageResponseSchema')) },
  'PATCH /channels/:channel/messages/:message': {
    request: one(named('MessageEditRequestPartialSchema')),
    response: one(named('MessageResponseSchema')),
  },
  'GET /guilds/:guild': { response: one(named('GuildResponseSchema')) },
  'GET /guilds/:guild/channels': { response: each(named('GuildChannelResponseSchema')) },
  'GET /guilds/:guild/roles': { response: each(named('GuildRoleResponseSchema')) },
  'GET /guilds/:guild/members/:user': { response: one(named('GuildMemberResponseSchema')) },
};

/**
 * The spec types the leaves of a form-error tree as {code: number, message}; Discord (and its docs) send
 * string codes such as "BASE_TYPE_MAX_LENGTH". So the tree is checked here by shape instead.
 */
function checkErrorTree(tree: unknown, path = 'errors'): string[] {
  if (tree === undefined) return [];
  if (!isObject(tree)) return [`${path}: must be an object`];
  if ('_errors' in tree) {
    const leaves = tree._errors;
    if (!Array.isArray(leaves)) return [`${path}._errors: must be an array`];
    return leaves.flatMap((l, i) =>
      isObject(l) && typeof l.code === 'string' && typeof l.message === 'string'
        ? []
        : [`${path}._errors.${i}: needs string code and message`],
    );
  }
  return Object.entries(tree).flatMap(([k, v]) => checkErrorTree(v, `${path}.${k}`));
}

function check([, schema]: Named, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
}

export function validateExchange(x: Exchange): SpecViolation[] {
  const out: SpecViolation[] = [];
  const where = `#${x.seq} ${x.method} ${x.path}`;
  const spec = x.route ? ROUTE_SPECS[`${x.method} ${x.route}`] : undefined;
  if (spec?.request && x.json !== undefined) {
    for (const [schema, value] of spec.request(x.json)) {
      const issues = check(schema, value);
      if (issues.length) out.push({ source: 'request', where, schema: schema[0], issues });
    }
  }
  const { status, body, headers } = x.response;
  const isJson = (headers['content-type'] ?? '').startsWith('application/json');
  if (status === 204) {
    if (body !== undefined)
      out.push({ source: 'response', where, schema: '204 No Content', issues: ['a 204 must have no body'] });
  } else if (status >= 200 && status < 300) {
    if (!isJson)
      out.push({
        source: 'response',
        where,
        schema: 'Content-Type',
        issues: ['JSON responses need Content-Type: application/json'],
      });
    if (spec?.response) {
      for (const [schema, value] of spec.response(body)) {
        const issues = check(schema, value);
        if (issues.length) out.push({ source: 'response', where, schema: schema[0], issues });
      }
    }
  } else if (isJson) {
    const schema = status === 429 ? named('RatelimitedResponseSchema') : named('ErrorResponseSchema');
    const { errors, ...rest } = isObject(body) ? body : { errors: undefined };
    const issues = [...check(schema, isObject(body) ? rest : body), ...checkErrorTree(errors)];
    if (issues.length) out.push({ source: 'response', where, schema: schema[0], issues });
  }
  return out;
}

/** The REST-shaped objects inside a dispatch, each with the schema it must satisfy. */
function gatewayParts(t: string, d: unknown): Array<[Named, unknown, string]> {
  if (!isObject(d)) return [];
  const parts: Array<[Named, unknown, string]> = [];
  const user = named('UserResponseSchema');
  switch (t) {
    case 'READY':
      parts.push([user, d.user, 'user']);
      break;
    case 'GUILD_CREATE':
      (d.channels as unknown[] | undefined)?.forEach((c, i) =>
        parts.push([named('GuildChannelResponseSchema'), c, `channels.${i}`]),
      );
      (d.roles as unknown[] | undefined)?.forEach((r, i) =>
        parts.push([named('GuildRoleResponseSchema'), r, `roles.${i}`]),
      );
      (d.members as unknown[] | undefined)?.forEach((m, i) =>
        parts.push([named('GuildMemberResponseSchema'), m, `members.${i}`]),
      );
      break;
    case 'MESSAGE_CREATE':
    case 'MESSAGE_UPDATE':
      parts.push([named('MessageResponseSchema'), d, '']);
      break;
    case 'INTERACTION_CREATE': {
      if (isObject(d.member)) {
        parts.push([named('GuildMemberResponseSchema'), d.member, 'member']);
      } else parts.push([user, d.user, 'user']);
      if (isObject(d.channel) && d.channel.type !== 1)
        parts.push([named('GuildChannelResponseSchema'), d.channel, 'channel']);
      if (isObject(d.message)) parts.push([named('MessageResponseSchema'), d.message, 'message']);
      const resolved = isObject(d.data) && isObject(d.data.resolved) ? d.data.resolved : {};
      const add = (key: string, schema: Named) => {
        const map = resolved[key];
        if (isObject(map))
          for (const [id, v] of Object.entries(map)) parts.push([schema, v, `data.resolved.${key}.${id}`]);
      };
      add('attachments', named('MessageAttachmentResponseSchema'));
      add('messages', named('MessageResponseSchema'));
      add('users', user);
      add('roles', named('GuildRoleResponseSchema'));
      break;
    }
    default:
      break;
  }
  return parts;
}

export function validateDispatch(frame: GatewayFrame): SpecViolation[] {
  const out: SpecViolation[] = [];
  for (const [schema, value, path] of gatewayParts(String(frame.t), frame.d as Body)) {
    const issues = check(schema, value).map((i) => (path ? `${path}.${i}` : i));
    if (issues.length) out.push({ source: 'gateway', where: `${frame.t} s=${frame.s}`, schema: schema[0], issues });
  }
  return out;
}

/** One line per violation, for assertion messages. */
export function formatViolations(violations: readonly SpecViolation[]): string {
  return violations.map((v) => `[${v.source}] ${v.where} vs ${v.schema}: ${v.issues.join('; ')}`).join('\n');
}
