// Pure parsers for the text of /proc/[pid]/stat, /proc/[pid]/status and /proc/[pid]/cmdline.

/** The fields pooltop uses from /proc/[pid]/stat (see proc(5)); times in clock ticks. */
export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  utime: number;
  stime: number;
  priority: number;
  nice: number;
  threads: number;
  startTicks: number;
  vsize: number;
  rssPages: number;
  processor: number;
}

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
  const rest = text.slice(close + 2).split(' ');
  // rest[0] is field 3 (state); field N of proc(5) is rest[N - 3].
  if (!Number.isInteger(pid) || rest.length < 37) return null;
  const field = (n: number): number => Number(rest[n - 3]);
  return {
    pid,
    comm: text.slice(open + 1, close),
    state: rest[0] ?? '?',
    ppid: field(4),
    utime: field(14),
    stime: field(15),
    priority: field(18),
    nice: field(19),
    threads: field(20),
    startTicks: field(22),
    vsize: field(23),
    rssPages: field(24),
    processor: field(39),
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

/** The "btime" line of /proc/stat: boot time in seconds since the epoch, or 0. */
export function parseBootTime(text: string): number {
  const match = /^btime (\d+)$/m.exec(text);
  return match ? Number(match[1]) : 0;
}
