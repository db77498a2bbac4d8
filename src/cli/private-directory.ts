// The check that a folder, and every folder above it, can be changed by nobody but the effective
// user (and root), as ssh's StrictModes checks ~/.ssh: pooltop keeps its settings only in such a folder.
//
// Why the whole chain: a file is only as safe as the folder it is in. Whoever can write a folder
// can put a symbolic link, a FIFO or a file of theirs at any name in it, or swap one in between a
// check and a rename; whoever can write a folder above can swap the whole folder. In a folder only
// we can write, and under folders nobody else can change, nothing moves between pooltop's checks
// and its open / rename, so the check-then-rename window cannot be raced. O_NOFOLLOW and O_EXCL
// on the files themselves stay as a second line.
import { lstatSync, mkdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { sanitizeText } from '../model/sanitize.js';
import { describeSystemError } from './system-error.js';

export type DirectoryCheck =
  /** `path`: the folder with every symbolic link above it resolved; use it, not the name given. */
  | { status: 'ok'; path: string }
  /** The folder does not exist (and was not to be created); everything above it passed. */
  | { status: 'missing' }
  /** `reason`: one line, for instance "/home/u/.config is owned by uid 1001, not by you (uid 0) or root". */
  | { status: 'refused'; reason: string }
  /** A system call failed: "cannot create /x/pooltop: read-only file system (EROFS)". */
  | { status: 'failed'; reason: string };

const STICKY = 0o1000;
const GROUP_OR_OTHER_WRITE = 0o022;

/**
 * Checks `dir` for `euid`: a real folder (not a symbolic link) it owns that no one else may write,
 * under folders owned by it or root that no one else may write (sticky ones such as /tmp are
 * fine: there nobody else can rename or remove what is ours). With `create`, missing folders are
 * made, mode 0700, and checked the same way after (someone may have made one first).
 */
export function checkPrivateDirectory(dir: string, create: boolean, euid: number = process.geteuid?.() ?? 0): DirectoryCheck {
  const wanted = resolve(dir);
  try {
    // Symbolic links above the folder are the user's own choice (~/.config → dotfiles): follow
    // them once, then check and use the real folders.
    const missing: string[] = [];
    let existing = dirname(wanted);
    while (!exists(existing)) {
      missing.unshift(basename(existing));
      existing = dirname(existing);
    }
    let parent = realpathSync(existing);
    const chain = [parent];
    for (let up = dirname(parent); up !== chain[0]; up = dirname(up)) chain.unshift(up);
    for (const folder of chain) {
      const problem = ancestorProblem(folder, lstatSync(folder), euid);
      if (problem) return refused(problem);
    }
    for (const name of missing) {
      parent = join(parent, name);
      const made = makeOrFind(parent, create);
      if (!made) return { status: 'missing' };
      const problem = ancestorProblem(parent, made, euid);
      if (problem) return refused(problem);
    }
    const path = join(parent, basename(wanted));
    const stats = makeOrFind(path, create);
    if (!stats) return { status: 'missing' };
    const problem = folderProblem(path, stats, euid);
    return problem ? refused(problem) : { status: 'ok', path };
  } catch (error) {
    const { path = wanted, syscall } = error as NodeJS.ErrnoException;
    return { status: 'failed', reason: `${syscall === 'mkdir' ? 'cannot create ' : ''}${sanitizeText(path)}: ${describeSystemError(error)}` };
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** lstat of `path`, making it first when missing and `create`; null when missing and not to be made. */
function makeOrFind(path: string, create: boolean): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (!create) return null;
  }
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    // Someone made it first: what is there now is checked like anything else.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return lstatSync(path);
}

function ancestorProblem(path: string, stats: Stats, euid: number): string | null {
  if (!stats.isDirectory()) return `${sanitizeText(path)} is not a folder`;
  if (stats.uid !== euid && stats.uid !== 0) return `${sanitizeText(path)} is owned by uid ${stats.uid}, not by you (uid ${euid}) or root`;
  if ((stats.mode & GROUP_OR_OTHER_WRITE) !== 0 && (stats.mode & STICKY) === 0) return writable(path, stats);
  return null;
}

function folderProblem(path: string, stats: Stats, euid: number): string | null {
  if (stats.isSymbolicLink()) return `${sanitizeText(path)} is a symbolic link`;
  if (!stats.isDirectory()) return `${sanitizeText(path)} is not a folder`;
  if (stats.uid !== euid) return `${sanitizeText(path)} is owned by uid ${stats.uid}, not by you (uid ${euid})`;
  if ((stats.mode & GROUP_OR_OTHER_WRITE) !== 0) return writable(path, stats);
  return null;
}

function writable(path: string, stats: Stats): string {
  return `${sanitizeText(path)} is writable by others than its owner (mode ${(stats.mode & 0o7777).toString(8).padStart(4, '0')})`;
}

function refused(reason: string): DirectoryCheck {
  return { status: 'refused', reason };
}
