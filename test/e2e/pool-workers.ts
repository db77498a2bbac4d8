// The pool's workers as an end-to-end test sees them: pooltop's own children titled
// pooltop-worker, found by its PID (never by name alone: other pooltops have rows titled the
// same), and the teardown that ends the session and fails the test if a worker outlived it.
import assert from 'node:assert/strict';
import { childrenOf, isRunning, readCmdline, signalProcess, type ProcRef } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

/** pooltop's worker children now (a worker titles itself once it runs its entry). */
export function workerChildren(pooltopPid: number): ProcRef[] {
  return childrenOf(pooltopPid).filter((p) => readCmdline(p.pid).startsWith('pooltop-worker'));
}

/** The session's pooltop's worker children, once there are `n` of them. */
export async function workersOf(s: TmuxSession, n: number, timeoutMs = 15_000): Promise<ProcRef[]> {
  const pooltop = await s.programProcess();
  assert.ok(pooltop, 'pooltop runs');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = workerChildren(pooltop.pid);
    if (found.length === n) return found;
    if (Date.now() > deadline) throw new Error(`pooltop has ${found.length} workers, not ${n}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Ends a pool test: the session killed, then every worker (or other child) the test saw still alive
 * SIGKILLed by its checked identity; either is a failure (pooltop ends them on every way out).
 */
export async function endPoolTest(session: TmuxSession | undefined, workers: readonly ProcRef[], outlived = 'no worker outlived pooltop'): Promise<void> {
  const leftovers = (await session?.kill()) ?? [];
  const alive = workers.filter(isRunning);
  for (const w of alive) signalProcess(w, 'SIGKILL');
  assert.deepEqual(
    leftovers.map((p) => p.pid),
    [],
    'nothing needed SIGKILL at the end',
  );
  assert.deepEqual(
    alive.map((p) => p.pid),
    [],
    outlived,
  );
}
