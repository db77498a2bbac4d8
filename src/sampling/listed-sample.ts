// A sample from a source that lists processes whole (ps-list, systeminformation): its list, the
// system's facts and the task counts, under the source's name and capabilities.
import { countTasks } from './count-tasks.js';
import type { SystemFacts } from './system-facts.js';
import type { ProcessInfo, Sample, Sampler } from './types.js';

export function listedSample(source: Pick<Sampler, 'source' | 'capabilities'>, time: number, facts: SystemFacts, processes: ProcessInfo[]): Sample {
  return {
    time,
    monotonic: performance.now(),
    ...facts,
    tasks: countTasks(processes),
    processes,
    // Nothing is left unread: the list is whatever the tool printed.
    unreadable: 0,
    source: source.source,
    capabilities: source.capabilities,
  };
}
