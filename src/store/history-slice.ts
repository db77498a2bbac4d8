// The graphs' history and how they are shown: the rings each sample is recorded into, the system
// meters read at their own cadence, and the graph settings the keys change (G, g, { and }).
import { attachCpuTrends, CpuTrends } from '../model/cpu-trends.js';
import { createHistory, recordSample, type History } from '../model/history.js';
import { DEFAULT_GRAPHS, GRAPH_SPANS, spanText, type GraphSettings } from '../model/graph-settings.js';
import type { ProcessRow } from '../model/process-row.js';
import type { PoolSnapshot } from '../pool/pool-snapshot.js';
import { NO_METERS, type SystemMeters } from '../sampling/system-meters.js';
import type { Sample } from '../sampling/types.js';
import type { SliceCreator } from './app-store.js';
import type { ViewState } from './view-state.js';

export interface HistorySlice {
  history: History;
  graphs: GraphSettings;
  /** Frequency, temperatures, batteries, GPUs, and why any is missing: read off the refresh path. */
  meters: SystemMeters;
  /** Each process's CPU% over its last refreshes, kept while the CPU graph column is shown or sorted by. */
  processCpu: CpuTrends;
  setMeters(meters: SystemMeters): void;
  toggleCpuGraph(): void;
  toggleGraphsPanel(): void;
  /** One step along GRAPH_SPANS: -1 shorter, 1 longer. */
  zoomGraphs(step: -1 | 1): void;
}

export const createHistorySlice =
  (initial: Partial<GraphSettings> = {}): SliceCreator<HistorySlice> =>
  (set, get) => ({
    history: createHistory(1),
    graphs: { ...DEFAULT_GRAPHS, ...initial },
    meters: NO_METERS,
    processCpu: new CpuTrends(),

    setMeters(meters) {
      set({ meters });
    },
    toggleCpuGraph() {
      const graphs = get().graphs;
      set({ graphs: { ...graphs, cpuMeter: graphs.cpuMeter === 'bar' ? 'graph' : 'bar' } });
    },
    toggleGraphsPanel() {
      const graphs = get().graphs;
      set({ graphs: { ...graphs, panel: !graphs.panel } });
    },
    zoomGraphs(step) {
      const graphs = get().graphs;
      const at = GRAPH_SPANS.indexOf(graphs.spanSeconds);
      const next = GRAPH_SPANS[Math.min(GRAPH_SPANS.length - 1, Math.max(0, (at < 0 ? 1 : at) + step))]!;
      if (next === graphs.spanSeconds) {
        get().notify(`graphs show ${spanText(next)}: the ${step < 0 ? 'shortest' : 'longest'} span`, 'info');
        return;
      }
      set({ graphs: { ...graphs, spanSeconds: next } });
    },
  });

/**
 * The history with `sample` (CPU% since `base`) recorded, for the table slice to set with the
 * sample itself (one store update a refresh); the rows give the workers' CPU%.
 */
export function historyAfter(
  state: Pick<HistorySlice, 'history'> & { pool: PoolSnapshot | null },
  sample: Sample,
  base: Sample | null,
  rows: readonly ProcessRow[],
): Partial<HistorySlice> {
  const workers = new Set(state.pool?.workers.map((w) => w.pid));
  const cpu = new Map<number, number>();
  if (workers.size > 0) for (const row of rows) if (workers.has(row.pid)) cpu.set(row.pid, row.cpu);
  const history = recordSample(state.history, { sample, base, pool: state.pool, cpuOf: (pid) => cpu.get(pid) });
  return history === state.history ? {} : { history };
}

/**
 * Gives each of `rows` (CPU% measured since the sample before) its CPU history, while the CPU
 * graph column is shown or sorted by; otherwise the history is let go, so the column costs
 * nothing while it is off.
 */
export function recordProcessCpu(
  state: Pick<HistorySlice, 'processCpu'> & { view: Pick<ViewState, 'columns' | 'sort'> },
  rows: readonly ProcessRow[],
  measured: boolean,
): void {
  const { processCpu, view } = state;
  if (!view.columns.includes('cpugraph') && view.sort.key !== 'cpugraph') {
    if (processCpu.size > 0) processCpu.clear();
    return;
  }
  if (measured) attachCpuTrends(processCpu, rows);
}
