// `pooltop snapshot --json --watch`: a line of JSON per sample (NDJSON), each the document
// `snapshot --json` prints with its sequence number first, until --count lines, a signal, or
// the reader leaving (EPIPE ends pooltop with status 0, see cli.ts).
import type { Writable } from 'node:stream';
import { columnDetails } from '../model/columns.js';
import { CpuTrends } from '../model/cpu-trends.js';
import { jsonSafe } from '../model/json-safe.js';
import { snapshotJson } from '../model/sample-json.js';
import { createSampler } from '../sampling/create-sampler.js';
import { systemMeterSources } from '../sampling/system-meter-sources.js';
import { NO_METERS, type SystemMeters } from '../sampling/system-meters.js';
import type { Sample, Sampler } from '../sampling/types.js';
import { MetersPoller } from '../store/meters-poller.js';
import type { SnapshotOptions } from './parse-options.js';
import { SampleLoop } from './sample-loop.js';
import { snapshotRows, treeJson } from './snapshot.js';

/** 128 + the signal's number, as shells report a program the signal ended (and as the monitor exits). */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/** One line: `{"seq":1,"time":…,"processes":[…]}` (with --tree, `{"seq":1,"roots":[…]}`). */
export function watchLine(seq: number, previous: Sample, sample: Sample, options: SnapshotOptions, meters?: SystemMeters, trends?: CpuTrends): string {
  const rows = snapshotRows(previous, sample, options, trends);
  // The tree's JSON is written without recursion (treeJson): its text is spliced in after seq.
  const columns = options.columns ?? undefined;
  if (options.tree) return `{"seq":${seq},${treeJson(rows, columns).slice(1)}\n`;
  return `${jsonSafe(JSON.stringify({ seq, ...snapshotJson({ sample, rows, columns, previous, ...(meters && { meters }) }) }))}\n`;
}

/** How long a stop by signal waits for the reader to take the line it has not yet taken. */
const LAST_LINE_MS = 1000;

/**
 * Samples every interval and writes a line per sample after the first (which only starts the
 * CPU% deltas). Each line is one write, handled whole or not at all before a signal is; a
 * reader slower than the samples holds up the sampling, so at most one line ever waits in
 * memory (the next sample comes an interval after the one before, once the reader has taken it).
 */
export async function runWatch(options: SnapshotOptions, out: Writable, source?: Sampler): Promise<number> {
  const sampler = source ?? (await createSampler(options.source ?? undefined));
  if (options.columns) sampler.wantDetails?.(columnDetails(options.columns));
  return new Promise<number>((resolve) => {
    let previous: Sample | null = null;
    let seq = 0;
    // The CPU graph column's history, one refresh a line.
    const trends = new CpuTrends();
    const handlers = new Map<NodeJS.Signals, () => void>();
    let ended = false;
    // The system meters at their own cadences, as the monitor reads them; each line has the latest.
    let meters: SystemMeters = NO_METERS;
    const metersPoller = new MetersPoller({ get: () => meters, set: (m) => (meters = m) }, systemMeterSources());
    const end = (code: number): void => {
      if (ended) return;
      ended = true;
      loop.stop();
      metersPoller.stop();
      sampler.close();
      for (const [signal, handler] of handlers) process.off(signal, handler);
      resolve(code);
    };
    const write = (line: string): void => {
      if (out.write(line)) return;
      loop.stop();
      out.once('drain', () => {
        if (!ended) loop.start();
      });
    };
    const loop = new SampleLoop(
      sampler,
      options.delayMs,
      (sample) => {
        if (previous !== null) {
          write(watchLine(++seq, previous, sample, options, meters, trends));
          if (seq === options.count) return end(0);
        }
        previous = sample;
      },
      (error) => {
        process.stderr.write(`pooltop: sampling failed: ${error instanceof Error ? error.message : String(error)}\n`);
        end(1);
      },
    );
    const stopBySignal = (code: number): void => {
      loop.stop();
      if (out.writableLength === 0) return end(code);
      // The line being written goes out whole if the reader takes it; a reader that has stopped
      // reading would keep pooltop waiting for ever, as the exit waits for stdout to drain.
      const stuck = setTimeout(() => process.exit(code), LAST_LINE_MS);
      out.once('drain', () => {
        clearTimeout(stuck);
        end(code);
      });
    };
    for (const signal of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) {
      const handler = (): void => stopBySignal(SIGNAL_EXIT[signal] ?? 1);
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
    metersPoller.start();
    loop.start();
  });
}
