// Discord's error replies, as the real API shapes them: {message, code} plus, for form errors (50035), an
// `errors` tree whose leaves are {_errors: [{code, message}]} (discord.js flattens it into the error message).

export interface ErrorLeaf {
  code: string;
  message: string;
}
export type ErrorTree = { [key: string]: ErrorTree } | { _errors: ErrorLeaf[] };

export class ApiError extends Error {
  readonly status: number;
  readonly code: number;
  readonly errors: ErrorTree | undefined;
  readonly headers: Record<string, string>;
  constructor(status: number, code: number, message: string, errors?: ErrorTree, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.headers = headers;
  }

  body(): Record<string, unknown> {
    return this.errors
      ? { message: this.message, code: this.code, errors: this.errors }
      : { message: this.message, code: this.code };
  }
}

/** Collects field errors at paths like ['components', 0, 'components', 1, 'custom_id'] into Discord's tree. */
export class FormErrors {
  readonly #root: Record<string, unknown> = {};
  #count = 0;

  add(path: readonly (string | number)[], code: string, message: string): void {
    let node = this.#root;
    for (const key of path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    const leaves = (node._errors ??= []) as ErrorLeaf[];
    leaves.push({ code, message });
    this.#count++;
  }

  get empty(): boolean {
    return this.#count === 0;
  }

  /** Throws Discord's "Invalid Form Body" (400, code 50035) when any error was added. */
  throwIfAny(): void {
    if (!this.empty) throw new ApiError(400, 50035, 'Invalid Form Body', this.#root as ErrorTree);
  }
}

export const unauthorized = (): ApiError => new ApiError(401, 0, '401: Unauthorized');
export const unknownInteraction = (): ApiError => new ApiError(404, 10062, 'Unknown interaction');
export const alreadyAcknowledged = (): ApiError =>
  new ApiError(400, 40060, 'Interaction has already been acknowledged.');
export const invalidWebhookToken = (): ApiError => new ApiError(401, 50027, 'Invalid Webhook Token');
export const unknownWebhook = (): ApiError => new ApiError(404, 10015, 'Unknown Webhook');
export const unknownMessage = (): ApiError => new ApiError(404, 10008, 'Unknown Message');
export const unknownChannel = (): ApiError => new ApiError(404, 10003, 'Unknown Channel');
export const unknownGuild = (): ApiError => new ApiError(404, 10004, 'Unknown Guild');
export const unknownUser = (): ApiError => new ApiError(404, 10013, 'Unknown User');
export const unknownMember = (): ApiError => new ApiError(404, 10007, 'Unknown Member');
export const unknownCommand = (): ApiError => new ApiError(404, 10063, 'Unknown application command');
export const missingAccess = (): ApiError => new ApiError(403, 50001, 'Missing Access');
export const missingPermissions = (): ApiError => new ApiError(403, 50013, 'Missing Permissions');
export const tooLarge = (): ApiError => new ApiError(413, 40005, 'Request entity too large');
export const emptyMessage = (): ApiError => new ApiError(400, 50006, 'Cannot send an empty message');
export const notAuthor = (): ApiError => new ApiError(403, 50005, 'Cannot edit a message authored by another user');
export const invalidJson = (): ApiError => new ApiError(400, 50109, 'The request body contains invalid JSON.');
