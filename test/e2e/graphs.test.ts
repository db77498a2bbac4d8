// End to end, the graphs: a 2-worker pool's "cores busy" graph rises while it runs, falls to
// nothing while it is paused (a P under it), and rises again on resume (an R); g shows every
// core's graph and } lengthens the span; G puts a graph beside each CPU bar.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { plain } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { endPoolTest, workersOf } from './pool-workers.js';
import type { ProcRef } from './proc-table.js';
import type { TmuxSession } from './tmux-session.js';

let session: TmuxSession | undefined;
let workers: ProcRef[] = [];

afterEach(async () => {
  const [s, w] = [session, workers];
  session = undefined;
  workers = [];
  await endPoolTest(s, w);
});

/** The pool graph as drawn: its two rows (without the "busy " label), the marks line, and the cores-busy figure. */
function poolGraph(screen: string): { rows: [string, string]; marks: string; busy: number } | null {
  const lines = plain(screen).split('\n');
  const at = lines.findIndex((l) => l.startsWith('busy '));
  const busy = /(\d+\.\d\d) cores busy now/.exec(plain(screen));
  if (at < 0 || !busy || lines[at + 1]?.startsWith('busy ') !== true) return null;
  const width = lines[at]!.indexOf(' 2 cores') - 5;
  if (width <= 0) return null;
  const row = (line: string): string => line.slice(5).padEnd(width).slice(0, width);
  return { rows: [row(lines[at]!), row(lines[at + 1]!)], marks: (lines[at + 2] ?? '').slice(5, 5 + width), busy: Number(busy[1]) };
}

/** The newest three cells of each row are blank: nothing busy over the last refreshes. */
const fallen = (g: NonNullable<ReturnType<typeof poolGraph>>): boolean => g.rows.every((r) => r.slice(-3).trim() === '');
/** The newest cell of the bottom row has dots; past 1.5 of the 2 cores busy, the top row's too. */
const risen = (g: NonNullable<ReturnType<typeof poolGraph>>): boolean =>
  g.rows[1].slice(-1).trim() !== '' && (g.busy < 1.5 || g.rows[0].slice(-1).trim() !== '');

describe('graphs in a 120×40 terminal', { timeout: 120_000 }, () => {
  it("a 2-worker pool's cores-busy graph rises, falls while paused, rises again on resume", async () => {
    session = await startPooltop(['--pool', '2', '-d', '5']);
    workers = await workersOf(session, 2);
    const graph = async (test: (g: NonNullable<ReturnType<typeof poolGraph>>) => boolean, description: string) => {
      const screen = await session!.waitFor(
        (s) => {
          const g = poolGraph(s);
          return g !== null && test(g);
        },
        { timeoutMs: 20_000, description },
      );
      return poolGraph(screen)!;
    };
    await graph(risen, 'the graph risen with the workers busy');

    await session.sendKeys('w');
    await session.waitFor(/Pause all/, { description: 'the pool menu' });
    await session.sendKeys('Down', 'Down', 'Down', 'Enter');
    const paused = await graph((g) => fallen(g) && g.marks.includes('P'), 'the graph fallen to nothing, a P under it');
    assert.equal(paused.busy, 0);

    await session.sendKeys('w');
    await session.waitFor(/Resume all/, { description: 'the pool menu' });
    await session.sendKeys('Down', 'Down', 'Down', 'Down', 'Enter');
    const resumed = await graph((g) => risen(g) && g.marks.includes('R'), 'the graph risen again, an R under it');
    assert.ok(resumed.marks.indexOf('P') < resumed.marks.lastIndexOf('R'), `P before R: ${resumed.marks}`);
    // Between them, the pause: blank cells in both rows.
    const between = resumed.rows[1].slice(resumed.marks.indexOf('P') + 1, resumed.marks.lastIndexOf('R'));
    assert.match(between, /^ *$|^[⠀-⣿]? +[⠀-⣿]?$/, `the pause blank in the graph: "${between}"`);

    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
  });

  it('g shows a graph per core with its span, } lengthens it, G draws graphs beside the bars', async () => {
    session = await startPooltop(['-d', '5']);
    await session.sendKeys('g');
    const panel = await session.waitFor(
      (s) => /^Graphs · last 60 s/m.test(plain(s)) && /^\s+0 [⠀-⣿ ]*[⡀-⣿]/m.test(plain(s)) && /^\s+1 [⠀-⣿ ]*[⡀-⣿]/m.test(plain(s)),
      {
        description: 'the graphs panel with both cores drawn',
        timeoutMs: 10_000,
      },
    );
    // 120×40 leaves the panel room for memory's three rows: in use/total, then each part's figure, in blocks.
    assert.match(plain(panel), /^ {3} [▁-█ ]+ \S+\/\S+\n {3} [▁-█ ]+ used \S+ shared \S+\nMem [▁-█ ]+ buffers \S+ cache \S+$/m);
    assert.match(plain(panel), /^\s*Net [⠀-⣿ ]*\S+\/s in, \S+\/s out \(top \S+\/s\)$/m);
    await session.sendKeys('}');
    await session.waitFor((s) => /^Graphs · last 2 min/m.test(plain(s)) && /Graphs: last 2 min/.test(plain(s)), {
      description: 'the span 2 min, in the panel and the header',
    });
    await session.sendKeys('G');
    await session.waitFor((s) => /^\s+0\[[^\]]*\] [⠀-⣿ ]*[⡀-⣿]/m.test(plain(s)), { description: 'a graph beside core 0 bar' });
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
  });
});
