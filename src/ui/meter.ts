// One htop-style meter line: `  0[|||||||     45.2%]`, as one pre-styled string.
import { meterRuns, type MeterSegment } from './meter-bar.js';
import { styled } from './sgr.js';
import type { Theme } from './theme.js';

export interface MeterProps {
  label: string;
  labelWidth: number;
  /** Cells for the whole meter, label and brackets included. */
  width: number;
  segments: readonly MeterSegment[];
  text: string;
}

export function meterLine({ label, labelWidth, width, segments, text }: MeterProps, theme: Theme): string {
  const inner = Math.max(0, width - labelWidth - 2);
  const bar = meterRuns(inner, segments, text)
    .map((run) => styled(run.text, { color: run.color }))
    .join('');
  return styled(label.padStart(labelWidth), { color: theme.label }) + styled('[', { bold: true }) + bar + styled(']', { bold: true });
}
