// End to end, `pooltop run`: the class's Python pool program started under pooltop, its tree shown
// alone (tree view, its workers under it), how it ended and bash's time figures printed, nothing
// left behind.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { CLK_TCK } from '../../src/platform/kernel-units.js';
import { plain, readTable, selectedRows } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { endPoolTest } from './pool-workers.js';
import { childrenOf, isRunning, readCmdline, readProc, type ProcRef } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'pool-until.py');

let session: TmuxSession | undefined;
let dir: string | undefined;
let seen: ProcRef[] = [];

afterEach(async () => {
  const [s, p, d] = [session, seen, dir];
  session = undefined;
  seen = [];
  dir = undefined;
  try {
    // The program runs in a session of its own: tmux's sweep of pooltop's tree may not reach it.
    await endPoolTest(s, p, 'the program and its workers ended with it');
  } finally {
    if (d) rmSync(d, { recursive: true, force: true });
  }
});

/** A process's user CPU time so far, in seconds (/proc/PID/stat's utime); 0 once it is gone. */
function userSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[11]) / CLK_TCK;
  } catch {
    return 0;
  }
}

describe('pooltop run', () => {
  it("shows a Python ProcessPoolExecutor's tree alone, says how it ended, prints real/user/sys and exits with its status", async () => {
    dir = mkdtempSync(join(tmpdir(), 'pooltop-run-'));
    const stop = join(dir, 'stop');
    session = await startPooltop(['run', '--', 'python3', FIXTURE, stop], { startTimeoutMs: 30_000 });
    const pooltop = await session.programProcess();
    assert.ok(pooltop);
    const program = childrenOf(pooltop.pid).find((p) => /python3?\S* \S*pool-until\.py/.test(readCmdline(p.pid)));
    assert.ok(program, "python3 is pooltop's child");
    seen.push(program);
    // Its two workers, under it in the tree, and nothing that is not its (ancestors dimmed only).
    const workers = (): ProcRef[] => childrenOf(program.pid).filter((p) => /python3?\S* \S*pool-until\.py/.test(readCmdline(p.pid)));
    await session.waitFor(() => workers().length >= 2, { timeoutMs: 20_000, description: 'two pool workers' });
    seen.push(...workers());
    await session.waitFor(
      (screen) => {
        const pids = new Set(readTable(screen)?.rows.map((r) => r.pid));
        return pids.has(program.pid) && workers().every((w) => pids.has(w.pid)) && /running PID \d+ python3/.test(screen);
      },
      { timeoutMs: 20_000, description: 'the program and its workers on screen' },
    );
    // Every row is the program, one of its workers, or one of its ancestors (dimmed: the tree's context).
    const allowed = new Set([program.pid, ...workers().map((w) => w.pid)]);
    for (let pid = program.pid; pid > 1; ) {
      pid = readProc(pid)?.ppid ?? 0;
      allowed.add(pid);
    }
    for (const row of readTable(await session.capture())?.rows ?? []) assert.ok(allowed.has(row.pid), `the program's, or an ancestor: ${row.text}`);
    // What the workers have spent by now, from /proc: the user time printed at the end must hold it
    // (within two ticks: /proc counts in 10 ms ticks, the children's rusage in microseconds).
    const workersUser = workers().reduce((sum, w) => sum + userSeconds(w.pid), 0);
    writeFileSync(stop, '');
    await session.waitFor(/exited with status 0 · real \d+\.\d\d s user \d+\.\d\d s sys/, { timeoutMs: 20_000, description: 'the end on the message line' });
    // The events line says the last of them; E lists them all, in order, with times.
    await session.waitFor(/^events: \d\d:\d\d:\d\d\.\d{3} {2}PID \d+ exited with status 0 after \d+\.\d\d s: python3/m, { description: 'the events line' });
    await session.sendKeys('E');
    await session.waitFor(
      (screen) =>
        /Events of pooltop's processes/.test(screen) &&
        new RegExp(
          `\\d{3}  started PID ${program.pid} \\(its own process group and session\\): python3[^\\n]*\\n[^\\n]*\\d{3}  PID ${program.pid} exited with status 0 after`,
        ).test(screen),
      { description: 'the events list: the start, then the exit' },
    );
    await session.sendKeys('Escape');
    await session.waitFor((screen) => !/Events of pooltop's processes/.test(screen), { description: 'the list closed' });
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
    // Long lines wrap at the pane's width.
    const screen = plain(await session.capture({ joined: true })).replace(/\s+/g, ' ');
    assert.match(screen, /counted 2 loops, all positive: True/, "the program's output, printed after the monitor");
    assert.match(screen, new RegExp(`pooltop run: PID ${program.pid} python3 \\S+ \\S+ exited with status 0`));
    const times = /real\s+(\d+)m(\d+\.\d{3})s\s+user\s+(\d+)m(\d+\.\d{3})s\s+sys\s+(\d+)m(\d+\.\d{3})s/.exec(screen);
    assert.ok(times, `real, user and sys printed: ${screen}`);
    const [real, user] = [Number(times[1]) * 60 + Number(times[2]), Number(times[3]) * 60 + Number(times[4])];
    assert.ok(
      real > 0 && workersUser > 0 && user >= workersUser - 0.02,
      `the workers' CPU counted in user (real ${real} s, user ${user} s, the workers' ${workersUser} s before the end)`,
    );
  });

  it('q while the program runs ends its whole process group (the program and its workers) and exits with its status', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pooltop-run-'));
    session = await startPooltop(['run', '--', 'python3', FIXTURE, join(dir, 'never')], { startTimeoutMs: 30_000 });
    const pooltop = await session.programProcess();
    const program = childrenOf(pooltop.pid).find((p) => /python3?\S* \S*pool-until\.py/.test(readCmdline(p.pid)));
    assert.ok(program);
    seen.push(program);
    await session.waitFor(() => childrenOf(program.pid).length >= 2, { timeoutMs: 20_000, description: 'two pool workers' });
    const workers = childrenOf(program.pid);
    seen.push(...workers);
    await session.waitFor(/running PID \d+ python3/, { timeoutMs: 20_000 });
    await session.sendKeys('q');
    // SIGTERM to its group: Python ends with 128 + 15, as a shell would report it.
    assert.equal(await session.waitForExit(15_000), 143);
    assert.match(
      plain(await session.capture({ joined: true })).replace(/\s+/g, ' '),
      new RegExp(`pooltop run: PID ${program.pid} .* was killed by SIGTERM \\(15\\)`),
    );
    assert.deepEqual(
      [program, ...workers].filter(isRunning).map((p) => p.pid),
      [],
      'none of the group is left',
    );
  });

  it("k, g, SIGINT: the program's whole process group gets SIGINT, as Ctrl-C would, its members listed first", async () => {
    session = await startPooltop(['run', '--', 'sh', '-c', 'sleep 30 | sleep 31'], { startTimeoutMs: 30_000 });
    const pooltop = await session.programProcess();
    const program = childrenOf(pooltop.pid).find((p) => readCmdline(p.pid).startsWith('sh -c sleep 30'));
    assert.ok(program);
    seen.push(program);
    await session.waitFor(() => childrenOf(program.pid).length === 2, { timeoutMs: 10_000, description: 'both stages' });
    const stages = childrenOf(program.pid);
    seen.push(...stages);
    await session.waitFor(/running PID \d+ sh -c/, { timeoutMs: 20_000 });
    // Only ever on our own child: the selected row must be the program before k.
    await session.waitFor((screen) => selectedRows(screen)[0]?.pid === program.pid, { colors: true, description: 'the program selected' });
    await session.sendKeys('k');
    await session.waitFor(/Send signal to PID \d+ +g: its group/, { description: 'the signal menu' });
    await session.sendKeys('g');
    await session.waitFor(new RegExp(`Send signal to process group ${program.pid} \\(3\\)`), { description: 'the group chosen' });
    await session.sendKeys('2');
    await session.sendKeys('Enter');
    await session.waitFor(
      new RegExp(`Send SIGINT \\(2\\) to process group ${program.pid} \\(3 processes: ${program.pid} sh, \\d+ sleep, \\d+ sleep\\), as Ctrl-C would\\?`),
      { description: 'the question' },
    );
    await session.sendKeys('y');
    await session.waitFor(new RegExp(`PID ${program.pid} was killed by SIGINT \\(2\\)`), { timeoutMs: 10_000, description: 'the end on the message line' });
    assert.deepEqual(
      [program, ...stages].filter(isRunning).map((p) => p.pid),
      [],
      'every member ended',
    );
    assert.ok(isRunning(pooltop), 'pooltop, outside the group, runs on');
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 130);
  });

  it('says so in one line, with status 127, when the program cannot be run', async () => {
    session = await startPooltop(['run', '--', 'no-such-program-pooltop'], { noWait: true });
    assert.equal(await session.waitForExit(), 127);
    assert.match(plain(await session.capture()), /pooltop run: cannot run no-such-program-pooltop: command not found/);
  });
});
