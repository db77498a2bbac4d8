// End to end, pooltop behind a slow link: a terminal that takes 8 KiB a second (a reader on a
// pseudo-terminal of its own, fixtures/slow-terminal.py) still sees a key's effect within a bound,
// and pooltop has not queued refreshes for it beyond what it reads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { POOLTOP_BIN } from './pooltop-session.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/slow-terminal.py', import.meta.url));
// python3 is not on every machine: the test says so and skips.
const python = ['python3', 'python'].find((name) => spawnSync(name, ['--version']).status === 0);
const RATE = 8192;

describe('over a slow link', { timeout: 120_000 }, () => {
  it('shows a key’s effect within seconds, with no backlog of refreshes', { skip: !python && 'needs python3' }, () => {
    // Five refreshes a second: ~1–2 KiB a second as changes, which the link carries; every line
    // of every frame (Ink's own writer) would be ~25 KiB a second, three times what it carries.
    const run = spawnSync(python!, [FIXTURE, String(RATE), 'F10', 'h', 'Press any key', '--', POOLTOP_BIN, '-d', '2'], {
      encoding: 'utf8',
      timeout: 110_000,
      env: { ...process.env, TERM: 'xterm-256color', CI: undefined },
    });
    const reports = Object.assign(
      {},
      ...run.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as object),
    ) as {
      ready?: number;
      key?: number | null;
      backlog?: number;
      error?: string;
    };
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.equal(typeof reports.ready, 'number', run.stdout);
    assert.ok(typeof reports.key === 'number' && reports.key < 5000, `the help screen showed ${reports.key} ms after h: ${run.stdout}`);
    assert.ok(reports.backlog !== undefined && reports.backlog < 16_384, `${reports.backlog} bytes queued beyond what was read`);
  });
});
