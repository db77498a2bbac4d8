// A mistake in what the user typed: reported as one line with exit status 2, never a stack trace.

export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
