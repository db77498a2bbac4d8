// The Linux process table read straight from /proc: one read of /proc/[pid]/stat per process per
// refresh (through a descriptor kept open, for the first FD_BUDGET processes); status (for the
// UID) and cmdline only when a process is first seen or has exec'd.
import { readdirSync, readFileSync } from 'node:fs';
import { CLK_TCK, PAGE_SIZE } from '../platform/kernel-units.js';
import { parseCmdline, parseProcStat, parseStatusUid } from '../platform/parse-proc.js';
import { closeProcFile, DENIED, GONE, openProcFile, readOpenProcFile, readProcFile, type ReadResult } from '../platform/proc-file.js';
import { PROC_ROOT } from '../platform/procfs.js';
import { readBootTimeMs, startTimeFromTicks } from '../platform/start-time.js';
import { countTasks } from './count-tasks.js';
import { ProcSystemFacts } from './system-facts.js';
import type { ProcessInfo, Sample, Sampler, SourceCapabilities } from './types.js';
import { UserNames } from './user-names.js';

/** Start times by the platform's formula over /proc's own ticks, as the PID-reuse check reads them; CPU time. */
const PROCFS_CAPABILITIES: SourceCapabilities = { startTimePrecisionMs: 0, cpuTime: true };
/** Bytes of a command line kept: enough for any screen, bounded for the pathological. */
const CMDLINE_LIMIT = 32 * 1024;
/** PIDs read between two turns of the event loop: a few milliseconds of work, so keys are never kept waiting. */
const SLICE = 200;
/**
 * Descriptors of /proc/[pid]/stat kept open between refreshes: a refresh then costs one pread per
 * process instead of open + read + close. At most this many, and at most a quarter of the
 * process's limit on open files, so pools, pipes and terminals always have room.
 */
const FD_BUDGET = 1024;

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

/** What is read once per process: it only changes on exec (which changes comm) or setuid. */
interface Identity {
  startTicks: number;
  comm: string;
  uid: number;
  user: string;
  command: string;
  kernelThread: boolean;
  /** The sample generation that last saw this PID: entries not seen are evicted. */
  seen: number;
  /** The last stat line read and what it gave: an unchanged line gives the same object again. */
  statText: string;
  info: ProcessInfo | null;
  /** An open descriptor of this process's stat file, or -1. */
  statFd: number;
}

export interface ProcfsOptions {
  /** Where procfs is mounted; tests point it elsewhere. */
  root?: string;
  passwdPath?: string;
  /** How many stat files may be kept open (default: see FD_BUDGET); 0 opens each every time. */
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

  constructor(options: ProcfsOptions = {}) {
    this.root = options.root ?? PROC_ROOT;
    this.users = new UserNames(options.passwdPath);
    this.facts = new ProcSystemFacts(this.root);
    this.fdBudget = options.fdBudget ?? defaultFdBudget();
    this.bootTimeMs = readBootTimeMs(this.root);
  }

  /**
   * The sample, read in slices of PIDs with the event loop let through between them, so a key
   * pressed during a refresh of thousands of processes is handled within a slice, not after the
   * whole read (docs/performance.md).
   */
  async sample(): Promise<Sample> {
    const facts = this.facts.readSync();
    const time = Date.now();
    const monotonic = performance.now();
    const pids = this.listPids();
    const generation = ++this.generation;
    const processes: ProcessInfo[] = [];
    let unreadable = pids === null ? 1 : 0;
    for (let start = 0; pids !== null && start < pids.length; start += SLICE) {
      if (start > 0) await yieldToEventLoop();
      unreadable += this.readSlice(pids, start, Math.min(pids.length, start + SLICE), generation, processes);
    }
    this.forgetUnseen(generation);
    return { time, monotonic, ...facts, tasks: countTasks(processes), processes, unreadable, source: this.source, capabilities: this.capabilities };
  }

  /** The process table alone, synchronously: what the benchmark times against htop. */
  readProcesses(): { processes: ProcessInfo[]; unreadable: number } {
    const pids = this.listPids();
    if (pids === null) return { processes: [], unreadable: 1 };
    const generation = ++this.generation;
    const processes: ProcessInfo[] = [];
    const unreadable = this.readSlice(pids, 0, pids.length, generation, processes);
    this.forgetUnseen(generation);
    return { processes, unreadable };
  }

  /** The PIDs in /proc, or null when it cannot be listed. */
  private listPids(): number[] | null {
    let names: string[];
    try {
      names = readdirSync(this.root);
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

  /** Reads pids[start, end) into `out`; returns how many could not be read. */
  private readSlice(pids: readonly number[], start: number, end: number, generation: number, out: ProcessInfo[]): number {
    let unreadable = 0;
    for (let i = start; i < end; i++) {
      const result = this.readProcess(pids[i]!, generation);
      if (result === DENIED) unreadable++;
      else if (result !== GONE) out.push(result);
    }
    return unreadable;
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

  /** How many stat files are open now (tests check they are released). */
  get openStatFiles(): number {
    return this.openFds;
  }

  close(): void {
    for (const identity of this.identities.values()) this.release(identity);
    this.identities.clear();
  }

  private release(identity: Identity): void {
    if (identity.statFd < 0) return;
    closeProcFile(identity.statFd);
    identity.statFd = -1;
    this.openFds--;
  }

  /** The stat line: through the kept descriptor when there is one, else by path. */
  private readStat(pid: number, identity: Identity | undefined): ReadResult {
    if (identity && identity.statFd >= 0) {
      const text = readOpenProcFile(identity.statFd);
      if (typeof text === 'string') return text;
      // The process it was opened on is gone; the PID may name another one by now.
      this.release(identity);
    }
    return readProcFile(`${this.root}/${pid}/stat`);
  }

  private readProcess(pid: number, generation: number): ProcessInfo | typeof GONE | typeof DENIED {
    let identity = this.identities.get(pid);
    const statText = this.readStat(pid, identity);
    if (typeof statText !== 'string') return statText;
    // Most processes are idle: their stat line (state, times, memory, start time, name) is the
    // same as a refresh ago, and so is everything shown of them. The previous object is given
    // again, unparsed and unallocated, which keeps a refresh's garbage to what changed.
    if (identity?.info && identity.statText === statText) {
      identity.seen = generation;
      return identity.info;
    }
    const stat = parseProcStat(statText);
    if (!stat) return DENIED;
    if (!identity || identity.startTicks !== stat.startTicks || identity.comm !== stat.comm) {
      const dir = `${this.root}/${pid}`;
      const fresh = this.readIdentity(dir, stat.comm, stat.startTicks, stat.ppid, pid);
      if (fresh === GONE || fresh === DENIED) return fresh;
      if (identity) this.release(identity);
      identity = fresh;
      this.identities.set(pid, identity);
      if (this.openFds < this.fdBudget) {
        // Opened after the line was read: should the PID have been reused in between, the next
        // read shows another start time and the identity is read again, as for any exec.
        const fd = openProcFile(`${dir}/stat`);
        if (typeof fd === 'number') {
          identity.statFd = fd;
          this.openFds++;
        }
      }
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
      rss: stat.rssPages * PAGE_SIZE,
      startTime: startTimeFromTicks(stat.startTicks, this.bootTimeMs),
      cpuTime: (stat.utime + stat.stime) / CLK_TCK,
      processor: stat.processor,
      name: stat.comm,
      command: identity.command,
      kernelThread: identity.kernelThread,
    };
    identity.statText = statText;
    identity.info = info;
    return info;
  }

  private readIdentity(dir: string, comm: string, startTicks: number, ppid: number, pid: number): Identity | typeof GONE | typeof DENIED {
    const status = readProcFile(`${dir}/status`);
    if (status === GONE) return GONE;
    const uid = typeof status === 'string' ? parseStatusUid(status) : -1;
    const cmdlineText = readProcFile(`${dir}/cmdline`, CMDLINE_LIMIT);
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
      seen: 0,
      statText: '',
      info: null,
      statFd: -1,
    };
  }
}
