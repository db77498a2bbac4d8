// The inside of an htop meter as coloured runs: bars for each segment from the left, the value's
// text drawn over the right end.

export interface MeterSegment {
  /** Fraction of the whole bar, 0–1. */
  fraction: number;
  color: string | undefined;
  /** The bar character; monochrome themes tell segments apart by it. */
  char: string;
}

export interface Run {
  text: string;
  color: string | undefined;
}

export function meterRuns(width: number, segments: readonly MeterSegment[], label: string): Run[] {
  if (width <= 0) return [];
  const cells: { ch: string; color: string | undefined }[] = [];
  let filled = 0;
  let total = 0;
  for (const s of segments) {
    total += Math.max(0, s.fraction);
    // Cumulative rounding so the segments add up to the total's cells exactly.
    const end = Math.min(width, Math.round(Math.min(1, total) * width));
    for (; filled < end; filled++) cells.push({ ch: s.char, color: s.color });
  }
  for (; filled < width; filled++) cells.push({ ch: ' ', color: undefined });
  const text = label.length > width ? label.slice(label.length - width) : label;
  for (let i = 0; i < text.length; i++) {
    cells[width - text.length + i] = { ch: text[i] ?? ' ', color: undefined };
  }
  const runs: Run[] = [];
  for (const cell of cells) {
    const last = runs[runs.length - 1];
    if (last && last.color === cell.color) last.text += cell.ch;
    else runs.push({ text: cell.ch, color: cell.color });
  }
  return runs;
}
