// Thousands of extra idle processes for the bench to sample: `sleep` children started in batches,
// each held as a ChildProcess (so it is signalled by its own PID, and never after it was reaped),
// each with a parent-death signal so even a SIGKILLed bench leaves none behind.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setImmediate as setImmediatePromise, setTimeout as sleep } from 'node:timers/promises';
import { onCleanup } from './cleanup.js';
import { commandName, parentPid } from './proc-stat.js';

const BATCH = 100;
/** Long enough for any bench; the parent-death signal (or the cleanup) ends them much sooner. */
const SLEEP_SECONDS = '100000';

export interface IdleProcesses {
  readonly pids: readonly number[];
  /** How many of them /proc shows alive as `sleep` children of the bench right now. */
  countAlive(): number;
  /** Kills them all (SIGKILL, by PID) and waits until /proc shows none; returns how many remain. */
  stop(): Promise<number>;
}

export async function startIdleProcesses(count: number): Promise<IdleProcesses> {
  // setpriv (util-linux) sets PR_SET_PDEATHSIG and then execs sleep in the same process.
  const guarded = existsSync('/usr/bin/setpriv') && spawnSync('setpriv', ['--help'], { stdio: 'ignore' }).status === 0;
  const [command, args] = guarded ? ['setpriv', ['--pdeathsig', 'KILL', 'sleep', SLEEP_SECONDS]] : ['sleep', [SLEEP_SECONDS]];
  const children: ChildProcess[] = [];
  const exited = new Set<ChildProcess>();
  const killAll = (): void => {
    for (const child of children) if (!exited.has(child)) child.kill('SIGKILL');
  };
  const unregister = onCleanup(killAll);

  try {
    while (children.length < count) {
      const batch: Promise<void>[] = [];
      for (let i = 0; i < BATCH && children.length < count; i++) {
        const child = spawn(command, args as string[], { stdio: 'ignore' });
        children.push(child);
        child.once('exit', () => exited.add(child));
        batch.push(
          new Promise((resolve, reject) => {
            child.once('spawn', resolve);
            child.once('error', reject);
          }),
        );
      }
      await Promise.all(batch);
      // 'spawn' is emitted on nextTick, so without this the loop never reaches the event loop
      // and a SIGINT would wait until every process had been started.
      await setImmediatePromise();
    }
  } catch (error) {
    killAll();
    unregister();
    throw error;
  }

  const pids = children.map((child) => child.pid).filter((pid): pid is number => pid !== undefined);
  const isIdleChild = (pid: number) => parentPid(pid) === process.pid && commandName(pid) === 'sleep';
  const countAlive = () => pids.filter(isIdleChild).length;

  // setpriv execs sleep right after the spawn event: wait until every child shows as `sleep`.
  const deadline = performance.now() + 10_000;
  while (countAlive() < count && performance.now() < deadline) await sleep(50);

  return {
    pids,
    countAlive,
    async stop() {
      killAll();
      const until = performance.now() + 10_000;
      while (exited.size < children.length && performance.now() < until) await sleep(25);
      unregister();
      return countAlive();
    },
  };
}
