/**
 * Command localisations for Discord: every command, option, subcommand and choice gets `name_localizations`
 * (and, except for context-menu commands, `description_localizations`) from the catalogs, plus an `en-US` entry
 * equal to the default so that American members never see a British fallback. Applied to the registration body in
 * one place (deploy.ts), so command files stay plain English builders.
 */
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { catalogs } from './index.ts';
import { languages, type CommandText, type Lang } from './types.ts';

type Localizations = Partial<Record<Lang, string>>;

interface Node {
  name: string;
  description?: string;
  type?: number;
  options?: Node[];
  choices?: { name: string; value: string | number; name_localizations?: Localizations | null }[];
  name_localizations?: Localizations | null;
  description_localizations?: Localizations | null;
}

const CONTEXT_MENU_TYPES = new Set([2, 3]);

/** The body with localisations added where every catalog has them (a command no catalog knows stays English). */
export function localizeCommand<T extends RESTPostAPIApplicationCommandsJSONBody>(body: T): T {
  const root = structuredClone(body) as unknown as Node;
  const texts = languages.map(
    (lang) => [lang, lang === 'en-US' ? undefined : catalogs[lang].commands[root.name]] as const,
  );
  if (texts.every(([lang, text]) => lang === 'en-US' || !text)) return body;
  localizeNode(root, texts, !CONTEXT_MENU_TYPES.has(root.type ?? 1));
  return root as unknown as T;
}

function localizeNode(
  node: Node,
  texts: readonly (readonly [Lang, CommandText | undefined])[],
  withDescription: boolean,
): void {
  const names: Localizations = {};
  const descriptions: Localizations = {};
  for (const [lang, text] of texts) {
    if (lang === 'en-US') {
      names[lang] = node.name;
      if (node.description) descriptions[lang] = node.description;
      continue;
    }
    if (text?.name) names[lang] = text.name;
    if (text?.description) descriptions[lang] = text.description;
  }
  node.name_localizations = names;
  if (withDescription) node.description_localizations = descriptions;
  for (const option of node.options ?? []) {
    localizeNode(
      option,
      texts.map(([lang, text]) => [lang, text?.options?.[option.name]] as const),
      true,
    );
  }
  for (const choice of node.choices ?? []) {
    const choiceNames: Localizations = {};
    for (const [lang, text] of texts) {
      const name = lang === 'en-US' ? choice.name : text?.choices?.[String(choice.value)];
      if (name) choiceNames[lang] = name;
    }
    choice.name_localizations = choiceNames;
  }
}

/** Characters a command counts against Discord's 8,000 cap: every name, description, choice name and value, each at its longest localisation. */
export function commandSize(body: RESTPostAPIApplicationCommandsJSONBody): number {
  const longest = (base: string | undefined, loc: Localizations | null | undefined) =>
    Math.max(base?.length ?? 0, ...Object.values(loc ?? {}).map((s) => s?.length ?? 0));
  const size = (n: Node): number =>
    longest(n.name, n.name_localizations) +
    longest(n.description, n.description_localizations) +
    (n.choices ?? []).reduce((sum, c) => sum + longest(c.name, c.name_localizations) + String(c.value).length, 0) +
    (n.options ?? []).reduce((sum, o) => sum + size(o), 0);
  return size(body as unknown as Node);
}

/** A command's name as members of `lang` see it in their client ("imagine" -> "immagina"), for /help. */
export function commandName(lang: Lang, englishName: string): string {
  return lang === 'en-US' ? englishName : (catalogs[lang].commands[englishName]?.name ?? englishName);
}

/** An option's name as members of `lang` see it ("queue", "remove" -> "rimuovi"). */
export function optionName(lang: Lang, command: string, option: string): string {
  return lang === 'en-US' ? option : (catalogs[lang].commands[command]?.options?.[option]?.name ?? option);
}
