// How a worker that failed is told to the user: how it ended (status or signal, and the line of
// its stderr that says why), or what the system answered when it could not be forked.

/** How a worker ended, for a message: its status or signal, and the line of its stderr that says why. */
export function exitText(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  const how = signal !== null ? `was killed by ${signal}` : `exited with status ${String(code)}`;
  // A Node crash ends with its stack and "Node.js v20…": the error line is the one to show.
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(at |Node\.js v|\d+: 0x|-----|<---)/.test(l));
  const why = lines.findLast((l) => /error/i.test(l)) ?? lines.at(-1);
  return why === undefined ? how : `${how}: ${why.length > 160 ? `${why.slice(0, 160)}…` : why}`;
}

/** What the system said when a fork failed, in words, with the errno a search finds. */
const SPAWN_ERRORS: Record<string, string> = {
  EMFILE: 'pooltop has as many files open as its limit allows (ulimit -n)',
  ENFILE: 'the system has too many open files',
  EAGAIN: 'too many processes (ulimit -u) or not enough memory',
  ENOMEM: 'not enough memory',
  EACCES: 'permission denied',
  ENOENT: 'the program to run was not found',
};

export function spawnErrorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && Object.hasOwn(SPAWN_ERRORS, code)) return `${SPAWN_ERRORS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
