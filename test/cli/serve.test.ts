// `pooltop serve` as users run it: what /metrics holds, promtool's verdict on it, the pool it
// runs, and how it stops.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterEach, describe, it } from 'node:test';
import { childrenOf, readCmdline } from '../e2e/proc-table.js';
import { parseExposition, seriesOf, valueOf } from './exposition-text.js';
import { runBin } from './run-bin.js';
import { fetchText, startServe, until, type ServeProcess } from './serve-process.js';

const linux = process.platform === 'linux';
const promtool = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
const OPENMETRICS = 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

const running: ServeProcess[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const serve of running.splice(0)) await serve.stop();
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function serve(args: string[]): Promise<ServeProcess> {
  const s = await startServe(args);
  running.push(s);
  return s;
}

/** The body of /metrics once a sample is there (503 before). */
async function metrics(s: ServeProcess, accept?: string): Promise<string> {
  for (let i = 0; ; i++) {
    const reply = await fetchText(s.url, accept);
    if (reply.status === 200) return reply.body;
    if (i > 200) throw new Error(`/metrics answered ${reply.status}: ${reply.body}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('pooltop serve', { skip: !linux && 'reads /proc' }, () => {
  it('serves the machine, on loopback, and stops on SIGTERM with status 0', async () => {
    const s = await serve(['-d', '2']);
    assert.match(s.stderr(), /serving http:\/\/127\.0\.0\.1:\d+\/metrics \(this machine only\)/);
    const parsed = parseExposition(await metrics(s));
    assert.ok((valueOf(parsed, 'pooltop_memory_total_bytes') ?? 0) > 0);
    assert.equal(seriesOf(parsed, 'pooltop_cpu_seconds_total').size % 8, 0, 'eight modes a core');
    assert.equal([...seriesOf(parsed, 'pooltop_tasks').values()].reduce((a, b) => a + b, 0) > 0, true);
    assert.ok(seriesOf(parsed, 'pooltop_network_receive_bytes_total').has('device="lo"'));
    assert.equal(seriesOf(parsed, 'pooltop_process_cpu_seconds_total').size, 10, 'the top 10 by default');
    assert.doesNotMatch(await metrics(s), /pooltop_pool_/, 'no --pool, no pool metrics');
    const result = await s.stop();
    assert.equal(result.code, 0);
    assert.match(result.stderr, /stopped \(SIGTERM\)/);
  });

  it('passes promtool check metrics, a process named with quotes, backslashes and escapes included', {
    skip: !promtool && 'promtool is not installed',
  }, async () => {
    // node sets its comm and its command line from process.title: both come out hostile.
    const hostile = spawn(process.execPath, ['-e', `process.title = 'ev"il\\\\\\n\\u001b[2J'; setInterval(() => {}, 1000)`], { stdio: 'ignore' });
    children.push(hostile);
    await until(
      'the title set',
      async () => readCmdline(hostile.pid!),
      (c) => c.startsWith('ev"il'),
    );
    const s = await serve(['-d', '2', '-p', String(hostile.pid)]);
    for (const accept of [undefined, '*/*']) {
      const text = await metrics(s, accept);
      const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      assert.equal(check.status, 0, `promtool: ${check.stdout}${check.stderr}`);
      assert.match(text, new RegExp(`pooltop_process_cpu_seconds_total\\{pid="${hostile.pid}",name="ev\\\\"il\\\\\\\\\\^J\\^\\[\\[2J",user="[^"]+"\\} `));
      assert.doesNotMatch(text, /\u001b/);
    }
    const open = await metrics(s, OPENMETRICS);
    assert.ok(open.endsWith('# EOF\n'));
    assert.match(open, /^# TYPE pooltop_process_cpu_seconds counter\n# UNIT pooltop_process_cpu_seconds seconds$/m);
  });

  it('runs and exports a pool with --pool: its workers are its children', async () => {
    const s = await serve(['-d', '2', '--pool', '2']);
    const parsed = await until(
      'two workers',
      async () => parseExposition(await metrics(s)),
      (p) => [...seriesOf(p, 'pooltop_pool_workers').values()].reduce((a, b) => a + b, 0) === 2,
    );
    // A worker's title shows once it runs its entry, a moment after the pool counts it.
    const workers = await until(
      'two titled workers',
      async () => poolWorkersOf(s.child.pid!),
      (w) => w.length === 2,
    );
    const exported = [...seriesOf(parsed, 'pooltop_pool_worker_cpu_seconds_total').keys()];
    assert.deepEqual(
      exported.map((k) => Number(/pid="(\d+)"/.exec(k)?.[1])).sort((a, b) => a - b),
      workers,
    );
    assert.deepEqual(exported.map((k) => /worker="(\d+)"/.exec(k)?.[1]).sort(), ['1', '2']);
    const result = await s.stop();
    assert.equal(result.code, 0);
    assert.deepEqual(poolWorkersOf(s.child.pid!), [], 'no worker outlives it');
  });

  it('says in one line why it cannot listen, and exits 1', async () => {
    const s = await serve([]);
    const taken = await runBin(['serve', '--listen', s.target]);
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /^pooltop: cannot listen on 127\.0\.0\.1:\d+: address already in use \(EADDRINUSE\)\n$/);
    const bad = await runBin(['serve', '--listen', 'nowhere:1']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^pooltop: --listen takes HOST:PORT/);
  });
});

/** The pool workers among a process's children (by their title), in PID order. */
function poolWorkersOf(pid: number): number[] {
  return childrenOf(pid)
    .filter((c) => readCmdline(c.pid).startsWith('pooltop-worker'))
    .map((c) => c.pid)
    .sort((a, b) => a - b);
}
