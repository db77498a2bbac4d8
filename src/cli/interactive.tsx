// The interactive monitor: wires sampler → poller → store → Ink app, takes over the terminal and
// gives it back on every way out (q, Ctrl-C, SIGTERM, SIGQUIT, SIGHUP, an uncaught error).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PoolManager } from '../pool/pool-manager.js';
import { createAppStore } from '../store/app-store.js';
import { connectPool } from '../store/pool-bridge.js';
import { Poller } from '../store/poller.js';
import { createSampler } from '../sampling/create-sampler.js';
import type { ActionContext } from '../ui/action-context.js';
import { startMonitorMetrics } from './monitor-metrics.js';
import type { MonitorOptions } from './parse-options.js';
import { runtimeStats } from './runtime-stats.js';
import { watchSettingsChanges } from './settings-changes.js';
import { loadSettings, saveSettings, settingsPath } from './settings-file.js';
import { Terminal } from './terminal.js';
import { cursorAddressingProblem } from './terminal-capability.js';

const NOT_A_TERMINAL =
  'pooltop: the interactive monitor needs a terminal on stdin and stdout; use `pooltop snapshot` (or `pooltop snapshot --json`) for a one-off listing';

/** Exit statuses for the signals that end the monitor: 128 + the signal number, as shells report. */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGQUIT: 131, SIGTERM: 143 };

export async function runInteractive(options: MonitorOptions): Promise<number> {
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
    sortKey: options.given.sortKey ? options.sortKey : saved.sortKey,
    inverted: options.given.sortKey ? false : saved.sortInverted,
    user: options.user,
    pids: options.pids,
    tree: options.given.tree || saved.tree,
  });
  // Command-line options apply to this run only: what is saved is what keys changed from here on.
  const settingsChanges = watchSettingsChanges(store);
  const pool = new PoolManager();
  const metrics = options.metricsListen && (await startMonitorMetrics(options.metricsListen, options, pool, delayMs));
  const created = await createSampler(options.source ?? undefined);
  const sampler = metrics ? metrics.observe(created) : created;
  const bridge = connectPool(store, pool);
  // The pool's wall time and cores busy move on every refresh, not only when it changes.
  const poller = new Poller(sampler, store, delayMs, bridge.refresh);
  // The first sample is taken while Ink and React load (~0.3 s), so the first frame has data.
  poller.start();
  const { render, React, App, StoreContext, ThemeContext, COLOR_THEME, MONO_THEME } = await loadUi();
  const terminal = new Terminal(stdin, stdout);

  const stats = runtimeStats(process.env.POOLTOP_STATS_FILE);
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));
  let instance: { unmount(): void; waitUntilExit(): Promise<unknown> } | null = null;
  let ending = false;

  const shutdown = (code: number, error?: unknown): void => {
    if (ending) return;
    ending = true;
    poller.stop();
    // Workers never outlive pooltop: SIGKILL to each, synchronously, whatever the way out.
    pool.shutdown();
    bridge.disconnect();
    try {
      instance?.unmount();
    } catch {
      // Unmounting a broken tree may throw; the terminal is restored below regardless.
    }
    terminal.restore();
    sampler.close();
    metrics?.close();
    stats?.write();
    settingsChanges.stop();
    const saveError = loaded.saveAllowed ? saveSettings(settingsFile, settingsChanges.values()) : null;
    if (saveError) stderr.write(`pooltop: ${saveError}\n`);
    if (error !== undefined) {
      stderr.write(`pooltop: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    finish(code);
  };

  const ctx: ActionContext = {
    store,
    quit: () => shutdown(0),
    services: {
      // Workers and the children of family tasks: pooltop started them, so no question is asked.
      startedByPooltop: (pid) => pool.isWorker(pid) || pool.isTaskChild(pid),
      // A SIGSTOP or SIGCONT sent to a worker from the signal menu, z or r: the pool must know.
      signalSent: (pid, signal) => void pool.noteSignal(pid, signal),
      refreshSoon: () => poller.refreshSoon(),
    },
    pool,
  };
  for (const signal of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) {
    process.on(signal, () => shutdown(SIGNAL_EXIT[signal] ?? 1));
  }
  process.on('uncaughtException', (error) => shutdown(1, error));
  process.on('unhandledRejection', (error) => shutdown(1, error));
  process.on('exit', () => {
    pool.shutdown();
    terminal.restore();
  });

  terminal.enter();
  instance = render(
    React.createElement(
      ThemeContext.Provider,
      { value: color ? COLOR_THEME : MONO_THEME },
      React.createElement(StoreContext.Provider, { value: store }, React.createElement(App, { ctx })),
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
  if (options.pool !== null) {
    const n = options.pool;
    pool.start(n, { stream: store.getState().poolPlan.workload }).then(
      () => store.getState().notify(`pool started: ${n} workers on the primes stream (w for the pool menu)`),
      (error: unknown) => store.getState().notify(`pool did not start: ${error instanceof Error ? error.message : String(error)}`, 'error'),
    );
  }
  return finished;
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
