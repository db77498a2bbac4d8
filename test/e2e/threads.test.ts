// End to end, the keys an htop user reaches for: H (a row per user thread, under its process, its
// own CPU%, a signal to it reaching the whole process), K (kernel threads), digits (jump to a PID),
// ← → Ctrl-A Ctrl-E (a long command line read sideways), and -H (new and exited processes
// highlighted) — on processes this test starts.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { plain, readTable, type TableRow } from './monitor-screen.js';
import { REPO_ROOT, startPooltop } from './pooltop-session.js';
import { readProc, signalProcess, waitUntilGone, type ProcRef } from './proc-table.js';
import { parseStyledCapture } from './sgr-screen.js';
import type { TmuxSession } from './tmux-session.js';

const FIXTURE = join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'named-threads.py');
// python3 is not on every machine: the thread tests say so and skip.
const python = ['python3', 'python'].find((name) => spawnSync(name, ['--version']).status === 0);
const root = mkdtempSync(join(tmpdir(), 'pooltop-threads-'));
const started: ProcRef[] = [];
let session: TmuxSession | undefined;
/** The threaded process: its PID and the TIDs of its busy and idle threads. */
let threaded: { child: ChildProcess; pid: number; busy: number; idle: number } | undefined;

before(async () => {
  if (!python) return;
  // Its stdin is a pipe from this test: should the test die, the fixture reads EOF and ends.
  const child = spawn(python, [FIXTURE], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await Promise.race([
    once(child.stdout!, 'data'),
    new Promise((_, reject) => setTimeout(() => reject(new Error('the threads fixture did not start')), 10_000)),
  ])) as [Buffer];
  const [, pid, busy, idle] = /^ready (\d+) (\d+) (\d+)/.exec(line.toString())!.map(Number);
  const ref = readProc(pid!);
  assert.ok(ref && ref.ppid === process.pid, 'the fixture is our own child');
  started.push(ref);
  threaded = { child, pid: pid!, busy: busy!, idle: idle! };
});

afterEach(async () => {
  await session?.kill();
  session = undefined;
});

after(async () => {
  for (const ref of started) signalProcess(ref, 'SIGKILL');
  await waitUntilGone(started, 3000);
  rmSync(root, { recursive: true, force: true });
});

/** A fresh XDG_CONFIG_HOME holding `settings`. */
function configHome(settings: object): string {
  const home = mkdtempSync(join(root, 'home-'));
  mkdirSync(join(home, 'pooltop'), { mode: 0o700 });
  writeFileSync(join(home, 'pooltop', 'config.json'), JSON.stringify(settings));
  return home;
}

const rowOf = (screen: string, pid: number): TableRow | undefined => readTable(screen)?.rows.find((r) => r.pid === pid);
/** CPU% of a row as drawn: the number before MEM%, TIME+ and the core. */
const cpuOf = (row: TableRow | undefined): number => Number(/ (\d+\.\d)\s+\d+\.\d\s+\d+:\d\d\.\d\d\s+\d+ /.exec(row?.text ?? '')?.[1] ?? NaN);

describe('threads (H) and kernel threads (K)', () => {
  it('H shows each thread as a row under its process, with its TID, own name, own CPU%; H hides them', { skip: !python && 'needs python3' }, async () => {
    const { pid, busy, idle } = threaded!;
    session = await startPooltop(['-t', '-p', String(pid)], { env: { XDG_CONFIG_HOME: configHome({ showThreadNames: true }) } });
    await session.waitFor((s) => rowOf(s, pid) !== undefined, { description: 'the process row' });
    assert.equal(rowOf(await session.capture(), busy), undefined, 'no thread rows at start, as in htop');
    await session.sendKeys('H');
    // The busy thread spends about a third of a core, the idle one none: wait for a refresh that measured both.
    const screen = await session.waitFor((s) => cpuOf(rowOf(s, busy)) >= 3 && rowOf(s, idle) !== undefined, {
      timeoutMs: 10_000,
      description: 'both thread rows, the busy one with CPU%',
    });
    const table = readTable(screen)!;
    const at = (tid: number): number => table.rows.findIndex((r) => r.pid === tid);
    assert.ok(at(pid) >= 0 && at(busy) > at(pid) && at(idle) > at(pid), `threads after their process:\n${plain(screen)}`);
    assert.match(rowOf(screen, busy)!.command, /[├└]─ pt-busy$/);
    assert.match(rowOf(screen, idle)!.command, /[├└]─ pt-idle$/);
    assert.equal(cpuOf(rowOf(screen, idle)), 0);
    // Each thread as /proc/PID/task lists it (the main thread is the process's own row), and nothing else under it.
    const tids = table.rows
      .slice(at(pid) + 1)
      .map((r) => r.pid)
      .sort();
    assert.deepEqual(tids, [busy, idle].sort());
    assert.ok(existsSync(`/proc/${pid}/task/${busy}`) && existsSync(`/proc/${pid}/task/${idle}`));
    // Drawn in htop's thread colour.
    const coloured = parseStyledCapture(await session.capture({ colors: true })).find((l) => l.text.includes('pt-idle'));
    assert.equal(coloured?.styles[coloured.text.indexOf('pt-idle')]?.fg, 2, 'green');
    await session.sendKeys('H');
    await session.waitFor((s) => rowOf(s, busy) === undefined && rowOf(s, pid) !== undefined, { description: 'threads hidden again' });
  });

  it('a signal to a thread, picked by typing its TID, reaches the whole process, and says so', { skip: !python && 'needs python3' }, async () => {
    const { pid, busy } = threaded!;
    session = await startPooltop(['-s', 'pid', '-p', String(pid)]);
    await session.sendKeys('H');
    await session.waitFor((s) => rowOf(s, busy) !== undefined, { timeoutMs: 10_000, description: 'the thread rows' });
    await session.type(String(busy));
    await session.waitFor(new RegExp(`PID ${busy} selected`), { description: 'the typed TID selected' });
    const selected = readTable(await session.capture({ colors: true }))!.rows.find((r) => r.selected);
    assert.equal(selected?.pid, busy);
    // Our own child's thread, checked just before: the test started it.
    assert.equal(readProc(pid)?.ppid, process.pid);
    await session.sendKeys('z');
    await session.waitFor(new RegExp(`sent SIGSTOP \\(19\\) to thread ${busy} of PID ${pid}, so to its whole process`), {
      description: "the thread's signal message",
    });
    // The group stop reaches the main thread a moment after kill(2) returns.
    assert.ok(await stateBecomes(pid, (state) => state === 'T'), 'the whole process stopped');
    await session.sendKeys('r');
    await session.waitFor(/sent SIGCONT/, { description: 'resumed' });
    assert.ok(await stateBecomes(pid, (state) => state !== 'T'), 'the whole process resumed');
  });

  it('K shows kernel threads, hidden at start as in htop; K hides them again', { skip: !hasKthreadd() && 'no kthreadd in this PID namespace' }, async () => {
    session = await startPooltop(['-s', 'pid']);
    assert.equal(rowOf(await session.capture(), 2), undefined, 'kthreadd hidden at start');
    await session.sendKeys('K');
    const screen = await session.waitFor((s) => rowOf(s, 2) !== undefined && /kernel threads shown/.test(s), { description: 'kthreadd shown' });
    assert.match(rowOf(screen, 2)!.command, /\[kthreadd\]/);
    await session.sendKeys('K');
    await session.waitFor((s) => rowOf(s, 2) === undefined, { description: 'kthreadd hidden again' });
  });
});

describe('reading a long command line and moving like htop', () => {
  const END = `END${process.pid}`;
  let long: ProcRef | undefined;
  before(async () => {
    // A Node process that ignores the arguments after its script: ~240 characters, END at the end,
    // and nothing under it to outlive it.
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'x'.repeat(200), END], { stdio: 'ignore' });
    long = readProc(child.pid!) ?? undefined;
    assert.ok(long);
    started.push(long);
  });

  it('→ scrolls the command column by 5, ← back; Ctrl-E shows the end of the selected command, Ctrl-A its start', async () => {
    session = await startPooltop(['-p', String(long!.pid)]);
    const first = await session.waitFor((s) => rowOf(s, long!.pid) !== undefined, { description: 'the long row' });
    const start = `${process.execPath} -e setInterval`;
    assert.ok(rowOf(first, long!.pid)!.command.startsWith(start), rowOf(first, long!.pid)!.command);
    const pidColumn = rowOf(first, long!.pid)!.text.slice(0, 20);
    await session.sendKeys('Right');
    const screen = await session.waitFor((s) => (rowOf(s, long!.pid)?.command ?? '').startsWith(start.slice(5)), { description: 'scrolled by 5' });
    assert.equal(rowOf(screen, long!.pid)!.text.slice(0, 20), pidColumn, 'the columns before the command stay');
    await session.sendKeys('Left');
    await session.waitFor((s) => (rowOf(s, long!.pid)?.command ?? '').startsWith(start), { description: 'back at the start' });
    await session.sendKeys('C-e');
    await session.waitFor((s) => (rowOf(s, long!.pid)?.command ?? '').endsWith(END), { description: 'the end of the line' });
    await session.sendKeys('^');
    await session.waitFor((s) => (rowOf(s, long!.pid)?.command ?? '').startsWith(start), { description: '^ back at the start' });
    await session.sendKeys('$');
    await session.waitFor((s) => (rowOf(s, long!.pid)?.command ?? '').endsWith(END), { description: '$ at the end' });
    await session.sendKeys('C-a');
    await session.waitFor((s) => (rowOf(s, long!.pid)?.command ?? '').startsWith(start), { description: 'Ctrl-A back at the start' });
  });

  it('digits jump to the typed PID; another key starts over', async () => {
    session = await startPooltop(['-s', 'pid']);
    await session.type(String(long!.pid));
    const screen = await session.waitFor(new RegExp(`PID ${long!.pid} selected`), { description: 'the typed PID selected', colors: true });
    assert.equal(readTable(screen)!.rows.find((r) => r.selected)?.pid, long!.pid);
    await session.sendKeys('Down');
    await session.type('1');
    await session.waitFor(/PID 1 selected/, { description: 'a new PID after another key' });
  });
});

describe('-H: new and exited processes highlighted', () => {
  it('draws a process that just started on green, one that exited on red for one refresh, then not at all', async () => {
    const marker = String(930_000_000 + process.pid);
    // The first row is selected (and drawn as such): an older process of the filter's holds it.
    const older = spawn('sleep', [`1${marker}`], { stdio: 'ignore' });
    started.push(readProc(older.pid!)!);
    session = await startPooltop(['-H', '-d', '5', '-s', 'pid']);
    await session.sendKeys('\\');
    await session.type(marker);
    await session.sendKeys('Enter');
    await session.waitFor(new RegExp(`filter "${marker}"`), { description: 'the filter' });
    const child = spawn('sleep', [marker], { stdio: 'ignore' });
    const ref = readProc(child.pid!)!;
    started.push(ref);
    await session.waitFor((s) => background(s, marker) === 2, { colors: true, description: 'the new sleep on green' });
    // Our own child, by PID and start time.
    assert.ok(signalProcess(ref, 'SIGKILL'));
    await once(child, 'exit');
    await session.waitFor((s) => background(s, marker) === 1, { colors: true, timeoutMs: 5000, description: 'the exited sleep on red' });
    await session.waitFor((s) => !new RegExp(`sleep ${marker}\\s*$`, 'm').test(plain(s)), { colors: true, description: 'then gone' });
  });
});

function hasKthreadd(): boolean {
  return existsSync('/proc/2/stat') && readFileSync('/proc/2/stat', 'utf8').includes('(kthreadd)');
}

/** Whether the process's state passes `test` within 3 s. */
async function stateBecomes(pid: number, test: (state: string) => boolean): Promise<boolean> {
  for (const end = Date.now() + 3000; Date.now() < end; await delay(20)) if (test(readProc(pid)?.state ?? '')) return true;
  return false;
}

/** The background of the row of `sleep <argument>` (null: the terminal's), undefined when there is no such row. */
function background(screen: string, argument: string): unknown {
  const line = parseStyledCapture(screen).find((l) => new RegExp(`sleep ${argument}\\s*$`).test(l.text));
  return line ? (line.styles[line.text.indexOf('sleep')]?.bg ?? null) : undefined;
}
