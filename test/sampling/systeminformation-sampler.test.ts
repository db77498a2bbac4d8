// The systeminformation source refuses, in one line, the machines whose processes si.processes()
// cannot list: its one shell command would be longer than the kernel takes, and the spawn's
// E2BIG would end pooltop with a stack trace from inside si's callback.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { siListingRefusal } from '../../src/sampling/systeminformation-sampler.js';

const pids = (n: number, from = 100_000): string[] => Array.from({ length: n }, (_, i) => String(from + i));

describe('siListingRefusal', () => {
  it('lets a few thousand processes through', () => {
    assert.equal(siListingRefusal(pids(0)), null);
    assert.equal(siListingRefusal(pids(3000)), null);
  });

  it('refuses 10,000 processes, saying why and what to use instead', () => {
    assert.equal(
      siListingRefusal(pids(10_000)),
      'systeminformation cannot list 10000 processes: it reads them in one shell command of 215 KiB, and the kernel takes 128 KiB (use --source procfs)',
    );
  });

  it('counts the PIDs’ digits: short PIDs fit more processes into the same limit', () => {
    assert.equal(siListingRefusal(pids(5500, 1000)), null);
    assert.notEqual(siListingRefusal(pids(5500, 1_000_000)), null);
  });
});
