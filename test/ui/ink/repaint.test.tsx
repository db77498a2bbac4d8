import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import instances from '../../../node_modules/ink/build/instances.js';
import { repaint, useRepaintOnResize } from '../../../src/ui/ink/repaint.js';
import { waitUntil } from '../wait-for-frame.js';

/** A terminal that records what is written to it. */
function terminal(isTTY: boolean) {
  const written: string[] = [];
  const stdout = { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
  return { stdout, written };
}

/** Registers a stand-in for Ink's instance on `stdout`, as Ink's render() registers its own. */
function fakeInstance(stdout: NodeJS.WriteStream, fields: Record<string, unknown>) {
  (instances as unknown as WeakMap<object, unknown>).set(stdout, fields);
}

const MISMATCH =
  /^Error: Ink's instance for this terminal has not the fields pooltop's repaint after a resize writes: the UI bundle's Ink is not the ink 6\.8\.x/;

describe("repaint, through Ink's instance", () => {
  it('has the frame writer clear and Ink write its frame again, forgetting the last one', () => {
    const { stdout, written } = terminal(true);
    const calls: string[] = [];
    const ink = {
      lastOutput: 'old frame',
      lastOutputToRender: 'old frame\n',
      lastOutputHeight: 24,
      log: { repaint: () => calls.push('repaint') },
      onRender: () => calls.push(`render after ${JSON.stringify([ink.lastOutput, ink.lastOutputToRender, ink.lastOutputHeight])}`),
    };
    fakeInstance(stdout, ink);
    repaint(stdout);
    assert.deepEqual(written, [], "the clear is the next frame's, inside its synchronized update");
    assert.deepEqual(calls, ['repaint', 'render after ["","",0]']);
  });

  it('draws nothing where there is no terminal (a test renders in memory)', () => {
    const { stdout, written } = terminal(false);
    fakeInstance(stdout, { lastOutput: '', lastOutputToRender: '', lastOutputHeight: 0, log: {}, onRender: () => written.push('render') });
    repaint(stdout);
    assert.deepEqual(written, []);
  });

  it("says so when Ink's instance is not the shape it writes, or there is none", () => {
    const { stdout } = terminal(true);
    assert.throws(
      () => repaint(stdout),
      (e) => MISMATCH.test(String(e)),
      'no instance',
    );
    fakeInstance(stdout, { lastOutput: '', lastOutputToRender: '', lastOutputHeight: 0, onRender() {} });
    assert.throws(
      () => repaint(stdout),
      (e) => MISMATCH.test(String(e)),
      'no frame writer',
    );
  });

  it("checks Ink's own instance on the first render, so a mismatch shows at start, not at a resize", async () => {
    function Screen({ columns }: { columns: number }) {
      useRepaintOnResize(columns, 24);
      return <Text>{`${columns} columns`}</Text>;
    }
    const { lastFrame, rerender, unmount } = render(<Screen columns={80} />);
    try {
      assert.equal(lastFrame(), '80 columns');
      rerender(<Screen columns={100} />);
      await waitUntil(() => lastFrame() === '100 columns', 'the frame at the new size');
    } finally {
      unmount();
    }
  });
});
