import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figures, MIB } from './bench-figures.js';
import type { Comparison, Level } from '../../../../scripts/bench/lib/monitor-comparison.js';
import { formatVerdicts, type GoalResult, judgeGoals } from '../../../../scripts/bench/lib/performance-goals.js';

const level = (extra: number, f: Level['figures']): Level => ({ extra, processes: 66 + extra, windowSeconds: 40, figures: f });

const comparison = (levels: Level[], pooltopVersionMs?: number): Comparison => ({
  titles: { htop: 'htop', btop: 'btop', pooltop: 'pooltop', 'pooltop-all': 'pooltop, every feature' },
  levels,
  versionMs: pooltopVersionMs === undefined ? {} : { pooltop: pooltopVersionMs },
});

const verdictOf = (results: GoalResult[], goal: string): string | undefined => results.find((r) => r.goal === goal)?.verdict;

describe('the performance goals', () => {
  // The issue's own figures: 1.8× htop at rest, 0.27× at +2,000.
  const before = judgeGoals(
    comparison(
      [
        level(0, { htop: figures(3.26), btop: figures(7.05), pooltop: figures(5.82, { bytesPerRefresh: 5530, tmuxCpuMs: 33, firstFrameMs: 280 }) }),
        level(2000, {
          htop: figures(155),
          btop: figures(54.8),
          pooltop: figures(41.3, { firstFrameMs: 450 }),
          'pooltop-all': figures(45, { peakRss: 77.3 * MIB }),
        }),
      ],
      140,
    ),
  );

  it('judges CPU against htop: ≤ 1.0× at rest, ≤ 0.3× with extra processes', () => {
    assert.equal(verdictOf(before, 'CPU at rest (the machine) ≤ 1.0× htop'), 'missed');
    assert.equal(verdictOf(before, 'CPU at +2,000 ≤ 0.3× htop'), 'goal met');
    assert.equal(before.find((r) => r.goal === 'CPU at rest (the machine) ≤ 1.0× htop')?.detail, '1.8× (5.82 vs 3.26 ms/s)');
  });

  it('says +10,000 was not measured when no row had that many, and how to measure it', () => {
    const scale = before.find((r) => r.goal === 'CPU at +10,000 ≤ 0.3× htop');
    assert.equal(scale?.verdict, 'not measured');
    assert.match(scale?.detail ?? '', /compare --scale/);
  });

  it('judges CPU below btop strictly, at every row', () => {
    assert.equal(verdictOf(before, "CPU below btop's at machine"), 'goal met');
    assert.equal(verdictOf(before, "CPU below btop's at +2,000"), 'goal met');
    const tie = judgeGoals(comparison([level(0, { btop: figures(5), pooltop: figures(5) })]));
    assert.equal(verdictOf(tie, "CPU below btop's at machine"), 'missed');
  });

  it("judges bytes per refresh and the tmux server's CPU against htop's", () => {
    assert.equal(verdictOf(before, "bytes per refresh ≤ htop's at machine"), 'missed');
    assert.equal(verdictOf(before, "bytes per refresh ≤ htop's at +2,000"), 'goal met');
    assert.equal(verdictOf(before, "the tmux server's CPU ≤ htop's at machine"), 'missed');
  });

  it('judges peak RSS with every feature on at +2,000, the first frames and --version', () => {
    assert.equal(verdictOf(before, 'peak RSS ≤ 64 MB at +2,000, every feature on'), 'missed');
    assert.equal(verdictOf(before, 'first full frame ≤ 250 ms at machine'), 'missed');
    assert.equal(verdictOf(before, 'first full frame ≤ 500 ms at +2,000'), 'goal met');
    assert.equal(verdictOf(before, 'pooltop --version ≤ 100 ms'), 'missed');
  });

  it('meets every goal with figures under every limit', () => {
    const after = judgeGoals(
      comparison(
        [
          level(0, { htop: figures(3.26), btop: figures(7.05), pooltop: figures(3.2, { bytesPerRefresh: 700, tmuxCpuMs: 18 }) }),
          level(2000, { htop: figures(155), btop: figures(54.8), pooltop: figures(40), 'pooltop-all': figures(44, { peakRss: 63.9 * MIB }) }),
          level(10_000, { htop: figures(700), btop: figures(250), pooltop: figures(200) }),
        ],
        90,
      ),
    );
    assert.deepEqual(
      after.filter((r) => r.verdict !== 'goal met'),
      [],
    );
    assert.equal(verdictOf(after, 'CPU at +10,000 ≤ 0.3× htop'), 'goal met');
  });

  it('says "not measured" where a program did not run, never met or missed', () => {
    const alone = judgeGoals(comparison([level(0, { pooltop: figures(5) })]));
    assert.equal(verdictOf(alone, 'CPU at rest (the machine) ≤ 1.0× htop'), 'not measured');
    assert.equal(verdictOf(alone, "CPU below btop's at machine"), 'not measured');
    assert.equal(verdictOf(alone, 'peak RSS ≤ 64 MB at +2,000, every feature on'), 'not measured');
    assert.equal(verdictOf(alone, 'first full frame ≤ 500 ms at +2,000'), 'not measured');
    assert.equal(verdictOf(alone, 'pooltop --version ≤ 100 ms'), 'not measured');
  });

  it('prints one line per goal, the verdicts padded to one width', () => {
    const lines = formatVerdicts(before);
    assert.equal(lines.length, before.length);
    assert.equal(lines[0], 'missed        CPU at rest (the machine) ≤ 1.0× htop: 1.8× (5.82 vs 3.26 ms/s)');
    const column = 'not measured  '.length;
    assert.ok(lines.every((line) => /^(goal met|missed|not measured) +\S/.test(line) && line[column - 1] === ' ' && line[column] !== ' '));
  });
});
