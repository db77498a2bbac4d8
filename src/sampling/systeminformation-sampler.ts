// The process table from systeminformation's si.processes(): it runs `ps` and reads /proc on
// every call (many times the procfs sampler's CPU: docs/performance.md), so it is a choice, never the default.
// What it gives is converted to pooltop's scales; what it does not give (threads, CPU time, the
// core, SHR, the state of idle kernel threads) is unknown, not made up.
import { readdirSync } from 'node:fs';
import os from 'node:os';
import si from 'systeminformation';
import { isKernelThread } from './kernel-thread.js';
import { listedSample } from './listed-sample.js';
import { SOURCE_FIELDS } from './source-fields.js';
import { SysteminformationFacts } from './system-facts.js';
import type { ProcessInfo, Sample, Sampler, SourceCapabilities } from './types.js';

/** si's words for ps's state letters; it calls everything else (I, t, P…) "unknown". */
const STATES: Record<string, string> = {
  running: 'R',
  sleeping: 'S',
  blocked: 'D',
  stopped: 'T',
  zombie: 'Z',
  paging: 'W',
  dead: 'X',
};

/** The kernel's limit on one argument of a new program: 32 pages of 4 KiB. */
const MAX_ARG_STRLEN = 32 * 4096;

/** ps's `pri` counts up from 39 − the kernel's priority (stat field 18, what htop's PRI shows). */
const PS_PRI_BASE = 39;

export class SysteminformationSampler implements Sampler {
  readonly source = 'systeminformation' as const;
  /** now − etime, in whole seconds (it drifts by one between samples); si's own CPU%. */
  readonly capabilities: SourceCapabilities = {
    startTimePrecisionMs: 1000,
    cpuTime: false,
    fields: SOURCE_FIELDS.systeminformation,
  };
  /** This source is systeminformation throughout: its meters too. */
  private readonly facts = new SysteminformationFacts();
  private sampled = false;

  async sample(): Promise<Sample> {
    refuseWhatSiCannotList();
    const [facts, data] = await Promise.all([this.facts.read(), si.processes()]);
    const time = Date.now();
    // si's first CPU% is since boot, not since a previous reading: unknown, as anyone's first is.
    const cores = this.sampled ? Math.max(1, facts.cpus.length || os.cpus().length) : Number.NaN;
    this.sampled = true;
    const processes = data.list.map((p) => toProcessInfo(p, cores));
    return listedSample(this, time, facts, processes);
  }

  close(): void {}
}

/**
 * On Linux si.processes() reads each process's CPU through one shell command, `…;cat
 * /proc/PID/stat` for every PID; past ~6,000 processes that one argument is longer than the kernel
 * takes (MAX_ARG_STRLEN, 32 pages), and the spawn's E2BIG is thrown inside si's callback, where no
 * caller can catch it: the program would end with a stack trace. So it is refused here first.
 */
function refuseWhatSiCannotList(): void {
  if (process.platform !== 'linux') return;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return;
  }
  const refusal = siListingRefusal(pids);
  if (refusal) throw new Error(refusal);
}

/** Why si cannot list processes with these PIDs (its one command would be too long), or null. */
export function siListingRefusal(pids: readonly string[]): string | null {
  const length = pids.reduce((sum, pid) => sum + ';cat /proc//stat'.length + pid.length, 'cat /proc/stat | grep "cpu "'.length);
  // Processes start while si lists them: a margin of an eighth.
  if (length * 1.125 <= MAX_ARG_STRLEN) return null;
  return `systeminformation cannot list ${pids.length} processes: it reads them in one shell command of ${Math.round(length / 1024)} KiB, and the kernel takes ${MAX_ARG_STRLEN / 1024} KiB (use --source procfs)`;
}

/** `cores` turns si's CPU% (100 = every core busy) into pooltop's (100 = one core); NaN: unknown. */
function toProcessInfo(p: si.Systeminformation.ProcessesProcessData, cores: number): ProcessInfo {
  const started = Date.parse(p.started?.replace(' ', 'T') ?? '');
  const kernelThread = isKernelThread(p.pid, p.parentPid);
  const state = STATES[p.state] ?? '';
  const unknown = Number.NaN;
  return {
    pid: p.pid,
    ppid: p.parentPid,
    uid: -1,
    user: p.user,
    state,
    priority: Number.isFinite(p.priority) ? PS_PRI_BASE - p.priority : unknown,
    nice: p.nice,
    threads: unknown,
    vsz: p.memVsz * 1024,
    rss: p.memRss * 1024,
    shared: unknown,
    startTime: Number.isFinite(started) ? started : 0,
    cpuTime: -1,
    sourceCpu: p.cpu * cores,
    processor: -1,
    name: p.name,
    command: commandLine(p, kernelThread || state === 'Z'),
    kernelThread,
  };
}

/**
 * si splits ps's command line into path, command and parameters and drops the brackets of
 * kernel threads and zombies: put back together as ps shows it. (A command with a ':' in its
 * first word, like "sshd: user@pts/0", comes back without its parameters: si keeps none.)
 */
function commandLine(p: si.Systeminformation.ProcessesProcessData, bracketed: boolean): string {
  if (bracketed || (!p.command && p.name)) return `[${p.command || p.name}]`;
  const program = p.path ? `${p.path}/${p.command}` : p.command;
  return p.params ? `${program} ${p.params}` : program;
}
