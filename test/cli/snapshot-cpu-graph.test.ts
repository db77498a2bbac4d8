// `pooltop snapshot --columns cpugraph`: the CPU graph column in the table's text, and its values
// in the JSON, for a busy child of this test's; --watch grows the values a line at a time.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { runBin } from './run-bin.js';

let busy: ChildProcess | undefined;
after(() => {
  if (busy?.pid !== undefined && busy.exitCode === null && busy.signalCode === null) busy.kill('SIGKILL');
});

function busyPid(): number {
  busy ??= spawn('sh', ['-c', 'while :; do :; done'], { stdio: 'ignore' });
  assert.ok(busy.pid !== undefined && busy.pid > 1);
  return busy.pid;
}

describe('snapshot with the CPU graph column', { timeout: 60_000 }, () => {
  it('prints one block for the interval it measures, and the CPU% as cpuGraph', async () => {
    const pid = busyPid();
    const text = await runBin(['snapshot', '--columns', 'pid,cpugraph,command', '-p', String(pid)]);
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.split('\n');
    const title = lines.find((l) => /\bCPU graph\b/.test(l))!;
    const row = lines.find((l) => new RegExp(`^\\s*${pid} `).test(l))!;
    const at = title.indexOf('CPU graph');
    assert.match(row.slice(at, at + 10), /^ {9}[▁-█]$/, row);
    const json = await runBin(['snapshot', '--json', '--columns', 'cpugraph', '-p', String(pid)]);
    const [process] = (JSON.parse(json.stdout) as { processes: { pid: number; cpuGraph: number[] }[] }).processes;
    assert.deepEqual(Object.keys(process!), ['pid', 'ppid', 'cpuGraph']);
    assert.equal(process!.cpuGraph.length, 1);
    assert.ok(process!.cpuGraph[0]! > 0, `busy: ${process!.cpuGraph[0]}`);
  });

  it('with --watch, keeps each line one more value', async () => {
    const pid = busyPid();
    const run = await runBin(['snapshot', '--json', '--watch', '--count', '3', '-d', '2', '--columns', 'cpugraph', '-p', String(pid)]);
    assert.equal(run.code, 0, run.stderr);
    const lengths = run.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { processes: { cpuGraph: number[] }[] }).processes[0]!.cpuGraph.length);
    assert.deepEqual(lengths, [1, 2, 3]);
  });
});
