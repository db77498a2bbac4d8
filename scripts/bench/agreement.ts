// Each source's figures against ps, field by field: how many processes agree, how many the source
// says it does not know, and the worst disagreement. POOLTOP_AGREEMENT_BIN runs another build
// (an older checkout, to measure before and after a change).
import { execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './lib/cleanup.js';
import { formatTable } from './lib/format-table.js';
import { compare, readPs } from './lib/ps-agreement.js';

const BIN = process.env.POOLTOP_AGREEMENT_BIN ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pooltop');
const SOURCES = ['procfs', 'systeminformation', 'ps-list'] as const;

/** A few processes with values worth checking beside the machine's own: a nice, another effective user, threads. */
function startKnownProcesses(): number[] {
  const commands: string[][] = [
    ['nice', '-n', '7', 'sleep', '600'],
    ['setpriv', '--euid', '65534', 'sleep', '600'],
    [
      process.execPath,
      '-e',
      'const { Worker } = require("node:worker_threads"); new Worker("setInterval(() => {}, 1000)", { eval: true }); setInterval(() => {}, 1000)',
    ],
  ];
  const pids: number[] = [];
  for (const [command, ...args] of commands) {
    const child = spawn(command!, args, { stdio: 'ignore' });
    if (child.pid === undefined) continue;
    const pid = child.pid;
    pids.push(pid);
    onCleanup(() => {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL');
    });
  }
  return pids;
}

export default async function bench(print: (line: string) => void): Promise<void> {
  const known = startKnownProcesses();
  await new Promise((resolve) => setTimeout(resolve, 500));
  print(`pooltop: ${BIN}; ${known.length} processes started with known nice, effective user and threads.`);
  print('A field is judged where ps read the same value just before and just after the snapshot;');
  print('SHR against /proc/[pid]/statm (ps has no SHR). agree/judged, unknown = the source says it does not know.');
  for (const source of SOURCES) {
    const before = readPs();
    const text = execFileSync(BIN, ['snapshot', '--json', '--source', source], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const after = readPs();
    const json = JSON.parse(text) as { processes: Record<string, unknown>[] };
    // ps itself and pooltop's own processes change while they are being read.
    const skip = new Set<number>(
      [...before.keys(), ...after.keys()].filter((pid) => {
        const row = before.get(pid) ?? after.get(pid);
        return row !== undefined && /(^|\/)(ps|pooltop|node) /.test(`${row.command} `) && !known.includes(pid);
      }),
    );
    const rows = compare(json, before, after, skip).map((r) => [r.field, `${r.agree}/${r.compared}`, String(r.unknown), r.worst]);
    print('');
    print(`--source ${source}: ${json.processes.length} processes`);
    for (const line of formatTable(['field', 'agree', 'unknown', 'worst error'], rows)) print(`  ${line}`);
  }
}
