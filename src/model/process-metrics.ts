// The chosen processes' metric families (process-selection.ts says which): CPU seconds, memory,
// threads, start time, and an info series with the command line. Every series is labelled with
// the PID, the name and the user, each made harmless to print (a name may hold escape sequences).
import type { ChosenProcesses } from './process-selection.js';
import type { ProcessRow } from './process-row.js';
import type { Labels, MetricFamily } from './metrics-exposition.js';
import { sanitizeText } from './sanitize.js';

/** Code points of a command line kept in its label: enough to tell programs apart, not 32 KB a series. */
export const COMMAND_LABEL_LIMIT = 200;

export function processFamilies({ chosen, matching }: ChosenProcesses): MetricFamily[] {
  const labels = chosen.map((r): Labels => ({ pid: String(r.pid), name: sanitizeText(r.name), user: sanitizeText(r.user) }));
  const each = (read: (r: ProcessRow) => number | null) =>
    chosen.flatMap((r, i) => {
      const value = read(r);
      // null or NaN: the source does not know it, so the series is left out.
      return value === null || Number.isNaN(value) ? [] : [{ labels: labels[i], value }];
    });
  return [
    {
      name: 'pooltop_processes_matching',
      type: 'gauge',
      help: 'Processes that pass the -p, -u and --match filters, before --top keeps the busiest.',
      samples: [{ value: matching }],
    },
    {
      name: 'pooltop_process_cpu_seconds',
      type: 'counter',
      unit: 'seconds',
      help: 'CPU time (user + system) of each chosen process.',
      samples: each((r) => (r.cpuTime < 0 ? null : r.cpuTime)),
    },
    {
      name: 'pooltop_process_resident_memory_bytes',
      type: 'gauge',
      unit: 'bytes',
      help: 'Resident memory of each chosen process.',
      samples: each((r) => r.rss),
    },
    {
      name: 'pooltop_process_virtual_memory_bytes',
      type: 'gauge',
      unit: 'bytes',
      help: 'Virtual memory size of each chosen process.',
      samples: each((r) => r.vsz),
    },
    {
      name: 'pooltop_process_threads',
      type: 'gauge',
      help: 'Threads of each chosen process.',
      samples: each((r) => r.threads),
    },
    {
      name: 'pooltop_process_start_time_seconds',
      type: 'gauge',
      unit: 'seconds',
      help: 'When each chosen process started, in seconds since the epoch.',
      samples: each((r) => (r.startTime > 0 ? r.startTime / 1000 : null)),
    },
    {
      name: 'pooltop_process',
      type: 'info',
      help: `Each chosen process's command line (its first ${COMMAND_LABEL_LIMIT} characters), made harmless to print.`,
      samples: chosen.map((r, i) => ({ labels: { ...labels[i], command: commandLabel(r.command) }, value: 1 })),
    },
  ];
}

function commandLabel(command: string): string {
  // Cut before it is made harmless, so a cut never splits a shown <U+202E> in two.
  const cut = command.length <= COMMAND_LABEL_LIMIT ? command : Array.from(command).slice(0, COMMAND_LABEL_LIMIT).join('');
  return sanitizeText(cut);
}
