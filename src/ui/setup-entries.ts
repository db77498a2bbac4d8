// What the setup screen (F2, `S`) lists and does, as data over the store: its sections, each
// section's entries, and what choosing, moving or removing an entry changes.
import { column, COLUMNS, type ColumnId } from '../model/columns.js';
import type { AppStore, AppState } from '../store/app-store.js';
import { SCHEMES } from './color-schemes.js';
import { meterEntries, type MetersState } from './setup-meters.js';
import { screenEntries, type ScreensState } from './setup-screens.js';

export const SETUP_SECTIONS = ['Display options', 'Columns', 'Colors', 'Meters', 'Screens'] as const;
export const COLUMNS_SECTION = 1;
const COLORS_SECTION = 2;
export const METERS_SECTION = 3;
export const SCREENS_SECTION = 4;

export interface SetupEntry {
  label: string;
  /** What it is or does, dimmer, after the label. */
  hint: string;
  /** A checkbox ([x] / [ ]) or, for a choice of one, a bullet; undefined: neither. */
  on?: boolean;
  /** Only one of the section can be on (the colour schemes): drawn (•) instead of [x]. */
  radio?: boolean;
}

/** The refresh intervals + and - step through, in tenths of a second, up to -d's limit. */
export const DELAY_STEPS: readonly number[] = [1, 2, 3, 5, 10, 15, 20, 30, 50, 100, 150, 300, 600];

type State = Pick<AppState, 'view' | 'colorScheme' | 'delayTenths' | 'graphs'> & MetersState & ScreensState;

/** The display options after the tree view and the interval: htop's F2 "Display options" and "Meters", each also a key. */
const DISPLAY_TOGGLES: readonly { label: string; hint: string; on(state: State): boolean; toggle(state: AppState): void }[] = [
  { label: 'Hide kthreads', hint: 'kernel threads hidden, as htop (K)', on: (s) => s.view.hideKernelThreads, toggle: (s) => s.toggleKernelThreads() },
  {
    label: 'Hide threads',
    hint: 'user threads hidden; a row per thread when off (H)',
    on: (s) => s.view.hideUserlandThreads,
    toggle: (s) => s.toggleUserlandThreads(),
  },
  { label: 'CPU graphs', hint: "each core's bar with its history (G)", on: (s) => s.graphs.cpuMeter === 'graph', toggle: (s) => s.toggleCpuGraph() },
  { label: 'Graphs panel', hint: 'every core, memory, swap and the pool over time (g)', on: (s) => s.graphs.panel, toggle: (s) => s.toggleGraphsPanel() },
];

/** Shown columns first in the order drawn (the command last), then the others in the registry's order. */
export function columnEntryIds(columns: readonly ColumnId[]): ColumnId[] {
  const shown = [...columns.filter((id) => id !== 'command'), ...(columns.includes('command') ? (['command'] as ColumnId[]) : [])];
  return [...shown, ...COLUMNS.map((c) => c.id).filter((id) => !columns.includes(id))];
}

export function setupEntries(section: number, state: State): SetupEntry[] {
  if (section === 0) {
    return [
      { label: 'Tree view', hint: 'the PID/PPID family tree (t, F5)', on: state.view.tree },
      { label: 'Update interval', hint: `${(state.delayTenths / 10).toFixed(1)} s (+ and - change it, Enter steps up)` },
      ...DISPLAY_TOGGLES.map((t) => ({ label: t.label, hint: t.hint, on: t.on(state) })),
    ];
  }
  if (section === COLUMNS_SECTION) {
    return columnEntryIds(state.view.columns).map((id) => ({ label: column(id).header, hint: column(id).title, on: state.view.columns.includes(id) }));
  }
  if (section === COLORS_SECTION) return SCHEMES.map((s) => ({ label: s.name, hint: s.title, on: s.name === state.colorScheme, radio: true }));
  if (section === METERS_SECTION) return meterEntries(state);
  return screenEntries(state);
}

/** Enter or Space on an entry: toggle, choose, or step on. */
export function activateEntry(store: AppStore, section: number, index: number): void {
  const state = store.getState();
  if (section === 0) {
    if (index === 0) state.toggleTree();
    else if (index === 1) stepDelay(store, 1, true);
    else DISPLAY_TOGGLES[index - 2]?.toggle(state);
    return;
  }
  if (section === COLUMNS_SECTION) {
    const id = columnEntryIds(state.view.columns)[index];
    if (id === undefined) return;
    if (!state.view.columns.includes(id)) {
      state.setColumns(withCommandLast([...state.view.columns, id]));
      state.notify(`column ${column(id).header} added (F7 F8 move it)`, 'info');
    } else removeColumn(store, index);
    return;
  }
  const scheme = section === COLORS_SECTION ? SCHEMES[index] : undefined;
  if (scheme) state.setColorScheme(scheme.name);
}

/** F9 or Delete on a shown column. */
export function removeColumn(store: AppStore, index: number): void {
  const state = store.getState();
  const id = columnEntryIds(state.view.columns)[index];
  if (id === undefined || !state.view.columns.includes(id)) return;
  if (state.view.columns.length === 1) {
    state.notify('the table needs at least one column', 'warn');
    return;
  }
  state.setColumns(state.view.columns.filter((c) => c !== id));
  state.notify(`column ${column(id).header} removed`, 'info');
}

/** F7 / F8: a shown column one place to the left or right; returns where the entry is now. */
export function moveColumn(store: AppStore, index: number, delta: -1 | 1): number {
  const state = store.getState();
  const order = columnEntryIds(state.view.columns);
  const id = order[index];
  const shown = order.filter((c) => state.view.columns.includes(c));
  if (id === undefined || !state.view.columns.includes(id)) return index;
  if (id === 'command') {
    state.notify('Command is always the last column: it takes the rest of the line', 'info');
    return index;
  }
  const to = index + delta;
  const other = shown[to];
  if (other === undefined || other === 'command' || to < 0) return index;
  const next = [...shown];
  [next[index], next[to]] = [other, id];
  state.setColumns(next);
  return to;
}

/** + and -: the next refresh interval up or down (Enter wraps round from the longest). */
export function stepDelay(store: AppStore, direction: 1 | -1, wrap = false): void {
  const state = store.getState();
  const now = state.delayTenths;
  const next = direction > 0 ? (DELAY_STEPS.find((d) => d > now) ?? (wrap ? DELAY_STEPS[0] : now)) : (DELAY_STEPS.findLast((d) => d < now) ?? now);
  if (next !== undefined && next !== now) state.setDelay(next);
}

function withCommandLast(ids: ColumnId[]): ColumnId[] {
  return ids.includes('command') ? [...ids.filter((id) => id !== 'command'), 'command'] : ids;
}
