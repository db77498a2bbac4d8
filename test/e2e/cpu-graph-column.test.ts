// End to end, the CPU graph column: added in the setup screen (F2), it fills block by block for a
// busy child of this test's while an idle one's stays blank, and sorting by it puts the busy first.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { plain } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import type { TmuxSession } from './tmux-session.js';

const root = mkdtempSync(join(tmpdir(), 'pooltop-e2e-cpugraph-'));
let session: TmuxSession | undefined;
const children: ChildProcess[] = [];

afterEach(async () => {
  await session?.kill();
  session = undefined;
  for (const child of children.splice(0)) if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
after(() => rmSync(root, { recursive: true, force: true }));

function start(command: string, args: string[]): number {
  const child = spawn(command, args, { stdio: 'ignore' });
  children.push(child);
  assert.ok(child.pid !== undefined && child.pid > 1);
  return child.pid;
}

/** The CPU graph cells of `pid`'s row, by where the column's title is; null until both are drawn. */
function graphOf(screen: string, pid: number): string | null {
  const lines = plain(screen).split('\n');
  const title = lines.find((l) => /\bCPU graph\b/.test(l) && /\bCommand\b/.test(l));
  const row = lines.find((l) => new RegExp(`^\\s*${pid} `).test(l));
  if (!title || !row) return null;
  const at = title.indexOf('CPU graph');
  return row.slice(at, at + 10);
}

const blocks = (cells: string | null): number => (cells ?? '').replace(/ /g, '').length;

describe('the CPU graph column', { timeout: 90_000 }, () => {
  it('is added in F2 and fills for a busy process, blank for an idle one', async () => {
    const busy = start('sh', ['-c', 'while :; do :; done']);
    const idle = start('sleep', ['600']);
    session = await startPooltop(['-d', '5', '-s', 'pid', '-p', `${busy},${idle}`], { env: { XDG_CONFIG_HOME: root } });
    const s = session;
    await s.waitFor(new RegExp(`^\\s*${idle} `, 'm'), { description: 'both rows' });
    await s.sendKeys('F2');
    await s.waitFor(/Display options/, { description: 'the setup screen' });
    await s.sendKeys('Down');
    await s.waitFor(/\[x\] PID\s+process ID/, { description: 'the Columns section' });
    await s.sendKeys('Right', 'End');
    await s.waitFor(/\[ \] CPU graph\s+CPU% over the last 10 refreshes/, { description: 'the CPU graph column, last' });
    await s.sendKeys('Enter');
    // Added, it moves up among the shown columns, maybe out of the list's window: the message says so.
    await s.waitFor(/column CPU graph added/, { description: 'added' });
    await s.sendKeys('Escape');
    const first = await s.waitFor((c) => blocks(graphOf(c, busy)) >= 1, { description: 'the busy row drawing blocks' });
    const firstBlocks = blocks(graphOf(first, busy));
    const filled = await s.waitFor((c) => blocks(graphOf(c, busy)) >= Math.min(10, firstBlocks + 3), { description: 'more blocks, refresh by refresh' });
    const cells = graphOf(filled, busy)!;
    assert.match(cells, /[▁▂▃▄▅▆▇█]$/, `the newest on the right: "${cells}"`);
    assert.equal(graphOf(filled, idle)!.trim(), '', 'the idle sleep draws nothing');
    await s.sendKeys('q');
    assert.equal(await s.waitForExit(), 0);
  });
});
