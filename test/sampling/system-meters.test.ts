import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readBatteries } from '../../src/sampling/battery-files.js';
import { parseCpuinfoMhz, readCpuFrequencies } from '../../src/sampling/cpu-frequency-files.js';
import { gpusFromGraphics, hasCommand, readGpus } from '../../src/sampling/gpu-reader.js';
import { readAllMeters, systemMeterSources } from '../../src/sampling/system-meter-sources.js';
import { NO_METERS, withReading } from '../../src/sampling/system-meters.js';
import { kindOf, readTemperatures } from '../../src/sampling/temperature-files.js';

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A folder tree of `files` (path → contents) in a fresh temporary folder: a machine's /sys or /proc. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pooltop-sys-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), `${text}\n`);
  }
  return root;
}

/** A laptop's sysfs: coretemp and an NVMe drive, a battery discharging, a mouse's battery, cpufreq, an AMD GPU. */
const LAPTOP = {
  'class/hwmon/hwmon0/name': 'coretemp',
  'class/hwmon/hwmon0/temp1_input': '61000',
  'class/hwmon/hwmon0/temp1_label': 'Package id 0',
  'class/hwmon/hwmon0/temp2_input': '58000',
  'class/hwmon/hwmon0/temp2_label': 'Core 0',
  'class/hwmon/hwmon0/temp3_input': '255000',
  'class/hwmon/hwmon2/name': 'nvme',
  'class/hwmon/hwmon2/temp1_input': '41850',
  'class/hwmon/hwmon2/temp1_label': 'Composite',
  'class/power_supply/AC/type': 'Mains',
  'class/power_supply/AC/online': '0',
  'class/power_supply/BAT0/type': 'Battery',
  'class/power_supply/BAT0/status': 'Discharging',
  'class/power_supply/BAT0/capacity': '87',
  'class/power_supply/BAT0/energy_now': '40000000',
  'class/power_supply/BAT0/energy_full': '50000000',
  'class/power_supply/BAT0/power_now': '10000000',
  'class/power_supply/hidpp_battery_0/type': 'Battery',
  'class/power_supply/hidpp_battery_0/scope': 'Device',
  'class/power_supply/hidpp_battery_0/capacity': '5',
  'devices/system/cpu/cpu0/cpufreq/scaling_cur_freq': '3400000',
  'devices/system/cpu/cpu1/cpufreq/scaling_cur_freq': '800000',
  'class/drm/card0/device/gpu_busy_percent': '37',
  'class/drm/card0/device/mem_info_vram_used': '1073741824',
  'class/drm/card0/device/mem_info_vram_total': '8589934592',
  'class/drm/card0/device/hwmon/hwmon5/temp1_input': '52000',
};

describe('system meters from sysfs', () => {
  it('reads a laptop: temperatures with their kinds, placeholders left out', () => {
    const temps = readTemperatures(tree(LAPTOP));
    assert.deepEqual(temps, {
      value: [
        { label: 'Package id 0', celsius: 61, kind: 'package' },
        { label: 'Core 0', celsius: 58, kind: 'core' },
        { label: 'Composite', celsius: 41.85, kind: 'other' },
      ],
    });
  });

  it('reads the thermal zones when there is no hwmon chip', () => {
    const root = tree({
      'class/thermal/thermal_zone0/type': 'x86_pkg_temp',
      'class/thermal/thermal_zone0/temp': '47000',
      'class/thermal/thermal_zone1/type': 'acpitz',
      'class/thermal/thermal_zone1/temp': '-274000',
    });
    assert.deepEqual(readTemperatures(root), { value: [{ label: 'x86_pkg_temp', celsius: 47, kind: 'package' }] });
  });

  it("reads the machine's battery (not the mouse's), its state and time left", () => {
    assert.deepEqual(readBatteries(tree(LAPTOP)), { value: [{ name: 'BAT0', percent: 87, state: 'discharging', secondsLeft: 4 * 3600 }] });
    const charging = tree({
      'class/power_supply/BAT1/type': 'Battery',
      'class/power_supply/BAT1/status': 'Charging',
      'class/power_supply/BAT1/charge_now': '1000000',
      'class/power_supply/BAT1/charge_full': '4000000',
      'class/power_supply/BAT1/current_now': '1500000',
    });
    assert.deepEqual(readBatteries(charging), { value: [{ name: 'BAT1', percent: 25, state: 'charging', secondsLeft: 2 * 3600 }] });
  });

  it('reads cpufreq per core, else "cpu MHz" from cpuinfo', () => {
    assert.deepEqual(readCpuFrequencies(tree(LAPTOP), tree({})), { value: { mhz: [3400, 800], source: 'cpufreq' } });
    const proc = tree({ cpuinfo: 'processor\t: 0\ncpu MHz\t\t: 2300.000\n\nprocessor\t: 1\ncpu MHz\t\t: 2299.998\n' });
    assert.deepEqual(readCpuFrequencies(tree({}), proc), { value: { mhz: [2300, 2299.998], source: 'cpuinfo' } });
    assert.deepEqual(parseCpuinfoMhz('cpu MHz : nonsense\ncpu MHz : 0\n'), []);
  });

  it("reads an AMD GPU's load, memory and temperature without a process", async () => {
    const gpus = await readGpus(tree(LAPTOP), '');
    assert.deepEqual(gpus, { value: [{ name: 'card0 (amdgpu)', utilization: 37, memoryUsedBytes: 1024 ** 3, memoryTotalBytes: 8 * 1024 ** 3, celsius: 52 }] });
  });

  it('says why, for each meter a virtual machine has no files for', async () => {
    const empty = tree({});
    const meters = (await readAllMeters(systemMeterSources({ sys: empty, proc: empty, path: '' }))).reduce(
      (m, { name, reading }) => withReading(m, name, reading),
      NO_METERS,
    );
    assert.deepEqual(Object.keys(meters.missing).sort(), ['battery', 'cpuFrequency', 'gpus', 'temperatures']);
    assert.match(meters.missing.temperatures ?? '', /no temperature sensor in \/sys\/class\/hwmon/);
    assert.match(meters.missing.battery ?? '', /no battery/);
    assert.match(meters.missing.gpus ?? '', /nvidia-smi/);
    assert.equal(meters.temperatures, undefined);
  });

  it('a reading replaces a reason, and a reason a reading', () => {
    let meters = withReading(NO_METERS, 'battery', { missing: 'none' });
    meters = withReading(meters, 'battery', { value: [{ name: 'BAT0', percent: 50, state: 'full', secondsLeft: null }] });
    assert.deepEqual(meters.missing, {});
    assert.equal(meters.battery?.length, 1);
    meters = withReading(meters, 'battery', { missing: 'removed' });
    assert.equal(meters.battery, undefined);
    assert.equal(meters.missing.battery, 'removed');
  });

  it('keeps the same object for a reading or a reason as the last, so what shows it does not draw again', () => {
    const frequency = { value: { mhz: [2300, 2300], source: 'cpuinfo' as const } };
    const first = withReading(NO_METERS, 'cpuFrequency', frequency);
    assert.equal(withReading(first, 'cpuFrequency', { value: { mhz: [2300, 2300], source: 'cpuinfo' } }), first);
    assert.notEqual(withReading(first, 'cpuFrequency', { value: { mhz: [2300, 2400], source: 'cpuinfo' } }), first);
    const missing = withReading(first, 'battery', { missing: 'no battery' });
    assert.equal(withReading(missing, 'battery', { missing: 'no battery' }), missing);
    assert.notEqual(withReading(missing, 'battery', { missing: 'another reason' }), missing);
  });

  it('names sensor kinds from their labels and chips', () => {
    assert.equal(kindOf('k10temp', 'Tctl'), 'package');
    assert.equal(kindOf('coretemp', 'Core 3'), 'core');
    assert.equal(kindOf('k10temp', 'k10temp temp1'), 'package');
    assert.equal(kindOf('acpitz', 'acpitz temp1'), 'other');
  });
});

describe('GPUs through systeminformation (nvidia-smi)', () => {
  it('keeps the controllers that report a load, sizes from MiB', () => {
    const gpus = gpusFromGraphics({
      controllers: [
        {
          vendor: 'NVIDIA Corporation',
          model: 'GeForce RTX 3060',
          name: 'NVIDIA GeForce RTX 3060',
          bus: 'PCI',
          vram: 12288,
          vramDynamic: false,
          utilizationGpu: 12,
          memoryUsed: 1024,
          memoryTotal: 12288,
          temperatureGpu: 48,
        },
        { vendor: 'Intel Corporation', model: 'UHD Graphics 630', bus: 'Onboard', vram: null, vramDynamic: true },
      ],
    });
    assert.deepEqual(gpus, [{ name: 'NVIDIA GeForce RTX 3060', utilization: 12, memoryUsedBytes: 1024 ** 3, memoryTotalBytes: 12 * 1024 ** 3, celsius: 48 }]);
    assert.deepEqual(gpusFromGraphics({ controllers: [] }), []);
  });

  it('looks nvidia-smi up on PATH only', () => {
    const bin = tree({ 'nvidia-smi': '#!/bin/sh' });
    assert.equal(hasCommand('nvidia-smi', ''), false);
    assert.equal(hasCommand('nvidia-smi', bin), false, 'not executable');
  });
});
