// Starting and stopping the one strace pooltop runs at a time, for the `s` key.
import { ProcessTrace } from '../signals/trace-process.js';
import type { AppStore } from './app-store.js';
import { changeTargets } from './change-actions.js';

export interface TraceControl {
  /** `s`: traces the details view's or the selected process. */
  start(): void;
  /** Esc in the strace view, and pooltop's exit: detaches. */
  stop(): void;
}

export function createTraceControl(store: AppStore, tool = 'strace'): TraceControl {
  let current: ProcessTrace | null = null;
  const stop = (): void => {
    current?.stop();
    current = null;
  };
  return {
    start() {
      const state = store.getState();
      if (state.refuseInReadonly('strace')) return;
      const targets = changeTargets(state);
      if (targets.length !== 1)
        return state.notify(targets.length === 0 ? 'no process selected' : 'strace follows one process: untag (U) and select it', 'warn');
      stop();
      const exact = state.sample?.capabilities.startTimePrecisionMs === 0;
      const started = ProcessTrace.start(
        { ...targets[0]!, exactStartTime: exact },
        {
          lines: (lines) => store.getState().addTraceLines(lines),
          ended: (text) => store.getState().endTrace(text),
        },
        tool,
      );
      if (!started.ok) return state.notify(started.text, 'warn');
      current = started.trace;
      store.getState().beginTrace(started.trace.pid, state.mode === 'details' ? 'details' : 'main');
    },
    stop() {
      stop();
      if (store.getState().trace) store.getState().closeTrace();
    },
  };
}
