// `pooltop serve`: the Prometheus exporter without a screen. Samples every interval, answers
// /metrics from the latest sample, and runs a pool of its own when asked (--pool N); without one
// there is no pool to report, so the pool's metrics are absent, not zero.
import { sanitizeText } from '../model/sanitize.js';
import { PoolManager } from '../pool/pool-manager.js';
import { createSampler } from '../sampling/create-sampler.js';
import { isLoopback } from './listen-address.js';
import { MetricsExporter } from './metrics-exporter.js';
import { startMetricsServer } from './metrics-server.js';
import type { ServeOptions } from './parse-options.js';
import { SampleLoop } from './sample-loop.js';

/** The signals that stop it. A service stopped so has done nothing wrong: status 0, as Prometheus. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export async function runServe(options: ServeOptions, stderr: NodeJS.WritableStream): Promise<number> {
  const sampler = await createSampler(options.source ?? undefined);
  const pool = options.pool === null ? null : new PoolManager();
  const exporter = new MetricsExporter({ selection: options.selection, pool, intervalMs: options.delayMs });
  let lastError = '';
  const loop = new SampleLoop(
    exporter.observe(sampler),
    options.delayMs,
    () => (lastError = ''),
    (error) => {
      // Said once, not every interval; /metrics keeps the last sample, whose timestamp shows its age.
      const text = `pooltop: sampling failed: ${error instanceof Error ? error.message : String(error)}`;
      if (text !== lastError) stderr.write(`${text}\n`);
      lastError = text;
    },
  );
  const server = await startMetricsServer(options.listen, exporter).catch((error: unknown) => {
    stderr.write(`pooltop: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  });
  if (server === null) {
    sampler.close();
    exporter.close();
    return 1;
  }
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    for (const s of STOP_SIGNALS) process.once(s, () => resolve(s));
  });
  const stop = async (): Promise<void> => {
    loop.stop();
    // Workers never outlive pooltop: SIGKILL to each, synchronously, before anything can wait.
    pool?.shutdown();
    await server.close();
    exporter.close();
    sampler.close();
  };
  loop.start();
  const reach = isLoopback(options.listen.host) ? 'this machine only' : 'reachable from other machines';
  stderr.write(`pooltop: serving ${server.url} (${reach})\n`);
  const n = options.pool;
  if (pool !== null && n !== null) {
    pool.on('problem', (message) => stderr.write(`pooltop: pool: ${sanitizeText(message)}\n`));
    const started = await pool.start(n, { stream: { workload: 'primes', method: 'naive' } }).then(
      () => true,
      (error: unknown) => {
        stderr.write(`pooltop: the pool did not start: ${sanitizeText(error instanceof Error ? error.message : String(error))}\n`);
        return false;
      },
    );
    if (!started) {
      await stop();
      return 1;
    }
    stderr.write(`pooltop: pool started: ${n} workers on the primes stream\n`);
  }
  const signal = await stopped;
  await stop();
  stderr.write(`pooltop: stopped (${signal})\n`);
  return 0;
}
