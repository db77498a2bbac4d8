// Narrowing the table: to one user, to a list of PIDs, to command lines containing some text.
import type { ProcessRow } from './process-row.js';

export interface RowFilter {
  /** Only this user's processes (by name). */
  user?: string | null;
  /** Only these PIDs. */
  pids?: ReadonlySet<number> | null;
  /** Only command lines containing this text, case-insensitively. */
  text?: string | null;
}

export function isFilterActive(filter: RowFilter): boolean {
  return Boolean(filter.user || (filter.pids && filter.pids.size > 0) || filter.text);
}

export function rowMatchesFilter(row: ProcessRow, filter: RowFilter): boolean {
  if (filter.user && row.user !== filter.user) return false;
  // A thread shows with its process, as htop's -p does.
  if (filter.pids && filter.pids.size > 0 && !filter.pids.has(row.threadOf ?? row.pid)) return false;
  if (filter.text && !containsText(row.command, filter.text)) return false;
  return true;
}

export function filterRows<T extends ProcessRow>(rows: readonly T[], filter: RowFilter): T[] {
  if (!isFilterActive(filter)) return [...rows];
  return rows.filter((row) => rowMatchesFilter(row, filter));
}

/** Case-insensitive substring test; the needle is lower-cased by the caller once when hot. */
export function containsText(haystack: string, needle: string): boolean {
  if (needle === '') return true;
  return haystack.toLowerCase().includes(needle.toLowerCase());
}
