// What sets a thread's row apart from its process's: the text its command cell shows, and samples
// without thread rows for what counts processes (the exporter).
import type { Sample } from '../sampling/types.js';

/** The command cell's text: a thread's own name when asked (htop's "Show custom thread names"), else the command line. */
export function shownCommand(row: { command: string; name: string; threadOf?: number | undefined }, showThreadNames: boolean): string {
  return showThreadNames && row.threadOf !== undefined ? row.name : row.command;
}

/** `sample` with its processes' rows only (the same object when it has no thread rows). */
export function processesOnly(sample: Sample): Sample {
  if (!sample.processes.some((p) => p.threadOf !== undefined)) return sample;
  return { ...sample, processes: sample.processes.filter((p) => p.threadOf === undefined) };
}
