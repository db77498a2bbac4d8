// Sorting rows by any column: stable, with the PID as the tie-break so equal rows never swap.
import { column, type ColumnId } from './columns.js';
import type { ProcessRow } from './process-row.js';

export interface SortOrder {
  key: ColumnId;
  /** Invert the column's natural direction (htop's `I`). */
  inverted: boolean;
}

export function isDescending(order: SortOrder): boolean {
  return column(order.key).descending !== order.inverted;
}

/** A comparator for one column; PIDs ascend on ties whatever the direction. */
export function compareRows(order: SortOrder): (a: ProcessRow, b: ProcessRow) => number {
  const { value } = column(order.key);
  const sign = isDescending(order) ? -1 : 1;
  return (a, b) => {
    const x = value(a);
    const y = value(b);
    let c: number;
    if (typeof x === 'number' && typeof y === 'number') c = x < y ? -1 : x > y ? 1 : 0;
    else c = String(x).localeCompare(String(y));
    return c !== 0 ? c * sign : a.pid - b.pid;
  };
}

export function sortRows<T extends ProcessRow>(rows: readonly T[], order: SortOrder): T[] {
  return [...rows].sort(compareRows(order));
}
