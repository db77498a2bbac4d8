import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { codePointWidth } from '../../src/model/code-point-width.js';
import { WCWIDTH_SOURCE, WIDTH_RANGES } from '../../src/model/wcwidth-table.js';
import { WIDTH_CORPUS } from './width-corpus.js';

const GENERATOR = new URL('../../scripts/generate-wcwidth-table.py', import.meta.url).pathname;
const TABLE = new URL('../../src/model/wcwidth-table.ts', import.meta.url).pathname;

/** Runs Python with this machine's C library; null when there is no python3. */
function python(code: string, input = ''): string | null {
  const run = spawnSync('python3', ['-c', code], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error || run.status !== 0) return null;
  return run.stdout;
}

const LIBC = `
import ctypes, ctypes.util, sys, json
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.setlocale.restype = ctypes.c_char_p
libc.setlocale(0, b"C.UTF-8") or libc.setlocale(0, b"en_US.UTF-8")
libc.gnu_get_libc_version.restype = ctypes.c_char_p
`;
const machineGlibc = python(`${LIBC}print(libc.gnu_get_libc_version().decode())`)?.trim() ?? null;
const sameGlibc = machineGlibc === WCWIDTH_SOURCE.version;
const noGlibc = sameGlibc ? false : `this machine's C library is ${machineGlibc ?? 'not reachable from python3'}, the table's glibc ${WCWIDTH_SOURCE.version}`;

/** wcswidth() of the C library for each string: -1 when one of its code points is not printable. */
function glibcWidths(texts: readonly string[]): number[] {
  const out = python(
    `${LIBC}libc.wcswidth.argtypes = [ctypes.c_wchar_p, ctypes.c_size_t]
texts = json.load(sys.stdin)
print(json.dumps([libc.wcswidth(t, len(t)) for t in texts]))`,
    JSON.stringify(texts),
  );
  assert.ok(out !== null, 'python3 measured the strings');
  return JSON.parse(out) as number[];
}

/** The same sum from the table: -1 as soon as one code point is not printable. */
function tableWidth(text: string): number {
  let sum = 0;
  for (const char of text) {
    const w = codePointWidth(char.codePointAt(0)!);
    if (w < 0) return -1;
    sum += w;
  }
  return sum;
}

describe(`the wcwidth table (glibc ${WCWIDTH_SOURCE.version}, Unicode ${WCWIDTH_SOURCE.unicode})`, () => {
  it('holds ascending, separate runs of width -1, 0 or 2', () => {
    assert.equal(WIDTH_RANGES.length % 3, 0);
    for (let i = 0; i < WIDTH_RANGES.length; i += 3) {
      const [first, last, width] = WIDTH_RANGES.slice(i, i + 3) as [number, number, number];
      assert.ok(first <= last && last <= 0x10ffff, `run ${i / 3}`);
      assert.ok([-1, 0, 2].includes(width), `run ${i / 3} width ${width}`);
      if (i > 0) assert.ok(first > WIDTH_RANGES[i - 2]!, `run ${i / 3} starts after the one before`);
    }
  });

  it('gives the widths glibc gives, code point by code point', () => {
    const samples: [number, number][] = [
      [0x61, 1],
      [0x65e5, 2],
      [0x0301, 0],
      [0x1100, 2],
      [0x1160, 0],
      [0x11a8, 0],
      [0x3164, 2],
      [0xffa0, 1],
      [0x200b, 0],
      [0x200d, 0],
      [0x00ad, 1],
      [0x1f600, 2],
      [0x1f1e6, 1],
      [0x1f3fb, 2],
      [0xfe0f, 0],
      [0xe0041, 0],
      [0x094d, 0],
      [0x093e, 1],
      [0x2800, 1],
      [0x1fae8, -1],
      [0x0000, 0],
      [0x001b, -1],
      [0x0085, -1],
      [0xd800, -1],
      [0xe000, 1],
      [0x10ffff, -1],
      [0x20000, 2],
      [0x30000, 2],
      [0x3fffd, -1],
      [0x2630, 1],
      [0x3248, 2],
    ];
    for (const [code, width] of samples) assert.equal(codePointWidth(code), width, `U+${code.toString(16)}`);
  });

  it('sums over strings to what glibc wcswidth() says for them', { skip: noGlibc }, () => {
    const texts = [
      '/usr/sbin/sshd -D',
      '日本語のコマンド',
      'Ωμέγα e\u0301 ça',
      'नमस्ते क्ष',
      '\u1100\u1161\u11a8 각',
      '👍🏽 👩\u200d💻 🇺🇸',
      ...WIDTH_CORPUS.map((h) => h.text).filter((text) => !text.includes('\0')),
    ];
    const ours = texts.map(tableWidth);
    const glibc = glibcWidths(texts);
    assert.deepEqual(
      texts.flatMap((text, i) => (ours[i] === glibc[i] ? [] : [`${JSON.stringify(text.slice(0, 40))}: table ${ours[i]}, glibc ${glibc[i]}`])),
      [],
    );
  });

  it('is what scripts/generate-wcwidth-table.py writes on this machine', { skip: noGlibc }, () => {
    const run = spawnSync('python3', [GENERATOR, '--stdout'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, readFileSync(TABLE, 'utf8'), 'src/model/wcwidth-table.ts is out of date: run the generator');
  });
});
