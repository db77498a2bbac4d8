// Small, allocation-light reads of /proc files, with "the process is gone" as a value, not an error.
import { closeSync, openSync, readSync } from 'node:fs';

/** The read failed because the process exited between listing and reading: skip it quietly. */
export const GONE = Symbol('gone');
/** The file exists but may not be read (hidepid, permissions): skip it and count it. */
export const DENIED = Symbol('denied');
export type ReadResult = string | typeof GONE | typeof DENIED;

const buffer = Buffer.allocUnsafe(64 * 1024);

/**
 * Reads at most `limit` bytes of a /proc file as UTF-8 (invalid bytes become U+FFFD).
 * /proc files report size 0, so this reads until EOF instead of trusting fstat as readFileSync does.
 */
export function readProcFile(path: string, limit = 4096): ReadResult {
  const fd = openProcFile(path);
  if (typeof fd !== 'number') return fd;
  try {
    return readOpenProcFile(fd, limit);
  } finally {
    closeProcFile(fd);
  }
}

/**
 * Opens a /proc file to be read again with readOpenProcFile. An open /proc/[pid]/stat stays tied
 * to the process it was opened on: once that process is gone, reads fail with ESRCH even if its
 * PID names another process by then.
 */
export function openProcFile(path: string): number | typeof GONE | typeof DENIED {
  try {
    return openSync(path, 'r');
  } catch (error) {
    return classify(error);
  }
}

/** Reads an open /proc file afresh from its start (pread at offset 0: the kernel regenerates it). */
export function readOpenProcFile(fd: number, limit = 4096): ReadResult {
  try {
    let length = 0;
    const cap = Math.min(limit, buffer.length);
    for (;;) {
      const n = readSync(fd, buffer, length, cap - length, length);
      if (n === 0) break;
      length += n;
      if (length >= cap) break;
    }
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    return classify(error);
  }
}

export function closeProcFile(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed: nothing to release.
  }
}

function classify(error: unknown): typeof GONE | typeof DENIED {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // ESRCH comes from reading a file of a process that just exited; ENOENT from opening one.
  return code === 'EACCES' || code === 'EPERM' ? DENIED : GONE;
}
