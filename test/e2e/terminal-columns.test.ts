// End to end, the columns that only a process on a terminal has: pooltop in tmux shows its own
// TTY and TPGID as ps does, on screen and in `snapshot --json --columns`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { runBin } from '../cli/run-bin.js';
import { readTable } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import type { TmuxSession } from './tmux-session.js';

const root = mkdtempSync(join(tmpdir(), 'pooltop-e2e-tty-'));
let session: TmuxSession | undefined;
afterEach(async () => {
  await session?.kill();
  session = undefined;
});
after(() => rmSync(root, { recursive: true, force: true }));

function ps(pid: number): { tty: string; tpgid: number; pgid: number; sid: number } {
  const [tty, tpgid, pgid, sid] = execFileSync('ps', ['-o', 'tty=,tpgid=,pgid=,sid=', '-p', String(pid)], { encoding: 'utf8' })
    .trim()
    .split(/\s+/);
  return { tty: tty!, tpgid: Number(tpgid), pgid: Number(pgid), sid: Number(sid) };
}

describe('terminal columns', { timeout: 60_000 }, () => {
  it("shows pooltop's own terminal and foreground group as ps does", async () => {
    const home = join(root, 'a');
    mkdirSync(join(home, 'pooltop'), { recursive: true, mode: 0o700 });
    writeFileSync(join(home, 'pooltop', 'config.json'), JSON.stringify({ columns: ['pid', 'tty', 'tpgid', 'pgrp', 'sid', 'command'] }));
    // Sorted by TTY, inverted: the few processes on a terminal (pooltop among them) come first.
    session = await startPooltop(['-s', 'tty'], { env: { XDG_CONFIG_HOME: home }, interactiveShell: true });
    await session.sendKeys('I');
    const program = await session.programProcess();
    const expected = ps(program.pid);
    assert.match(expected.tty, /^pts\/\d+$/);
    const screen = await session.waitFor((c) => readTable(c)?.rows.some((r) => r.pid === program.pid) ?? false, {
      description: "pooltop's own row",
    });
    const own = readTable(screen)!.rows.find((r) => r.pid === program.pid)!;
    assert.deepEqual(own.text.trim().split(/\s+/).slice(0, 5), [
      String(program.pid),
      expected.tty,
      String(expected.tpgid),
      String(expected.pgid),
      String(expected.sid),
    ]);

    const result = await runBin(['snapshot', '--json', '--columns', 'tty,tpgid,pgrp,sid', '-p', String(program.pid)]);
    assert.equal(result.code, 0, result.stderr);
    const [row] = (JSON.parse(result.stdout) as { processes: Record<string, unknown>[] }).processes;
    assert.deepEqual(row, { pid: program.pid, ppid: program.ppid, tty: expected.tty, tpgid: expected.tpgid, pgrp: expected.pgid, session: expected.sid });
  });
});
