// Sending a signal to one of the pool's own children, and only to one that cannot be a reused PID.
import type { ChildProcess } from 'node:child_process';

export type SignalOutcome = 'sent' | 'not-a-worker' | 'gone' | 'not-permitted';

/** A PID the pool may ever signal: never 0 (our group), 1 (init), negative (a group / everyone) or us. */
export function isSignalablePid(pid: unknown): pid is number {
  return typeof pid === 'number' && Number.isInteger(pid) && pid >= 2 && pid !== process.pid;
}

/**
 * Signals `child`, a process this pool forked, through its ChildProcess handle: until Node reaps
 * a child (and sets exitCode or signalCode) its PID cannot be reused, and ChildProcess.kill()
 * sends nothing once it has. The only process.kill in src/ stays in src/signals/send-signal.ts.
 */
export function signalChild(child: ChildProcess, signal: NodeJS.Signals): SignalOutcome {
  const pid = child.pid;
  if (!isSignalablePid(pid)) return 'not-a-worker';
  if (child.exitCode !== null || child.signalCode !== null) return 'gone';
  try {
    return child.kill(signal) ? 'sent' : 'gone';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? 'not-permitted' : 'gone';
  }
}
