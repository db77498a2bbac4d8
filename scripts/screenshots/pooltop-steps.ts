// The steps a scene is made of, each ending only when pooltop's screen shows its effect: a new
// sample drawn, a filter or search applied, the selection on a given PID.
import { plain, readTable, selectedRows } from '../../test/e2e/monitor-screen.js';
import type { TmuxSession } from '../../test/e2e/tmux-session.js';
import { coreMeters, uptime } from './monitor-readings.js';

/** Waits until pooltop has drawn a sample newer than the screen shows now (the uptime ticks with every sample). */
export async function nextSample(session: TmuxSession, timeoutMs = 5000): Promise<void> {
  const before = uptime(await session.capture());
  await session.waitFor((s) => uptime(s) !== null && uptime(s) !== before, { timeoutMs, description: 'a new sample (the uptime to change)' });
}

/** `\` text Enter: keeps only command lines containing `text`; returns once the status line shows it. */
export async function applyFilter(session: TmuxSession, text: string): Promise<void> {
  await session.sendKeys('\\');
  await session.waitFor(/^Filter: /m, { description: 'the filter prompt' });
  await session.type(text);
  await session.waitFor((s) => plain(s).includes(`Filter: ${text}`), { description: `"${text}" typed in the filter prompt` });
  await session.sendKeys('Enter');
  await session.waitFor((s) => plain(s).includes(`[filter "${text}"]`) && !/^Filter: /m.test(plain(s)), { description: `the filter "${text}" kept` });
}

/** `/` text Enter: selects the first command line containing `text`; returns once the selection is on `pid`. */
export async function searchFor(session: TmuxSession, text: string, pid: number): Promise<void> {
  await session.sendKeys('/');
  await session.waitFor(/^Search: /m, { description: 'the search prompt' });
  await session.type(text);
  await session.waitFor((s) => plain(s).includes(`Search: ${text}`), { description: `"${text}" typed in the search prompt` });
  await session.sendKeys('Enter');
  await session.waitFor((s) => selectedRows(s)[0]?.pid === pid && !/^Search: /m.test(plain(s)), {
    colors: true,
    description: `the search for "${text}" to select PID ${pid}`,
  });
}

/** Home, then Down until the selection is on `pid` (which must be on the table). */
export async function selectPid(session: TmuxSession, pid: number): Promise<void> {
  await session.sendKeys('Home');
  let screen = await session.waitFor((s) => selectedRows(s)[0]?.line === readTable(s)?.rows[0]?.line, {
    colors: true,
    description: 'the selection on the first row',
  });
  for (let step = 0; selectedRows(screen)[0]?.pid !== pid; step++) {
    const rows = readTable(screen)?.rows ?? [];
    if (step > rows.length || !rows.some((r) => r.pid === pid)) throw new Error(`PID ${pid} is not on the table; last screen:\n${plain(screen)}`);
    const from = selectedRows(screen)[0]?.pid;
    await session.sendKeys('Down');
    screen = await session.waitFor((s) => selectedRows(s)[0]?.pid !== from, { colors: true, description: `the selection to move down from PID ${from}` });
  }
}

/**
 * Waits up to `budgetMs` for a sample in which every core meter is below `percent`, so a picture
 * of a monitor at rest is not one of whatever else the machine is busy with. Soft: when no such
 * sample comes, the scene goes on (and says so), since other programs' load is not ours to end.
 */
export async function preferCalm(session: TmuxSession, percent: number, budgetMs: number): Promise<void> {
  try {
    await session.waitFor(
      (s) => {
        const meters = coreMeters(s);
        return meters.length > 0 && meters.every((m) => m < percent);
      },
      { timeoutMs: budgetMs },
    );
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('waitFor timed out')) throw error;
    console.log(`  (the cores stayed at ${percent}% or more for ${budgetMs / 1000} s: other programs are busy; captured anyway)`);
  }
}
