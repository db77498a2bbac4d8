// Pure parsers for the text of one process's /proc files: stat, statm, status and cmdline.

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
  /** The controlling terminal (major and minor packed), 0 for none. */
  ttyNr: number;
  /** The terminal's foreground process group, -1 for none. */
  tpgid: number;
  minflt: number;
  majflt: number;
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
    ttyNr: numbers[7]!,
    tpgid: numbers[8]!,
    minflt: numbers[10]!,
    majflt: numbers[12]!,
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

/**
 * The effective UID from the "Uid:" line of /proc/[pid]/status (real, effective, saved, fs), or
 * -1: the user a process acts as, which ps's USER and htop's USER show.
 */
export function parseStatusUid(text: string): number {
  return statusNumber(text, 'Uid', 1);
}

/** The thread group ID ("Tgid:") of /proc/[pid]/status: the PID of the process a thread belongs to, or -1. */
export function parseStatusTgid(text: string): number {
  return statusNumber(text, 'Tgid', 0);
}

function statusNumber(text: string, key: string, index: number): number {
  const at = text.indexOf(`\n${key}:`);
  if (at < 0) return -1;
  const end = text.indexOf('\n', at + 1);
  const value = Number(
    text
      .slice(at + key.length + 2, end < 0 ? undefined : end)
      .trim()
      .split(/\s+/)[index],
  );
  return Number.isInteger(value) ? value : -1;
}

/** Resident and shared pages from /proc/[pid]/statm ("size resident shared text lib data dt"). */
export interface ProcStatm {
  residentPages: number;
  sharedPages: number;
}

/** Parses statm without splitting it (it is read every refresh for every process); null if malformed. */
export function parseStatm(text: string): ProcStatm | null {
  let i = 0;
  const next = (): number => {
    let value = 0;
    const start = i;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) value = value * 10 + (c - 48);
    const ok = i > start;
    i++; // the space after
    return ok ? value : -1;
  };
  next(); // size, the same as stat's vsize
  const residentPages = next();
  const sharedPages = next();
  return residentPages < 0 || sharedPages < 0 ? null : { residentPages, sharedPages };
}

/** /proc/[pid]/cmdline is NUL-separated (and usually NUL-terminated); a space-joined string. */
export function parseCmdline(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
  return text.slice(0, end).split('\0').join(' ');
}
