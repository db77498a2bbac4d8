// `pooltop run -- CMD ARGS…`: the program pooltop starts as its child, in a process group of its
// own, and how it ended — exit status or signal, and bash's `time` figures for it and everything
// below it.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync } from 'node:fs';
import { constants } from 'node:os';
import { sanitizeText } from '../model/sanitize.js';
import { readProcessIdentity } from '../platform/process-identity.js';
import { readReapedChildrenCpu, readStartTicks } from '../platform/process-stat.js';
import { startTimeFromTicks } from '../platform/start-time.js';
import { checkGroup, sendToGroup, type GroupMember } from '../signals/process-group.js';
import { lookupSignal, type SignalInfo } from '../signals/signal-table.js';

/** What the program printed is kept to this many bytes (the end of it), and printed when pooltop exits. */
const OUTPUT_LIMIT = 64 * 1024;

/** How long a program that outlives the monitor has between SIGTERM to its group and SIGKILL. */
const STOP_GRACE_MS = 2000;

export interface ProgramEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  realMs: number;
  /** Its CPU and that of every descendant it (or they) waited for; null without /proc. */
  userMs: number | null;
  systemMs: number | null;
  /** Children of pooltop other than this program (pool workers) reaped during its run: their CPU is in the figures too. */
  othersReaped: number;
}

export interface RunningProgram {
  pid: number;
  /** As ProcessInfo.startTime from /proc; 0 when /proc cannot tell. */
  startTime: number;
  /** The command line, made safe to print. */
  label: string;
  ended: Promise<ProgramEnd>;
  /** The end of what it wrote to stdout and stderr. */
  output(): string;
  /**
   * Ends what is left of the program when the monitor quits: SIGTERM to its process group (the
   * program, and any of its processes that outlived it, such as a pool's workers), SIGKILL to
   * what is left after STOP_GRACE_MS. Resolves once the program has exited and the group is empty
   * (or the SIGKILL was sent).
   */
  stop(): Promise<ProgramEnd>;
  /** The last resort of every way out (a process 'exit' handler): SIGKILL to its group now, if it has members. */
  killNow(): void;
}

/** Counts pool workers reaped while the program runs, so the report can say its figures include them. */
export interface ReapCounter {
  reaped(): number;
}

export interface StartOptions {
  /** What the program is called in messages, instead of its file and arguments (made safe to print here). */
  label?: string;
  /** A file descriptor its stdout and stderr go to, instead of being kept; pooltop's copy is closed once it started. */
  outputFd?: number;
}

/**
 * Starts `file` with `args` (no shell: as execvp finds it) in a new session and process group of
 * its own (Node's `detached`: setsid), so that the group can be signalled whole (the signal
 * menu's `g`, as Ctrl-C would) without reaching pooltop, and pooltop's terminal keystrokes do not
 * reach it. Its stdin is /dev/null; what it prints is kept (or goes to `options.outputFd`).
 * Rejects with a one-line reason when it cannot be started (not found, not executable).
 */
export function startProgram(
  file: string,
  args: readonly string[],
  others: ReapCounter = { reaped: () => 0 },
  options: StartOptions = {},
): Promise<RunningProgram> {
  const label = sanitizeText(options.label ?? [file, ...args].join(' ')).slice(0, 200);
  const cpu0 = readReapedChildrenCpu();
  const others0 = others.reaped();
  const wall0 = performance.now();
  let child: ChildProcess;
  try {
    const out = options.outputFd ?? 'pipe';
    child = spawn(file, args, { detached: true, stdio: ['ignore', out, out] });
  } catch (error) {
    return Promise.reject(new Error(`cannot run ${label}: ${(error as Error).message}`));
  } finally {
    // The child has its own copy now (or never will): pooltop's would keep the file open for nothing.
    if (options.outputFd !== undefined) closeSync(options.outputFd);
  }
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const ended = new Promise<ProgramEnd>((resolve) => {
    child.once('exit', (code, signal) => {
      const realMs = performance.now() - wall0;
      const cpu = readReapedChildrenCpu();
      resolve({
        code,
        signal,
        realMs,
        userMs: cpu && cpu0 ? cpu.userMs - cpu0.userMs : null,
        systemMs: cpu && cpu0 ? cpu.systemMs - cpu0.systemMs : null,
        othersReaped: others.reaped() - others0,
      });
    });
  });
  return new Promise((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return;
      const why = error.code === 'ENOENT' ? 'command not found' : error.code === 'EACCES' ? 'permission denied' : (error.code ?? error.message);
      reject(new Error(`cannot run ${label}: ${why}`));
    });
    child.once('spawn', () => {
      const pid = child.pid!;
      const ticks = readStartTicks(pid);
      const startTime = ticks === null ? 0 : startTimeFromTicks(ticks);
      let stopping: Promise<ProgramEnd> | null = null;
      const stop = (): Promise<ProgramEnd> => {
        stopping ??= (async () => {
          // While any process of the group is left its ID cannot be given to a new process, so
          // the group is still the program's (and checkGroup refuses one that holds pooltop).
          signalGroup(pid, startTime, 'SIGTERM');
          const deadline = performance.now() + STOP_GRACE_MS;
          while (groupOf(pid, startTime, lookupSignal('SIGTERM')!) !== null && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
          signalGroup(pid, startTime, 'SIGKILL');
          return ended;
        })();
        return stopping;
      };
      resolve({
        pid,
        startTime,
        label,
        ended,
        output: () => output,
        stop,
        killNow: () => signalGroup(pid, startTime, 'SIGKILL'),
      });
    });
  });
}

/**
 * The program's group as /proc lists it now, or null when it is empty or not the program's. A
 * group ID stays taken while any process is in the group, so a group with members is the one the
 * program led — unless the program was reaped, the group emptied and its PID went to a process
 * that made a group of its own: that one leads it, with another start time, and is left alone.
 */
function groupOf(pgid: number, startTime: number, signal: SignalInfo): GroupMember[] | null {
  const group = checkGroup(pgid, signal);
  if (!group.ok || !group.members.some(running)) return null;
  const leader = group.members.find((m) => m.pid === pgid);
  return leader === undefined || startTime === 0 || leader.startTime === startTime ? group.members : null;
}

/** Its whole group, checked as the signal menu's group send is (and again just before the kill). */
function signalGroup(pgid: number, startTime: number, name: 'SIGTERM' | 'SIGKILL'): void {
  const signal = lookupSignal(name)!;
  // The group is sent to only as it was listed; a program still starting its children changes it
  // between the listing and the send (refused as "changed"): list it again, a few times.
  for (let attempt = 0; attempt < 5; attempt++) {
    const members = groupOf(pgid, startTime, signal);
    if (members === null || sendToGroup(pgid, name, members).status !== 'reused') return;
  }
}

const running = (member: GroupMember): boolean => {
  const state = readProcessIdentity(member.pid);
  return typeof state === 'object' && state.state !== 'Z' && state.state !== 'X';
};

/** "exited with status 0", "was killed by SIGINT (2)". */
export function endText(end: Pick<ProgramEnd, 'code' | 'signal'>): string {
  if (end.signal !== null) return `was killed by ${end.signal} (${constants.signals[end.signal] ?? '?'})`;
  return `exited with status ${end.code ?? '?'}`;
}

/** bash's `time` format: 0m1.234s. */
export function timeText(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${(seconds - minutes * 60).toFixed(3)}s`;
}

/** What `pooltop run` prints on stderr when it exits: how the program ended, then real/user/sys as bash's `time`. */
export function runReport(label: string, pid: number, end: ProgramEnd): string {
  const cpu = (ms: number | null): string => (ms === null ? '?' : timeText(ms));
  const lines = [`pooltop run: PID ${pid} ${label} ${endText(end)}`, `real\t${timeText(end.realMs)}`, `user\t${cpu(end.userMs)}`, `sys\t${cpu(end.systemMs)}`];
  if (end.userMs === null) lines.push('(user and sys need /proc: this system has none)');
  if (end.othersReaped > 0) lines.push(`(user and sys include ${end.othersReaped} pool worker${end.othersReaped > 1 ? 's' : ''} that exited during the run)`);
  return `${lines.join('\n')}\n`;
}

/** The exit status `pooltop run` gives back: the program's, or 128 + the signal's number, as a shell does. */
export function exitStatusOf(end: Pick<ProgramEnd, 'code' | 'signal'>): number {
  if (end.signal !== null) return 128 + (constants.signals[end.signal] ?? 0);
  return end.code ?? 1;
}
