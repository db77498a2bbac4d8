// End to end, resizing: after every resize — random sizes from 1×1 to 200×60, a
// 1-column and a 1-row terminal, a burst with no pause — pooltop shows a correct screen when the
// terminal can hold it and the one-line too-small notice when not, keeps running, and quits with 0.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import { afterEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { checkFrame, meterLinesShown, type FrameCheck } from '../../scripts/bench/lib/frame-check.js';
import { computeLayout } from '../../src/ui/layout.js';
import { hasMainScreen, plain, readTable, selectedRows } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { isRunning } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

const CORES = os.cpus().length;
/** A fixed seed, so a failure can be replayed; POOLTOP_E2E_RESIZE_SEED tries other sequences. */
const SEED = Number(process.env.POOLTOP_E2E_RESIZE_SEED ?? 6);

let session: TmuxSession | undefined;

/** The test's own long-lived children, ended by PID after each test. */
const sleepers: ChildProcess[] = [];

afterEach(async () => {
  await session?.kill();
  session = undefined;
  for (const child of sleepers.splice(0)) child.kill('SIGKILL');
});

/** A small deterministic generator (an LCG): the same seed gives the same sizes. */
function sizes(seed: number, count: number): [number, number][] {
  let state = seed >>> 0;
  const next = (low: number, high: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return low + Math.floor((state / 2 ** 32) * (high - low + 1));
  };
  return Array.from({ length: count }, () => [next(1, 200), next(1, 60)]);
}

/**
 * Resizes, then waits until the screen is right for the new size — with `selected`, a main screen
 * must also highlight that PID's row and no other; returns the last check when it never is.
 */
async function resizeAndCheck(
  s: TmuxSession,
  columns: number,
  rows: number,
  timeoutMs = 5000,
  selected?: number,
  meterLines?: number,
): Promise<{ ok: boolean; check: FrameCheck; screen: string }> {
  await s.resize(columns, rows);
  let check: FrameCheck = { kind: 'other', problems: ['never captured'], rows: 0 };
  let screen = '';
  try {
    await s.waitFor(
      (capture) => {
        screen = plain(capture);
        check = checkFrame(screen, { columns, rows }, { cores: CORES, ...(meterLines !== undefined && { meterLines }) });
        const highlighted = selectedRows(capture).map((r) => r.pid);
        if (check.kind === 'main' && selected !== undefined && highlighted.join() !== String(selected)) {
          check.problems.push(`highlighted rows ${JSON.stringify(highlighted)}, not [${selected}]`);
        }
        return check.problems.length === 0;
      },
      { timeoutMs, colors: true, description: `a correct screen at ${columns}×${rows}` },
    );
    return { ok: true, check, screen };
  } catch {
    return { ok: false, check, screen };
  }
}

describe('resizing the terminal', { timeout: 60_000 }, () => {
  it('shows a correct screen or the too-small notice after every resize, keeps running, and quits with 0', async (t) => {
    // The selection must stay on one process, on screen, through every resize: a sleep of the
    // test's own, which lives as long as the test (a row of the machine's may exit meanwhile, and
    // pooltop then rightly moves the selection), chosen by typing its PID.
    const sleeper = spawn('sleep', ['600'], { stdio: 'ignore' });
    sleepers.push(sleeper);
    const selected = sleeper.pid!;
    session = await startPooltop(['-d', '5', '-s', 'pid']);
    const program = await session.programProcess();
    await session.waitFor(/PID△/, { description: 'the table sorted by PID' });
    await session.type(String(selected));
    await session.waitFor((c) => selectedRows(c)[0]?.pid === selected, { colors: true, description: "the test's sleep selected" });
    // The random walk, with the extremes put in: 1 column, 1 row, 1×1, the full 200×60, and the
    // smallest size that holds the screen next to the largest that does not.
    // The header holds the system meter lines this machine has (disk and network, frequency…).
    const withMeters = await session.waitFor(/Disk: \S+\/s read/, { description: 'the disk and network line' });
    const meterLines = meterLinesShown(plain(withMeters), { columns: 120, rows: 40 }, { cores: CORES });
    const minRows = computeLayout(40, 100, CORES, meterLines).headerHeight + 8;
    const walk: [number, number][] = [...sizes(SEED, 20), [1, 40], [120, 1], [1, 1], [39, 50], [40, minRows - 1], [40, minRows], [200, 60]];
    const failures: string[] = [];
    const seen = { main: 0, small: 0 };
    let from: [number, number] = [120, 40];
    for (const to of walk) {
      const [columns, rows] = to;
      const { ok, check, screen } = await resizeAndCheck(session, columns, rows, 5000, selected, meterLines);
      assert.deepEqual(await session.size(), { columns, rows }, 'tmux took the size');
      assert.equal(session.exitStatus(), null, `pooltop still runs after the resize to ${columns}×${rows}`);
      if (!ok) failures.push(`${from.join('×')} → ${columns}×${rows}: ${check.problems.slice(0, 4).join('; ')}\n${screen}`);
      else if (check.kind === 'main') seen.main++;
      else seen.small++;
      from = to;
    }
    t.diagnostic(`seed ${SEED}: ${walk.length} sizes, ${seen.main} main screens, ${seen.small} too-small notices`);
    assert.deepEqual(failures, [], `seed ${SEED}: wrong screens after a resize:\n${failures.join('\n\n')}`);
    assert.ok(seen.main >= 5 && seen.small >= 4, 'the walk covered both kinds of screen');

    // A burst, as a window manager sends while a corner is dragged: no time to draw in between.
    for (const [columns, rows] of sizes(SEED + 1, 12)) await session.resize(columns, rows);
    const back = await resizeAndCheck(session, 120, 40, 5000, selected, meterLines);
    assert.ok(back.ok, `a correct 120×40 screen after the burst: ${back.check.problems.join('; ')}\n${back.screen}`);
    assert.ok(hasMainScreen(back.screen) && (readTable(back.screen)?.rows.length ?? 0) >= 10, `the table is full again:\n${plain(back.screen)}`);

    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0, 'q ends pooltop with status 0');
    await session.waitFor('EXIT=0', { description: 'the shell printing EXIT=0' });
    assert.equal(await session.alternateScreen(), false, 'the alternate screen was left');
    assert.equal(isRunning(program), false, 'pooltop has exited');
  });

  it('redraws the too-small notice after a resize that leaves its text unchanged (1×40 → 1×10)', async () => {
    session = await startPooltop(['-d', '5']);
    const first = await resizeAndCheck(session, 1, 40);
    assert.ok(first.ok, `the notice at 1×40: ${first.check.problems.join('; ')}`);
    // Let the renders of that resize finish: a late one would redraw the notice by chance.
    await delay(1000);
    // Same width, other height: the notice cut to one column is "T" again.
    const second = await resizeAndCheck(session, 1, 10, 3000);
    assert.ok(second.ok, `the notice at 1×10: ${second.check.problems.join('; ')}\n${JSON.stringify(second.screen)}`);
  });

  it('draws only the too-small notice, on the first line, after the width shrinks and the rows grow (120×40 → 30×41)', async () => {
    session = await startPooltop(['-d', '5']);
    const small = await resizeAndCheck(session, 30, 41, 3000);
    assert.ok(small.ok, `the notice alone at 30×41: ${small.check.problems.join('; ')}\n${small.screen}`);
  });
});
