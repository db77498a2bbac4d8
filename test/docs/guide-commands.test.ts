// The command lines docs/lab.md tells a student to type: each lab program exists and knows every
// option the guide gives it, and each `pooltop primes` / `pooltop sumsq` line parses.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parsePrimesArgs } from '../../src/cli/primes-command.js';
import { parseSumsqArgs } from '../../src/cli/sumsq-command.js';
import { REPO_ROOT } from '../e2e/pooltop-session.js';
import { NO_PYTHON } from './lab-run.js';

const GUIDE = readFileSync(join(REPO_ROOT, 'docs', 'lab.md'), 'utf8');

/** Every `code span` of the guide outside its fenced blocks, white space (line breaks included) made single spaces. */
const spans = [...GUIDE.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\s+/g, ' ').trim());

/** The words of a span after what runs the program (time, taskset -c N): ["python3", "docs/lab/x.py", "--a", …]. */
function words(span: string): string[] {
  const all = span.split(' ');
  while (all[0] === 'time' || all[0] === 'taskset') all.splice(0, all[0] === 'taskset' ? 3 : 1);
  return all;
}

const labRuns = spans.map(words).filter((w) => (w[0] === 'python3' || w[0] === 'node') && w[1]?.startsWith('docs/lab/'));
const pooltopRuns = spans.map(words).filter((w) => w[0] === 'bin/pooltop' && (w[1] === 'primes' || w[1] === 'sumsq'));

describe('the lab guide’s command lines', () => {
  it('name the lab programs the exercises use', () => {
    assert.ok(labRuns.length >= 20, `${labRuns.length} lab program runs found`);
    assert.ok(pooltopRuns.length >= 6, `${pooltopRuns.length} pooltop runs found`);
  });

  it('give each lab program only options its --help lists', { skip: NO_PYTHON }, () => {
    const helps = new Map<string, string>();
    for (const [runner, program, ...args] of labRuns) {
      assert.ok(existsSync(join(REPO_ROOT, program!)), `${program} exists`);
      let help = helps.get(program!);
      if (help === undefined) {
        const result = spawnSync(runner!, [program!, '--help'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
        assert.equal(result.status, 0, `${program} --help: ${result.stderr}`);
        help = result.stdout;
        helps.set(program!, help);
      }
      for (const option of args.filter((a) => a.startsWith('--'))) {
        assert.ok(help.includes(option), `${program} ${args.join(' ')}: ${option} is not in its --help`);
      }
    }
  });

  it('give pooltop primes and sumsq arguments they accept', () => {
    for (const [, command, ...args] of pooltopRuns) {
      const parsed = command === 'primes' ? parsePrimesArgs(args) : parseSumsqArgs(args);
      assert.ok(!('error' in parsed), `pooltop ${command} ${args.join(' ')}: ${'error' in parsed ? parsed.error : ''}`);
    }
  });
});
