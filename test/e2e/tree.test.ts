// End to end, the tree view: `t` draws the PID/PPID tree from PID 1 with guides, and `a`
// shows the ancestry of a process this test started, back to PID 1.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, afterEach, before, describe, it } from 'node:test';
import { plain, readTable } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { childrenOf, readProc, signalProcess, waitUntilGone, type ProcRef } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

/** bash → sleep, with an argument no other process has. */
const MARKER = String(910_000_000 + process.pid);
let chain: ChildProcess | undefined;
const started: ProcRef[] = [];
let session: TmuxSession | undefined;

before(async () => {
  chain = spawn('bash', ['-c', `sleep ${MARKER}; true`], { stdio: 'ignore' });
  const bash = chain.pid ? readProc(chain.pid) : null;
  assert.ok(bash);
  started.push(bash);
  for (let i = 0; i < 100 && started.length < 2; i++) {
    const sleep = childrenOf(bash.pid)[0];
    if (sleep) started.push(sleep);
    else await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.equal(started.length, 2, 'bash started its sleep');
});

afterEach(async () => {
  await session?.kill();
  session = undefined;
});

after(async () => {
  for (const ref of [...started].reverse()) signalProcess(ref, 'SIGKILL');
  await waitUntilGone(started, 2000);
});

describe('tree view in a 120×40 terminal', () => {
  it('t draws the tree with guides and PID 1 at the top; t again goes back', async () => {
    session = await startPooltop();
    await session.sendKeys('t');
    const screen = await session.waitFor((s) => /[├└]─ /.test(s), { description: 'tree guides' });
    const table = readTable(screen);
    assert.equal(table?.rows[0]?.pid, 1, `PID 1 is the first row:\n${screen}`);
    assert.equal(table?.rows[0]?.ppid, 0);
    assert.ok(
      table!.rows.slice(1).some((r) => /^[│ ]*[├└]─ /.test(r.command)),
      'children drawn with guides',
    );
    await session.sendKeys('t');
    await session.waitFor((s) => !/[├└]─ /.test(s), { description: 'the flat list again' });
  });

  it('a shows the ancestry of the selected sleep down from PID 1; Esc closes it', async () => {
    session = await startPooltop(['--tree']);
    await session.waitFor((s) => /[├└]─ /.test(s), { description: 'tree guides' });
    // The marker is in the bash's command line too: search lands on it, n goes on to the sleep.
    await session.sendKeys('/');
    await session.type(MARKER);
    await session.sendKeys('Enter');
    // (The bash's command may be cut at the screen's edge when the tree is deep: match its start.)
    await session.waitFor(
      (s) => readTable(s)?.rows.some((r) => r.selected && /bash -c sleep \d+/.test(r.command) && r.command.includes(`sleep ${MARKER}`)) ?? false,
      {
        colors: true,
        description: 'the bash selected',
      },
    );
    await session.sendKeys('n');
    await session.waitFor((s) => readTable(s)?.rows.some((r) => r.selected && r.command.endsWith(`sleep ${MARKER}`)) ?? false, {
      colors: true,
      description: 'the sleep selected',
    });
    await session.sendKeys('a');
    const panel = plain(await session.waitFor(/Ancestry of PID \d+/, { description: 'the ancestry panel' }));
    const lines = panel.split('\n');
    const title = lines.findIndex((l) => /Ancestry of PID/.test(l));
    const chainLines = lines.slice(title + 1).filter((l) => /^\s+\d+ /.test(l));
    assert.match(chainLines[0] ?? '', /^\s+1 /, `the chain starts at PID 1:\n${panel}`);
    assert.match(chainLines.at(-1) ?? '', new RegExp(`└─ sleep ${MARKER}$`), `and ends at the sleep:\n${panel}`);
    const bashLine = chainLines.at(-2) ?? '';
    assert.ok(bashLine.includes(`bash -c sleep ${MARKER}`), `its parent bash is just above:\n${panel}`);
    assert.ok(
      chainLines.some((l) => new RegExp(`^\\s+${process.pid} `).test(l)),
      'the test runner is in the chain',
    );
    await session.sendKeys('Escape');
    await session.waitFor((s) => !/Ancestry of PID/.test(s) && /[├└]─ /.test(s), { description: 'the tree again' });
  });
});
