/**
 * The single interactionCreate listener, and the only place that catches. A UserError is shown to the user privately,
 * in their language; anything else is a bug: logged with an id, and the user sees a short message with that id.
 */
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { isUserError, newErrorId } from '../errors.ts';
import { memberLang, t } from '../i18n/index.ts';
import { log } from '../log.ts';
import type { Command } from './command.ts';
import type { AppContext } from './context.ts';
import { decodeCustomId, type ButtonAction, type ButtonRef } from './custom-id.ts';
import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';

export type ButtonHandler = (interaction: ButtonInteraction, ref: ButtonRef, ctx: AppContext) => Promise<void>;
/** A modal a button opened, submitted: its custom_id is the button's (`action:jobId[:index]`). */
export type ModalHandler = (interaction: ModalSubmitInteraction, ref: ButtonRef, ctx: AppContext) => Promise<void>;

export interface Router {
  handle(interaction: Interaction): Promise<void>;
}

export function createRouter(
  commands: ReadonlyMap<string, Command>,
  buttons: Partial<Record<ButtonAction, ButtonHandler>>,
  ctx: AppContext,
  modals: Partial<Record<ButtonAction, ModalHandler>> = {},
): Router {
  async function dispatch(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
      const command = commands.get(interaction.commandName);
      if (!command) return privately(interaction, t(memberLang(interaction), 'router.unknownCommand'));
      return command.execute(interaction, ctx);
    }
    if (interaction.isAutocomplete()) {
      // Suggestions while the member types (answered from memory); a command without them suggests nothing.
      const command = commands.get(interaction.commandName);
      return command?.autocomplete ? command.autocomplete(interaction, ctx) : interaction.respond([]);
    }
    if (interaction.isButton()) {
      const ref = decodeCustomId(interaction.customId);
      const handler = ref && buttons[ref.action];
      if (!ref || !handler) return privately(interaction, t(memberLang(interaction), 'router.unknownButton'));
      return handler(interaction, ref, ctx);
    }
    if (interaction.isModalSubmit()) {
      // A command's own form: `<command name>|<payload>`.
      const bar = interaction.customId.indexOf('|');
      const command = bar > 0 ? commands.get(interaction.customId.slice(0, bar)) : undefined;
      if (command?.submit) return command.submit(interaction, interaction.customId.slice(bar + 1), ctx);
      const ref = decodeCustomId(interaction.customId);
      const handler = ref && modals[ref.action];
      if (!ref || !handler)
        return privately(
          interaction,
          'This form is not one this bot understands any more. Make a new image with /imagine.',
        );
      return handler(interaction, ref, ctx);
    }
  }

  return {
    async handle(interaction) {
      try {
        await dispatch(interaction);
      } catch (err) {
        if (!interaction.isRepliable()) {
          log.error('interaction failed', { id: interaction.id, err });
          return;
        }
        if (isUserError(err)) {
          await privately(interaction, err.messageIn(interaction.locale)).catch((e: unknown) =>
            log.warn('could not send error', { err: e }),
          );
          return;
        }
        const errorId = newErrorId();
        log.error('bug while handling an interaction', { errorId, interaction: describe(interaction), err });
        await privately(interaction, t(memberLang(interaction), 'router.bug', { errorId })).catch(() => undefined);
      }
    },
  };
}

function describe(i: RepliableInteraction): string {
  if (i.isChatInputCommand() || i.isMessageContextMenuCommand()) return `/${i.commandName}`;
  if (i.isButton()) return `button ${i.customId}`;
  if (i.isModalSubmit()) return `modal ${i.customId}`;
  return `type ${i.type}`;
}

/** Replies, or follows up when the interaction was already acknowledged, visible only to the user. */
export async function privately(interaction: RepliableInteraction, content: string): Promise<void> {
  if (interaction.deferred || interaction.replied) {
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  }
}
