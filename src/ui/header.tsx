// The header: one meter per core, memory and swap, and the tasks / load / uptime lines, laid out
// in two columns like htop's default screen.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { formatBytes, formatUptime } from '../model/format.js';
import type { ProcessRow } from '../model/process-row.js';
import type { PoolSnapshot } from '../pool/pool-snapshot.js';
import { coresBusyNow } from './pool-panel.js';
import type { Sample } from '../sampling/types.js';
import { Meter } from './meter.js';
import type { MeterSegment } from './meter-bar.js';
import type { ScreenLayout } from './layout.js';
import { useTheme, type Theme } from './theme.js';
import { useAppStore } from './use-app-store.js';

export interface HeaderProps {
  layout: ScreenLayout;
  /** Extra lines for the right column (the pool's summary, when a pool runs). */
  extraInfo?: ReactNode[];
}

export function Header({ layout, extraInfo = [] }: HeaderProps) {
  const sample = useAppStore((s) => s.sample);
  const pool = useAppStore((s) => s.pool);
  const rows = useAppStore((s) => s.rows);
  const theme = useTheme();
  if (!sample) {
    return (
      <Box height={layout.headerHeight}>
        <Text>sampling…</Text>
      </Box>
    );
  }
  const half = Math.floor(layout.columns / 2);
  const cpuLines = cpuMeterLines(sample, layout, theme, half);
  const memLines = [
    <MemoryMeter key="mem" label="Mem" used={sample.memory.used} total={sample.memory.total} color={theme.memory} width={half - 1} labelWidth={labelWidth(sample)} />,
    <MemoryMeter key="swp" label="Swp" used={sample.swap.used} total={sample.swap.total} color={theme.swap} width={half - 1} labelWidth={labelWidth(sample)} />,
  ];
  const info = [...infoLines(sample, theme), ...poolLine(pool, rows, theme), ...extraInfo];
  if (layout.meterColumns === 1) {
    return (
      <Box height={layout.headerHeight}>
        <Column width={half}>{[...cpuLines, ...memLines]}</Column>
        <Column width={layout.columns - half}>{info}</Column>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={layout.headerHeight}>
      <Column width={layout.columns}>{cpuLines}</Column>
      <Box>
        <Column width={half}>{memLines}</Column>
        <Column width={layout.columns - half}>{info}</Column>
      </Box>
    </Box>
  );
}

function Column({ width, children }: { width: number; children: ReactNode[] }) {
  return (
    <Box flexDirection="column" width={width}>
      {children}
    </Box>
  );
}

function labelWidth(sample: Sample): number {
  return Math.max(3, String(sample.cpus.length - 1).length);
}

function cpuMeterLines(sample: Sample, layout: ScreenLayout, theme: Theme, half: number): ReactNode[] {
  const n = sample.cpus.length;
  const perRow = layout.meterColumns;
  const width = perRow === 1 ? half - 1 : Math.floor(layout.columns / perRow) - 1;
  const rows = Math.ceil(n / perRow);
  const lines: ReactNode[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: ReactNode[] = [];
    // Cores run down the columns, as in htop: 0 1 2 3 | 4 5 6 7.
    for (let c = 0; c < perRow; c++) {
      const index = c * rows + r;
      const cpu = sample.cpus[index];
      if (!cpu) continue;
      const busy = cpu.user + cpu.system + cpu.nice;
      const segments: MeterSegment[] = [
        { fraction: cpu.nice / 100, color: theme.nice, char: theme.color ? '|' : '*' },
        { fraction: cpu.user / 100, color: theme.user, char: '|' },
        { fraction: cpu.system / 100, color: theme.system, char: theme.color ? '|' : '#' },
      ];
      cells.push(
        <Box key={index} width={width + 1}>
          <Meter label={String(index)} labelWidth={labelWidth(sample)} width={width} segments={segments} text={`${busy.toFixed(1)}%`} />
        </Box>,
      );
    }
    lines.push(<Box key={`cpu${r}`}>{cells}</Box>);
  }
  return lines;
}

function MemoryMeter(props: { label: string; used: number; total: number; color: string | undefined; width: number; labelWidth: number }) {
  const fraction = props.total > 0 ? props.used / props.total : 0;
  return (
    <Meter
      label={props.label}
      labelWidth={props.labelWidth}
      width={props.width}
      segments={[{ fraction, color: props.color, char: '|' }]}
      text={`${formatBytes(props.used)}/${formatBytes(props.total)}`}
    />
  );
}

/** The pool in one line, while there is one: workers, tasks done, cores busy. */
function poolLine(pool: PoolSnapshot | null, rows: readonly ProcessRow[], theme: Theme): ReactNode[] {
  if (!pool || pool.summary.phase === 'idle') return [];
  const s = pool.summary;
  const paused = pool.workers.filter((w) => w.state === 'paused').length;
  return [
    <Text key="pool" wrap="truncate">
      <Text color={theme.label}>Pool: </Text>
      <Text bold color={theme.worker}>
        {s.workers}
      </Text>{' '}
      workers{paused > 0 ? `, ${paused} paused` : ''}, <Text bold>{s.tasksDone}</Text> done, <Text bold>{coresBusyNow(pool, rows).toFixed(2)}</Text> cores busy
      {s.phase !== 'running' ? ` (${s.phase})` : ''}
    </Text>,
  ];
}

function infoLines(sample: Sample, theme: Theme): ReactNode[] {
  const t = sample.tasks;
  const [l1, l5, l15] = sample.load;
  return [
    <Text key="tasks" wrap="truncate">
      <Text color={theme.label}>Tasks: </Text>
      <Text bold>{t.total}</Text>, <Text bold>{t.threads}</Text> thr; <Text color={theme.running} bold>{t.running}</Text> running
      {sample.unreadable > 0 ? `, ${sample.unreadable} unreadable` : ''}
    </Text>,
    <Text key="states" wrap="truncate">
      {'       '}
      <Text bold>{t.sleeping}</Text> sleeping, <Text color={t.stopped > 0 ? theme.stopped : undefined} bold>{t.stopped}</Text> stopped,{' '}
      <Text color={t.zombie > 0 ? theme.zombie : undefined} bold>{t.zombie}</Text> zombie
    </Text>,
    <Text key="load" wrap="truncate">
      <Text color={theme.label}>Load average: </Text>
      <Text bold>{l1.toFixed(2)}</Text> {l5.toFixed(2)} {l15.toFixed(2)}
    </Text>,
    <Text key="uptime" wrap="truncate">
      <Text color={theme.label}>Uptime: </Text>
      <Text bold>{formatUptime(sample.uptime)}</Text>
    </Text>,
  ];
}
