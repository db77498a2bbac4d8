// Asking the kernel to SIGKILL a worker the moment pooltop dies, through util-linux's setpriv
// (`--pdeathsig`, prctl PR_SET_PDEATHSIG), which Node cannot call itself.
//
// A worker notices its parent's death by its IPC channel closing or its PPID changing, but only
// while it runs: a worker paused with SIGSTOP notices nothing. The kernel wakes stopped members
// of a process group that becomes orphaned, but pooltop's group does not always become one (under
// `sh -c`, `npm start` or a pipeline it already is), so a paused worker could stay behind. A
// parent-death signal is delivered whatever the worker's state, and SIGKILL ends even a stopped
// process. Where setpriv is missing (macOS, minimal images) workers start as plain forks.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Launcher {
  /** Run instead of node: setpriv, which sets the signal and then execs node in the same process. */
  execPath: string;
  /** Put before the worker's module: setpriv's options, then node itself. */
  execArgv: string[];
}

let cached: Launcher | null | undefined;

/** Where util-linux puts setpriv; found by path, never through PATH. */
export function findSetpriv(): string | null {
  if (process.platform !== 'linux') return null;
  return ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path)) ?? null;
}

/** The launcher to fork workers with, or null when this system has no working setpriv. */
export function parentDeathLauncher(): Launcher | null {
  if (cached !== undefined) return cached;
  cached = null;
  const setpriv = findSetpriv();
  if (!setpriv) return cached;
  // Old util-linux versions have setpriv without --pdeathsig: try it once.
  const probe = spawnSync(setpriv, ['--pdeathsig', 'KILL', process.execPath, '-e', '0'], { stdio: 'ignore', timeout: 5000 });
  if (probe.status === 0) cached = { execPath: setpriv, execArgv: ['--pdeathsig', 'KILL', process.execPath] };
  return cached;
}
