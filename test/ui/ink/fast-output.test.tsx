import '../force-color.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Output from '../../../node_modules/ink/build/output.js';
import { createAppStore } from '../../../src/store/app-store.js';
import { App } from '../../../src/ui/app.js';
import { composeFrame, installFastOutput, type InkOutput } from '../../../src/ui/ink/fast-output.js';
import { parseStyledCapture } from '../../e2e/sgr-screen.js';
import { info, sample } from '../../model/fixtures.js';
import { renderWithStore } from '../render-with-store.js';
import { waitUntil } from '../wait-for-frame.js';
import { testContext } from '../test-context.js';

// Every frame Ink renders while these tests run is produced both ways and compared cell by cell:
// text and style of each cell must be the same from composeFrame as from Ink's own get().
let compared = 0;
let composed = 0;
const mismatches: string[] = [];
let restore: () => void = () => {};

before(() => {
  const prototype = (Output as unknown as { prototype: { get(this: InkOutput): { output: string; height: number } } }).prototype;
  const original = prototype.get;
  prototype.get = function get(this: InkOutput) {
    const ink = original.call(this);
    const fast = composeFrame(this);
    compared++;
    if (fast) {
      composed++;
      const a = parseStyledCapture(ink.output);
      const b = parseStyledCapture(fast.output);
      if (fast.height !== ink.height || a.length !== b.length) mismatches.push(`height ${ink.height}/${a.length} vs ${fast.height}/${b.length}`);
      a.forEach((line, y) => {
        const other = b[y];
        if (!other || other.text !== line.text) mismatches.push(`line ${y} text:\n${line.text}\n${other?.text}`);
        else if (JSON.stringify(other.styles) !== JSON.stringify(line.styles)) mismatches.push(`line ${y} styles: ${line.text}`);
      });
    }
    return ink;
  };
  restore = () => {
    prototype.get = original;
  };
});
after(() => restore());

function storeWithTree() {
  const store = createAppStore({ sortKey: 'pid' });
  store
    .getState()
    .applySample(
      sample([
        info(1, { ppid: 0, command: '/sbin/init' }),
        info(20, { ppid: 1, command: 'bash', state: 'R' }),
        info(30, { ppid: 20, command: 'sleep 987654', state: 'T' }),
        info(40, { ppid: 20, command: '日本語 wide 🎉 x\x1b]0;t\x07' }),
        info(50, { ppid: 1, command: 'vim notes', state: 'Z' }),
      ]),
    );
  return store;
}

/** Writes the keys one at a time, each once the frame the one before made has been compared. */
async function press(stdin: { write(data: string): void }, keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    const before = compared;
    stdin.write(key);
    await waitUntil(() => compared > before, `the frame after ${JSON.stringify(key)}`);
  }
}

describe('composeFrame against Ink', () => {
  it('produces the same cells for every screen of the monitor', async () => {
    const store = storeWithTree();
    const { stdin, unmount } = renderWithStore(<App ctx={testContext(store)} />, store);
    // Space tags PID 20 and moves to its child 30; up goes back to 20, whose subtree - folds (a
    // leaf folds nothing, and a key that changes nothing on screen draws no frame).
    await press(stdin, ['\x1b[B', ' ', 't', '\x1b[A', '-']);
    await press(stdin, ['k', '\x1b', '\x1b[17~', '\r', 'u', '\x1b', '?', 'x', '/', 'v', 'i', '\r', 'a', '\x1b', '\\', 's', '\r', 'Z']);
    unmount();
    assert.deepEqual(mismatches, []);
    assert.ok(compared >= 10, `${compared} frames compared`);
    assert.equal(composed, compared, 'every frame of pooltop takes the fast path');
  });

  it('works in monochrome too', async () => {
    const store = storeWithTree();
    const { stdin, unmount } = renderWithStore(<App ctx={testContext(store)} />, store, false);
    await press(stdin, ['\x1b[B', ' ', 't', 'k']);
    unmount();
    assert.deepEqual(mismatches, []);
  });

  it('hands clipping and overlapping writes to Ink', () => {
    const base = { width: 10, height: 1, caches: { getStringWidth: (t: string) => t.length } };
    assert.equal(composeFrame({ ...base, operations: [{ type: 'clip' }] }), null);
    const overlap = [
      { type: 'write' as const, x: 0, y: 0, text: 'abcdef', transformers: [] },
      { type: 'write' as const, x: 3, y: 0, text: 'xyz', transformers: [] },
    ];
    assert.equal(composeFrame({ ...base, operations: overlap }), null);
    const side = [
      { type: 'write' as const, x: 5, y: 0, text: 'xyz', transformers: [] },
      { type: 'write' as const, x: 0, y: 0, text: 'ab', transformers: [(s: string) => s.toUpperCase()] },
    ];
    assert.deepEqual(composeFrame({ ...base, operations: side }), { output: 'AB   xyz', height: 1 });
  });
});

describe('installFastOutput, the run-time patch and its self-check', () => {
  it("stands in front of the get() of Ink's Output class: Ink's frame, composed by pooltop", () => {
    class Copy extends (Output as unknown as new (size: { width: number; height: number }) => InkOutput & { write(...args: unknown[]): void }) {}
    installFastOutput(Copy);
    const own = Object.getOwnPropertyDescriptor(Copy.prototype, 'get');
    assert.ok(own, 'Copy has a get() of its own now');
    const frame = new Copy({ width: 10, height: 1 });
    frame.write(0, 0, 'ab', { transformers: [] });
    frame.write(5, 0, 'xyz', { transformers: [] });
    assert.deepEqual((frame as unknown as { get(): unknown }).get(), { output: 'ab   xyz', height: 1 });
    installFastOutput(Copy);
    assert.equal(Object.getOwnPropertyDescriptor(Copy.prototype, 'get')?.value, own.value, 'installed once');
  });

  it('says so, and changes nothing, when the class is not the shape it was written for', () => {
    const mismatch =
      /^Error: Ink's Output class is not the one pooltop's frame composer was written for: the UI bundle's Ink is not the ink 6\.8\.x its patches were written for/;
    assert.throws(
      () => installFastOutput(class {}),
      (e) => mismatch.test(String(e)),
    );
    assert.throws(
      () => installFastOutput(null),
      (e) => mismatch.test(String(e)),
    );
    // A get() of its own, but the writes kept elsewhere than composeFrame reads them.
    class Elsewhere {
      lines: string[] = [];
      write(_x: number, _y: number, text: string) {
        this.lines.push(text);
      }
      get() {
        return { output: this.lines.join('\n'), height: 2 };
      }
    }
    const get = Elsewhere.prototype.get;
    assert.throws(
      () => installFastOutput(Elsewhere),
      (e) => mismatch.test(String(e)),
    );
    assert.equal(Elsewhere.prototype.get, get, 'left as it was');
  });
});
