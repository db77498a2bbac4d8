// Batteries from /sys/class/power_supply (the kernel's power-supply class): charge, state and the
// time left, from energy (µWh, µW) or charge (µAh, µA) counters, whichever the driver gives.
import { listSys, readSysNumber, readSysText } from '../platform/sysfs-file.js';
import type { Battery, Reading } from './system-meters.js';

const STATES: Record<string, Battery['state']> = {
  charging: 'charging',
  discharging: 'discharging',
  full: 'full',
  'not charging': 'not charging',
};

export function readBatteries(sys = '/sys'): Reading<Battery[]> {
  const base = `${sys}/class/power_supply`;
  const out: Battery[] = [];
  for (const name of listSys(base, /^[^.]/)) {
    const dir = `${base}/${name}`;
    // A wireless mouse's battery is a power supply too, scoped to its device: not the machine's.
    if (readSysText(`${dir}/type`) !== 'Battery' || readSysText(`${dir}/scope`) === 'Device') continue;
    const state = STATES[(readSysText(`${dir}/status`) ?? '').toLowerCase()] ?? 'unknown';
    const percent = readSysNumber(`${dir}/capacity`) ?? percentOf(dir);
    if (percent === null) continue;
    out.push({ name, percent: Math.min(100, Math.max(0, percent)), state, secondsLeft: secondsLeft(dir, state) });
  }
  if (out.length > 0) return { value: out };
  return { missing: 'no battery in /sys/class/power_supply' };
}

/** Charge from now ÷ full, for drivers without `capacity`. */
function percentOf(dir: string): number | null {
  const now = readSysNumber(`${dir}/energy_now`) ?? readSysNumber(`${dir}/charge_now`);
  const full = readSysNumber(`${dir}/energy_full`) ?? readSysNumber(`${dir}/charge_full`);
  return now !== null && full !== null && full > 0 ? (100 * now) / full : null;
}

/** Hours are the stored energy over the power (or charge over the current); null without a draw. */
function secondsLeft(dir: string, state: Battery['state']): number | null {
  if (state !== 'charging' && state !== 'discharging') return null;
  const energy = readSysNumber(`${dir}/energy_now`);
  const power = readSysNumber(`${dir}/power_now`);
  const full = readSysNumber(`${dir}/energy_full`);
  if (energy !== null && power !== null && power > 0) {
    const hours = state === 'discharging' ? energy / power : full !== null ? Math.max(0, full - energy) / power : null;
    return hours === null ? null : Math.round(hours * 3600);
  }
  const charge = readSysNumber(`${dir}/charge_now`);
  const current = readSysNumber(`${dir}/current_now`);
  const chargeFull = readSysNumber(`${dir}/charge_full`);
  if (charge !== null && current !== null && current > 0) {
    const hours = state === 'discharging' ? charge / current : chargeFull !== null ? Math.max(0, chargeFull - charge) / current : null;
    return hours === null ? null : Math.round(hours * 3600);
  }
  return null;
}
