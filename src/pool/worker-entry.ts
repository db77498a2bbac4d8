// A pool worker process: runs one task at a time for its parent over IPC and never outlives it.
import { livenessTick } from './liveness-tick.js';
import type { FromWorker, CpuTotals } from './worker-protocol.js';
import { parseToWorker, parseWorkerArgv } from './worker-protocol.js';
import { runWorkload } from './workloads.js';

const args = parseWorkerArgv(process.argv.slice(2));
if (args === null || typeof process.send !== 'function') {
  process.stderr.write('pooltop-worker: start me through the pool manager (fork with IPC)\n');
  process.exit(2);
}
const { index, parentPid, trap } = args;

// cmdline shows the whole title; comm (15 bytes) shows "pooltop-worker ".
process.title = `pooltop-worker ${index}`;

// Reparenting changes ppid, so this notices the death of a parent killed by SIGKILL even while
// the IPC channel looks open. (SIGHUP needs no handler: its default action ends the worker, which
// is what a SIGSTOPped worker gets, with SIGCONT, when pooltop's death orphans its process group.)
const parentGone = (): boolean => process.ppid !== parentPid || !process.connected;
const leave = (): never => process.exit(0);

if (parentGone()) leave();
process.on('disconnect', leave);
setInterval(() => {
  if (parentGone()) leave();
}, 250);

const tick = livenessTick(parentGone, leave);

function send(message: FromWorker): void {
  // A parent that is gone cannot be told anything: 'disconnect' or the next check ends us.
  if (process.connected) process.send?.(message, undefined, undefined, () => {});
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

process.on('message', (raw: unknown) => {
  const message = parseToWorker(raw);
  if (message === null) return;
  if (message.type === 'retire') leave();
  else {
    const { task } = message;
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    let outcome: { value: number | string } | { error: string };
    try {
      outcome = { value: runWorkload(task, tick) };
    } catch (error) {
      outcome = { error: error instanceof Error ? error.message : String(error) };
    }
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const wallMs = performance.now() - wall0;
    const common = { taskId: task.id, pid: process.pid, cpuMs, wallMs, usage: usage() };
    send('value' in outcome ? { type: 'result', value: outcome.value, ...common } : { type: 'failed', error: outcome.error, ...common });
  }
});

send({ type: 'ready', pid: process.pid, usage: usage() });
