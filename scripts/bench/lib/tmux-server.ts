// A private tmux server (its own socket, no config file) that runs programs in detached sessions of
// a fixed size, so the bench can watch their screens and stop exactly what it started.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { onCleanup } from './cleanup.js';
import { OwnedProcess } from './owned-process.js';

export interface Pane {
  readonly session: string;
  readonly process: OwnedProcess;
  /** performance.now() just before the session was asked for. */
  readonly spawnedAt: number;
}

/** Servers started by this process, so each has a socket of its own. */
let servers = 0;

export class TmuxServer {
  readonly socket: string;
  private server: OwnedProcess | null = null;
  private socketPath: string | null = null;
  private readonly panes: Pane[] = [];
  private readonly unregister: () => void;

  /** Each server has a socket of its own (its CPU is then its programs'); `name` only labels it. */
  constructor(name?: string) {
    const label = name === undefined ? '' : `-${name.replace(/\W+/g, '-')}`;
    this.socket = `pooltop-bench-${process.pid}-${++servers}${label}`;
    this.unregister = onCleanup(() => this.killNow());
  }

  /** The server's PID once a session has started it, else null. */
  get serverPid(): number | null {
    return this.server?.alive ? this.server.pid : null;
  }

  /** Starts `argv` (executed directly, no shell) in a new detached session of width × height. */
  start(session: string, argv: string[], size: { width: number; height: number }, env: Record<string, string> = {}): Pane {
    const envArgs = Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    const spawnedAt = performance.now();
    const out = this.tmux([
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      String(size.width),
      '-y',
      String(size.height),
      '-P',
      '-F',
      '#{pane_pid}',
      ...envArgs,
      '--',
      ...argv,
    ]);
    const pid = Number(out.trim());
    if (!Number.isInteger(pid) || pid < 2) throw new Error(`tmux gave no pane PID for ${session}: ${out}`);
    if (!this.server) {
      const [serverPid, socketPath] = this.tmux(['display-message', '-p', '#{pid} #{socket_path}']).trim().split(' ');
      this.server = new OwnedProcess(Number(serverPid));
      this.socketPath = socketPath ?? null;
    }
    const pane = { session, process: new OwnedProcess(pid), spawnedAt };
    this.panes.push(pane);
    return pane;
  }

  /** The pane's screen as text, or '' once the session is gone. */
  capture(pane: Pane): string {
    const result = spawnSync('tmux', ['-L', this.socket, 'capture-pane', '-p', '-t', pane.session], { encoding: 'utf8' });
    return result.status === 0 ? result.stdout : '';
  }

  sendKeys(pane: Pane, ...keys: string[]): void {
    spawnSync('tmux', ['-L', this.socket, 'send-keys', '-t', pane.session, ...keys], { stdio: 'ignore' });
  }

  /** Polls the screen until `ready` accepts it; returns ms since the session was asked for, or null on timeout. */
  async waitForScreen(pane: Pane, ready: (screen: string) => boolean, timeoutMs = 20_000, everyMs = 20): Promise<number | null> {
    const deadline = pane.spawnedAt + timeoutMs;
    while (performance.now() < deadline) {
      if (ready(this.capture(pane))) return performance.now() - pane.spawnedAt;
      if (!pane.process.alive) return null;
      await sleep(everyMs);
    }
    return null;
  }

  /** Asks the program to quit with `keys`, then SIGTERM, then SIGKILL, waiting a little between. */
  async stop(pane: Pane, ...keys: string[]): Promise<void> {
    if (keys.length > 0) this.sendKeys(pane, ...keys);
    if (await pane.process.waitForExit(3_000)) return;
    pane.process.signal('SIGTERM');
    if (await pane.process.waitForExit(2_000)) return;
    pane.process.signal('SIGKILL');
    await pane.process.waitForExit(2_000);
  }

  /** Ends every pane program and the server. Safe to call more than once. */
  close(): void {
    this.killNow();
    this.unregister();
  }

  private killNow(): void {
    for (const pane of this.panes) pane.process.signal('SIGKILL');
    if (this.server?.alive) {
      const killed = spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' }).status === 0;
      if (!killed) this.server.signal('SIGKILL');
      // Synchronous (this also runs in process.on('exit')): wait up to a second for it to go.
      const pause = new Int32Array(new SharedArrayBuffer(4));
      for (let i = 0; i < 100 && this.server.alive; i++) Atomics.wait(pause, 0, 0, 10);
    }
    // A tmux server that ends leaves its socket file behind; it is ours, so it goes too.
    if (this.socketPath?.endsWith(`/${this.socket}`) && !this.server?.alive) rmSync(this.socketPath, { force: true });
    this.panes.length = 0;
    this.server = null;
    this.socketPath = null;
  }

  private tmux(args: string[]): string {
    const result = spawnSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr.trim()}`);
    return result.stdout;
  }
}
