// The system meters' text in the header: disk and network rates (from the host counters), CPU
// frequency, temperature, battery and GPU, each only where the machine has it.
import { formatBytes } from '../model/format.js';
import type { HostRates } from '../model/host-rates.js';
import { sanitizeText } from '../model/sanitize.js';
import type { SystemMeters } from '../sampling/system-meters.js';
import type { Style } from './sgr.js';
import type { Theme } from './theme.js';

/** A piece of a line and its style. */
export type Part = readonly [text: string, style?: Style];

/** "0/s", "12K/s", "1.5M/s": auto-scaled, as htop's disk and network meters. */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** "2.30 GHz", or "0.80–3.40 GHz" when the cores differ. */
function formatFrequency(mhz: readonly number[]): string {
  const lo = Math.min(...mhz);
  const hi = Math.max(...mhz);
  const ghz = (n: number): string => (n / 1000).toFixed(2);
  return Math.abs(hi - lo) < 10 ? `${ghz(hi)} GHz` : `${ghz(lo)}–${ghz(hi)} GHz`;
}

/** "2:05" (hours and minutes). */
function hoursMinutes(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The disk and network line where the source reads the counters: from its first sample on, "-"
 * until a second gives rates (the rows below do not move down a second after the first frame).
 * Ten parts, the disk's five first.
 */
export function diskNetworkLines(rates: HostRates | null, theme: Theme, counters = rates !== null): Part[][] {
  const label = { color: theme.label };
  const bold = { bold: true };
  if (!rates && counters)
    return [[['Disk: ', label], ['-', bold], [' read, '], ['-', bold], [' written  '], ['Net: ', label], ['-', bold], [' in, '], ['-', bold], [' out']]];
  if (!rates) return [];
  const d = rates.diskTotal;
  const n = rates.networkTotal;
  return [
    [
      ['Disk: ', label],
      [formatRate(d.readBytesPerSecond), bold],
      [' read, '],
      [formatRate(d.writeBytesPerSecond), bold],
      [' written  '],
      ['Net: ', label],
      [formatRate(n.receiveBytesPerSecond), bold],
      [' in, '],
      [formatRate(n.transmitBytesPerSecond), bold],
      [' out'],
    ],
  ];
}

export function frequencyParts(meters: SystemMeters, theme: Theme): Part[] {
  return meters.cpuFrequency
    ? [
        ['Freq: ', { color: theme.label }],
        [formatFrequency(meters.cpuFrequency.mhz), { bold: true }],
      ]
    : [];
}

/** The hottest CPU sensor (any sensor where none is the CPU's), yellow from 70 °C, red from 85. */
export function temperatureParts(meters: SystemMeters, theme: Theme): Part[] {
  const temps = meters.temperatures ?? [];
  if (temps.length === 0) return [];
  const cpuTemps = temps.filter((t) => t.kind !== 'other');
  const hottest = Math.max(...(cpuTemps.length > 0 ? cpuTemps : temps).map((t) => t.celsius));
  return [
    ['Temp: ', { color: theme.label }],
    [`${hottest.toFixed(0)}°C`, { bold: true, color: hottest >= 85 ? theme.error : hottest >= 70 ? theme.warn : undefined }],
  ];
}

export function batteryParts(meters: SystemMeters, theme: Theme): Part[] {
  return joinParts(
    (meters.battery ?? []).map((b): Part[] => {
      const left = b.secondsLeft !== null ? `, ${hoursMinutes(b.secondsLeft)} ${b.state === 'charging' ? 'to full' : 'left'}` : '';
      return [
        ['Bat: ', { color: theme.label }],
        [`${b.percent.toFixed(0)}%`, { bold: true, color: b.percent <= 10 && b.state === 'discharging' ? theme.error : undefined }],
        [` ${b.state}${left}`],
      ];
    }),
  );
}

export function gpuParts(meters: SystemMeters, theme: Theme): Part[] {
  return joinParts(
    (meters.gpus ?? []).map((g): Part[] => {
      const memory = g.memoryUsedBytes !== null && g.memoryTotalBytes !== null ? ` ${formatBytes(g.memoryUsedBytes)}/${formatBytes(g.memoryTotalBytes)}` : '';
      return [
        ['GPU: ', { color: theme.label }],
        [`${g.utilization.toFixed(0)}%`, { bold: true }],
        [memory],
        [g.celsius !== null ? ` ${g.celsius.toFixed(0)}°C` : ''],
      ];
    }),
  );
}

/** Frequency, temperature, batteries and GPUs on one line, each where the machine has it. */
export function sensorParts(meters: SystemMeters, theme: Theme): Part[] {
  return joinParts([frequencyParts(meters, theme), temperatureParts(meters, theme), batteryParts(meters, theme), gpuParts(meters, theme)]);
}

/** The non-empty groups, two spaces between. */
function joinParts(groups: readonly Part[][]): Part[] {
  return groups.filter((g) => g.length > 0).flatMap((g, i) => (i > 0 ? [['  '] as Part, ...g] : g));
}

/** "temperatures: no temperature sensor …": what the machine lacks, for the graphs panel. */
export function missingMeterText(meters: SystemMeters): string {
  const names: Record<string, string> = { cpuFrequency: 'CPU frequency', temperatures: 'temperature', battery: 'battery', gpus: 'GPU' };
  return Object.entries(meters.missing)
    .map(([name, why]) => `${names[name] ?? name}: ${sanitizeText(why ?? '')}`)
    .join(' · ');
}
