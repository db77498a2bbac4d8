// End to end, the mouse in a real terminal: a click selects a row, a click on a column title sorts
// by it (again: inverts), the wheel moves, a click on the key bar presses that key, a click in a
// menu highlights and a second click chooses, a broken report types nothing, and --no-mouse asks
// the terminal for nothing.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, it } from 'node:test';
import { click, doubleClick, sendBytes, wheel } from './mouse-input.js';
import { ANY_TITLES, readTable, selectedRows } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { parseStyledCapture } from './sgr-screen.js';
import type { TmuxSession } from './tmux-session.js';

let session: TmuxSession | undefined;
/** Idle children of the test, ended by PID after each test. */
const sleepers: ChildProcess[] = [];
afterEach(async () => {
  await session?.kill();
  session = undefined;
  for (const child of sleepers.splice(0)) child.kill('SIGKILL');
});

const selectedPid = (capture: string): number | undefined => selectedRows(capture)[0]?.pid;

/** The title of the sorted column: drawn on another background than most of the titles. */
function sortedTitle(capture: string): string | null {
  const line = parseStyledCapture(capture).find((l) => ANY_TITLES.test(l.text));
  if (!line) return null;
  const counts = new Map<unknown, number>();
  for (const style of line.styles) counts.set(style.bg, (counts.get(style.bg) ?? 0) + 1);
  const titles = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  // Without the ▽ / △ mark drawn after it.
  return [...line.text]
    .filter((_, i) => line.styles[i]?.bg !== titles)
    .join('')
    .replace(/[▽△]/g, '')
    .trim();
}

/** pooltop sorted by PID with its table read: where the titles and the rows are. */
async function started(args: string[] = []): Promise<{ s: TmuxSession; titleLine: number; rowLines: number[]; pids: number[] }> {
  const s = await startPooltop(['-s', 'pid', ...args]);
  session = s;
  const capture = await s.waitFor((c) => (readTable(c)?.rows.length ?? 0) > 10, { colors: true, description: 'a table of rows' });
  const table = readTable(capture)!;
  return { s, titleLine: table.titleLine, rowLines: table.rows.map((r) => r.line), pids: table.rows.map((r) => r.pid) };
}

describe('the mouse', { timeout: 60_000 }, () => {
  it('is asked for in SGR mode while pooltop draws (tmux: mouse_sgr_flag)', async () => {
    const { s } = await started();
    assert.equal(await s.format('#{mouse_standard_flag}#{mouse_sgr_flag}'), '11');
  });

  it('selects the row clicked', async () => {
    const { s, rowLines, pids } = await started();
    await click(s, 3, rowLines[4]!);
    await s.waitFor((c) => selectedPid(c) === pids[4], { colors: true, description: `PID ${pids[4]} selected by the click` });
    await click(s, 60, rowLines[2]!);
    await s.waitFor((c) => selectedPid(c) === pids[2], { colors: true, description: `PID ${pids[2]} selected` });
  });

  it('sorts by the column title clicked, and inverts on a second click', async () => {
    const { s, titleLine } = await started();
    const titles = readTable(await s.capture({ colors: true }))!;
    const line = (await s.capture()).split('\n')[titles.titleLine]!;
    const at = line.indexOf('USER');
    await click(s, at + 1, titleLine);
    await s.waitFor((c) => sortedTitle(c) === 'USER', { colors: true, description: 'sorted by USER' });
    const memAt = line.indexOf('MEM%');
    await click(s, memAt, titleLine);
    await s.waitFor((c) => sortedTitle(c) === 'MEM%', { colors: true, description: 'sorted by MEM%' });
    // The rows' order, whichever part of the table is in view (the selection keeps its process).
    const ascending = (c: string): boolean | null => {
      const rows = readTable(c)?.rows ?? [];
      return rows.length > 1 ? rows[0]!.pid < rows[1]!.pid : null;
    };
    const pidAt = line.indexOf('PID');
    await click(s, pidAt, titleLine);
    await s.waitFor((c) => sortedTitle(c) === 'PID' && ascending(c) === true, { colors: true, description: 'sorted by PID, ascending' });
    await click(s, pidAt, titleLine);
    await s.waitFor((c) => sortedTitle(c) === 'PID' && ascending(c) === false, { colors: true, description: 'PID inverted: descending' });
  });

  it('moves the selection with the wheel, three rows a notch', async () => {
    // A table of the test's own idle processes only (filtered by a marker in their command
    // lines): the machine's rows come and go while other tests run, and a row appearing above
    // the selection between two notches would move it by another count than three.
    const marker = String(940_000_000 + process.pid);
    for (let i = 0; i < 12; i++) sleepers.push(spawn('sleep', [`${marker}${i}`], { stdio: 'ignore' }));
    const s = await startPooltop(['-s', 'pid']);
    session = s;
    await s.sendKeys('\\');
    await s.type(marker);
    await s.sendKeys('Enter');
    const capture = await s.waitFor((c) => (readTable(c)?.rows.length ?? 0) === 12, { colors: true, description: "the test's 12 sleeps alone" });
    const table = readTable(capture)!;
    const [rowLines, pids] = [table.rows.map((r) => r.line), table.rows.map((r) => r.pid)];
    await wheel(s, 10, rowLines[5]!, 'down');
    await s.waitFor((c) => selectedPid(c) === pids[3], { colors: true, description: 'three rows down' });
    await wheel(s, 10, rowLines[5]!, 'down');
    await s.waitFor((c) => selectedPid(c) === pids[6], { colors: true, description: 'six rows down' });
    await wheel(s, 10, rowLines[5]!, 'up');
    await s.waitFor((c) => selectedPid(c) === pids[3], { colors: true, description: 'back up three' });
  });

  it('presses the key of the key bar clicked (F1 Help, then a click returns)', async () => {
    const { s } = await started();
    const lines = (await s.capture()).split('\n');
    const bar = lines.findIndex((l) => /^F1Help/.test(l));
    await click(s, 2, bar);
    await s.waitFor(/Press any key to return/, { description: 'the help screen' });
    await click(s, 2, 2);
    await s.waitFor(/F1Help/, { description: 'back on the main screen' });
    const setupAt = lines[bar]!.indexOf('F2Setup');
    await click(s, setupAt + 3, bar);
    await s.waitFor(/Display options/, { description: 'the setup screen from F2 on the key bar' });
  });

  it('highlights a menu entry on a click and chooses it on a second click (F6 sort menu)', async () => {
    const { s, titleLine } = await started();
    await s.sendKeys('F6');
    await s.waitFor(/Sort by/, { description: 'the sort menu' });
    const menu = (await s.capture()).split('\n');
    const userLine = menu.findIndex((l, i) => i > titleLine && /^\s?•?USER\b/.test(l));
    assert.ok(userLine > titleLine, 'USER listed in the menu');
    await click(s, 3, userLine);
    await s.waitFor((c) => parseStyledCapture(c)[userLine]?.styles[3]?.bg !== null, { colors: true, description: 'USER highlighted in the menu' });
    assert.match(await s.capture(), /Sort by/, 'one click does not choose');
    await click(s, 3, userLine);
    await s.waitFor((c) => !/Sort by/.test(c) && sortedTitle(c) === 'USER', { colors: true, description: 'chosen: sorted by USER' });
  });

  it('runs what Enter runs on a double-click in a menu (the sort menu chooses at once)', async () => {
    const { s, titleLine } = await started();
    await s.sendKeys('F6');
    await s.waitFor(/Sort by/);
    const menu = (await s.capture()).split('\n');
    const memLine = menu.findIndex((l, i) => i > titleLine && /^\s?•?MEM%/.test(l));
    await doubleClick(s, 3, memLine);
    await s.waitFor((c) => !/Sort by/.test(c) && sortedTitle(c) === 'MEM%', { colors: true, description: 'sorted by MEM% after a double-click' });
  });

  it('drops broken and unknown reports whole: nothing of them reaches the search prompt or the keys', async () => {
    const { s } = await started();
    await s.sendKeys('/');
    await s.waitFor(/Search: /);
    // Too big a number, a wrong final byte, motion, a legacy X10 report, then a key typed.
    await sendBytes(s, '\x1b[<0;99999;5M');
    await sendBytes(s, '\x1b[<0;10;5X');
    await sendBytes(s, '\x1b[<35;10;5M');
    await sendBytes(s, '\x1b[M !!');
    await s.type('zz');
    await s.waitFor(/Search: zz/, { description: 'only the typed text in the prompt' });
    const prompt = (await s.capture()).split('\n').find((l) => l.startsWith('Search: ')) ?? '';
    assert.match(prompt, /^Search: zz\s/, `prompt is ${JSON.stringify(prompt)}`);
  });

  it('is not asked for with -M (--no-mouse, as htop)', async () => {
    const { s } = await started(['-M']);
    assert.equal(await s.format('#{mouse_any_flag}'), '0');
  });
});
