// The facts a reader needs to judge the figures: cores, CPU model, memory, Node, load, process count.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { countProcesses } from './proc-stat.js';

export function machineFacts(): string[] {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown';
  const [l1, l5, l15] = os.loadavg().map((load) => load.toFixed(2));
  return [
    `machine:   ${cpus.length} cores (${model}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${kernel()}`,
    `node:      ${process.version} (${process.arch})`,
    `processes: ${countProcesses()} in /proc now; load average ${l1} ${l5} ${l15}`,
  ];
}

function kernel(): string {
  try {
    return `Linux ${readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim()}`;
  } catch {
    return `${os.type()} ${os.release()}`;
  }
}
