// The keyboard of the main screen as one table of key → action, as htop's Action.c: the help
// screen, the footer and the README's key list are all printed from it.
import type { ColumnId } from '../model/columns.js';
import { openChangeMenu, reniceTargets } from '../store/change-actions.js';
import { runningJobs } from '../store/jobs-slice.js';
import { openSignalMenu, pauseOrResume } from '../store/signal-actions.js';
import { detailsLines, sectionLine } from './details-lines.js';
import { SCROLL_STEP } from '../store/view-slice.js';
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
  /** What it changes, for read-only mode's refusal ("sending signals"): set on every key that acts on processes; refused in a replay too. */
  changes?: string;
  /** Reads live processes (the details view): refused in a replay, which shows the past. */
  live?: boolean;
  /** `key`: the key name pressed, for bindings of several keys that differ (the digits). */
  run(ctx: ActionContext, key?: string): void;
}

export const KEY_TABLE: readonly KeyBinding[] = [
  { keys: ['up'], label: '↑', help: 'move the selection up', run: ({ store }) => store.getState().moveBy(-1) },
  { keys: ['down'], label: '↓', help: 'move the selection down', run: ({ store }) => store.getState().moveBy(1) },
  { keys: ['pageup'], label: 'PgUp', help: 'move one page up', run: ({ store }) => store.getState().movePage(-1) },
  { keys: ['pagedown'], label: 'PgDn', help: 'move one page down', run: ({ store }) => store.getState().movePage(1) },
  { keys: ['home'], label: 'Home', help: 'go to the first row', run: ({ store }) => store.getState().moveTo(0) },
  { keys: ['end'], label: 'End', help: 'go to the last row', run: ({ store }) => store.getState().moveTo(-1) },
  {
    keys: ['f2', 'S'],
    label: 'F2 S',
    help: 'setup: columns (add, remove, reorder), colour scheme, tree view, update interval, header meters, screens; saved on exit',
    footer: { key: 'F2', word: 'Setup', order: 2 },
    run: ({ store }) => store.getState().openSetup(),
  },
  {
    keys: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    label: '0-9',
    help: 'go to the process whose PID you type (digits build it up; any other key starts over)',
    run: ({ store }, key) => store.getState().typePidDigit(key ?? ''),
  },
  { keys: ['left'], label: '←', help: 'scroll the command column left', run: ({ store }) => store.getState().scrollSideways(-SCROLL_STEP) },
  {
    keys: ['right'],
    label: '→',
    help: 'scroll the command column right, to read a long command line',
    run: ({ store }) => store.getState().scrollSideways(SCROLL_STEP),
  },
  {
    keys: ['C-a', '^'],
    label: 'Ctrl-A ^',
    help: 'scroll the command column back to its start',
    run: ({ store }) => store.getState().scrollToLineEdge('start'),
  },
  {
    keys: ['C-e', '$'],
    label: 'Ctrl-E $',
    help: "scroll the command column to the end of the selected row's command",
    run: ({ store }) => store.getState().scrollToLineEdge('end'),
  },
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
  {
    keys: ['escape'],
    label: 'Esc',
    help: 'stop waiting for jobs (they run on); else forget the kept search (then N sorts by PID again)',
    run: ({ store }) => (store.getState().waitingFor !== null ? store.getState().stopWaiting() : store.getState().clearSearch()),
  },
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
  {
    keys: ['o'],
    label: 'o',
    help: 'only the selected process and its descendants (tree view: its ancestors dimmed); o again: every process',
    run: ({ store }) => store.getState().toggleSubtree(),
  },
  {
    keys: ['E'],
    label: 'E',
    help: "events: every start, exit, re-queue and orphan of pooltop's own processes, with times",
    run: ({ store }) => store.getState().openEvents(),
  },
  {
    keys: ['J'],
    label: 'J',
    help: 'job-control columns on/off: PGRP (process group), SID (session), TPGID (terminal foreground group)',
    run: ({ store }) => store.getState().toggleJobColumns(),
  },
  {
    keys: ['&'],
    label: '&',
    help: "run a command line in the background (through /bin/sh -c, as a shell's `cmd &`): its own process group, output to a log",
    changes: 'starting a background job',
    run: ({ store }) => store.getState().beginJobLine(),
  },
  {
    keys: ['j'],
    label: 'j',
    help: "jobs pooltop started with &: state, elapsed; Enter shows one's subtree, k signals its group, w waits for it, W for all",
    run: ({ store }) => store.getState().openJobs(),
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
    changes: 'sending signals',
    run: ({ store }) => openSignalMenu(store),
  },
  {
    keys: ['z'],
    label: 'z',
    help: 'pause (SIGSTOP) the selected or tagged processes (asks first when several)',
    footer: { key: 'z', word: 'Pause', order: 9.2 },
    changes: 'pausing (SIGSTOP)',
    run: ({ store, services }) => pauseOrResume(store, services, 'SIGSTOP'),
  },
  {
    keys: ['r'],
    label: 'r',
    help: 'resume (SIGCONT) the selected or tagged processes (asks first when several)',
    footer: { key: 'r', word: 'Resume', order: 9.3 },
    changes: 'resuming (SIGCONT)',
    run: ({ store, services }) => pauseOrResume(store, services, 'SIGCONT'),
  },
  {
    keys: ['w'],
    label: 'w',
    help: 'pool menu: start a pool, add / remove a worker, pause / resume / stop / kill all, workload',
    footer: { key: 'w', word: 'Pool', order: 9.1 },
    changes: 'the pool',
    run: ({ store }) => store.getState().setMode('pool'),
  },
  {
    keys: ['enter'],
    label: 'Enter',
    help: 'details of the selected process: the signals it catches, ignores or blocks, state, threads, open files, environment (Esc back)',
    live: true,
    run: ({ store }) => store.getState().openDetails(),
  },
  {
    keys: ['e'],
    label: 'e',
    help: "details, at the selected process's environment (htop's e)",
    live: true,
    run: ({ store }) => openDetailsAt(store, 'Environment'),
  },
  {
    keys: ['l'],
    label: 'l',
    help: "details, at the selected process's open files (htop's l, without lsof)",
    live: true,
    run: ({ store }) => openDetailsAt(store, 'Open files'),
  },
  {
    keys: [']', 'f7'],
    label: '] F7',
    help: 'renice: nice −1 (higher priority) for the selected or tagged processes; only root may',
    changes: 'renice (higher priority)',
    run: ({ store, services }) => reniceTargets(store, -1, () => services.refreshSoon()),
  },
  {
    keys: ['[', 'f8'],
    label: '[ F8',
    help: 'renice: nice +1 (lower priority) for the selected or tagged processes',
    changes: 'renice (lower priority)',
    run: ({ store, services }) => reniceTargets(store, 1, () => services.refreshSoon()),
  },
  {
    keys: ['i'],
    label: 'i',
    help: 'I/O priority of the selected or tagged processes: none, best-effort 0–7, idle, realtime (ionice)',
    changes: 'setting the I/O priority',
    run: ({ store }) => openChangeMenu(store, 'ionice'),
  },
  {
    keys: ['s'],
    label: 's',
    help: 'strace the selected process (Esc detaches); your own processes, or any as root',
    changes: 'strace',
    run: ({ trace }) => trace.start(),
  },
  { keys: ['W'], label: 'W', help: 'show / hide the pool panel', run: ({ store }) => store.getState().togglePoolPanel() },
  {
    keys: ['g'],
    label: 'g',
    help: 'graphs panel on/off: every core, memory, swap, disks and network over time',
    run: ({ store }) => store.getState().toggleGraphsPanel(),
  },
  { keys: ['G'], label: 'G', help: "CPU meters: bar, or bar and its history graph (htop's graph mode)", run: ({ store }) => store.getState().toggleCpuGraph() },
  { keys: ['{'], label: '{', help: 'graphs: a shorter time span (30 s to 10 min)', run: ({ store }) => store.getState().zoomGraphs(-1) },
  { keys: ['}'], label: '}', help: 'graphs: a longer time span', run: ({ store }) => store.getState().zoomGraphs(1) },
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
  {
    keys: ['tab'],
    label: 'Tab',
    help: "the next screen (Main, I/O…: each its own columns and sort, htop's screen tabs); F2 → Screens adds, renames, removes",
    run: ({ store }) => store.getState().cycleScreen(1),
  },
  { keys: ['S-tab'], label: 'Shift-Tab', help: 'the screen before', run: ({ store }) => store.getState().cycleScreen(-1) },
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
  { keys: ['K'], label: 'K', help: 'show / hide kernel threads (hidden at start, as in htop)', run: ({ store }) => store.getState().toggleKernelThreads() },
  {
    keys: ['H'],
    label: 'H',
    help: 'show / hide user threads: a row per thread (its TID, CPU%, state), under its process in tree view',
    run: ({ store, services }) => {
      store.getState().toggleUserlandThreads();
      // Threads are read by the sample: the next one comes now rather than at the end of the interval.
      services.refreshSoon();
    },
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
    help: 'quit (the terminal is restored); with jobs running it asks first, and a second q ends them',
    footer: { key: 'F10', word: 'Quit', order: 10 },
    run: (ctx) => quitOrAsk(ctx),
  },
];

/** As zsh: the first quit with jobs running says so; the next, pressed right after, ends them and quits. */
function quitOrAsk(ctx: ActionContext): void {
  const state = ctx.store.getState();
  const running = runningJobs(state.jobs).length;
  if (running === 0 || state.quitAsked) return ctx.quit();
  state.setQuitAsked(true);
  const jobs = running === 1 ? 'is 1 running job' : `are ${running} running jobs`;
  state.notify(`There ${jobs} (j lists them): q again ends them (SIGTERM to each job's process group, SIGKILL 2 s later) and quits`, 'warn');
}

function sortBy(store: ActionContext['store'], key: ColumnId): void {
  const { sort } = store.getState().view;
  // P, M, T and N pick a column in its natural direction; pressed again they keep it.
  if (sort.key !== key || sort.inverted) store.getState().setSort(key, false);
}

/** `e` and `l`: the details view, scrolled to one of its sections. */
function openDetailsAt(store: ActionContext['store'], section: 'Environment' | 'Open files'): void {
  store.getState().openDetails();
  const details = store.getState().details;
  if (!details) return;
  const scroll = (state: ReturnType<typeof store.getState>): void => state.scrollDetails(sectionLine(detailsLines(state.details!, 80), section));
  // Opening reads the process at once; should that read not be there yet, scroll when it comes.
  if (details.data) return scroll(store.getState());
  const unsubscribe = store.subscribe((state) => {
    if (state.mode !== 'details' || state.details?.target !== details.target) return unsubscribe();
    if (!state.details.data) return;
    unsubscribe();
    scroll(state);
  });
}

function openSortMenu(store: ActionContext['store']): void {
  const { columns, sort } = store.getState().view;
  const at = columns.indexOf(sort.key);
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
