// The setup screen's Meters page, as data over the store (htop's Setup → Meters and Header
// layout): the number of header columns, the meters placed in them in reading order, then every
// meter there is, each with why this machine cannot show it where it cannot; and what the page's
// keys change.
import {
  addMeter,
  DEFAULT_HEADER_LAYOUT,
  MAX_HEADER_COLUMNS,
  METER_IDS,
  METERS,
  moveMeter,
  nextMode,
  placesOf,
  removeMeter,
  sameLayout,
  setColumnCount,
  type MeterId,
  type MeterMode,
} from '../model/header-layout.js';
import type { AppState, AppStore } from '../store/app-store.js';
import { meterUnavailable, storeMeterFacts } from './header-meters.js';
import type { KeyPress } from './parse-key.js';
import type { SetupEntry } from './setup-entries.js';

export type MetersState = Pick<AppState, 'headerLayout' | 'sample' | 'pool' | 'graphs' | 'history' | 'meters'>;

/** Entries before the placed meters: the column count, and the default layout. */
const FIXED_ENTRIES = 2;

const MODE_NAME: Record<MeterMode, string> = { bar: 'Bar', text: 'Text', graph: 'Graph' };

type MeterEntry = { kind: 'columns' } | { kind: 'default' } | { kind: 'placed'; column: number; index: number } | { kind: 'available'; meter: MeterId };

function entryAt(state: MetersState, item: number): MeterEntry | undefined {
  if (item === 0) return { kind: 'columns' };
  if (item === 1) return { kind: 'default' };
  const places = placesOf(state.headerLayout);
  const place = places[item - FIXED_ENTRIES];
  if (place) return { kind: 'placed', ...place };
  const meter = METER_IDS[item - FIXED_ENTRIES - places.length];
  return meter ? { kind: 'available', meter } : undefined;
}

function unavailable(state: MetersState, meter: MeterId): string | null {
  return meterUnavailable(meter, storeMeterFacts(state), state.sample?.source ?? 'chosen');
}

export function meterEntries(state: MetersState): SetupEntry[] {
  const layout = state.headerLayout;
  const count = layout.columns.length;
  const isDefault = sameLayout(layout, DEFAULT_HEADER_LAYOUT);
  const placed = placesOf(layout).map(({ column, index }): SetupEntry => {
    const m = layout.columns[column]![index]!;
    const modes = METERS[m.meter].modes;
    const others = modes.length > 1 ? ` (Space: ${modes.map((mode) => MODE_NAME[mode]).join(' ')})` : '';
    return { label: METERS[m.meter].name, hint: `column ${column + 1} · ${MODE_NAME[m.mode]}${others}`, on: true };
  });
  const available = METER_IDS.map((meter): SetupEntry => {
    const why = unavailable(state, meter);
    return { label: METERS[meter].name, hint: why ? `not available here, because ${why}` : METERS[meter].title, on: false };
  });
  return [
    { label: 'Header layout', hint: `${count} column${count === 1 ? '' : 's'} (Enter, + - change: 1–${MAX_HEADER_COLUMNS})` },
    {
      label: 'Default layout',
      hint: isDefault ? 'in use: the header as pooltop starts' : 'Enter: back to the header as pooltop starts',
      on: isDefault,
      radio: true,
    },
    ...placed,
    ...available,
  ];
}

/**
 * A key on the Meters page with entry `item` highlighted: Enter and Space change the column count,
 * take the default, change a placed meter's mode or add a meter; 1–4 put a meter in that column;
 * F7 `[` and F8 `]` move it up and down (across columns); F9, Delete and Backspace remove it;
 * + and - add or take away a column. Returns the entry to highlight next, or null when the key
 * is not the page's.
 */
export function meterKeys(store: AppStore, item: number, key: KeyPress): number | null {
  const state = store.getState();
  const layout = state.headerLayout;
  const entry = entryAt(state, item);
  const count = layout.columns.length;
  const columns = (n: number): number => {
    state.setHeaderLayout(setColumnCount(layout, n));
    return item;
  };
  if (key.name === '+' || key.name === '=') return columns(Math.min(MAX_HEADER_COLUMNS, count + 1));
  if (key.name === '-') return columns(Math.max(1, count - 1));
  if (!entry) return null;
  const activate = key.name === 'enter' || key.name === ' ';
  const digit = /^[1-4]$/.test(key.name) ? Number(key.name) - 1 : null;
  if (entry.kind === 'columns') return activate ? columns((count % MAX_HEADER_COLUMNS) + 1) : null;
  if (entry.kind === 'default') {
    if (!activate) return null;
    state.setHeaderLayout(DEFAULT_HEADER_LAYOUT);
    return item;
  }
  if (entry.kind === 'available') {
    if (!activate && digit === null) return null;
    const why = unavailable(state, entry.meter);
    if (why) {
      state.notify(`${METERS[entry.meter].name} is not available here, because ${why}`, 'warn');
      return item;
    }
    const column = Math.min(digit ?? 0, count - 1);
    state.setHeaderLayout(addMeter(layout, entry.meter, column));
    state.notify(`${METERS[entry.meter].name} added to column ${column + 1} (F7 F8 move it, 1–4 another column)`, 'info');
    return item + 1;
  }
  const place = { column: entry.column, index: entry.index };
  const placedAt = (p: { column: number; index: number }, next = store.getState().headerLayout): number =>
    FIXED_ENTRIES + placesOf(next).findIndex((q) => q.column === p.column && q.index === p.index);
  if (activate) {
    state.setHeaderLayout(nextMode(layout, place));
    return item;
  }
  if (digit !== null) {
    if (digit >= count) {
      state.notify(`the header has ${count} column${count === 1 ? '' : 's'} (+ adds one)`, 'info');
      return item;
    }
    const meter = layout.columns[place.column]![place.index]!;
    const moved = removeMeter(layout, place);
    const next = { columns: moved.columns.map((c, i) => (i === digit ? [...c, meter] : c)) };
    state.setHeaderLayout(next);
    return placedAt({ column: digit, index: next.columns[digit]!.length - 1 }, next);
  }
  if (key.name === 'f7' || key.name === '[' || key.name === 'f8' || key.name === ']') {
    const moved = moveMeter(layout, place, key.name === 'f7' || key.name === '[' ? -1 : 1);
    state.setHeaderLayout(moved.layout);
    return placedAt(moved.place, moved.layout);
  }
  if (key.name === 'f9' || key.name === 'delete' || key.name === 'backspace') {
    state.setHeaderLayout(removeMeter(layout, place));
    state.notify(`${METERS[layout.columns[place.column]![place.index]!.meter].name} removed from the header`, 'info');
    return item;
  }
  return null;
}
