// `pooltop --metrics-listen ADDR`: the exporter beside the monitor, fed by the monitor's own
// samples (no second sampling loop) and reporting the monitor's pool.
import { DEFAULT_TOP } from '../model/process-selection.js';
import type { Sampler } from '../sampling/types.js';
import type { ListenAddress } from './listen-address.js';
import { MetricsExporter, type ExportedPool } from './metrics-exporter.js';
import { startMetricsServer } from './metrics-server.js';

export interface MonitorMetrics {
  /** The monitor's sampler, each of whose samples the exporter also gets. */
  observe(sampler: Sampler): Sampler;
  close(): void;
}

/**
 * Listens before the monitor takes the terminal, so an address in use is said in one line
 * (thrown) and the monitor does not start. Per-process series: the top processes by CPU of
 * those -u and -p let the monitor show.
 */
export async function startMonitorMetrics(
  address: ListenAddress,
  view: { user: string | null; pids: number[] | null },
  pool: ExportedPool,
  intervalMs: number,
): Promise<MonitorMetrics> {
  const selection = { pids: view.pids ? new Set(view.pids) : null, user: view.user, match: null, top: DEFAULT_TOP };
  const exporter = new MetricsExporter({ selection, pool, intervalMs });
  const server = await startMetricsServer(address, exporter).catch((error: unknown) => {
    exporter.close();
    throw error;
  });
  return {
    observe: (sampler) => exporter.observe(sampler),
    close: () => {
      exporter.close();
      void server.close();
    },
  };
}
