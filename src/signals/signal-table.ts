// The signals pooltop offers, as data (htop's signal list): name, this platform's number, meaning.
import { constants } from 'node:os';

/** What the kernel does when the process has no handler (signal(7)). */
export type DefaultAction = 'terminate' | 'core' | 'stop' | 'continue' | 'ignore';

export interface SignalInfo {
  /** 'SIGTERM'. */
  readonly name: string;
  /** This platform's number (os.constants.signals): SIGUSR1 is 10 on Linux, 30 on macOS. */
  readonly number: number;
  /** One line for the signal menu. */
  readonly meaning: string;
  readonly defaultAction: DefaultAction;
  /** False for SIGKILL and SIGSTOP: the kernel acts without asking the process. */
  readonly catchable: boolean;
  /**
   * Ends a process that does not handle it: sending it to a process pooltop did not start asks
   * for confirmation. Derived from the default action rather than listed by hand, because
   * SIGUSR1 or SIGALRM end `sleep` just as surely as SIGTERM does.
   */
  readonly destructive: boolean;
}

type Definition = Omit<SignalInfo, 'number' | 'destructive'>;

// Meanings stay short (≤ 45 cells) so the signal menu shows them whole beside the table.
const DEFINITIONS: readonly Definition[] = [
  { name: 'SIGHUP', meaning: 'hang up (terminal closed); can be caught', defaultAction: 'terminate', catchable: true },
  { name: 'SIGINT', meaning: 'interrupt, as Ctrl-C does; can be caught', defaultAction: 'terminate', catchable: true },
  { name: 'SIGQUIT', meaning: 'quit with a core dump (Ctrl-\\); can be caught', defaultAction: 'core', catchable: true },
  { name: 'SIGABRT', meaning: 'abort with a core dump; can be caught', defaultAction: 'core', catchable: true },
  { name: 'SIGKILL', meaning: 'terminate now; cannot be caught or ignored', defaultAction: 'terminate', catchable: false },
  { name: 'SIGUSR1', meaning: 'user-defined; ends it unless handled', defaultAction: 'terminate', catchable: true },
  { name: 'SIGUSR2', meaning: 'user-defined; ends it unless handled', defaultAction: 'terminate', catchable: true },
  { name: 'SIGALRM', meaning: 'timer alarm; ends it unless caught', defaultAction: 'terminate', catchable: true },
  { name: 'SIGTERM', meaning: 'ask to terminate; can be caught', defaultAction: 'terminate', catchable: true },
  { name: 'SIGCONT', meaning: 'resume a stopped process', defaultAction: 'continue', catchable: true },
  { name: 'SIGSTOP', meaning: 'pause; cannot be caught', defaultAction: 'stop', catchable: false },
  { name: 'SIGTSTP', meaning: 'pause, as Ctrl-Z does; can be caught', defaultAction: 'stop', catchable: true },
  { name: 'SIGWINCH', meaning: 'terminal resized; ignored unless handled', defaultAction: 'ignore', catchable: true },
];

const PLATFORM_NUMBERS = constants.signals as Readonly<Record<string, number | undefined>>;

/** The signals this platform has, ordered by number. */
export const SIGNALS: readonly SignalInfo[] = Object.freeze(
  DEFINITIONS.flatMap((definition): SignalInfo[] => {
    const number = PLATFORM_NUMBERS[definition.name];
    if (number === undefined) return [];
    const destructive = definition.defaultAction === 'terminate' || definition.defaultAction === 'core';
    return [Object.freeze({ ...definition, number, destructive })];
  }).sort((a, b) => a.number - b.number),
);

/** A signal as callers may name it: a table entry, a number (9, "9") or a name ("KILL", "SIGKILL", "sigkill"). */
export type SignalSpec = SignalInfo | string | number;

const DIGITS = /^\d{1,3}$/;
// ASCII only: toUpperCase maps "ſ" (long s) and "ı" (dotless i) to S and I.
const NAME = /^[A-Za-z][A-Za-z0-9]{1,15}$/;

/** The table entry for `spec`, or undefined for anything not in the table (including signal 0). */
export function lookupSignal(spec: unknown): SignalInfo | undefined {
  if (typeof spec === 'object' && spec !== null) {
    return SIGNALS.find((signal) => signal === spec);
  }
  if (typeof spec === 'number') {
    return Number.isInteger(spec) ? SIGNALS.find((signal) => signal.number === spec) : undefined;
  }
  if (typeof spec !== 'string') return undefined;
  if (DIGITS.test(spec)) return lookupSignal(Number(spec));
  if (!NAME.test(spec)) return undefined;
  const upper = spec.toUpperCase();
  const name = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  return SIGNALS.find((signal) => signal.name === name);
}

/** "SIGTERM (15)": how messages name a signal. */
export function signalLabel(signal: SignalInfo): string {
  return `${signal.name} (${signal.number})`;
}
