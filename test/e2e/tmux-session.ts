// A program under test running in a real terminal: a detached tmux session on a socket of its
// own, driven by send-keys and read by capture-pane, torn down with everything it started.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { childrenOf, descendantsOf, isRunning, readProc, signalProcess, waitUntilGone, type ProcRef } from './proc-table.js';

const run = promisify(execFile);

export interface TmuxSessionOptions {
  /** The program and its arguments, run (not through a shell's parsing) by `sh -c`, which then prints `EXIT=<status>`. */
  command: readonly string[];
  /** Working directory of the command. */
  cwd?: string;
  /** Terminal size; 120×40 unless told. */
  columns?: number;
  rows?: number;
  /** Variables to set, or to unset with `undefined`, on top of the cleaned environment (see `cleanEnvironment`). */
  env?: Record<string, string | undefined>;
  /** TERM inside the terminal; xterm-256color unless told. */
  term?: string;
  /** A word for the socket's name, to tell sessions apart in `ps` while debugging. */
  label?: string;
  /**
   * Run the program from an interactive bash (`bash -i`: job control, so the program leads a
   * process group of its own in the foreground, as when typed at a prompt) instead of `sh -c`.
   */
  interactiveShell?: boolean;
}

export interface WaitOptions {
  /** Give up after this long; 5 s unless told (CI machines are slow). */
  timeoutMs?: number;
  /** Capture with colours (`capture-pane -e`), for conditions that look at SGR sequences. */
  colors?: boolean;
  /** What is being waited for, for the failure message. */
  description?: string;
}

export type ScreenCondition = RegExp | string | ((screen: string) => boolean);

/** Variables that change how the program or its libraries behave, removed so a run under CI looks like a run at a desk. */
const UNSET = ['CI', 'CONTINUOUS_INTEGRATION', 'TMUX', 'TMUX_PANE', 'NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'LINES', 'COLORTERM'];

/**
 * The shell around the program: prints a banner, runs `"$@"`, records its status in a file and
 * on screen (`EXIT=<status>`, as a person would see it), then waits like an idle prompt until
 * the session is killed, so the terminal can still be read. `trap :` (a handler, not an ignore,
 * which the program would inherit) keeps the shell alive when Ctrl-C reaches the whole group
 * while the program is not in raw mode; read's failure on Ctrl-D does not end the wait either.
 */
const WRAPPER = [
  'trap : INT QUIT',
  'printf "%s\\n" "$E2E_BANNER"',
  '"$@"',
  'status=$?',
  'echo "$status" > "$E2E_STATUS_FILE"',
  'echo "EXIT=$status"',
  'while :; do read -r line || [ -t 0 ] || break; done',
].join('\n');

/** The banner line the shell prints before the program starts: still on screen after a clean exit. */
export const BANNER = '--- e2e: program starting ---';

/** Sessions not yet killed: also ended when the test process exits or is interrupted (see installExitHooks). */
const open = new Set<TmuxSession>();
let counter = 0;
let exitHooksInstalled = false;

/**
 * A tmux server is a daemon in a session of its own: Ctrl-C on `npm test` or a killed test
 * process would leave it, and the program under test, running. So end every open session on exit
 * and on SIGINT / SIGTERM / SIGHUP, then exit as the signal would have.
 */
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const killAll = (): void => {
    for (const session of open) session.killSync();
  };
  process.on('exit', killAll);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(code);
    });
  }
}

export class TmuxSession {
  private killed = false;
  private program: ProcRef | null = null;

  private constructor(
    /** The -L socket name, unique to this session. */
    readonly socket: string,
    /** Where tmux put the socket (removed on kill: tmux leaves it behind). */
    private readonly socketPath: string,
    /** The temporary directory holding the tmux configuration. */
    private readonly dir: string,
    /** The pane, as a send-keys / capture-pane target ("%0"). */
    readonly pane: string,
    /** The shell running the program: the pane's process. */
    readonly shell: ProcRef,
    /** The tmux server. */
    readonly server: ProcRef,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Starts the session (detached) and returns once tmux reports the pane; the program may still be starting. */
  static async start(options: TmuxSessionOptions): Promise<TmuxSession> {
    requireTmux();
    installExitHooks();
    const socket = `pooltop-e2e-${process.pid}-${++counter}${options.label ? `-${options.label}` : ''}`;
    const dir = mkdtempSync(join(tmpdir(), 'pooltop-e2e-'));
    const config = join(dir, 'tmux.conf');
    writeFileSync(
      config,
      [
        // Should the shell itself die, keep its last screen for the failure message (tmux then
        // adds a "Pane is dead" line, scrolling the screen up by one).
        'set-option -g remain-on-exit on',
        // No status line: the program gets the whole window.
        'set-option -g status off',
        `set-option -g default-terminal ${options.term ?? 'xterm-256color'}`,
        '',
      ].join('\n'),
    );
    const env = cleanEnvironment(options.env);
    const columns = options.columns ?? 120;
    const rows = options.rows ?? 40;
    const args = [
      '-u',
      '-L',
      socket,
      '-f',
      config,
      'new-session',
      '-d',
      '-s',
      'e2e',
      '-x',
      String(columns),
      '-y',
      String(rows),
      '-c',
      options.cwd ?? process.cwd(),
      '-e',
      `E2E_BANNER=${BANNER}`,
      '-e',
      `E2E_STATUS_FILE=${join(dir, 'status')}`,
      // pooltop remembers settings between runs: each session gets a fresh, private config folder.
      '-e',
      `XDG_CONFIG_HOME=${options.env?.XDG_CONFIG_HOME ?? join(dir, 'config')}`,
      ...(options.term ? ['-e', `TERM=${options.term}`] : []),
      '-P',
      '-F',
      '#{pane_id} #{pane_pid} #{pid} #{socket_path}',
      '--',
      ...(options.interactiveShell ? ['bash', '--norc', '--noprofile', '-i', '-c', WRAPPER, 'bash'] : ['sh', '-c', WRAPPER, 'sh']),
      ...options.command,
    ];
    let out: string;
    try {
      out = (await run('tmux', args, { env })).stdout.trim();
    } catch (error) {
      // A server that started and then failed leaves its socket behind: remove it too.
      spawnSync('tmux', ['-L', socket, 'kill-server'], { env, stdio: 'ignore' });
      rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket), { force: true });
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`tmux new-session failed: ${(error as Error).message}`);
    }
    const [pane, panePid, serverPid, ...socketPath] = out.split(' ');
    const shell = readProc(Number(panePid)) ?? { pid: Number(panePid), ppid: 0, state: '?', startTime: -1 };
    const server = readProc(Number(serverPid)) ?? { pid: Number(serverPid), ppid: 0, state: '?', startTime: -1 };
    const session = new TmuxSession(socket, socketPath.join(' '), dir, pane ?? '', shell, server, env);
    open.add(session);
    return session;
  }

  /** Runs a tmux command on this session's server; returns its standard output. */
  async tmux(...args: string[]): Promise<string> {
    return (await run('tmux', ['-L', this.socket, ...args], { env: this.env })).stdout;
  }

  /** Presses keys, in tmux's names: `Enter`, `Escape`, `F3`, `PageDown`, `Home`, `C-c`, `q`… */
  async sendKeys(...keys: string[]): Promise<void> {
    await this.tmux('send-keys', '-t', this.pane, '--', ...keys);
  }

  /** Types text literally (no key-name lookup), as one burst of input. */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', this.pane, '-l', '--', text);
  }

  /** The screen as text, one line per terminal row (trailing blanks trimmed); with `colors`, including SGR sequences (see sgr-screen.ts). */
  /** The screen's text; `joined`: lines the terminal wrapped are one line again (tmux -J), as a program printed them. */
  async capture(options: { colors?: boolean; joined?: boolean } = {}): Promise<string> {
    return this.tmux('capture-pane', '-p', ...(options.colors ? ['-e'] : []), ...(options.joined ? ['-J'] : []), '-t', this.pane);
  }

  /** Polls the screen every ~100 ms until `condition` holds; returns that screen, or fails with the last one. */
  async waitFor(condition: ScreenCondition, options: WaitOptions = {}): Promise<string> {
    const timeoutMs = options.timeoutMs ?? 5000;
    const test = toPredicate(condition);
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    for (;;) {
      screen = await this.capture({ colors: options.colors });
      if (test(screen)) return screen;
      if (Date.now() >= deadline) break;
      await delay(100);
    }
    const what = options.description ?? String(condition);
    const dead = this.exitStatus();
    const ended = dead === null ? '' : ` (the program has ended, status ${dead})`;
    throw new Error(`waitFor timed out after ${timeoutMs} ms waiting for ${what}${ended}; last screen:\n${screenForHumans(screen)}`);
  }

  /** Resizes the terminal; the program gets SIGWINCH. */
  async resize(columns: number, rows: number): Promise<void> {
    await this.tmux('resize-window', '-t', this.pane, '-x', String(columns), '-y', String(rows));
  }

  /** The terminal's size as tmux has it. */
  async size(): Promise<{ columns: number; rows: number }> {
    const [columns, rows] = (await this.format('#{pane_width} #{pane_height}')).split(' ').map(Number);
    return { columns: columns ?? 0, rows: rows ?? 0 };
  }

  /** A tmux format expanded for the pane, e.g. '#{alternate_on}'. */
  async format(format: string): Promise<string> {
    return (await this.tmux('display-message', '-p', '-t', this.pane, format)).trim();
  }

  /** Whether the terminal shows its alternate screen (a full-screen program took it and has not given it back). */
  async alternateScreen(): Promise<boolean> {
    return (await this.format('#{alternate_on}')) === '1';
  }

  /** Whether the cursor is shown. */
  async cursorVisible(): Promise<boolean> {
    return (await this.format('#{cursor_flag}')) === '1';
  }

  /** The program's exit status once it has ended (as the shell saw it: 128 + n for signal n), else null. */
  exitStatus(): number | null {
    let text: string;
    try {
      text = readFileSync(join(this.dir, 'status'), 'utf8');
    } catch {
      return null;
    }
    // The shell's echo writes status and newline at once; without the newline it is still being written.
    const match = /^(\d+)\n$/.exec(text);
    return match ? Number(match[1]) : null;
  }

  /** Waits for the program to end; returns its exit status. */
  async waitForExit(timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = this.exitStatus();
      if (status !== null) return status;
      if (Date.now() >= deadline) break;
      await delay(100);
    }
    throw new Error(`the program did not exit within ${timeoutMs} ms; last screen:\n${screenForHumans(await this.capture())}`);
  }

  /**
   * The program's process (the shell's child), once it has started. For bin/pooltop this is the
   * node process itself: the sh of its #! line execs node. Remembered, so kill() can make sure it
   * has ended.
   */
  async programProcess(timeoutMs = 5000): Promise<ProcRef> {
    if (this.program) return this.program;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [child] = childrenOf(this.shell.pid).filter((c) => c.state !== 'Z');
      if (child) {
        this.program = child;
        return child;
      }
      if (Date.now() >= deadline) throw new Error(`no program process under the pane's shell (PID ${this.shell.pid})`);
      await delay(50);
    }
  }

  /** The program's PID; see programProcess. */
  async programPid(timeoutMs = 5000): Promise<number> {
    return (await this.programProcess(timeoutMs)).pid;
  }

  /**
   * Ends the session: kill-server (the shell and the program get SIGHUP), then SIGKILL for any
   * process under the pane that is still there after 3 s. Returns the processes that had to be
   * killed that way — a test about clean shutdown can assert the list is empty. Safe to call twice.
   */
  async kill(): Promise<ProcRef[]> {
    if (this.killed) return [];
    this.killed = true;
    open.delete(this);
    const ours = this.ownedProcesses();
    try {
      await this.tmux('kill-server');
    } catch {
      // The server had already gone.
    }
    const stubborn = await waitUntilGone(ours, 3000);
    for (const ref of stubborn) signalProcess(ref, 'SIGKILL');
    await waitUntilGone([...stubborn, this.server], 2000);
    this.removeFiles();
    return stubborn;
  }

  /** kill() for a process that is exiting: synchronous, best effort. */
  killSync(): void {
    if (this.killed) return;
    this.killed = true;
    open.delete(this);
    const ours = this.ownedProcesses();
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { env: this.env, stdio: 'ignore' });
    for (const ref of ours) if (ref.pid !== this.server.pid) signalProcess(ref, 'SIGKILL');
    this.removeFiles();
  }

  /** The shell, the program and everything under them, plus the server: what this session started. */
  private ownedProcesses(): ProcRef[] {
    const refs = [this.shell, ...descendantsOf(this.shell.pid), this.server];
    if (this.program) refs.push(this.program);
    return refs.filter((r) => r.pid >= 2 && isRunning(r));
  }

  private removeFiles(): void {
    try {
      if (this.socketPath) unlinkSync(this.socketPath);
    } catch {
      // Already removed.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The test process's environment less what changes behaviour, plus `extra` (undefined unsets). */
function cleanEnvironment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of UNSET) delete env[name];
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function toPredicate(condition: ScreenCondition): (screen: string) => boolean {
  if (typeof condition === 'function') return condition;
  if (typeof condition === 'string') return (screen) => screen.includes(condition);
  return (screen) => condition.test(screen);
}

/** A capture made printable for an error message: escapes shown as \e, the frame fenced. */
function screenForHumans(screen: string): string {
  return `┌${'─'.repeat(40)}\n${screen.replace(/\x1b/g, '\\e')}\n└${'─'.repeat(40)}`;
}

let tmuxChecked = false;
function requireTmux(): void {
  if (tmuxChecked) return;
  const probe = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('tmux is needed for the end-to-end tests and was not found (.ci/run installs it with apt-get)');
  }
  tmuxChecked = true;
}
