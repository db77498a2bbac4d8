// The system meters' sources: each systeminformation call they could use, and pooltop's own reads
// of the same kernel files, timed per call (wall, CPU, children's CPU, processes spawned).
import childProcess from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import si from 'systeminformation';
import { readBatteries } from '../../src/sampling/battery-files.js';
import { readCpuFrequencies } from '../../src/sampling/cpu-frequency-files.js';
import { readHostCounters } from '../../src/sampling/host-counters.js';
import { readTemperatures } from '../../src/sampling/temperature-files.js';
import { fixed, formatTable } from './lib/format-table.js';
import { median } from './lib/median.js';
import { readCpu } from './lib/proc-stat.js';
import { readFileSync } from 'node:fs';

let spawned = 0;
// Count what the calls start: systeminformation runs commands through these three.
for (const name of ['exec', 'execSync', 'spawn', 'execFile'] as const) {
  const original = childProcess[name] as (...args: unknown[]) => unknown;
  (childProcess as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
    spawned++;
    return original.apply(childProcess, args);
  };
}

interface Row {
  what: string;
  wallMs: number;
  cpuMs: number;
  childMs: number;
  spawns: number;
}

async function time(what: string, count: number, run: () => unknown): Promise<Row> {
  await run();
  const walls: number[] = [];
  const cpus: number[] = [];
  const children = readCpu(process.pid)?.childrenMs ?? 0;
  const spawnedBefore = spawned;
  for (let i = 0; i < count; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await run();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
    // Past systeminformation's own caches, as a slower cadence would be.
    await sleep(250);
  }
  return {
    what,
    wallMs: median(walls),
    cpuMs: median(cpus),
    childMs: ((readCpu(process.pid)?.childrenMs ?? 0) - children) / count,
    spawns: (spawned - spawnedBefore) / count,
  };
}

export default async function bench(print: (line: string) => void): Promise<void> {
  print('Each call 20 times, 250 ms apart. CPU = this process (median), child CPU = the commands it');
  print('waited for (mean, 10 ms ticks), spawns = processes started per call (execSync among them');
  print('holds the main thread, keys included, until the command ends).');
  const count = 20;
  const stat = readFileSync('/proc/stat', 'utf8');
  const rows = [
    await time('si.cpuCurrentSpeed()', count, () => si.cpuCurrentSpeed()),
    await time('si.cpuTemperature()', count, () => si.cpuTemperature()),
    await time('si.battery()', count, () => si.battery()),
    await time('si.graphics()', 5, () => si.graphics()),
    await time('si.disksIO()', count, () => si.disksIO()),
    await time('si.networkStats("*")', count, () => si.networkStats('*')),
    await time('pooltop: diskstats + net/dev (host counters)', count, () => readHostCounters('/proc', stat)),
    await time('pooltop: cpufreq, else /proc/cpuinfo', count, () => readCpuFrequencies()),
    await time('pooltop: hwmon + thermal zones', count, () => readTemperatures()),
    await time('pooltop: power_supply', count, () => readBatteries()),
  ];
  const table = formatTable(
    ['call', 'wall ms', 'CPU ms', 'child CPU ms', 'spawns'],
    rows.map((r) => [r.what, fixed(r.wallMs, 2), fixed(r.cpuMs, 2), fixed(r.childMs, 1), fixed(r.spawns, 1)]),
  );
  for (const line of table) print(line);
}
