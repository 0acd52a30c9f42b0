// discord-api-spec ships its zod schemas as plain JavaScript (build/discord-api-spec.zod.js) with no declaration
// file, so TypeScript sees the module as untyped. These are the schemas the emulator's spec check uses, typed
// only as far as it needs them (safeParse and its issues).
declare module 'discord-api-spec/zod' {
  export interface SpecIssue {
    readonly path: readonly PropertyKey[];
    readonly message: string;
    readonly code?: string;
  }
  export type SpecParseResult =
    | { readonly success: true; readonly data: unknown }
    | { readonly success: false; readonly error: { readonly issues: readonly SpecIssue[] } };
  export interface SpecSchema {
    safeParse(data: unknown): SpecParseResult;
  }

  export const ApplicationCommandCreateRequestSchema: SpecSchema;
  export const ApplicationCommandPatchRequestPartialSchema: SpecSchema;
  export const ApplicationCommandResponseSchema: SpecSchema;
  export const ApplicationCommandUpdateRequestSchema: SpecSchema;
  export const ApplicationCommandAutocompleteCallbackRequestSchema: SpecSchema;
  export const CreateMessageInteractionCallbackRequestSchema: SpecSchema;
  export const CreatePrivateChannelRequestSchema: SpecSchema;
  export const ErrorResponseSchema: SpecSchema;
  export const GatewayBotResponseSchema: SpecSchema;
  export const GatewayResponseSchema: SpecSchema;
  export const GuildChannelResponseSchema: SpecSchema;
  export const GuildMemberResponseSchema: SpecSchema;
  export const GuildResponseSchema: SpecSchema;
  export const GuildRoleResponseSchema: SpecSchema;
  export const IncomingWebhookRequestPartialSchema: SpecSchema;
  export const IncomingWebhookUpdateRequestPartialSchema: SpecSchema;
  export const InteractionCallbackResponseSchema: SpecSchema;
  export const MessageAttachmentResponseSchema: SpecSchema;
  export const MessageCreateRequestSchema: SpecSchema;
  export const MessageEditRequestPartialSchema: SpecSchema;
  export const MessageResponseSchema: SpecSchema;
  export const ModalInteractionCallbackRequestSchema: SpecSchema;
  export const PongInteractionCallbackRequestSchema: SpecSchema;
  export const PrivateApplicationResponseSchema: SpecSchema;
  export const PrivateChannelResponseSchema: SpecSchema;
  export const RatelimitedResponseSchema: SpecSchema;
  export const UpdateMessageInteractionCallbackRequestSchema: SpecSchema;
  export const UserPIIResponseSchema: SpecSchema;
  export const UserResponseSchema: SpecSchema;
}
