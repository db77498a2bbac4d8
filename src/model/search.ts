// Incremental search over the visible rows: the first match at or after a row, wrapping around.
import { containsText } from './filter-rows.js';
import type { ProcessRow } from './process-row.js';

/** Whether a row matches a search: its command line, or its PID typed exactly. */
export function rowMatchesSearch(row: ProcessRow, query: string): boolean {
  if (query === '') return false;
  return containsText(row.command, query) || String(row.pid) === query.trim();
}

/**
 * Index of the next row matching `query`, starting at `from` (inclusive when `includeFrom`) and
 * moving by `direction`, wrapping around the ends; -1 when nothing matches.
 */
export function findMatch(rows: readonly ProcessRow[], query: string, from: number, direction: 1 | -1 = 1, includeFrom = true): number {
  const n = rows.length;
  if (n === 0 || query === '') return -1;
  const start = ((from % n) + n) % n;
  for (let step = includeFrom ? 0 : 1; step <= n; step++) {
    const i = (((start + step * direction) % n) + n) % n;
    const row = rows[i];
    if (row && rowMatchesSearch(row, query)) return i;
  }
  return -1;
}
