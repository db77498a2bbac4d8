// The boot time and the start-time formula: the sampler's rows, the PID-reuse check and the
// subtree kill's table must agree on every process's start time.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLK_TCK, ticksToMs } from '../../src/platform/kernel-units.js';
import { readPidTable } from '../../src/platform/pid-table.js';
import { readProcessIdentity } from '../../src/platform/process-identity.js';
import { BOOT_TIME_MS, currentBootTimeMs, parseBootTime, readBootTimeMs, startTimeFromTicks } from '../../src/platform/start-time.js';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';

describe('start times', () => {
  const root = mkdtempSync(join(tmpdir(), 'pooltop-proc-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reads btime from a /proc/stat, 0 without one', () => {
    assert.equal(parseBootTime('cpu  1 2 3\nbtime 1700000000\nprocesses 5\n'), 1700000000);
    assert.equal(parseBootTime('cpu 1\n'), 0);
    writeFileSync(join(root, 'stat'), 'cpu 1 2 3\nbtime 1700000000\n');
    assert.equal(readBootTimeMs(root), 1_700_000_000_000, 'btime alone without /proc/uptime');
    assert.equal(readBootTimeMs(join(root, 'missing')), 0);
  });

  it("refines btime with the clock against /proc/uptime, within btime's second", () => {
    const uptimeRoot = mkdtempSync(join(tmpdir(), 'pooltop-proc-'));
    try {
      // A boot 0.73 s into its second: uptime as the kernel prints it, hundredths cut.
      const boot = Math.floor(Date.now() / 1000) * 1000 - 3_600_000 + 730;
      writeFileSync(join(uptimeRoot, 'stat'), `cpu 1\nbtime ${Math.floor(boot / 1000)}\n`);
      const written = Date.now();
      writeFileSync(join(uptimeRoot, 'uptime'), `${(Math.floor((written - boot) / 10) / 100).toFixed(2)} 0.00\n`);
      const read = readBootTimeMs(uptimeRoot);
      // The reading takes the clock again: on a loaded machine, tens of ms after the file was written.
      const late = Date.now() - written;
      assert.ok(read >= boot - 20 && read <= boot + late + 20, `${read - boot} ms from the boot, ${late} ms after the file was written`);
      // A clock stepped since (uptime no longer fits btime's second): btime is trusted.
      writeFileSync(join(uptimeRoot, 'uptime'), '5.00 0.00\n');
      assert.equal(readBootTimeMs(uptimeRoot), Math.floor(boot / 1000) * 1000);
    } finally {
      rmSync(uptimeRoot, { recursive: true, force: true });
    }
  });

  it('reads the same boot time again on this machine, to within 20 ms, and keeps the one read first', {
    skip: process.platform !== 'linux' && 'needs /proc',
  }, () => {
    const btime = parseBootTime(readFileSync('/proc/stat', 'utf8')) * 1000;
    assert.ok(BOOT_TIME_MS >= btime && BOOT_TIME_MS < btime + 1000, "within btime's second");
    for (let i = 0; i < 20; i++) assert.ok(Math.abs(readBootTimeMs() - BOOT_TIME_MS) <= 20);
    assert.equal(currentBootTimeMs(), BOOT_TIME_MS, 'the clock was not stepped: the first reading stands');
  });

  it('keeps one boot time however many copies of the module are loaded (the UI bundle has its own)', async () => {
    const copy = (await import(`../../src/platform/start-time.js?copy=${Date.now()}`)) as { BOOT_TIME_MS: number };
    assert.equal(copy.BOOT_TIME_MS, BOOT_TIME_MS);
  });

  it('turns start ticks into ms since the epoch at CLK_TCK ticks a second', () => {
    assert.equal(CLK_TCK, 100);
    assert.equal(ticksToMs(250), 2500);
    assert.equal(startTimeFromTicks(500, 1_700_000_000_000), 1_700_000_005_000);
  });

  it('lists a fake /proc with the same formula, and says why a missing one cannot be listed', () => {
    mkdirSync(join(root, '9'));
    writeFileSync(join(root, '9', 'stat'), '9 (a) b) S 1 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 700 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0');
    mkdirSync(join(root, '10'));
    assert.deepEqual(readPidTable(root), [{ pid: 9, ppid: 1, startTime: startTimeFromTicks(700), comm: 'a) b', pgrp: 9 }]);
    assert.deepEqual(readPidTable(join(root, 'missing')), { error: `cannot list ${join(root, 'missing')}: ENOENT` });
  });

  it('gives this process one start time whoever reads it: sampler, identity, table', { skip: process.platform !== 'linux' && 'needs /proc' }, () => {
    const row = new ProcfsSampler().readProcesses().processes.find((p) => p.pid === process.pid);
    const identity = readProcessIdentity(process.pid);
    const table = readPidTable();
    assert.ok(
      row && typeof identity === 'object' && Array.isArray(table),
      `a row (${Boolean(row)}), an identity (${typeof identity}) and a table (${Array.isArray(table)})`,
    );
    assert.equal(identity.startTime, row.startTime);
    assert.equal(table.find((n) => n.pid === process.pid)?.startTime, row.startTime);
    assert.ok(Math.abs(row.startTime - (Date.now() - process.uptime() * 1000)) < 2000, 'a date: now minus our uptime');
  });
});
