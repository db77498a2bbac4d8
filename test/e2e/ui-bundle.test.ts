// The monitor draws only through its UI bundle, whose patches to Ink check themselves: without the
// bundle, or with one whose Ink is not the shape its patches were written for, pooltop says so
// and exits 1 — in one line before it takes the terminal when the bundle is missing or loads
// wrong, as an internal error with the terminal given back when the first render finds it. Each
// run is of a copy of bin/ and dist/ in a temporary folder (the repository's dist/ is other
// tests' to use).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { REPO_ROOT } from './pooltop-session.js';
import { TmuxSession } from './tmux-session.js';

describe('the UI bundle', () => {
  let dir = '';
  let session: TmuxSession | undefined;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pooltop-bundle-'));
  });
  afterEach(async () => {
    await session?.kill();
    session = undefined;
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of pooltop in `dir/name`, its bundle changed (or removed, with null) by `bundle`. */
  function copyOfPooltop(name: string, bundle: (text: string) => string | null): string {
    const root = join(dir, name);
    for (const part of ['bin', 'dist', 'package.json']) cpSync(join(REPO_ROOT, part), join(root, part), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
    const path = join(root, 'dist', 'ui', 'ui-bundle.js');
    const text = bundle(readFileSync(path, 'utf8'));
    if (text === null) rmSync(path);
    else writeFileSync(path, text);
    return join(root, 'bin', 'pooltop');
  }

  async function runToExit(bin: string): Promise<{ status: number; screen: string }> {
    session = await TmuxSession.start({ command: [bin], label: 'bundle' });
    const status = await session.waitForExit(15_000);
    // -J: the message's line as one, however the terminal wrapped it.
    return { status, screen: await session.tmux('capture-pane', '-p', '-J', '-t', session.pane) };
  }

  it('is missing: pooltop says to build it and exits 1, the terminal left as it was', async () => {
    const bin = copyOfPooltop('no-bundle', () => null);
    const { status, screen } = await runToExit(bin);
    assert.equal(status, 1, screen);
    assert.match(screen, /pooltop: the screen's bundle \S*dist\/ui\/ui-bundle\.js is missing: run `npm run build`/);
    assert.equal(await session!.alternateScreen(), false, 'never left the normal screen');
  });

  it("holds an Ink another shape than its patches': pooltop names the patch and exits 1", async () => {
    // Ink's Output class without its get(): the frame composer has nothing to stand in front of.
    const bin = copyOfPooltop('other-ink', (text) => {
      const get = /(var Output = class \{[\s\S]*?\n  )get\(\) \{/.exec(text);
      assert.ok(get, "Ink's Output class and its get() are in the bundle");
      return text.replace(get[0], `${get[1]}getFrame() {`);
    });
    const { status, screen } = await runToExit(bin);
    assert.equal(status, 1, screen);
    assert.match(screen, /pooltop: Ink's Output class is not the one pooltop's frame composer was written for: the UI bundle's Ink is not the ink 6\.8\.x/);
    assert.equal(await session!.alternateScreen(), false, 'never left the normal screen');
  });

  it('holds an Ink without the stdin events keys are read from: the first render ends pooltop, saying so', async () => {
    const bin = copyOfPooltop('no-events', (text) => {
      const given = 'internal_eventEmitter: internal_eventEmitter.current';
      assert.equal(text.split(given).length, 2, "Ink's App gives its emitter once in the bundle");
      return text.replace(given, 'internal_eventEmitter: void 0');
    });
    const { status, screen } = await runToExit(bin);
    assert.equal(status, 1, screen);
    assert.match(
      screen,
      /pooltop: internal error: Error: Ink's useStdin\(\) gives no internal_eventEmitter to read keys from: the UI bundle's Ink is not the ink 6\.8\.x/,
    );
    assert.equal(await session!.alternateScreen(), false, 'the terminal given back');
  });
});
