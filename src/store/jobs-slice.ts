// The background jobs pooltop started from the monitor (`&`): their numbers, how each ended, the
// `&` prompt's text, a `wait` under way and the quit question, and the job list's rows.
import type { SliceCreator } from './app-store.js';

/** How a job ended, as the program runner measured it. */
export interface JobEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  realMs: number;
  userMs: number | null;
  systemMs: number | null;
}

export interface Job {
  /** The shell's %1, %2…: numbered from 1 in the order started, never reused in a session. */
  number: number;
  pid: number;
  /** As ProcessInfo.startTime; 0 when /proc cannot tell. */
  startTime: number;
  /** The command line as typed, made safe to print. */
  command: string;
  /** Date.now() when it started. */
  startedAt: number;
  /** Where its stdout and stderr go; null when discarded. */
  log: string | null;
  end: JobEnd | null;
}

/** What starts, waits for and ends the jobs; the monitor implements it around `pooltop run`'s runner. */
export interface JobControl {
  /** `&`'s Enter: starts the command line in the background. */
  start(line: string): void;
  /** `w` / `W` in the job list: waits for these jobs (all running ones when omitted). */
  wait(numbers?: readonly number[]): void;
}

/** Longest command line the `&` prompt takes (as long as a paste the input keeps). */
export const MAX_JOB_LINE = 256;

export interface JobsSlice {
  jobs: readonly Job[];
  /** The `&` prompt's text while it is open. */
  jobLine: string;
  /** The jobs a `wait` waits for (Esc stops waiting); null when not waiting. */
  waitingFor: readonly number[] | null;
  /** A quit key was pressed with jobs running: the next one ends them and quits. */
  quitAsked: boolean;
  /** `&`: the prompt "run in the background:". */
  beginJobLine(): void;
  typeJobLine(text: string): void;
  /** `j`: the job list, at its newest job. */
  openJobs(): void;
  addJob(job: Job): void;
  endJob(number: number, end: JobEnd): void;
  setWaiting(numbers: readonly number[] | null): void;
  /** Esc while waiting: stops waiting; the jobs run on. */
  stopWaiting(): void;
  setQuitAsked(asked: boolean): void;
}

export const createJobsSlice: SliceCreator<JobsSlice> = (set, get) => ({
  jobs: [],
  jobLine: '',
  waitingFor: null,
  quitAsked: false,
  beginJobLine() {
    set({ mode: 'jobline', jobLine: '' });
  },
  typeJobLine(text) {
    set({ jobLine: text.slice(0, MAX_JOB_LINE) });
  },
  openJobs() {
    set({ mode: 'jobs', menuIndex: Math.max(0, get().jobs.length - 1) });
  },
  addJob(job) {
    set({ jobs: [...get().jobs, job] });
  },
  endJob(number, end) {
    set({ jobs: get().jobs.map((job) => (job.number === number ? { ...job, end } : job)) });
  },
  setWaiting(numbers) {
    set({ waitingFor: numbers });
  },
  stopWaiting() {
    const waiting = get().waitingFor;
    if (waiting === null) return;
    const left = get().jobs.filter((job) => job.end === null && waiting.includes(job.number)).length;
    set({ waitingFor: null });
    get().notify(`stopped waiting: ${left === 1 ? '1 job runs' : `${left} jobs run`} on (j lists them)`);
  },
  setQuitAsked(asked) {
    if (get().quitAsked !== asked) set({ quitAsked: asked });
  },
});

export function runningJobs(jobs: readonly Job[]): Job[] {
  return jobs.filter((job) => job.end === null);
}

/**
 * "Running", "Stopped" (the sample shows it in state T: SIGSTOP, or SIGTSTP from its own terminal
 * use), "Done (exit 0)", "Killed (SIGTERM)". The kernel tells a parent of a stop only when it asks
 * (waitpid's WUNTRACED, which Node does not), so a stop is read from the sample.
 */
export function jobStateText(job: Job, sampledState: string | undefined): string {
  if (job.end !== null) return jobEndText(job.end);
  return sampledState === 'T' || sampledState === 't' ? 'Stopped' : 'Running';
}

/** "Done (exit 0)", "Done (exit 3)", "Killed (SIGTERM)". */
export function jobEndText(end: Pick<JobEnd, 'code' | 'signal'>): string {
  return end.signal !== null ? `Killed (${end.signal})` : `Done (exit ${end.code ?? '?'})`;
}
