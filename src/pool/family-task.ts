// The lab's two-level workload, run in a worker: start one child process (`sleep`) and wait for
// it, as a shell does with `sleep 8 & wait`, so a task is a tree pooltop → worker → child.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { readStartTicks } from '../platform/process-stat.js';

/** What the worker tells pooltop about the child it just started. */
export interface FamilyChildStart {
  pid: number;
  /** /proc/[pid]/stat field 22 (clock ticks after boot): tells it from a later process with its PID; null without /proc. */
  startTicks: number | null;
  /** Its command line, as the process table will show it. */
  command: string;
  /** The kernel SIGKILLs it when its worker dies (a parent-death signal set through setpriv). */
  diesWithWorker: boolean;
}

export interface FamilyRun {
  /** The child, so the worker can end it when it must leave itself. */
  child: ChildProcess;
  /** The value of the task ("child 1234 exit 0"); rejects when the child failed or was killed. */
  done: Promise<string>;
}

/** Where a real `sleep` and a shell are: the child should be the seed's plain `sleep`, found without PATH. */
const SLEEP = ['/bin/sleep', '/usr/bin/sleep'].find((path) => existsSync(path)) ?? null;
const SH = ['/bin/sh', '/usr/bin/sh'].find((path) => existsSync(path)) ?? null;

/**
 * The gate a child passes before it becomes `sleep`: it waits for one line on stdin, which the
 * worker writes only once pooltop has been told of the child. A worker killed in between (after
 * its fork, before its report) closes the pipe by dying, `read` meets end of file and the child
 * exits at once, so no child pooltop never heard of can be left running. The parent check covers
 * a worker that wrote the line and died before setpriv had set the parent-death signal (the
 * kernel then has no death left to signal; POSIX sh sets PPID as it starts, after setpriv ran).
 * `exec` keeps the PID and start time the worker reported.
 */
const GATE = 'read -r go || exit 1; [ "$PPID" = "$2" ] || exit 1; exec sleep "$1"';

export interface FamilyCommand {
  file: string;
  args: string[];
  /** What the process table shows once it runs: "sleep 8". */
  command: string;
  /** Waits for a line on stdin before it sleeps (see GATE). */
  gated: boolean;
  /** Started through setpriv --pdeathsig KILL: it dies with the process that started it. */
  diesWithParent: boolean;
  /** sh finds this sleep first (PATH is only prefixed). */
  env?: NodeJS.ProcessEnv;
}

/**
 * `sleep 8` for 8000 ms (`sleep 0.25` for 250): GNU, busybox and BSD sleep take fractions.
 * With `setpriv` (its path) the child is started through `setpriv --pdeathsig KILL`, which sets
 * the signal and execs the rest in the same process: fork cleared the worker's own, and a worker
 * that is SIGKILLed cannot end its child itself. `parentPid` is the process that will start it.
 */
export function familyCommand(ms: number, setpriv: string | null = null, parentPid = process.pid): FamilyCommand {
  const seconds = String(Math.max(0, Math.round(ms)) / 1000);
  const command = `sleep ${seconds}`;
  const through = (file: string, args: string[]): { file: string; args: string[]; diesWithParent: boolean } =>
    setpriv === null ? { file, args, diesWithParent: false } : { file: setpriv, args: ['--pdeathsig', 'KILL', file, ...args], diesWithParent: true };
  if (SLEEP !== null && SH !== null) {
    const env = { ...process.env, PATH: `${dirname(SLEEP)}${process.env['PATH'] ? `:${process.env['PATH']}` : ''}` };
    return { ...through(SH, ['-c', GATE, 'sh', seconds, String(parentPid)]), command, gated: true, env };
  }
  if (SLEEP !== null) return { ...through(SLEEP, [seconds]), command, gated: false };
  // No sleep binary (a minimal image): a tiny node script that only waits, titled like sleep.
  const script = `process.title = 'sleep ${seconds}'; setTimeout(() => {}, ${Math.round(ms)})`;
  return { ...through(process.execPath, ['-e', script]), command, gated: false };
}

/** What waiting for the child returned, as a task's value; a child that did not exit 0 is an error. */
export function familyOutcome(pid: number, code: number | null, signal: NodeJS.Signals | null): string {
  if (signal !== null) throw new Error(`its child ${pid} was killed by ${signal}`);
  if (code !== 0) throw new Error(`its child ${pid} exited with status ${String(code)}`);
  return `child ${pid} exit 0`;
}

/**
 * Starts the child (in the worker's process group, without stdout or stderr) and calls `announce`
 * at once, so pooltop hears of it while it runs. With `setpriv` it dies with the worker (see
 * familyCommand); without, fork has cleared the worker's parent-death signal and a SIGKILLed
 * worker leaves it behind, an orphan. The child goes on to sleep when `announce` calls `go`
 * (once the report is on its way); `go(false)` ends it instead.
 */
export function runFamilyTask(ms: number, announce: (child: FamilyChildStart, go: (ok: boolean) => void) => void, setpriv: string | null = null): FamilyRun {
  const { file, args, command, gated, diesWithParent, env } = familyCommand(ms, setpriv);
  const child = spawn(file, args, { stdio: [gated ? 'pipe' : 'ignore', 'ignore', 'ignore'], ...(env ? { env } : {}) });
  // EPIPE when the child is gone before its line: its exit is reported anyway.
  child.stdin?.on('error', () => {});
  const done = new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      try {
        resolve(familyOutcome(child.pid ?? 0, code, signal));
      } catch (error) {
        reject(error as Error);
      }
    });
  });
  const go = (ok: boolean): void => {
    if (child.stdin === null) return;
    if (ok) child.stdin.end('go\n');
    else child.stdin.end();
  };
  const pid = child.pid;
  if (pid !== undefined) announce({ pid, startTicks: readStartTicks(pid), command, diesWithWorker: diesWithParent }, go);
  else go(false);
  return { child, done };
}
