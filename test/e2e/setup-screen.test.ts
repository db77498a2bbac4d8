// End to end, the setup screen (F2, S): columns added, moved and removed, a colour scheme and the
// tree view chosen, all saved on exit through the settings file and there again on the next run.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { hexTo256 } from '../../src/ui/color-schemes.js';
import { ANY_TITLES } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { parseStyledCapture, stripSgr } from './sgr-screen.js';
import type { TmuxSession } from './tmux-session.js';

const root = mkdtempSync(join(tmpdir(), 'pooltop-e2e-setup-'));
let session: TmuxSession | undefined;
afterEach(async () => {
  await session?.kill();
  session = undefined;
});
after(() => rmSync(root, { recursive: true, force: true }));

// The titles without the sort column's ▽ / △ mark.
const titles = (capture: string): string[] =>
  (
    stripSgr(capture)
      .split('\n')
      .find((l) => ANY_TITLES.test(l)) ?? ''
  )
    .replace(/[▽△]/g, ' ')
    .trim()
    .split(/\s+/);
const titleBackground = (capture: string) =>
  parseStyledCapture(capture)
    .find((l) => ANY_TITLES.test(l.text))
    ?.styles.at(-1)?.bg;

/** Presses `key` and waits for the highlighted setup entry to read `label`. */
async function entry(s: TmuxSession, keys: string[], label: RegExp): Promise<void> {
  await s.sendKeys(...keys);
  await s.waitFor((c) => parseStyledCapture(c).some((l) => label.test(l.text) && l.styles[l.text.search(label)]?.bg !== null), {
    colors: true,
    description: `the setup entry ${label} highlighted`,
  });
}

describe('the setup screen', { timeout: 90_000 }, () => {
  it('adds, moves and removes columns, chooses a scheme, and the next run starts with them', async () => {
    const home = join(root, 'a');
    mkdirSync(home, { mode: 0o700 });
    session = await startPooltop(['-s', 'pid'], { env: { XDG_CONFIG_HOME: home } });
    const s = session;
    await s.sendKeys('F2');
    await s.waitFor(/Display options/, { description: 'the setup screen' });
    await s.sendKeys('Down');
    await s.waitFor(/\[x\] PID\s+process ID/, { description: 'the Columns section' });
    await s.sendKeys('Right');
    await entry(s, ['End'], /\[ \] CPU graph\b/);
    // The shown columns come first (14), then the others: PGRP is the 15th entry.
    await entry(s, ['Home', ...Array<string>(14).fill('Down')], /\[ \] PGRP\b/);
    await s.sendKeys('Enter');
    await s.waitFor(/\[x\] PGRP\b/, { description: 'PGRP added' });
    // Added before Command (always the last); F7 moves it left of CPU.
    await entry(s, ['Up'], /\[x\] PGRP\b/);
    await s.sendKeys('F7');
    await s.waitFor(/\[x\] PGRP[^\n]*\n[^\n]*\[x\] CPU\b/, { description: 'PGRP before CPU' });
    await entry(s, ['Home', 'Down', 'Down', 'Down', 'Down', 'Down'], /\[x\] VIRT\b/);
    await s.sendKeys('F9');
    await s.waitFor(/\[ \] VIRT\b/, { description: 'VIRT removed' });
    await s.sendKeys('Left', 'Down');
    await s.waitFor(/\( \) nord\b/, { description: 'the Colors section' });
    await s.sendKeys('Right');
    await entry(s, ['Down', 'Down'], /\( \) light-terminal\b/);
    await s.sendKeys('Enter');
    await s.waitFor(/\(•\) light-terminal\b/, { description: 'light-terminal chosen' });
    await s.sendKeys('Escape');
    const expected = ['PID', 'PPID', 'USER', 'PRI', 'NI', 'RES', 'SHR', 'S', 'CPU%', 'MEM%', 'TIME+', 'PGRP', 'CPU', 'Command'];
    const shown = await s.waitFor((c) => titles(c).join(' ') === expected.join(' '), { colors: true, description: 'the chosen columns' });
    assert.equal(titleBackground(shown), hexTo256('#1f5fa8'), "the light-terminal scheme's title colour (256 colours here)");
    await s.sendKeys('q');
    assert.equal(await s.waitForExit(), 0);
    const saved = JSON.parse(readFileSync(join(home, 'pooltop', 'config.json'), 'utf8'));
    assert.deepEqual(saved, {
      columns: ['pid', 'ppid', 'user', 'pri', 'ni', 'res', 'shr', 'state', 'cpu', 'mem', 'time', 'pgrp', 'core', 'command'],
      colorScheme: 'light-terminal',
    });
    await s.kill();

    session = await startPooltop(['-s', 'pid'], { env: { XDG_CONFIG_HOME: home } });
    const again = await session.waitFor((c) => titles(c).join(' ') === expected.join(' '), { colors: true, description: 'the saved columns on the next run' });
    assert.equal(titleBackground(again), hexTo256('#1f5fa8'), 'and the saved scheme');
  });

  it('opens with S too, toggles the tree view and steps the interval, both saved', async () => {
    const home = join(root, 'b');
    mkdirSync(home, { mode: 0o700 });
    session = await startPooltop([], { env: { XDG_CONFIG_HOME: home } });
    const s = session;
    await s.sendKeys('S');
    await s.waitFor(/\[ \] Tree view/, { description: 'the setup screen from S' });
    await s.sendKeys('Right', 'Enter');
    await s.waitFor(/\[x\] Tree view/, { description: 'tree view on' });
    await entry(s, ['Down'], /Update interval\s+1\.0 s/);
    await s.sendKeys('+');
    await s.waitFor(/Update interval\s+1\.5 s/, { description: 'the interval stepped up' });
    await s.sendKeys('F10');
    await s.waitFor(/[├└]─ /, { description: 'the tree on the main screen' });
    await s.sendKeys('q');
    assert.equal(await s.waitForExit(), 0);
    assert.deepEqual(JSON.parse(readFileSync(join(home, 'pooltop', 'config.json'), 'utf8')), { tree: true, delayTenths: 15 });
  });

  it('chooses the header meters in F2, and the next run with the same settings file draws the new header', async () => {
    const home = join(root, 'c');
    mkdirSync(home, { mode: 0o700 });
    session = await startPooltop([], { env: { XDG_CONFIG_HOME: home } });
    const s = session;
    await s.waitFor(/Mem\[/, { description: "today's header: the memory bar" });
    await s.sendKeys('F2', 'Down', 'Down', 'Down');
    await s.waitFor(/Header layout\s+2 columns/, { description: 'the Meters page' });
    await s.sendKeys('Right');
    await entry(s, ['Down', 'Down', 'Down'], /\[x\] Memory\s+column 1 · Bar/);
    await s.sendKeys('Space');
    await s.waitFor(/\[x\] Memory\s+column 1 · Text/, { description: 'Memory as text' });
    await s.waitFor(/^Mem: \S+\/\S+ used:/m, { description: 'the memory meter as text in the header above' });
    await entry(s, ['End'], /\[ \] GPU\b/);
    // The meters not placed are listed in the order of METER_IDS: Clock is 10 above GPU.
    await entry(s, Array<string>(10).fill('Up'), /\[ \] Clock\b/);
    await s.sendKeys('1');
    await s.waitFor(/\[x\] Clock\s+column 1 · Text/, { description: 'Clock placed in column 1' });
    await s.sendKeys('Escape');
    await s.waitFor(/^Time: \d\d:\d\d:\d\d/m, { description: 'the clock under the swap meter' });
    await s.sendKeys('q');
    assert.equal(await s.waitForExit(), 0);
    const saved = JSON.parse(readFileSync(join(home, 'pooltop', 'config.json'), 'utf8'));
    assert.deepEqual(saved.headerLayout.columns[0], [
      { meter: 'cpus', mode: 'bar' },
      { meter: 'memory', mode: 'text' },
      { meter: 'swap', mode: 'bar' },
      { meter: 'clock', mode: 'text' },
    ]);
    await s.kill();

    // Not the usual first-screen wait: it looks for the memory bar this header no longer has.
    session = await startPooltop([], { env: { XDG_CONFIG_HOME: home }, noWait: true });
    const again = stripSgr(
      await session.waitFor((c) => /^Time: \d\d:\d\d:\d\d/m.test(stripSgr(c)) && /PID/.test(c), {
        timeoutMs: 15_000,
        description: 'the clock on the next run',
      }),
    );
    assert.match(again, /^Mem: \S+\/\S+ used:/m, 'and the memory as text');
    assert.doesNotMatch(again, /Mem\[/);
  });

  it("switches screens with Tab: htop's I/O screen with its own columns and sort, and back to Main", async () => {
    const home = join(root, 'd');
    mkdirSync(home, { mode: 0o700 });
    session = await startPooltop([], { env: { XDG_CONFIG_HOME: home } });
    const s = session;
    await s.waitFor(/^\[Main\] {2}I\/O/m, { description: 'the tabs, Main shown' });
    await s.sendKeys('Tab');
    const io = await s.waitFor((c) => /^ Main {2}\[I\/O\]/m.test(stripSgr(c)) && titles(c).join(' ') === 'PID USER DISK R/W DISK READ DISK WRITE Command', {
      colors: true,
      description: 'the I/O screen',
    });
    assert.match(stripSgr(io), /DISK R\/W▽/, 'sorted by DISK R/W');
    await s.sendKeys('BTab');
    await s.waitFor((c) => titles(c).join(' ').startsWith('PID PPID USER PRI NI'), { colors: true, description: 'Main again with Shift-Tab' });
    await s.sendKeys('q');
    assert.equal(await s.waitForExit(), 0);
    assert.equal(existsSync(join(home, 'pooltop', 'config.json')), false, 'looking at screens changes no setting: nothing written');
  });
});
