// The small process family the tree, signal-menu and ancestry scenes show: a shell with two
// sleeps and a subshell with two more, started by the screenshot run and ended by it.
//
//   sh                 (its parent exits at once, so it hangs under PID 1 or the nearest
//   ├─ sleep 311        subreaper and its ancestry is short and the same on every machine)
//   ├─ sleep 312
//   └─ sh              (a subshell: same command line as its parent)
//      ├─ sleep 313
//      └─ sleep 314
//
// The shell reads its script from standard input, so its command line is just `sh`: a filter or
// search for "sleep 31" matches the sleeps alone, and tree view shows the shells as their
// ancestors. Each sleep ends by itself after about five minutes, should this process be SIGKILLed
// before it can end them.
import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { descendantsOf, isRunning, readCmdline, readProc, signalProcess, waitUntilGone, type ProcRef } from '../../test/e2e/proc-table.js';

/** What a filter needs to show the family's sleeps (and, in tree view, its shells as their ancestors). */
export const FAMILY_FILTER = 'sleep 31';
/** The sleep the signal-menu and ancestry scenes select: a grandchild, for a longer ancestry. */
export const TARGET_SLEEP = 'sleep 313';

const SCRIPT = ['sleep 311 &', 'sleep 312 &', '( sleep 313 & sleep 314 & wait ) &', 'wait', ''].join('\n');

export interface DemoFamily {
  root: ProcRef;
  subshell: ProcRef;
  /** The sleep the signal menu and ancestry open on. */
  target: ProcRef;
  /** Everyone, root first. */
  members: ProcRef[];
}

/**
 * Starts the family and returns once all six processes are there. `env` is the environment they
 * get (the run tag goes in it). The launcher shell keeps standard input open for the family's
 * shell on fd 3 (an asynchronous command's own standard input is /dev/null) and exits.
 */
export async function startDemoFamily(env: NodeJS.ProcessEnv): Promise<DemoFamily> {
  const launcher = spawn('sh', ['-c', 'exec 3<&0; sh <&3 3<&- >/dev/null 2>&1 & echo $!'], { stdio: ['pipe', 'pipe', 'inherit'], env });
  let out = '';
  launcher.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  launcher.stdin.end(SCRIPT);
  const status = await new Promise<number | null>((resolve, reject) => {
    launcher.on('error', reject);
    launcher.on('close', resolve);
  });
  const rootPid = Number(out.trim());
  if (status !== 0 || !Number.isInteger(rootPid) || rootPid < 2)
    throw new Error(`the demo family did not start (status ${status}, output ${JSON.stringify(out)})`);
  const root = readProc(rootPid);
  if (!root) throw new Error(`the demo family's shell (PID ${rootPid}) ended at once`);

  const deadline = Date.now() + 5000;
  for (;;) {
    const family = describe(root);
    if (family) return family;
    if (Date.now() > deadline) {
      await stopDemoFamily({ root, subshell: root, target: root, members: [root, ...descendantsOf(root.pid)] });
      throw new Error('the demo family did not reach its six processes within 5 s');
    }
    await delay(50);
  }
}

/** The family once complete: the root, its subshell and the four sleeps. */
function describe(root: ProcRef): DemoFamily | null {
  const below = descendantsOf(root.pid);
  const subshell = below.find((p) => p.ppid === root.pid && readCmdline(p.pid) === 'sh');
  const sleeps = below.filter((p) => /^sleep 31\d$/.test(readCmdline(p.pid)));
  const target = sleeps.find((p) => readCmdline(p.pid) === TARGET_SLEEP);
  if (!subshell || sleeps.length !== 4 || !target || target.ppid !== subshell.pid) return null;
  return { root, subshell, target, members: [root, subshell, ...sleeps] };
}

/** Ends the family (SIGTERM, then SIGKILL after 2 s); returns those that needed SIGKILL. */
export async function stopDemoFamily(family: DemoFamily): Promise<ProcRef[]> {
  // Sleeps first: a shell whose children are gone returns from `wait` and exits by itself.
  const order = [...family.members].reverse();
  for (const p of order) signalProcess(p, 'SIGTERM');
  const stubborn = await waitUntilGone(order, 2000);
  for (const p of stubborn) signalProcess(p, 'SIGKILL');
  await waitUntilGone(stubborn, 1000);
  return stubborn;
}

/** stopDemoFamily for a process that is exiting: SIGKILL, synchronously. */
export function killDemoFamilySync(family: DemoFamily): void {
  for (const p of family.members) if (isRunning(p)) signalProcess(p, 'SIGKILL');
}
