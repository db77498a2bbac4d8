// The portable fallback: ps-list runs `ps` (or fastlist on Windows). It knows no state, threads,
// memory sizes or cumulative CPU time, so those columns stay empty.
import psList from 'ps-list';
import { countTasks } from './count-tasks.js';
import { createSystemFactsReader } from './system-facts.js';
import type { ProcessInfo, Sample, Sampler, SourceCapabilities } from './types.js';
import { UserNames } from './user-names.js';

export class PsListSampler implements Sampler {
  readonly source = 'ps-list' as const;
  /** ps lstart: whole seconds, floored; CPU% as ps reports it. */
  readonly capabilities: SourceCapabilities = { startTimePrecisionMs: 1000, cpuTime: false };
  private readonly users = new UserNames();
  private readonly facts = createSystemFactsReader();

  async sample(): Promise<Sample> {
    const [facts, list] = await Promise.all([this.facts.read(), psList()]);
    const time = Date.now();
    const processes = list.map((p): ProcessInfo => {
      const uid = p.uid ?? -1;
      return {
        pid: p.pid,
        ppid: p.ppid,
        uid,
        user: this.users.name(uid),
        state: '?',
        priority: 0,
        nice: 0,
        threads: 1,
        vsz: 0,
        rss: Math.round(((p.memory ?? 0) / 100) * facts.memory.total),
        startTime: p.startTime ? p.startTime.getTime() : 0,
        cpuTime: -1,
        sourceCpu: p.cpu ?? 0,
        processor: -1,
        name: p.name,
        command: p.cmd || `[${p.name}]`,
        kernelThread: false,
      };
    });
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
