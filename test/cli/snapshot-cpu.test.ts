// snapshot's CPU% against /proc/[pid]/stat over the window it was counted in: duty-cycle
// processes at 25 % and 50 % and a process with two busy threads. The test reads each process's
// stat just before and just after each of the snapshot's samples, so the moment the sampler read
// it lies between; whatever that moment was, CPU% over the exact window must be within 1 point.
// The sampler reads a /proc of just these processes (links into the real one): on a loaded
// machine a reading of every process is preempted for tens of ms, which would widen the bracket
// past what 1 point can tell, while the arithmetic checked here is the same for 3 processes or 300.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sampleTwice } from '../../src/cli/snapshot.js';
import { deriveRows } from '../../src/model/process-row.js';
import { CLK_TCK } from '../../src/platform/kernel-units.js';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';
import type { Sample, Sampler } from '../../src/sampling/types.js';

/** Busy for `busyMs` of every 20 ms: a duty cycle fine enough to be smooth over half a second. */
const dutyCycle = (busyMs: number) =>
  `for (;;) { const start = Date.now(); while (Date.now() - start < ${busyMs}) {} const idle = Date.now() + ${20 - busyMs}; while (Date.now() < idle) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, idle - Date.now()); }`;
const TWO_BUSY_THREADS = `new (require('node:worker_threads').Worker)('for (;;) {}', { eval: true }); for (;;) {}`;

function ticks(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** When, around a sample, each watched process was read: [before, after] in ms, and its ticks then. */
interface Bracket {
  from: number;
  to: number;
  ticksFrom: Map<number, number>;
  ticksTo: Map<number, number>;
}

/** A ProcfsSampler that notes the time and the watched processes' ticks just before and after each sample. */
function watchingSampler(pids: readonly number[], root: string): { sampler: Sampler; brackets: Bracket[] } {
  const inner = new ProcfsSampler({ root });
  const brackets: Bracket[] = [];
  const read = () => new Map(pids.map((pid) => [pid, ticks(pid)]));
  const sampler: Sampler = {
    source: inner.source,
    capabilities: inner.capabilities,
    async sample(): Promise<Sample> {
      const ticksFrom = read();
      const from = performance.now();
      const sample = await inner.sample();
      const to = performance.now();
      brackets.push({ from, to, ticksFrom, ticksTo: read() });
      return sample;
    },
    close: () => inner.close(),
  };
  return { sampler, brackets };
}

describe('snapshot CPU% over the exact window', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  const children: ChildProcess[] = [];
  const start = (code: string): number => {
    const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
    children.push(child);
    return child.pid!;
  };
  let quarter = 0;
  let half = 0;
  let twoThreads = 0;
  before(async () => {
    quarter = start(dutyCycle(5));
    half = start(dutyCycle(10));
    twoThreads = start(TWO_BUSY_THREADS);
    // Running their loops, past node's start-up.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && [quarter, half, twoThreads].some((pid) => ticks(pid) < 10)) await new Promise((resolve) => setTimeout(resolve, 50));
  });
  after(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('is within 1 point of /proc/[pid]/stat over the interval, for 25 %, 50 % and two busy threads', async () => {
    const pids = [quarter, half, twoThreads];
    const root = mkdtempSync(join(tmpdir(), 'pooltop-proc-'));
    for (const name of ['stat', 'meminfo', 'uptime', 'diskstats', 'net', 'self', ...pids.map(String)]) symlinkSync(`/proc/${name}`, join(root, name));
    try {
      for (let round = 0; round < 3; round++) await checkRound(pids, root, round);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/**
 * One snapshot's two samples: each watched process's CPU% against its ticks over the shortest and
 * the longest window its two readings can have been apart. A sample preempted for longer than 1
 * point allows (the machine is shared) proves nothing and is taken again, up to a few times.
 */
async function checkRound(pids: readonly number[], root: string, round: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const { sampler, brackets } = watchingSampler(pids, root);
    let samples: [Sample, Sample];
    try {
      samples = await sampleTwice(sampler);
    } finally {
      sampler.close();
    }
    const [first, second] = samples;
    assert.equal(brackets.length, 3, 'a warm-up sample, then the two CPU% is taken between');
    const [a, b] = brackets.slice(-2) as [Bracket, Bracket];
    const shortest = (b.from - a.to) / 1000;
    const longest = (b.to - a.from) / 1000;
    const rows = new Map(deriveRows(first, second).map((r) => [r.pid, r]));
    const busiest = Math.max(...pids.map((pid) => rows.get(pid)?.cpu ?? 0));
    if (busiest * (longest / shortest - 1) > 1 && attempt < 5) continue;
    for (const pid of pids) {
      const row = rows.get(pid);
      assert.ok(row, `process ${pid} listed`);
      const was = first.processes.find((p) => p.pid === pid)!;
      // What the sampler read is /proc's own count, between the test's readings around it.
      const counted = Math.round((row.cpuTime - was.cpuTime) * CLK_TCK);
      assert.ok(counted >= b.ticksFrom.get(pid)! - a.ticksTo.get(pid)! && counted <= b.ticksTo.get(pid)! - a.ticksFrom.get(pid)!, `ticks ${counted}`);
      for (const window of [shortest, longest]) {
        const exact = (counted / CLK_TCK / window) * 100;
        assert.ok(
          Math.abs(row.cpu - exact) <= 1,
          `round ${round}, PID ${pid}: ${row.cpu.toFixed(2)} % against ${exact.toFixed(2)} % over ${(window * 1000).toFixed(1)} ms (samples took ${(a.to - a.from).toFixed(1)} and ${(b.to - b.from).toFixed(1)} ms)`,
        );
      }
    }
    return;
  }
}
