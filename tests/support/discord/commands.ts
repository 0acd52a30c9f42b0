// Application command registration as Discord validates it (names, descriptions, option order, choices,
// per-type limits) and the command objects it returns. A PUT keeps the id of a command with the same name and
// type, so ids stay stable across deploys as they do on Discord.
import { ApplicationCommandOptionType, ApplicationCommandType, type APIApplicationCommand } from 'discord-api-types/v10';
import { FormErrors } from './errors.ts';
import { isObject, stripNulls, type Body } from './messages.ts';
import type { World } from './world.ts';

// Discord's documented pattern for chat-input command and option names.
const CHAT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const LIMITS: Record<number, number> = {
  [ApplicationCommandType.ChatInput]: 100,
  [ApplicationCommandType.User]: 15,
  [ApplicationCommandType.Message]: 15,
};

export function validateCommand(cmd: unknown, path: (string | number)[], errors: FormErrors): void {
  if (!isObject(cmd)) return errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
  const type = Number(cmd.type ?? ApplicationCommandType.ChatInput);
  if (![1, 2, 3, 4].includes(type)) errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4).');
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
    errors.add([...path, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', 'Context menu commands cannot have description');
  }
  const perms = cmd.default_member_permissions;
  if (perms !== undefined && perms !== null && !/^\d+$/.test(String(perms))) {
    errors.add([...path, 'default_member_permissions'], 'BASE_TYPE_CHOICES', 'Invalid permissions');
  }
  if (cmd.options !== undefined && cmd.options !== null) {
    if (type !== ApplicationCommandType.ChatInput) {
      errors.add([...path, 'options'], 'APPLICATION_COMMAND_OPTIONS_CONTEXT_MENU', 'Context menu commands cannot have options');
    } else validateOptions(cmd.options, [...path, 'options'], errors, 0);
  }
}

function validateOptions(options: unknown, path: (string | number)[], errors: FormErrors, depth: number): void {
  if (!Array.isArray(options)) return errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
  if (options.length > 25) errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  let seenOptional = false;
  const names = new Set<string>();
  options.forEach((o, i) => {
    const p = [...path, i];
    if (!isObject(o)) return;
    const type = Number(o.type);
    if (!(type >= 1 && type <= 11)) errors.add([...p, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).');
    if (typeof o.name !== 'string' || !CHAT_NAME.test(o.name) || o.name !== o.name.toLowerCase()) {
      errors.add([...p, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    } else if (names.has(o.name)) {
      errors.add([...p, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    } else names.add(o.name);
    if (typeof o.description !== 'string' || o.description.length < 1 || o.description.length > 100) {
      errors.add([...p, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    const isSub = type === ApplicationCommandOptionType.Subcommand || type === ApplicationCommandOptionType.SubcommandGroup;
    if (isSub) {
      if (depth >= (type === ApplicationCommandOptionType.SubcommandGroup ? 1 : 2)) {
        errors.add([...p, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Subcommands cannot be nested this deep');
      }
      if (o.options !== undefined && o.options !== null) validateOptions(o.options, [...p, 'options'], errors, depth + 1);
      return;
    }
    if (o.required === true && seenOptional) {
      errors.add([...p, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    if (o.required !== true) seenOptional = true;
    if (Array.isArray(o.choices)) {
      if (o.choices.length > 25) errors.add([...p, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      o.choices.forEach((c, j) => {
        if (!isObject(c) || typeof c.name !== 'string' || c.name.length < 1 || c.name.length > 100) {
          errors.add([...p, 'choices', j, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
        }
        if (isObject(c) && typeof c.value === 'string' && c.value.length > 100) {
          errors.add([...p, 'choices', j, 'value'], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
        }
      });
      if (o.autocomplete === true) {
        errors.add([...p, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES', 'Autocomplete cannot be used with choices');
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
    if (seen.has(key)) errors.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    seen.add(key);
    counts[type] = (counts[type] ?? 0) + 1;
  });
  for (const [type, n] of Object.entries(counts)) {
    const limit = LIMITS[Number(type)];
    if (limit !== undefined && n > limit) errors.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${limit} or fewer commands of type ${type}.`);
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
