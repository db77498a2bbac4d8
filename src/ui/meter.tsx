// One htop-style meter line: `  0[|||||||     45.2%]`.
import { Text } from 'ink';
import { meterRuns, type MeterSegment } from './meter-bar.js';
import { useTheme } from './theme.js';

export interface MeterProps {
  label: string;
  labelWidth: number;
  /** Cells for the whole meter, label and brackets included. */
  width: number;
  segments: readonly MeterSegment[];
  text: string;
}

export function Meter({ label, labelWidth, width, segments, text }: MeterProps) {
  const theme = useTheme();
  const inner = Math.max(0, width - labelWidth - 2);
  const runs = meterRuns(inner, segments, text);
  return (
    <Text wrap="truncate">
      <Text color={theme.label}>{label.padStart(labelWidth)}</Text>
      <Text bold>[</Text>
      {runs.map((run, i) => (
        <Text key={i} color={run.color}>
          {run.text}
        </Text>
      ))}
      <Text bold>]</Text>
    </Text>
  );
}
