// Whether the terminal named by TERM can move the cursor (terminfo's `cup`), which the monitor's
// full-screen drawing needs: read from the compiled terminfo entry, as ncurses finds it.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { sanitizeText } from '../model/sanitize.js';

/**
 * Terminals known to have no cursor addressing even where no terminfo database is installed:
 * `dumb` (Emacs shell buffers, editors' terminals, many CI logs), ncurses' `unknown`, and the
 * old Emacs `emacs`.
 */
const WITHOUT_CURSOR = new Set(['dumb', 'unknown', 'emacs']);

/** Where ncurses looks, after $TERMINFO, ~/.terminfo and $TERMINFO_DIRS. */
const SYSTEM_DIRS = ['/etc/terminfo', '/lib/terminfo', '/usr/share/terminfo', '/usr/lib/terminfo', '/usr/share/lib/terminfo'];

/** A compiled entry is a few KB; anything bigger is not one. */
const MAX_ENTRY = 64 * 1024;

/** terminfo(5): `cursor_address` is the eleventh string capability. */
const CUP_INDEX = 10;

/**
 * Why the monitor cannot draw on this terminal, as one line for the user, or null when it can:
 * TERM unset or empty, one of WITHOUT_CURSOR, or a terminfo entry without `cup`. A TERM with no
 * entry found is given the benefit of the doubt (pooltop draws with ANSI sequences, not terminfo).
 */
export function cursorAddressingProblem(env: NodeJS.ProcessEnv): string | null {
  const term = env['TERM'] ?? '';
  const advice = 'use `pooltop snapshot` (or `pooltop snapshot --json`) for a one-off listing';
  if (term === '') return `pooltop: TERM is not set, so the monitor cannot tell how to draw; ${advice}`;
  const cup = WITHOUT_CURSOR.has(term) ? false : hasCursorAddress(term, env);
  if (cup !== false) return null;
  const shown = sanitizeText(term.length > 40 ? `${term.slice(0, 40)}…` : term);
  return `pooltop: TERM=${shown} cannot move the cursor, which the monitor needs; ${advice}`;
}

/** Whether TERM's terminfo entry has `cup`; null when no entry is found. */
export function hasCursorAddress(term: string, env: NodeJS.ProcessEnv = process.env): boolean | null {
  // ncurses refuses such names too: TERM must not walk out of the database.
  if (term.includes('/') || term.startsWith('.') || term.length > 128) return null;
  for (const dir of terminfoDirs(env)) {
    const first = term[0] ?? '';
    // Linux keeps entries under their first letter, macOS under its code in hex.
    for (const sub of [first, first.charCodeAt(0).toString(16)]) {
      const entry = readEntry(join(dir, sub, term));
      if (entry !== null) return entryHasCup(entry);
    }
  }
  return null;
}

function terminfoDirs(env: NodeJS.ProcessEnv): string[] {
  const dirs: string[] = [];
  if (env['TERMINFO']) dirs.push(env['TERMINFO']);
  const home = env['HOME'] || homedir();
  if (home) dirs.push(join(home, '.terminfo'));
  // An empty element of TERMINFO_DIRS stands for the system's directories.
  for (const dir of (env['TERMINFO_DIRS'] ?? '').split(':')) dirs.push(...(dir === '' ? SYSTEM_DIRS : [dir]));
  dirs.push(...SYSTEM_DIRS);
  return [...new Set(dirs)];
}

/** The entry's bytes when it is a regular file of sane size (never blocks on a FIFO), else null. */
function readEntry(path: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_ENTRY) return null;
    const buffer = Buffer.alloc(stat.size);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, length);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * term(5): a header of six little-endian shorts (magic, then the sizes of the names, booleans,
 * numbers, string offsets and string table), the names, the booleans, a pad byte to an even
 * offset, the numbers (2 bytes each, 4 in the 32-bit format), then one offset per string, −1 or
 * −2 when the capability is absent. A file that is not an entry counts as one without `cup`.
 */
export function entryHasCup(entry: Buffer): boolean {
  if (entry.length < 12) return false;
  const magic = entry.readUInt16LE(0);
  const numberSize = magic === 0o432 ? 2 : magic === 0o1036 ? 4 : 0;
  if (numberSize === 0) return false;
  const namesSize = entry.readInt16LE(2);
  const booleans = entry.readInt16LE(4);
  const numbers = entry.readInt16LE(6);
  const strings = entry.readInt16LE(8);
  if (namesSize < 0 || booleans < 0 || numbers < 0 || strings <= CUP_INDEX) return false;
  let at = 12 + namesSize + booleans;
  if (at % 2 === 1) at++;
  at += numbers * numberSize + CUP_INDEX * 2;
  if (at + 2 > entry.length) return false;
  return entry.readInt16LE(at) >= 0;
}
