// Picks the sampling source: procfs on Linux, ps-list elsewhere, or what --source asks for.
import { existsSync } from 'node:fs';
import { ProcfsSampler } from './procfs-sampler.js';
import { PsListSampler } from './ps-list-sampler.js';
import { SysteminformationSampler } from './systeminformation-sampler.js';
import type { Sampler, SourceName } from './types.js';

export function defaultSource(): SourceName {
  return process.platform === 'linux' && existsSync('/proc/self/stat') ? 'procfs' : 'ps-list';
}

export function createSampler(source: SourceName = defaultSource()): Sampler {
  switch (source) {
    case 'procfs':
      return new ProcfsSampler();
    case 'systeminformation':
      return new SysteminformationSampler();
    case 'ps-list':
      return new PsListSampler();
  }
}
