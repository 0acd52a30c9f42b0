/**
 * The shape every file in commands/ exports, and the loader that checks it at start-up.
 * A command file exports `data` (a discord.js builder or plain JSON body) and `execute(interaction, ctx)`.
 */
import { readdirSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { codeExtension } from '../paths.ts';
import type { AppContext } from './context.ts';

export type CommandInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

export interface CommandData {
  readonly name: string;
  toJSON(): RESTPostAPIApplicationCommandsJSONBody;
}

export interface Command {
  data: CommandData;
  execute(interaction: CommandInteraction, ctx: AppContext): Promise<void>;
  /**
   * A form the command opened, submitted: its custom_id is `<command name>|<payload>` and this receives the payload
   * (a context menu takes no options, so it asks in a modal).
   */
  submit?(interaction: ModalSubmitInteraction, payload: string, ctx: AppContext): Promise<void>;
  /** Suggestions for an option with autocomplete while the member types: answered from memory, never waiting. */
  autocomplete?(interaction: AutocompleteInteraction, ctx: AppContext): Promise<void>;
}

/** "Vary this image" -> "vary-this-image": how a command's file is named after it. */
export function fileNameFor(commandName: string): string {
  return commandName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** commands/ beside src/: the sources, or their compiled copies in dist/commands when running from dist/. */
export const commandsDir = fileURLToPath(new URL('../../commands/', import.meta.url));

/** Imports every command file (commands/*.ts, or *.js when compiled) and checks its shape; every problem is named in one error. */
export async function loadCommands(dir = commandsDir, ext = codeExtension): Promise<Map<string, Command>> {
  const commands = new Map<string, Command>();
  const problems: string[] = [];
  const files = readdirSync(dir)
    .filter((f) => extname(f) === ext && !f.endsWith('.d.ts'))
    .sort();
  for (const file of files) {
    const mod = (await import(`${dir.replace(/\/?$/, '/')}${file}`)) as Partial<Command>;
    const data = mod.data;
    if (!data || typeof data.name !== 'string' || typeof data.toJSON !== 'function') {
      problems.push(`${file}: must export \`data\` (a command builder with a name)`);
      continue;
    }
    if (typeof mod.execute !== 'function') problems.push(`${file}: must export \`execute(interaction, ctx)\``);
    const expected = fileNameFor(data.name);
    if (basename(file, ext) !== expected) problems.push(`${file}: command "${data.name}" belongs in ${expected}${ext}`);
    if (commands.has(data.name)) problems.push(`${file}: a second command named "${data.name}"`);
    if (mod.submit !== undefined && typeof mod.submit !== 'function')
      problems.push(`${file}: \`submit\` must be a function`);
    if (mod.autocomplete !== undefined && typeof mod.autocomplete !== 'function')
      problems.push(`${file}: \`autocomplete\` must be a function`);
    if (typeof mod.execute === 'function') {
      commands.set(data.name, {
        data,
        execute: mod.execute,
        ...(typeof mod.submit === 'function' && { submit: mod.submit }),
        ...(typeof mod.autocomplete === 'function' && { autocomplete: mod.autocomplete }),
      });
    }
  }
  if (problems.length) throw new Error(`Invalid command files in ${dir}:\n  - ${problems.join('\n  - ')}`);
  return commands;
}
