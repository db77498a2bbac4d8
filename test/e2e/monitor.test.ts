// End to end, the live monitor in a real terminal: its screen, moving the selection,
// search, help, resizing, and every way out giving the terminal back with the right status.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, afterEach, before, describe, it } from 'node:test';
import { hasHeader, hasMainScreen, KEY_BAR, nonBlankLines, plain, readTable, TITLES, type Table, type TableRow } from './monitor-screen.js';
import { POOLTOP_BIN, REPO_ROOT, startPooltop } from './pooltop-session.js';
import { parseStyledCapture } from './sgr-screen.js';
import { isRunning, readCmdline, readProc, signalProcess, type ProcRef } from './proc-table.js';
import { BANNER, TmuxSession } from './tmux-session.js';

/** A sleep with an argument no other process has (it holds this test's PID), for search to find. */
const MARKER = String(900_000_000 + process.pid);

let sleeper: ChildProcess | undefined;
let sleeperRef: ProcRef | null = null;
let session: TmuxSession | undefined;

before(() => {
  sleeper = spawn('sleep', [MARKER], { stdio: 'ignore' });
  sleeperRef = sleeper.pid ? readProc(sleeper.pid) : null;
  assert.ok(sleeperRef, 'the sleep process started');
});

// Every test starts its own pooltop; whatever happens, it goes with its tmux server.
afterEach(async () => {
  await session?.kill();
  session = undefined;
});

after(() => {
  // Only the process this file spawned, by its PID (and only while it is still that process).
  if (sleeperRef) signalProcess(sleeperRef, 'SIGKILL');
});

/** Waits (reading colours) until the table satisfies `check`; returns that table. */
async function waitForTable(s: TmuxSession, check: (table: Table, selected: TableRow[]) => boolean, description: string): Promise<Table> {
  let found: Table | null = null;
  await s.waitFor(
    (capture) => {
      const table = readTable(capture);
      if (!table) return false;
      const ok = check(
        table,
        table.rows.filter((r) => r.selected),
      );
      if (ok) found = table;
      return ok;
    },
    { colors: true, description },
  );
  return found!;
}

/** The program has ended with `status`, the shell's screen is back (not the table) and the cursor shows. */
async function expectRestoredExit(s: TmuxSession, program: ProcRef, status: number): Promise<void> {
  assert.equal(await s.waitForExit(), status);
  const screen = await s.waitFor(`EXIT=${status}`, { description: `the shell printing EXIT=${status}` });
  assert.ok(screen.includes(BANNER), `the shell's earlier output is on screen again:\n${screen}`);
  assert.doesNotMatch(screen, TITLES, 'the table is gone');
  assert.doesNotMatch(screen, KEY_BAR, 'the key bar is gone');
  assert.equal(await s.alternateScreen(), false, 'the alternate screen was left');
  assert.equal(await s.cursorVisible(), true, 'the cursor is visible again');
  assert.equal(isRunning(program), false, `pooltop (PID ${program.pid}) has exited`);
}

describe('the live monitor in a 120×40 terminal', { timeout: 60_000 }, () => {
  it('draws the header, the column titles, rows and the key bar', async () => {
    session = await startPooltop();
    const screen = await session.capture();
    assert.ok(hasHeader(screen), `header with 0[, Mem[, Swp[, Tasks:, Load average:, Uptime:\n${screen}`);
    const lines = screen.split('\n');
    assert.match(lines[0] ?? '', /^\s*0\[/, 'core 0 meter on the first line');
    const table = readTable(screen)!;
    assert.match(lines[table.titleLine - 1] ?? '', /^\[Main\] {2}I\/O\s*$/, 'the screen tabs above the column titles, Main shown');
    assert.ok(table.rows.length >= 10, `rows fill the table (got ${table.rows.length})`);
    assert.match(nonBlankLines(screen).at(-1) ?? '', KEY_BAR, 'the key bar is the last line drawn');
    assert.equal(await session.alternateScreen(), true, 'pooltop draws on the alternate screen');
  });

  it('moves the selection with Down, PageDown and Home (shown by colour only)', async () => {
    // Sorted by PID the order holds still between refreshes, so positions can be asserted.
    session = await startPooltop(['-s', 'pid']);
    const start = await waitForTable(session, (_t, sel) => sel.length === 1, 'exactly one highlighted row');
    await session.sendKeys('Home');
    const top = await waitForTable(session, (t, sel) => sel.length === 1 && sel[0]!.line === t.titleLine + 1, 'the first row highlighted after Home');
    assert.ok(start.rows.length > 2);
    const firstPid = top.rows[0]!.pid;
    const secondPid = top.rows[1]!.pid;

    await session.sendKeys('Down');
    await waitForTable(
      session,
      (t, sel) => sel.length === 1 && sel[0]!.pid === secondPid && sel[0]!.line === t.titleLine + 2,
      `PID ${secondPid}, the second row, highlighted after Down`,
    );

    await session.sendKeys('PageDown');
    const paged = await waitForTable(
      session,
      (t, sel) => sel.length === 1 && sel[0]!.pid !== secondPid && sel[0]!.line === t.rows.at(-1)!.line,
      'the last visible row highlighted after PageDown',
    );
    assert.ok(
      paged.rows.every((r) => !r.selected || r.pid > secondPid),
      'the selection went down the PID order',
    );

    await session.sendKeys('Home');
    await waitForTable(
      session,
      (t, sel) => sel.length === 1 && sel[0]!.pid === firstPid && sel[0]!.line === t.titleLine + 1,
      `PID ${firstPid} highlighted on the first row again after Home`,
    );
  });

  it('finds a process by search, selects it and scrolls it into view', async () => {
    const pid = sleeperRef!.pid;
    session = await startPooltop();
    await session.sendKeys('/');
    await session.waitFor(/^Search: /m, { description: 'the search prompt' });
    await session.type(MARKER);
    const table = await waitForTable(session, (_t, sel) => sel.length === 1 && sel[0]!.pid === pid, `the row of sleep ${MARKER} (PID ${pid}) highlighted`);
    const row = table.rows.find((r) => r.pid === pid)!;
    assert.match(row.command, new RegExp(`^sleep ${MARKER}`));
    assert.ok(row.line > table.titleLine, 'the row is on screen, under the titles');

    await session.sendKeys('Enter');
    await session.waitFor(`[search "${MARKER}": n/N]`, { description: 'the kept search in the message line' });
    const kept = await waitForTable(session, (_t, sel) => sel.length === 1, 'one highlighted row');
    assert.equal(kept.rows.find((r) => r.selected)?.pid, pid, 'Enter keeps the selection on the match');
    assert.match(await session.capture(), KEY_BAR, 'the key bar is back after Enter');
  });

  it('shows help on F1, listing the keys, and any key returns', async () => {
    session = await startPooltop();
    await session.sendKeys('F1');
    const help = await session.waitFor('Press any key to return', { description: 'the help screen' });
    for (const label of ['↑', 'PgDn', 'Home', '/ F3', '\\ F4']) {
      assert.ok(
        help.split('\n').some((l) => l.trimStart().startsWith(label)),
        `help lists ${label}:\n${help}`,
      );
    }
    // The rest of the keys are further down: PgDn scrolls page by page, and the hint stays on the last line.
    const seen = help.split('\n');
    let end = help;
    for (let page = 0; page < 10 && !end.split('\n').some((l) => l.trimStart().startsWith('q F10 Ctrl-C')); page++) {
      const before = end;
      await session.sendKeys('PageDown');
      end = await session.waitFor((s) => s !== before, { description: `help page ${page + 2}` });
      seen.push(...end.split('\n'));
    }
    assert.ok(
      end.split('\n').some((l) => l.trimStart().startsWith('q F10 Ctrl-C')),
      `the end of the help:\n${end}`,
    );
    assert.ok(
      seen.some((l) => l.trimStart().startsWith('F6')),
      'help lists F6',
    );
    assert.ok(
      end.split('\n').some((l) => l.trimStart().startsWith('h ? F1')),
      `help lists h ? F1:\n${end}`,
    );
    assert.match(end, /Press any key to return/);
    assert.doesNotMatch(help, TITLES, 'the table is not drawn under the help');
    await session.sendKeys('x');
    await session.waitFor((s) => hasMainScreen(s) && !s.includes('Press any key'), { description: 'the main screen back' });

    await session.sendKeys('?');
    await session.waitFor('Press any key to return', { description: 'the help screen on ?' });
    await session.sendKeys('Enter');
    await session.waitFor((s) => hasMainScreen(s) && !s.includes('Press any key'), { description: 'the main screen back after Enter' });
    assert.equal(session.exitStatus(), null, 'still running');
  });

  it('says "Terminal too small" on one line at 30×5, and draws everything again at 120×40', async () => {
    session = await startPooltop();
    await session.resize(30, 5);
    const small = await session.waitFor((s) => nonBlankLines(s).length === 1 && /^(Terminal too small|Too small)/.test(s), {
      description: 'only the too-small notice',
    });
    assert.deepEqual(await session.size(), { columns: 30, rows: 5 });
    assert.ok((nonBlankLines(small)[0] ?? '').length <= 30, 'the notice fits the width');

    await session.resize(120, 40);
    const back = await session.waitFor((s) => hasMainScreen(s) && !s.includes('Terminal too small'), {
      description: 'header, table and key bar back at 120×40',
    });
    assert.ok((readTable(back)?.rows.length ?? 0) >= 10, `the table is full again:\n${plain(back)}`);
    assert.equal(session.exitStatus(), null, 'still running');
  });

  it('shows the selection in inverse video when NO_COLOR is set', async () => {
    session = await startPooltop([], { env: { NO_COLOR: '1' } });
    const table = await waitForTable(session, (_t, sel) => sel.length === 1, 'exactly one highlighted row');
    const capture = await session.capture({ colors: true });
    const line = parseStyledCapture(capture)[table.rows.find((r) => r.selected)!.line]!;
    assert.ok(
      line.styles.every((st) => st.inverse && st.bg === null),
      'inverse, no background colour',
    );
  });

  it('shows the selection with --no-color', async () => {
    session = await startPooltop(['--no-color']);
    await waitForTable(session, (_t, sel) => sel.length === 1, 'exactly one highlighted row');
  });

  for (const [name, key] of [
    ['q', 'q'],
    ['F10', 'F10'],
    ['Ctrl-C', 'C-c'],
  ] as const) {
    it(`quits on ${name} with status 0 and gives the terminal back`, async () => {
      session = await startPooltop();
      const program = await session.programProcess();
      await session.sendKeys(key);
      await expectRestoredExit(session, program, 0);
    });
  }

  for (const [signal, status] of [
    ['SIGTERM', 143],
    ['SIGQUIT', 131],
  ] as const) {
    it(`ends on ${signal} with status ${status} (128 + ${status - 128}) and gives the terminal back`, async () => {
      session = await startPooltop();
      const program = await session.programProcess();
      // Signal only what this test started: the pane shell's child running bin/pooltop.
      assert.equal(program.ppid, session.shell.pid);
      assert.match(readCmdline(program.pid), /bin\/pooltop/);
      assert.ok(signalProcess(program, signal), `${signal} sent`);
      await expectRestoredExit(session, program, status);
    });
  }

  const noCursor: Array<{ what: string; term?: string; message: RegExp }> = [
    {
      what: 'TERM=dumb (no cursor addressing)',
      term: 'dumb',
      message: /^pooltop: TERM=dumb cannot move the cursor, which the monitor needs; use `pooltop snapshot`/,
    },
    { what: 'TERM unset', message: /^pooltop: TERM is not set, so the monitor cannot tell how to draw; use `pooltop snapshot`/ },
  ];
  for (const { what, term, message } of noCursor) {
    it(`with ${what} it says to use pooltop snapshot, in one line, and exits 1`, async () => {
      // tmux always sets TERM in the pane: `env -u` takes it away for pooltop alone.
      session = await TmuxSession.start({
        cwd: REPO_ROOT,
        label: 'term',
        // Wide enough for the line not to wrap.
        columns: 200,
        ...(term !== undefined ? { term } : {}),
        command: term !== undefined ? [POOLTOP_BIN] : ['env', '-u', 'TERM', POOLTOP_BIN],
      });
      assert.equal(await session.waitForExit(15_000), 1);
      const screen = await session.waitFor('EXIT=1', { description: 'the shell printing EXIT=1' });
      const printed = screen.slice(screen.indexOf(BANNER) + BANNER.length, screen.indexOf('EXIT=1')).trim();
      assert.match(printed, message);
      assert.equal(printed.split('\n').length, 1, `one line:\n${printed}`);
      assert.equal(await session.alternateScreen(), false, 'the screen was never taken');
    });
  }

  it('ends when its terminal goes away (SIGHUP) and leaves no process behind', async () => {
    session = await startPooltop();
    const program = await session.programProcess();
    // kill-server hangs up the terminal; kill() reports what it then had to SIGKILL.
    assert.deepEqual(await session.kill(), [], 'nothing needed SIGKILL');
    assert.equal(isRunning(program), false, `pooltop (PID ${program.pid}) has exited`);
  });
});
