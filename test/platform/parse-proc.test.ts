import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCmdline, parseProcStat, parseStatm, parseStatusTgid, parseStatusUid } from '../../src/platform/parse-proc.js';

const STAT =
  '2629 (cat) R 2620 2620 1019 0 -1 4194304 99 0 0 0 7 3 0 0 20 0 1 0 13660 3133440 408 18446744073709551615 94709375467520 94709375487401 140731886516640 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 94709375503408 94709375505024 94709756252160 140731886524949 140731886524969 140731886524969 140731886526443 0';

describe('parseProcStat', () => {
  it('reads the fields pooltop uses', () => {
    const s = parseProcStat(STAT);
    assert.ok(s);
    assert.deepEqual(
      [s.pid, s.comm, s.state, s.ppid, s.session, s.utime, s.stime, s.priority, s.nice, s.threads, s.startTicks, s.vsize, s.rssPages, s.processor],
      [2629, 'cat', 'R', 2620, 1019, 7, 3, 20, 0, 1, 13660, 3133440, 408, 1],
    );
    // Field 5 the group, field 8 the terminal's foreground group (-1: no terminal).
    assert.deepEqual([s.pgrp, s.tpgid], [2620, -1]);
  });

  it('takes the name up to the last parenthesis, whatever it holds', () => {
    const s = parseProcStat(STAT.replace('(cat)', '(a) R 1 (b c)'));
    assert.equal(s?.comm, 'a) R 1 (b c');
    assert.equal(s?.ppid, 2620);
    const hostile = parseProcStat(STAT.replace('(cat)', '(\x1b]0;x\x07 ))'));
    assert.equal(hostile?.comm, '\x1b]0;x\x07 )');
  });

  it('rejects text of another shape', () => {
    assert.equal(parseProcStat(''), null);
    assert.equal(parseProcStat('garbage'), null);
    assert.equal(parseProcStat('12 (x) R 1'), null);
  });
});

describe('other /proc files', () => {
  it('reads the real UID from status', () => {
    assert.equal(parseStatusUid('Name:\tcat\nUmask:\t0022\nUid:\t1000\t1000\t1000\t1000\n'), 1000);
    assert.equal(parseStatusUid('Name:\tcat\n'), -1);
  });

  it('takes the effective UID (the second), as ps and htop show the user', () => {
    assert.equal(parseStatusUid('Name:\tsleep\nUid:\t0\t65534\t0\t65534\nGid:\t0\t0\t0\t0\n'), 65534);
  });

  it('reads the thread group ID: the process a thread belongs to', () => {
    assert.equal(parseStatusTgid('Name:\tnode\nTgid:\t1234\nNgid:\t0\nPid:\t1240\n'), 1234);
    assert.equal(parseStatusTgid('Name:\tnode\n'), -1);
  });

  it('reads resident and shared pages from statm', () => {
    assert.deepEqual(parseStatm('198745 10869 9301 4816 0 18240 0\n'), { residentPages: 10869, sharedPages: 9301 });
    assert.equal(parseStatm('garbage'), null);
    assert.equal(parseStatm('12 34'), null);
  });

  it('joins a NUL-separated command line with spaces', () => {
    assert.equal(parseCmdline('sleep\u000030\u0000'), 'sleep 30');
    assert.equal(parseCmdline(''), '');
    assert.equal(parseCmdline('a b\u0000c\u0000\u0000'), 'a b c');
  });
});
