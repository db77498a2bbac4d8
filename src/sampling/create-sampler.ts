// Picks the sampling source: procfs on Linux, ps-list elsewhere, or what --source asks for.
import { HAS_PROCFS } from '../platform/procfs.js';
import { ProcfsSampler } from './procfs-sampler.js';
import type { Sampler, SourceName } from './types.js';

function defaultSource(): SourceName {
  return HAS_PROCFS ? 'procfs' : 'ps-list';
}

/** The sampler for a source; systeminformation and ps-list are loaded only when chosen (they are large). */
export async function createSampler(source: SourceName = defaultSource()): Promise<Sampler> {
  switch (source) {
    case 'procfs':
      return new ProcfsSampler();
    case 'systeminformation':
      return new (await import('./systeminformation-sampler.js')).SysteminformationSampler();
    case 'ps-list':
      return new (await import('./ps-list-sampler.js')).PsListSampler();
  }
}
