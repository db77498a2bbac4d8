// What the system meters show beyond a sample — CPU frequency, temperatures, batteries, GPUs —
// and, for each the machine does not have, why not: a meter without data is not drawn.

export interface CpuFrequency {
  /** Current MHz of each core, in core order. */
  mhz: number[];
  /** Where it was read: the cpufreq driver's scaling_cur_freq, or /proc/cpuinfo's "cpu MHz". */
  source: 'cpufreq' | 'cpuinfo';
}

export interface Temperature {
  /** The sensor's own label (`Package id 0`, `Core 1`, `Tctl`), or its chip and number. */
  label: string;
  celsius: number;
  /** The CPU package (or its one die sensor), one core, or anything else (disk, chipset, board). */
  kind: 'package' | 'core' | 'other';
}

export interface Battery {
  name: string;
  /** Charge, 0–100. */
  percent: number;
  state: 'charging' | 'discharging' | 'full' | 'not charging' | 'unknown';
  /** Until empty (discharging) or full (charging), seconds; null when the kernel does not say. */
  secondsLeft: number | null;
}

export interface Gpu {
  name: string;
  /** Busy, 0–100. */
  utilization: number;
  memoryUsedBytes: number | null;
  memoryTotalBytes: number | null;
  celsius: number | null;
}

export type MeterName = 'cpuFrequency' | 'temperatures' | 'battery' | 'gpus';

/** A reader's answer: the data, or the reason this machine has none (for the user to read). */
export type Reading<T> = { value: T } | { missing: string };

export interface SystemMeters {
  cpuFrequency?: CpuFrequency;
  temperatures?: Temperature[];
  battery?: Battery[];
  gpus?: Gpu[];
  /** Each meter this machine does not have, with why (once read). */
  missing: Partial<Record<MeterName, string>>;
}

export const NO_METERS: SystemMeters = { missing: {} };

/**
 * `meters` with `name` set from `reading`: its data, or its reason (and no data). The reading is
 * the one that name's source gives (system-meter-sources.ts pairs them).
 */
export function withReading(meters: SystemMeters, name: MeterName, reading: Reading<unknown>): SystemMeters {
  // A reading as the last (the same frequency, the same reason): the same object, so nothing that
  // shows the meters draws again. The values are a few plain numbers and strings.
  if ('value' in reading ? JSON.stringify(meters[name]) === JSON.stringify(reading.value) : meters.missing[name] === reading.missing && !(name in meters)) {
    return meters;
  }
  const missing = { ...meters.missing };
  const next: SystemMeters = { ...meters, missing };
  if ('value' in reading) {
    delete missing[name];
    (next as Record<MeterName, unknown>)[name] = reading.value;
  } else {
    missing[name] = reading.missing;
    delete next[name];
  }
  return next;
}
