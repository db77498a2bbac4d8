// End to end, hostile text: a process whose command line sets the window title and
// clears the screen is shown made harmless: the pane's title stays, the screen is not cleared.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, afterEach, describe, it } from 'node:test';
import { hasHeader, plain, readTable } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { readProc, signalProcess, type ProcRef } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

const MARKER = String(940_000_000 + process.pid);
let child: ChildProcess | undefined;
let ref: ProcRef | null = null;
let session: TmuxSession | undefined;

afterEach(async () => {
  await session?.kill();
  session = undefined;
});
after(() => {
  if (ref) signalProcess(ref, 'SIGKILL');
});

describe('hostile command lines in the monitor', () => {
  it('shows ESC ]0;PWNED BEL and ESC [2J as text: title unchanged, screen not cleared', async () => {
    child = spawn('sleep', [MARKER], { argv0: '\x1b]0;PWNED\x07\x1b[2Jsleep', stdio: 'ignore' });
    ref = readProc(child.pid!);
    session = await startPooltop(['-s', 'pid']);
    const title = await session.format('#{pane_title}');
    await session.sendKeys('/');
    await session.type(MARKER);
    await session.sendKeys('Enter');
    const screen = await session.waitFor((s) => readTable(s)?.rows.some((r) => r.selected && r.command.includes(MARKER)) ?? false, {
      colors: true,
      description: 'the hostile row selected',
    });
    assert.match(plain(screen), new RegExp(`\\^\\[\\]0;PWNED\\^G\\^\\[\\[2Jsleep ${MARKER}`));
    assert.ok(hasHeader(plain(screen)), 'the header is still drawn: nothing cleared the screen');
    assert.equal(await session.format('#{pane_title}'), title, 'the pane title did not change');
    assert.doesNotMatch(await session.format('#{pane_title}'), /PWNED/);
    // Let a few refreshes redraw the row: still nothing acts on the terminal.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.doesNotMatch(await session.format('#{pane_title}'), /PWNED/);
    assert.ok(hasHeader(plain(await session.capture())));
  });
});
