// The settings pooltop remembers between runs (sort column, tree view, delay, colour), in
// $XDG_CONFIG_HOME/pooltop/config.json: read with validation, written atomically, and never
// allowed to crash the monitor or throw away what a user put there.
import { mkdirSync, readFileSync, renameSync, writeFileSync, copyFileSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseColumnId, type ColumnId } from '../model/columns.js';
import { sanitizeText } from '../model/sanitize.js';
import { MAX_DELAY_TENTHS } from './parse-options.js';

export interface Settings {
  sortKey: ColumnId;
  sortInverted: boolean;
  tree: boolean;
  delayTenths: number;
  color: boolean;
}

export const DEFAULT_SETTINGS: Settings = { sortKey: 'cpu', sortInverted: false, tree: false, delayTenths: 10, color: true };

export interface LoadedSettings {
  settings: Settings;
  /** What was wrong with the file, once, for the message line; null when all was well. */
  problem: string | null;
  /** Keys of the file pooltop does not know: written back untouched. */
  extra: Record<string, unknown>;
  /** The file could not be parsed at all: it is kept aside before being replaced. */
  broken: boolean;
}

/** $XDG_CONFIG_HOME/pooltop/config.json, or ~/.config/pooltop/config.json; a relative XDG path is ignored, as the spec says. */
export function settingsPath(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && xdg.startsWith('/') ? xdg : join(env.HOME && env.HOME.startsWith('/') ? env.HOME : homedir(), '.config');
  return join(base, 'pooltop', 'config.json');
}

/** The settings in `path`, each value checked; anything missing or wrong falls back to its default. */
export function loadSettings(path: string): LoadedSettings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { settings: { ...DEFAULT_SETTINGS }, problem: null, extra: {}, broken: false };
    return { settings: { ...DEFAULT_SETTINGS }, problem: `cannot read ${path} (${code ?? 'error'}); using defaults`, extra: {}, broken: false };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { settings: { ...DEFAULT_SETTINGS }, problem: `${path} is not valid JSON; using defaults (the old file is kept as config.json.broken)`, extra: {}, broken: true };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { settings: { ...DEFAULT_SETTINGS }, problem: `${path} is not a JSON object; using defaults (the old file is kept as config.json.broken)`, extra: {}, broken: true };
  }
  const record = data as Record<string, unknown>;
  const settings = { ...DEFAULT_SETTINGS };
  const bad: string[] = [];
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    switch (key) {
      case 'sortKey': {
        const id = typeof value === 'string' ? parseColumnId(value) : undefined;
        if (id) settings.sortKey = id;
        else bad.push(key);
        break;
      }
      case 'sortInverted':
      case 'tree':
      case 'color':
        if (typeof value === 'boolean') settings[key] = value;
        else bad.push(key);
        break;
      case 'delayTenths':
        if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_DELAY_TENTHS) settings.delayTenths = value;
        else bad.push(key);
        break;
      default:
        extra[key] = value;
    }
  }
  const problem = bad.length > 0 ? `${path}: ignored bad ${bad.map((k) => sanitizeText(k)).join(', ')}; using defaults for ${bad.length === 1 ? 'it' : 'them'}` : null;
  return { settings, problem, extra, broken: false };
}

/**
 * Writes the settings with the file's unknown keys kept, through a temporary file renamed over
 * the old one, so a crash mid-write leaves the old file or the new one, never half of either.
 * A file that could not be parsed is copied to config.json.broken first. Returns an error text.
 */
export function saveSettings(path: string, settings: Settings, previous: Pick<LoadedSettings, 'extra' | 'broken'>): string | null {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    if (previous.broken) {
      try {
        copyFileSync(path, `${path}.broken`);
      } catch {
        // Nothing to keep aside (it vanished meanwhile): the new file is written regardless.
      }
    }
    writeFileSync(temp, `${JSON.stringify({ ...previous.extra, ...settings }, null, 2)}\n`, { mode: 0o644 });
    renameSync(temp, path);
    return null;
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file was never created.
    }
    return `could not save settings to ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}
