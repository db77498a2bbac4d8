// The settings file, $XDG_CONFIG_HOME/pooltop/config.json: read only when it is plainly the user's
// own, written atomically with what is on disk at that moment kept, and left exactly as it is
// when it cannot be read, so it is never a way into another user's files nor a way to lose settings.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fstatSync, fsyncSync, openSync, readSync, renameSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { sanitizeText } from '../model/sanitize.js';
import { scanObjectMembers } from './json-members.js';
import { checkPrivateDirectory } from './private-directory.js';
import { DEFAULT_SETTINGS, isSettingKey, parseSetting, SETTING_KEYS, type SettingKey, type Settings } from './settings-schema.js';
import { describeSystemError } from './system-error.js';

/** A settings file is a few hundred bytes; a bigger one is not read (a huge one took twice its size in memory). */
export const MAX_SETTINGS_BYTES = 1024 * 1024;

const REFUSED_SUFFIX = 'left as it is; settings of this session will not be saved';

export interface LoadedSettings {
  /** The file's good values over the defaults. */
  settings: Settings;
  /** What was wrong, once, for the message line; null when all was well. */
  problem: string | null;
  /** False when the file or its folder was refused: then nothing is written this session. */
  saveAllowed: boolean;
}

type FileText = { status: 'missing' } | { status: 'ok'; text: string; mode: number } | { status: 'refused'; reason: string };

/** $XDG_CONFIG_HOME/pooltop/config.json, or ~/.config/pooltop/config.json; a relative XDG path is ignored, as the spec says. */
export function settingsPath(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg?.startsWith('/') ? xdg : join(env.HOME?.startsWith('/') ? env.HOME : homedir(), '.config');
  return join(base, 'pooltop', 'config.json');
}

/** The settings in `path`, each value checked; anything missing or wrong falls back to its default for this run. */
export function loadSettings(path: string, euid: number = process.geteuid?.() ?? 0): LoadedSettings {
  const folder = checkPrivateDirectory(dirname(path), false, euid);
  if (folder.status === 'missing') return { settings: { ...DEFAULT_SETTINGS }, problem: null, saveAllowed: true };
  const file = folder.status === 'ok' ? readSettingsText(join(folder.path, basename(path)), euid) : { status: 'refused' as const, reason: folder.reason };
  if (file.status === 'refused') return { settings: { ...DEFAULT_SETTINGS }, problem: `${file.reason}: ${REFUSED_SUFFIX}`, saveAllowed: false };
  if (file.status === 'missing') return { settings: { ...DEFAULT_SETTINGS }, problem: null, saveAllowed: true };
  const { settings, bad } = settingsFromText(file.text);
  const problem =
    bad.length > 0
      ? `${sanitizeText(path)}: bad ${bad.join(', ')} (left in the file as ${bad.length === 1 ? 'it is' : 'they are'}); using the default for this run`
      : null;
  return { settings, problem, saveAllowed: true };
}

/**
 * Writes `changes` (the settings changed this session) over what the file holds now: the file is
 * read again, and every other member of it, known or not, is kept as the same text. Nothing is
 * written when nothing changed, or when the file or its folder is not plainly the user's own.
 * Returns an error line, or null.
 */
export function saveSettings(path: string, changes: Partial<Settings>, euid: number = process.geteuid?.() ?? 0): string | null {
  const keys = SETTING_KEYS.filter((key) => changes[key] !== undefined);
  if (keys.length === 0) return null;
  const folder = checkPrivateDirectory(dirname(path), true, euid);
  if (folder.status === 'failed') return `could not save settings: ${folder.reason}`;
  // (Never 'missing': it was just made.)
  if (folder.status !== 'ok') return `did not save settings: ${folder.status === 'refused' ? folder.reason : 'its folder is missing'}`;
  const target = join(folder.path, basename(path));
  const current = readSettingsText(target, euid);
  if (current.status === 'refused') return `did not save settings: ${current.reason}: left as it is`;
  const text =
    current.status === 'ok'
      ? mergeSettingsText(current.text, keys, changes)
      : `${JSON.stringify(Object.fromEntries(keys.map((key) => [key, changes[key]])), null, 2)}\n`;
  // Keep the old file's mode, less write access for others: the folder is private anyway.
  return writeAtomically(target, text, current.status === 'ok' ? current.mode & 0o755 : 0o600);
}

/**
 * The file's text if it is a regular file of `euid`'s, at most MAX_SETTINGS_BYTES, UTF-8 and a
 * JSON object. O_NOFOLLOW refuses a symbolic link (to /etc/shadow, to /dev/zero); O_NONBLOCK
 * makes opening a FIFO return at once, and fstat then refuses it; fstat is of what was opened,
 * so nothing can be swapped in between.
 */
function readSettingsText(path: string, euid: number): FileText {
  const shown = sanitizeText(path);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'missing' };
    if (code === 'ELOOP') return refused(`${shown} is a symbolic link`);
    return refused(`${shown} cannot be read: ${describeSystemError(error)}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return refused(`${shown} is ${kindOf(stats)}, not a regular file`);
    if (stats.uid !== euid) return refused(`${shown} is owned by uid ${stats.uid}, not by you (uid ${euid})`);
    const tooBig = refused(`${shown} is larger than 1 MB`);
    if (stats.size > MAX_SETTINGS_BYTES) return tooBig;
    // One byte more than the cap tells a file that grew since fstat from one that fits.
    const buffer = Buffer.alloc(MAX_SETTINGS_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > MAX_SETTINGS_BYTES) return tooBig;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer.subarray(0, length));
    } catch {
      return refused(`${shown} is not UTF-8 text`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return refused(`${shown} is not valid JSON`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return refused(`${shown} is not a JSON object`);
    return { status: 'ok', text, mode: stats.mode & 0o777 };
  } catch (error) {
    return refused(`${shown} cannot be read: ${describeSystemError(error)}`);
  } finally {
    closeSync(fd);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'something else';
}

function refused(reason: string): FileText {
  return { status: 'refused', reason };
}

/** The known settings of the file's text (the last of a duplicated key wins, as in JSON.parse), and the keys whose value is bad. */
function settingsFromText(text: string): { settings: Settings; bad: SettingKey[] } {
  const raw = new Map<SettingKey, string>();
  for (const member of scanObjectMembers(text).members) {
    if (isSettingKey(member.key)) raw.set(member.key, text.slice(member.valueStart, member.valueEnd));
  }
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const bad: SettingKey[] = [];
  for (const [key, value] of raw) {
    const parsed = parseSetting(key, JSON.parse(value));
    if (parsed === undefined) bad.push(key);
    else settings[key] = parsed;
  }
  return { settings: settings as Settings, bad };
}

/**
 * `text` with the values of `keys` replaced (every occurrence of a duplicated key), and the keys
 * it lacks added after its last member in its own layout; every other byte stays.
 */
function mergeSettingsText(text: string, keys: readonly SettingKey[], changes: Partial<Settings>): string {
  const { members, open, close } = scanObjectMembers(text);
  const edits: { start: number; end: number; text: string }[] = [];
  const added: SettingKey[] = [];
  for (const key of keys) {
    const value = JSON.stringify(changes[key]);
    const found = members.filter((member) => member.key === key);
    for (const member of found) edits.push({ start: member.valueStart, end: member.valueEnd, text: value });
    if (found.length === 0) added.push(key);
  }
  const [first] = members;
  const last = members.at(-1);
  if (added.length > 0 && first && last) {
    const indent = text.slice(open + 1, first.keyStart);
    const colon = text.slice(first.keyEnd, first.valueStart);
    const lines = added.map((key) => `,${indent}${JSON.stringify(key)}${colon}${JSON.stringify(changes[key])}`);
    edits.push({ start: last.valueEnd, end: last.valueEnd, text: lines.join('') });
  } else if (added.length > 0) {
    const lines = added.map((key) => `  ${JSON.stringify(key)}: ${JSON.stringify(changes[key])}`);
    edits.push({ start: open + 1, end: close, text: `\n${lines.join(',\n')}\n` });
  }
  // From the end backwards, so each edit's offsets still hold.
  edits.sort((a, b) => b.start - a.start);
  return edits.reduce((out, edit) => out.slice(0, edit.start) + edit.text + out.slice(edit.end), text);
}

/**
 * A temporary file with a name nobody can guess, created (O_EXCL, O_NOFOLLOW: never an existing
 * file, never through a link) in the same folder, synced, then renamed over `path`: a crash
 * leaves the old file or the new one, never half of either.
 */
function writeAtomically(path: string, text: string, mode: number): string | null {
  const temp = join(dirname(path), `${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  let fd: number | null = null;
  let created = false;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    created = true;
    fchmodSync(fd, mode);
    writeFileSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, path);
    return null;
  } catch (error) {
    if (created) ignoreError(() => unlinkSync(temp));
    if (fd !== null) ignoreError(() => closeSync(fd as number));
    return `could not save settings to ${sanitizeText(path)}: ${describeSystemError(error)}`;
  }
}

/** Clean-up after a failure that is already being reported: its own failure adds nothing. */
function ignoreError(step: () => void): void {
  try {
    step();
  } catch {
    // The first error is the one the user needs.
  }
}
