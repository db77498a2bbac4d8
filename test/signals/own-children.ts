// Processes the signal tests start, and the cleanup that ends every one of them by PID.
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { parseProcStat } from '../../src/platform/parse-proc.js';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** /proc/[pid]/stat's state letter and start ticks, or null once the PID is gone. */
export function procState(pid: number): { state: string; startTicks: number } | null {
  try {
    const stat = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return stat ? { state: stat.state, startTicks: stat.startTicks } : null;
  } catch {
    return null;
  }
}

/** The parent of `pid` from /proc/[pid]/stat, read without pooltop's parser; 0 once it is gone. */
export function parentOf(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

export async function sleepMs(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `test` holds or `timeoutMs` passes; returns whether it held. */
export async function waitUntil(test: () => boolean, timeoutMs = 2000, stepMs = 10): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (test()) return true;
    if (Date.now() > end) return false;
    await sleepMs(stepMs);
  }
}

export class OwnChildren {
  private readonly children: ChildProcess[] = [];
  /** Processes started by our children (grandchildren), by PID and start ticks, so a reused PID is never hit. */
  private readonly others = new Map<number, number>();

  spawn(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess & { pid: number } {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
    this.children.push(child);
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    return child as ChildProcess & { pid: number };
  }

  /** Remembers a process one of our children started, so cleanup can end it too. */
  adopt(pid: number): void {
    const now = procState(pid);
    if (now) this.others.set(pid, now.startTicks);
  }

  /** Resolves when the child has exited (and Node has reaped it). */
  async exited(child: ChildProcess): Promise<Exit> {
    if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    return { code, signal };
  }

  /** Ends everything still running: grandchildren first (checked by start time), then children. */
  async cleanup(): Promise<void> {
    for (const [pid, startTicks] of this.others) {
      // Only a PID that still names the process we saw, never below 2, never ourselves.
      if (pid < 2 || pid === process.pid || procState(pid)?.startTicks !== startTicks) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited in between
      }
    }
    this.others.clear();
    for (const child of this.children) {
      // ChildProcess.kill signals only a child Node has not yet reaped, so its PID is still ours.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      child.stdin?.destroy();
    }
    await Promise.all(this.children.map((child) => this.exited(child)));
    this.children.length = 0;
  }
}

/** Resolves with the first line the child prints, or rejects after `timeoutMs`. */
export async function firstLine(child: ChildProcess, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no output within ${timeoutMs} ms`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(text.slice(0, end));
      }
    });
  });
}
