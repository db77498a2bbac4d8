// The process table's columns, as data: header, width, alignment, natural sort direction, the
// value sorted on and the text shown. The table, the sort keys and `snapshot` all read this.
import type { ProcessDetail } from '../sampling/types.js';
import { formatBytes, formatCpuTime, formatElapsed, formatPercent, formatRate, formatStart, formatTty } from './format.js';
import type { ProcessRow } from './process-row.js';
import { TREND_POINTS, trendText } from './cpu-trends.js';

export type ColumnId =
  | 'pid'
  | 'ppid'
  | 'user'
  | 'pri'
  | 'ni'
  | 'virt'
  | 'res'
  | 'shr'
  | 'state'
  | 'cpu'
  | 'mem'
  | 'time'
  | 'core'
  | 'command'
  | 'pgrp'
  | 'sid'
  | 'tty'
  | 'tpgid'
  | 'utime'
  | 'stime'
  | 'start'
  | 'elapsed'
  | 'nlwp'
  | 'minflt'
  | 'majflt'
  | 'ioread'
  | 'iowrite'
  | 'iorate'
  | 'cgroup'
  | 'oom'
  | 'ctxt'
  | 'wchan'
  | 'exe'
  | 'comm'
  | 'cpugraph';

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
  /** Shown only when asked for (the job-control columns, `J`), not in the default table. */
  optional?: boolean;
  value(row: ProcessRow): number | string;
  /** The cell text, unsanitized where `untrusted`: the caller makes it safe. */
  format(row: ProcessRow): string;
  /** Text a process or another user chose (names, paths): sanitized before it is shown. */
  untrusted?: boolean;
  /** Its text changes with the clock or every refresh, not only with the row (ELAPSED, START, the CPU graph): never drawn from a kept line. */
  clock?: boolean;
  /** The /proc file it needs read per process, beyond the stat line. */
  detail?: ProcessDetail;
}

const num = (n: number | undefined): string => (n !== undefined && Number.isFinite(n) ? String(n) : '-');
/** A count from /proc that may be missing (another source) or unreadable (-1). */
const count = (n: number | undefined): string => (n !== undefined && n >= 0 ? String(n) : '-');
/** Missing and unreadable numbers sort below every real one. */
const sortable = (n: number | undefined): number => (n !== undefined && Number.isFinite(n) ? n : -1);
const text = (t: string | undefined): string => (t === undefined || t === '' ? '-' : t);

/** The job-control columns `J` shows (beside the chosen ones): group, session, the terminal's foreground group. */
export const JOB_COLUMNS: readonly ColumnId[] = ['pgrp', 'sid', 'tpgid'];

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
    id: 'shr',
    header: 'SHR',
    width: 5,
    align: 'right',
    descending: true,
    title: 'resident memory shared with other processes (files, shared memory)',
    value: (r) => r.shared,
    format: (r) => formatBytes(r.shared),
  },
  {
    id: 'state',
    header: 'S',
    width: 1,
    align: 'left',
    descending: false,
    title: 'state (R run, S sleep, D disk, T stopped, Z zombie)',
    value: (r) => r.state,
    format: (r) => r.state || '-',
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
  {
    id: 'command',
    header: 'Command',
    width: 7,
    align: 'left',
    descending: false,
    title: 'command line',
    value: (r) => r.command,
    format: (r) => r.command,
    untrusted: true,
  },
  // Beyond the default set: htop's other Linux columns that /proc gives without privileges.
  {
    id: 'pgrp',
    header: 'PGRP',
    width: 7,
    align: 'right',
    descending: false,
    title: 'process group ID',
    value: (r) => sortable(r.pgrp),
    format: (r) => num(r.pgrp),
  },
  {
    id: 'sid',
    header: 'SID',
    width: 7,
    align: 'right',
    descending: false,
    title: 'session ID (the PID of its leader)',
    value: (r) => sortable(r.session),
    format: (r) => num(r.session),
  },
  {
    id: 'tty',
    header: 'TTY',
    width: 8,
    align: 'left',
    descending: false,
    title: 'controlling terminal',
    value: (r) => sortable(r.tty),
    format: (r) => (r.tty === undefined ? '-' : formatTty(r.tty)),
  },
  {
    id: 'tpgid',
    header: 'TPGID',
    width: 7,
    align: 'right',
    descending: false,
    title: 'foreground process group of its terminal',
    value: (r) => sortable(r.tpgid),
    format: (r) => num(r.tpgid),
  },
  {
    id: 'utime',
    header: 'UTIME+',
    width: 9,
    align: 'right',
    descending: true,
    title: 'CPU time in user mode',
    value: (r) => sortable(r.userTime),
    format: (r) => (r.userTime === undefined ? '-' : formatCpuTime(r.userTime)),
  },
  {
    id: 'stime',
    header: 'STIME+',
    width: 9,
    align: 'right',
    descending: true,
    title: 'CPU time in the kernel',
    value: (r) => sortable(r.systemTime),
    format: (r) => (r.systemTime === undefined ? '-' : formatCpuTime(r.systemTime)),
  },
  {
    id: 'start',
    header: 'START',
    width: 5,
    align: 'right',
    descending: false,
    title: 'when it started: HH:MM today, else the date or the year',
    value: (r) => r.startTime,
    format: (r) => formatStart(r.startTime, Date.now()),
    clock: true,
  },
  {
    id: 'elapsed',
    header: 'ELAPSED',
    width: 11,
    align: 'right',
    descending: true,
    title: 'time since it started, [[dd-]hh:]mm:ss as ps etime',
    value: (r) => (r.startTime > 0 ? -r.startTime : -Infinity),
    format: (r) => formatElapsed(r.startTime, Date.now()),
    clock: true,
  },
  {
    id: 'nlwp',
    header: 'NLWP',
    width: 4,
    align: 'right',
    descending: true,
    title: 'number of threads',
    value: (r) => r.threads,
    format: (r) => count(r.threads),
  },
  {
    id: 'minflt',
    header: 'MINFLT',
    width: 8,
    align: 'right',
    descending: true,
    title: 'minor page faults (no disk read)',
    value: (r) => sortable(r.minorFaults),
    format: (r) => count(r.minorFaults),
  },
  {
    id: 'majflt',
    header: 'MAJFLT',
    width: 8,
    align: 'right',
    descending: true,
    title: 'major page faults (read from disk)',
    value: (r) => sortable(r.majorFaults),
    format: (r) => count(r.majorFaults),
  },
  {
    id: 'ioread',
    header: 'DISK READ',
    width: 9,
    align: 'right',
    descending: true,
    title: 'bytes per second read from storage (- where /proc/PID/io is not yours to read)',
    value: (r) => sortable(r.ioReadRate),
    format: (r) => formatRate(r.ioReadRate),
    detail: 'io',
  },
  {
    id: 'iowrite',
    header: 'DISK WRITE',
    width: 10,
    align: 'right',
    descending: true,
    title: 'bytes per second written to storage (- where not permitted)',
    value: (r) => sortable(r.ioWriteRate),
    format: (r) => formatRate(r.ioWriteRate),
    detail: 'io',
  },
  {
    id: 'iorate',
    header: 'DISK R/W',
    width: 9,
    align: 'right',
    descending: true,
    title: "bytes per second read and written, htop's IO_RATE (- where not permitted)",
    value: (r) => sortable(ioRate(r)),
    format: (r) => formatRate(ioRate(r)),
    detail: 'io',
  },
  {
    id: 'cgroup',
    header: 'CGROUP',
    width: 24,
    align: 'left',
    descending: false,
    title: 'control groups, as /proc/PID/cgroup (and ps) write them',
    value: (r) => r.cgroup ?? '',
    format: (r) => text(r.cgroup),
    untrusted: true,
    detail: 'cgroup',
  },
  {
    id: 'oom',
    header: 'OOM',
    width: 4,
    align: 'right',
    descending: true,
    title: "the OOM killer's score (highest is killed first)",
    value: (r) => sortable(r.oomScore),
    format: (r) => count(r.oomScore),
    detail: 'oom',
  },
  {
    id: 'ctxt',
    header: 'CTXT',
    width: 8,
    align: 'right',
    descending: true,
    title: 'context switches, voluntary and involuntary',
    value: (r) => sortable(r.contextSwitches),
    format: (r) => count(r.contextSwitches),
    detail: 'ctxt',
  },
  {
    id: 'wchan',
    header: 'WCHAN',
    width: 14,
    align: 'left',
    descending: false,
    title: 'kernel function it sleeps in (- when running)',
    value: (r) => r.wchan ?? '',
    format: (r) => text(r.wchan),
    untrusted: true,
    detail: 'wchan',
  },
  {
    id: 'exe',
    header: 'EXE',
    width: 24,
    align: 'left',
    descending: false,
    title: "the executable's path (- where not yours to read)",
    value: (r) => r.exe ?? '',
    format: (r) => text(r.exe),
    untrusted: true,
    detail: 'exe',
  },
  {
    id: 'comm',
    header: 'COMM',
    width: 15,
    align: 'left',
    descending: false,
    title: 'the short name (comm) the process goes by',
    value: (r) => r.name,
    format: (r) => r.name,
    untrusted: true,
  },
  {
    id: 'cpugraph',
    header: 'CPU graph',
    width: TREND_POINTS,
    align: 'left',
    descending: true,
    title: `CPU% over the last ${TREND_POINTS} refreshes, a block each, full at one core; sorts by their mean`,
    value: (r) => sortable(r.cpuTrend?.mean),
    format: (r) => trendText(r.cpuTrend, TREND_POINTS),
    // Its blocks move on every refresh, whether or not the row changed.
    clock: true,
  },
];

/** The columns shown until the user chooses others (F2): htop's default set, plus CPU. */
export const DEFAULT_COLUMNS: readonly ColumnId[] = [
  'pid',
  'ppid',
  'user',
  'pri',
  'ni',
  'virt',
  'res',
  'shr',
  'state',
  'cpu',
  'mem',
  'time',
  'core',
  'command',
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
  share: 'shr',
  m_share: 'shr',
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
  cmd: 'command',
  args: 'command',
  // ps's and htop's names for the others.
  pgid: 'pgrp',
  session: 'sid',
  tt: 'tty',
  shared: 'shr',
  'utime+': 'utime',
  'stime+': 'stime',
  starttime: 'start',
  lstart: 'start',
  etime: 'elapsed',
  etimes: 'elapsed',
  thcount: 'nlwp',
  min_flt: 'minflt',
  maj_flt: 'majflt',
  io_read_rate: 'ioread',
  io_write_rate: 'iowrite',
  io_rate: 'iorate',
  'disk read': 'ioread',
  'disk write': 'iowrite',
  oom_score: 'oom',
  exe: 'exe',
};

/** The /proc files beyond stat that `ids` need read per process. */
export function columnDetails(ids: readonly ColumnId[]): Set<ProcessDetail> {
  const details = new Set<ProcessDetail>();
  for (const id of ids) {
    const detail = BY_ID.get(id)?.detail;
    if (detail) details.add(detail);
  }
  return details;
}

/** A column list as the settings file or --columns gives it: known IDs, each once; undefined when none is. */
export function parseColumnList(items: readonly unknown[]): ColumnId[] | undefined {
  const ids: ColumnId[] = [];
  for (const item of items) {
    const id = typeof item === 'string' ? parseColumnId(item) : undefined;
    if (id === undefined) return undefined;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids.length > 0 ? ids : undefined;
}

/** The column a user-typed sort key names, or undefined. */
export function parseColumnId(text: string): ColumnId | undefined {
  const key = text.trim().toLowerCase();
  if (BY_ID.has(key as ColumnId)) return key as ColumnId;
  return ALIASES[key];
}

/** Read and written together; unknown when either is. */
function ioRate(r: ProcessRow): number | undefined {
  return r.ioReadRate === undefined || r.ioWriteRate === undefined || r.ioReadRate < 0 || r.ioWriteRate < 0 ? undefined : r.ioReadRate + r.ioWriteRate;
}
