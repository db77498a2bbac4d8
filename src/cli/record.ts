// `pooltop record FILE`: samples every interval without a screen and appends each sample to a new
// recording, until a signal, --duration or --count; then says how much it wrote.
import { sanitizeText } from '../model/sanitize.js';
import { createSampler } from '../sampling/create-sampler.js';
import type { Sampler } from '../sampling/types.js';
import type { RecordOptions } from './parse-options.js';
import { RecordingWriter } from './recording-writer.js';
import { SampleLoop } from './sample-loop.js';
import { version } from './version.js';

/** 128 + the signal's number, as shells report a program the signal ended. */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

export async function runRecord(options: RecordOptions, stderr: NodeJS.WritableStream, source?: Sampler): Promise<number> {
  const sampler = source ?? (await createSampler(options.source ?? undefined));
  let writer: RecordingWriter;
  try {
    writer = RecordingWriter.create(options.file, {
      source: sampler.source,
      capabilities: sampler.capabilities,
      intervalMs: options.delayMs,
      started: Date.now(),
      writer: `pooltop ${version()}`,
    });
  } catch (error) {
    sampler.close();
    throw error;
  }
  const file = sanitizeText(options.file);
  stderr.write(`pooltop: recording to ${file} every ${options.delayMs / 1000} s (Ctrl-C stops)\n`);
  return new Promise<number>((resolve) => {
    const handlers = new Map<NodeJS.Signals, () => void>();
    let timer: NodeJS.Timeout | null = null;
    const end = (code: number): void => {
      loop.stop();
      if (timer) clearTimeout(timer);
      for (const [signal, handler] of handlers) process.off(signal, handler);
      sampler.close();
      writer.close();
      const perSample = writer.samples > 0 ? `, ${Math.round(writer.bytes / writer.samples)} bytes a sample` : '';
      stderr.write(`pooltop: recorded ${writer.samples} samples to ${file} (${writer.bytes} bytes${perSample})\n`);
      resolve(code);
    };
    const loop = new SampleLoop(
      sampler,
      options.delayMs,
      (sample) => {
        writer.write({ sample, pool: null, events: [] });
        if (writer.failure) {
          stderr.write(`pooltop: ${writer.failure}\n`);
          return end(1);
        }
        if (writer.samples === options.count) end(0);
      },
      (error) => {
        stderr.write(`pooltop: sampling failed: ${error instanceof Error ? error.message : String(error)}\n`);
        end(1);
      },
    );
    for (const signal of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) {
      const handler = (): void => end(SIGNAL_EXIT[signal] ?? 1);
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
    if (options.durationMs !== null) timer = setTimeout(() => end(0), options.durationMs);
    loop.start();
  });
}
