/**
 * Registering the commands with Discord: globally (every server the bot is in; Discord may take a while to show
 * changes), or to one guild when DISCORD_DEV_GUILD_ID is set (instant, for development). The set is replaced as a
 * whole (PUT), so a removed command disappears too.
 */
import { InteractionContextType, Routes, type REST, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Config } from '../config.ts';
import { localizeCommand } from '../i18n/commands.ts';
import type { Command } from './command.ts';

/** The JSON bodies, localised (src/i18n), with direct messages offered only when the owner allows them. */
export function commandBodies(commands: ReadonlyMap<string, Command>, config: Pick<Config, 'discord'>): RESTPostAPIApplicationCommandsJSONBody[] {
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

export async function deployCommands(rest: REST, appId: string, bodies: RESTPostAPIApplicationCommandsJSONBody[],
  guildId?: string | undefined): Promise<DeployResult> {
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  const saved = (await rest.put(route, { body: bodies })) as { name: string }[];
  return { scope: guildId ? 'guild' : 'global', guildId, names: saved.map((c) => c.name) };
}

export async function listCommands(rest: REST, appId: string, guildId?: string | undefined): Promise<{ name: string; type: number; description: string }[]> {
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  return (await rest.get(route)) as { name: string; type: number; description: string }[];
}
