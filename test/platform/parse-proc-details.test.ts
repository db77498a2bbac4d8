import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCgroup, parseContextSwitches, parseInteger, parseIoBytes, parseWchan } from '../../src/platform/parse-proc-details.js';
import { parseProcStat } from '../../src/platform/parse-proc.js';

describe('parsers of the per-column /proc files', () => {
  it('io: read_bytes and write_bytes, not rchar and wchar', () => {
    const text = 'rchar: 9999\nwchar: 8888\nsyscr: 5\nsyscw: 6\nread_bytes: 4096\nwrite_bytes: 8192\ncancelled_write_bytes: 0\n';
    assert.deepEqual(parseIoBytes(text), { read: 4096, write: 8192 });
    assert.deepEqual(parseIoBytes(''), { read: -1, write: -1 });
  });

  it('status: voluntary plus involuntary switches, each read on its own line', () => {
    const text = 'Name:\tsleep\nvoluntary_ctxt_switches:\t12\nnonvoluntary_ctxt_switches:\t3\n';
    assert.equal(parseContextSwitches(text), 15);
    assert.equal(parseContextSwitches('Name:\tx\nnonvoluntary_ctxt_switches:\t3\n'), -1, 'one missing');
  });

  it('oom_score, wchan and cgroup', () => {
    assert.equal(parseInteger('666\n'), 666);
    assert.equal(parseInteger('x'), -1);
    assert.equal(parseWchan('do_nanosleep'), 'do_nanosleep');
    assert.equal(parseWchan('0'), '', 'running: no wait channel');
    assert.equal(parseCgroup('4:memory:/a\n0::/\n'), '4:memory:/a;0::/');
  });

  it('stat: the process group, terminal, its foreground group and the page faults', () => {
    const stat = parseProcStat(
      '42 (a) b) S 1 40 41 34816 42 4194560 123 0 7 0 5 6 0 0 20 0 1 0 999 1000 10 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0',
    );
    assert.ok(stat);
    assert.deepEqual([stat.pgrp, stat.session, stat.ttyNr, stat.tpgid, stat.minflt, stat.majflt], [40, 41, 34816, 42, 123, 7]);
  });
});
