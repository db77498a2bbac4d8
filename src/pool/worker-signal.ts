// Sending a signal to one of the pool's own children, and only to one that cannot be a reused PID.
import type { ChildProcess } from 'node:child_process';

export type SignalOutcome = 'sent' | 'not-a-worker' | 'gone' | 'not-permitted';

/** A PID the pool may ever signal: never 0 (our group), 1 (init), negative (a group / everyone) or us. */
export function isSignalablePid(pid: unknown): pid is number {
  return typeof pid === 'number' && Number.isInteger(pid) && pid >= 2 && pid !== process.pid;
}

/**
 * Signals `child`, a process this pool forked. Until Node reaps a child (and sets exitCode or
 * signalCode) its PID cannot be reused, so checking that first makes the PID safe to signal.
 */
export function signalChild(child: ChildProcess, signal: NodeJS.Signals): SignalOutcome {
  const pid = child.pid;
  if (!isSignalablePid(pid)) return 'not-a-worker';
  if (child.exitCode !== null || child.signalCode !== null) return 'gone';
  try {
    process.kill(pid, signal);
    return 'sent';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? 'not-permitted' : 'gone';
  }
}
