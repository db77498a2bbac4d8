// The exporter over real samples and a real pool (the built worker: run `npm run build` first).
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { MetricsExporter } from '../../src/cli/metrics-exporter.js';
import { familyProblem } from '../../src/model/metrics-exposition.js';
import { PoolManager } from '../../src/pool/pool-manager.js';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';
import { killLeftoverWorkers } from '../e2e/proc-table.js';
import { info, sample } from '../model/fixtures.js';
import { parseExposition, seriesOf, valueOf, type ParsedExposition } from './exposition-text.js';

const linux = process.platform === 'linux';
const selection = { pids: null, user: null, match: null, top: 5 };

const pools: PoolManager[] = [];
const started = new Set<number>();
const exporters: MetricsExporter[] = [];
afterEach(async () => {
  for (const exporter of exporters.splice(0)) exporter.close();
  for (const pool of pools.splice(0)) {
    pool.shutdown();
    await pool.kill();
  }
  killLeftoverWorkers(started);
  started.clear();
});

function makeExporter(pool: PoolManager | null): MetricsExporter {
  const exporter = new MetricsExporter({ selection, pool, intervalMs: 1000 });
  exporters.push(exporter);
  return exporter;
}

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('MetricsExporter', () => {
  it('has nothing to say before the first sample; builds once per sample and format', () => {
    const exporter = makeExporter(null);
    assert.equal(exporter.exposition('prometheus'), null);
    exporter.update(sample([info(1)]));
    const first = exporter.exposition('prometheus');
    assert.ok(first);
    assert.equal(exporter.exposition('prometheus'), first, 'the same buffer until the next sample');
    assert.notEqual(exporter.exposition('openmetrics'), first);
    exporter.update(sample([info(1)]));
    assert.notEqual(exporter.exposition('prometheus'), first);
    assert.doesNotMatch(first.toString(), /pooltop_pool_/, 'no pool, no pool metrics');
  });

  it('exports only well-formed families from a real /proc sample', { skip: !linux && 'needs /proc' }, async () => {
    const sampler = new ProcfsSampler();
    const exporter = makeExporter(null);
    const observed = exporter.observe(sampler);
    await observed.sample();
    await new Promise((r) => setTimeout(r, 100));
    await observed.sample();
    observed.close();
    for (const family of exporter.families()) assert.equal(familyProblem(family), null, family.name);
    const parsed = parseExposition(exporter.exposition('prometheus')!.toString());
    assert.equal(seriesOf(parsed, 'pooltop_process_cpu_seconds_total').size, 5, '--top 5');
    assert.ok((valueOf(parsed, 'pooltop_processes_matching') ?? 0) > 5);
  });

  it('keeps every pool counter from going backwards when a worker is killed and when the pool starts again', async () => {
    const pool = new PoolManager();
    pools.push(pool);
    pool.on('worker-start', ({ pid }) => started.add(pid));
    const exporter = makeExporter(pool);
    exporter.update(sample([info(1)]));
    const scrapes: ParsedExposition[] = [];
    const scrape = (): ParsedExposition => {
      // A new sample each time, so the exposition is built again (it is cached per sample).
      exporter.update(sample([info(1)]));
      const parsed = parseExposition(exporter.exposition('openmetrics')!.toString());
      scrapes.push(parsed);
      return parsed;
    };
    const done = (p: ParsedExposition) => [...seriesOf(p, 'pooltop_pool_tasks_done_total').values()].reduce((a, b) => a + b, 0);

    await pool.start(2, { stream: { workload: 'primes', method: 'sqrt' }, streamTargetMs: 50 });
    await waitFor('tasks done', () => done(scrape()) >= 4);
    const [victim] = pool.workerPids();
    process.kill(victim!, 'SIGKILL');
    await waitFor('the worker replaced', () => valueOf(scrape(), 'pooltop_pool_workers_replaced_total') === 1);
    await waitFor('more tasks done', () => done(scrape()) >= done(scrapes[0]!) + 4);
    const beforeRestart = scrape();
    await pool.stop();
    scrape();
    await pool.start(1, { stream: { workload: 'primes', method: 'sqrt' }, streamTargetMs: 50 });
    await waitFor('tasks done after the restart', () => done(scrape()) >= done(beforeRestart) + 2);
    const last = scrape();

    // Each counter series, scrape after scrape, never less than it was.
    const highest = new Map<string, number>();
    for (const parsed of scrapes) {
      for (const [series, value] of parsed.series) {
        const name = series.split('{')[0]!;
        if (!parsed.counters.has(name)) continue;
        const before = highest.get(series) ?? -Infinity;
        assert.ok(value >= before, `${series} went from ${before} to ${value}`);
        highest.set(series, value);
      }
    }
    assert.ok((valueOf(last, 'pooltop_pool_cpu_seconds_total') ?? 0) >= (valueOf(beforeRestart, 'pooltop_pool_cpu_seconds_total') ?? Infinity));
    // The pool's own total started again at 0; the exported one carried on.
    assert.ok(pool.snapshot().summary.tasksDone < done(last));
    assert.equal(
      valueOf(last, 'pooltop_pool_workers', 'state="busy"')! +
        valueOf(last, 'pooltop_pool_workers', 'state="idle"')! +
        valueOf(last, 'pooltop_pool_workers', 'state="starting"')!,
      1,
    );
    const workers = seriesOf(last, 'pooltop_pool_worker_cpu_seconds_total');
    assert.deepEqual([...workers.keys()], [`worker="1",pid="${pool.workerPids()[0]}"`]);
  });
});
