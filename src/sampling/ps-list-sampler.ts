// The portable fallback: ps-list runs `ps` (or fastlist on Windows). It gives the PID, parent,
// effective UID, ps's %MEM, start time and command line, and nothing else pooltop shows: no
// state, priority, nice, threads, sizes, core or CPU time. Its %CPU is ps's lifetime average
// (CPU time ÷ time since start), not use over the last interval, so CPU% is unknown too.
import psList from 'ps-list';
import { isKernelThread } from './kernel-thread.js';
import { listedSample } from './listed-sample.js';
import { SOURCE_FIELDS } from './source-fields.js';
import { createSystemFactsReader } from './system-facts.js';
import type { ProcessInfo, Sample, Sampler, SourceCapabilities } from './types.js';
import { UserNames } from './user-names.js';

/** ps's lstart ("Tue Dec  1 11:53:04 2026"): what ps-list takes for the name when ps printed no name after it. */
const LSTART = /^\w{3}\s+\w{3}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+\d{4}$/;

export class PsListSampler implements Sampler {
  readonly source = 'ps-list' as const;
  /** ps lstart: whole seconds, floored. */
  readonly capabilities: SourceCapabilities = { startTimePrecisionMs: 1000, cpuTime: false, fields: SOURCE_FIELDS['ps-list'] };
  private readonly users = new UserNames();
  private readonly facts = createSystemFactsReader();

  async sample(): Promise<Sample> {
    const [facts, list] = await Promise.all([this.facts.read(), psList()]);
    const time = Date.now();
    const processes = list.map((p): ProcessInfo => {
      const uid = p.uid ?? -1;
      // A process with an empty name (a zombie may have one) leaves ps-list its start time as the name.
      const nameless = p.startTime === undefined && LSTART.test(p.name);
      const started = nameless ? new Date(p.name) : p.startTime;
      const name = nameless ? '' : p.name;
      const unknown = Number.NaN;
      return {
        pid: p.pid,
        ppid: p.ppid,
        uid,
        user: this.users.name(uid),
        state: '',
        priority: unknown,
        nice: unknown,
        threads: unknown,
        vsz: unknown,
        rss: unknown,
        shared: unknown,
        sourceMem: p.memory ?? unknown,
        startTime: started && Number.isFinite(started.getTime()) ? started.getTime() : 0,
        cpuTime: -1,
        processor: -1,
        name,
        // ps shows a zombie as "[name] <defunct>"; the other sources show "[name]".
        command: (p.cmd ?? '').replace(/ <defunct>$/, '') || `[${name}]`,
        kernelThread: isKernelThread(p.pid, p.ppid),
      };
    });
    return listedSample(this, time, facts, processes);
  }

  close(): void {}
}
