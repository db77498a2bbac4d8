// A pool worker process: runs one task at a time for its parent over IPC and never outlives it.
import type { ChildProcess } from 'node:child_process';
import { runFamilyTask } from './family-task.js';
import { runPipelineTask } from './pipeline-task.js';
import { livenessTick } from './liveness-tick.js';
import { findSetpriv } from './parent-death-signal.js';
import type { Task } from './task.js';
import type { FromWorker, CpuTotals } from './worker-protocol.js';
import { parseToWorker, parseWorkerArgv } from './worker-protocol.js';
import { isChildWorkload, runWorkload, taskSpecProblem } from './workloads.js';

const args = parseWorkerArgv(process.argv.slice(2));
if (args === null || typeof process.send !== 'function') {
  process.stderr.write('pooltop-worker: start me through the pool manager (fork with IPC)\n');
  process.exit(2);
}
const { index, parentPid, trap } = args;
/** setpriv, when the pool found one that works: the family child then dies with this worker. */
const setpriv = args.childDeathSignal ? findSetpriv() : null;

// cmdline shows the whole title; comm (15 bytes) shows "pooltop-worker ".
process.title = `pooltop-worker ${index}`;

// Reparenting changes ppid, so this notices the death of a parent killed by SIGKILL even while
// the IPC channel looks open. (SIGHUP needs no handler: its default action ends the worker, which
// is what a SIGSTOPped worker gets, with SIGCONT, when pooltop's death orphans its process group.)
const parentGone = (): boolean => process.ppid !== parentPid || !process.connected;

/** The child of the family task running now: ended with us when we leave on our own. */
let familyChild: ChildProcess | null = null;

const leave = (): never => {
  // A worker that leaves (retired, or its parent gone) takes its child along. A worker killed from
  // outside cannot: its child's parent-death signal ends it then, or without setpriv it is left
  // behind, an orphan, which ends when its short sleep does (or pooltop ends it on its way out).
  if (familyChild !== null && familyChild.exitCode === null && familyChild.signalCode === null) familyChild.kill('SIGKILL');
  process.exit(0);
};

if (parentGone()) leave();
process.on('disconnect', leave);
setInterval(() => {
  if (parentGone()) leave();
}, 250);

const tick = livenessTick(parentGone, leave);

/** `sent` learns whether the message reached the channel (it is then delivered even if we die). */
function send(message: FromWorker, sent: (ok: boolean) => void = () => {}): void {
  // A parent that is gone cannot be told anything: 'disconnect' or the next check ends us.
  if (process.connected && process.send) process.send(message, undefined, undefined, (error) => sent(!error));
  else sent(false);
}

function usage(): CpuTotals {
  const u = process.cpuUsage();
  return { userUs: u.user, systemUs: u.system };
}

if (trap) {
  // The lab's "catchable" worker: SIGTERM and SIGINT are reported and ignored, SIGKILL still ends
  // it. Handlers run between tasks, since a running task holds the event loop.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => send({ type: 'trapped', signal, pid: process.pid }));
  }
}

type Outcome = { value: number | string } | { error: string };

function report(task: Task, cpu0: NodeJS.CpuUsage, wall0: number, outcome: Outcome): void {
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const wallMs = performance.now() - wall0;
  const common = { taskId: task.id, pid: process.pid, cpuMs, wallMs, usage: usage() };
  send('value' in outcome ? { type: 'result', value: outcome.value, ...common } : { type: 'failed', error: outcome.error, ...common });
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A family task: the child is announced as soon as it runs, then waited for with the event loop free. */
function runFamily(task: Task, cpu0: NodeJS.CpuUsage, wall0: number): void {
  const problem = taskSpecProblem(task);
  if (problem !== null) {
    report(task, cpu0, wall0, { error: problem });
    return;
  }
  let run: ReturnType<typeof runFamilyTask>;
  try {
    // The child sleeps only once pooltop is sure to hear of it (family-task.ts, GATE).
    run = runFamilyTask(
      task.arg,
      ({ pid, startTicks, command, diesWithWorker }, go) =>
        send({ type: 'child-start', pid: process.pid, taskId: task.id, childPid: pid, startTicks, command, diesWithWorker }, go),
      setpriv,
      task.workload === 'zombie',
    );
  } catch (error) {
    report(task, cpu0, wall0, { error: errorText(error) });
    return;
  }
  awaitChild(task, cpu0, wall0, run.child, run.done, true);
}

/** Reports the task once `done` settles, with the event loop free meanwhile; `child` is ended with us if we must leave. */
function awaitChild(task: Task, cpu0: NodeJS.CpuUsage, wall0: number, child: ChildProcess, done: Promise<string>, announced: boolean): void {
  familyChild = child;
  done
    .then(
      (value) => ({ value }),
      (error: unknown) => ({ error: errorText(error) }),
    )
    .then((outcome) => {
      familyChild = null;
      if (announced && child.pid !== undefined) {
        send({ type: 'child-exit', pid: process.pid, taskId: task.id, childPid: child.pid, code: child.exitCode, signal: child.signalCode });
      }
      report(task, cpu0, wall0, outcome);
    });
}

/** A pipeline task: its two stages run under a shell the worker waits for (not announced: the shell is not a family child). */
function runPipeline(task: Task, cpu0: NodeJS.CpuUsage, wall0: number): void {
  const problem = taskSpecProblem(task);
  if (problem !== null) return report(task, cpu0, wall0, { error: problem });
  let run: ReturnType<typeof runPipelineTask>;
  try {
    run = runPipelineTask(task.arg);
  } catch (error) {
    return report(task, cpu0, wall0, { error: errorText(error) });
  }
  awaitChild(task, cpu0, wall0, run.child, run.done, false);
}

process.on('message', (raw: unknown) => {
  const message = parseToWorker(raw);
  if (message === null) return;
  if (message.type === 'retire') leave();
  else {
    const { task } = message;
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    if (isChildWorkload(task.workload)) {
      runFamily(task, cpu0, wall0);
      return;
    }
    if (task.workload === 'pipeline') {
      runPipeline(task, cpu0, wall0);
      return;
    }
    let outcome: Outcome;
    try {
      outcome = { value: runWorkload(task, tick) };
    } catch (error) {
      outcome = { error: errorText(error) };
    }
    report(task, cpu0, wall0, outcome);
  }
});

send({ type: 'ready', pid: process.pid, usage: usage() });
