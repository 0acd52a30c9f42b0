/**
 * Discord markup in a person's text, turned into plain words before the text becomes a prompt or is echoed: user,
 * role and channel mentions become `@name`, `@role`, `#channel` (names from the interaction's guild and resolved
 * data, else a neutral word), custom emojis `:name:`, timestamps left out, masked links `[text](url)` their text,
 * and bidirectional control characters (which can reorder what others read) removed. Nothing here can ping anyone:
 * replies still send `allowed_mentions` empty.
 */
import type { Interaction } from 'discord.js';

/** Names for ids, from wherever the caller knows them. */
export interface MentionNames {
  user?(id: string): string | undefined;
  role?(id: string): string | undefined;
  channel?(id: string): string | undefined;
}

// U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069: embeddings, overrides, isolates and marks.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const MASKED_LINK = /\[([^\]\n]{1,200})\]\(\s*<?[a-z][a-z0-9+.-]*:[^)\s]*>?(?:\s+"[^"]*")?\s*\)/giu;

/** The text with Discord's markup made plain (see the module comment). */
export function plainText(text: string, names: MentionNames = {}): string {
  return text
    .replace(BIDI, '')
    .replace(MASKED_LINK, '$1')
    .replace(/<@!?(\d{15,22})>/gu, (_, id: string) => `@${names.user?.(id) ?? 'user'}`)
    .replace(/<@&(\d{15,22})>/gu, (_, id: string) => `@${names.role?.(id) ?? 'role'}`)
    .replace(/<#(\d{15,22})>/gu, (_, id: string) => `#${names.channel?.(id) ?? 'channel'}`)
    .replace(/<a?:(\w{2,32}):\d{15,22}>/gu, ':$1:')
    .replace(/<\/([\w -]{1,100}):\d{15,22}>/gu, '/$1')
    .replace(/<t:-?\d{1,13}(?::[tTdDfFR])?>/gu, '')
    .replace(/<id:\w+>/gu, '')
    .replace(/ {2,}/gu, ' ')
    .trim();
}

/** Names from an interaction: its resolved data first, then the guild's and client's caches. */
export function namesFrom(interaction: Interaction): MentionNames {
  const resolved =
    'options' in interaction && interaction.options && 'resolved' in interaction.options
      ? (
          interaction.options as {
            resolved?: {
              users?: Map<string, { username: string; globalName?: string | null }>;
              members?: Map<string, { displayName?: string }>;
              roles?: Map<string, { name: string }>;
              channels?: Map<string, { name?: string | null }>;
            } | null;
          }
        ).resolved
      : null;
  const guild = interaction.guild;
  return {
    user: (id) =>
      resolved?.members?.get(id)?.displayName ??
      guild?.members.cache.get(id)?.displayName ??
      resolved?.users?.get(id)?.globalName ??
      resolved?.users?.get(id)?.username ??
      interaction.client.users.cache.get(id)?.displayName,
    role: (id) => resolved?.roles?.get(id)?.name ?? guild?.roles.cache.get(id)?.name,
    channel: (id) => resolved?.channels?.get(id)?.name ?? guild?.channels.cache.get(id)?.name ?? undefined,
  };
}
