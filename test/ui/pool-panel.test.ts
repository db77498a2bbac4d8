import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PoolSnapshot, WorkerSnapshot } from '../../src/pool/pool-snapshot.js';
import { displayWidth } from '../../src/model/text-width.js';
import { createHistory, recordSample, type History } from '../../src/model/history.js';
import { poolPanelHeight, poolPanelLines } from '../../src/ui/pool-panel.js';
import { workerNote } from '../../src/ui/process-table.js';
import { MONO_THEME } from '../../src/ui/theme.js';
import { row, sample } from '../model/fixtures.js';

const NOW = 1_700_000_010_000;

function worker(index: number, pid: number, fields: Partial<WorkerSnapshot> = {}): WorkerSnapshot {
  return {
    index,
    pid,
    state: 'busy',
    task: { id: index, workload: 'primes', method: 'naive', arg: 1_003_000_000 + index },
    taskSince: NOW - 600,
    tasksDone: 12,
    cpuMs: 40_000,
    trap: false,
    procState: 'R',
    startedAt: NOW - 41_000,
    ...fields,
  };
}

function snapshot(workers: WorkerSnapshot[]): PoolSnapshot {
  return {
    workers,
    summary: {
      phase: 'running',
      workers: workers.length,
      streaming: true,
      workload: { workload: 'primes', method: 'naive' },
      startedAt: NOW - 41_000,
      wallMs: 41_000,
      cpuMs: 80_360,
      cpuUserMs: 80_000,
      cpuSystemMs: 360,
      coresBusy: 1.96,
      tasksDone: 41,
      tasksPerSecond: 1,
      pending: 0,
      inFlight: workers.length,
      replaced: 0,
      latest: [1, 2, 3].map((i) => ({
        taskId: i,
        workload: 'primes' as const,
        method: 'naive' as const,
        arg: i * 1_000_000,
        value: [1000003, 2000003, 3000017][i - 1]!,
        error: null,
        pid: 4250 + (i % 2),
        workerIndex: 1 + (i % 2),
        cpuMs: 900,
        wallMs: 950,
        finishedAt: NOW - 1000 + i,
      })),
    },
  };
}

describe('pool panel', () => {
  const pool = snapshot([worker(1, 4250), worker(2, 4251, { state: 'paused', procState: 'T' })]);
  const rows = [row(4250, { state: 'R', cpu: 99.1, processor: 0 }), row(4251, { state: 'T', cpu: 0, processor: 1 })];

  it('shows the summary: wall, CPU, cores busy, tasks done and rate', () => {
    const [summary] = poolPanelLines(pool, rows, 140, MONO_THEME, NOW);
    assert.match(
      summary ?? '',
      /Pool: 2 workers · primes \(naive\) stream · wall 0:41 · CPU 1:20.36 · 0\.99 cores busy now, 1\.96 overall · 41 done · 1\.00\/s · queue 0/,
    );
  });

  it('shows each worker: PID, state, core, CPU%, task and how long, tasks done', () => {
    const lines = poolPanelLines(pool, rows, 120, MONO_THEME, NOW);
    assert.match(lines[2] ?? '', /^\s+1\s+4250 R\s+0\s+99\.1\s+primes 1003000001\s+0\.6s\s+12\s*$/);
    assert.match(lines[3] ?? '', /^\s+2\s+4251 T\s+1\s+0\.0\s+primes 1003000002 \(paused\)\s+0\.6s\s+12\s*$/);
  });

  it('lists the latest results in arrival order, with the worker PID', () => {
    const last = poolPanelLines(pool, rows, 120, MONO_THEME, NOW).at(-1) ?? '';
    assert.equal(last, 'latest: 1000003 (4251) · 2000003 (4250) · 3000017 (4251)');
  });

  it('fits the width and takes a bounded height', () => {
    for (const line of poolPanelLines(pool, rows, 60, MONO_THEME, NOW)) assert.ok(displayWidth(line.replace(/\x1b\[[\d;]*m/g, '')) <= 60);
    assert.equal(poolPanelHeight(pool, true), 5);
    assert.equal(poolPanelHeight(pool, false), 0);
    assert.equal(poolPanelHeight(null, true), 0);
    const many = snapshot(Array.from({ length: 20 }, (_, i) => worker(i + 1, 5000 + i)));
    assert.equal(poolPanelHeight(many, true), 3 + 8 + 1);
  });

  it('threads: the newest result as expected, counted and lost updates, on a line of its own', () => {
    const result = (workload: 'threads' | 'threads-atomic', value: string, taskId: number) => ({
      taskId,
      workload,
      arg: 5_000_000,
      value,
      error: null,
      pid: 4250,
      workerIndex: 1,
      cpuMs: 200,
      wallMs: 600,
      finishedAt: NOW,
    });
    const racy = snapshot([worker(1, 4250)]);
    racy.summary.latest = [
      result('threads-atomic', 'expected 20000000 counted 20000000 lost 0', 1),
      result('threads', 'expected 20000000 counted 11525924 lost 8474076', 2),
    ];
    const lines = poolPanelLines(racy, rows, 120, MONO_THEME, NOW);
    assert.equal(lines.at(-2)?.trimEnd(), 'shared counter (no lock): expected 20000000, counted 11525924, lost 8474076 (42.4 %)');
    assert.equal(poolPanelHeight(racy, true), lines.length);
    racy.summary.latest = [result('threads-atomic', 'expected 20000000 counted 20000000 lost 0', 1)];
    assert.equal(
      poolPanelLines(racy, rows, 120, MONO_THEME, NOW).at(-2)?.trimEnd(),
      'shared counter (Atomics): expected 20000000, counted 20000000, lost 0 (0.0 %)',
    );
  });

  it('zombie: the zombie under a task child, whose it is and how long it has waited to be reaped', () => {
    const z = snapshot([worker(1, 4250, { task: { id: 1, workload: 'zombie', arg: 8000 }, child: { pid: 4300, since: NOW - 3400, zombieSince: NOW - 3200 } })]);
    const zrows = [...rows, row(4300, { ppid: 4250, state: 'S' }), row(4301, { ppid: 4300, state: 'Z' })];
    const plain = (line: string | undefined) => (line ?? '').replace(/\x1b\[[\d;]*m/g, '');
    assert.match(plain(poolPanelLines(z, zrows, 200, MONO_THEME, NOW)[0]), /^Pool: 1 workers · zombie 4301 unreaped by 4300 for 3\.2 s · /);
    assert.match(plain(poolPanelLines(z, rows, 200, MONO_THEME, NOW)[0]), /^Pool: 1 workers · primes/, 'no zombie in the sample: nothing said');
  });

  it("ends each worker's line with the average rate through its IPC channel", () => {
    const busy = snapshot([worker(1, 4250, { ipcBytes: 41_000 }), worker(2, 4251, { ipcBytes: 4_100_000 })]);
    const lines = poolPanelLines(busy, rows, 140, MONO_THEME, NOW);
    assert.match(lines[2] ?? '', /12  IPC 1000 B\/s\s*$/);
    assert.match(lines[3] ?? '', /12  IPC 100 kB\/s\s*$/);
  });

  it("marks a worker's row with what it does", () => {
    assert.equal(workerNote(worker(1, 4250)), '  [primes 1003000001]');
    assert.equal(workerNote(worker(1, 4250, { state: 'paused' })), '  [paused: primes 1003000001]');
    assert.equal(workerNote(worker(1, 4250, { state: 'idle', task: null })), '  [idle]');
  });

  it('family: each worker with its child, the orphans in the summary', () => {
    const family = (index: number, pid: number, child: number | null) =>
      worker(index, pid, {
        state: 'busy',
        procState: 'S',
        task: { id: index, workload: 'family', arg: 8000 },
        child: child === null ? null : { pid: child, since: NOW - 600 },
      });
    const base = snapshot([family(2, 4251, 4301), family(3, 4252, 4302)]);
    const child = (pid: number, workerPid: number, orphaned: boolean) => ({
      pid,
      command: 'sleep 8',
      workerIndex: 1,
      workerPid,
      orphaned,
      ppid: orphaned ? 1 : workerPid,
      since: NOW - 3000,
    });
    const pool: PoolSnapshot = {
      ...base,
      summary: { ...base.summary, workload: { workload: 'family' }, children: [child(4300, 4250, true), child(4301, 4251, false), child(4302, 4252, false)] },
    };
    const rows = [row(4251, { state: 'S' }), row(4252, { state: 'S' })];
    const lines = poolPanelLines(pool, rows, 160, MONO_THEME, NOW);
    assert.match(lines[0] ?? '', /Pool: 2 workers · 1 orphan \(PID 4300\) · family \(worker → child\) stream · .* cores busy now/);
    assert.match(lines[2] ?? '', /^\s+2\s+4251 S\s+0\s+0\.0\s+family: sleep 8 s → 4301\s+0\.6s\s+12\s*$/);
    assert.equal(workerNote(family(2, 4251, 4301)), '  [family: sleep 8 s]');
    const none = poolPanelLines(snapshot([family(1, 4250, null)]), rows, 160, MONO_THEME, NOW);
    assert.doesNotMatch(none[0] ?? '', /orphan/);
    assert.match(none[2] ?? '', /family: sleep 8 s\s+0\.6s/);
  });

  it('over time: a sparkline per worker, the cores-busy graph and the marks of a pause and a resume', () => {
    const running = snapshot([worker(1, 4250), worker(2, 4251)]);
    const paused = snapshot([worker(1, 4250, { state: 'paused' }), worker(2, 4251, { state: 'paused' })]);
    let history: History = createHistory(2);
    let base = null;
    // 20 s busy, 20 s paused, 20 s busy again: each second one sample.
    for (let t = 0; t <= 60; t++) {
      const s = sample([], { monotonic: t * 1000 });
      const phase = t <= 20 || t > 40 ? running : paused;
      const cpu = phase === running ? 100 : 0;
      history = recordSample(history, { sample: s, base, pool: phase, cpuOf: () => cpu });
      base = s;
    }
    const over = { history, view: { now: 60_000, spanMs: 60_000, style: 'braille' as const }, cores: 2 };
    const lines = poolPanelLines(running, rows, 160, MONO_THEME, NOW, over).map((l) => l.replace(/\x1b\[[\d;]*m/g, ''));
    assert.match(lines[1] ?? '', /CPU%\s+last 60 s\s+task/);
    // The last minute in 15 cells of 4 s: busy, then the pause's blanks, then busy again.
    assert.match(lines[2] ?? '', /99\.1  █{5} {5}█{5} primes/);
    const [top, bottom, marks] = lines.slice(4, 7);
    assert.match(top ?? '', /^busy ⣿{30,}[⠀-⣿]? {30,}[⠀-⣿]?⣿{30,} 2 cores$/, 'full before the pause and after it, empty during it');
    assert.match(bottom ?? '', /^busy ⣿{30,}[⠀-⣿]? {30,}[⠀-⣿]?⣿{30,}$/);
    assert.match(marks ?? '', /^\s+P\s+R\s+P paused R resumed X ended \+ new$/);
    assert.equal(lines.length, poolPanelHeight(running, true, true));
  });
});
