// A process's memory as /proc/<pid>/status reports it, and the summed RSS of its descendants (a
// pool's workers): what the soak samples to see whether pooltop grows over a long run.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessMemory {
  /** VmRSS: resident now, bytes. */
  rss: number;
  /** VmHWM: the peak resident size so far, bytes. */
  hwm: number;
  /** RssAnon: resident anonymous memory — the JavaScript heap and malloc'd memory, without code and files. */
  anon: number;
  /** VmData: data + heap + anonymous mappings reserved (resident or not), bytes. */
  data: number;
  /** Threads of the process. */
  threads: number;
}

function statusFields(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
}

/** The figures, or null once the process is gone. */
export function readProcessMemory(pid: number): ProcessMemory | null {
  const status = statusFields(pid);
  if (status === null) return null;
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  const threads = Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM'), anon: kb('RssAnon'), data: kb('VmData'), threads };
}

/** PPID of each process in /proc (one scan: cheaper than walking per parent). */
function parentsNow(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return parents;
}

/** Every descendant of `pid` with its VmRSS: for pooltop, its pool workers. */
export function descendantsMemory(pid: number): { count: number; rss: number } {
  const parents = parentsNow();
  const children = new Map<number, number[]>();
  for (const [child, parent] of parents) children.set(parent, [...(children.get(parent) ?? []), child]);
  let count = 0;
  let rss = 0;
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    queue.push(...(children.get(next) ?? []));
    const memory = readProcessMemory(next);
    if (!memory) continue;
    count++;
    rss += Number.isFinite(memory.rss) ? memory.rss : 0;
  }
  return { count, rss };
}
