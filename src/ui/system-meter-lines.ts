// The system meters' lines in the header: disk and network rates (from the host counters), then
// CPU frequency, temperature, battery and GPU, each only where the machine has it.
import { formatBytes } from '../model/format.js';
import type { HostRates } from '../model/host-rates.js';
import { sanitizeText } from '../model/sanitize.js';
import type { SystemMeters } from '../sampling/system-meters.js';
import type { Style } from './sgr.js';
import type { Theme } from './theme.js';

type Part = readonly [text: string, style?: Style];

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
 * Lines systemMeterLines gives: the I/O line where the source reads the counters (from its first
 * sample on, "-" until a second gives rates: the rows below do not move down a second after the
 * first frame), one for the rest where any is known.
 */
export function systemMeterLineCount(rates: HostRates | null, meters: SystemMeters, counters = rates !== null): number {
  const facts = meters.cpuFrequency || meters.temperatures || meters.battery || meters.gpus;
  return (rates || counters ? 1 : 0) + (facts ? 1 : 0);
}

export function systemMeterLines(rates: HostRates | null, meters: SystemMeters, theme: Theme, counters = rates !== null): Part[][] {
  const lines: Part[][] = [];
  const label = { color: theme.label };
  const bold = { bold: true };
  if (!rates && counters)
    lines.push([['Disk: ', label], ['-', bold], [' read, '], ['-', bold], [' written  '], ['Net: ', label], ['-', bold], [' in, '], ['-', bold], [' out']]);
  if (rates) {
    const d = rates.diskTotal;
    const n = rates.networkTotal;
    lines.push([
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
    ]);
  }
  const parts: Part[] = [];
  const add = (...more: Part[]): void => {
    if (parts.length > 0) parts.push(['  ']);
    parts.push(...more);
  };
  if (meters.cpuFrequency) add(['Freq: ', label], [formatFrequency(meters.cpuFrequency.mhz), bold]);
  const temps = meters.temperatures ?? [];
  const cpuTemps = temps.filter((t) => t.kind !== 'other');
  if (temps.length > 0) {
    const hottest = Math.max(...(cpuTemps.length > 0 ? cpuTemps : temps).map((t) => t.celsius));
    add(['Temp: ', label], [`${hottest.toFixed(0)}°C`, { bold: true, color: hottest >= 85 ? theme.error : hottest >= 70 ? theme.warn : undefined }]);
  }
  for (const b of meters.battery ?? []) {
    const left = b.secondsLeft !== null ? `, ${hoursMinutes(b.secondsLeft)} ${b.state === 'charging' ? 'to full' : 'left'}` : '';
    add(
      ['Bat: ', label],
      [`${b.percent.toFixed(0)}%`, { bold: true, color: b.percent <= 10 && b.state === 'discharging' ? theme.error : undefined }],
      [` ${b.state}${left}`],
    );
  }
  for (const g of meters.gpus ?? []) {
    const memory = g.memoryUsedBytes !== null && g.memoryTotalBytes !== null ? ` ${formatBytes(g.memoryUsedBytes)}/${formatBytes(g.memoryTotalBytes)}` : '';
    add(['GPU: ', label], [`${g.utilization.toFixed(0)}%`, bold], [memory], [g.celsius !== null ? ` ${g.celsius.toFixed(0)}°C` : '']);
  }
  if (parts.length > 0) lines.push(parts);
  return lines;
}

/** "temperatures: no temperature sensor …": what the machine lacks, for the graphs panel. */
export function missingMeterText(meters: SystemMeters): string {
  const names: Record<string, string> = { cpuFrequency: 'CPU frequency', temperatures: 'temperature', battery: 'battery', gpus: 'GPU' };
  return Object.entries(meters.missing)
    .map(([name, why]) => `${names[name] ?? name}: ${sanitizeText(why ?? '')}`)
    .join(' · ');
}
