// The strace view (`s`): the traced process and the last lines strace printed.
import type { SliceCreator } from './app-store.js';

/** Lines kept: the view shows the newest, and a busy process prints thousands a second. */
const TRACE_LINES_KEPT = 2000;

interface TraceState {
  pid: number;
  lines: readonly string[];
  /** Set when strace has ended: why, in words. */
  ended: string | null;
}

export interface TraceSlice {
  trace: TraceState | null;
  /** Where Esc goes back to. */
  traceOrigin: 'main' | 'details';
  beginTrace(pid: number, origin: 'main' | 'details'): void;
  addTraceLines(lines: readonly string[]): void;
  endTrace(text: string): void;
  closeTrace(): void;
}

export const createTraceSlice: SliceCreator<TraceSlice> = (set, get) => ({
  trace: null,
  traceOrigin: 'main',

  beginTrace(pid, origin) {
    set({ mode: 'strace', trace: { pid, lines: [], ended: null }, traceOrigin: origin });
  },
  addTraceLines(lines) {
    const trace = get().trace;
    if (!trace || lines.length === 0) return;
    const all = trace.lines.concat(lines);
    set({ trace: { ...trace, lines: all.length > TRACE_LINES_KEPT ? all.slice(all.length - TRACE_LINES_KEPT) : all } });
  },
  endTrace(text) {
    const trace = get().trace;
    if (trace) set({ trace: { ...trace, ended: text } });
  },
  closeTrace() {
    const back = get().traceOrigin === 'details' && get().details ? 'details' : 'main';
    set({ mode: back, trace: null });
  },
});
