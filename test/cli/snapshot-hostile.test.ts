import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { runBin } from './run-bin.js';

const linux = process.platform === 'linux';
/** What a hostile user would put in a command line: set the window title, then clear the screen. */
const HOSTILE = '\x1b]0;PWNED\x07\x1b[2J';
/** What JSON.stringify passes through raw: DEL, a C1 CSI, bidi override and isolate, invisible and blank-looking characters. */
const RAW_IN_JSON = 'del\x7f csi\x9b2J rlo\u202egnp.exe fsi\u2068x\u2069 zwsp\u200b bom\ufeff filler\u3164\u3164 blank\u2800 nbsp\u00a0 tag\u{e0041} sep\u2028';
/** Must not appear raw in JSON output. */
const RAW = /[\u007f-\u009f\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029\u00a0\u2800]/u;
const MARKER = String(930_000_000 + process.pid);

describe('hostile process names and command lines', { skip: !linux && 'needs Linux' }, () => {
  const children: ChildProcess[] = [];
  let cmdPid = 0;
  let commPid = 0;
  let rawPid = 0;
  before(async () => {
    // argv[0] carries the sequences: they end up in /proc/[pid]/cmdline.
    const a = spawn('sleep', [MARKER], { argv0: `${HOSTILE}sleep`, stdio: 'ignore' });
    // A bash that renames itself (comm) to escape sequences, then waits on its stdin: no child of
    // its own, so killing it leaves nothing behind.
    const b = spawn('bash', ['-c', `printf '\\033]0;PWN\\007\\033[2J' > /proc/$$/comm; read -r _`], { stdio: ['pipe', 'ignore', 'ignore'] });
    const c = spawn('sleep', [MARKER], { argv0: RAW_IN_JSON, stdio: 'ignore' });
    children.push(a, b, c);
    cmdPid = a.pid!;
    commPid = b.pid!;
    rawPid = c.pid!;
    for (let i = 0; i < 100; i++) {
      if (readFileSync(`/proc/${commPid}/comm`, 'utf8').startsWith('\x1b') && readFileSync(`/proc/${rawPid}/cmdline`, 'utf8').startsWith('del')) break;
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

  it('JSON escapes DEL, C1, bidi, format and blank-looking characters as \\uXXXX, and parses back to the same string', async () => {
    for (const args of [
      ['snapshot', '--json', '-p', String(rawPid)],
      ['snapshot', '--json', '--tree'],
    ]) {
      const r = await runBin(args);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout, RAW, `${args.join(' ')}: no such character raw in the output`);
      assert.ok(r.stdout.includes('\\u009b2J') && r.stdout.includes('\\u202e') && r.stdout.includes('\\udb40\\udc41'), 'escaped as \\uXXXX');
      const doc = JSON.parse(r.stdout) as { processes?: { pid: number; command: string }[]; roots?: unknown };
      const found = doc.processes?.find((p) => p.pid === rawPid) ?? findInTree(doc.roots, rawPid);
      assert.equal(found?.command, `${RAW_IN_JSON} ${MARKER}`, `${args.join(' ')}: the very same string once parsed`);
    }
  });

  it('the table shows the invisible characters as <U+XXXX>, none raw', async () => {
    const r = await runBin(['snapshot', '-p', String(rawPid)]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, RAW);
    assert.match(
      r.stdout,
      /del\^\? csi\\x9b2J rlo<U\+202E>gnp\.exe fsi<U\+2068>x<U\+2069> zwsp<U\+200B> bom<U\+FEFF> filler<U\+3164><U\+3164> blank<U\+2800> nbsp<U\+00A0> tag<U\+E0041> sep<U\+2028>/,
    );
  });
});

/** The node with `pid` somewhere in a --tree document's nested children. */
function findInTree(nodes: unknown, pid: number): { command: string } | undefined {
  const stack = [...((nodes as { pid: number; command: string; children: unknown[] }[] | undefined) ?? [])];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.pid === pid) return node;
    stack.push(...(node.children as typeof stack));
  }
  return undefined;
}
