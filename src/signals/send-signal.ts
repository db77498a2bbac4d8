// Sending a signal to a process: the only call of process.kill in pooltop, and every check before it.
import { readProcessIdentity, type IdentityReader } from '../platform/process-identity.js';
import { checkIdentity } from './process-identity.js';
import { shortText } from '../model/short-text.js';
import { processLabel } from './process-label.js';
import type { IdentityCheckKind, SignalOutcome, SignalStatus, SignalTarget } from './signal-outcome.js';
import { lookupSignal, signalLabel, type SignalInfo, type SignalSpec } from './signal-table.js';
import { validateTarget } from './validate-target.js';

export interface SendOptions {
  /** Where start times are read again; tests inject one. */
  readIdentity?: IdentityReader;
}

/** Everything checked, nothing sent yet: either what to send, or why not. */
export type Precheck =
  | { ok: true; pid: number; signal: SignalInfo; label: string; identityCheck: IdentityCheckKind; state: string | null }
  | { ok: false; outcome: SignalOutcome };

/**
 * The checks sendSignal makes before sending, in order: a valid and unprotected PID, a signal
 * from the table, and the PID still naming the process the row showed.
 */
export function precheck(target: SignalTarget, spec: SignalSpec, options: SendOptions = {}): Precheck {
  // The target itself is untrusted: it may not even be an object at run time.
  const fields: Partial<SignalTarget> = typeof target === 'object' && target !== null ? target : {};
  const command = typeof fields.command === 'string' ? fields.command : '';
  const signal = lookupSignal(spec);
  const valid = validateTarget(fields.pid, signal);
  if (!valid.ok) {
    return refuse(valid.pid, signal?.name ?? '?', valid.kind, `refused: ${valid.reason}`, 'unchecked');
  }
  const { pid } = valid;
  const label = processLabel(pid, command);
  if (!signal) {
    return refuse(pid, '?', 'invalid', `refused: not a signal pooltop sends: ${describeSpec(spec)}`, 'unchecked');
  }
  const startTime = typeof fields.startTime === 'number' ? fields.startTime : 0;
  const check = checkIdentity(pid, startTime, fields.exactStartTime === true, options.readIdentity ?? readProcessIdentity);
  switch (check.verdict) {
    case 'unchecked':
      return { ok: true, pid, signal, label, identityCheck: 'unchecked', state: null };
    case 'same':
      return { ok: true, pid, signal, label, identityCheck: check.precision, state: check.identity.state };
    case 'gone':
      return refuse(pid, signal.name, 'gone', `already gone: ${label}`, 'unchecked');
    case 'unreadable':
      return refuse(pid, signal.name, 'not-permitted', `not permitted: cannot read /proc/${pid} to confirm it is ${label}`, 'unchecked');
    case 'different': {
      const now = shortText(check.identity.comm, 16);
      const precision = fields.exactStartTime === true || startTime % 1000 !== 0 ? 'exact' : 'seconds';
      return refuse(pid, signal.name, 'reused', `refused: PID ${pid} now names a different process${now ? ` (${now})` : ''}`, precision);
    }
  }
}

/** Sends `signal` to the process a row showed, or says why not. Never throws. */
export function sendSignal(target: SignalTarget, signal: SignalSpec, options: SendOptions = {}): SignalOutcome {
  const checked = precheck(target, signal, options);
  if (!checked.ok) return checked.outcome;
  const { pid, label, identityCheck } = checked;
  const name = checked.signal.name;
  const shown = signalLabel(checked.signal);
  // Between the /proc read above and kill(2) below is a window of microseconds in which the PID
  // could be reused; only pidfd_send_signal(2) closes it, and Node does not expose it.
  const result = deliver(pid, checked.signal);
  if (result === 'sent') {
    const zombie = checked.state === 'Z' ? ' (a zombie: it has exited; its parent has yet to reap it)' : '';
    return { pid, signal: name, status: 'sent', text: `sent ${shown} to ${label}${zombie}`, identityCheck };
  }
  if ('refused' in result) {
    return { pid, signal: name, status: result.refused.kind, text: `refused: ${result.refused.reason}`, identityCheck };
  }
  const { status, errno } = result;
  const text =
    status === 'gone'
      ? `already gone (${errno}): ${label}`
      : status === 'not-permitted'
        ? `not permitted (${errno}): ${shown} to ${label}`
        : `failed (${errno}): ${shown} to ${label}`;
  return { pid, signal: name, status, text, identityCheck, errno };
}

/** Sends `signal` to each target in turn; one outcome per target, in order. */
export function sendSignals(targets: readonly SignalTarget[], signal: SignalSpec, options: SendOptions = {}): SignalOutcome[] {
  return targets.map((target) => sendSignal(target, signal, options));
}

export type KillFailure = { status: 'not-permitted' | 'gone' | 'failed'; errno: string };

/** What a process.kill exception means for the user: EPERM and ESRCH are expected events. */
export function classifyKillError(error: unknown): KillFailure {
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  const errno = typeof code === 'string' && /^E[A-Z0-9]{1,15}$/.test(code) ? code : 'unknown error';
  if (errno === 'EPERM') return { status: 'not-permitted', errno };
  if (errno === 'ESRCH') return { status: 'gone', errno };
  return { status: 'failed', errno };
}

type Refusal = Extract<ReturnType<typeof validateTarget>, { ok: false }>;

/** Validates the PID once more, immediately before the one process.kill in pooltop. */
function deliver(pid: number, signal: SignalInfo): 'sent' | KillFailure | { refused: Refusal } {
  const valid = validateTarget(pid, signal);
  if (!valid.ok) return { refused: valid };
  try {
    process.kill(valid.pid, signal.number);
    return 'sent';
  } catch (error) {
    return classifyKillError(error);
  }
}

function refuse(
  pid: number | null,
  signal: string,
  status: SignalStatus,
  text: string,
  identityCheck: IdentityCheckKind,
): { ok: false; outcome: SignalOutcome } {
  return { ok: false, outcome: { pid, signal, status, text, identityCheck } };
}

function describeSpec(spec: unknown): string {
  if (typeof spec === 'string') return `"${shortText(spec, 16)}"`;
  if (typeof spec === 'number') return String(spec);
  if (spec === null || spec === undefined) return String(spec);
  return typeof spec === 'object' ? 'an object' : `a ${typeof spec}`;
}
