// Temperatures from the kernel's sensors: hwmon chips (coretemp, k10temp, nvme, acpitz…) and,
// without any, the thermal zones. Read directly: systeminformation's cpuTemperature() runs a shell
// (and blocks the main thread with execSync) for the same files.
import { listSys, readSysNumber, readSysText } from '../platform/sysfs-file.js';
import type { Reading, Temperature } from './system-meters.js';

/** Chips whose sensors are the CPU's: their one unlabelled or die sensor is the package. */
const CPU_CHIPS = /^(?:coretemp|k10temp|zenpower|cpu_thermal|cpu-thermal|soc_thermal)$/;
/** What a sensor says outside this range is a driver's placeholder (−273, 255, 65535), not a reading. */
const PLAUSIBLE = { min: -60, max: 200 };

export function readTemperatures(sys = '/sys'): Reading<Temperature[]> {
  const found = [...hwmonTemperatures(sys)];
  if (found.length === 0) found.push(...thermalZoneTemperatures(sys));
  if (found.length > 0) return { value: found };
  return { missing: 'no temperature sensor in /sys/class/hwmon or /sys/class/thermal (virtual machines have none)' };
}

function hwmonTemperatures(sys: string): Temperature[] {
  const base = `${sys}/class/hwmon`;
  const out: Temperature[] = [];
  for (const chip of listSys(base, /^hwmon\d+$/)) {
    const dir = `${base}/${chip}`;
    const name = readSysText(`${dir}/name`) ?? chip;
    for (const input of listSys(dir, /^temp\d+_input$/)) {
      const millis = readSysNumber(`${dir}/${input}`);
      const celsius = millis === null ? Number.NaN : millis / 1000;
      if (!(celsius >= PLAUSIBLE.min && celsius <= PLAUSIBLE.max)) continue;
      const n = input.slice(4, -6);
      const label = readSysText(`${dir}/temp${n}_label`) || `${name} temp${n}`;
      out.push({ label, celsius, kind: kindOf(name, label) });
    }
  }
  return out;
}

function thermalZoneTemperatures(sys: string): Temperature[] {
  const base = `${sys}/class/thermal`;
  const out: Temperature[] = [];
  for (const zone of listSys(base, /^thermal_zone\d+$/)) {
    const millis = readSysNumber(`${base}/${zone}/temp`);
    const celsius = millis === null ? Number.NaN : millis / 1000;
    if (!(celsius >= PLAUSIBLE.min && celsius <= PLAUSIBLE.max)) continue;
    const type = readSysText(`${base}/${zone}/type`) || zone;
    out.push({ label: type, celsius, kind: /cpu|x86_pkg_temp|soc/i.test(type) ? 'package' : 'other' });
  }
  return out;
}

export function kindOf(chip: string, label: string): Temperature['kind'] {
  if (/^core\s*\d+/i.test(label)) return 'core';
  if (/package|physical|tctl|tdie|cpu/i.test(label)) return 'package';
  return CPU_CHIPS.test(chip) ? 'package' : 'other';
}
