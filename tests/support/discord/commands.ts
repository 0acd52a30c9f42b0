// Application command registration as Discord validates it (names, descriptions, option order, choices,
// per-type limits) and the command objects it returns. A PUT keeps the id of a command with the same name and
// type, so ids stay stable across deploys as they do on Discord.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  Locale,
  type APIApplicationCommand,
} from 'discord-api-types/v10';
import { FormErrors } from './errors.ts';
import { isObject, stripNulls, type Body } from './messages.ts';
import type { World } from './world.ts';

// Discord's documented pattern for chat-input command and option names.
const CHAT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const LOCALES = new Set<string>(Object.values(Locale));
/** Discord's cap on one command: names, descriptions, choice names and values, each counted at its longest localisation. */
const MAX_COMMAND_SIZE = 8000;
const LIMITS: Record<number, number> = {
  [ApplicationCommandType.ChatInput]: 100,
  [ApplicationCommandType.User]: 15,
  [ApplicationCommandType.Message]: 15,
};

export function validateCommand(cmd: unknown, path: (string | number)[], errors: FormErrors): void {
  if (!isObject(cmd)) return errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
  const type = Number(cmd.type ?? ApplicationCommandType.ChatInput);
  if (![1, 2, 3, 4].includes(type))
    errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4).');
  const name = cmd.name;
  if (typeof name !== 'string' || name.length < 1 || name.length > 32) {
    errors.add([...path, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
  } else if (type === ApplicationCommandType.ChatInput && (!CHAT_NAME.test(name) || name !== name.toLowerCase())) {
    errors.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
  const description = cmd.description;
  if (type === ApplicationCommandType.ChatInput) {
    if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
      errors.add([...path, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
  } else if (typeof description === 'string' && description.length > 0) {
    errors.add(
      [...path, 'description'],
      'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
      'Context menu commands cannot have description',
    );
  }
  validateLocalizations(
    cmd.name_localizations,
    [...path, 'name_localizations'],
    errors,
    type === ApplicationCommandType.ChatInput ? 'chat-name' : 'menu-name',
  );
  if (type === ApplicationCommandType.ChatInput) {
    validateLocalizations(cmd.description_localizations, [...path, 'description_localizations'], errors, 'description');
  } else if (
    isObject(cmd.description_localizations) &&
    Object.values(cmd.description_localizations).some((v) => typeof v === 'string' && v.length > 0)
  ) {
    errors.add(
      [...path, 'description_localizations'],
      'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
      'Context menu commands cannot have description',
    );
  }
  if (commandSize(cmd) > MAX_COMMAND_SIZE) {
    errors.add(path, 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${MAX_COMMAND_SIZE})`);
  }
  const perms = cmd.default_member_permissions;
  if (perms !== undefined && perms !== null && !/^\d+$/.test(String(perms))) {
    errors.add([...path, 'default_member_permissions'], 'BASE_TYPE_CHOICES', 'Invalid permissions');
  }
  if (cmd.options !== undefined && cmd.options !== null) {
    if (type !== ApplicationCommandType.ChatInput) {
      errors.add(
        [...path, 'options'],
        'APPLICATION_COMMAND_OPTIONS_CONTEXT_MENU',
        'Context menu commands cannot have options',
      );
    } else validateOptions(cmd.options, [...path, 'options'], errors, 0);
  }
}

function validateOptions(options: unknown, path: (string | number)[], errors: FormErrors, depth: number): void {
  if (!Array.isArray(options)) return errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
  if (options.length > 25) errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  let seenOptional = false;
  const names = new Set<string>();
  distinctPerLocale(options, path, errors);
  options.forEach((o, i) => {
    const p = [...path, i];
    if (!isObject(o)) return;
    const type = Number(o.type);
    if (!(type >= 1 && type <= 11))
      errors.add([...p, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).');
    if (typeof o.name !== 'string' || !CHAT_NAME.test(o.name) || o.name !== o.name.toLowerCase()) {
      errors.add([...p, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    } else if (names.has(o.name)) {
      errors.add([...p, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    } else names.add(o.name);
    if (typeof o.description !== 'string' || o.description.length < 1 || o.description.length > 100) {
      errors.add([...p, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    validateLocalizations(o.name_localizations, [...p, 'name_localizations'], errors, 'chat-name');
    validateLocalizations(o.description_localizations, [...p, 'description_localizations'], errors, 'description');
    const isSub =
      type === ApplicationCommandOptionType.Subcommand || type === ApplicationCommandOptionType.SubcommandGroup;
    if (isSub) {
      if (depth >= (type === ApplicationCommandOptionType.SubcommandGroup ? 1 : 2)) {
        errors.add([...p, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Subcommands cannot be nested this deep');
      }
      if (o.options !== undefined && o.options !== null)
        validateOptions(o.options, [...p, 'options'], errors, depth + 1);
      return;
    }
    if (o.required === true && seenOptional) {
      errors.add(
        [...p, 'required'],
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    }
    if (o.required !== true) seenOptional = true;
    if (Array.isArray(o.choices)) {
      if (o.choices.length > 25)
        errors.add([...p, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      o.choices.forEach((c, j) => {
        if (!isObject(c) || typeof c.name !== 'string' || c.name.length < 1 || c.name.length > 100) {
          errors.add([...p, 'choices', j, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
        }
        if (isObject(c))
          validateLocalizations(c.name_localizations, [...p, 'choices', j, 'name_localizations'], errors, 'choice');
        if (isObject(c) && typeof c.value === 'string' && c.value.length > 100) {
          errors.add([...p, 'choices', j, 'value'], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
        }
      });
      if (o.autocomplete === true) {
        errors.add(
          [...p, 'autocomplete'],
          'APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES',
          'Autocomplete cannot be used with choices',
        );
      }
    }
    for (const key of ['min_length', 'max_length'] as const) {
      const v = o[key];
      if (v !== undefined && v !== null && (typeof v !== 'number' || v < (key === 'min_length' ? 0 : 1) || v > 6000)) {
        errors.add([...p, key], 'NUMBER_TYPE_MAX', 'Int value should be less than or equal to 6000.');
      }
    }
  });
}

/**
 * `name_localizations` / `description_localizations`: keys must be Discord locales, values follow the same rules as
 * the default (a chat-input name: the name pattern, lower case; a context-menu name: 1-32; a description or a
 * choice name: 1-100).
 */
function validateLocalizations(
  value: unknown,
  path: (string | number)[],
  errors: FormErrors,
  kind: 'chat-name' | 'menu-name' | 'description' | 'choice',
): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) return errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
  for (const [locale, text] of Object.entries(value)) {
    const p = [...path, locale];
    if (!LOCALES.has(locale)) {
      errors.add(p, 'LOCALE_INVALID', `Invalid locale "${locale}"`);
      continue;
    }
    if (typeof text !== 'string') {
      errors.add(p, 'BASE_TYPE_REQUIRED', 'This field is required');
      continue;
    }
    const max = kind === 'chat-name' || kind === 'menu-name' ? 32 : 100;
    if (text.length < 1 || text.length > max)
      errors.add(p, 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${max} in length.`);
    else if (kind === 'chat-name' && (!CHAT_NAME.test(text) || text !== text.toLowerCase())) {
      errors.add(p, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
  }
}

/** Option names at one level must stay distinct in every locale (a localisation, or the default where none). */
function distinctPerLocale(options: unknown[], path: (string | number)[], errors: FormErrors): void {
  for (const locale of LOCALES) {
    const seen = new Map<string, number>();
    options.forEach((o, i) => {
      if (!isObject(o) || typeof o.name !== 'string') return;
      const loc = isObject(o.name_localizations) ? o.name_localizations[locale] : undefined;
      const name = typeof loc === 'string' ? loc : o.name;
      if (seen.has(name) && typeof loc === 'string') {
        errors.add(
          [...path, i, 'name_localizations', locale],
          'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          'Option names must be unique',
        );
      }
      seen.set(name, i);
    });
  }
}

/** A command's size as Discord counts it against the 8,000 cap. */
function commandSize(node: Record<string, unknown>): number {
  const longest = (base: unknown, loc: unknown) =>
    Math.max(
      typeof base === 'string' ? base.length : 0,
      ...(isObject(loc) ? Object.values(loc).map((v) => (typeof v === 'string' ? v.length : 0)) : []),
    );
  let size = longest(node.name, node.name_localizations) + longest(node.description, node.description_localizations);
  if (Array.isArray(node.choices)) {
    for (const c of node.choices)
      if (isObject(c)) size += longest(c.name, c.name_localizations) + String(c.value ?? '').length;
  }
  if (Array.isArray(node.options)) for (const o of node.options) if (isObject(o)) size += commandSize(o);
  return size;
}

/** Validates a whole PUT (bulk overwrite); throws 400 50035 on any error. */
export function validateCommandSet(body: unknown): void {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return errors.throwIfAny();
  }
  body.forEach((c, i) => validateCommand(c, [i], errors));
  const seen = new Set<string>();
  const counts: Record<number, number> = {};
  body.forEach((c, i) => {
    if (!isObject(c)) return;
    const type = Number(c.type ?? 1);
    const key = `${type}:${String(c.name)}`;
    if (seen.has(key))
      errors.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    seen.add(key);
    counts[type] = (counts[type] ?? 0) + 1;
  });
  for (const [type, n] of Object.entries(counts)) {
    const limit = LIMITS[Number(type)];
    if (limit !== undefined && n > limit)
      errors.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${limit} or fewer commands of type ${type}.`);
  }
  errors.throwIfAny();
}

/** The command object Discord stores and returns for a registration body. */
export function commandJson(
  world: World,
  body: Body,
  previous: readonly APIApplicationCommand[],
  guildId: string | null,
): APIApplicationCommand {
  const type = Number(body.type ?? ApplicationCommandType.ChatInput) as ApplicationCommandType;
  const name = String(body.name);
  const existing = previous.find((c) => c.name === name && c.type === type);
  const perms = body.default_member_permissions;
  const cmd: Record<string, unknown> = {
    id: existing?.id ?? world.ids.next(),
    application_id: world.appId,
    version: world.ids.next(),
    default_member_permissions: perms === undefined || perms === null ? null : String(perms),
    type,
    name,
    description: type === ApplicationCommandType.ChatInput ? String(body.description ?? '') : '',
    // Without explicit values Discord reports guild installs and every context for global commands.
    integration_types: Array.isArray(body.integration_types) ? body.integration_types : [0],
    contexts: Array.isArray(body.contexts) ? body.contexts : guildId ? null : [0, 1, 2],
    nsfw: body.nsfw === true,
  };
  if (guildId) cmd.guild_id = guildId;
  else cmd.dm_permission = body.dm_permission !== false;
  if (isObject(body.name_localizations)) cmd.name_localizations = body.name_localizations;
  if (isObject(body.description_localizations)) cmd.description_localizations = body.description_localizations;
  if (Array.isArray(body.options) && body.options.length > 0) cmd.options = stripNulls(body.options);
  return cmd as unknown as APIApplicationCommand;
}
