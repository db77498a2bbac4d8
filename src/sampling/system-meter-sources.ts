// Where each system meter's data comes from and how often it is read: each source's cost was
// measured (README, "Where the meters' figures come from") and its cadence chosen to fit it,
// off the refresh path. A meter the machine lacks is asked again only once a minute.
import { readBatteries } from './battery-files.js';
import { readCpuFrequencies } from './cpu-frequency-files.js';
import { readGpus } from './gpu-reader.js';
import type { MeterName, Reading } from './system-meters.js';
import { readTemperatures } from './temperature-files.js';

export interface MeterSource {
  name: MeterName;
  /** How often it is read while the machine has it, ms. */
  everyMs: number;
  read(): Promise<Reading<unknown>> | Reading<unknown>;
}

/** How long until a meter the machine did not have is looked for again. */
export const MISSING_RETRY_MS = 60_000;

export interface MeterRoots {
  sys?: string;
  proc?: string;
  /** Where commands are looked for (nvidia-smi). */
  path?: string;
}

export function systemMeterSources({ sys = '/sys', proc = '/proc', path = process.env.PATH ?? '' }: MeterRoots = {}): MeterSource[] {
  return [
    { name: 'cpuFrequency', everyMs: 2000, read: () => readCpuFrequencies(sys, proc) },
    { name: 'temperatures', everyMs: 2000, read: () => readTemperatures(sys) },
    { name: 'battery', everyMs: 10_000, read: () => readBatteries(sys) },
    // nvidia-smi and lspci behind systeminformation's graphics(): ~10 ms CPU and 4 processes a call.
    { name: 'gpus', everyMs: 10_000, read: () => readGpus(sys, path) },
  ];
}

/** Every source read once, as `snapshot --json` prints them. */
export async function readAllMeters(sources: readonly MeterSource[]): Promise<{ name: MeterName; reading: Reading<unknown> }[]> {
  return Promise.all(sources.map(async (source) => ({ name: source.name, reading: await readSafely(source) })));
}

/** A source's reading; a reader that throws gives its reason as a missing meter, never an exception. */
export async function readSafely(source: MeterSource): Promise<Reading<unknown>> {
  try {
    return await source.read();
  } catch (error) {
    return { missing: `could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}
