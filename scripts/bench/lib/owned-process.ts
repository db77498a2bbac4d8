// A process the bench started but does not hold a ChildProcess for (a program in a tmux pane, the
// tmux server): remembered by PID and start time, so a signal never reaches a process that has
// since taken over the PID.
import { setTimeout as sleep } from 'node:timers/promises';
import { processState, startTicks } from './proc-stat.js';

export class OwnedProcess {
  private readonly started: number | null;

  constructor(readonly pid: number) {
    if (!Number.isInteger(pid) || pid < 2) throw new Error(`bench: refusing to track PID ${pid}`);
    this.started = startTicks(pid);
  }

  /** Still running as the same process; a zombie has ended (its parent has yet to reap it). */
  get alive(): boolean {
    return this.started !== null && startTicks(this.pid) === this.started && processState(this.pid) !== 'Z';
  }

  /** Sends the signal only if the PID still names the process that was started; true if sent. */
  signal(signal: NodeJS.Signals): boolean {
    if (!this.alive) return false;
    try {
      process.kill(this.pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  /** Waits up to `ms` for the process to end; true if it did. */
  async waitForExit(ms: number): Promise<boolean> {
    const deadline = performance.now() + ms;
    while (this.alive) {
      if (performance.now() > deadline) return false;
      await sleep(25);
    }
    return true;
  }
}
