// What a batch command prints about its runs: bash's time format, each run's share of a core,
// --compare's warnings when a run lacked cores, and the progress line on a terminal and off it.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { compareReport, coreShare, formatBashTime, mainReport, type RunTimes } from '../../src/cli/batch-command.js';
import { BatchProgress } from '../../src/cli/batch-progress.js';
import type { TaskResult } from '../../src/pool/task.js';

const times = (realMs: number, cpuMs: number, share: number): RunTimes => ({
  realMs,
  userMs: cpuMs,
  sysMs: 0,
  taskCpuMs: cpuMs,
  taskWallMs: cpuMs / share,
});

describe('batch command reports', () => {
  it("formats times as bash's time does", () => {
    assert.equal(formatBashTime(3281), '0m3.281s');
    assert.equal(formatBashTime(1151.4), '0m1.151s');
    assert.equal(formatBashTime(61_005), '1m1.005s');
    assert.equal(formatBashTime(59_999.6), '1m0.000s');
    assert.equal(formatBashTime(0), '0m0.000s');
  });

  it('says the cores kept busy and the share of a core each worker got while on a task', () => {
    const lines = mainReport(times(8829, 15_299, 0.98), 2, 10);
    assert.deepEqual(lines.slice(1, 4), ['real\t0m8.829s', 'user\t0m15.299s', 'sys\t0m0.000s']);
    assert.equal(lines[4], 'cores busy: 1.73 ((user + sys) ÷ real) with 2 workers, 10 tasks; each worker got 0.98 of a core while on a task');
    assert.equal(coreShare({ ...times(1, 0, 1), taskWallMs: 0 }), null, 'no task time, no share');
  });

  it('--compare with a core for every worker: speedup and efficiency, no warning', () => {
    const { lines, warnings } = compareReport(times(8829, 15_299, 0.98), times(15_696, 15_236, 0.99), 2, 2, '--more');
    assert.deepEqual(lines, [
      '1 worker: real 0m15.696s  user 0m15.236s  sys 0m0.000s; its worker got 0.99 of a core while on a task',
      'speedup: 1.78x on 2 workers; parallel efficiency 0.89 (speedup ÷ workers)',
    ]);
    assert.deepEqual(warnings, []);
  });

  it('warns when the 1-worker run got 0.8 of a core: its efficiency above 1 was not the pool’s', () => {
    // The case that was seen: the rerun shared its core, so the pool looked better than linear.
    const { lines, warnings } = compareReport(times(5000, 9800, 0.98), times(10_800, 8640, 0.8), 2, 2, '--more');
    assert.match(lines[1]!, /parallel efficiency 1\.08/);
    assert.deepEqual(warnings, [
      'the 1-worker run got 0.80 of a core while on a task (other programs had the rest): its real time is too long, which makes the speedup and efficiency look too high',
      'these figures hold only when every worker has a core of its own: rerun when the meters show idle cores',
    ]);
  });

  it('warns when the pool’s workers lacked cores, and says so when there are more workers than cores', () => {
    const short = compareReport(times(9000, 12_600, 0.7), times(9000, 8910, 0.99), 2, 2, '--more');
    assert.match(
      short.warnings[0]!,
      /^the 2 workers got 0\.70 of a core each while on a task \(other programs had the rest\): the pool's real time is too long, which makes the speedup and efficiency look too low$/,
    );
    const crowded = compareReport(times(9000, 9000, 0.5), times(9000, 8910, 0.99), 4, 2, '--more');
    assert.match(crowded.warnings[0]!, /\(other programs had the rest, or 4 workers shared 2 cores\)/);
    assert.equal(compareReport(times(900, 900, 0.89), times(900, 900, 0.9), 1, 2, '--more').warnings.length, 2, '0.89 is short, 0.90 is a core');
  });

  it('suggests more work when the 1-worker run took under a second', () => {
    const { lines } = compareReport(times(500, 900, 1), times(900, 900, 1), 2, 2, '--base 200000000');
    assert.equal(lines[2], '(little work: starting processes weighs on these figures; try --base 200000000)');
  });
});

describe('batch progress', () => {
  const result = (cpuMs: number, wallMs: number): TaskResult => ({
    taskId: 1,
    workload: 'sumsq',
    arg: 1,
    value: '0',
    error: null,
    pid: 2,
    workerIndex: 1,
    cpuMs,
    wallMs,
    finishedAt: 0,
  });

  function capture(isTTY: boolean): { stream: PassThrough; text: () => string } {
    const stream = Object.assign(new PassThrough(), { isTTY });
    let text = '';
    stream.on('data', (c: Buffer) => (text += c.toString()));
    return { stream, text: () => text };
  }

  it('off a terminal: a line at the start and one for the last task, the share of a core so far', async () => {
    const { stream, text } = capture(false);
    const progress = new BatchProgress(stream, 'pooltop sumsq: 1 worker', 3);
    progress.add(result(90, 100));
    progress.add(result(70, 100));
    progress.add(result(80, 100));
    progress.end();
    await new Promise((r) => setImmediate(r));
    const lines = text().trimEnd().split('\n');
    assert.equal(lines[0], 'pooltop sumsq: 1 worker: 0 of 3 tasks done, 0.0 s');
    assert.match(lines.at(-1)!, /^pooltop sumsq: 1 worker: 3 of 3 tasks done, \d+\.\d s, 0\.80 of a core on each task$/);
    assert.doesNotMatch(text(), /\r|\u001b/);
  });

  it('on a terminal: one line rewritten in place for each task, erased at the end', async () => {
    const { stream, text } = capture(true);
    const progress = new BatchProgress(stream, 'pooltop primes: 1 worker', 2);
    progress.add(result(50, 100));
    progress.add(result(50, 100));
    progress.end();
    await new Promise((r) => setImmediate(r));
    const parts = text().split('\r\u001b[2K');
    assert.deepEqual(parts.slice(0, 2), ['', 'pooltop primes: 1 worker: 0 of 2 tasks done, 0.0 s']);
    assert.match(parts[3]!, /^pooltop primes: 1 worker: 2 of 2 tasks done, \d+\.\d s, 0\.50 of a core on each task$/);
    assert.equal(parts.at(-1), '', 'the line is erased');
    assert.doesNotMatch(text(), /\n/);
  });
});
