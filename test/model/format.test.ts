import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes, formatCpuTime, formatPercent, formatUptime } from '../../src/model/format.js';

describe('format', () => {
  it('prints sizes like htop', () => {
    assert.equal(formatBytes(0), '0');
    assert.equal(formatBytes(512 * 1024), '512K');
    assert.equal(formatBytes(100 * 1024 * 1024), '100M');
    assert.equal(formatBytes(12.5 * 1024 * 1024), '12.5M');
    assert.equal(formatBytes(1.1 * 1024 ** 3), '1.1G');
    assert.equal(formatBytes(2 * 1024 ** 3), '2G');
  });

  it('prints TIME+ as minutes:seconds.hundredths, and hours past 100 minutes', () => {
    assert.equal(formatCpuTime(0), '0:00.00');
    assert.equal(formatCpuTime(40.11), '0:40.11');
    assert.equal(formatCpuTime(61.5), '1:01.50');
    assert.equal(formatCpuTime(7200 + 65), '2h01:05');
    assert.equal(formatCpuTime(-1), '-');
  });

  it('prints uptime with days', () => {
    assert.equal(formatUptime(7865), '02:11:05');
    assert.equal(formatUptime(86400 + 5), '1 day, 00:00:05');
    assert.equal(formatUptime(3 * 86400), '3 days, 00:00:00');
  });

  it('prints percentages in at most five characters', () => {
    assert.equal(formatPercent(0), '0.0');
    assert.equal(formatPercent(99.94), '99.9');
    assert.equal(formatPercent(100), '100');
    assert.equal(formatPercent(199.6), '200');
    assert.equal(formatPercent(Number.NaN), '-', 'unknown');
  });
});
