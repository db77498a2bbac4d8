// The `j` list of the jobs pooltop started with `&`: number, PID, PGID, state, elapsed, command
// line; a row's Enter shows that job's subtree in the table, `w` waits for it, `W` for all.
import { Box, Text } from 'ink';
import { fitWidth } from '../model/text-width.js';
import { lifetimeText } from '../store/events-slice.js';
import { jobStateText, type Job } from '../store/jobs-slice.js';
import type { ProcessRow } from '../model/process-row.js';
import type { ActionContext } from './action-context.js';
import { menuStep } from './menu-keys.js';
import type { KeyPress } from './parse-key.js';
import { useTheme } from './theme.js';
import { useAppStore } from './use-app-store.js';

const HEADING = '   #      PID     PGID  STATE              ELAPSED  COMMAND';

/** One job's line; `row` is its process in the latest sample (the state T says Stopped). */
export function jobLine(job: Job, row: Pick<ProcessRow, 'state' | 'startTime'> | undefined, now: number): string {
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
        {fitWidth(`Jobs pooltop started (${jobs.length})   ↑ ↓ select · Enter/o its processes · w wait for it · W wait for all · Esc closes`, width)}
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
  const row = state.rows.find((r) => r.pid === job.pid && (job.startTime === 0 || r.startTime === job.startTime));
  if (job.end !== null || row === undefined)
    return state.notify(`job ${job.number} has ${job.end !== null ? 'ended' : 'not been sampled yet'}: nothing to show`, 'warn');
  // The `o` view, on the job: its shell (or the program it became) and everything under it.
  state.showSubtree(row.pid, row.startTime);
  state.selectPid(row.pid);
}
