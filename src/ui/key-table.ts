// The keyboard of the main screen as one table of key → action, as htop's Action.c: the help
// screen, the footer and the README's key list are all printed from it.
import { COLUMNS, type ColumnId } from '../model/columns.js';
import { openSignalMenu, pauseOrResume } from '../store/signal-actions.js';
import type { ActionContext } from './action-context.js';

export interface KeyBinding {
  /** Key names as parseKey produces them. */
  keys: readonly string[];
  /** How the keys are written in help ("↑ ↓", "/ F3"). */
  label: string;
  /** What it does, one line. */
  help: string;
  /** A short word for the footer key bar, shown after the first key. */
  footer?: { key: string; word: string; order: number };
  run(ctx: ActionContext): void;
}

export const KEY_TABLE: readonly KeyBinding[] = [
  { keys: ['up'], label: '↑', help: 'move the selection up', run: ({ store }) => store.getState().moveBy(-1) },
  { keys: ['down'], label: '↓', help: 'move the selection down', run: ({ store }) => store.getState().moveBy(1) },
  { keys: ['pageup'], label: 'PgUp', help: 'move one page up', run: ({ store }) => store.getState().movePage(-1) },
  { keys: ['pagedown'], label: 'PgDn', help: 'move one page down', run: ({ store }) => store.getState().movePage(1) },
  { keys: ['home'], label: 'Home', help: 'go to the first row', run: ({ store }) => store.getState().moveTo(0) },
  { keys: ['end'], label: 'End', help: 'go to the last row', run: ({ store }) => store.getState().moveTo(-1) },
  {
    keys: ['/', 'f3'],
    label: '/ F3',
    help: 'search the command lines (Enter keeps, Esc cancels)',
    footer: { key: 'F3', word: 'Search', order: 3 },
    run: ({ store }) => store.getState().beginSearch(),
  },
  { keys: ['n'], label: 'n', help: 'next search match', run: ({ store }) => store.getState().searchNext(1) },
  {
    keys: ['N'],
    label: 'N',
    help: 'previous search match while a search is kept; otherwise sort by PID',
    run: ({ store }) => (store.getState().view.search.query ? store.getState().searchNext(-1) : sortBy(store, 'pid')),
  },
  { keys: ['escape'], label: 'Esc', help: 'forget the kept search (then N sorts by PID again)', run: ({ store }) => store.getState().clearSearch() },
  {
    keys: ['\\', 'f4'],
    label: '\\ F4',
    help: 'filter: show only command lines containing text (Esc clears)',
    footer: { key: 'F4', word: 'Filter', order: 4 },
    run: ({ store }) => store.getState().beginFilter(),
  },
  {
    keys: ['t', 'f5'],
    label: 't F5',
    help: 'tree view on/off: the PID/PPID family tree from PID 1',
    footer: { key: 'F5', word: 'Tree', order: 5 },
    run: ({ store }) => store.getState().toggleTree(),
  },
  { keys: ['-'], label: '-', help: 'tree view: collapse the selected subtree', run: ({ store }) => store.getState().collapseSelected() },
  { keys: ['+', '='], label: '+', help: 'tree view: expand the selected subtree', run: ({ store }) => store.getState().expandSelected() },
  { keys: ['*'], label: '*', help: 'tree view: collapse or expand all', run: ({ store }) => store.getState().toggleCollapseAll() },
  {
    keys: ['a'],
    label: 'a',
    help: 'ancestry: the chain of parents of the selected process back to PID 1',
    run: ({ store }) => store.getState().openAncestry(),
  },
  {
    keys: ['k', 'f9'],
    label: 'k F9',
    help: 'signal menu for the selected (or tagged) processes: number jumps, Enter sends, Esc cancels',
    footer: { key: 'F9', word: 'Kill', order: 9 },
    run: ({ store }) => openSignalMenu(store),
  },
  {
    keys: ['z'],
    label: 'z',
    help: 'pause (SIGSTOP) the selected or tagged processes (asks first when several)',
    footer: { key: 'z', word: 'Pause', order: 9.2 },
    run: ({ store, services }) => pauseOrResume(store, services, 'SIGSTOP'),
  },
  {
    keys: ['r'],
    label: 'r',
    help: 'resume (SIGCONT) the selected or tagged processes (asks first when several)',
    footer: { key: 'r', word: 'Resume', order: 9.3 },
    run: ({ store, services }) => pauseOrResume(store, services, 'SIGCONT'),
  },
  {
    keys: ['w'],
    label: 'w',
    help: 'pool menu: start a pool, add / remove a worker, pause / resume / stop / kill all, workload',
    footer: { key: 'w', word: 'Pool', order: 9.1 },
    run: ({ store }) => store.getState().setMode('pool'),
  },
  { keys: ['W'], label: 'W', help: 'show / hide the pool panel', run: ({ store }) => store.getState().togglePoolPanel() },
  { keys: [' '], label: 'Space', help: 'tag / untag the selected process (and move down)', run: ({ store }) => store.getState().toggleTag() },
  { keys: ['c'], label: 'c', help: 'tag the selected process and all its descendants', run: ({ store }) => store.getState().tagWithDescendants() },
  {
    keys: ['U'],
    label: 'U',
    help: 'untag all (once the tagged processes have exited, keys act on the selection again)',
    run: ({ store }) => store.getState().untagAll(),
  },
  {
    keys: ['f6'],
    label: 'F6',
    help: 'choose the sort column from a list',
    footer: { key: 'F6', word: 'SortBy', order: 6 },
    run: ({ store }) => openSortMenu(store),
  },
  { keys: ['<', ','], label: '<', help: 'sort by the column to the left', run: ({ store }) => store.getState().cycleSort(-1) },
  { keys: ['>', '.'], label: '>', help: 'sort by the column to the right', run: ({ store }) => store.getState().cycleSort(1) },
  { keys: ['P'], label: 'P', help: 'sort by CPU%', run: ({ store }) => sortBy(store, 'cpu') },
  { keys: ['M'], label: 'M', help: 'sort by MEM%', run: ({ store }) => sortBy(store, 'mem') },
  { keys: ['T'], label: 'T', help: 'sort by TIME+', run: ({ store }) => sortBy(store, 'time') },
  { keys: ['I'], label: 'I', help: 'invert the sort order', run: ({ store }) => store.getState().invertSort() },
  { keys: ['u'], label: 'u', help: "show one user's processes (pick from a list)", run: ({ store }) => openUserMenu(store) },
  { keys: ['Z'], label: 'Z', help: 'freeze / unfreeze the screen (sampling goes on)', run: ({ store }) => store.getState().toggleFreeze() },
  {
    keys: ['F'],
    label: 'F',
    help: 'follow the selected process: it keeps its screen line as others move',
    run: ({ store }) => store.getState().toggleFollow(),
  },
  {
    keys: ['h', '?', 'f1'],
    label: 'h ? F1',
    help: 'this help',
    footer: { key: 'F1', word: 'Help', order: 1 },
    run: ({ store }) => store.getState().setMode('help'),
  },
  {
    keys: ['q', 'f10', 'C-c'],
    label: 'q F10 Ctrl-C',
    help: 'quit (the terminal is restored)',
    footer: { key: 'F10', word: 'Quit', order: 10 },
    run: (ctx) => ctx.quit(),
  },
];

function sortBy(store: ActionContext['store'], key: ColumnId): void {
  const { sort } = store.getState().view;
  // P, M, T and N pick a column in its natural direction; pressed again they keep it.
  if (sort.key !== key || sort.inverted) store.getState().setSort(key, false);
}

function openSortMenu(store: ActionContext['store']): void {
  const at = COLUMNS.findIndex((c) => c.id === store.getState().view.sort.key);
  store.getState().setMode('sort', Math.max(0, at));
}

function openUserMenu(store: ActionContext['store']): void {
  const { view } = store.getState();
  const users = userChoices(store.getState().rows);
  store.getState().setMode('user', view.user ? Math.max(0, users.indexOf(view.user) + 1) : 0);
}

/** The users a `u` menu offers: everyone with a process now, sorted; "all users" comes first. */
export function userChoices(rows: readonly { user: string }[]): string[] {
  return [...new Set(rows.map((r) => r.user))].sort((a, b) => a.localeCompare(b));
}

/** The binding for a key name, or undefined. */
export function bindingFor(name: string): KeyBinding | undefined {
  return KEY_TABLE.find((b) => b.keys.includes(name));
}
