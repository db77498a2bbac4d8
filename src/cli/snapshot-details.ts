// `pooltop snapshot --json -p PID --details`: what the details view shows, as JSON — two reads
// half a second apart, for each thread's CPU% and the I/O rates.
import type { Writable } from 'node:stream';
import { jsonSafe } from '../model/json-safe.js';
import { readIoPriority } from '../platform/io-priority.js';
import { readProcessDetails, type ProcessDetails } from '../platform/process-details.js';
import { UserNames } from '../sampling/user-names.js';
import { describeDispositions } from '../signals/signal-dispositions.js';
import { detailsRates } from '../store/details-slice.js';
import type { SnapshotOptions } from './parse-options.js';

const DELTA_MS = 500;

export async function runSnapshotDetails(options: Pick<SnapshotOptions, 'pids' | 'env'>, out: Writable): Promise<number> {
  const pids = options.pids ?? [];
  const euid = process.geteuid?.() ?? -1;
  // Secrets are the user's: the environment only when asked, and only of the user's own processes.
  const environment = options.env ? (uid: { real: number; effective: number }) => uid.real === euid || uid.effective === euid : false;
  const first = new Map(pids.map((pid) => [pid, readProcessDetails(pid)]));
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, DELTA_MS));
  const seconds = (performance.now() - t0) / 1000;
  const names = new UserNames();
  const details = await Promise.all(
    pids.map(async (pid) => {
      const data = readProcessDetails(pid, { environment });
      if (!data) return { pid, exited: true };
      const before = first.get(pid);
      return detailsJson(data, before && before.startTime === data.startTime ? before : null, seconds, names, await readIoPriority(pid));
    }),
  );
  out.write(`${jsonSafe(JSON.stringify({ time: new Date().toISOString(), intervalMs: Math.round(seconds * 1000), details }, null, 2))}\n`);
  return details.some((d) => 'exited' in d) ? 1 : 0;
}

function detailsJson(
  data: ProcessDetails,
  before: ProcessDetails | null,
  seconds: number,
  names: UserNames,
  ioPriority: string | null,
): Record<string, unknown> {
  const rates = before ? detailsRates(before, data, seconds) : null;
  return {
    ...data,
    startTime: new Date(data.startTime).toISOString(),
    user: { real: names.name(data.uid.real), effective: names.name(data.uid.effective) },
    ioPriority,
    signals: data.signals
      ? describeDispositions(data.signals).map(({ name, number, disposition, blocked, pending, text }) => ({
          name,
          number,
          disposition,
          blocked,
          pending,
          text,
        }))
      : null,
    ioRate: rates?.ioRate ?? null,
    threads: data.threads.map((t) => ({ ...t, cpuPercent: rates ? Math.round((rates.threadCpu.get(t.tid) ?? 0) * 10) / 10 : null })),
    environment: data.environment,
  };
}
