// pooltop's performance goals, each judged from one comparison run: met, missed, or not measured
// in this run. Ratios are against htop and btop measured in the same window.
import { type Comparison, type Level, levelName, type ProgramKey, ratio, significant, times } from './monitor-comparison.js';

export interface GoalResult {
  goal: string;
  verdict: 'goal met' | 'missed' | 'not measured';
  /** The figures behind the verdict. */
  detail: string;
}

/** Peak RSS allowed at up to +2,000 processes with every feature on, MiB (as ps and htop count MB). */
const RSS_LIMIT_MIB = 64;
const FIRST_FRAME_AT_REST_MS = 250;
const FIRST_FRAME_AT_2000_MS = 500;
const VERSION_MS = 100;
/** The largest count the issue asks for; a run without a level this big says the goal was not measured. */
const SCALE = 10_000;
const AT_2000 = 2000;

function judge(goal: string, holds: boolean | null, detail: string): GoalResult {
  return { goal, verdict: holds === null ? 'not measured' : holds ? 'goal met' : 'missed', detail };
}

/** `ours` against `theirs` as a ratio goal: holds when ours ÷ theirs ≤ limit (or < limit when strict). */
function ratioGoal(goal: string, ours: number | null | undefined, theirs: number | null | undefined, limit: number, unit: string, strict = false): GoalResult {
  const r = ratio(ours, theirs);
  const detail =
    r === null ? `pooltop ${significant(ours)}, against ${significant(theirs)}` : `${times(r)} (${significant(ours)} vs ${significant(theirs)} ${unit})`;
  return judge(goal, r === null ? null : strict ? r < limit : r <= limit, detail);
}

export function judgeGoals(comparison: Comparison): GoalResult[] {
  const results: GoalResult[] = [];
  const { levels } = comparison;
  for (const level of levels) {
    const name = levelName(level);
    const cpu = (key: ProgramKey) => level.figures[key]?.cpuMsPerSecond;
    const [limit, where] = level.extra === 0 ? [1.0, 'at rest (the machine)'] : [0.3, `at ${name}`];
    results.push(ratioGoal(`CPU ${where} ≤ ${limit.toFixed(1)}× htop`, cpu('pooltop'), cpu('htop'), limit, 'ms/s'));
  }
  if (!levels.some((level) => level.extra >= SCALE)) {
    results.push(judge(`CPU at +${SCALE.toLocaleString('en')} ≤ 0.3× htop`, null, 'run `npm run bench -- compare --scale`'));
  }
  for (const level of levels) {
    const cpu = (key: ProgramKey) => level.figures[key]?.cpuMsPerSecond;
    results.push(ratioGoal(`CPU below btop's at ${levelName(level)}`, cpu('pooltop'), cpu('btop'), 1, 'ms/s', true));
  }
  for (const level of levels) {
    const bytes = (key: ProgramKey) => level.figures[key]?.bytesPerRefresh;
    results.push(ratioGoal(`bytes per refresh ≤ htop's at ${levelName(level)}`, bytes('pooltop'), bytes('htop'), 1, 'B'));
  }
  for (const level of levels) {
    const tmux = (key: ProgramKey) => level.figures[key]?.tmuxCpuMs;
    results.push(ratioGoal(`the tmux server's CPU ≤ htop's at ${levelName(level)}`, tmux('pooltop'), tmux('htop'), 1, 'ms'));
  }

  const rssGoal = (where: string) => `peak RSS ≤ ${RSS_LIMIT_MIB} MB at ${where}, every feature on`;
  const busy = levels.filter((level) => level.extra > 0 && level.extra <= AT_2000);
  if (busy.length === 0) results.push(judge(rssGoal(`+${AT_2000.toLocaleString('en')}`), null, 'no level with extra processes'));
  for (const level of busy) {
    const peak = level.figures['pooltop-all']?.peakRss;
    const mib = peak === null || peak === undefined ? null : peak / 1024 / 1024;
    results.push(judge(rssGoal(levelName(level)), mib === null ? null : mib <= RSS_LIMIT_MIB, `${significant(mib)} MB`));
  }

  const frameGoal = (level: Level, limit: number) => {
    const ms = level.figures.pooltop?.firstFrameMs;
    return judge(`first full frame ≤ ${limit} ms at ${levelName(level)}`, ms === null || ms === undefined ? null : ms <= limit, `${significant(ms)} ms`);
  };
  for (const level of levels) if (level.extra === 0) results.push(frameGoal(level, FIRST_FRAME_AT_REST_MS));
  for (const level of busy) results.push(frameGoal(level, FIRST_FRAME_AT_2000_MS));
  if (busy.length === 0)
    results.push(judge(`first full frame ≤ ${FIRST_FRAME_AT_2000_MS} ms at +${AT_2000.toLocaleString('en')}`, null, 'no level with extra processes'));
  const version = comparison.versionMs.pooltop;
  results.push(judge(`pooltop --version ≤ ${VERSION_MS} ms`, version === undefined ? null : version <= VERSION_MS, `${significant(version)} ms`));
  return results;
}

/** One line per goal: the verdict first, padded so the goals line up. */
export function formatVerdicts(results: readonly GoalResult[]): string[] {
  const width = Math.max(...results.map((r) => r.verdict.length));
  return results.map((r) => `${r.verdict.padEnd(width)}  ${r.goal}: ${r.detail}`);
}
