import { randomBytes } from 'node:crypto';

/**
 * An error whose message is meant for the person who asked: it says what was wrong and what to do.
 * Anything that is not a UserError is a bug: it is logged with an id and the user sees only that id.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  /** A short machine-readable reason, for logs and refusal records (e.g. 'quota', 'bad-size'). */
  readonly code: string;
  /**
   * The message in a Discord locale ("de", "pt-BR"), for errors made with i18n's `userError`; `message` stays
   * English (logs, usage records). Absent: the English message is shown to everyone.
   */
  readonly localized: ((locale: string) => string) | undefined;
  constructor(
    message: string,
    code = 'user-error',
    options?: ErrorOptions & { localized?: (locale: string) => string },
  ) {
    super(message, options);
    this.code = code;
    this.localized = options?.localized;
  }

  /** What to show a member whose Discord speaks `locale`. */
  messageIn(locale: string): string {
    return this.localized?.(locale) ?? this.message;
  }
}

/** A model folder that cannot be used: names the folder, what is wrong, and what was expected. */
export class ModelError extends UserError {
  readonly dir: string;
  constructor(dir: string, problem: string, options?: ErrorOptions) {
    super(`The model in ${dir} cannot be used: ${problem}`, 'bad-model', options);
    this.dir = dir;
  }
}

/** Thrown when a job's AbortSignal fires. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(message = 'The job was cancelled.') {
    super(message);
  }
}

/**
 * The inference process died (crash, out of memory, killed, or restarted after a time limit) during a request. The
 * inference client throws it and the queue retries the job on it: one class, imported on both sides.
 */
export class InferenceCrashedError extends Error {
  override readonly name = 'InferenceCrashedError';
  readonly code = 'inference-crashed';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** A short random id to tie a user-facing message to a log line. */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/** Throws a CancelledError if the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
