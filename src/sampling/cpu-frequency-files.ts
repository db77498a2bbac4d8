// Each core's current frequency from the kernel: the cpufreq driver's scaling_cur_freq where
// there is one, else the "cpu MHz" lines of /proc/cpuinfo (x86 kernels write them; a virtual
// machine's is the host's nominal speed).
import { readFileSync } from 'node:fs';
import { listSys, readSysNumber } from '../platform/sysfs-file.js';
import type { CpuFrequency, Reading } from './system-meters.js';

export function readCpuFrequencies(sys = '/sys', proc = '/proc'): Reading<CpuFrequency> {
  const base = `${sys}/devices/system/cpu`;
  const fromDriver: number[] = [];
  for (const core of listSys(base, /^cpu\d+$/)) {
    const khz = readSysNumber(`${base}/${core}/cpufreq/scaling_cur_freq`);
    if (khz !== null && khz > 0) fromDriver.push(khz / 1000);
  }
  if (fromDriver.length > 0) return { value: { mhz: fromDriver, source: 'cpufreq' } };
  const fromInfo = parseCpuinfoMhz(readCpuinfo(proc));
  if (fromInfo.length > 0) return { value: { mhz: fromInfo, source: 'cpuinfo' } };
  return { missing: 'no cpufreq driver in /sys/devices/system/cpu and no "cpu MHz" in /proc/cpuinfo' };
}

function readCpuinfo(proc: string): string {
  try {
    // ~1.5 KB a core: more than the 64 KB the /proc reader holds, on a big machine.
    return readFileSync(`${proc}/cpuinfo`, 'utf8');
  } catch {
    return '';
  }
}

/** The `cpu MHz : 2300.000` values, in processor order; nonsense values are left out. */
export function parseCpuinfoMhz(text: string): number[] {
  const out: number[] = [];
  for (const match of text.matchAll(/^cpu MHz\s*:\s*([\d.]+)\s*$/gm)) {
    const mhz = Number(match[1]);
    if (Number.isFinite(mhz) && mhz > 0) out.push(mhz);
  }
  return out;
}
