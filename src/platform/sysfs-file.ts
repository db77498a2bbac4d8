// Reading small sysfs files (one value each) and listing sysfs folders, with absence as a value:
// a meter's files exist on one machine and not on the next.
import { readdirSync, readFileSync } from 'node:fs';

/** The file's text, trimmed; null when it cannot be read (absent, denied, a driver error). */
export function readSysText(path: string): string | null {
  try {
    // One value per file: a few bytes, but readFileSync copes with sysfs's size of 4096 or 0.
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/** The file's text as a finite number, or null. */
export function readSysNumber(path: string): number | null {
  const text = readSysText(path);
  if (text === null || text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/**
 * One collator for every comparison: `a.localeCompare(b, 'en', options)` builds an ICU collator on
 * each call, ~18 ms of start-up for the CPU frequency, temperature and battery folders.
 */
const NATURAL_ORDER = new Intl.Collator('en', { numeric: true });

/** Names in a folder matching `pattern`, in natural order (hwmon2 before hwmon10); none when absent. */
export function listSys(path: string, pattern: RegExp): string[] {
  try {
    return readdirSync(path)
      .filter((name) => pattern.test(name))
      .sort(NATURAL_ORDER.compare);
  } catch {
    return [];
  }
}
