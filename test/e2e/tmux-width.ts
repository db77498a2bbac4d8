// How many cells tmux itself gives a text: each one printed in a real tmux pane, the cursor's
// column asked back from tmux (width-probe.ts). pooltop's widths are checked against this, never
// against pooltop's own measure.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { REPO_ROOT } from './pooltop-session.js';
import { TmuxSession } from './tmux-session.js';

const PROBE = join(REPO_ROOT, 'test', 'e2e', 'width-probe.ts');
/** The probe's pane: wide enough that no text it is given wraps (tmux takes up to 10,000). */
const PANE_COLUMNS = 4000;

/** The cells tmux moves the cursor for each text, in order. Texts must hold no control character. */
export async function tmuxWidths(texts: readonly string[]): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pooltop-width-'));
  const input = join(dir, 'texts.json');
  const output = join(dir, 'widths.json');
  writeFileSync(input, JSON.stringify(texts));
  const session = await TmuxSession.start({
    command: [process.execPath, '--import', 'tsx', PROBE, input, output],
    cwd: REPO_ROOT,
    columns: PANE_COLUMNS,
    rows: 5,
    label: 'width',
  });
  try {
    const deadline = Date.now() + 30_000;
    while (!existsSync(output)) {
      if (Date.now() > deadline) throw new Error(`the width probe gave no answer in 30 s; its pane:\n${await session.capture()}`);
      await delay(50);
    }
    const widths = JSON.parse(readFileSync(output, 'utf8')) as number[];
    if (widths.length !== texts.length) throw new Error(`the width probe measured ${widths.length} of ${texts.length} texts`);
    return widths;
  } finally {
    await session.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The widest line tmux would draw whole in the probe's pane. */
export const PROBE_LIMIT = PANE_COLUMNS - 2;
