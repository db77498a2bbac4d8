// `pooltop replay FILE`: the monitor on a recording. A file that cannot be replayed at all (not a
// recording, another format version, no complete sample, unreadable) is one line and status 2.
import { RecordingError } from '../model/recording-fields.js';
import { sanitizeText } from '../model/sanitize.js';
import { ReplaySampler } from '../sampling/replay-sampler.js';
import { runInteractive } from './interactive.js';
import type { ReplayOptions } from './parse-options.js';
import { describeSystemError } from './system-error.js';
import { UsageError } from './usage-error.js';

function openReplay(file: string): ReplaySampler {
  try {
    return new ReplaySampler(file);
  } catch (error) {
    const shown = sanitizeText(file);
    if (error instanceof RecordingError) throw new UsageError(`pooltop: cannot replay ${shown}: ${error.message}`);
    throw new UsageError(`pooltop: cannot read the recording ${shown}: ${describeSystemError(error)}`);
  }
}

export async function runReplay(options: ReplayOptions): Promise<number> {
  return runInteractive(options.monitor, openReplay(options.file));
}
