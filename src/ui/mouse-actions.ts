// What a click or a turn of the wheel does where it lands: the screen's geometry (where the table,
// its titles, a menu and the key bar are) and the mouse report → a selection, a sort, or the key
// the place stands for, sent through the same handlers keys go through.
import { columnAt, type RowLayout } from '../model/format-row.js';
import type { Mode } from '../store/modes-slice.js';
import type { ActionContext } from './action-context.js';
import type { MouseReport } from './mouse-report.js';
import { listTop, SETUP_SECTIONS_WIDTH } from './setup-screen.js';

/** Where things are on the screen now; lines and cells from 0. */
export interface ScreenMap {
  /** The table's title line (the first line of the table area, menus and the setup screen too). */
  titleY: number;
  /** Lines of rows under the titles. */
  pageSize: number;
  /** Where the process table starts (right of a menu panel) and its columns. */
  tableX: number;
  rowLayout: RowLayout;
  /** Cells of the menu panel on the left (sort, user, signal, pool), 0 when none. */
  panelWidth: number;
  /** The key bar's line, and each key's cells on it. */
  footerY: number;
  footer: readonly { x: number; cells: number; key: string }[];
}

/** Rows or entries one notch of the wheel moves (htop's default is 10 lines; 3 keeps the place in view). */
const WHEEL_STEP = 3;

/** Sends a key by name through whoever has the keyboard, as if typed. */
export type SendKey = (name: string) => void;

/** The menu entry the last click highlighted: only a click on that one again chooses it. */
export interface MenuClicks {
  /** Which list (a menu's mode, or a setup section) and which entry. */
  last: { list: string; index: number } | null;
}

export function handleMouse(
  report: MouseReport,
  double: boolean,
  ctx: ActionContext,
  map: ScreenMap,
  send: SendKey,
  clicks: MenuClicks = { last: null },
): void {
  const state = ctx.store.getState();
  const mode = state.mode;
  // A click never answers a question nor types into a prompt.
  if (mode === 'confirm' || mode === 'search' || mode === 'filter') return;
  if (report.kind === 'wheel-up' || report.kind === 'wheel-down') {
    const up = report.kind === 'wheel-up';
    if (mode === 'main') state.moveBy(up ? -WHEEL_STEP : WHEEL_STEP);
    else for (let i = 0; i < WHEEL_STEP; i++) send(up ? 'up' : 'down');
    return;
  }
  if (report.kind !== 'press' || report.button !== 0) return;
  if (mode === 'help' || mode === 'ancestry') return send('escape');
  const line = report.y - map.titleY - 1;
  const inTable = line >= 0 && line < map.pageSize;
  if (mode === 'setup') return clickSetup(ctx, report.x, line, double, send, map.pageSize, clicks);
  if (isMenu(mode)) {
    if (report.x < map.panelWidth && inTable) clickMenu(ctx, line, map.pageSize, double, send, clicks);
    return;
  }
  // The main screen.
  if (report.y === map.footerY) {
    const key = map.footer.find((k) => report.x >= k.x && report.x < k.x + k.cells);
    if (key) send(key.key);
    return;
  }
  if (report.x < map.tableX) return;
  if (report.y === map.titleY) {
    const column = columnAt(map.rowLayout, report.x - map.tableX);
    // The sorted column clicked again inverts, as in htop.
    if (column) state.setSort(column.id);
    return;
  }
  if (!inTable) return;
  const index = state.cursor.scrollTop + line;
  if (index >= state.visible.length) return;
  if (double) send('enter');
  else state.moveTo(index);
}

type MenuMode = Extract<Mode, 'sort' | 'user' | 'signal' | 'pool'>;

function isMenu(mode: Mode): mode is MenuMode {
  return mode === 'sort' || mode === 'user' || mode === 'signal' || mode === 'pool';
}

/**
 * A click on a menu entry highlights it by the menu's own ↑ ↓ (so its rules hold: the signal
 * menu forgets a typed number); a second click on it, or a double-click, chooses it as Enter does.
 * The entry a menu opens on (SIGTERM) is not chosen by one click: it was highlighted by a key.
 */
function clickMenu(ctx: ActionContext, line: number, pageSize: number, double: boolean, send: SendKey, clicks: MenuClicks): void {
  const { mode, menuIndex } = ctx.store.getState();
  const target = listTop(Math.max(0, menuIndex), pageSize) + line;
  moveTo(() => ctx.store.getState().menuIndex, target, send);
  choose(ctx.store.getState().menuIndex === target, mode, target, double, send, clicks);
}

function clickSetup(ctx: ActionContext, x: number, line: number, double: boolean, send: SendKey, pageSize: number, clicks: MenuClicks): void {
  const state = ctx.store.getState();
  // Under the titles: pageSize - 1 lines of entries, then the line of the section's keys.
  const rows = pageSize - 1;
  if (line < 0 || line >= rows) return;
  if (x < SETUP_SECTIONS_WIDTH) {
    if (state.setup.focus !== 'sections') state.moveSetup({ focus: 'sections' });
    moveTo(() => ctx.store.getState().setup.section, listTop(state.setup.section, rows) + line, send);
    clicks.last = null;
    return;
  }
  const target = listTop(state.setup.item, rows) + line;
  if (state.setup.focus !== 'items') send('right');
  moveTo(() => ctx.store.getState().setup.item, target, send);
  choose(ctx.store.getState().setup.item === target, `setup ${state.setup.section}`, target, double, send, clicks);
}

/** Enter on a double-click, or on a click on the entry the previous click highlighted. */
function choose(reached: boolean, list: string, index: number, double: boolean, send: SendKey, clicks: MenuClicks): void {
  const again = clicks.last !== null && clicks.last.list === list && clicks.last.index === index;
  if (reached && (double || again)) {
    clicks.last = null;
    send('enter');
  } else clicks.last = reached ? { list, index } : null;
}

/** Presses ↑ or ↓ until `current()` is `target` or stops moving (the end of the list). */
function moveTo(current: () => number, target: number, send: SendKey): void {
  for (let guard = 0; guard < 1000 && current() !== target; guard++) {
    const before = current();
    send(before < target ? 'down' : 'up');
    if (current() === before) return;
  }
}
