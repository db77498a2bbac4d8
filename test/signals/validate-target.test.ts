import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PID_MAX_LIMIT, readPidMax, validateTarget } from '../../src/signals/validate-target.js';

const linux = process.platform === 'linux';

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
    const ownThread = readdirSync('/proc/self/task').map(Number).find((tid) => tid !== process.pid);
    assert.ok(ownThread, 'node runs several threads');
    assert.equal(refused(ownThread).reason, `${ownThread} is a thread of pooltop`);
    const parentThread = readdirSync(`/proc/${process.ppid}/task`).map(Number).find((tid) => tid !== process.ppid);
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
    assert.ok(max >= 2 && max <= PID_MAX_LIMIT);
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
