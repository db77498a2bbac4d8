// End to end, `pooltop --metrics-listen`: the monitor in tmux serves /metrics from its own
// samples, and its pool (started from the pool menu) shows there as it does on screen.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { parseExposition, seriesOf } from '../cli/exposition-text.js';
import { fetchText, freePort, until } from '../cli/serve-process.js';
import { startPooltop } from './pooltop-session.js';
import { endPoolTest, workerChildren } from './pool-workers.js';
import type { ProcRef } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

let session: TmuxSession | undefined;
let workers: ProcRef[] = [];

afterEach(async () => {
  const [s, w] = [session, workers];
  session = undefined;
  workers = [];
  await endPoolTest(s, w);
});

const sum = (values: Map<string, number>): number => [...values.values()].reduce((a, b) => a + b, 0);

describe('the monitor with --metrics-listen', () => {
  it('serves the machine, then the pool the menu starts and pauses; q closes the port', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/metrics`;
    session = await startPooltop(['--metrics-listen', `127.0.0.1:${port}`, '-d', '5']);
    const first = parseExposition(
      (
        await until(
          'a sample',
          () => fetchText(url),
          (r) => r.status === 200,
        )
      ).body,
    );
    assert.ok(seriesOf(first, 'pooltop_memory_total_bytes').size === 1);
    assert.equal(seriesOf(first, 'pooltop_pool_workers').size, 0, 'no pool yet');

    await session.sendKeys('w');
    await session.waitFor(/Pause all/, { description: 'the pool menu' });
    await session.sendKeys('Enter');
    const pooltop = (await session.programProcess())!;
    const started = await until(
      'the pool in /metrics',
      async () => parseExposition((await fetchText(url)).body),
      (p) =>
        sum(seriesOf(p, 'pooltop_pool_workers')) > 0 && seriesOf(p, 'pooltop_pool_worker_cpu_seconds_total').size === sum(seriesOf(p, 'pooltop_pool_workers')),
    );
    const n = sum(seriesOf(started, 'pooltop_pool_workers'));
    // A worker's title shows once it has started running its entry.
    workers = await until(
      'the workers titled',
      async () => workerChildren(pooltop.pid),
      (found) => found.length === n,
    );
    const exported = [...seriesOf(started, 'pooltop_pool_worker_cpu_seconds_total').keys()].map((k) => Number(/pid="(\d+)"/.exec(k)?.[1])).sort();
    assert.deepEqual(exported, workers.map((w) => w.pid).sort());

    await session.sendKeys('w');
    await session.waitFor(/Pause all/, { description: 'the pool menu' });
    await session.sendKeys('Down', 'Down', 'Down', 'Enter');
    await until(
      'every worker paused in /metrics',
      async () => parseExposition((await fetchText(url)).body),
      (p) => seriesOf(p, 'pooltop_pool_workers').get('state="paused"') === workers.length,
    );

    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
    await assert.rejects(fetchText(url), /ECONNREFUSED/);
  });

  it('says in one line that the address is taken, before taking the terminal', async () => {
    const holder = createServer();
    const port = await new Promise<number>((resolve) => holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)));
    try {
      session = await startPooltop(['--metrics-listen', `127.0.0.1:${port}`], { noWait: true });
      assert.equal(await session.waitForExit(), 1);
      await session.waitFor(new RegExp(`pooltop: cannot listen on 127\\.0\\.0\\.1:${port}: address already in use \\(EADDRINUSE\\)`), {
        description: 'the one line',
      });
    } finally {
      holder.close();
    }
  });
});
