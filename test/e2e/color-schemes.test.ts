// End to end, the colour schemes: --color-scheme picks one for the run (never saved), drawn in the
// richest colours the terminal announces (COLORTERM, TERM), and NO_COLOR still wins.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { hexTo256 } from '../../src/ui/color-schemes.js';
import { ANY_TITLES } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { parseStyledCapture, type CellStyle } from './sgr-screen.js';
import type { TmuxSession } from './tmux-session.js';

const root = mkdtempSync(join(tmpdir(), 'pooltop-e2e-schemes-'));
let session: TmuxSession | undefined;
afterEach(async () => {
  await session?.kill();
  session = undefined;
});
after(() => rmSync(root, { recursive: true, force: true }));

/** The style of the column titles' last cell (Command's, not the sorted column's). */
async function titleStyle(args: string[], env: Record<string, string | undefined> = {}, term?: string): Promise<CellStyle> {
  // Sorted by CPU%, not PID: in monochrome the sorted title carries an arrow (PID▲).
  session = await startPooltop(args, { env, ...(term ? { term } : {}) });
  const capture = await session.capture({ colors: true });
  const line = parseStyledCapture(capture).find((l) => ANY_TITLES.test(l.text));
  assert.ok(line, 'the titles are on screen');
  return line.styles.at(-1)!;
}

describe('colour schemes', { timeout: 60_000 }, () => {
  it('nord in true colour where COLORTERM says so', async () => {
    assert.equal((await titleStyle(['--color-scheme', 'nord'], { COLORTERM: 'truecolor' })).bg, '#5e81ac');
  });

  it('nord in 256 colours on a 256-colour TERM', async () => {
    assert.equal((await titleStyle(['--color-scheme', 'nord'])).bg, hexTo256('#5e81ac'));
  });

  it('nord in the 16 colours every terminal has on TERM=xterm', async () => {
    assert.equal((await titleStyle(['--color-scheme', 'nord'], {}, 'xterm')).bg, 4, 'blue');
  });

  it('the default scheme unchanged: green titles', async () => {
    assert.equal((await titleStyle([])).bg, 2);
  });

  it('monochrome draws the titles in inverse video, with no colour', async () => {
    const style = await titleStyle(['--color-scheme', 'monochrome']);
    assert.equal(style.inverse, true);
    assert.equal(style.bg, null);
  });

  it('NO_COLOR wins over any scheme, and --color-scheme is not saved', async () => {
    const home = join(root, 'nocolor');
    mkdirSync(home, { mode: 0o700 });
    const style = await titleStyle(['--color-scheme', 'black-night'], { NO_COLOR: '1', XDG_CONFIG_HOME: home });
    assert.equal(style.inverse, true);
    assert.equal(style.bg, null);
    await session!.sendKeys('q');
    assert.equal(await session!.waitForExit(), 0);
    assert.equal(existsSync(join(home, 'pooltop', 'config.json')), false, 'nothing saved');
  });

  it('refuses an unknown scheme with one line and status 2', async () => {
    session = await startPooltop(['--color-scheme', 'solarized'], { noWait: true });
    assert.equal(await session.waitForExit(), 2);
    await session.waitFor(/pooltop: --color-scheme must be one of default, monochrome, light-terminal, black-night, nord \(got "solarized"\)/);
  });
});
