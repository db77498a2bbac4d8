import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { runBin } from './run-bin.js';

const linux = process.platform === 'linux';
/** What a hostile user would put in a command line: set the window title, then clear the screen. */
const HOSTILE = '\x1b]0;PWNED\x07\x1b[2J';
const MARKER = String(930_000_000 + process.pid);

describe('hostile process names and command lines', { skip: !linux && 'needs Linux' }, () => {
  const children: ChildProcess[] = [];
  let cmdPid = 0;
  let commPid = 0;
  before(async () => {
    // argv[0] carries the sequences: they end up in /proc/[pid]/cmdline.
    const a = spawn('sleep', [MARKER], { argv0: `${HOSTILE}sleep`, stdio: 'ignore' });
    // A bash that renames itself (comm) to escape sequences, then waits on its stdin: no child of
    // its own, so killing it leaves nothing behind.
    const b = spawn('bash', ['-c', `printf '\\033]0;PWN\\007\\033[2J' > /proc/$$/comm; read -r _`], { stdio: ['pipe', 'ignore', 'ignore'] });
    children.push(a, b);
    cmdPid = a.pid!;
    commPid = b.pid!;
    for (let i = 0; i < 100; i++) {
      if (readFileSync(`/proc/${commPid}/comm`, 'utf8').startsWith('\x1b')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  after(() => {
    for (const c of children) if (c.pid && c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });

  it('the table output holds no ESC byte, the sequences shown made visible', async () => {
    const r = await runBin(['snapshot', '-p', `${cmdPid},${commPid}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes('\x1b'), 'no ESC reaches the terminal');
    assert.ok(!/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(r.stdout), 'no other control byte either');
    assert.match(r.stdout, new RegExp(`\\^\\[\\]0;PWNED\\^G\\^\\[\\[2Jsleep ${MARKER}`));
  });

  it('the tree output holds no ESC byte either', async () => {
    const r = await runBin(['snapshot', '--tree']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes('\x1b'));
    assert.match(r.stdout, new RegExp(`\\^\\[\\]0;PWNED\\^G\\^\\[\\[2Jsleep ${MARKER}`));
  });

  it('JSON keeps the real strings, JSON-escaped', async () => {
    const r = await runBin(['snapshot', '--json', '-p', `${cmdPid},${commPid}`]);
    assert.ok(!r.stdout.includes('\x1b'), 'escaped, not raw');
    const doc = JSON.parse(r.stdout) as { processes: { pid: number; name: string; command: string }[] };
    assert.equal(doc.processes.find((p) => p.pid === cmdPid)?.command, `${HOSTILE}sleep ${MARKER}`);
    assert.equal(doc.processes.find((p) => p.pid === commPid)?.name, '\x1b]0;PWN\x07\x1b[2J');
  });
});
