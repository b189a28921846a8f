/** Wrong command line: unknown command or option, missing argument. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command ran and could not do its job (bad file, refused input). Exit code 1. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    message: string,
    /** Each problem on its own line, naming the field and the fix. */
    readonly problems: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Exit codes: documented in the README (Tenant tooling). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
