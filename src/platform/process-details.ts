// Everything /proc tells about one process for the details view: a dozen files read on demand,
// each one that cannot be read (permissions, hidepid, the process gone) a null, never an error.
import { readdirSync, readlinkSync } from 'node:fs';
import { CLK_TCK } from './kernel-units.js';
import { parseCmdline, parseProcStat } from './parse-proc.js';
import { DENIED, GONE, readProcFile, type ReadResult } from './proc-file.js';
import { PROC_ROOT } from './procfs.js';
import { startTimeFromTicks } from './start-time.js';

/** Signal numbers (1-based, as kill -l) in each of the masks of /proc/PID/status. */
export interface SignalMasks {
  /** SigPnd and ShdPnd: sent to the thread or the process, not yet delivered. */
  pending: number[];
  blocked: number[];
  ignored: number[];
  /** Has a handler installed. */
  caught: number[];
}

export interface OpenFile {
  fd: number;
  kind: 'file' | 'pipe' | 'socket' | 'tty' | 'anon' | 'device' | 'other';
  /** The link's target as the kernel writes it ("/dev/pts/3", "pipe:[5888094]"). */
  target: string;
  /** For a pipe or socket, its inode: the two ends of one pipe share it. */
  inode: number | null;
  /** From fdinfo's flags: how it was opened. */
  access: 'read' | 'write' | 'read-write' | null;
}

interface ThreadDetails {
  tid: number;
  name: string;
  state: string;
  /** Seconds of CPU (user + system) since it started. */
  cpuTime: number;
}

export interface ProcessDetails {
  pid: number;
  ppid: number;
  pgrp: number;
  sid: number;
  /** The controlling terminal's device number from stat (0: none). */
  ttyNr: number;
  /** Its name ("pts/3") when the standard input, output or error is that terminal; else null. */
  tty: string | null;
  uid: { real: number; effective: number };
  gid: { real: number; effective: number };
  /** Epoch ms, from the same ticks the table uses. */
  startTime: number;
  comm: string;
  /** The whole command line, arguments separated by spaces (NULs as the table shows them). */
  command: string;
  exe: string | null;
  cwd: string | null;
  state: string;
  wchan: string | null;
  voluntarySwitches: number | null;
  involuntarySwitches: number | null;
  nice: number;
  priority: number;
  /** sched(7) policy number from stat (0 SCHED_OTHER, 1 FIFO, 2 RR, 3 BATCH, 5 IDLE, 6 DEADLINE). */
  policy: number;
  processor: number;
  cpuTime: number;
  cpusAllowed: string | null;
  cgroup: string | null;
  oomScore: number | null;
  oomScoreAdj: number | null;
  signals: SignalMasks | null;
  /** Bytes, from status (and smaps_rollup for PSS where readable). */
  memory: { virt: number | null; res: number | null; shr: number | null; swap: number | null; pss: number | null };
  /** Bytes, from /proc/PID/io: null when not permitted (another user's process without root). */
  io: { readBytes: number; writeBytes: number; rchar: number; wchar: number } | null;
  threads: ThreadDetails[];
  /** Null when the fd directory may not be read. */
  files: OpenFile[] | null;
  /** NAME=value entries; null unless asked for and readable. */
  environment: string[] | null;
}

/** At most this many open files and threads are listed (a server may have 100,000 sockets). */
const DETAILS_LIST_LIMIT = 1000;

const STATUS_LIMIT = 16 * 1024;
// As ps: a command line is read whole, up to 128 KiB (ARG_MAX-sized lines exist).
const CMDLINE_LIMIT = 128 * 1024;
const ENVIRON_LIMIT = 256 * 1024;

export interface DetailsOptions {
  /** Read the environment: always, never, or when the process's user passes this test. */
  environment?: boolean | ((uid: { real: number; effective: number }) => boolean);
  root?: string;
}

/** Reads the details of `pid`, or null when it is gone (or /proc/PID/stat cannot be read at all). */
export function readProcessDetails(pid: number, options: DetailsOptions = {}): ProcessDetails | null {
  const root = options.root ?? PROC_ROOT;
  const dir = `${root}/${pid}`;
  const statText = readProcFile(`${dir}/stat`, 4096);
  if (typeof statText !== 'string') return null;
  const stat = parseProcStat(statText);
  if (!stat) return null;
  const extra = statExtras(statText);
  const status = text(readProcFile(`${dir}/status`, STATUS_LIMIT));
  const fields = status === null ? new Map<string, string>() : parseStatusFields(status);
  const ids = (name: string): { real: number; effective: number } => {
    const [real, effective] = (fields.get(name) ?? '').split(/\s+/).map(Number);
    return { real: Number.isInteger(real) ? real! : -1, effective: Number.isInteger(effective) ? effective! : -1 };
  };
  const kib = (name: string): number | null => {
    const match = /^(\d+)\s*kB$/.exec(fields.get(name) ?? '');
    return match ? Number(match[1]) * 1024 : null;
  };
  const rssFile = kib('RssFile');
  const rssShmem = kib('RssShmem');
  const files = readOpenFiles(dir);
  const smaps = text(readProcFile(`${dir}/smaps_rollup`, 4096));
  const pss = smaps === null ? null : kibField(smaps, 'Pss');
  return {
    pid,
    ppid: stat.ppid,
    pgrp: extra.pgrp,
    sid: stat.session,
    ttyNr: extra.ttyNr,
    tty: extra.ttyNr === 0 ? null : terminalName(dir),
    uid: ids('Uid'),
    gid: ids('Gid'),
    startTime: startTimeFromTicks(stat.startTicks),
    comm: stat.comm,
    command: commandLine(text(readProcFile(`${dir}/cmdline`, CMDLINE_LIMIT))) || `[${stat.comm}]`,
    exe: link(`${dir}/exe`),
    cwd: link(`${dir}/cwd`),
    state: stat.state,
    wchan: wchanName(text(readProcFile(`${dir}/wchan`, 256))),
    voluntarySwitches: count(fields.get('voluntary_ctxt_switches')),
    involuntarySwitches: count(fields.get('nonvoluntary_ctxt_switches')),
    nice: stat.nice,
    priority: stat.priority,
    policy: extra.policy,
    processor: stat.processor,
    cpuTime: (stat.utime + stat.stime) / CLK_TCK,
    cpusAllowed: fields.get('Cpus_allowed_list') ?? null,
    cgroup: cgroupPath(text(readProcFile(`${dir}/cgroup`, 4096))),
    oomScore: count(text(readProcFile(`${dir}/oom_score`, 64))?.trim()),
    oomScoreAdj: integer(text(readProcFile(`${dir}/oom_score_adj`, 64))?.trim()),
    signals: status === null ? null : parseSignalMasks(fields),
    memory: {
      virt: kib('VmSize'),
      res: kib('VmRSS'),
      shr: rssFile === null && rssShmem === null ? null : (rssFile ?? 0) + (rssShmem ?? 0),
      swap: kib('VmSwap'),
      pss,
    },
    io: parseIo(text(readProcFile(`${dir}/io`, 1024))),
    threads: readThreads(dir),
    files,
    environment: wantsEnvironment(options.environment, ids('Uid')) ? parseEnviron(text(readProcFile(`${dir}/environ`, ENVIRON_LIMIT))) : null,
  };
}

/** The stat fields the table does not parse (proc(5) numbering): pgrp 5, tty_nr 7, policy 41. */
export function statExtras(statText: string): { pgrp: number; ttyNr: number; policy: number } {
  // After the name's last ')', field 3 (state) is the first word.
  const words = statText.slice(statText.lastIndexOf(')') + 2).split(' ');
  const field = (n: number): number => Number(words[n - 3] ?? 0) || 0;
  return { pgrp: field(5), ttyNr: field(7), policy: field(41) };
}

/** Only the signal masks of `pid` (the signal menu's notes), or null when unreadable. */
export function readSignalMasks(pid: number, root = PROC_ROOT): SignalMasks | null {
  const status = text(readProcFile(`${root}/${pid}/status`, STATUS_LIMIT));
  return status === null ? null : parseSignalMasks(parseStatusFields(status));
}

/** `Name:\tvalue` lines of /proc/PID/status, values trimmed. */
export function parseStatusFields(status: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of status.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return fields;
}

/** The signal masks of status (64-bit hex, bit n−1 for signal n), or null when one is missing or malformed. */
export function parseSignalMasks(fields: ReadonlyMap<string, string>): SignalMasks | null {
  const masks = ['SigPnd', 'ShdPnd', 'SigBlk', 'SigIgn', 'SigCgt'].map((name) => decodeMask(fields.get(name)));
  if (masks.some((m) => m === null)) return null;
  const [threadPending, sharedPending, blocked, ignored, caught] = masks as number[][];
  return {
    pending: [...new Set([...threadPending!, ...sharedPending!])].sort((a, b) => a - b),
    blocked: blocked!,
    ignored: ignored!,
    caught: caught!,
  };
}

/** The signal numbers set in one mask ("0000000000004002" → [2, 15]). */
export function decodeMask(hex: string | undefined): number[] | null {
  if (hex === undefined || !/^[0-9a-f]{1,32}$/i.test(hex)) return null;
  const numbers: number[] = [];
  let bits = BigInt(`0x${hex}`);
  for (let signal = 1; bits > 0n; signal++, bits >>= 1n) {
    if (bits & 1n) numbers.push(signal);
  }
  return numbers;
}

/** /proc/PID/io, or null when it may not be read. */
export function parseIo(io: string | null): ProcessDetails['io'] {
  if (io === null) return null;
  const fields = parseStatusFields(io);
  const value = (name: string): number => Number(fields.get(name) ?? 0) || 0;
  if (!fields.has('read_bytes')) return null;
  return { readBytes: value('read_bytes'), writeBytes: value('write_bytes'), rchar: value('rchar'), wchar: value('wchar') };
}

/** What a link in /proc/PID/fd names, as a kind, with the inode of pipes and sockets. */
export function classifyFdTarget(target: string): Pick<OpenFile, 'kind' | 'inode'> {
  const special = /^(pipe|socket):\[(\d+)\]$/.exec(target);
  if (special) return { kind: special[1] as 'pipe' | 'socket', inode: Number(special[2]) };
  if (target.startsWith('anon_inode:')) return { kind: 'anon', inode: null };
  if (/^\/dev\/(pts\/\d+|tty\w*|console)$/.test(target)) return { kind: 'tty', inode: null };
  if (target.startsWith('/dev/')) return { kind: 'device', inode: null };
  if (target.startsWith('/')) return { kind: 'file', inode: null };
  return { kind: 'other', inode: null };
}

/** How fdinfo's octal flags say the file was opened. */
export function accessMode(fdinfo: string | null): OpenFile['access'] {
  const flags = fdinfo === null ? undefined : /^flags:\s*([0-7]+)$/m.exec(fdinfo)?.[1];
  if (flags === undefined) return null;
  const mode = Number.parseInt(flags, 8) & 3;
  return mode === 0 ? 'read' : mode === 1 ? 'write' : mode === 2 ? 'read-write' : null;
}

/** NAME=value entries of /proc/PID/environ. */
function parseEnviron(environ: string | null): string[] | null {
  if (environ === null) return null;
  return environ.split('\0').filter((entry) => entry.length > 0);
}

/** The unified (cgroup v2) path when there is one, else the first named hierarchy's. */
export function cgroupPath(cgroup: string | null): string | null {
  if (cgroup === null) return null;
  const lines = cgroup.split('\n').filter(Boolean);
  const unified = lines.find((l) => l.startsWith('0::'));
  // On a hybrid host the unified path is often "/" while the memory controller says where the
  // process really is: prefer a path that says something.
  const specific = lines.map((l) => l.split(':').slice(2).join(':')).find((p) => p !== '/' && p !== '');
  return (unified && unified.slice(3) !== '/' ? unified.slice(3) : specific) ?? (unified ? unified.slice(3) : null);
}

function wantsEnvironment(option: DetailsOptions['environment'], uid: { real: number; effective: number }): boolean {
  return typeof option === 'function' ? option(uid) : option === true;
}

function readOpenFiles(dir: string): OpenFile[] | null {
  let names: string[];
  try {
    names = readdirSync(`${dir}/fd`);
  } catch {
    return null;
  }
  const files: OpenFile[] = [];
  for (const name of names
    .map(Number)
    .filter(Number.isInteger)
    .sort((a, b) => a - b)
    .slice(0, DETAILS_LIST_LIMIT)) {
    const target = link(`${dir}/fd/${name}`);
    if (target === null) continue;
    files.push({ fd: name, target, ...classifyFdTarget(target), access: accessMode(text(readProcFile(`${dir}/fdinfo/${name}`, 1024))) });
  }
  return files;
}

function readThreads(dir: string): ThreadDetails[] {
  let names: string[];
  try {
    names = readdirSync(`${dir}/task`);
  } catch {
    return [];
  }
  const threads: ThreadDetails[] = [];
  for (const tid of names
    .map(Number)
    .filter(Number.isInteger)
    .sort((a, b) => a - b)
    .slice(0, DETAILS_LIST_LIMIT)) {
    const stat = parseProcStat(text(readProcFile(`${dir}/task/${tid}/stat`, 4096)) ?? '');
    if (stat) threads.push({ tid, name: stat.comm, state: stat.state, cpuTime: (stat.utime + stat.stime) / CLK_TCK });
  }
  return threads;
}

/** The terminal among fds 0–2 ("pts/3"), which names the controlling terminal in practice. */
function terminalName(dir: string): string | null {
  for (const fd of [0, 1, 2]) {
    const target = link(`${dir}/fd/${fd}`);
    const match = target === null ? null : /^\/dev\/(pts\/\d+|tty\w*|console)$/.exec(target);
    if (match) return match[1]!;
  }
  return null;
}

function wchanName(wchan: string | null): string | null {
  const name = wchan?.trim();
  return name && name !== '0' ? name : null;
}

function commandLine(cmdline: string | null): string {
  return cmdline === null ? '' : parseCmdline(cmdline);
}

function kibField(text: string, name: string): number | null {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(text);
  return match ? Number(match[1]) * 1024 : null;
}

function link(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

function text(result: ReadResult): string | null {
  return result === GONE || result === DENIED ? null : result;
}

function count(value: string | undefined): number | null {
  return value !== undefined && /^\d{1,20}$/.test(value) ? Number(value) : null;
}

function integer(value: string | undefined): number | null {
  return value !== undefined && /^-?\d{1,10}$/.test(value) ? Number(value) : null;
}
