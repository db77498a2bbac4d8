// Pure parsers for the per-process /proc files read only while a column needs them: io,
// status's context switches, oom_score, wchan and cgroup (statm, read always, is parse-proc's).

/** read_bytes and write_bytes of /proc/PID/io: what reached storage, as htop's DISK READ / WRITE. */
export function parseIoBytes(text: string): { read: number; write: number } {
  return { read: fieldOf(text, 'read_bytes:'), write: fieldOf(text, 'write_bytes:') };
}

/** voluntary_ctxt_switches + nonvoluntary_ctxt_switches of /proc/PID/status, or -1. */
export function parseContextSwitches(text: string): number {
  const voluntary = fieldOf(text, 'voluntary_ctxt_switches:');
  const involuntary = fieldOf(text, 'nonvoluntary_ctxt_switches:');
  return voluntary < 0 || involuntary < 0 ? -1 : voluntary + involuntary;
}

/** A file holding one integer (oom_score), or -1. */
export function parseInteger(text: string): number {
  const n = Number(text.trim());
  return Number.isInteger(n) ? n : -1;
}

/** wchan: the function's name, '' when it is not sleeping ("0"), as ps prints "-". */
export function parseWchan(text: string): string {
  const name = text.trim();
  return name === '0' ? '' : name;
}

/** /proc/PID/cgroup's lines joined by ';', as `ps -o cgroup` writes them. */
export function parseCgroup(text: string): string {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .join(';');
}

/** The number after `name` at the start of a line of `text`, or -1. */
function fieldOf(text: string, name: string): number {
  const at = text.startsWith(name) ? 0 : text.indexOf(`\n${name}`) + 1;
  if (at <= 0 && !text.startsWith(name)) return -1;
  const n = Number.parseInt(text.slice(at + name.length).trimStart(), 10);
  return Number.isInteger(n) && n >= 0 ? n : -1;
}
