// End to end, process churn: with ~300 short processes starting and ending every second,
// every frame pooltop draws is correct — in the flat list and in tree view — and a selected
// process that exits hands the selection to the nearest row, saying so.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { after, afterEach, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startChurn, type Churn } from '../../scripts/bench/lib/churn-loops.js';
import { checkFrame } from '../../scripts/bench/lib/frame-check.js';
import { plain, readTable, selectedRows } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { readProc, signalProcess, waitUntilGone, type ProcRef } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

const SIZE = { columns: 120, rows: 40 };
const CORES = os.cpus().length;
/**
 * Two sleeps that sort above every other process with the command column sorted descending
 * (`-s command`, then `I`): their argv[0] is ARGV0 ("zz…"; commands compare by locale, where
 * letters come after digits and punctuation), and the short one (…9, 4 s) comes before the long
 * one (…8 100). So the rows above the short one never change, and when it exits the row taking
 * its place is the long one, whatever else starts or ends on the machine.
 */
const ARGV0 = 'zzpooltopchurn';
const STEM = `4.${String(process.pid).padStart(7, '0')}`;
const SHORT = `${STEM}9`;
const LONG = `${STEM}8`;

let churn: Churn | undefined;
let session: TmuxSession | undefined;
const started: ProcRef[] = [];

function startSleep(args: string[]): ProcRef {
  const child = spawn('sleep', args, { argv0: ARGV0, stdio: 'ignore' });
  const ref = child.pid ? readProc(child.pid) : null;
  assert.ok(ref, `sleep ${args.join(' ')} started`);
  started.push(ref);
  return ref;
}

before(async () => {
  churn = await startChurn({ loops: 3, marker: `e2e${process.pid}` });
});

afterEach(async () => {
  await session?.kill();
  session = undefined;
});

after(async () => {
  // Everything this file started, by PID: the loops with what they left, then the sleeps.
  const left = (await churn?.stop()) ?? 0;
  for (const ref of started) signalProcess(ref, 'SIGKILL');
  assert.deepEqual(await waitUntilGone(started, 2000), [], 'the marker sleeps are gone');
  assert.equal(left, 0, 'nothing of the churn loops remains');
});

interface Watch {
  frames: number;
  /** Each bad frame's problems, with the screen, for the failure message. */
  bad: string[];
  /** Captures taken while tmux was still reading a frame, right a moment later. */
  torn: number;
}

/** What is wrong with a capture: checkFrame's problems, and the highlight unless it is one row (`selected`'s). */
function captureProblems(capture: string, selected?: number): string[] {
  const { problems } = checkFrame(plain(capture), SIZE, { cores: CORES });
  const highlighted = selectedRows(capture);
  if (highlighted.length !== 1) problems.push(`${highlighted.length} highlighted rows`);
  else if (selected !== undefined && highlighted[0]!.pid !== selected) problems.push(`PID ${highlighted[0]!.pid} highlighted, not ${selected}`);
  return problems;
}

/**
 * Captures the screen (with colours) every ~100 ms for `ms`: every frame must pass checkFrame and
 * highlight exactly one row, `selected` when given. Returns what it saw; `until` ends it early.
 *
 * Ink redraws by erasing the old frame and writing the new one, and a frame is bigger than the
 * pty's buffer, so a capture can catch tmux half-way through reading it (the top drawn, the rest
 * still blank). Such a capture is taken again 50 ms later: a torn one is right by then, where a
 * wrong frame stays on screen until the next refresh (500 ms at -d 5).
 */
async function watch(s: TmuxSession, ms: number, selected?: number, until?: (capture: string) => boolean): Promise<Watch> {
  const result: Watch = { frames: 0, bad: [], torn: 0 };
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const capture = await s.capture({ colors: true });
    if (until?.(capture)) return result;
    result.frames++;
    if (captureProblems(capture, selected).length > 0) {
      await delay(50);
      const again = await s.capture({ colors: true });
      if (until?.(again)) return result;
      const problems = captureProblems(again, selected);
      if (problems.length > 0) result.bad.push(`${problems.join('\n')}\n${plain(again)}`);
      else result.torn++;
    }
    await delay(100);
  }
  return result;
}

/** Frames checked in all, and torn captures among them, for the report. */
let checked = 0;
let torn = 0;

function assertClean(w: Watch, what: string): void {
  checked += w.frames;
  torn += w.torn;
  assert.ok(w.frames >= 5, `${what}: only ${w.frames} frames captured`);
  assert.equal(w.bad.length, 0, `${what}: ${w.bad.length} of ${w.frames} frames wrong; the first:\n${w.bad[0]}`);
}

/** The line above the key bar. */
function messageLine(capture: string): string {
  return plain(capture).split('\n')[SIZE.rows - 3] ?? '';
}

/**
 * The message line's "PID n exited; selection moved to PID m", or null. Should m exit too within
 * 3 s, pooltop appends "; selection moved to PID k": `to` is the last move, where the highlight is.
 */
function exitMessage(capture: string): { gone: number; to: number } | null {
  const line = messageLine(capture);
  const gone = /PID (\d+) exited; selection moved to PID \d+/.exec(line);
  const to = [...line.matchAll(/selection moved to PID (\d+)/g)].at(-1);
  return gone && to ? { gone: Number(gone[1]), to: Number(to[1]) } : null;
}

/**
 * Searches for `text` with `/`, keeps the match with Enter; returns once `pid` is highlighted.
 * Search looks at the rows on screen as it is typed, so a process started a moment ago must
 * first be sampled: two refreshes at -d 5.
 */
async function select(s: TmuxSession, text: string, pid: number): Promise<void> {
  await delay(1100);
  await s.sendKeys('/');
  await s.waitFor(/^Search: /m, { description: 'the search prompt' });
  await s.type(text);
  await s.waitFor(
    (c) =>
      selectedRows(c)
        .map((r) => r.pid)
        .join() === String(pid),
    { colors: true, description: `PID ${pid} highlighted` },
  );
  await s.sendKeys('Enter');
  await s.waitFor(`[search "${text}": n/N]`, { description: 'the kept search' });
}

/**
 * Waits for the selected `short` process to exit, checking frames meanwhile (it stays selected),
 * then for the message naming it; returns the PID the selection moved to, checked highlighted.
 */
async function expectExitMove(s: TmuxSession, short: ProcRef): Promise<number> {
  const during = await watch(s, 8000, short.pid, (c) => readTable(c)?.rows.every((r) => r.pid !== short.pid) ?? false);
  assertClean(during, `while PID ${short.pid} was selected`);
  const screen = await s.waitFor((c) => exitMessage(c)?.gone === short.pid, {
    colors: true,
    description: `"PID ${short.pid} exited; selection moved to PID m"`,
  });
  const moved = exitMessage(screen)!;
  const highlighted = selectedRows(screen);
  assert.deepEqual(
    highlighted.map((r) => r.pid),
    [moved.to],
    `exactly one row highlighted, the PID the message names (${moved.to}):\n${plain(screen)}`,
  );
  return moved.to;
}

describe('pooltop under process churn (~300 processes/s)', { timeout: 60_000 }, () => {
  it('draws only correct frames in the flat list and in tree view, and moves the selection off an exited process', async (t) => {
    const long = startSleep([LONG, '100']);
    session = await startPooltop(['-d', '5', '-s', 'command'], SIZE);
    await session.sendKeys('I');
    await session.waitFor((c) => readTable(c)?.rows[0]?.pid === long.pid, {
      description: `commands sorted descending: ${ARGV0} ${LONG} 100 on top`,
    });

    assertClean(await watch(session, 4000), 'flat list');

    const short = startSleep([SHORT]);
    await select(session, SHORT, short.pid);
    const to = await expectExitMove(session, short);
    assert.equal(to, long.pid, `the selection moved to the row that took the exited one's place, sleep ${LONG} 100`);

    await session.sendKeys('t');
    await session.waitFor((c) => /[├└]─ /.test(plain(c)), { description: 'tree guides' });
    // The selection stays on the long sleep while the tree churns around it.
    assertClean(await watch(session, 3000, long.pid), 'tree view');

    const again = startSleep([SHORT]);
    await select(session, SHORT, again.pid);
    // In the tree the rows above may change in the same refresh, so only the message and the
    // single highlight are certain, not which row it lands on.
    await expectExitMove(session, again);
    assertClean(await watch(session, 1500), 'tree view after the exit');

    const forks = churn!.forksPerSecond();
    t.diagnostic(`${checked} frames checked (${torn} torn captures, right 50 ms later); ${forks.toFixed(0)} processes started per second on the machine`);
    assert.ok(forks > 100, `churn ran: ${forks.toFixed(0)} processes started per second`);
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0, 'pooltop quit with status 0');
  });

  it('says which process exited when the selection moves within 3 s of another message (F on a process that then exits)', async () => {
    session = await startPooltop(['-d', '5'], SIZE);
    const spawnedAt = Date.now();
    const short = startSleep([SHORT]);
    await select(session, SHORT, short.pid);
    // F late in the sleep's 4 s, so it exits while "following PID n" is still the fresh message.
    await delay(Math.max(0, spawnedAt + 2800 - Date.now()));
    await session.sendKeys('F');
    await session.waitFor(`following PID ${short.pid}`, { description: 'the follow message' });
    const screen = await session.waitFor((c) => /selection moved to PID \d+/.test(messageLine(c)), {
      timeoutMs: 8000,
      description: 'the selection moving off the exited process',
    });
    assert.match(messageLine(screen), new RegExp(`PID ${short.pid} exited; following stopped; selection moved`), 'the message names the process that exited');
  });
});
