// A faster way for Ink 6.8 to turn a frame's writes into lines, installed over Ink's own.
//
// Ink's Output.get() builds a grid of one object per cell, tokenizes every line's ANSI codes into
// styled characters and serializes them back, for every frame: measured at 160×50, that was 60 %
// of pooltop's CPU per refresh (ansi-tokenize, slice-ansi and the grid). pooltop's screen is made
// of lines written side by side, each already cut to its width, so a line can be put together by
// concatenating its writes left to right. This does that, and hands every frame it cannot be
// sure of (clipping, overlapping writes) to Ink's own get(). A test renders pooltop's
// screens both ways and compares them cell by cell (test/ui/ink/fast-output.test.tsx).

// Ink's Output class, by file: the very class its renderer draws each frame with.
import Output from '../../../node_modules/ink/build/output.js';
import { inkMismatch } from './ink-version.js';

/** The parts of Ink's Output that are used. */
export interface InkOutput {
  width: number;
  height: number;
  operations: readonly InkOperation[];
  caches: { getStringWidth(text: string): number };
}

/** Ink applies a Text's own style to each of its lines at output time, through these. */
type Transformer = (line: string, index: number) => string;

type InkOperation = { type: 'write'; x: number; y: number; text: string; transformers: readonly Transformer[] } | { type: 'clip' | 'unclip' };

interface Segment {
  x: number;
  text: string;
}

/** The frame as Ink would produce it, or null when this frame needs Ink's general path. */
export function composeFrame(output: InkOutput): { output: string; height: number } | null {
  const rows: Segment[][] = Array.from({ length: output.height }, () => []);
  for (const operation of output.operations) {
    if (operation.type !== 'write') return null;
    const lines = operation.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const y = operation.y + i;
      const row = rows[y];
      // Ink drops lines below the frame's height too.
      if (!row) continue;
      let text = lines[i] ?? '';
      for (const transform of operation.transformers) text = transform(text, i);
      if (text === '') continue;
      row.push({ x: operation.x, text });
    }
  }
  const lines: string[] = [];
  for (const row of rows) {
    // Later writes cover earlier ones in Ink; side by side they cannot, so any overlap goes to Ink.
    row.sort((a, b) => a.x - b.x);
    let column = 0;
    let line = '';
    for (let j = 0; j < row.length; j++) {
      const segment = row[j]!;
      if (segment.x < column || segment.x < 0) return null;
      line += ' '.repeat(segment.x - column) + segment.text;
      // Only a segment with another after it on the line needs its width measured: most lines
      // (every table row, every header line) are one segment.
      column = j + 1 < row.length ? segment.x + output.caches.getStringWidth(segment.text) : Infinity;
    }
    lines.push(line.trimEnd());
  }
  return { output: lines.join('\n'), height: output.height };
}

/**
 * Puts composeFrame in front of the get() of Ink's Output class, once it has drawn a frame of that
 * class's own writes as the class does. Throws, saying so, when the class is another shape.
 */
export function installFastOutput(OutputClass: unknown = Output): void {
  const prototype = (OutputClass as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  const original = prototype?.get as ((this: InkOutput) => { output: string; height: number }) | undefined;
  if (!prototype || typeof original !== 'function' || !drawsAlike(OutputClass as ProbeClass, original)) {
    throw inkMismatch("Ink's Output class is not the one pooltop's frame composer was written for");
  }
  if (prototype.__pooltopFast) return;
  prototype.get = function get(this: InkOutput) {
    return composeFrame(this) ?? original.call(this);
  };
  prototype.__pooltopFast = original;
}

type ProbeClass = new (size: {
  width: number;
  height: number;
}) => InkOutput & {
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
};

/** Whether composeFrame and the class's own get() give the same frame for two small writes. */
function drawsAlike(OutputClass: ProbeClass, get: (this: InkOutput) => { output: string; height: number }): boolean {
  try {
    const probe = new OutputClass({ width: 6, height: 2 });
    probe.write(1, 0, 'ab', { transformers: [] });
    probe.write(0, 1, '\x1b[31mx\x1b[39m', { transformers: [(line) => `${line}!`] });
    const ours = composeFrame(probe);
    const theirs = get.call(probe);
    return ours !== null && ours.output === theirs?.output && ours.height === theirs.height;
  } catch {
    return false;
  }
}
