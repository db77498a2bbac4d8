import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { createFrameWriter, installFrameWriter } from '../../../src/ui/ink/frame-writer.js';
import { freshScreen, ScreenModel } from './screen-model.js';

/** A terminal stream that records writes; `needDrain` says it has not taken the last write yet. */
function terminal(columns = 30) {
  const written: string[] = [];
  const stream = Object.assign(new EventEmitter(), {
    isTTY: true,
    columns,
    writableNeedDrain: false,
    write(text: string) {
      written.push(text);
      return true;
    },
  });
  return { stream, written };
}

const SYNCED = /^\x1b\[\?2026h[\s\S]*\x1b\[\?2026l$/;

describe('the frame writer Ink draws with on a terminal', () => {
  it('hides the cursor once, then writes each frame as its changes inside a synchronized update', () => {
    const { stream, written } = terminal();
    const log = createFrameWriter(stream as unknown as NodeJS.WriteStream);
    assert.equal(log('one\ntwo\n'), true);
    assert.equal(log('one\ntwo\n'), false, 'an equal frame is not written');
    assert.equal(log('one\ntwo!\n'), true);
    assert.deepEqual(written, ['\x1b[?25l', '\x1b[?2026h\x1b[m\x1b[H\x1b[2Jone\x1b[B\rtwo\x1b[?2026l', '\x1b[?2026h\x1b[2;4H!\x1b[?2026l']);
    const screen = new ScreenModel(30, 4);
    for (const bytes of written) screen.write(bytes);
    assert.equal(screen.syncOpen, false);
    assert.equal(screen.cells(), freshScreen(['one', 'two!'], 30, 4).cells());
    // Ink would wrap the frame in its own synchronized update if this said yes.
    assert.equal(log.willRender('other'), false);
  });

  it('holds frames while the terminal has not taken the last one, and then writes only the newest', () => {
    const { stream, written } = terminal();
    const log = createFrameWriter(stream as unknown as NodeJS.WriteStream);
    log('a\nb\n');
    stream.writableNeedDrain = true;
    log('a1\nb\n');
    log('a2\nb\n');
    log('a3\nb2\n');
    assert.equal(written.length, 2, 'nothing written while the terminal is behind');
    assert.equal(stream.listenerCount('drain'), 1);
    stream.writableNeedDrain = false;
    stream.emit('drain');
    assert.equal(written.length, 3);
    assert.match(written[2]!, SYNCED);
    assert.equal(written[2], '\x1b[?2026h\x1b[1;2H3\x1b[B\x1b[D2\x1b[?2026l', 'the newest frame, against the one sent');
    stream.emit('drain');
    assert.equal(written.length, 3);
  });

  it('clears and draws whole after a repaint, and shows the cursor again when done', () => {
    const { stream, written } = terminal();
    const log = createFrameWriter(stream as unknown as NodeJS.WriteStream);
    log('x\n');
    log.repaint?.();
    log('x\n');
    assert.equal(written.at(-1), '\x1b[?2026h\x1b[m\x1b[H\x1b[2Jx\x1b[?2026l');
    log.done();
    assert.equal(written.at(-1), '\x1b[?25h');
  });

  it("stands in for Ink's log-update on terminals only, once", () => {
    const original = (_stream: unknown) => 'ink';
    const module = { create: original as unknown };
    installFrameWriter(module);
    installFrameWriter(module);
    const create = module.create as (stream: unknown) => unknown;
    assert.equal(create({ isTTY: false, write() {} }), 'ink');
    assert.equal(typeof create({ isTTY: true, write() {} }), 'function');
    assert.throws(() => installFrameWriter({}), /Ink's log-update has no create\(\) .*ink 6\.8\.x/);
  });
});
