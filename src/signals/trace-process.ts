// Attaching strace to a process (htop's `s`): after the same checks as a signal, and only to a
// process the user may trace (their own, or any as root). strace runs as pooltop's child with a
// parent-death signal, so it detaches (SIGINT) even if pooltop dies; Esc detaches it too.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readProcessDetails } from '../platform/process-details.js';
import { checkChangeTarget } from './process-change.js';
import type { SignalTarget } from './signal-outcome.js';

export interface TraceEvents {
  /** Lines strace printed (each system call, as strace writes it: untrusted text). */
  lines(lines: string[]): void;
  /** strace ended: how, in words. */
  ended(text: string): void;
}

export type TraceStart = { ok: true; trace: ProcessTrace } | { ok: false; text: string };

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path)) ?? null;

/** Whether `tool` (a name, or a path) is an executable file on PATH. */
function onPath(tool: string): boolean {
  if (tool.includes('/')) return existsSync(tool);
  return (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(`${dir}/${tool}`));
}

export class ProcessTrace {
  private stopped = false;
  private constructor(
    readonly pid: number,
    private readonly child: ChildProcess,
  ) {}

  /** Starts `strace -f -p PID`, or says why not (refused, not permitted, not installed). */
  static start(target: SignalTarget, events: TraceEvents, tool = 'strace', euid = process.geteuid?.() ?? 0): TraceStart {
    const checked = checkChangeTarget(target);
    if (!checked.ok) return { ok: false, text: checked.outcome.text };
    const { pid, label } = checked;
    const owner = readProcessDetails(pid)?.uid;
    if (euid !== 0 && owner && owner.real !== euid && owner.effective !== euid) {
      return { ok: false, text: `not permitted: you may trace only your own processes (${label} is another user's)` };
    }
    if (!onPath(tool)) return { ok: false, text: `${tool} is not installed (Debian: apt install strace)` };
    const args = ['-f', '-tt', '-s', '80', '-qq', '-p', String(pid)];
    const command = SETPRIV ? SETPRIV : tool;
    const argv = SETPRIV ? ['--pdeathsig', 'INT', tool, ...args] : args;
    const child = spawn(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    const trace = new ProcessTrace(pid, child);
    let partial = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      const text = partial + chunk;
      const cut = text.lastIndexOf('\n');
      partial = cut < 0 ? text : text.slice(cut + 1);
      // A line without an end is held, but not without bound (a call with a huge argument).
      if (partial.length > 4096) partial = partial.slice(0, 4096);
      if (cut >= 0) events.lines(text.slice(0, cut).split('\n'));
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      events.ended(error.code === 'ENOENT' ? `${tool} is not installed (Debian: apt install strace)` : `${tool} could not start (${error.code ?? 'error'})`);
    });
    child.on('exit', (code, signal) => {
      if (partial) events.lines([partial]);
      if (trace.stopped) events.ended(`detached from ${label}`);
      else if (code === 0) events.ended(`${label} exited`);
      else events.ended(`strace ended (${signal ?? `exit ${code}`}): not permitted, the process gone, or strace is missing`);
    });
    return { ok: true, trace };
  }

  /** Detaches: strace lets the process go on untraced when interrupted. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.child.kill('SIGINT');
  }
}
