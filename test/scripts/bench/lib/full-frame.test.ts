import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { btopFrame, htopLikeFrame, topFrame } from '../../../../scripts/bench/lib/full-frame.js';

describe('first full frames', () => {
  it('takes a pooltop or htop screen once the titles have a row under them and the key bar is drawn', () => {
    const titles = '    PID USER      PRI  NI  VIRT   RES   SHR S CPU% MEM%   TIME+  Command';
    const row = '   4711 root       20   0  11M  4.1M  3.2M S  0.0  0.0  0:00.01 sleep 100';
    const keys = 'F1Help  F2Setup F3SearchF4FilterF5Tree  F6SortByF7Nice -F8Nice +F9Kill  F10Quit';
    assert.equal(htopLikeFrame([titles, row, keys].join('\n')), true);
    assert.equal(htopLikeFrame([titles, '', keys].join('\n')), false);
    assert.equal(htopLikeFrame([titles, row].join('\n')), false);
  });

  it("takes btop's screen once the cpu box and a process row are drawn", () => {
    const top = '╭─┐¹cpu┌──┐menu┌┐preset *┌────────┐14:56:51┌─╮';
    const titles = '│ Total: 23.5 GiB ││    Pid: Program:         Command:              Threads: User:       MemB       Cpu% ↑│';
    const row = '├─Used:─1.08─GiB─┤││   20446 node             /usr/bin/node --cpu-prof    12 root         86M ⣀⣀⣀⣀⢀  4.3 █│';
    assert.equal(btopFrame([top, titles, row].join('\n')), true);
    assert.equal(btopFrame([top, titles, '│   │'].join('\n')), false);
    assert.equal(btopFrame(['', titles, row].join('\n')), false);
  });

  it("takes top's screen once the summary and a process row are drawn", () => {
    const summary = 'top - 14:56:52 up  6:27,  0 user,  load average: 2.69, 1.81, 2.24';
    const titles = '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND';
    const row = '20446 root      20   0   11.1g  88220  47324 S   9.7   0.4   0:01.01 node';
    assert.equal(topFrame([summary, '', titles, row].join('\n')), true);
    assert.equal(topFrame([summary, '', titles].join('\n')), false);
    assert.equal(topFrame(['', titles, row].join('\n')), false);
  });
});
