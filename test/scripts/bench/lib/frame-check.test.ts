import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { meterLinesShown } from '../../../../scripts/bench/lib/frame-check.js';

describe('the frame check', () => {
  const header = (disk: string): string =>
    [
      '  0[||||||||||       20.0%] Tasks: 50, 87 thr, 58 kthr; 2 running',
      '  1[||||||||||       20.0%]        96 sleeping, 0 stopped, 0 zombie',
      'Mem[||||        308M/23.5G] Load average: 2.63 3.72 12.26',
      'Swp[                   0/0] Uptime: 07:55:30',
      `                             ${disk}`,
      '                             Freq: 2.30 GHz',
    ].join('\n');

  it('counts the disk and network line of the first sample, whose rates are not known yet', () => {
    const size = { columns: 80, rows: 24 };
    assert.equal(meterLinesShown(header('Disk: 0/s read, 0/s written  Net: 0/s in, 0/s out'), size, { cores: 2 }), 2);
    assert.equal(meterLinesShown(header('Disk: - read, - written  Net: - in, - out'), size, { cores: 2 }), 2);
    assert.equal(meterLinesShown(header(''), size, { cores: 2 }), 1);
  });
});
