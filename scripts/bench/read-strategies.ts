// Ways to read the process table from /proc, measured side by side: the synchronous
// reads pooltop uses (open/read/close into one reused buffer), fs.readFileSync per file, async
// fs.promises reads batched per slice, and the synchronous reads moved to a worker thread. For
// each: wall time per table, CPU of all threads, and the main thread's busy time — what keeps a
// key press waiting.
import { readdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';
import { parseProcStat } from '../../src/platform/parse-proc.js';
import { settings, samples } from './lib/bench-settings.js';
import { fixed, formatTable } from './lib/format-table.js';
import { startIdleProcesses } from './lib/idle-processes.js';
import { median } from './lib/median.js';
import { countProcesses } from './lib/proc-stat.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Strategy {
  name: string;
  read(): Promise<number>;
  close?(): Promise<void>;
}

function pids(): string[] {
  return readdirSync('/proc').filter((name) => name.charCodeAt(0) >= 48 && name.charCodeAt(0) <= 57);
}

function strategies(): Strategy[] {
  const sampler = new ProcfsSampler();
  const sync: Strategy = { name: 'sync, reused buffer (pooltop)', read: async () => sampler.readProcesses().processes.length };
  const readFile: Strategy = {
    name: 'fs.readFileSync per file',
    read: async () => {
      let n = 0;
      for (const pid of pids()) {
        try {
          if (parseProcStat(readFileSync(`/proc/${pid}/stat`, 'latin1'))) n++;
        } catch {
          // Gone between readdir and read.
        }
      }
      return n;
    },
  };
  const asyncBatched: Strategy = {
    name: 'fs.promises, 100 at a time',
    read: async () => {
      const list = pids();
      let n = 0;
      for (let i = 0; i < list.length; i += 100) {
        const results = await Promise.all(
          list.slice(i, i + 100).map(async (pid) => {
            try {
              const handle = await open(`/proc/${pid}/stat`, 'r');
              try {
                const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(1024) });
                return parseProcStat(buffer.toString('latin1', 0, bytesRead)) ? 1 : 0;
              } finally {
                await handle.close();
              }
            } catch {
              return 0;
            }
          }),
        );
        for (const r of results) n += r;
      }
      return n;
    },
  };
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     import(${JSON.stringify(join(ROOT, 'dist', 'sampling', 'procfs-sampler.js'))}).then(({ ProcfsSampler }) => {
       const sampler = new ProcfsSampler();
       parentPort.on('message', () => parentPort.postMessage(sampler.readProcesses().processes));
       parentPort.postMessage('ready');
     });`,
    { eval: true },
  );
  const ready = new Promise<void>((resolve) => worker.once('message', () => resolve()));
  const inWorker: Strategy = {
    name: 'sync, in a worker thread',
    read: async () => {
      await ready;
      return new Promise<number>((resolve) => {
        worker.once('message', (processes: unknown[]) => resolve(processes.length));
        worker.postMessage('sample');
      });
    },
    close: async () => {
      await worker.terminate();
    },
  };
  return [sync, readFile, asyncBatched, inWorker];
}

async function measure(strategy: Strategy, count: number): Promise<string[]> {
  for (let i = 0; i < 3; i++) await strategy.read();
  const walls: number[] = [];
  const cpus: number[] = [];
  const busy: number[] = [];
  let seen = 0;
  for (let i = 0; i < count; i++) {
    const cpu = process.cpuUsage();
    const elu = performance.eventLoopUtilization();
    const start = performance.now();
    seen = await strategy.read();
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const loop = performance.eventLoopUtilization(elu);
    walls.push(wall);
    cpus.push((used.user + used.system) / 1000);
    // The main thread's active time while the table was read.
    busy.push(loop.active);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return [strategy.name, String(seen), fixed(median(walls), 2), fixed(median(cpus), 2), fixed(median(busy), 2)];
}

export default async function bench(print: (line: string) => void): Promise<void> {
  print('wall = elapsed per table; CPU = all threads (process.cpuUsage); main busy = the main');
  print("thread's active time meanwhile (eventLoopUtilization): how long a key could wait. Medians.");
  const rows: string[][] = [];
  const run = async (label: string): Promise<void> => {
    for (const strategy of strategies()) {
      try {
        rows.push([label, ...(await measure(strategy, samples(20)))]);
      } finally {
        await strategy.close?.();
      }
    }
  };
  await run(`machine (${countProcesses()})`);
  if (settings.idle > 0) {
    const idle = await startIdleProcesses(settings.idle);
    try {
      await run(`+${settings.idle} idle (${countProcesses()})`);
    } finally {
      await idle.stop();
    }
  }
  for (const line of formatTable(['processes', 'strategy', 'seen', 'wall ms', 'CPU ms', 'main busy ms'], rows)) print(line);
}
