// Whether TERM can move the cursor: compiled terminfo entries (the system's and crafted ones),
// the search path, and hostile TERM values.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cursorAddressingProblem, entryHasCup, hasCursorAddress } from '../../src/cli/terminal-capability.js';

/** A compiled entry (term(5), legacy 16-bit format unless `magic`): `strings` offsets, −1 = absent. */
function entry(strings: number[], options: { magic?: number; names?: string; booleans?: number; numbers?: number } = {}): Buffer {
  const magic = options.magic ?? 0o432;
  const names = Buffer.from(`${options.names ?? 'x|crafted'}\0`, 'latin1');
  const booleans = options.booleans ?? 1;
  const numbers = options.numbers ?? 2;
  const numberSize = magic === 0o1036 ? 4 : 2;
  const pad = (names.length + booleans) % 2;
  const table = Buffer.from('\x1b[%i%p1%d;%p2%dH\0', 'latin1');
  const header = Buffer.alloc(12);
  for (const [i, v] of [magic, names.length, booleans, numbers, strings.length, table.length].entries()) header.writeInt16LE(v, i * 2);
  const offsets = Buffer.alloc(strings.length * 2);
  for (const [i, v] of strings.entries()) offsets.writeInt16LE(v, i * 2);
  return Buffer.concat([header, names, Buffer.alloc(booleans + pad), Buffer.alloc(numbers * numberSize), offsets, table]);
}

/** Eleven strings: `cup` is the last, at `cup`. */
const withCup = (cup: number): number[] => [...Array<number>(10).fill(-1), cup];

const dir = mkdtempSync(join(tmpdir(), 'pooltop-terminfo-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const env = { TERMINFO: dir, HOME: dir, TERMINFO_DIRS: dir };

function install(name: string, bytes: Buffer): void {
  mkdirSync(join(dir, name[0]!), { recursive: true });
  writeFileSync(join(dir, name[0]!, name), bytes);
}

describe('terminal capability', () => {
  it('reads cup from compiled entries, both number formats', () => {
    assert.equal(entryHasCup(entry(withCup(0))), true);
    assert.equal(entryHasCup(entry(withCup(-1))), false, 'absent');
    assert.equal(entryHasCup(entry(withCup(-2))), false, 'cancelled');
    assert.equal(entryHasCup(entry(withCup(0), { magic: 0o1036 })), true, '32-bit numbers');
    assert.equal(entryHasCup(entry(withCup(0), { names: 'xy|odd length', booleans: 2 })), true, 'the pad byte');
    assert.equal(entryHasCup(entry([0, 0, 0])), false, 'too few strings');
  });

  it('takes anything that is not an entry as one without cup, never reading past its end', () => {
    assert.equal(entryHasCup(Buffer.alloc(0)), false);
    assert.equal(entryHasCup(Buffer.from('#!/bin/sh\necho hello\n')), false, 'wrong magic');
    assert.equal(entryHasCup(entry(withCup(0)).subarray(0, 30)), false, 'cut short');
    const lying = entry(withCup(0));
    lying.writeInt16LE(30000, 2);
    assert.equal(entryHasCup(lying), false, 'a names size beyond the file');
  });

  it('agrees with the system’s terminfo and infocmp where they are installed', (t) => {
    for (const term of ['dumb', 'xterm-256color', 'vt100', 'linux']) {
      const found = hasCursorAddress(term, {});
      const infocmp = spawnSync('infocmp', ['-1', term], { encoding: 'utf8' });
      if (found === null || infocmp.status !== 0) {
        t.diagnostic(`${term}: not installed here`);
        continue;
      }
      assert.equal(found, /^\s*cup=/m.test(infocmp.stdout), term);
    }
  });

  it('finds entries through TERMINFO and the hex directories macOS uses', () => {
    install('pooltop-cup', entry(withCup(0)));
    install('pooltop-nocup', entry(withCup(-1)));
    mkdirSync(join(dir, '71'), { recursive: true });
    writeFileSync(join(dir, '71', 'qhex'), entry(withCup(0)));
    assert.equal(hasCursorAddress('pooltop-cup', env), true);
    assert.equal(hasCursorAddress('pooltop-nocup', env), false);
    assert.equal(hasCursorAddress('qhex', env), true);
    assert.equal(hasCursorAddress('pooltop-no-such-terminal', env), null);
  });

  it('never walks out of the database, blocks on a FIFO, or reads a device', () => {
    writeFileSync(join(dir, 'outside'), entry(withCup(-1)));
    assert.equal(hasCursorAddress('../outside', { TERMINFO: join(dir, 'p') }), null);
    assert.equal(hasCursorAddress('p/../../outside', env), null);
    mkdirSync(join(dir, 'f'), { recursive: true });
    const fifo = spawnSync('mkfifo', [join(dir, 'f', 'fifo-term')]);
    if (fifo.status === 0) assert.equal(hasCursorAddress('fifo-term', env), null, 'a FIFO is not an entry');
    mkdirSync(join(dir, 'z'), { recursive: true });
    symlinkSync('/dev/zero', join(dir, 'z', 'zero'));
    assert.equal(hasCursorAddress('zero', env), null, 'a device is not an entry');
  });

  it('says why the monitor cannot draw, in one line naming pooltop snapshot, or nothing', () => {
    install('pooltop-nocup', entry(withCup(-1)));
    assert.match(
      cursorAddressingProblem({ ...env, TERM: 'dumb' }) ?? '',
      /^pooltop: TERM=dumb cannot move the cursor, which the monitor needs; use `pooltop snapshot`/,
    );
    assert.match(cursorAddressingProblem({ ...env, TERM: 'pooltop-nocup' }) ?? '', /TERM=pooltop-nocup cannot move the cursor/);
    assert.match(cursorAddressingProblem({ ...env }) ?? '', /^pooltop: TERM is not set/);
    assert.match(cursorAddressingProblem({ ...env, TERM: '' }) ?? '', /^pooltop: TERM is not set/);
    assert.equal(cursorAddressingProblem({ ...env, TERM: 'pooltop-cup' }), null);
    assert.equal(cursorAddressingProblem({ ...env, TERM: 'pooltop-no-such-terminal' }), null, 'an unknown terminal is given the benefit of the doubt');
    install('e\x1b[2J', entry(withCup(-1)));
    const shown = cursorAddressingProblem({ ...env, TERM: 'e\x1b[2J' }) ?? '';
    assert.doesNotMatch(shown, /\x1b/, 'TERM is shown harmless');
    assert.equal(shown.split('\n').length, 1);
  });
});
