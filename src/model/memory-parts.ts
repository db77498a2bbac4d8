// The memory meter's parts, as htop 3 draws them: used, shared, compressed, buffers and cache,
// left to right, each its own colour (its own character in monochrome), and the number it is
// labelled with. The header's meter and anything else drawing memory (graphs) read them here.
import type { MemoryInfo } from '../sampling/types.js';

export type MemoryPartId = 'used' | 'shared' | 'compressed' | 'buffers' | 'cache';

export interface MemoryPart {
  id: MemoryPartId;
  /** htop's word for it, as its text mode and help print it. */
  label: string;
  /** Bytes; NaN when the source cannot tell (drawn as nothing). */
  bytes: number;
  /** Counted in the number the meter is labelled with (htop's "countsAsUsed"); buffers and cache are not. */
  countsAsUsed: boolean;
  /** htop's bar character for the part in monochrome, in its order: | # * @ $. */
  monoChar: string;
}

/** The parts' ids in htop's order, the order they are drawn in. */
export const MEMORY_PART_IDS: readonly MemoryPartId[] = ['used', 'shared', 'compressed', 'buffers', 'cache'];

/** The parts in htop's order, the order they are drawn in. */
export function memoryParts(memory: MemoryInfo): MemoryPart[] {
  return [
    { id: 'used', label: 'used', bytes: memory.used, countsAsUsed: true, monoChar: '|' },
    { id: 'shared', label: 'shared', bytes: memory.shared, countsAsUsed: true, monoChar: '#' },
    { id: 'compressed', label: 'compressed', bytes: memory.compressed, countsAsUsed: true, monoChar: '*' },
    { id: 'buffers', label: 'buffers', bytes: memory.buffers, countsAsUsed: false, monoChar: '@' },
    { id: 'cache', label: 'cache', bytes: memory.cached, countsAsUsed: false, monoChar: '$' },
  ];
}

/**
 * The number the meter is labelled with: used + shared + compressed, as htop ≥ 3.3 labels it
 * (htop 3.2 labelled it with used alone). Parts a source cannot tell count as nothing.
 */
export function memoryInUse(memory: MemoryInfo): number {
  let sum = 0;
  for (const part of memoryParts(memory)) if (part.countsAsUsed && Number.isFinite(part.bytes)) sum += part.bytes;
  return sum;
}
