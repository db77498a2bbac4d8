// The `j` list of the jobs pooltop started with `&`: number, PID, PGID, state, elapsed, command
// line; a row's Enter shows that job's subtree in the table, `k` signals its group, `w` waits for it, `W` for all.
import { Box, Text } from 'ink';
import { fitWidth } from '../model/text-width.js';
import { lifetimeText } from '../store/events-slice.js';
import { jobStateText, type Job } from '../store/jobs-slice.js';
import { openSignalMenu, toggleGroupSend } from '../store/signal-actions.js';
import type { ProcessRow } from '../model/process-row.js';
import type { ActionContext } from './action-context.js';
import { menuStep } from './menu-keys.js';
import type { KeyPress } from './parse-key.js';
import { useTheme } from './theme.js';
import { useAppStore } from './use-app-store.js';

const HEADING = '   #      PID     PGID  STATE              ELAPSED  COMMAND';

/** One job's line; `row` is its process in the latest sample (the state T says Stopped). */
function jobLine(job: Job, row: Pick<ProcessRow, 'state' | 'startTime'> | undefined, now: number): string {
  const same = row !== undefined && (job.startTime === 0 || row.startTime === job.startTime) ? row : undefined;
  const elapsed = job.end !== null ? job.end.realMs : now - job.startedAt;
  // The job leads its own process group (it was started with setsid): its PGID is its PID.
  return `${String(job.number).padStart(4)} ${String(job.pid).padStart(8)} ${String(job.pid).padStart(8)}  ${jobStateText(job, same?.state).padEnd(17)} ${lifetimeText(elapsed).padStart(9)}  ${job.command}`;
}

export function JobsPanel({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const jobs = useAppStore((s) => s.jobs);
  const rows = useAppStore((s) => s.rows);
  const selected = useAppStore((s) => s.menuIndex);
  const room = Math.max(1, height - 2);
  const top = Math.max(0, Math.min(selected - room + 1, jobs.length - room));
  const now = Date.now();
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text backgroundColor={theme.header} color={theme.headerText} inverse={!theme.color} wrap="truncate">
        {fitWidth(
          `Jobs pooltop started (${jobs.length})   ↑ ↓ select · Enter/o its processes · k signal its group · w wait for it · W for all · Esc closes`,
          width,
        )}
      </Text>
      <Text bold wrap="truncate">
        {fitWidth(HEADING, width)}
      </Text>
      {jobs.length === 0 && <Text wrap="truncate">{fitWidth('no jobs yet: & runs a command line in the background', width)}</Text>}
      {jobs.slice(top, top + room).map((job, i) => (
        <Text key={job.number} inverse={top + i === selected} wrap="truncate">
          {fitWidth(
            jobLine(
              job,
              rows.find((r) => r.pid === job.pid),
              now,
            ),
            width,
          )}
        </Text>
      ))}
    </Box>
  );
}

export function jobsKeys(key: KeyPress, { store, jobs }: ActionContext): void {
  const state = store.getState();
  if (key.name === 'j') return state.setMode('main');
  const job = state.jobs[state.menuIndex];
  if (key.name === 'k' && job) return signalJob(store, job);
  if (key.name === 'W') {
    state.setMode('main');
    return jobs.wait();
  }
  if (key.name === 'w' && job) {
    state.setMode('main');
    return jobs.wait([job.number]);
  }
  // `o`, as on the main screen: the job's subtree.
  const step = menuStep(key.name === 'o' ? { name: 'enter', text: '' } : key, state.menuIndex, state.jobs.length, Math.max(1, state.view.pageSize));
  if (step.kind === 'move') return state.setMenuIndex(step.index);
  if (step.kind === 'close') return state.setMode('main');
  if (step.kind !== 'choose' || !job) return;
  state.setMode('main');
  const row = sampledRow(store, job, 'nothing to show');
  if (row === undefined) return;
  // The `o` view, on the job: its shell (or the program it became) and everything under it.
  state.showSubtree(row.pid, row.startTime);
  state.selectPid(row.pid);
}

/** The job's process in the latest sample (same start time), or undefined and a message saying why not. */
function sampledRow(store: ActionContext['store'], job: Job, what: string): ProcessRow | undefined {
  const state = store.getState();
  const row = state.rows.find((r) => r.pid === job.pid && (job.startTime === 0 || r.startTime === job.startTime));
  if (job.end === null && row !== undefined) return row;
  state.notify(`job ${job.number} has ${job.end !== null ? 'ended' : 'not been sampled yet'}: ${what}`, 'warn');
  return undefined;
}

/**
 * `k`: the signal menu on the job's whole process group, as a shell's `kill %1` — the signal
 * menu's own group send (`g`), with its checks and its question listing the members. (A replay
 * has no jobs: `&` is refused there.)
 */
function signalJob(store: ActionContext['store'], job: Job): void {
  const state = store.getState();
  state.setMode('main');
  if (sampledRow(store, job, 'nothing to signal') === undefined) return;
  if (state.tags.size > 0) return state.notify('untag (U) first: the signal menu acts on the tagged processes', 'warn');
  if (!state.selectPid(job.pid)) return state.notify(`job ${job.number} (PID ${job.pid}) is not shown (a filter or user hides it)`, 'warn');
  openSignalMenu(store);
  if (store.getState().mode === 'signal') toggleGroupSend(store);
}
