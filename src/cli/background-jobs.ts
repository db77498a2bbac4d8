// The monitor's background jobs (`&`, the job list, `wait`): each command line started through
// `/bin/sh -c` by `pooltop run`'s runner, its output in a log file of a private folder, its end
// told as a shell tells it, and every job ended when pooltop quits.
import { constants, mkdtempSync, openSync, readdirSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sanitizeText } from '../model/sanitize.js';
import type { AppStore } from '../store/app-store.js';
import { jobEndText, type Job, type JobControl, type JobEnd } from '../store/jobs-slice.js';
import { endText, startProgram, timeText, type ReapCounter, type RunningProgram } from './run-program.js';

/** A shell runs the line, as a shell's `cmd &` would: the user typed a command line, pipes and all. */
const SHELL = '/bin/sh';

export interface BackgroundJobs extends JobControl {
  /** Jobs still running. */
  running(): number;
  /** On quit: each running job's group gets SIGTERM, SIGKILL after `pooltop run`'s grace; resolves once all have ended. */
  endAll(): Promise<void>;
  /** The last resort of every way out: SIGKILL to each running job's group now. */
  killNow(): void;
  /** Removes the empty logs (and the folder when none is left); returns the folder when logs are kept, else null. */
  closeLogs(): string | null;
}

/**
 * `others` counts pooltop's other children reaped (pool workers): a job's user and sys are
 * pooltop's children's CPU across its run, so they include those, and the jobs that ended meanwhile.
 */
export function createBackgroundJobs(store: AppStore, others: ReapCounter, refreshSoon: () => void, logRoot = tmpdir()): BackgroundJobs {
  const programs = new Map<number, RunningProgram>();
  let ended = 0;
  // Taken when `&` is pressed, not when the shell has started: two quick `&`s get two numbers.
  let lastNumber = 0;
  let logDir: string | null = null;
  const reaped: ReapCounter = { reaped: () => others.reaped() + ended };

  /** A new log file, O_EXCL in a folder only we can enter (mkdtemp makes it 0700); null when none can be made. */
  const openLog = (number: number): { fd: number; path: string } | null => {
    try {
      logDir ??= mkdtempSync(join(logRoot, 'pooltop-jobs-'));
      const path = join(logDir, `${number}.log`);
      const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
      return { fd, path };
    } catch {
      return null;
    }
  };

  const finish = (job: Job, end: JobEnd): void => {
    ended++;
    programs.delete(job.number);
    const state = store.getState();
    state.endJob(job.number, end);
    releaseView(store, job.pid);
    const how = jobEndText(end);
    state.logEvent(
      `job ${job.number} (PID ${job.pid}) ${endText(end)} after ${(end.realMs / 1000).toFixed(2)} s: ${job.command}`,
      end.code === 0 ? 'info' : 'warn',
    );
    const waiting = store.getState().waitingFor;
    if (waiting?.includes(job.number)) {
      const jobs = store.getState().jobs.filter((j) => waiting.includes(j.number));
      if (jobs.every((j) => j.end !== null)) {
        state.setWaiting(null);
        return state.notify(waitReport(jobs), jobs.every((j) => j.end?.code === 0) ? 'info' : 'warn');
      }
    }
    state.notify(`[${job.number}]+ ${how}  ${job.command}`, end.code === 0 ? 'info' : 'warn');
    refreshSoon();
  };

  return {
    start(line) {
      const command = sanitizeText(line).slice(0, 200);
      const number = ++lastNumber;
      const log = openLog(number);
      const outputFd = log?.fd ?? openSync('/dev/null', 'w');
      startProgram(SHELL, ['-c', line], reaped, { label: line, outputFd }).then(
        (program) => {
          const job: Job = { number, pid: program.pid, startTime: program.startTime, command, startedAt: Date.now(), log: log?.path ?? null, end: null };
          programs.set(number, program);
          const state = store.getState();
          state.addJob(job);
          const where = log ? `output in ${sanitizeText(log.path)}` : 'output discarded: no log file could be made';
          state.notify(`[${number}] ${program.pid}   (${where}; j lists the jobs)`);
          state.logEvent(`job ${number} started PID ${program.pid} (its own process group and session): ${command}`);
          void program.ended.then((end) => finish(job, end));
          refreshSoon();
        },
        (error: unknown) => store.getState().notify((error as Error).message, 'error'),
      );
    },
    wait(numbers) {
      const state = store.getState();
      const chosen = state.jobs.filter((job) => (numbers === undefined ? job.end === null : numbers.includes(job.number)));
      if (chosen.length === 0) return state.notify('no running jobs to wait for', 'warn');
      const running = chosen.filter((job) => job.end === null);
      // As the shell's `wait %1` for a job that has ended: its status at once.
      if (running.length === 0) return state.notify(waitReport(chosen), chosen.every((j) => j.end?.code === 0) ? 'info' : 'warn');
      state.setWaiting(chosen.map((job) => job.number));
      state.notify(`waiting for ${running.length === 1 ? '1 job' : `${running.length} jobs`}… (Esc stops waiting; they run on)`);
    },
    running: () => programs.size,
    async endAll() {
      await Promise.all([...programs.values()].map((program) => program.stop()));
    },
    killNow() {
      for (const program of programs.values()) program.killNow();
    },
    closeLogs() {
      if (logDir === null) return null;
      let kept = 0;
      try {
        for (const name of readdirSync(logDir)) {
          const path = join(logDir, name);
          if (statSync(path).size === 0) unlinkSync(path);
          else kept++;
        }
        if (kept === 0) rmdirSync(logDir);
      } catch {
        return logDir;
      }
      return kept > 0 ? logDir : null;
    },
  };
}

/** "[1] Done (exit 0) real 0m3.004s user 0m0.001s sys 0m0.002s · [2] …": what a `wait` ends with, as bash's `time`. */
function waitReport(jobs: readonly Job[]): string {
  const cpu = (ms: number | null): string => (ms === null ? '?' : timeText(ms));
  return jobs
    .map((job) => {
      const end = job.end!;
      return `[${job.number}] ${jobEndText(end)} real ${timeText(end.realMs)} user ${cpu(end.userMs)} sys ${cpu(end.systemMs)}  ${job.command}`;
    })
    .join(' · ');
}

/**
 * A job's subtree shown (Enter in the job list) is empty once the job is gone: every process is
 * shown again once a sample no longer has it, as `pooltop run` does when its program ends.
 */
function releaseView(store: AppStore, pid: number): void {
  if (store.getState().view.subtree?.pid !== pid) return;
  const gone = store.subscribe((state) => {
    if (state.view.subtree?.pid !== pid) return gone();
    if (state.rows.some((r) => r.pid === pid && r.state !== 'Z')) return;
    gone();
    // After the update under way, which may still be laying out the row's news.
    setTimeout(() => {
      if (store.getState().view.subtree?.pid !== pid) return;
      // The job's end (or the wait's report) stays on the message line, not "every process again".
      const said = store.getState().message;
      store.getState().toggleSubtree();
      if (said !== null) store.setState({ message: said });
    }, 0);
  });
}
