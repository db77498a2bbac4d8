// What the pool keys do (the `w` menu, `W`): start, grow, shrink, pause, resume, stop and kill the
// pool and choose its workload, through the pool manager; every outcome a message.
import os from 'node:os';
import type { PoolPhase, PoolSnapshot } from '../pool/pool-snapshot.js';
import type { WorkloadChoice } from '../pool/task.js';
import type { AppStore } from './app-store.js';

/** The parts of the pool manager the monitor drives (src/pool/pool-manager.ts). */
export interface PoolControl {
  readonly state: PoolPhase;
  start(n: number, options?: { trap?: boolean; stream?: boolean | WorkloadChoice }): Promise<void>;
  /** Resolves with the new worker's PID; rejects saying why there is none. */
  addWorker(options?: { trap?: boolean }): Promise<number>;
  removeWorker(): number | null;
  pauseAll(): number;
  resumeAll(): number;
  stop(): Promise<void>;
  kill(): Promise<void>;
  setWorkload(choice: WorkloadChoice): void;
  startStream(choice?: WorkloadChoice): void;
  snapshot(now?: number): PoolSnapshot;
}

/** The workloads the menu offers, with how the lab describes them. */
export const WORKLOAD_CHOICES: readonly { choice: WorkloadChoice; label: string }[] = [
  { choice: { workload: 'primes', method: 'naive' }, label: "primes, naive: the seed's next_prime, divisors 2…p−1 (CPU-bound)" },
  { choice: { workload: 'primes', method: 'sqrt' }, label: 'primes, √p: divisors up to √p only (CPU-bound, short tasks)' },
  { choice: { workload: 'sumsq' }, label: "sum of squares: the seed's cpu_bound(n) (CPU-bound)" },
  { choice: { workload: 'sleep' }, label: 'sleep: waits without using the CPU (I/O-bound)' },
  { choice: { workload: 'family' }, label: 'family: each task starts a child process and waits for it' },
  { choice: { workload: 'threads' }, label: 'threads: 4 threads, one shared counter, no lock: updates are lost' },
  { choice: { workload: 'threads-atomic' }, label: 'threads, Atomics: the same counter, each add indivisible: exact' },
  { choice: { workload: 'deadlock' }, label: 'deadlock: two threads, two locks, opposite order: both wait for good' },
  { choice: { workload: 'semaphore' }, label: 'semaphore: 6 threads, 2 permits: at most 2 hold one at once' },
  { choice: { workload: 'pipeline' }, label: 'pipeline: a fast writer, a slow reader, one pipe: the writer blocks' },
  { choice: { workload: 'zombie' }, label: 'zombie: the child leaves its own child unreaped (Z, <defunct>)' },
];

export type PoolMenuEntry =
  | { kind: 'start' }
  | { kind: 'add' }
  | { kind: 'remove' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'stop' }
  | { kind: 'kill' }
  | { kind: 'trap' }
  | { kind: 'workload'; choice: WorkloadChoice; label: string };

export const POOL_MENU: readonly PoolMenuEntry[] = [
  { kind: 'start' },
  { kind: 'add' },
  { kind: 'remove' },
  { kind: 'pause' },
  { kind: 'resume' },
  { kind: 'stop' },
  { kind: 'kill' },
  { kind: 'trap' },
  ...WORKLOAD_CHOICES.map(({ choice, label }) => ({ kind: 'workload' as const, choice, label })),
];

export function defaultPoolSize(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

export function sameChoice(a: WorkloadChoice, b: WorkloadChoice | null | undefined): boolean {
  return !!b && a.workload === b.workload && (a.method ?? 'naive') === (b.method ?? 'naive');
}

export function describeChoice(choice: WorkloadChoice): string {
  switch (choice.workload) {
    case 'primes':
      return `primes (${choice.method === 'sqrt' ? '√p' : 'naive'})`;
    case 'sumsq':
      return 'sum of squares';
    case 'sleep':
      return 'sleep';
    case 'family':
      return 'family (worker → child)';
    case 'zombie':
      return 'zombie (worker → child → unreaped zombie)';
    case 'threads':
      return 'threads (shared counter, unsynchronised)';
    case 'threads-atomic':
      return 'threads (shared counter, Atomics)';
    case 'deadlock':
      return 'deadlock (two threads, two locks)';
    case 'semaphore':
      return 'semaphore (6 threads, 2 permits)';
    case 'pipeline':
      return 'pipeline (writer → pipe → slow reader)';
  }
}

/** Runs a menu entry with the store's pool plan. Returns nothing: results arrive as messages and pool snapshots. */
export async function runPoolEntry(store: AppStore, pool: PoolControl, entry: PoolMenuEntry): Promise<void> {
  const say = (text: string, level: 'info' | 'warn' | 'error' = 'info') => store.getState().notify(text, level);
  const plan = store.getState().poolPlan;
  const running = pool.state === 'running';
  switch (entry.kind) {
    case 'start': {
      if (running) return say('a pool is already running: add or remove workers, or stop it first', 'warn');
      if (pool.state === 'stopping') return say('the pool is still stopping; try again in a moment', 'warn');
      const n = defaultPoolSize();
      say(`starting ${n} workers on ${describeChoice(plan.workload)}${plan.trap ? ', catching SIGTERM and SIGINT' : ''}…`);
      try {
        await pool.start(n, { trap: plan.trap, stream: plan.workload });
        say(`pool started: ${n} workers on ${describeChoice(plan.workload)}`);
      } catch (error) {
        say(`pool did not start: ${error instanceof Error ? error.message : String(error)}`, 'error');
      }
      return;
    }
    case 'add': {
      if (!running) return say('no pool running: choose "Start a pool" first', 'warn');
      try {
        return say(`added a worker: PID ${await pool.addWorker({ trap: plan.trap })}`);
      } catch (error) {
        return say(`could not add a worker: ${error instanceof Error ? error.message : String(error)}`, 'warn');
      }
    }
    case 'remove': {
      if (!running) return say('no pool running', 'warn');
      const pid = pool.removeWorker();
      return say(pid ? `removing worker PID ${pid} (it finishes its task first)` : 'no worker to remove', pid ? 'info' : 'warn');
    }
    case 'pause':
      if (!running) return say('no pool running', 'warn');
      return say(`paused ${pool.pauseAll()} workers (SIGSTOP): state T, no new tasks`);
    case 'resume':
      if (!running) return say('no pool running', 'warn');
      return say(`resumed ${pool.resumeAll()} workers (SIGCONT)`);
    case 'stop':
      if (!running) return say('no pool running', 'warn');
      say('stopping the pool: SIGTERM to every worker…');
      await pool.stop();
      return say('pool stopped: every worker has exited');
    case 'kill':
      if (pool.state !== 'running' && pool.state !== 'stopping') return say('no pool running', 'warn');
      await pool.kill();
      return say('pool killed: SIGKILL to every worker');
    case 'trap': {
      const trap = !plan.trap;
      store.getState().setPoolPlan({ trap });
      return say(
        trap
          ? 'new workers catch and ignore SIGTERM and SIGINT (only SIGKILL ends them): start a pool or add a worker'
          : 'new workers end on SIGTERM and SIGINT as usual',
      );
    }
    case 'workload':
      store.getState().setPoolPlan({ workload: entry.choice });
      if (running) pool.setWorkload(entry.choice);
      return say(`workload: ${describeChoice(entry.choice)}${running ? ' (from the next task on)' : ''}`);
  }
}
