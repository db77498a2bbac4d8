// The process table's columns, as data: header, width, alignment, natural sort direction, the
// value sorted on and the text shown. The table, the sort keys and `snapshot` all read this.
import { formatBytes, formatCpuTime, formatPercent } from './format.js';
import type { ProcessRow } from './process-row.js';

export type ColumnId = 'pid' | 'ppid' | 'user' | 'pri' | 'ni' | 'virt' | 'res' | 'state' | 'cpu' | 'mem' | 'time' | 'core' | 'command';

export interface Column {
  id: ColumnId;
  header: string;
  /** Cells wide; the command column takes whatever is left (its width here is a minimum). */
  width: number;
  align: 'left' | 'right';
  /** Sorting on this column starts descending (big numbers first), as htop does for CPU%. */
  descending: boolean;
  /** What a short help line says it is. */
  title: string;
  value(row: ProcessRow): number | string;
  /** The cell text, unsanitized for `user` and `command`: the caller makes it safe. */
  format(row: ProcessRow): string;
}

const num = (n: number): string => (Number.isFinite(n) ? String(n) : '-');

export const COLUMNS: readonly Column[] = [
  { id: 'pid', header: 'PID', width: 7, align: 'right', descending: false, title: 'process ID', value: (r) => r.pid, format: (r) => String(r.pid) },
  { id: 'ppid', header: 'PPID', width: 7, align: 'right', descending: false, title: 'parent process ID', value: (r) => r.ppid, format: (r) => String(r.ppid) },
  { id: 'user', header: 'USER', width: 9, align: 'left', descending: false, title: 'owner', value: (r) => r.user, format: (r) => r.user },
  {
    id: 'pri',
    header: 'PRI',
    width: 3,
    align: 'right',
    descending: false,
    title: 'kernel priority',
    value: (r) => r.priority,
    format: (r) => (r.priority <= -100 ? 'RT' : num(r.priority)),
  },
  { id: 'ni', header: 'NI', width: 3, align: 'right', descending: false, title: 'nice value', value: (r) => r.nice, format: (r) => num(r.nice) },
  {
    id: 'virt',
    header: 'VIRT',
    width: 5,
    align: 'right',
    descending: true,
    title: 'virtual memory size',
    value: (r) => r.vsz,
    format: (r) => formatBytes(r.vsz),
  },
  { id: 'res', header: 'RES', width: 5, align: 'right', descending: true, title: 'resident memory', value: (r) => r.rss, format: (r) => formatBytes(r.rss) },
  {
    id: 'state',
    header: 'S',
    width: 1,
    align: 'left',
    descending: false,
    title: 'state (R run, S sleep, D disk, T stopped, Z zombie)',
    value: (r) => r.state,
    format: (r) => r.state,
  },
  {
    id: 'cpu',
    header: 'CPU%',
    width: 5,
    align: 'right',
    descending: true,
    title: 'CPU use over the last interval (100 = one core)',
    value: (r) => r.cpu,
    format: (r) => formatPercent(r.cpu),
  },
  {
    id: 'mem',
    header: 'MEM%',
    width: 4,
    align: 'right',
    descending: true,
    title: 'resident memory as % of total',
    value: (r) => r.mem,
    format: (r) => formatPercent(r.mem),
  },
  {
    id: 'time',
    header: 'TIME+',
    width: 9,
    align: 'right',
    descending: true,
    title: 'CPU time used',
    value: (r) => r.cpuTime,
    format: (r) => formatCpuTime(r.cpuTime),
  },
  {
    id: 'core',
    header: 'CPU',
    width: 3,
    align: 'right',
    descending: false,
    title: 'core the process last ran on',
    value: (r) => r.processor,
    format: (r) => (r.processor >= 0 ? String(r.processor) : '-'),
  },
  { id: 'command', header: 'Command', width: 7, align: 'left', descending: false, title: 'command line', value: (r) => r.command, format: (r) => r.command },
];

const BY_ID = new Map(COLUMNS.map((c) => [c.id, c]));

export function column(id: ColumnId): Column {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`unknown column ${id}`);
  return found;
}

/** Names accepted by --sort-key besides the column IDs (ps's and htop's spellings). */
const ALIASES: Record<string, ColumnId> = {
  priority: 'pri',
  nice: 'ni',
  vsz: 'virt',
  rss: 'res',
  s: 'state',
  stat: 'state',
  percent_cpu: 'cpu',
  '%cpu': 'cpu',
  'cpu%': 'cpu',
  percent_mem: 'mem',
  '%mem': 'mem',
  'mem%': 'mem',
  'time+': 'time',
  processor: 'core',
  name: 'command',
  comm: 'command',
  cmd: 'command',
  args: 'command',
};

/** The column a user-typed sort key names, or undefined. */
export function parseColumnId(text: string): ColumnId | undefined {
  const key = text.trim().toLowerCase();
  if (BY_ID.has(key as ColumnId)) return key as ColumnId;
  return ALIASES[key];
}
