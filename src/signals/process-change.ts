// Changing a process other than by a signal — its nice, I/O priority or CPU affinity — with the
// same gate as a signal: a valid PID, not pooltop or one of its ancestors, and the PID still
// naming the process the row showed, checked right before the change.
import { spawnSync } from 'node:child_process';
import { getPriority, setPriority } from 'node:os';
import { readProcessIdentity, type IdentityReader } from '../platform/process-identity.js';
import { describeIoPriority } from '../model/io-priority-text.js';
import { sanitizeText } from '../model/sanitize.js';
import { checkIdentity } from './process-identity.js';
import { processLabel } from './process-label.js';
import type { SignalStatus, SignalTarget } from './signal-outcome.js';
import { validateTarget } from './validate-target.js';

export interface ChangeOutcome {
  pid: number | null;
  status: SignalStatus;
  /** One line for the message line, safe to print. */
  text: string;
}

type Checked = { ok: true; pid: number; label: string } | { ok: false; outcome: ChangeOutcome };

/** The checks a signal gets, for a change that is not one (the strictest: no ancestor of pooltop). */
export function checkChangeTarget(target: SignalTarget, readIdentity: IdentityReader = readProcessIdentity): Checked {
  const valid = validateTarget(target.pid);
  if (!valid.ok) return { ok: false, outcome: { pid: valid.pid, status: valid.kind, text: `refused: ${valid.reason}` } };
  const { pid } = valid;
  const label = processLabel(pid, typeof target.command === 'string' ? target.command : '');
  const check = checkIdentity(pid, target.startTime, target.exactStartTime === true, readIdentity);
  switch (check.verdict) {
    case 'gone':
      return { ok: false, outcome: { pid, status: 'gone', text: `already gone: ${label}` } };
    case 'unreadable':
      return { ok: false, outcome: { pid, status: 'not-permitted', text: `not permitted: cannot read /proc/${pid} to confirm it is ${label}` } };
    case 'different':
      return { ok: false, outcome: { pid, status: 'reused', text: `refused: PID ${pid} now names a different process` } };
    default:
      return { ok: true, pid, label };
  }
}

export const NICE_MIN = -20;
export const NICE_MAX = 19;

/**
 * Moves the process's nice by `delta` (−1: higher priority, htop's `]` F7; +1: lower, `[` F8),
 * within −20…19. On Linux nice belongs to a thread: as with renice(1) and htop, the main thread's
 * (the PID's) changes, and threads started after it inherit it; threads already running keep theirs.
 */
export function renice(target: SignalTarget, delta: number, readIdentity?: IdentityReader): ChangeOutcome {
  const checked = checkChangeTarget(target, readIdentity);
  if (!checked.ok) return checked.outcome;
  const { pid, label } = checked;
  let current: number;
  try {
    current = getPriority(pid);
  } catch (error) {
    return failure(pid, label, error, 'read the nice of');
  }
  const wanted = Math.min(NICE_MAX, Math.max(NICE_MIN, current + Math.sign(delta)));
  if (wanted === current) return { pid, status: 'sent', text: `nice stays ${current} (the ${delta < 0 ? 'highest' : 'lowest'} priority): ${label}` };
  try {
    setPriority(pid, wanted);
  } catch (error) {
    const outcome = failure(pid, label, error, `set nice ${wanted} of`);
    if (outcome.status === 'not-permitted' && wanted < current) {
      return { ...outcome, text: `${outcome.text} — only root (or CAP_SYS_NICE) may lower a nice value` };
    }
    return outcome;
  }
  return { pid, status: 'sent', text: `nice ${current} → ${wanted}: ${label}` };
}

/** The renice of each target, one outcome each. */
export function reniceAll(targets: readonly SignalTarget[], delta: number): ChangeOutcome[] {
  return targets.map((t) => renice(t, delta));
}

/** An I/O scheduling class as ionice(1) names it, with its level where it has one. */
export type IoPriority = { ioClass: 'none' } | { ioClass: 'realtime' | 'best-effort'; level: number } | { ioClass: 'idle' };

export function ioPriorityArgs(priority: IoPriority): string[] {
  switch (priority.ioClass) {
    case 'none':
      return ['-c', '0'];
    case 'realtime':
      return ['-c', '1', '-n', String(priority.level)];
    case 'best-effort':
      return ['-c', '2', '-n', String(priority.level)];
    case 'idle':
      return ['-c', '3'];
  }
}

/** Sets the I/O priority through util-linux's ionice (Node has no ioprio_set). */
export function setIoPriority(target: SignalTarget, priority: IoPriority, tool = 'ionice'): ChangeOutcome {
  const checked = checkChangeTarget(target);
  if (!checked.ok) return checked.outcome;
  return runTool(checked, tool, [...ioPriorityArgs(priority), '-p', String(checked.pid)], `I/O priority ${describeIoPriority(priority)}`);
}

/** Sets the CPUs every thread of the process may run on, through util-linux's taskset. */
export function setAffinity(target: SignalTarget, cpus: readonly number[], tool = 'taskset'): ChangeOutcome {
  const checked = checkChangeTarget(target);
  if (!checked.ok) return checked.outcome;
  if (cpus.length === 0 || !cpus.every((c) => Number.isInteger(c) && c >= 0 && c < 4096)) {
    return { pid: checked.pid, status: 'invalid', text: 'refused: choose at least one CPU' };
  }
  const list = [...new Set(cpus)].sort((a, b) => a - b).join(',');
  return runTool(checked, tool, ['-a', '-p', '-c', list, String(checked.pid)], `CPUs ${list}`);
}

function runTool(checked: { pid: number; label: string }, tool: string, args: string[], what: string): ChangeOutcome {
  const { pid, label } = checked;
  const result = spawnSync(tool, args, { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'pipe'] });
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return { pid, status: 'failed', text: `${tool} is not installed (it comes with util-linux: apt install util-linux)` };
  if (result.error) return { pid, status: 'failed', text: `${tool} failed (${code ?? 'error'}): ${what} for ${label}` };
  if (result.status !== 0) {
    const said = sanitizeText((result.stderr || result.stdout || '').trim().split('\n').pop() ?? '').slice(0, 120);
    const denied = /not permitted|permission denied/i.test(said);
    return {
      pid,
      status: denied ? 'not-permitted' : 'failed',
      text: `${denied ? 'not permitted' : 'failed'}: ${what} for ${label}${said ? ` (${tool}: ${said})` : ''}`,
    };
  }
  return { pid, status: 'sent', text: `${what}: ${label}` };
}

function failure(pid: number, label: string, error: unknown, doing: string): ChangeOutcome {
  // os.getPriority/setPriority throw a SystemError whose errno name is in info.code.
  const err = error as { code?: string; info?: { code?: string } } | null;
  const errno = err?.info?.code ?? err?.code ?? 'error';
  const status: SignalStatus = errno === 'ESRCH' ? 'gone' : errno === 'EACCES' || errno === 'EPERM' ? 'not-permitted' : 'failed';
  const word = status === 'gone' ? 'already gone' : status === 'not-permitted' ? 'not permitted' : 'failed';
  return { pid, status, text: `${word} (${errno}): ${doing} ${label}` };
}
