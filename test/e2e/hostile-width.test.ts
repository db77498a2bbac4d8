// End to end, text that would move, hide or forge a row: every string of the width corpus runs as
// a real process (a sleep whose argv[0] is the string), shown by pooltop in tmux at 80, 120 and
// 200 columns, filtered to this file's processes and paged through. On every page the header is
// still on the first line, the table holds exactly the rows it should, in order, each drawn as
// pooltop meant it, and tmux — counting cells its own way — finds no line wider than the pane.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, afterEach, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { formatCommand, layoutColumns } from '../../src/model/format-row.js';
import { displayWidth } from '../../src/model/text-width.js';
import { WIDTH_CORPUS } from '../model/width-corpus.js';
import { hasHeader, plain, readTable, selectedRows, type Table } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { readCmdline, readProc, signalProcess, type ProcRef } from './proc-table.js';
import { tmuxWidths } from './tmux-width.js';
import type { TmuxSession } from './tmux-session.js';

const MARKER = String(950_000_000 + process.pid);
const ROWS = 40;

interface Hostile {
  ref: ProcRef;
  /** The command line as /proc has it, and so as pooltop reads it. */
  command: string;
}

/** Sorted by PID once all have started, as `-s pid` shows them. */
const hostile: Hostile[] = [];
let session: TmuxSession | undefined;

before(async () => {
  // Each kept as it starts, so `after` ends them all even if this hook fails half-way.
  for (const { text } of WIDTH_CORPUS) {
    const child = spawn('sleep', [MARKER], { argv0: text, stdio: 'ignore' });
    const ref = child.pid ? readProc(child.pid) : null;
    assert.ok(ref, `a sleep started for ${JSON.stringify(text.slice(0, 20))}`);
    hostile.push({ ref, command: `${text} ${MARKER}` });
  }
  // Until a child has exec'd, /proc shows the test's own command line.
  for (const h of hostile) {
    const deadline = Date.now() + 10_000;
    while (!readCmdline(h.ref.pid).endsWith(MARKER)) {
      assert.ok(Date.now() < deadline, `PID ${h.ref.pid} never showed its command line`);
      await delay(20);
    }
  }
  hostile.sort((a, b) => a.ref.pid - b.ref.pid);
});

afterEach(async () => {
  await session?.kill();
  session = undefined;
});

after(() => {
  // Only the processes this file started, each by its PID while it is still that process.
  for (const h of hostile) signalProcess(h.ref, 'SIGKILL');
});

/** pooltop in a `columns`-wide terminal, sorted by PID, filtered to this file's processes. */
async function showHostile(columns: number): Promise<TmuxSession> {
  const s = await startPooltop(['-s', 'pid'], { columns, rows: ROWS });
  session = s;
  await s.sendKeys('\\');
  await s.waitFor(/^Filter: /m, { description: 'the filter prompt' });
  await s.type(MARKER);
  await s.sendKeys('Enter');
  // The filter applies while it is typed: wait for Enter to have closed the prompt too.
  await s.waitFor((screen) => /^F1Help/m.test(screen) && screen.includes(`[filter "${MARKER}"]`) && readTable(screen)?.rows[0]?.pid === hostile[0]!.ref.pid, {
    description: `the table filtered to the ${hostile.length} hostile processes`,
    timeoutMs: 10_000,
  });
  return s;
}

/** Where the main screen's parts are: the same on every page, however hostile the rows. */
interface Frame {
  titleLine: number;
  /** The key bar: the last line pooltop draws (it leaves the terminal's last line blank). */
  keyBarLine: number;
}

function frameOf(screen: string): Frame {
  const lines = plain(screen).split('\n');
  return { titleLine: readTable(screen)?.titleLine ?? -1, keyBarLine: lines.findIndex((l) => /^F1Help/.test(l)) };
}

/**
 * The checks on one page: header on line 1, the titles and the key bar where they always are,
 * the message line above the key bar, nothing below it, and between titles and message line only
 * table rows, consecutive in PID order and as many as fit (or as are left), each command cell
 * exactly what pooltop draws for it.
 */
function checkPage(screen: string, columns: number, frame: Frame): Table {
  const lines = plain(screen).split('\n');
  const shown = `\n${plain(screen)}`;
  assert.match(lines[0] ?? '', /^\s*0\[/, `line 1 is still the header's core 0 meter:${shown}`);
  assert.ok(hasHeader(plain(screen)), `the whole header is there:${shown}`);
  assert.deepEqual(frameOf(screen), frame, `the titles and the key bar have not moved:${shown}`);
  assert.ok(lines[frame.keyBarLine - 1]?.includes(`[filter "${MARKER}"]`), `the message line is above the key bar:${shown}`);
  assert.ok(
    lines.slice(frame.keyBarLine + 1).every((l) => l.trim() === ''),
    `nothing below the key bar:${shown}`,
  );
  const table = readTable(screen)!;
  const room = frame.keyBarLine - 1 - (frame.titleLine + 1);
  const first = hostile.findIndex((h) => h.ref.pid === table.rows[0]?.pid);
  assert.ok(first >= 0, `the first row is one of the hostile processes:${shown}`);
  assert.equal(table.rows.length, Math.min(room, hostile.length - first), `the table has every row that fits:${shown}`);
  const { commandWidth } = layoutColumns(columns);
  const commandAt = lines[frame.titleLine]!.indexOf('Command');
  table.rows.forEach((row, i) => {
    const expected = hostile[first + i]!;
    assert.equal(row.pid, expected.ref.pid, `row ${i + 1} is the next PID in order:${shown}`);
    // The columns before the command are ASCII, so the command starts at the title's index.
    assert.equal(
      row.text.slice(commandAt).trimEnd(),
      formatCommand(expected.command, commandWidth).text.trimEnd(),
      `PID ${row.pid}'s command is drawn whole, as pooltop cut it:${shown}`,
    );
  });
  return table;
}

describe('hostile text in the monitor: no row moves, hides or is forged', { timeout: 240_000 }, () => {
  for (const columns of [80, 120, 200]) {
    it(`shows all ${WIDTH_CORPUS.length} hostile command lines at ${columns} columns, page by page, every line within the pane`, async () => {
      const s = await showHostile(columns);
      assert.equal(await s.format('#{wrap_flag}'), '0', 'automatic wrap is off while pooltop draws');
      let screen = await s.capture({ colors: true });
      const frame = frameOf(screen);
      const onScreen: string[] = [];
      const seen = new Set<number>();
      for (;;) {
        const table = checkPage(screen, columns, frame);
        onScreen.push(...plain(screen).split('\n'));
        for (const row of table.rows) seen.add(row.pid);
        if (table.rows.at(-1)!.pid === hostile.at(-1)!.ref.pid) break;
        // PageDown moves the selection a page; the table scrolls once it passes the last row.
        const selected = selectedRows(screen)[0]?.pid;
        await s.sendKeys('PageDown');
        screen = await s.waitFor((next) => (selectedRows(next)[0]?.pid ?? selected) !== selected, {
          colors: true,
          timeoutMs: 10_000,
          description: 'the selection a page further',
        });
      }
      assert.equal(seen.size, hostile.length, 'every hostile process was on a page');
      // tmux's own count of what it shows: nothing is wider than the pane, and pooltop counts the same.
      const widths = await tmuxWidths(onScreen);
      const wider = onScreen.filter((_, i) => widths[i]! > columns);
      assert.deepEqual(wider, [], 'no line on screen is wider than the pane');
      const disagree = onScreen.filter((line, i) => widths[i] !== displayWidth(line));
      assert.deepEqual(disagree, [], 'tmux and pooltop count the same cells for every line shown');
    });
  }

  it('keeps the header and the signal menu heading in place for U+3164 ×10,000, and asks in one line', async () => {
    const filler = hostile.find((h) => h.command.startsWith('\u3164'.repeat(10_000)))!;
    const s = await startPooltop(['-p', String(filler.ref.pid)], { columns: 120, rows: ROWS });
    session = s;
    const { titleLine, keyBarLine } = frameOf(await s.waitFor((screen) => readTable(screen)?.rows[0]?.pid === filler.ref.pid, { description: 'its row' }));
    await s.sendKeys('k');
    const menu = plain(await s.waitFor(`Send signal to PID ${filler.ref.pid}`, { description: 'the signal menu heading' })).split('\n');
    assert.match(menu[0] ?? '', /^\s*0\[/, 'line 1 is still the header');
    assert.ok(menu[titleLine]?.startsWith(`Send signal to PID ${filler.ref.pid}`), `the heading is on the titles' line:\n${menu.join('\n')}`);
    await s.sendKeys('Enter');
    const question = await s.waitFor(/^Send SIGTERM \(15\) to /m, { description: 'the confirmation question' });
    const lines = plain(question).split('\n');
    assert.match(
      lines[keyBarLine] ?? '',
      new RegExp(`^Send SIGTERM \\(15\\) to ${filler.ref.pid} <U\\+3164><U\\+3164>[^ ]*…\\? — y to send, any other key cancels$`),
      `the question names it, fillers made visible, in the key bar's place:\n${lines.join('\n')}`,
    );
    assert.match(lines[0] ?? '', /^\s*0\[/, 'line 1 is still the header');
    assert.ok(hasHeader(question));
    const widths = await tmuxWidths(lines);
    assert.deepEqual(
      lines.filter((_, i) => widths[i]! > 120),
      [],
      'no line wider than the pane',
    );
    await s.sendKeys('n');
    await s.waitFor('cancelled', { description: 'the question cancelled: nothing sent' });
  });
});
