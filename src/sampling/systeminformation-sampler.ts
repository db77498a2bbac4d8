// The process table from systeminformation's si.processes(): it runs `ps` and reads /proc on
// every call (many times the procfs sampler's CPU: docs/performance.md), so it is a choice,
// never the default.
import si from 'systeminformation';
import { countTasks } from './count-tasks.js';
import { SysteminformationFacts } from './system-facts.js';
import type { ProcessInfo, Sample, Sampler, SourceCapabilities } from './types.js';

const STATES: Record<string, string> = {
  running: 'R',
  sleeping: 'S',
  blocked: 'D',
  stopped: 'T',
  zombie: 'Z',
  idle: 'I',
};

export class SysteminformationSampler implements Sampler {
  readonly source = 'systeminformation' as const;
  /** now − etime, in whole seconds (it drifts by one between samples); si's own CPU%. */
  readonly capabilities: SourceCapabilities = { startTimePrecisionMs: 1000, cpuTime: false };
  /** This source is systeminformation throughout: its meters too. */
  private readonly facts = new SysteminformationFacts();

  async sample(): Promise<Sample> {
    const [facts, data] = await Promise.all([this.facts.read(), si.processes()]);
    const time = Date.now();
    const processes = data.list.map(toProcessInfo);
    return {
      time,
      monotonic: performance.now(),
      ...facts,
      tasks: countTasks(processes),
      processes,
      unreadable: 0,
      source: this.source,
      capabilities: this.capabilities,
    };
  }

  close(): void {}
}

function toProcessInfo(p: si.Systeminformation.ProcessesProcessData): ProcessInfo {
  const started = Date.parse(p.started?.replace(' ', 'T') ?? '');
  const command = [p.command, p.params].filter(Boolean).join(' ');
  return {
    pid: p.pid,
    ppid: p.parentPid,
    uid: -1,
    user: p.user || '?',
    state: STATES[p.state] ?? '?',
    priority: p.priority,
    nice: p.nice,
    threads: 1,
    vsz: p.memVsz * 1024,
    rss: p.memRss * 1024,
    startTime: Number.isFinite(started) ? started : 0,
    cpuTime: -1,
    sourceCpu: p.cpu,
    processor: -1,
    name: p.name,
    command: command || `[${p.name}]`,
    kernelThread: false,
  };
}
