// End to end, what the monitor saves: settings changed with keys inside pooltop are remembered;
// command-line options (-s -d -t --color --no-color) apply to their run only.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { ANY_TITLES } from './monitor-screen.js';
import { startPooltop } from './pooltop-session.js';
import { parseStyledCapture } from './sgr-screen.js';
import type { TmuxSession } from './tmux-session.js';

const root = mkdtempSync(join(tmpdir(), 'pooltop-e2e-settings-'));
let n = 0;
let session: TmuxSession | undefined;

afterEach(async () => {
  await session?.kill();
  session = undefined;
});
after(() => rmSync(root, { recursive: true, force: true }));

/** A fresh XDG_CONFIG_HOME, with `content` as its pooltop/config.json when given. */
function configHome(content?: string): { home: string; file: string } {
  const home = join(root, `case${n++}`);
  const file = join(home, 'pooltop', 'config.json');
  mkdirSync(join(home, 'pooltop'), { recursive: true, mode: 0o700 });
  if (content !== undefined) writeFileSync(file, content);
  return { home, file };
}

const TREE = /[├└]─ /;

/** The title of the sorted column: the one drawn on another background than the rest of the titles (a -e capture). */
function sortedTitle(capture: string): string | null {
  const line = parseStyledCapture(capture).find((l) => ANY_TITLES.test(l.text));
  const titles = line?.styles[0]?.bg;
  // Without the direction's mark (▽ △), which a left-aligned title has inside its cells.
  return line
    ? [...line.text]
        .filter((c, i) => line.styles[i]?.bg !== titles && c !== '▽' && c !== '△')
        .join('')
        .trim()
    : null;
}
const sortedBy = (title: string) => (capture: string) => sortedTitle(capture) === title;

describe('settings saved by the monitor', () => {
  it('does not save -t, -s, -d or --no-color given on the command line', async () => {
    const text = '{"sortKey": "mem", "tree": false, "delayTenths": 20, "color": true, "theme": "mine"}\n';
    const { home, file } = configHome(text);
    session = await startPooltop(['-t', '-s', 'user', '-d', '5', '--no-color'], { env: { XDG_CONFIG_HOME: home } });
    await session.waitFor(TREE, { description: 'tree view from -t' });
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
    assert.equal(readFileSync(file, 'utf8'), text);
  });

  it('does not save --color either, and writes no file at all when no key changed a setting', async () => {
    const { home, file } = configHome();
    session = await startPooltop(['--color', '-s', 'time'], { env: { XDG_CONFIG_HOME: home } });
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
    assert.ok(!existsSync(file), 'no config.json was written');
  });

  it('saves what keys changed (t, a sort key), merged into the file, and the next run starts with it', async () => {
    const { home, file } = configHome('{"delayTenths": 20, "theme": "mine"}');
    session = await startPooltop(['-s', 'user'], { env: { XDG_CONFIG_HOME: home } });
    await session.waitFor(sortedBy('USER'), { colors: true, description: 'sorted by USER' });
    await session.sendKeys('M');
    await session.waitFor(sortedBy('MEM%'), { colors: true, description: 'sorted by MEM%' });
    await session.sendKeys('t');
    await session.waitFor(TREE, { description: 'tree view' });
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
    assert.equal(readFileSync(file, 'utf8'), '{"delayTenths": 20, "theme": "mine","sortKey": "mem","tree": true}');
    await session.kill();

    session = await startPooltop([], { env: { XDG_CONFIG_HOME: home } });
    await session.waitFor((s) => TREE.test(s) && sortedTitle(s) === 'MEM%', { colors: true, description: 'the saved tree view and sort' });
  });
});
