// Ink never re-wraps or cuts a line pooltop fitted to the screen, however hostile its text: the
// bundle the monitor loads (dist/ui/ui-bundle.js, Ink measuring with pooltop's width) draws every
// row of the width corpus, page by page at 80, 120 and 200 columns, and each frame is the
// terminal's height in lines, each line exactly what pooltop built for it. Outside the bundle (the
// component tests) Ink measures with string-width, which never counts made-safe text wider than
// pooltop does (test/ui/ink/fast-string-width.test.ts), so it has no reason to re-wrap either.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { stripVTControlCharacters } from 'node:util';

// As the monitor's loadUi: React's production build and Ink not in CI mode, decided on load.
process.env.NODE_ENV = 'production';
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;

const BUNDLE = new URL('../../dist/ui/ui-bundle.js', import.meta.url).pathname;

/** A terminal of a given size that keeps the last frame Ink wrote (debug mode writes whole frames). */
class FrameTerminal extends EventEmitter {
  readonly isTTY = true;
  last = '';
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write(text: string): boolean {
    this.last = text;
    return true;
  }
}

class SilentStdin extends EventEmitter {
  readonly isTTY = true;
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read(): null {
    return null;
  }
}

/** The PID on the line under the column titles of a frame. */
function firstRowPid(frame: string): number {
  const lines = stripVTControlCharacters(frame).split('\n');
  const titles = lines.findIndex((l) => /^\s*PID\b.*Command/.test(l));
  return Number(/^\s*(\d+)\s/.exec(lines[titles + 1] ?? '')?.[1] ?? -1);
}

describe('Ink and hostile text', { skip: !existsSync(BUNDLE) && 'no dist/ui/ui-bundle.js: npm run build' }, () => {
  for (const columns of [80, 120, 200]) {
    it(`draws every corpus row at ${columns} columns as pooltop fitted it, the frame the terminal's height`, async () => {
      type Bundle = typeof import('../../src/ui/ui-bundle-entry.js');
      const [
        { render, React, App, StoreContext, MONO_THEME, ThemeContext },
        { createAppStore },
        { formatRow, layoutColumns },
        { displayWidth },
        { info, sample },
        { testContext },
        { WIDTH_CORPUS },
      ] = await Promise.all([
        import(BUNDLE) as Promise<Bundle>,
        import('../../src/store/app-store.js'),
        import('../../src/model/format-row.js'),
        import('../../src/model/text-width.js'),
        import('../model/fixtures.js'),
        import('./test-context.js'),
        import('../model/width-corpus.js'),
      ]);
      const rows = 40;
      const store = createAppStore({ sortKey: 'pid' });
      store.getState().applySample(sample(WIDTH_CORPUS.map((h, i) => info(100 + i, { command: h.text, user: i % 7 === 0 ? h.text.slice(0, 12) : 'ann' }))));
      const terminal = new FrameTerminal(columns, rows);
      const ink = render(
        React.createElement(
          ThemeContext.Provider,
          { value: MONO_THEME },
          React.createElement(StoreContext.Provider, { value: store }, React.createElement(App, { ctx: testContext(store) })),
        ),
        {
          stdout: terminal as unknown as NodeJS.WriteStream,
          stderr: terminal as unknown as NodeJS.WriteStream,
          stdin: new SilentStdin() as unknown as NodeJS.ReadStream,
          exitOnCtrlC: false,
          patchConsole: false,
          debug: true,
          maxFps: 1000,
        },
      );
      try {
        const layout = layoutColumns(columns);
        const seen = new Set<number>();
        for (let page = 0; page < 40 && seen.size < WIDTH_CORPUS.length; page++) {
          const { visible, cursor, view } = store.getState();
          // React commits and Ink writes a frame a little after the store changes: wait for it.
          for (const deadline = Date.now() + 10_000; firstRowPid(terminal.last) !== visible[cursor.scrollTop]!.pid; ) {
            assert.ok(Date.now() < deadline, `page ${page} was drawn`);
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          const lines = stripVTControlCharacters(terminal.last).split('\n');
          assert.equal(lines.length, rows - 1, `the frame is the screen's height less one line (page ${page})`);
          for (const line of lines) assert.ok(displayWidth(line) <= columns, `no line wider than the screen: ${JSON.stringify(line.slice(0, 60))}`);
          const titles = lines.findIndex((l) => /^\s*PID\b.*Command/.test(l));
          assert.ok(titles > 0, `the column titles are drawn:\n${lines.join('\n')}`);
          for (let i = 0; i < view.pageSize && cursor.scrollTop + i < visible.length; i++) {
            const row = visible[cursor.scrollTop + i]!;
            assert.equal(lines[titles + 1 + i]?.trimEnd(), formatRow(row, layout).trimEnd(), `PID ${row.pid}'s line is what pooltop built`);
            seen.add(row.pid);
          }
          store.getState().movePage(1);
        }
        assert.equal(seen.size, WIDTH_CORPUS.length, 'every row was drawn on a page');
      } finally {
        ink.unmount();
      }
    });
  }
});
