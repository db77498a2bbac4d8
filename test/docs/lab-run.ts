// A program of docs/lab/ run for a test as a real process: under a subreaper of the test's own
// (fixtures/reaper.py), so that whatever it starts — orphans included — can be found and ended
// by PID; its output read line by line as it comes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { descendantsOf, isRunning, readProc, signalProcess, waitUntilGone, type ProcRef } from '../e2e/proc-table.js';

export const LAB = resolve('docs/lab');
const REAPER = resolve('test/docs/fixtures/reaper.py');

/** python3's version ("3.11") and the interpreter itself, found once (pyenv's shim costs ~0.1 s a start). */
function findPython(): { version: string; executable: string } | null {
  const probe = spawnSync('python3', ['-c', 'import sys; print(*sys.version_info[:2], sep="."); print(sys.executable)'], { encoding: 'utf8' });
  const [version, executable] = probe.status === 0 ? probe.stdout.trim().split('\n') : [];
  return version && executable ? { version, executable } : null;
}

const python = findPython();
/** "3.11", or null when there is no python3. */
export const PYTHON = python?.version ?? null;
/** For `skip`: why the lab's Python programs cannot run here, or false. */
export const NO_PYTHON: string | false = python === null ? 'python3 is not installed' : false;

/** Every run not yet killed: ended by killAll (after hooks) even when a test failed half-way. */
const open = new Set<LabRun>();

export class LabRun {
  readonly lines: string[] = [];
  readonly stderr: string[] = [];
  /** The program's exit status as its parent (the reaper) saw it: negative for a signal. */
  status: Promise<number>;
  private waiters: Array<() => void> = [];
  private readonly reaperExited: Promise<void>;

  private constructor(
    private readonly reaperProcess: ChildProcess,
    /** The subreaper: every process of the run is in its subtree. */
    readonly reaper: ProcRef,
    /** The lab program itself. */
    readonly program: ProcRef,
    status: Promise<number>,
  ) {
    this.status = status;
    // 'close', not 'exit': once every process holding the run's output has ended, and every line is in.
    this.reaperExited = new Promise((done) => reaperProcess.once('close', () => done()));
    createInterface({ input: reaperProcess.stdout! }).on('line', (line) => {
      this.lines.push(line);
      for (const wake of this.waiters.splice(0)) wake();
    });
    createInterface({ input: reaperProcess.stderr! }).on('line', (line) => this.stderr.push(line));
  }

  /** Starts `docs/lab/<program>` with `args` (python3 for .py, this node for .mjs); resolves once it runs. */
  static async start(program: string, args: readonly string[] = [], options: { env?: NodeJS.ProcessEnv } = {}): Promise<LabRun> {
    const py = python?.executable ?? 'python3';
    const interpreter = program.endsWith('.mjs') ? process.execPath : py;
    const child = spawn(py, [REAPER, interpreter, resolve(LAB, program), ...args], {
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    const reports = createInterface({ input: child.stdio[3] as NodeJS.ReadableStream });
    let status!: (value: number) => void;
    const statusPromise = new Promise<number>((done) => (status = done));
    const pid = await new Promise<number>((done, fail) => {
      reports.on('line', (line) => {
        const [word, value] = line.split(' ');
        if (word === 'pid') done(Number(value));
        if (word === 'status') status(Number(value));
      });
      child.once('exit', (code) => fail(new Error(`the reaper exited (${code}) before starting ${program}`)));
      child.once('error', fail);
    });
    const reaper = readProc(child.pid!);
    const ref = readProc(pid);
    if (!reaper || !ref) throw new Error(`${program} (PID ${pid}) ended before it could be looked at`);
    const run = new LabRun(child, reaper, ref, statusPromise);
    open.add(run);
    return run;
  }

  /** The program's PID. */
  get pid(): number {
    return this.program.pid;
  }

  /** Everything printed so far, one string. */
  output(): string {
    return this.lines.join('\n');
  }

  /** Waits for a line matching `pattern` (already printed or to come); fails with the output so far. */
  async line(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    return (await this.matches(pattern, 1, timeoutMs))[0]!;
  }

  /** Waits until `count` lines match `pattern`; returns their matches, in the order printed. */
  async matches(pattern: RegExp, count: number, timeoutMs = 15_000): Promise<RegExpMatchArray[]> {
    const deadline = Date.now() + timeoutMs;
    const found: RegExpMatchArray[] = [];
    for (let seen = 0; ; ) {
      for (; seen < this.lines.length; seen++) {
        const match = pattern.exec(this.lines[seen]!);
        if (match && found.push(match) === count) return found;
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      await Promise.race([new Promise<void>((wake) => this.waiters.push(wake)), delay(Math.min(left, 200))]);
    }
    throw new Error(
      `${found.length} of ${count} lines matching ${pattern} within ${timeoutMs} ms; output:\n${this.output()}\nstderr:\n${this.stderr.join('\n')}`,
    );
  }

  /** Waits until the program and everything it started have ended; returns the program's status. */
  async finished(timeoutMs = 30_000): Promise<number> {
    const ended = await Promise.race([this.reaperExited.then(() => true), delay(timeoutMs).then(() => false)]);
    if (!ended) throw new Error(`the run did not end within ${timeoutMs} ms; output:\n${this.output()}`);
    return this.status;
  }

  /** The processes of the run still alive: the subreaper's subtree. */
  processes(): ProcRef[] {
    return descendantsOf(this.reaper.pid).filter(isRunning);
  }

  /**
   * Ends the run: SIGKILL for every process still in the subreaper's subtree (each checked by
   * start time), then the subreaper; returns those that had to be killed. Safe to call twice.
   */
  async kill(): Promise<ProcRef[]> {
    open.delete(this);
    const left = this.processes();
    for (const p of left) signalProcess(p, 'SIGKILL');
    await waitUntilGone(left, 3000);
    this.reaperProcess.stdin?.end();
    if (!(await waitUntilGone([this.reaper], 3000)).length) return left;
    signalProcess(this.reaper, 'SIGKILL');
    await waitUntilGone([this.reaper], 2000);
    return left;
  }
}

/** CPU time `pid` has used (utime + stime, clock ticks), or null once it is gone. */
function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** Waits until `pid` has used `ticks` more clock ticks of CPU than it had when called: it is inside its work. */
export async function waitForCpu(pid: number, ticks: number, timeoutMs = 15_000): Promise<void> {
  const from = cpuTicks(pid);
  if (from === null) throw new Error(`PID ${pid} is gone`);
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await delay(20)) {
    const now = cpuTicks(pid);
    if (now === null) throw new Error(`PID ${pid} ended before using ${ticks} ticks of CPU`);
    if (now - from >= ticks) return;
  }
  throw new Error(`PID ${pid} did not use ${ticks} ticks of CPU within ${timeoutMs} ms`);
}

/** For after / afterEach hooks: ends every run still open; returns what had to be killed. */
export async function killAll(): Promise<ProcRef[]> {
  const killed: ProcRef[] = [];
  for (const run of [...open]) killed.push(...(await run.kill()));
  return killed;
}
