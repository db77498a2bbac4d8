// Keeps the store in step with the pool manager: its snapshot on every change, and the events a
// user should hear of (a worker that died and was replaced, a trapped signal) as messages.
import type { EventEmitter } from 'node:events';
import type { PoolEvents } from '../pool/pool-events.js';
import { sanitizeText } from '../model/sanitize.js';
import type { AppStore } from './app-store.js';
import type { PoolControl } from './pool-actions.js';

export function connectPool(store: AppStore, pool: PoolControl & EventEmitter<PoolEvents>): () => void {
  const onChange = (): void => store.getState().setPool(pool.snapshot());
  const onStart = ({ pid }: { pid: number }): void => {
    // Workers are pooltop's children: a parent other than pooltop marks one orphaned.
    store.getState().registerStarted(pid, process.pid, 0);
  };
  const onExit = (exit: PoolEvents['worker-exit'][0]): void => {
    if (exit.expected) return;
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with status ${exit.code}`;
    const task = exit.requeued ? `; its task went back to the head of the queue` : '';
    const replaced = exit.replacedBy !== null ? `; worker ${exit.replacedBy} replaces it` : '';
    store.getState().notify(`worker ${exit.index} (PID ${exit.pid}) ${how}${task}${replaced}`, 'warn');
  };
  const onTrapped = ({ index, pid, signal }: PoolEvents['trapped'][0]): void => {
    store.getState().notify(`worker ${index} (PID ${pid}) caught ${signal} and ignored it: only SIGKILL cannot be caught`, 'info');
  };
  const onProblem = (message: string): void => store.getState().notify(`pool: ${sanitizeText(message)}`, 'error');
  pool.on('change', onChange);
  pool.on('worker-start', onStart);
  pool.on('worker-exit', onExit);
  pool.on('trapped', onTrapped);
  pool.on('problem', onProblem);
  return () => {
    pool.off('change', onChange);
    pool.off('worker-start', onStart);
    pool.off('worker-exit', onExit);
    pool.off('trapped', onTrapped);
    pool.off('problem', onProblem);
  };
}
