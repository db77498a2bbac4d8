// Keeps the store in step with the pool manager, the one way the pool reaches the store: its
// snapshot on every change and every refresh, the processes it started (workers and family tasks'
// children) marked when re-parented, and the events a user should hear of (a worker that died and
// was replaced, with what became of its child; a trapped signal; an orphan).
import type { EventEmitter } from 'node:events';
import type { PoolEvents, TaskChild } from '../pool/pool-events.js';
import { sanitizeText } from '../model/sanitize.js';
import type { AppStore } from './app-store.js';
import { lifetimeText } from './events-slice.js';
import type { PoolControl } from './pool-actions.js';
import { StartedProcesses } from './started-processes.js';

/** "its child 4300 (sleep 8) ended with it": the kernel's parent-death signal, asked for through setpriv. */
function killedWithText(child: TaskChild): string {
  return `its child ${child.pid} (${sanitizeText(child.command)}) ended with it (parent-death signal)`;
}

/** "its child 4300 (sleep 8) was re-parented to PID 1: an orphan" (it runs on until its sleep ends). */
function orphanText(child: TaskChild): string {
  const to = child.ppid === 1 ? 'PID 1' : `PID ${child.ppid} (a subreaper)`;
  return `its child ${child.pid} (${sanitizeText(child.command)}) was re-parented to ${to}: an orphan`;
}

interface PoolBridge {
  /** Puts the pool's snapshot into the store while a pool has run: its wall time and cores busy move on every refresh. */
  refresh(): void;
  disconnect(): void;
}

export function connectPool(store: AppStore, pool: PoolControl & EventEmitter<PoolEvents>): PoolBridge {
  const started = new StartedProcesses();
  /** Children still running, with the parent they started under, as registered. */
  const children = new Map<number, { ppid: number; startTime: number }>();

  /** When each worker and child started, for how long it lived. */
  const bornAt = new Map<number, number>();
  const log = (text: string, level: 'info' | 'warn' = 'info'): void => store.getState().logEvent(text, level);
  const lived = (pid: number): string => {
    const at = bornAt.get(pid);
    bornAt.delete(pid);
    return at === undefined ? '' : ` after ${lifetimeText(Date.now() - at)}`;
  };

  const onChange = (): void => store.getState().setPool(pool.snapshot());
  const onStart = ({ pid, index, trap }: PoolEvents['worker-start'][0]): void => {
    // Workers are pooltop's children: a parent other than pooltop marks one orphaned.
    started.register(pid, process.pid, 0);
    bornAt.set(pid, Date.now());
    log(`worker ${index} started: PID ${pid}${trap ? ' (trap mode)' : ''}`);
  };
  const onChildStart = (child: TaskChild): void => {
    // The registry compares start times to the tick, which only a source that reads them as the
    // platform does gives: with another (whole seconds) the PID alone is matched, as for workers.
    // (No sample yet: as the default source, procfs, where a child can be confirmed at all.)
    const exact = (store.getState().sample?.capabilities.startTimePrecisionMs ?? 0) === 0;
    const origin = { ppid: child.workerPid, startTime: exact ? child.startTime : 0 };
    children.set(child.pid, origin);
    started.register(child.pid, origin.ppid, origin.startTime);
    bornAt.set(child.pid, child.since);
    log(`worker ${child.workerIndex}'s child started: PID ${child.pid} ${sanitizeText(child.command)}`);
  };
  const onChildExit = ({ child, code, signal }: PoolEvents['child-exit'][0]): void => {
    children.delete(child.pid);
    const how = signal !== null ? `was killed by ${signal}` : code !== null ? `exited with status ${code}` : 'is gone';
    log(`child ${child.pid} (${sanitizeText(child.command)}) ${how}${lived(child.pid)}`, signal !== null || (code !== null && code !== 0) ? 'warn' : 'info');
  };
  const onOrphaned = ({ child, withWorkerExit }: PoolEvents['child-orphaned'][0]): void => {
    log(`worker ${child.workerIndex} (PID ${child.workerPid}) is gone; ${orphanText(child)}`, 'warn');
    if (withWorkerExit) return;
    store.getState().notify(`worker ${child.workerIndex} (PID ${child.workerPid}) is gone; ${orphanText(child)}`, 'warn');
  };
  const onExit = (exit: PoolEvents['worker-exit'][0]): void => {
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with status ${exit.code}`;
    log(`worker ${exit.index} (PID ${exit.pid}) ${how}${lived(exit.pid)}${exit.expected ? ' (asked to)' : ''}`, exit.expected ? 'info' : 'warn');
    if (exit.requeued) log(`task ${exit.requeued.id} (${exit.requeued.workload} ${exit.requeued.arg}) went back to the head of the queue`, 'warn');
    if (exit.expected) return;
    // The child first: a long message is cut at the screen's edge, and it is the news.
    const orphans = [...(exit.killedWith ?? []).map(killedWithText), ...(exit.orphans ?? []).map(orphanText)].map((text) => `; ${text}`).join('');
    const task = exit.requeued ? `; its task went back to the head of the queue` : '';
    const replaced = exit.replacedBy !== null ? `; worker ${exit.replacedBy} replaces it` : '';
    store.getState().notify(`worker ${exit.index} (PID ${exit.pid}) ${how}${orphans}${task}${replaced}`, 'warn');
  };
  const onTrapped = ({ index, pid, signal }: PoolEvents['trapped'][0]): void => {
    log(`worker ${index} (PID ${pid}) caught ${signal} and ignored it`);
    store.getState().notify(`worker ${index} (PID ${pid}) caught ${signal} and ignored it: only SIGKILL cannot be caught`, 'info');
  };
  const onProblem = (message: string): void => store.getState().notify(`pool: ${sanitizeText(message)}`, 'error');

  // Each sample shown (new rows) marks the started processes that now have another parent.
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.rows === previous.rows) return;
    const orphans = started.orphans(state.rows, state.sample?.monotonic ?? 0);
    // The registry forgets a started PID that a sample does not show, and a sample read from /proc
    // just before a child started can arrive just after it was registered: register the children
    // still running again after each sample, so the next one that shows a child can mark it.
    for (const [pid, origin] of children) started.register(pid, origin.ppid, origin.startTime);
    if (!sameMembers(orphans, state.orphans)) state.setOrphans(orphans);
  });

  // One table of event → handler, so subscribing and unsubscribing cannot drift apart (each
  // handler takes its own event's arguments, hence the loose type).
  // biome-ignore lint/suspicious/noExplicitAny: each handler's own arguments, typed where it is defined
  const handlers: [keyof PoolEvents, (...args: any[]) => void][] = [
    ['change', onChange],
    ['worker-start', onStart],
    ['worker-exit', onExit],
    ['trapped', onTrapped],
    ['problem', onProblem],
    ['child-start', onChildStart],
    ['child-exit', onChildExit],
    ['child-orphaned', onOrphaned],
  ];
  const emitter = pool as unknown as EventEmitter;
  for (const [event, handler] of handlers) emitter.on(event, handler);
  return {
    refresh() {
      if (pool.state !== 'idle') onChange();
    },
    disconnect() {
      unsubscribe();
      for (const [event, handler] of handlers) emitter.off(event, handler);
    },
  };
}

function sameMembers(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  if (a.size !== b.size) return false;
  for (const pid of a) if (!b.has(pid)) return false;
  return true;
}
