// What a process does with each signal, from the masks of /proc/PID/status: whether it has a
// handler, ignores it, blocks it or has it pending — the half of the signal menu that says why
// a signal did or did not end a process.
import { constants } from 'node:os';
import { readSignalMasks, type SignalMasks } from '../platform/process-details.js';
import { SIGNALS, type DefaultAction } from './signal-table.js';

type Disposition = 'uncatchable' | 'caught' | 'ignored' | 'default';

export interface SignalDisposition {
  name: string;
  number: number;
  disposition: Disposition;
  blocked: boolean;
  pending: boolean;
  /** One sentence for the details view. */
  text: string;
  /** A word or two for the signal menu ("caught", "ignored, pending"); '' for the default. */
  short: string;
}

// signal(7)'s default actions for the signals the menu does not list.
const DEFAULTS: Readonly<Record<string, DefaultAction>> = {
  SIGILL: 'core',
  SIGTRAP: 'core',
  SIGBUS: 'core',
  SIGFPE: 'core',
  SIGSEGV: 'core',
  SIGPIPE: 'terminate',
  SIGSTKFLT: 'terminate',
  SIGCHLD: 'ignore',
  SIGTTIN: 'stop',
  SIGTTOU: 'stop',
  SIGURG: 'ignore',
  SIGXCPU: 'core',
  SIGXFSZ: 'core',
  SIGVTALRM: 'terminate',
  SIGPROF: 'terminate',
  SIGIO: 'terminate',
  SIGPWR: 'terminate',
  SIGSYS: 'core',
};

const EFFECT: Readonly<Record<DefaultAction, string>> = {
  terminate: 'ends it',
  core: 'ends it with a core dump',
  stop: 'stops it',
  continue: 'resumes it if stopped',
  ignore: 'does nothing',
};

// Aliases Node lists beside the names ps and kill -l use.
const ALIASES: ReadonlySet<string> = new Set(['SIGIOT', 'SIGPOLL', 'SIGUNUSED', 'SIGINFO', 'SIGLOST']);

/** This platform's signals 1–31, one name each, by number. */
const STANDARD: readonly { name: string; number: number; defaultAction: DefaultAction }[] = Object.entries(
  constants.signals as Readonly<Record<string, number>>,
)
  .filter(([name, number]) => !ALIASES.has(name) && number >= 1 && number <= 31)
  .map(([name, number]) => ({ name, number, defaultAction: SIGNALS.find((s) => s.name === name)?.defaultAction ?? DEFAULTS[name] ?? 'terminate' }))
  .sort((a, b) => a.number - b.number);

const UNCATCHABLE: ReadonlySet<string> = new Set(['SIGKILL', 'SIGSTOP']);

/** Each standard signal's disposition for a process with these masks. */
export function describeDispositions(masks: SignalMasks): SignalDisposition[] {
  const caught = new Set(masks.caught);
  const ignored = new Set(masks.ignored);
  const blocked = new Set(masks.blocked);
  const pending = new Set(masks.pending);
  return STANDARD.map(({ name, number, defaultAction }) => {
    const isBlocked = blocked.has(number);
    const isPending = pending.has(number);
    if (UNCATCHABLE.has(name)) {
      return {
        name,
        number,
        disposition: 'uncatchable' as const,
        blocked: false,
        pending: isPending,
        text: `${name}: can never be caught, blocked or ignored — it ${EFFECT[defaultAction]}`,
        short: '',
      };
    }
    const disposition: Disposition = caught.has(number) ? 'caught' : ignored.has(number) ? 'ignored' : 'default';
    const what =
      disposition === 'caught'
        ? defaultAction === 'terminate' || defaultAction === 'core'
          ? 'caught — it will run its handler, and may not exit'
          : 'caught — it will run its handler'
        : disposition === 'ignored'
          ? 'ignored — sending it does nothing'
          : `default — ${EFFECT[defaultAction]}`;
    const notes = [isBlocked ? 'blocked: held until the process unblocks it' : '', isPending ? 'pending: sent, not yet delivered' : ''].filter(Boolean);
    const short = [disposition === 'default' ? '' : disposition, isBlocked ? 'blocked' : '', isPending ? 'pending' : ''].filter(Boolean).join(', ');
    return { name, number, disposition, blocked: isBlocked, pending: isPending, text: [`${name}: ${what}`, ...notes].join('; '), short };
  });
}

/** The dispositions of process `pid` as /proc/PID/status shows them now; null when it cannot be read. */
export function readDispositions(pid: number): SignalDisposition[] | null {
  const masks = readSignalMasks(pid);
  return masks ? describeDispositions(masks) : null;
}
