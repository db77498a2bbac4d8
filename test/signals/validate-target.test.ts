import assert from 'node:assert/strict';
import { type ChildProcess, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { readAncestorChain } from '../../src/platform/ancestor-chain.js';
import { PID_MAX_LIMIT, readPidMax } from '../../src/platform/pid-max.js';
import { lookupSignal, SIGNALS } from '../../src/signals/signal-table.js';
import { validateTarget } from '../../src/signals/validate-target.js';
import { OwnChildren, parentOf } from './own-children.js';

const here = dirname(fileURLToPath(import.meta.url));
const PROBE = join(here, 'fixtures', 'lifeline-probe.ts');

const linux = process.platform === 'linux';
const hasPython = spawnSync('python3', ['-c', 'import ctypes'], { stdio: 'ignore' }).status === 0;

function refused(input: unknown): { kind: string; reason: string } {
  const check = validateTarget(input);
  assert.equal(check.ok, false, `accepted ${String(input)}`);
  return check.ok ? { kind: '', reason: '' } : check;
}

describe('validateTarget', () => {
  it('accepts integer PIDs and strings of digits from 2 to pid_max − 1', () => {
    assert.deepEqual(validateTarget(2), { ok: true, pid: 2 });
    assert.deepEqual(validateTarget('12'), { ok: true, pid: 12 });
    assert.deepEqual(validateTarget(readPidMax() - 1), { ok: true, pid: readPidMax() - 1 });
  });

  it('refuses 0, negative PIDs and init', () => {
    assert.equal(refused(0).kind, 'invalid');
    assert.equal(refused(-0).kind, 'invalid');
    assert.equal(refused(-1).kind, 'invalid');
    assert.match(refused(-1).reason, /process groups/);
    assert.equal(refused(-1234).kind, 'invalid');
    assert.equal(refused('0').kind, 'invalid');
    assert.deepEqual(validateTarget(1), { ok: false, kind: 'protected', pid: 1, reason: '1 is init' });
    assert.equal(refused('1').kind, 'protected');
  });

  it('refuses pooltop itself and its parent, as numbers or text', () => {
    assert.equal(refused(process.pid).reason, `${process.pid} is pooltop itself`);
    assert.equal(refused(String(process.pid)).kind, 'protected');
    assert.equal(refused(process.ppid).reason, `${process.ppid} is pooltop's parent`);
    assert.equal(refused(String(process.ppid)).kind, 'protected');
  });

  it("refuses a thread of pooltop or of its parent, since kill(2) on a thread's ID signals its process", (t) => {
    if (!linux) return t.skip('threads are listed under /proc only on Linux');
    const ownThread = readdirSync('/proc/self/task')
      .map(Number)
      .find((tid) => tid !== process.pid);
    assert.ok(ownThread, 'node runs several threads');
    assert.equal(refused(ownThread).reason, `${ownThread} is a thread of pooltop`);
    const parentThread = readdirSync(`/proc/${process.ppid}/task`)
      .map(Number)
      .find((tid) => tid !== process.ppid);
    if (parentThread !== undefined) assert.equal(refused(parentThread).reason, `${parentThread} is a thread of pooltop's parent`);
  });

  it('refuses numbers that are not integers', () => {
    for (const input of [Number.NaN, 1.5, 2.5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53 + 2]) {
      assert.equal(refused(input).kind, 'invalid', String(input));
    }
    assert.match(refused(1.5).reason, /^not a PID: 1\.5$/);
    assert.equal(refused(Number.NaN).reason, 'not a PID: NaN');
  });

  it('refuses text that is not only digits', () => {
    for (const input of [' 12', '12 ', '+12', '-12', '1.0', '1e3', '0x10', '12\n', '１２', '', '1; rm -rf /', '12;kill -9 -1', '9'.repeat(11)]) {
      assert.equal(refused(input).kind, 'invalid', JSON.stringify(input));
    }
    assert.equal(refused('1; rm -rf /').reason, 'not a PID: "1; rm -rf /"');
    assert.equal(refused('').reason, 'not a PID: empty text');
  });

  it('refuses every other type', () => {
    for (const input of [null, undefined, {}, { pid: 1234 }, [1234], 1234n, true, Symbol('pid'), () => 1234, new Number(1234)]) {
      assert.equal(refused(input).kind, 'invalid', typeof input);
    }
    assert.equal(refused(null).reason, 'not a PID: null');
    assert.equal(refused({}).reason, 'not a PID: an object');
  });

  it("refuses PIDs above the system's maximum", () => {
    const max = readPidMax();
    assert.ok(max >= 2 && max <= PID_MAX_LIMIT, `pid_max ${max}`);
    // pid_max is one more than the largest PID (proc(5)).
    assert.equal(refused(max).reason, `${max} is above the system's largest PID (${max - 1})`);
    assert.equal(refused(max + 1).kind, 'invalid');
    assert.equal(refused(String(max)).kind, 'invalid');
    assert.equal(refused(PID_MAX_LIMIT).kind, 'invalid');
  });

  it('keeps hostile input out of the reason', () => {
    const reason = refused('\u001b]0;pwned\u0007\u001b[2J').reason;
    assert.ok(!/[\u0000-\u001f\u007f-\u009f]/.test(reason), reason);
    assert.ok(refused('x'.repeat(10_000)).reason.length < 60);
  });
});

/** The lines a child prints, as they come. */
function lines(child: ChildProcess): () => Promise<string> {
  const queue: string[] = [];
  let waiting: ((line: string) => void) | null = null;
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n')) {
      const line = text.slice(0, end);
      text = text.slice(end + 1);
      if (waiting) {
        waiting(line);
        waiting = null;
      } else queue.push(line);
    }
  });
  return () =>
    new Promise((resolve, reject) => {
      const next = queue.shift();
      if (next !== undefined) return resolve(next);
      const timer = setTimeout(() => reject(new Error('no line from the child within 15 s')), 15_000);
      waiting = (line) => {
        clearTimeout(timer);
        resolve(line);
      };
    });
}

interface Probe {
  pid: number;
  ppid: number;
  lifeline: { ancestors: number[]; sessionLeader: number | null };
  checks: { pid: number; stop: { ok: boolean; reason?: string }; cont: { ok: boolean } }[];
}

describe("pooltop's lifeline: its ancestors and its session's leader", { skip: !linux && 'needs /proc' }, () => {
  const children = new OwnChildren();
  after(() => children.cleanup());
  const cont = lookupSignal('SIGCONT')!;

  it("refuses to stop or end this process's grandparent, and lets it be resumed", (t) => {
    const grandparent = readAncestorChain().ancestors[1];
    if (grandparent === undefined) return t.skip('this test runs right under PID 1');
    for (const signal of SIGNALS) {
      const check = validateTarget(grandparent, signal);
      const harmless = signal.defaultAction === 'continue' || signal.defaultAction === 'ignore';
      assert.equal(check.ok, harmless, signal.name);
      if (!check.ok) assert.equal(check.reason, `${grandparent} is an ancestor of pooltop`);
    }
    assert.equal(validateTarget(grandparent).ok, false, 'without a signal, the strictest check');
    assert.deepEqual(validateTarget(process.ppid, cont), { ok: true, pid: process.ppid });
    assert.equal(validateTarget(process.pid, cont).ok, false, 'pooltop itself: never');
  });

  it('refuses, from inside a tree of real processes, every ancestor up to PID 1 (sh → sh → node)', async () => {
    // The outer sh leads a session of its own (detached: setsid), as a terminal's shell does.
    // The inner sh sleeps on after the probe, so that it is still there to be read (it had exited,
    // at times, by the time its parent was checked); cleanup ends it.
    const outer = children.spawn('sh', ['-c', `sh -c "node --import tsx ${PROBE}; exec sleep 60"; :`], { detached: true, cwd: join(here, '..', '..') });
    const probe = JSON.parse(await lines(outer)()) as Probe;
    const inner = probe.ppid;
    children.adopt(inner);
    assert.equal(parentOf(inner), outer.pid);
    assert.deepEqual(probe.lifeline.ancestors.slice(0, 3), [inner, outer.pid, process.pid]);
    assert.equal(probe.lifeline.sessionLeader, outer.pid);
    const by = new Map(probe.checks.map((c) => [c.pid, c]));
    assert.deepEqual(by.get(inner)?.stop, { ok: false, kind: 'protected', pid: inner, reason: `${inner} is pooltop's parent` });
    assert.deepEqual(by.get(outer.pid)?.stop, { ok: false, kind: 'protected', pid: outer.pid, reason: `${outer.pid} is an ancestor of pooltop` });
    assert.deepEqual(by.get(process.pid)?.stop, { ok: false, kind: 'protected', pid: process.pid, reason: `${process.pid} is an ancestor of pooltop` });
    for (const pid of probe.lifeline.ancestors) {
      assert.equal(by.get(pid)?.stop.ok, false, `SIGSTOP to ancestor ${pid}`);
      assert.equal(by.get(pid)?.cont.ok, true, `SIGCONT to ancestor ${pid}`);
    }
  });

  it('refuses the leader of its session when the leader is not an ancestor', async (t) => {
    if (!hasPython) return t.skip('needs python3 for the subreaper');
    // subreaper (python) → setsid sh, which leads a new session, starts the probe in a subshell
    // that exits at once: the probe is re-parented to the subreaper, and stays in sh's session.
    const reaper = children.spawn(
      'python3',
      // sh's parent is the subreaper (setsid needs no fork here): the probe waits to be its child.
      [join(here, 'fixtures', 'subreaper.py'), 'setsid', 'sh', '-c', `(WAIT_FOR_PARENT=$PPID node --import tsx ${PROBE} &); exec sleep 30`],
      { cwd: join(here, '..', '..') },
    );
    const next = lines(reaper);
    const leader = Number(await next());
    children.adopt(leader);
    const probe = JSON.parse(await next()) as Probe;
    assert.equal(probe.ppid, reaper.pid, 'the probe was re-parented to the subreaper');
    assert.equal(probe.lifeline.sessionLeader, leader);
    assert.ok(!probe.lifeline.ancestors.includes(leader));
    const check = probe.checks.find((c) => c.pid === leader);
    assert.deepEqual(check?.stop, { ok: false, kind: 'protected', pid: leader, reason: `${leader} leads the session of pooltop's terminal` });
    assert.equal(check?.cont.ok, true);
  });
});
