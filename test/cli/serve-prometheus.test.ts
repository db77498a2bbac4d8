// A real Prometheus (Debian's package) scraping `pooltop serve --pool 2` every second on
// loopback, then asked through its HTTP API whether the target is up and what the pool is.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { childrenOf, readCmdline } from '../e2e/proc-table.js';
import { fetchText, freePort, startServe, type ServeProcess } from './serve-process.js';

const PROMETHEUS = '/usr/bin/prometheus';
const available = spawnSync(PROMETHEUS, ['--version'], { stdio: 'ignore' }).status === 0;

interface VectorItem {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * Every inet socket a process holds, as hex `address:port` pairs from /proc/PID/net: what it
 * listens on and what it is connected to.
 */
function socketsOf(pid: number): { local: string; remote: string }[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // Closed between the listing and the look.
    }
  }
  const found: { local: string; remote: string }[] = [];
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
    const lines = readFileSync(`/proc/${pid}/net/${table}`, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const f = line.trim().split(/\s+/);
      if (inodes.has(f[9] ?? '')) found.push({ local: f[1] ?? '', remote: f[2] ?? '' });
    }
  }
  return found;
}

/** 127.0.0.1, ::1 (or ::ffff:127.0.0.1), or no address at all (a listening socket's remote end). */
function loopbackOrNone(hexAddressPort: string): boolean {
  const address = hexAddressPort.split(':')[0] ?? '';
  return /^(0+|[0-9A-F]{6}7F|0{24}01000000|0{20}FFFF0000[0-9A-F]{6}7F)$/i.test(address);
}

describe('Prometheus scraping pooltop serve', { skip: !available && 'no prometheus (apt-get install prometheus)' }, () => {
  let dir = '';
  let serve: ServeProcess | null = null;
  let prometheus: ChildProcess | null = null;
  let prometheusLog = '';
  let api = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pooltop-prometheus-'));
    serve = await startServe(['-d', '5', '--pool', '2']);
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 1s',
        '  scrape_timeout: 1s',
        'scrape_configs:',
        '  - job_name: pooltop',
        '    static_configs:',
        `      - targets: ['${serve.target}']`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    prometheus.stderr?.on('data', (d: Buffer) => (prometheusLog += d.toString()));
  });

  after(async () => {
    // Both by their PIDs: SIGTERM, and SIGKILL for one that has not ended within 10 s.
    const stopped = new Promise<void>((resolve) => {
      if (!prometheus || prometheus.exitCode !== null || prometheus.signalCode !== null) return resolve();
      prometheus.once('exit', () => resolve());
      prometheus.kill('SIGTERM');
      setTimeout(() => prometheus?.kill('SIGKILL'), 10_000).unref();
    });
    await Promise.all([stopped, serve?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  async function query(promql: string): Promise<VectorItem[]> {
    const reply = await fetchText(`${api}/api/v1/query?query=${encodeURIComponent(promql)}`);
    if (reply.status !== 200) throw new Error(`${promql}: ${reply.status} ${reply.body}`);
    return (JSON.parse(reply.body) as { data: { result: VectorItem[] } }).data.result;
  }

  /** Asks again every 250 ms until `ok` holds (the first scrape comes ~5 s after start-up). */
  async function until(promql: string, ok: (result: VectorItem[]) => boolean, timeoutMs = 60_000): Promise<VectorItem[]> {
    const deadline = Date.now() + timeoutMs;
    let last: VectorItem[] | string = [];
    for (;;) {
      try {
        last = await query(promql);
        if (ok(last)) return last;
      } catch (error) {
        last = String(error);
      }
      if (Date.now() > deadline || prometheus?.exitCode != null) {
        throw new Error(`${promql} never held: last ${JSON.stringify(last)}; prometheus said: ${prometheusLog.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it('finds the target up and the pool as it is: 2 workers, their PIDs, tasks done, cores busy', async () => {
    const up = await until('up{job="pooltop"}', (r) => r[0]?.value[1] === '1');
    assert.equal(up.length, 1);
    assert.equal(up[0]?.metric.instance, serve!.target);

    const workers = await until('sum(pooltop_pool_workers)', (r) => r[0]?.value[1] === '2');
    assert.equal(workers.length, 1);
    const perWorker = await until('pooltop_pool_worker_cpu_seconds_total', (r) => r.length === 2);
    const pids = childrenOf(serve!.child.pid!)
      .filter((c) => readCmdline(c.pid).startsWith('pooltop-worker'))
      .map((c) => String(c.pid))
      .sort();
    assert.deepEqual(perWorker.map((r) => r.metric.pid).sort(), pids);
    assert.deepEqual(perWorker.map((r) => r.metric.worker).sort(), ['1', '2']);

    // The primes stream's tasks take about a second each: some are done within seconds.
    await until('sum(pooltop_pool_tasks_done_total{workload="primes",outcome="ok"})', (r) => Number(r[0]?.value[1]) >= 2);
    // Two busy workers keep most of two cores busy (less on a loaded machine, never none).
    const busy = await until('rate(pooltop_pool_cpu_seconds_total[5s])', (r) => Number(r[0]?.value[1]) > 0.2);
    assert.ok(Number(busy[0]?.value[1]) <= 2.2, `cores busy ${busy[0]?.value[1]}`);
    // Per core and mode, as node_exporter: every core has its eight modes.
    const modes = await query('count by (cpu) (pooltop_cpu_seconds_total)');
    assert.ok(modes.length >= 1 && modes.every((r) => r.value[1] === '8'), JSON.stringify(modes));
    const scrape = await query('scrape_samples_scraped{job="pooltop"}');
    assert.ok(Number(scrape[0]?.value[1]) > 50, `${scrape[0]?.value[1]} samples a scrape`);
  });

  it('reached nothing but loopback', () => {
    const sockets = socketsOf(prometheus!.pid!);
    assert.ok(sockets.length >= 2, 'its listening socket and its scrape connection');
    for (const s of sockets) assert.ok(loopbackOrNone(s.local) && loopbackOrNone(s.remote), JSON.stringify(s));
  });
});
