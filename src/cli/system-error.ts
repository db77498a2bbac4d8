// A failed system call in words for a one-line message: "read-only file system (EROFS)".
import { getSystemErrorMap } from 'node:util';

export function describeSystemError(error: unknown): string {
  const { code, errno } = (error ?? {}) as NodeJS.ErrnoException;
  const known = typeof errno === 'number' ? getSystemErrorMap().get(errno) : undefined;
  if (known) return `${known[1]} (${known[0]})`;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
