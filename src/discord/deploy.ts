/**
 * Registering the commands with Discord: globally (every server the bot is in; Discord may take a while to show
 * changes), or to one guild when DISCORD_DEV_GUILD_ID is set (instant, for development). The set is replaced as a
 * whole (PUT), so a removed command disappears too.
 */
import { createHash } from 'node:crypto';
import { InteractionContextType, Routes, type REST, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Config } from '../config.ts';
import { localizeCommand } from '../i18n/commands.ts';
import type { Command } from './command.ts';

/** The JSON bodies, localised (src/i18n), with direct messages offered only when the owner allows them. */
export function commandBodies(
  commands: ReadonlyMap<string, Command>,
  config: Pick<Config, 'discord'>,
): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...commands.values()].map((c) => {
    const body = localizeCommand(c.data.toJSON());
    if (!config.discord.allowDms && body.contexts) {
      const contexts = body.contexts.filter((x) => x === InteractionContextType.Guild);
      return { ...body, contexts: contexts.length ? contexts : [InteractionContextType.Guild] };
    }
    return body;
  });
}

export interface DeployResult {
  scope: 'global' | 'guild';
  guildId?: string | undefined;
  names: string[];
}

export async function deployCommands(
  rest: REST,
  appId: string,
  bodies: RESTPostAPIApplicationCommandsJSONBody[],
  guildId?: string | undefined,
): Promise<DeployResult> {
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  const saved = (await rest.put(route, { body: bodies })) as { name: string }[];
  return { scope: guildId ? 'guild' : 'global', guildId, names: saved.map((c) => c.name) };
}

export async function listCommands(
  rest: REST,
  appId: string,
  guildId?: string | undefined,
): Promise<{ name: string; type: number; description: string }[]> {
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  return (await rest.get(route)) as { name: string; type: number; description: string }[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Fields Discord fills in with a default when a body leaves them out: left out of the comparison when at the default. */
const DEFAULTS: Record<string, Json> = {
  type: 1,
  description: '',
  required: false,
  autocomplete: false,
  nsfw: false,
  default_member_permissions: null,
  name_localizations: null,
  description_localizations: null,
  dm_permission: null,
};
/** What a command (and its options and choices) is made of; ids, versions and the like that Discord adds are not. */
const KEPT = new Set([
  'type',
  'name',
  'description',
  'options',
  'choices',
  'value',
  'required',
  'autocomplete',
  'nsfw',
  'default_member_permissions',
  'contexts',
  'channel_types',
  'min_value',
  'max_value',
  'min_length',
  'max_length',
  'name_localizations',
  'description_localizations',
]);

function canonical(value: unknown): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value as Json;
  const out: Record<string, Json> = {};
  for (const key of Object.keys(value).sort()) {
    if (!KEPT.has(key)) continue;
    let v = canonical((value as Record<string, unknown>)[key]);
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) v = null; // {} = unset
    if ((key === 'options' || key === 'choices') && Array.isArray(v) && v.length === 0) v = null; // [] = none
    if (key === 'contexts' && Array.isArray(v)) v = [...v].sort();
    if (v === null || (key in DEFAULTS && JSON.stringify(v) === JSON.stringify(DEFAULTS[key]))) continue;
    out[key] = v;
  }
  return out;
}

/** A hash of what a set of commands means to Discord (the code's bodies, or what Discord has registered). */
export function commandsHash(commands: readonly unknown[]): string {
  const list = commands.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return createHash('sha256').update(JSON.stringify(list)).digest('hex');
}

/**
 * At start-up: registers the commands only when what Discord has differs from the code (compared by hash), so that
 * an upgraded bot never leaves old or missing commands behind and an unchanged one costs one GET.
 */
export async function syncCommands(
  rest: REST,
  appId: string,
  bodies: RESTPostAPIApplicationCommandsJSONBody[],
  guildId?: string | undefined,
): Promise<DeployResult & { changed: boolean }> {
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  const registered = (await rest.get(route)) as unknown[];
  if (commandsHash(registered) === commandsHash(bodies)) {
    return { scope: guildId ? 'guild' : 'global', guildId, names: bodies.map((b) => b.name), changed: false };
  }
  return { ...(await deployCommands(rest, appId, bodies, guildId)), changed: true };
}
