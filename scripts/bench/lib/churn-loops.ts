// Process churn for tests, benches and the soak: shell loops that each start a burst of short
// `sleep 0.0x` processes and a `true`, wait for them, and go round again — about 100 new
// processes a second per loop — and are stopped by PID with every process they left.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { commandName, parentPid, processState, startTicks } from './proc-stat.js';

export interface ChurnOptions {
  /** Shell loops running side by side. */
  loops: number;
  /** Sleeps started per round of each loop (0.01 … 0.09 s long, cycling), plus one `true`. */
  burst?: number;
  /** A word no other process has: it is the loops' `$0`, so they can be told apart in /proc and on screen. */
  marker: string;
}

export interface Churn {
  /** The loops' PIDs (each a `sh` running the loop). */
  readonly pids: readonly number[];
  /** Processes started on the whole machine per second since the loops started (/proc/stat: others' too). */
  forksPerSecond(): number;
  /** Stops the loops and kills what they left; returns how many of their processes are still there after. */
  stop(): Promise<number>;
}

/**
 * `$1` sleeps per round, lengths 0.01 … 0.09 s so some outlive a sample and some do not; `wait`
 * keeps the loop from piling up processes when the machine is slow. `trap` is not used: the loop
 * is stopped with SIGSTOP then SIGKILL, which no shell can delay.
 */
const LOOP = [
  'n=$1',
  'while :; do',
  '  i=0',
  '  while [ "$i" -lt "$n" ]; do sleep 0.0$((i % 9 + 1)) & i=$((i + 1)); done',
  '  true',
  '  /bin/true',
  '  wait',
  'done',
].join('\n');

interface Ref {
  pid: number;
  start: number;
}

/** Forks since boot, machine-wide (the `processes` line of /proc/stat). */
function forksSinceBoot(): number {
  try {
    return Number(/^processes (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? Number.NaN);
  } catch {
    return Number.NaN;
  }
}

function refOf(pid: number): Ref | null {
  const start = startTicks(pid);
  return start === null ? null : { pid, start };
}

/** Still the same process (PID and start time), and not a zombie. */
function alive(ref: Ref): boolean {
  return startTicks(ref.pid) === ref.start && processState(ref.pid) !== 'Z';
}

/** Signals `ref` only while the PID still names it; PIDs below 2 are never signalled. */
function signalRef(ref: Ref, signal: NodeJS.Signals): void {
  if (!Number.isInteger(ref.pid) || ref.pid < 2) throw new Error(`churn: refusing to signal PID ${ref.pid}`);
  if (!alive(ref)) return;
  try {
    process.kill(ref.pid, signal);
  } catch {
    // ESRCH: it ended between the check and the signal.
  }
}

/** The children of each PID in `parents`, as refs (a scan of /proc: there is no cheaper index). */
function childrenOf(parents: ReadonlySet<number>): Ref[] {
  const out: Ref[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const ppid = parentPid(pid);
    if (ppid === null || !parents.has(ppid)) continue;
    const ref = refOf(pid);
    if (ref) out.push(ref);
  }
  return out;
}

export async function startChurn(options: ChurnOptions): Promise<Churn> {
  const burst = options.burst ?? 10;
  if (!/^[\w-]+$/.test(options.marker)) throw new Error(`churn: marker must be a plain word, not ${JSON.stringify(options.marker)}`);
  // setpriv (util-linux) sets PR_SET_PDEATHSIG then execs sh: a loop dies with whoever started it,
  // even if that is SIGKILLed. Its sleeps do not inherit that, but last under 0.1 s.
  const guarded = existsSync('/usr/bin/setpriv') && spawnSync('setpriv', ['--help'], { stdio: 'ignore' }).status === 0;
  const argv = ['sh', '-c', LOOP, `churn-${options.marker}`, String(burst)];
  const children: ChildProcess[] = [];
  for (let i = 0; i < options.loops; i++) {
    const child = guarded ? spawn('setpriv', ['--pdeathsig', 'KILL', ...argv], { stdio: 'ignore' }) : spawn(argv[0]!, argv.slice(1), { stdio: 'ignore' });
    children.push(child);
  }
  await Promise.all(children.map((child) => new Promise((resolve, reject) => child.once('spawn', resolve).once('error', reject))));
  // setpriv execs sh right after the spawn event: wait until each shows as sh, so stop() knows it.
  const deadline = performance.now() + 5000;
  while (children.some((c) => commandName(c.pid!) !== 'sh') && performance.now() < deadline) await sleep(10);
  const loops = children.map((c) => refOf(c.pid!)).filter((r): r is Ref => r !== null);
  const startedAt = performance.now();
  const forksAtStart = forksSinceBoot();

  return {
    pids: loops.map((l) => l.pid),
    forksPerSecond() {
      const elapsed = (performance.now() - startedAt) / 1000;
      return elapsed > 0 ? (forksSinceBoot() - forksAtStart) / elapsed : Number.NaN;
    },
    async stop() {
      // Freeze the loops first so they start nothing more, then list and kill what they started.
      for (const loop of loops) signalRef(loop, 'SIGSTOP');
      const left = childrenOf(new Set(loops.map((l) => l.pid)));
      for (const loop of loops) signalRef(loop, 'SIGKILL');
      for (const ref of left) signalRef(ref, 'SIGKILL');
      const all = [...loops, ...left];
      const until = performance.now() + 5000;
      while (all.some(alive) && performance.now() < until) await sleep(25);
      return all.filter(alive).length;
    },
  };
}
