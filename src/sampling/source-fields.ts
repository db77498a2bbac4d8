// What each source gives of a process: the samplers declare it from here, and `--help` and the
// README print it, so the three never disagree.
import type { ProcessField, SourceName } from './types.js';

export const SOURCE_FIELDS: Readonly<Record<SourceName, readonly ProcessField[]>> = {
  procfs: ['user', 'state', 'priority', 'nice', 'threads', 'virt', 'res', 'shr', 'cpu', 'mem', 'time', 'core', 'start', 'command'],
  // ps's columns through si: no threads, CPU time, core or SHR; the state of idle kernel threads it calls unknown.
  systeminformation: ['user', 'state', 'priority', 'nice', 'virt', 'res', 'cpu', 'mem', 'start', 'command'],
  // ps's %CPU is a lifetime average, not use over the last interval: CPU% is unknown.
  'ps-list': ['user', 'mem', 'start', 'command'],
};

/** The columns' titles, as the help lists them. */
const TITLES: Readonly<Record<ProcessField, string>> = {
  user: 'USER',
  state: 'S',
  priority: 'PRI',
  nice: 'NI',
  threads: 'threads',
  virt: 'VIRT',
  res: 'RES',
  shr: 'SHR',
  cpu: 'CPU%',
  mem: 'MEM%',
  time: 'TIME+',
  core: 'CPU',
  start: 'START',
  command: 'Command',
};

/** A source's fields in a few words: "every column", "all but SHR TIME+", "only USER MEM%". */
export function describeSourceFields(source: SourceName): string {
  const given = SOURCE_FIELDS[source];
  const missing = SOURCE_FIELDS.procfs.filter((field) => !given.includes(field));
  const list = (fields: readonly ProcessField[]) => fields.map((field) => TITLES[field]).join(' ');
  if (missing.length === 0) return 'every column';
  return missing.length <= given.length ? `all but ${list(missing)}` : `only ${list(given)}`;
}
