// Pure parsers for the text of one process's /proc files: stat, status and cmdline.

/** The fields pooltop uses from /proc/[pid]/stat (see proc(5)); times in clock ticks. */
export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  /** The process group ID: the PID of the group's leader (what Ctrl-C's SIGINT reaches, whole). */
  pgrp: number;
  /** The session ID: the PID of the session's leader (0 for kernel threads). */
  session: number;
  /** The foreground process group of the process's controlling terminal; -1 (or 0) without one. */
  tpgid: number;
  utime: number;
  stime: number;
  /** User and system time of the children it has waited for (and theirs, all the way down), in ticks. */
  cutime: number;
  cstime: number;
  priority: number;
  nice: number;
  threads: number;
  startTicks: number;
  vsize: number;
  rssPages: number;
  processor: number;
}

/** The numeric fields of the line being parsed: one array reused (a parse never yields mid-way). */
const FIELDS = new Float64Array(40);

/**
 * Parses one /proc/[pid]/stat line. The command name sits between the first '(' and the *last*
 * ')' because a process may name itself "a) R 1 (b"; everything after is space-separated.
 * Returns null for text that does not have that shape.
 */

export function parseProcStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 1 || close < open) return null;
  const pid = Number(text.slice(0, open - 1));
  if (!Number.isInteger(pid)) return null;
  // The fields after the name are scanned in place rather than split into ~50 strings: at 2,000
  // processes a refresh would otherwise make 100,000 short-lived strings.
  const numbers = FIELDS;
  numbers.fill(0);
  let field = 3;
  let i = close + 2;
  const state = text[i] ?? '?';
  const end = text.length;
  while (i < end && field <= 39) {
    // Skip to the start of the next field.
    while (i < end && text.charCodeAt(i) !== 32) i++;
    i++;
    field++;
    let value = 0;
    let negative = false;
    if (text.charCodeAt(i) === 45) {
      negative = true;
      i++;
    }
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) value = value * 10 + (c - 48);
    if (field <= 39) numbers[field] = negative ? -value : value;
  }
  if (field < 39) return null;
  return {
    pid,
    comm: text.slice(open + 1, close),
    state,
    ppid: numbers[4]!,
    pgrp: numbers[5]!,
    session: numbers[6]!,
    tpgid: numbers[8]!,
    utime: numbers[14]!,
    stime: numbers[15]!,
    cutime: numbers[16]!,
    cstime: numbers[17]!,
    priority: numbers[18]!,
    nice: numbers[19]!,
    threads: numbers[20]!,
    startTicks: numbers[22]!,
    vsize: numbers[23]!,
    rssPages: numbers[24]!,
    processor: numbers[39]!,
  };
}

/** The real UID from the "Uid:" line of /proc/[pid]/status, or -1. */
export function parseStatusUid(text: string): number {
  const at = text.indexOf('\nUid:');
  if (at < 0) return -1;
  const uid = Number.parseInt(text.slice(at + 5).trimStart(), 10);
  return Number.isInteger(uid) ? uid : -1;
}

/** /proc/[pid]/cmdline is NUL-separated (and usually NUL-terminated); a space-joined string. */
export function parseCmdline(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
  return text.slice(0, end).split('\0').join(' ');
}
