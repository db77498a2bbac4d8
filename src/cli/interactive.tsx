// The interactive monitor: wires sampler → poller → store → Ink app, takes over the terminal and
// gives it back on every way out (q, Ctrl-C, SIGTERM, SIGQUIT, SIGHUP, an uncaught error).
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PoolManager } from '../pool/pool-manager.js';
import { columnDetails, type ColumnId } from '../model/columns.js';
import { createAppStore, type AppStore } from '../store/app-store.js';
import { watchDetails } from '../store/details-watch.js';
import { connectPool } from '../store/pool-bridge.js';
import { createTraceControl } from '../store/trace-actions.js';
import { readIoPriority } from '../platform/io-priority.js';
import { readProcessDetails } from '../platform/process-details.js';
import { UserNames } from '../sampling/user-names.js';
import { MetersPoller, storeMeters } from '../store/meters-poller.js';
import { Poller } from '../store/poller.js';
import { systemMeterSources } from '../sampling/system-meter-sources.js';
import { createSampler } from '../sampling/create-sampler.js';
import type { ReplaySampler } from '../sampling/replay-sampler.js';
import type { Sampler } from '../sampling/types.js';
import { formatClock } from '../model/replay-time.js';
import type { ActionContext } from '../ui/action-context.js';
import type { MonitorOptions } from './parse-options.js';
import { createBackgroundJobs } from './background-jobs.js';
import type { RunningProgram } from './run-program.js';
import { runtimeStats } from './runtime-stats.js';
import { watchSettingsChanges } from './settings-changes.js';
import { loadSettings, saveSettings, settingsPath } from './settings-file.js';
import { Terminal } from './terminal.js';
import { cursorAddressingProblem } from './terminal-capability.js';

export const NOT_A_TERMINAL =
  'pooltop: the interactive monitor needs a terminal on stdin and stdout; use `pooltop snapshot` (or `pooltop snapshot --json`) for a one-off listing';

/** Exit statuses for the signals that end the monitor: 128 + the signal number, as shells report. */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGQUIT: 131, SIGTERM: 143 };

/** The monitor on the live system, or on a recording (`replay`: signals, renice and the pool off). */
export async function runInteractive(options: MonitorOptions, replay: ReplaySampler | null = null): Promise<number> {
  const { stdin, stdout, stderr } = process;
  if (!stdin.isTTY || !stdout.isTTY) {
    stderr.write(`${NOT_A_TERMINAL}\n`);
    return 1;
  }
  const cannotDraw = cursorAddressingProblem(process.env);
  if (cannotDraw !== null) {
    stderr.write(`${cannotDraw}\n`);
    return 1;
  }
  const settingsFile = settingsPath();
  const loaded = loadSettings(settingsFile);
  const saved = loaded.settings;
  const delayMs = options.given.delay ? options.delayMs : saved.delayTenths * 100;
  const colorChoice = options.given.color ? options.color : saved.color;
  const color = colorChoice && !(options.noColorEnv && !(options.given.color && options.color));
  const store = createAppStore({
    columns: saved.columns,
    colorScheme: options.colorScheme ?? saved.colorScheme,
    delayTenths: Math.round(delayMs / 100),
    sortKey: options.given.sortKey ? options.sortKey : saved.sortKey,
    inverted: options.given.sortKey ? false : saved.sortInverted,
    user: options.user,
    pids: options.pids,
    tree: options.given.tree || saved.tree,
    readonly: options.readonly || saved.readonly,
    hideKernelThreads: saved.hideKernelThreads,
    hideUserlandThreads: saved.hideUserlandThreads,
    showThreadNames: saved.showThreadNames,
    highlightBaseName: saved.highlightBaseName,
    highlightMs: (options.highlightSecs ?? (saved.highlightChanges ? saved.highlightDelaySecs : 0)) * 1000,
    headerLayout: saved.headerLayout,
    screens: saved.screens,
    mainScreenName: saved.mainScreenName,
    hostname: hostname(),
    graphs: { cpuMeter: saved.cpuMeter, panel: saved.graphsPanel, spanSeconds: saved.graphSpan, style: saved.graphStyle, meters: saved.systemMeters },
  });
  // Command-line options apply to this run only: what is saved is what keys changed from here on.
  const settingsChanges = watchSettingsChanges(store);
  const pool = new PoolManager();
  let workersReaped = 0;
  pool.on('worker-exit', () => workersReaped++);
  let program: RunningProgram | null = null;
  if (options.run !== null) {
    const { startProgram } = await import('./run-program.js');
    try {
      program = await startProgram(options.run.file, options.run.args, { reaped: () => workersReaped });
    } catch (error) {
      settingsChanges.stop();
      stderr.write(`pooltop run: ${(error as Error).message}\n`);
      // A shell's status for a command it could not find or run.
      return 127;
    }
  }
  // The exporter (node:http) and the recording's writer (zlib) load only when asked for: a
  // monitor without them starts sooner.
  const metrics = options.metricsListen && (await (await import('./monitor-metrics.js')).startMonitorMetrics(options.metricsListen, options, pool, delayMs));
  const created: Sampler = replay ?? (await createSampler(options.source ?? undefined));
  const recording =
    options.record === null ? null : (await import('./monitor-recording.js')).startMonitorRecording(options.record, store, pool, delayMs, created);
  const recorded = recording ? recording.observe(created) : created;
  const sampler = metrics ? metrics.observe(recorded) : recorded;
  const bridge = connectPool(store, pool);
  const userNames = new UserNames();
  const stopDetails = watchDetails(store, { read: readProcessDetails, ioPriority: (pid) => readIoPriority(pid), userName: (uid) => userNames.name(uid) });
  const trace = createTraceControl(store);
  // Late-bound: the poller that refreshes after a job starts or ends is made below.
  const jobs = createBackgroundJobs(store, { reaped: () => workersReaped }, () => poller.refreshSoon());
  // The pool's wall time and cores busy move on every refresh, not only when it changes.
  // The system meters' readings show with the next sample, in its frame.
  const metersHolder = storeMeters(store);
  const poller = new Poller(sampler, store, delayMs, () => {
    bridge.refresh();
    metersHolder.flush();
  });
  const followSetup = followSetupChanges(store, sampler, poller);
  if (replay) {
    replay.wake = () => poller.refreshSoon(0);
    replay.onFrame = (frame, status) => {
      const state = store.getState();
      // Damage found while playing (a record that does not inflate) is said once, as at the start.
      if (status.damage !== null && state.replay?.damage !== status.damage) state.notify(`this recording is damaged: ${status.damage}`, 'warn');
      state.setReplay(status);
      state.setPool(frame.pool);
      // What the message line said then, with when: the time bar may have moved on since.
      const last = frame.events.at(-1);
      if (last) state.notify(`${formatClock(last.at)} ${last.text}`, last.level);
    };
  }
  // The first sample is taken while Ink and React load (~0.3 s), so the first frame has data.
  poller.start();
  // Frequency, temperatures, batteries and GPUs, each at its own cadence, off the refresh path.
  const meters = saved.systemMeters ? new MetersPoller(metersHolder, systemMeterSources()) : null;
  meters?.start();
  const { render, React, App, StoreContext, ThemeRoot, colorDepth } = await loadUi();
  // The meters read while the UI loaded are in the first frame, with the first sample.
  metersHolder.flush();
  const terminal = new Terminal(stdin, stdout, options.mouse);

  const stats = runtimeStats(process.env.POOLTOP_STATS_FILE);
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));
  let instance: { unmount(): void; waitUntilExit(): Promise<unknown> } | null = null;
  let ending = false;

  const shutdown = (code: number, error?: unknown): void => {
    if (ending) return;
    ending = true;
    poller.stop();
    followSetup();
    // The program's group gets SIGTERM now; the exit below waits for it (SIGKILL after a grace).
    void program?.stop();
    // So do the background jobs' groups; the exit below waits for them too.
    const jobsEnded = jobs.endAll();
    meters?.stop();
    // Workers never outlive pooltop: SIGKILL to each, synchronously, whatever the way out.
    pool.shutdown();
    trace.stop();
    stopDetails();
    bridge.disconnect();
    try {
      instance?.unmount();
    } catch {
      // Unmounting a broken tree may throw; the terminal is restored below regardless.
    }
    terminal.restore();
    sampler.close();
    recording?.close();
    metrics?.close();
    stats?.write();
    settingsChanges.stop();
    const saveError = loaded.saveAllowed ? saveSettings(settingsFile, settingsChanges.values()) : null;
    if (saveError) stderr.write(`pooltop: ${saveError}\n`);
    if (error !== undefined) {
      stderr.write(`pooltop: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    void jobsEnded.then(() => {
      const kept = jobs.closeLogs();
      if (kept !== null) stderr.write(`pooltop: the background jobs' output is kept in ${kept}\n`);
      finish(code);
    });
  };

  const ctx: ActionContext = {
    store,
    quit: () => shutdown(0),
    services: {
      // Workers and the children of family tasks: pooltop started them, so no question is asked.
      startedByPooltop: (pid) => !replay && (pool.isWorker(pid) || pool.isTaskChild(pid)),
      // A SIGSTOP or SIGCONT sent to a worker from the signal menu, z or r: the pool must know.
      signalSent: (pid, signal) => void pool.noteSignal(pid, signal),
      refreshSoon: () => poller.refreshSoon(),
    },
    pool,
    trace,
    jobs,
    ...(replay ? { replay } : {}),
  };
  for (const signal of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) {
    process.on(signal, () => shutdown(SIGNAL_EXIT[signal] ?? 1));
  }
  process.on('uncaughtException', (error) => shutdown(1, error));
  process.on('unhandledRejection', (error) => shutdown(1, error));
  process.on('exit', () => {
    program?.killNow();
    jobs.killNow();
    pool.shutdown();
    terminal.restore();
  });

  terminal.enter();
  instance = render(
    React.createElement(
      StoreContext.Provider,
      { value: store },
      React.createElement(ThemeRoot, { depth: colorDepth(process.env), monochrome: !color }, React.createElement(App, { ctx })),
    ),
    {
      stdin,
      stdout,
      stderr,
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: 30,
      incrementalRendering: false,
      ...(stats ? { onRender: stats.onRender } : {}),
    },
  );
  // Said once the screen is up: messages fade, and loading the UI may take seconds on a busy machine.
  if (loaded.problem) store.getState().notify(loaded.problem, 'warn');
  instance.waitUntilExit().then(
    () => shutdown(0),
    (error: unknown) => shutdown(1, error),
  );
  if (program !== null) {
    store.getState().logEvent(`started PID ${program.pid} (its own process group and session): ${program.label}`);
    watchProgram(store, program, () => poller.refreshSoon());
  }
  if (options.pool !== null && store.getState().readonly) {
    store.getState().notify('read-only (the readonly setting): --pool ignored, no pool started', 'warn');
  } else if (options.pool !== null) {
    const n = options.pool;
    pool.start(n, { stream: store.getState().poolPlan.workload }).then(
      () => store.getState().notify(`pool started: ${n} workers on the primes stream (w for the pool menu)`),
      (error: unknown) => store.getState().notify(`pool did not start: ${error instanceof Error ? error.message : String(error)}`, 'error'),
    );
  }
  if (program === null) return finished;
  const run = program;
  return finished.then(async (code) => {
    // A program still running when the monitor quits is ended with its group: nothing is left behind.
    const end = await run.stop();
    const { exitStatusOf, runReport } = await import('./run-program.js');
    const output = run.output();
    if (output !== '') process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    stderr.write(runReport(run.label, run.pid, end));
    return code === 0 ? exitStatusOf(end) : code;
  });
}

/**
 * `pooltop run`'s view: once a sample shows the program, only it and its descendants, in tree
 * view, it selected and followed; when it ends, the message line says how.
 */
function watchProgram(store: ReturnType<typeof createAppStore>, program: RunningProgram, refreshSoon: () => void): void {
  const shown = store.subscribe((state) => {
    const row = state.rows.find((r) => r.pid === program.pid);
    if (row === undefined) return;
    shown();
    state.showSubtree(row.pid, row.startTime);
    state.selectPid(row.pid);
    store.setState({ follow: true });
    state.notify(`running PID ${program.pid} ${program.label} (o: every process; q: quit, which ends it)`, 'info');
  });
  void program.ended.then(async (end) => {
    const { endText } = await import('./run-program.js');
    shown();
    const secs = (ms: number | null): string => (ms === null ? '?' : `${(ms / 1000).toFixed(2)} s`);
    const text = `PID ${program.pid} ${endText(end)} · real ${secs(end.realMs)} user ${secs(end.userMs)} sys ${secs(end.systemMs)} · q quits · ${program.label}`;
    store.getState().logEvent(`PID ${program.pid} ${endText(end)} after ${secs(end.realMs)}: ${program.label}`, end.code === 0 ? 'info' : 'warn');
    // Said once a sample no longer shows it, so the table's own "PID … exited" news does not
    // cover it; the view it had is then empty, so every process is shown again.
    const gone = store.subscribe((state) => {
      if (state.rows.some((r) => r.pid === program.pid && r.state !== 'Z')) return;
      gone();
      // After the update under way, whose layout may still say the row's news.
      setTimeout(() => {
        if (store.getState().view.subtree?.pid === program.pid) store.getState().toggleSubtree();
        store.getState().notify(text, end.code === 0 ? 'info' : 'warn');
      }, 0);
    });
    refreshSoon();
  });
}

/**
 * What the setup screen changes that lives outside the store: the sampler reads the /proc files
 * the chosen columns need (and no others), the poller takes the chosen interval. Returns the unsubscribe.
 */
function followSetupChanges(store: AppStore, sampler: Sampler, poller: Poller): () => void {
  const apply = (columns: readonly ColumnId[]): void => sampler.wantDetails?.(columnDetails(columns));
  apply(store.getState().view.columns);
  return store.subscribe((state, previous) => {
    if (state.view.columns !== previous.view.columns) apply(state.view.columns);
    if (state.delayTenths !== previous.delayTenths) poller.setIntervalMs(state.delayTenths * 100);
  });
}

/**
 * Ink, React and the app, loaded only for the interactive monitor (so --version and snapshot
 * start fast), from the one bundle that holds them with pooltop's patches to Ink. Ink decides at
 * import time whether it runs under CI (the CI variable) and then renders only the last frame; the
 * monitor always has a real terminal, so hide CI from that check. The environment is put back
 * afterwards: pool workers inherit it.
 */
async function loadUi(): Promise<typeof import('../ui/ui-bundle-entry.js')> {
  const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION, NODE_ENV: process.env.NODE_ENV };
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  // React picks its build when it loads: the development build costs a fifth more CPU per refresh
  // (docs/performance.md) for checks a user of the monitor never sees.
  process.env.NODE_ENV = 'production';
  // chalk (inside Ink) reads --no-color from process.argv and then drops every style, inverse
  // video too, which the monochrome theme needs to show the selection. pooltop has parsed its
  // options already and applies the colour choice through its theme.
  const argv = process.argv;
  process.argv = argv.filter((arg) => arg !== '--no-color' && arg !== '--color');
  const bundle = new URL('../ui/ui-bundle.js', import.meta.url);
  try {
    return (await import(bundle.href)) as typeof import('../ui/ui-bundle-entry.js');
  } catch (error) {
    // Only the bundle's own absence; what it fails to find inside is said as it is.
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && !existsSync(bundle)) {
      throw new Error(`the screen's bundle ${fileURLToPath(bundle)} is missing: run \`npm run build\` (the monitor needs it; snapshot does not)`);
    }
    throw error;
  } finally {
    process.argv = argv;
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
