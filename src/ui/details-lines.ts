// The details view's text, line by line, from what was last read of the process: identity, state
// and scheduling, signals, memory, I/O, threads, open files and environment. Every string that
// comes from the process is sanitized here, before it reaches the screen.
import { formatBytes, formatCpuTime, formatPercent } from '../model/format.js';
import { sanitizeText } from '../model/sanitize.js';
import { displayWidth } from '../model/text-width.js';
import type { OpenFile } from '../platform/process-details.js';
import type { DetailsState } from '../store/details-slice.js';

type DetailsLineKind = 'title' | 'heading' | 'text' | 'note';

export interface DetailsLine {
  text: string;
  kind: DetailsLineKind;
}

/** Sections a key jumps to (htop's `e` environment, `l` open files). */
export type DetailsSection = 'Identity' | 'State and scheduling' | 'Signals' | 'Memory' | 'I/O' | 'Threads' | 'Open files' | 'Environment';

const STATE_MEANINGS: Readonly<Record<string, string>> = {
  R: 'running or ready to run',
  S: 'sleeping: waiting for an event (interruptible)',
  D: 'waiting uninterruptibly, usually for I/O: signals wait until it returns',
  T: 'stopped by a signal (SIGSTOP, SIGTSTP): SIGCONT resumes it',
  t: 'stopped by a tracer (a debugger or strace)',
  Z: 'zombie: it has exited and waits for its parent to reap it',
  X: 'dead',
  I: 'idle kernel thread',
  P: 'parked kernel thread',
};

const POLICIES: Readonly<Record<number, string>> = { 0: 'SCHED_OTHER', 1: 'SCHED_FIFO', 2: 'SCHED_RR', 3: 'SCHED_BATCH', 5: 'SCHED_IDLE', 6: 'SCHED_DEADLINE' };

/** The lines of the view for `width` cells (the command line is wrapped to it). */
export function detailsLines(details: DetailsState, width: number, now = Date.now()): DetailsLine[] {
  const lines: DetailsLine[] = [];
  // Section contents are indented under their heading.
  const add = (text: string, kind: DetailsLineKind = 'text'): void => {
    lines.push({ text: kind === 'text' || kind === 'note' ? `  ${text}` : text, kind });
  };
  const heading = (name: DetailsSection): void => add(name, 'heading');
  const { target, data } = details;
  const safeCommand = sanitizeText(data?.command ?? target.command);
  add(`PID ${target.pid}  ${sanitizeText(data?.comm ?? '')}${details.exited ? '  — exited (the last values read are kept)' : ''}`, 'title');
  if (!data) {
    add(details.exited ? 'the process exited before it could be read' : 'reading /proc…', 'note');
    return lines;
  }
  heading('Identity');
  add(`PID ${data.pid}   PPID ${data.ppid}   PGRP ${data.pgrp}   SID ${data.sid}   TTY ${data.tty ?? (data.ttyNr === 0 ? 'none' : `device ${data.ttyNr}`)}`);
  const users = details.users;
  const userText = (name: string | undefined, uid: number): string => `${sanitizeText(name ?? String(uid))} (${uid})`;
  add(
    data.uid.real === data.uid.effective
      ? `user ${userText(users?.real, data.uid.real)}`
      : `user ${userText(users?.real, data.uid.real)} real, ${userText(users?.effective, data.uid.effective)} effective`,
  );
  add(`started ${localTime(data.startTime)} (${age((now - data.startTime) / 1000)} ago)`);
  for (const [i, piece] of wrap(`command ${safeCommand}`, Math.max(20, width - 12)).entries()) add(i === 0 ? piece : `        ${piece}`);
  add(`executable ${data.exe === null ? '(not permitted or none)' : sanitizeText(data.exe)}`);
  add(`cwd ${data.cwd === null ? '(not permitted)' : sanitizeText(data.cwd)}`);

  heading('State and scheduling');
  add(`state ${data.state} — ${STATE_MEANINGS[data.state] ?? 'unknown state'}`);
  add(`waits in ${data.wchan === null ? '-' : sanitizeText(data.wchan)}`);
  add(`context switches ${data.voluntarySwitches ?? '-'} voluntary (it waited), ${data.involuntarySwitches ?? '-'} involuntary (preempted)`);
  add(
    `nice ${data.nice}   priority ${data.priority}   policy ${POLICIES[data.policy] ?? `policy ${data.policy}`}   last CPU ${data.processor}   TIME+ ${formatCpuTime(data.cpuTime)}`,
  );
  add(`CPU affinity ${data.cpusAllowed ?? '-'}   I/O priority ${details.ioPriority === null ? '-' : details.ioPriority}`);
  add(`cgroup ${data.cgroup === null ? '-' : sanitizeText(data.cgroup)}   OOM score ${data.oomScore ?? '-'} (adj ${data.oomScoreAdj ?? '-'})`);

  heading('Signals');
  if (!details.dispositions) add('not readable (/proc/PID/status)', 'note');
  else for (const d of details.dispositions) add(`${String(d.number).padStart(2)} ${d.text}`);

  heading('Memory');
  const bytes = (n: number | null): string => (n === null ? '-' : formatBytes(n));
  add(
    `VIRT ${bytes(data.memory.virt)}   RES ${bytes(data.memory.res)}   SHR ${bytes(data.memory.shr)}   swap ${bytes(data.memory.swap)}   PSS ${bytes(data.memory.pss)}`,
  );

  heading('I/O');
  if (!data.io) add("not permitted (another user's process: /proc/PID/io needs root)", 'note');
  else {
    const rate = details.ioRate;
    add(
      `read ${formatBytes(data.io.readBytes)} from disk${rate ? ` (${formatBytes(rate.read)}/s)` : ''}   written ${formatBytes(data.io.writeBytes)}${rate ? ` (${formatBytes(rate.write)}/s)` : ''}`,
    );
    add(`read() ${formatBytes(data.io.rchar)}   write() ${formatBytes(data.io.wchar)} (all reads and writes, cache and pipes too)`);
  }

  heading('Threads');
  add(`${'TID'.padStart(7)} S  CPU%   TIME+  name`, 'note');
  for (const t of data.threads) {
    const cpu = details.threadCpu.get(t.tid);
    add(
      `${String(t.tid).padStart(7)} ${t.state} ${(cpu === undefined ? '-' : formatPercent(cpu)).padStart(5)} ${formatCpuTime(t.cpuTime).padStart(7)}  ${sanitizeText(t.name)}`,
    );
  }

  heading('Open files');
  if (data.files === null) add("not permitted (another user's process)", 'note');
  else for (const f of data.files) add(describeFile(f, data.files));

  heading('Environment');
  if (data.environment === null) add('shown only for your own processes', 'note');
  else for (const entry of data.environment) add(sanitizeText(entry));
  return lines;
}

/** Where a section starts in `lines`, for the jump keys. */
export function sectionLine(lines: readonly DetailsLine[], section: DetailsSection): number {
  return Math.max(
    0,
    lines.findIndex((l) => l.kind === 'heading' && l.text === section),
  );
}

function describeFile(file: OpenFile, all: readonly OpenFile[]): string {
  const access = file.access === null ? '  ' : file.access === 'read' ? 'r ' : file.access === 'write' ? ' w' : 'rw';
  let target = sanitizeText(file.target);
  if (file.kind === 'pipe' && file.inode !== null) {
    const end = file.access === 'read' ? 'read end' : file.access === 'write' ? 'write end' : 'pipe';
    const other = all.find((f) => f !== file && f.inode === file.inode);
    target = `pipe ${file.inode} (${end}${other ? `; fd ${other.fd} is the other end` : ''})`;
  } else if (file.kind === 'socket' && file.inode !== null) {
    target = `socket ${file.inode}`;
  }
  return `${String(file.fd).padStart(5)} ${access} ${file.kind.padEnd(6)} ${target}`;
}

/** "2026-12-01 12:13:57" in local time, as ps -o lstart's order. */
function localTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function age(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d${String(Math.floor(s / 3600) % 24).padStart(2, '0')}h`;
}

/** Cuts text into pieces of at most `width` cells (by code point, as the table measures). */
function wrap(text: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let cells = 0;
  for (const char of text) {
    const w = displayWidth(char);
    if (cells + w > width) {
      pieces.push(piece);
      piece = '';
      cells = 0;
    }
    piece += char;
    cells += w;
  }
  if (piece || pieces.length === 0) pieces.push(piece);
  return pieces;
}
