// One message line for the outcomes of one signal sent to several processes.
import type { SignalOutcome, SignalStatus } from './signal-outcome.js';

/** PIDs listed per kind before "…": the line must stay one line. */
const PIDS_SHOWN = 4;

const ORDER: readonly SignalStatus[] = ['sent', 'gone', 'not-permitted', 'reused', 'protected', 'invalid', 'failed'];

/**
 * "SIGSTOP: sent to 3, 1 gone (ESRCH: 4242)". A single outcome is given by its own text; an
 * empty list says so. Outcomes of different signals are named by the first one's signal.
 */
export function summarize(outcomes: readonly SignalOutcome[]): string {
  const first = outcomes[0];
  if (!first) return 'no process to signal';
  if (outcomes.length === 1) return first.text;
  return `${first.signal}: ${countOutcomes(outcomes)}`;
}

/** "sent to 3, 1 gone (ESRCH: 4242)": the outcomes counted by status, without the signal's name. */
export function countOutcomes(outcomes: readonly SignalOutcome[]): string {
  const parts: string[] = [];
  for (const status of ORDER) {
    const group = outcomes.filter((outcome) => outcome.status === status);
    if (group.length > 0) parts.push(describeGroup(status, group));
  }
  return parts.join(', ');
}

function describeGroup(status: SignalStatus, group: readonly SignalOutcome[]): string {
  const n = group.length;
  switch (status) {
    case 'sent':
      return `sent to ${n}`;
    case 'gone':
      return `${n} gone (${withErrno(group, 'ESRCH')})`;
    case 'not-permitted':
      return `${n} not permitted (${withErrno(group, 'EPERM')})`;
    case 'reused':
      return `${n} refused, PID now names another process (${pidList(group)})`;
    case 'protected':
      return `${n} refused, protected (${pidList(group)})`;
    case 'invalid':
      return `${n} refused, invalid`;
    case 'failed':
      return `${n} failed (${pidList(group)})`;
  }
}

/** "ESRCH: 4242, 4243" when every outcome in the group had that errno, else the PIDs alone. */
function withErrno(group: readonly SignalOutcome[], errno: string): string {
  const all = group.every((outcome) => outcome.errno === errno);
  return all ? `${errno}: ${pidList(group)}` : pidList(group);
}

function pidList(group: readonly SignalOutcome[]): string {
  const pids = group.map((outcome) => (outcome.pid === null ? '?' : String(outcome.pid)));
  const shown = pids.slice(0, PIDS_SHOWN).join(', ');
  return pids.length > PIDS_SHOWN ? `${shown}, …` : shown;
}
