// The screenshot scenes, in README order: how pooltop is started for each, the keys that lead to
// it, and what the screen must show before it is captured (never a blind sleep).
import { hasMainScreen, plain, readTable } from '../../test/e2e/monitor-screen.js';
import { parseStyledCapture } from '../../test/e2e/sgr-screen.js';
import type { TmuxSession } from '../../test/e2e/tmux-session.js';
import { FAMILY_FILTER, TARGET_SLEEP, type DemoFamily } from './demo-family.js';
import { coreMeters, poolPanel, tableStates } from './monitor-readings.js';
import { applyFilter, nextSample, preferCalm, searchFor, selectPid } from './pooltop-steps.js';

export interface SceneContext {
  /** Workers for "one per core". */
  cores: number;
  /** The demo family, started on first use and shared by the scenes that show it. */
  family(): Promise<DemoFamily>;
}

export interface Scene {
  /** What --only names it by. */
  name: string;
  /** The files' name, without extension. */
  file: string;
  /** One line on what the picture shows: the SVG's title and the run's log. */
  caption: string;
  /** Shows the demo family (which is ended once no scene left to run needs it). */
  usesFamily?: boolean;
  /** pooltop's arguments. */
  args(context: SceneContext): string[];
  /** From pooltop's first full screen to the scene, settled. */
  reach(session: TmuxSession, context: SceneContext): Promise<void>;
  /** Keys that leave the scene for the main screen, where q quits. */
  leave?(session: TmuxSession): Promise<void>;
}

/** Meters at or above this read as a saturated core. */
const FULL = 90;
/** A worker at or above this CPU% has its core to itself: the pool, not other programs, fills the meters. */
const BUSY_WORKER = 80;
/** Meters below this read as an idle core (other programs on the machine keep a little load). */
const IDLE = 12;
/** Scenes not about load prefer a moment when every core is below this… */
const CALM = 50;
/** …but wait no longer than this for one (the test's one scene must stay quick). */
const CALM_BUDGET_MS = 8000;
/** Long enough for a loaded two-core CI machine; the pool's first results take about a second. */
const POOL_TIMEOUT_MS = 30_000;
/** How long the pool runs before its picture: its panel then has results and steady rates. */
const POOL_WARM_SECONDS = 5;
/** Other programs may keep the cores busy for a while: the pool pictures wait for a quiet moment. */
const QUIET_TIMEOUT_MS = 60_000;

export const SCENES: readonly Scene[] = [
  {
    name: 'monitor',
    file: '01-monitor',
    caption: 'The monitor at rest: per-core meters, memory, tasks, load, and every process sorted by CPU%',
    args: () => [],
    reach: async (session) => {
      // The first frame has no CPU% yet (it needs two samples): wait for the next one.
      await nextSample(session);
      await preferCalm(session, CALM, CALM_BUDGET_MS);
    },
  },
  {
    name: 'tree',
    usesFamily: true,
    file: '02-tree',
    caption: `Tree view (t) filtered to "${FAMILY_FILTER}": a shell's family under PID 1, the subshell selected`,
    args: () => [],
    reach: async (session, context) => {
      const family = await context.family();
      await session.sendKeys('t');
      await session.waitFor(/[├└]─ /, { description: 'tree guides' });
      await applyFilter(session, FAMILY_FILTER);
      await showsFamily(session, family);
      await selectPid(session, family.subshell.pid);
      await preferCalm(session, CALM, CALM_BUDGET_MS);
    },
  },
  {
    name: 'signal-menu',
    usesFamily: true,
    file: '03-signal-menu',
    caption: `The signal menu (k) on "${TARGET_SLEEP}", a process the screenshot script started, found with /`,
    args: () => ['--tree'],
    reach: async (session, context) => {
      const family = await onTargetSleep(session, context);
      await session.sendKeys('k');
      await session.waitFor((s) => plain(s).includes(`Send signal to PID ${family.target.pid}`) && /SIGKILL/.test(s), { description: 'the signal menu' });
    },
    leave: async (session) => {
      await session.sendKeys('Escape');
      await session.waitFor((s) => hasMainScreen(s) && !/Send signal to/.test(plain(s)), { description: 'the signal menu closed' });
    },
  },
  {
    name: 'ancestry',
    usesFamily: true,
    file: '04-ancestry',
    caption: `The ancestry panel (a) of "${TARGET_SLEEP}": its chain of parents back to PID 1`,
    args: () => ['--tree'],
    reach: async (session, context) => {
      const family = await onTargetSleep(session, context);
      await session.sendKeys('a');
      await session.waitFor(
        (s) => plain(s).includes(`Ancestry of PID ${family.target.pid}`) && new RegExp(`^\\s*${family.subshell.pid} `, 'm').test(plain(s)),
        { description: 'the ancestry panel' },
      );
    },
    leave: async (session) => {
      await session.sendKeys('Escape');
      await session.waitFor((s) => hasMainScreen(s) && !/Ancestry of PID/.test(plain(s)), { description: 'the ancestry panel closed' });
    },
  },
  {
    name: 'pool',
    file: '05-pool',
    caption: 'A pool of one worker per core (--pool) saturating every core, with the pool panel and its latest results',
    args: (context) => ['--pool', String(context.cores)],
    reach: async (session, context) => {
      await session.waitFor(
        (s) => {
          const pool = poolPanel(s);
          const meters = coreMeters(s);
          return (
            pool !== null &&
            pool.states.length === context.cores &&
            pool.states.every((st) => st === 'R') &&
            pool.cpu.every((c) => c >= BUSY_WORKER) &&
            pool.wallSeconds >= POOL_WARM_SECONDS &&
            pool.done >= 2 * context.cores &&
            meters.length === context.cores &&
            meters.every((m) => m >= FULL)
          );
        },
        {
          timeoutMs: QUIET_TIMEOUT_MS,
          description:
            `${context.cores} workers running for ${POOL_WARM_SECONDS} s, each at ${BUSY_WORKER}% CPU or more, ${2 * context.cores} tasks done ` +
            `and every core meter at ${FULL}% or more (is something else keeping the cores busy?)`,
        },
      );
    },
  },
  {
    name: 'paused-pool',
    file: '06-paused-pool',
    caption: 'The same pool paused from the pool menu (w → Pause all): workers in state T (sorted first by S), the cores idle',
    // Sorted by state, inverted (I), the stopped workers lead the table instead of sinking among
    // the machine's idle processes at 0 % CPU.
    args: (context) => ['--pool', String(context.cores), '--sort-key', 'state'],
    reach: async (session, context) => {
      await session.waitFor(
        (s) => {
          const pool = poolPanel(s);
          return (
            pool !== null &&
            pool.states.length === context.cores &&
            pool.states.every((st) => st === 'R') &&
            pool.wallSeconds >= POOL_WARM_SECONDS &&
            pool.done >= 2 * context.cores
          );
        },
        { timeoutMs: POOL_TIMEOUT_MS, description: `${context.cores} workers running for ${POOL_WARM_SECONDS} s with ${2 * context.cores} tasks done` },
      );
      await session.sendKeys('I');
      // Inverted, the state order is Z T S R I D: sleeping processes lead until the pause.
      await session.waitFor(
        (s) => {
          const first = readTable(s)?.rows[0];
          return first !== undefined && ['Z', 'T', 'S'].includes(tableStates(s).get(first.pid) ?? '');
        },
        { description: 'the table sorted by state, inverted' },
      );
      await session.sendKeys('w');
      await session.waitFor(/Pause all/, { description: 'the pool menu' });
      // The menu: Start, Add, Remove, Pause all…
      await session.sendKeys('Down', 'Down', 'Down');
      await session.waitFor((s) => menuEntryHighlighted(s, 'Pause all'), { colors: true, description: '"Pause all" highlighted' });
      await session.sendKeys('Enter');
      await session.waitFor(
        (s) => {
          const pool = poolPanel(s);
          const meters = coreMeters(s);
          const rows = readTable(s)?.rows ?? [];
          const states = tableStates(s);
          return (
            pool !== null &&
            pool.states.length === context.cores &&
            pool.states.every((st) => st === 'T') &&
            new RegExp(`${context.cores} paused`).test(plain(s)) &&
            // The paused workers lead the table (a zombie elsewhere on the machine may come first).
            pool.pids.every((pid) => states.get(pid) === 'T' && rows.findIndex((r) => r.pid === pid) < context.cores + 2) &&
            meters.length === context.cores &&
            meters.every((m) => m < IDLE)
          );
        },
        {
          timeoutMs: QUIET_TIMEOUT_MS,
          description: `every worker in state T at the top of the table and every core meter below ${IDLE}% (is something else keeping the cores busy?)`,
        },
      );
    },
  },
  {
    name: 'graphs',
    file: '12-graphs',
    caption: 'Graphs (g, G): every core and the pool over the last 30 s, the pool paused and resumed (P, R under its graph), worker sparklines',
    args: (context) => ['--pool', String(context.cores), '-d', '5'],
    reach: async (session) => {
      await nextSample(session);
      await session.sendKeys('{');
      await session.sendKeys('g');
      await session.sendKeys('G');
      // The pool graph's bottom row and the marks under it, as wide as the graph.
      const graph = (s: string): { bottom: string; marks: string } => {
        const lines = plain(s).split('\n');
        const at = lines.findIndex((l) => l.startsWith('busy '));
        const width = at >= 0 ? lines[at]!.search(/ \d+ cores?$/) - 5 : -1;
        if (width <= 0) return { bottom: '', marks: '' };
        return { bottom: (lines[at + 1] ?? '').slice(5).padEnd(width).slice(0, width), marks: (lines[at + 2] ?? '').slice(5, 5 + width) };
      };
      const busyRow = (s: string): string => graph(s).bottom;
      const marks = (s: string): string => graph(s).marks;
      await session.waitFor((s) => /^Graphs · last 30 s/m.test(plain(s)) && (busyRow(s).match(/[⡀-⣿]/g)?.length ?? 0) >= 25, {
        timeoutMs: POOL_TIMEOUT_MS,
        description: 'the graphs panel and 12 s of the pool busy',
      });
      await session.sendKeys('w');
      await session.waitFor(/Pause all/, { description: 'the pool menu' });
      await session.sendKeys('Down', 'Down', 'Down', 'Enter');
      await session.waitFor((s) => marks(s).includes('P') && / {12}$/.test(busyRow(s)), {
        timeoutMs: POOL_TIMEOUT_MS,
        description: 'the pool paused for a few seconds (P, the graph fallen)',
      });
      // The menu's lower entries need the room the graphs panel takes: hide it (its history stays).
      await session.sendKeys('g');
      await session.waitFor((s) => !/^Graphs ·/m.test(plain(s)), { description: 'the graphs panel hidden' });
      await session.sendKeys('w');
      await session.waitFor(/Resume all/, { description: 'the pool menu' });
      await session.sendKeys('Down', 'Down', 'Down', 'Down', 'Enter');
      await session.waitFor((s) => !/Resume all/.test(plain(s)), { description: 'the pool menu closed' });
      await session.sendKeys('g');
      await session.waitFor((s) => marks(s).includes('R') && /[⡀-⣿]{10}$/.test(busyRow(s)), {
        timeoutMs: POOL_TIMEOUT_MS,
        description: 'the pool resumed for a few seconds (R, the graph risen again)',
      });
    },
  },
  {
    name: 'history',
    file: '15-history',
    caption: "Memory's parts over time (used, buffers, cache stacked in the meter's colours) and the CPU graph column: each worker's last 10 refreshes",
    args: (context) => ['--pool', String(context.cores), '-d', '5', '-s', 'cpugraph'],
    reach: async (session) => {
      await nextSample(session);
      // The pool panel hidden (W): the graphs panel then has the room for memory's three rows.
      await session.sendKeys('{', 'g', 'W');
      await session.waitFor((s) => /^Graphs · last 30 s/m.test(plain(s)) && /^\s+.* used \S+ shared /m.test(plain(s)), {
        description: 'the graphs panel with memory in three rows',
      });
      await session.sendKeys('F2');
      await session.waitFor(/Display options/, { description: 'the setup screen' });
      await session.sendKeys('Down', 'Right', 'End');
      await session.waitFor(/\[ \] CPU graph/, { description: 'the CPU graph column, last' });
      await session.sendKeys('Enter');
      await session.waitFor(/column CPU graph added/, { description: 'added' });
      await session.sendKeys('Escape');
      // Sorted by the graph's mean: the workers lead, each with ten refreshes of blocks.
      await session.waitFor((s) => /^\s*\d+ .*[▁-█]{10} pooltop-worker/m.test(plain(s)), {
        timeoutMs: POOL_TIMEOUT_MS,
        description: "a worker's ten refreshes in the CPU graph column",
      });
    },
  },
  {
    name: 'help',
    file: '07-help',
    caption: 'The help screen (h): every key, printed from the same key table that runs them',
    args: () => [],
    reach: async (session) => {
      await nextSample(session);
      await session.sendKeys('h');
      await session.waitFor(/Press any key to return/, { description: 'the help screen' });
    },
    leave: async (session) => {
      await session.sendKeys('Escape');
      await session.waitFor(hasMainScreen, { description: 'the main screen again' });
    },
  },
  {
    name: 'setup',
    file: '08-setup',
    caption: 'The setup screen (F2): the columns shown, in order, then every other column, each with what it is',
    args: () => [],
    reach: async (session) => {
      await nextSample(session);
      await session.sendKeys('F2');
      await session.waitFor(/Display options/, { description: 'the setup screen' });
      await session.sendKeys('Down');
      await session.waitFor(/\[x\] PID\s+process ID/, { description: 'the Columns section' });
      await session.sendKeys('Right', 'End');
      await session.waitFor(/\[ \] COMM\b/, { description: 'the column list, scrolled to its end' });
    },
    leave: async (session) => {
      await session.sendKeys('Escape');
      await session.waitFor(hasMainScreen, { description: 'the main screen again' });
    },
  },
  {
    name: 'scheme',
    file: '09-scheme-nord',
    caption: 'The nord colour scheme (--color-scheme nord) on a 256-colour terminal',
    args: () => ['--color-scheme', 'nord'],
    reach: async (session) => {
      await nextSample(session);
      await preferCalm(session, CALM, CALM_BUDGET_MS);
    },
  },
  {
    name: 'threads',
    file: '10-threads',
    caption: "User threads (H) in tree view: pooltop's own Node threads, each a row with its TID under its process, selected by typing its PID",
    args: () => ['--tree'],
    reach: async (session) => {
      const self = await session.programProcess();
      await session.sendKeys('H');
      await session.waitFor(/user threads shown/, { description: 'threads shown' });
      await session.type(String(self.pid));
      // Its threads follow its row in the tree, drawn under it.
      await session.waitFor(
        (s) => {
          const rows = readTable(s)?.rows ?? [];
          const at = rows.findIndex((r) => r.pid === self.pid && r.selected);
          return at >= 0 && rows.slice(at + 1, at + 4).filter((r) => /[├└]─ /.test(r.command)).length === 3;
        },
        { colors: true, timeoutMs: 10_000, description: `pooltop (PID ${self.pid}) selected with its threads under it` },
      );
    },
  },
  {
    name: 'long-command',
    file: '11-long-command',
    caption: 'A long command line read sideways: → scrolls the command column (here 40 cells), the columns before it stay',
    args: () => ['--sort-key', 'pid'],
    reach: async (session) => {
      const self = await session.programProcess();
      await nextSample(session);
      await session.type(String(self.pid));
      await session.waitFor(new RegExp(`PID ${self.pid} selected`), { description: 'pooltop selected' });
      await session.sendKeys(...Array<string>(8).fill('Right'));
      // Node's options lead pooltop's command line (`node --max-semi-space-size=2 --single-threaded-gc …/bin/pooltop`); scrolled, the launcher's path shows.
      await session.waitFor((s) => (readTable(s)?.rows.find((r) => r.pid === self.pid)?.command ?? '').includes('bin/pooltop'), {
        description: "the end of pooltop's command line",
      });
    },
  },
  {
    name: 'setup-meters',
    file: '13-setup-meters',
    caption: "The setup screen's Meters page: the header's columns, each meter placed with its mode, then every meter, those this machine lacks saying why",
    args: () => [],
    reach: async (session) => {
      await nextSample(session);
      await session.sendKeys('F2', 'Down', 'Down', 'Down');
      await session.waitFor(/Header layout\s+\d columns?/, { description: 'the Meters page' });
      // Only moving: a change would be saved into the settings file of whoever runs this.
      await session.sendKeys('Right', 'Down', 'Down', 'Down');
      await session.waitFor(/\[x\] Memory\s+column 1/, { description: 'the list, Memory highlighted' });
    },
    leave: async (session) => {
      await session.sendKeys('Escape');
      await session.waitFor(hasMainScreen, { description: 'the main screen again' });
    },
  },
  {
    name: 'io-screen',
    file: '14-io-screen',
    caption: "Tab: htop's I/O screen, its own columns (DISK R/W, DISK READ, DISK WRITE) and sort, its tab highlighted above the table",
    args: () => [],
    reach: async (session) => {
      await nextSample(session);
      await session.sendKeys('Tab');
      await session.waitFor(/\[I\/O\][\s\S]*DISK R\/W/, { description: 'the I/O screen' });
      await nextSample(session);
    },
  },
];

/** The family filtered in, the cursor found on the target sleep by search, a calm moment waited for. */
async function onTargetSleep(session: TmuxSession, context: SceneContext): Promise<DemoFamily> {
  const family = await context.family();
  await applyFilter(session, FAMILY_FILTER);
  await showsFamily(session, family);
  await searchFor(session, TARGET_SLEEP, family.target.pid);
  await preferCalm(session, CALM, CALM_BUDGET_MS);
  return family;
}

/** Waits until the table shows the family: its four sleeps (and, in tree view, its shells). */
async function showsFamily(session: TmuxSession, family: DemoFamily): Promise<void> {
  const sleeps = family.members.slice(2).map((p) => p.pid);
  await session.waitFor(
    (s) => {
      const pids = new Set(readTable(s)?.rows.map((r) => r.pid));
      return sleeps.every((pid) => pids.has(pid));
    },
    { description: `the family's sleeps on the table (${sleeps.join(', ')})` },
  );
}

/** Whether the menu entry whose label starts with `label` is drawn highlighted (a -e capture). */
function menuEntryHighlighted(capture: string, label: string): boolean {
  for (const line of parseStyledCapture(capture)) {
    const at = line.text.indexOf(label);
    if (at < 0) continue;
    const style = line.styles[at]!;
    return style.bg !== null || style.inverse;
  }
  return false;
}
