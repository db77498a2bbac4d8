// `pooltop snapshot --json --watch`: a line of JSON per sample (NDJSON), each the document
// `snapshot --json` prints with its sequence number first, until --count lines, a signal, or
// the reader leaving (EPIPE ends pooltop with status 0, see cli.ts).
import { jsonSafe } from '../model/json-safe.js';
import { snapshotJson } from '../model/sample-json.js';
import { createSampler } from '../sampling/create-sampler.js';
import type { Sample } from '../sampling/types.js';
import type { SnapshotOptions } from './parse-options.js';
import { SampleLoop } from './sample-loop.js';
import { snapshotRows, treeJson } from './snapshot.js';

/** 128 + the signal's number, as shells report a program the signal ended (and as the monitor exits). */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/** One line: `{"seq":1,"time":…,"processes":[…]}` (with --tree, `{"seq":1,"roots":[…]}`). */
export function watchLine(seq: number, previous: Sample, sample: Sample, options: SnapshotOptions): string {
  const rows = snapshotRows(previous, sample, options);
  // The tree's JSON is written without recursion (treeJson): its text is spliced in after seq.
  if (options.tree) return `{"seq":${seq},${treeJson(rows).slice(1)}\n`;
  return `${jsonSafe(JSON.stringify({ seq, ...snapshotJson({ sample, rows }) }))}\n`;
}

/**
 * Samples every interval and writes a line per sample after the first (which only starts the
 * CPU% deltas). Each line is one write, so a signal, which is handled between writes, never cuts
 * one; a reader slower than the samples holds up the writes, and samples wait, never pile up.
 */
export async function runWatch(options: SnapshotOptions, out: NodeJS.WritableStream): Promise<number> {
  const sampler = await createSampler(options.source ?? undefined);
  return new Promise<number>((resolve) => {
    let previous: Sample | null = null;
    let seq = 0;
    const handlers = new Map<NodeJS.Signals, () => void>();
    let ended = false;
    const end = (code: number): void => {
      if (ended) return;
      ended = true;
      loop.stop();
      sampler.close();
      for (const [signal, handler] of handlers) process.off(signal, handler);
      resolve(code);
    };
    const loop = new SampleLoop(
      sampler,
      options.delayMs,
      (sample) => {
        if (previous !== null) {
          out.write(watchLine(++seq, previous, sample, options));
          if (seq === options.count) return end(0);
        }
        previous = sample;
      },
      (error) => {
        process.stderr.write(`pooltop: sampling failed: ${error instanceof Error ? error.message : String(error)}\n`);
        end(1);
      },
    );
    for (const signal of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) {
      const handler = (): void => end(SIGNAL_EXIT[signal] ?? 1);
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
    loop.start();
  });
}
