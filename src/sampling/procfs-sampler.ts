// The Linux process table read straight from /proc: one read of /proc/[pid]/stat and one of
// statm per process per refresh (through descriptors kept open, within FD_BUDGET); status (for
// the UID) and cmdline only when a process is first seen or has exec'd. When asked for threads,
// each user thread's /proc/[pid]/task/[tid]/stat and statm too, the same way.
import { readdirSync, readFileSync } from 'node:fs';
import { CLK_TCK, PAGE_SIZE } from '../platform/kernel-units.js';
import { parseCmdline, parseProcStat, parseStatm, parseStatusUid } from '../platform/parse-proc.js';
import {
  closeProcFile,
  DENIED,
  GONE,
  openProcFile,
  readOpenProcFile,
  readProcFile,
  readProcLink,
  readWholeProcFile,
  type ReadResult,
} from '../platform/proc-file.js';
import { parseCgroup, parseContextSwitches, parseInteger, parseIoBytes, parseWchan } from '../platform/parse-proc-details.js';
import { PROC_ROOT } from '../platform/procfs.js';
import { BOOT_TIME_MS, readBootTimeMs, startTimeFromTicks } from '../platform/start-time.js';
import { countTasks } from './count-tasks.js';
import { ProcSystemFacts } from './system-facts.js';
import { SOURCE_FIELDS } from './source-fields.js';
import type { ProcessDetail, ProcessInfo, Sample, SampleRequest, Sampler, SourceCapabilities } from './types.js';
import { UserNames } from './user-names.js';

/** Start times by the platform's formula over /proc's own ticks, as the PID-reuse check reads them; CPU time; every field; threads. */
const PROCFS_CAPABILITIES: SourceCapabilities = {
  startTimePrecisionMs: 0,
  cpuTime: true,
  fields: SOURCE_FIELDS.procfs,
  threads: true,
};
/**
 * An idle process's statm is read every this many refreshes (its stat every refresh): statm was over
 * a quarter of the table's reading at 2,150 processes (docs/performance.md).
 */
const STATM_EVERY = 8;
/** PIDs read between two turns of the event loop: a few milliseconds of work, so keys are never kept waiting. */
const SLICE = 200;
/**
 * Descriptors of /proc/[pid]/stat and statm kept open between refreshes: a refresh then costs two
 * preads per process instead of two open + read + close. At most this many, and at most a quarter
 * of the process's limit on open files, so pools, pipes and terminals always have room. Two a
 * process: 2,048 covered 1,024 processes, and at 2,100 half the files were opened and closed
 * again every refresh (a fifth of its CPU). Each open file holds a page of kernel memory once read
 * (4 KiB, measured: docs/performance.md), so 4,096 of them hold 16 MiB at most.
 */
const FD_BUDGET = 4096;

function defaultFdBudget(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) ? Math.max(0, Math.min(FD_BUDGET, Math.floor(soft / 4))) : 0;
  } catch {
    return 0;
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** What is read once per process (or thread): it only changes on exec (which changes comm) or setuid. */
interface Identity {
  startTicks: number;
  comm: string;
  uid: number;
  user: string;
  command: string;
  kernelThread: boolean;
  /** The sample generation that last saw this PID: entries not seen are evicted. */
  seen: number;
  /** The last stat and statm read and what they gave: unchanged, they give the same object again. */
  statText: string;
  statmText: string;
  info: ProcessInfo | null;
  /** Open descriptors of this process's stat and statm files, or -1. */
  statFd: number;
  statmFd: number;
  /** The executable's path, read once (it changes only on exec); undefined until EXE is shown. */
  exe?: string;
}

/** Bytes of a cgroup list kept. */
const CGROUP_LIMIT = 4096;

export interface ProcfsOptions {
  /** Where procfs is mounted; tests point it elsewhere. */
  root?: string;
  passwdPath?: string;
  /** How many stat and statm files may be kept open (default: see FD_BUDGET); 0 opens each every time. */
  fdBudget?: number;
}

export class ProcfsSampler implements Sampler {
  readonly source = 'procfs' as const;
  readonly capabilities: SourceCapabilities = PROCFS_CAPABILITIES;
  private readonly root: string;
  private readonly users: UserNames;
  private readonly identities = new Map<number, Identity>();
  private readonly bootTimeMs: number;
  private generation = 0;
  private readonly facts: ProcSystemFacts;
  private readonly fdBudget: number;
  private openFds = 0;
  private details: ReadonlySet<ProcessDetail> = new Set();

  constructor(options: ProcfsOptions = {}) {
    this.root = options.root ?? PROC_ROOT;
    this.users = new UserNames(options.passwdPath);
    this.facts = new ProcSystemFacts(this.root);
    this.fdBudget = options.fdBudget ?? defaultFdBudget();
    // The platform's boot time for the real /proc, so the PID-reuse check's start times equal these.
    this.bootTimeMs = this.root === PROC_ROOT ? BOOT_TIME_MS : readBootTimeMs(this.root);
  }

  /**
   * The sample, read in slices of PIDs with the event loop let through between them, so a key
   * pressed during a refresh of thousands of processes is handled within a slice, not after the
   * whole read (docs/performance.md).
   */
  async sample(request: SampleRequest = {}): Promise<Sample> {
    const facts = this.facts.readSync();
    const startTime = Date.now();
    const start = performance.now();
    const pids = this.listPids();
    const generation = ++this.generation;
    const processes: ProcessInfo[] = [];
    const threads = request.threads === true;
    let unreadable = pids === null ? 1 : 0;
    for (let from = 0; pids !== null && from < pids.length; from += SLICE) {
      if (from > 0) await yieldToEventLoop();
      unreadable += this.readSlice(pids, from, Math.min(pids.length, from + SLICE), generation, processes, threads);
    }
    this.forgetUnseen(generation);
    // Stamped halfway through the reading: a process is read at most half its length from the
    // stamp, where a stamp before it put a slow first reading's last processes its whole length away.
    const half = (performance.now() - start) / 2;
    const tasks = countTasks(processes, facts.procsRunning ?? null, facts.cpus.length);
    return { time: startTime + half, monotonic: start + half, ...facts, tasks, processes, unreadable, source: this.source, capabilities: this.capabilities };
  }

  /** The process table alone, synchronously: what the benchmark times against htop. */
  readProcesses(request: SampleRequest = {}): { processes: ProcessInfo[]; unreadable: number } {
    const pids = this.listPids();
    if (pids === null) return { processes: [], unreadable: 1 };
    const generation = ++this.generation;
    const processes: ProcessInfo[] = [];
    const unreadable = this.readSlice(pids, 0, pids.length, generation, processes, request.threads === true);
    this.forgetUnseen(generation);
    return { processes, unreadable };
  }

  wantDetails(details: ReadonlySet<ProcessDetail>): void {
    this.details = new Set(details);
  }

  /** The PIDs in /proc (or the TIDs in `dir`, a process's task folder), or null when it cannot be listed. */
  private listPids(dir = this.root): number[] | null {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return null;
    }
    const pids: number[] = [];
    for (const name of names) {
      const code = name.charCodeAt(0);
      if (code < 48 || code > 57) continue; // not a PID directory
      const pid = Number(name);
      if (Number.isInteger(pid)) pids.push(pid);
    }
    return pids;
  }

  /** Reads pids[start, end) into `out`, each process followed by its threads when asked; returns how many could not be read. */
  private readSlice(pids: readonly number[], start: number, end: number, generation: number, out: ProcessInfo[], threads: boolean): number {
    let unreadable = 0;
    for (let i = start; i < end; i++) {
      const result = this.readProcess(pids[i]!, generation);
      if (result === DENIED) unreadable++;
      else if (result !== GONE) {
        out.push(result);
        if (threads && result.threads > 1 && !result.kernelThread) this.readThreads(result, generation, out);
      }
    }
    return unreadable;
  }

  /**
   * The user threads of `owner` but its main one (whose TID is its PID: the process's own row),
   * as htop lists them. A thread that ends between the listing and its read is skipped, as is
   * the whole list when the process ends first.
   */
  private readThreads(owner: ProcessInfo, generation: number, out: ProcessInfo[]): void {
    const tids = this.listPids(`${this.root}/${owner.pid}/task`);
    if (tids === null) return;
    for (const tid of tids) {
      if (tid === owner.pid) continue;
      const result = this.readProcess(tid, generation, owner);
      if (typeof result === 'object') out.push(result);
    }
  }

  /** Drops what is cached for processes this sample did not see: they are gone. */
  private forgetUnseen(generation: number): void {
    // forEach, not for…of: the iterator makes a [pid, identity] pair per entry, every refresh.
    this.identities.forEach((identity, pid, identities) => {
      if (identity.seen !== generation) {
        this.release(identity);
        identities.delete(pid);
      }
    });
  }

  /** How many per-PID entries are cached: the soak test checks this stays bounded. */
  get cachedIdentities(): number {
    return this.identities.size;
  }

  /** Whether a PID's command line and user are cached (they must not be once it is gone). */
  isCached(pid: number): boolean {
    return this.identities.has(pid);
  }

  /** How many stat and statm files are open now (tests check they are released). */
  get openStatFiles(): number {
    return this.openFds;
  }

  close(): void {
    for (const identity of this.identities.values()) this.release(identity);
    this.identities.clear();
  }

  private release(identity: Identity): void {
    for (const fd of [identity.statFd, identity.statmFd]) {
      if (fd < 0) continue;
      closeProcFile(fd);
      this.openFds--;
    }
    identity.statFd = -1;
    identity.statmFd = -1;
  }

  /** The folder of a process, or with `owner` of its thread `pid`. */
  private dirOf(pid: number, owner: ProcessInfo | undefined): string {
    return owner ? `${this.root}/${owner.pid}/task/${pid}` : `${this.root}/${pid}`;
  }

  /** A stat or statm file: through the kept descriptor when there is one, else by path. */
  private readKept(pid: number, owner: ProcessInfo | undefined, identity: Identity | undefined, fd: number, file: 'stat' | 'statm'): ReadResult {
    if (identity && fd >= 0) {
      const text = readOpenProcFile(fd);
      if (typeof text === 'string') return text;
      // The process it was opened on is gone; the PID may name another one by now.
      this.release(identity);
    }
    return readProcFile(`${this.dirOf(pid, owner)}/${file}`);
  }

  /** Keeps `file` of a newly seen process open, while the budget lasts; -1 when not kept. */
  private keepOpen(dir: string, file: 'stat' | 'statm'): number {
    if (this.openFds >= this.fdBudget) return -1;
    const fd = openProcFile(`${dir}/${file}`);
    if (typeof fd !== 'number') return -1;
    this.openFds++;
    return fd;
  }

  /**
   * A process's row, or with `owner` the row of its thread `pid` (a TID). TIDs and PIDs are
   * one number space, so threads are cached by TID beside the processes.
   */
  private readProcess(pid: number, generation: number, owner?: ProcessInfo): ProcessInfo | typeof GONE | typeof DENIED {
    let identity = this.identities.get(pid);
    const statText = this.readKept(pid, owner, identity, identity?.statFd ?? -1, 'stat');
    if (typeof statText !== 'string') return statText;
    // stat's rss is a per-CPU counter's rough sum on Linux ≥ 6.2 (hundreds of KiB off); statm's
    // resident is what ps and htop show. A thread shares its process's memory: not read again.
    // A process whose stat line is as it was (no CPU tick, no page fault, the same size) has its
    // memory as it was too, but for what others do to it (reclaim, a sub-tick madvise): its statm
    // is read again every STATM_EVERY refreshes, PIDs spread over them, not every refresh.
    if (identity?.info && identity.statText === statText && (owner || (pid + generation) % STATM_EVERY !== 0)) {
      identity.seen = generation;
      if (this.details.size > 0) identity.info = this.withDetails(pid, identity, identity.info);
      return identity.info;
    }
    const statmText = owner ? '' : this.readKept(pid, owner, identity, identity?.statmFd ?? -1, 'statm');
    // Most processes are idle: their stat line (state, times, start time, name) and memory are the
    // same as a refresh ago, and so is everything shown of them. The previous object is given
    // again, unparsed and unallocated, which keeps a refresh's garbage to what changed.
    if (identity?.info && identity.statText === statText && identity.statmText === statmText) {
      identity.seen = generation;
      if (this.details.size > 0) identity.info = this.withDetails(pid, identity, identity.info);
      return identity.info;
    }
    const stat = parseProcStat(statText);
    if (!stat) return DENIED;
    if (statmText === GONE) return GONE;
    const statm = typeof statmText === 'string' ? parseStatm(statmText) : null;
    if (!identity || identity.startTicks !== stat.startTicks || identity.comm !== stat.comm || (owner !== undefined && identity.command !== owner.command)) {
      // A thread is its process's user and command line; only its name (comm) is its own.
      const dir = this.dirOf(pid, owner);
      const fresh = owner ? threadIdentity(owner, stat.comm, stat.startTicks) : this.readIdentity(dir, stat.comm, stat.startTicks, stat.ppid, pid);
      if (fresh === GONE || fresh === DENIED) return fresh;
      if (identity) this.release(identity);
      identity = fresh;
      this.identities.set(pid, identity);
      // Opened after the line was read: should the PID have been reused in between, the next
      // read shows another start time and the identity is read again, as for any exec.
      identity.statFd = this.keepOpen(dir, 'stat');
      identity.statmFd = owner ? -1 : this.keepOpen(dir, 'statm');
    }
    identity.seen = generation;
    const info: ProcessInfo = {
      pid,
      ppid: stat.ppid,
      uid: identity.uid,
      user: identity.user,
      state: stat.state,
      priority: stat.priority,
      nice: stat.nice,
      threads: stat.threads,
      vsz: stat.vsize,
      rss: owner ? owner.rss : statm ? statm.residentPages * PAGE_SIZE : Number.NaN,
      shared: owner ? owner.shared : statm ? statm.sharedPages * PAGE_SIZE : Number.NaN,
      startTime: startTimeFromTicks(stat.startTicks, this.bootTimeMs),
      cpuTime: (stat.utime + stat.stime) / CLK_TCK,
      processor: stat.processor,
      name: stat.comm,
      // A zombie's command line is gone (cmdline reads empty): shown as ps shows it.
      command: stat.state === 'Z' ? `[${stat.comm}] <defunct>` : identity.command,
      kernelThread: identity.kernelThread,
      pgrp: stat.pgrp,
      session: stat.session,
      tty: stat.ttyNr,
      tpgid: stat.tpgid,
      minorFaults: stat.minflt,
      majorFaults: stat.majflt,
      userTime: stat.utime / CLK_TCK,
      systemTime: stat.stime / CLK_TCK,
    };
    if (owner) info.threadOf = owner.pid;
    identity.statText = statText;
    identity.statmText = typeof statmText === 'string' ? statmText : '';
    identity.info = this.details.size > 0 ? this.withDetails(pid, identity, info) : info;
    return identity.info;
  }

  /**
   * `info` with the details the columns on screen need, each read now: the same object when
   * none changed since it was made, so an idle process still costs no new row.
   */
  private withDetails(pid: number, identity: Identity, info: ProcessInfo): ProcessInfo {
    const dir = info.threadOf === undefined ? `${this.root}/${pid}` : `${this.root}/${info.threadOf}/task/${pid}`;
    const read = (file: string, limit?: number): string | null => {
      const text = readProcFile(`${dir}/${file}`, limit);
      return typeof text === 'string' ? text : null;
    };
    const fresh: Partial<ProcessInfo> = {};
    const wanted = this.details;
    if (wanted.has('io')) {
      const text = read('io');
      const io = text === null ? { read: -1, write: -1 } : parseIoBytes(text);
      fresh.ioReadBytes = io.read;
      fresh.ioWriteBytes = io.write;
    }
    if (wanted.has('cgroup')) fresh.cgroup = parseCgroup(read('cgroup', CGROUP_LIMIT) ?? '');
    if (wanted.has('oom')) {
      const text = read('oom_score');
      fresh.oomScore = text === null ? -1 : parseInteger(text);
    }
    if (wanted.has('ctxt')) {
      const text = read('status');
      fresh.contextSwitches = text === null ? -1 : parseContextSwitches(text);
    }
    if (wanted.has('wchan')) fresh.wchan = parseWchan(read('wchan') ?? '');
    if (wanted.has('exe')) {
      if (identity.exe === undefined) {
        const link = readProcLink(`${dir}/exe`);
        identity.exe = typeof link === 'string' ? link : '';
      }
      fresh.exe = identity.exe;
    }
    let same = true;
    for (const key in fresh) if (fresh[key as keyof ProcessInfo] !== info[key as keyof ProcessInfo]) same = false;
    return same ? info : { ...info, ...fresh };
  }

  private readIdentity(dir: string, comm: string, startTicks: number, ppid: number, pid: number): Identity | typeof GONE | typeof DENIED {
    const status = readProcFile(`${dir}/status`);
    if (status === GONE) return GONE;
    const uid = typeof status === 'string' ? parseStatusUid(status) : -1;
    // Whole, as ps -ww shows it (JSON and the details give it all); only the screen cuts it.
    const cmdlineText = readWholeProcFile(`${dir}/cmdline`);
    if (cmdlineText === GONE) return GONE;
    const cmdline = typeof cmdlineText === 'string' ? parseCmdline(cmdlineText) : '';
    // Kernel threads have no command line and descend from kthreadd (PID 2); zombies also have
    // none. Both are shown by name in brackets, as ps does.
    const kernelThread = cmdline === '' && (pid === 2 || ppid === 2);
    return {
      startTicks,
      comm,
      uid,
      user: this.users.name(uid),
      command: cmdline === '' ? `[${comm}]` : cmdline,
      kernelThread,
      ...unread(),
    };
  }
}

function threadIdentity(owner: ProcessInfo, comm: string, startTicks: number): Identity {
  return {
    startTicks,
    comm,
    uid: owner.uid,
    user: owner.user,
    command: owner.command,
    kernelThread: false,
    ...unread(),
  };
}

/** A new identity's reading state: not yet seen, nothing read, no descriptor kept. */
function unread(): Pick<Identity, 'seen' | 'statText' | 'statmText' | 'info' | 'statFd' | 'statmFd'> {
  return { seen: 0, statText: '', statmText: '', info: null, statFd: -1, statmFd: -1 };
}
