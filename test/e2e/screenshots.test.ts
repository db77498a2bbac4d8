// End to end, the screenshot script: its one-scene form writes the monitor as a
// well-formed SVG and as text into a directory of our choosing and leaves no process behind; and
// the pieces it relies on — the ANSI → SVG renderer, the XML check — on their own.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gridToSvg } from '../../scripts/screenshots/grid-to-svg.js';
import { taggedProcesses } from '../../scripts/screenshots/run-tag.js';
import { gridText, parseStyledCapture } from '../../scripts/screenshots/styled-grid.js';
import { xmlWellFormednessError } from '../../scripts/screenshots/xml-well-formed.js';
import { REPO_ROOT } from './pooltop-session.js';
import { readProc, signalProcess } from './proc-table.js';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the script as `npm run screenshots` would (less the build); SIGTERMs it if it hangs past `timeoutMs`. */
function runScript(args: readonly string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/screenshots.ts', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const me = child.pid !== undefined ? readProc(child.pid) : null;
    // SIGTERM, not SIGKILL: the script then ends its tmux sessions and its demo processes itself.
    const timer = setTimeout(() => me && signalProcess(me, 'SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('the screenshot script, one scene', () => {
  it('--only monitor --out <dir> writes 01-monitor.svg (well-formed, no ESC) and .txt (header, titles) and leaves nothing running', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pooltop-shots-test-'));
    try {
      const run = await runScript(['--only', 'monitor', '--out', out], 25_000);
      assert.equal(run.status, 0, `the script failed:\n${run.stdout}\n${run.stderr}`);
      assert.deepEqual(readdirSync(out).sort(), ['01-monitor.svg', '01-monitor.txt'], 'one scene, two files, nothing else');

      const svg = readFileSync(join(out, '01-monitor.svg'), 'utf8');
      assert.equal(xmlWellFormednessError(svg), null);
      assert.ok(!svg.includes('\x1b'), 'no raw ESC byte in the SVG');
      // 120×36 cells: the size follows from the grid, whatever the content.
      assert.match(svg, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1028" height="632" /);

      const text = readFileSync(join(out, '01-monitor.txt'), 'utf8');
      assert.ok(!text.includes('\x1b'), 'the text capture is plain');
      assert.match(text, /^\s*0\[/m, "core 0's meter");
      assert.match(text, /^Mem\[/m);
      assert.match(text, /Tasks: \d+/);
      assert.match(text, /^\s*PID\s.*\bCommand\b/m, 'the column titles');
      assert.equal(text.split('\n').length - 1, 36, 'one line per terminal row');

      // Everything the run started carried its tag: none of it may still run.
      const tag = /^run tag: (\S+)$/m.exec(run.stdout)?.[1];
      assert.ok(tag, 'the script prints its run tag');
      assert.deepEqual(
        taggedProcesses(tag).map((p) => `${p.pid} ${p.command}`),
        [],
      );
      assert.match(run.stdout, /nothing left running/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses an unknown scene name with status 2 before starting anything', async () => {
    const never = join(tmpdir(), `pooltop-shots-never-${process.pid}`);
    const run = await runScript(['--only', 'nope', '--out', never], 15_000);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no scene named nope; the scenes are monitor, tree, /);
    assert.equal(existsSync(never), false, 'not even the output directory');
  });
});

describe('the ANSI → SVG renderer', () => {
  const render = (capture: string, columns = 12, rows = 2): string => gridToSvg(parseStyledCapture(capture, columns, rows));

  it('escapes &, <, >, quotes and apostrophes, and the result is well-formed', () => {
    const svg = render('a&b<c>"d\'e');
    assert.match(svg, /a&amp;b&lt;c&gt;&quot;d&apos;e/);
    assert.equal(xmlWellFormednessError(svg), null);
  });

  it('turns control characters into nothing and lone surrogates into U+FFFD, never into the XML', () => {
    const grid = parseStyledCapture('a\x07b\x00c\ud800d', 8, 1);
    assert.equal(gridText(grid), 'abc\ud800d');
    const svg = gridToSvg(grid);
    assert.equal(xmlWellFormednessError(svg), null);
    assert.ok(svg.includes('abc\ufffdd'));
  });

  it('draws the 16 colours, 256-colour and truecolor SGR, in both ; and : forms', () => {
    const svg = render('\x1b[31mr\x1b[92mg\x1b[38;5;208mo\x1b[38;2;1;2;3mt\x1b[38:2::4:5:6mu\x1b[38:5:21mb\x1b[48;5;232mG\x1b[0m');
    for (const colour of ['#cd3131', '#23d18b', '#ff8700', '#010203', '#040506', '#0000ff']) assert.ok(svg.includes(`fill="${colour}"`), colour);
    // 232, the first grey of the ramp, as a background rectangle.
    assert.match(svg, /<rect [^>]*fill="#080808"\/>/);
  });

  it('draws bold, dim, underline and inverse; default colours stay implicit; one tspan per style change', () => {
    const svg = render('\x1b[1mB\x1b[22;2mD\x1b[22;4mU\x1b[24;7mI\x1b[0m plain');
    assert.match(svg, /font-weight="bold">B</);
    assert.match(svg, /fill="#[0-9a-f]{6}">D</);
    assert.match(svg, /<rect [^>]*height="1" fill="#d4d4d4"\/>/, 'the underline');
    // Inverse: the default background as text colour over a default-foreground rectangle.
    assert.match(svg, /fill="#1e1e1e">I</);
    assert.match(svg, /<rect x="[\d.]+" y="[\d.]+" width="8.4" height="17" fill="#d4d4d4"\/>/);
    assert.equal(svg.match(/<tspan /g)?.length, 5, 'B, D, U, I and "plain"');
  });

  it('keeps every character on its cell: wide characters take two, the grid has the terminal size', () => {
    const grid = parseStyledCapture('日本x\n', 6, 3);
    assert.deepEqual(
      grid.cells.map((r) => r.length),
      [6, 6, 6],
    );
    assert.deepEqual(
      grid.cells[0]!.slice(0, 5).map((c) => c.text),
      ['日', '', '本', '', 'x'],
    );
    assert.equal(gridText(grid), '日本x\n\n');
    assert.match(gridToSvg(grid), /<svg [^>]*width="71" height="71"/);
  });

  it('reads a style across line ends as tmux writes it, and skips OSC hyperlinks', () => {
    const grid = parseStyledCapture('\x1b[32mgreen\nstill\x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\\x1b[0m', 12, 2);
    assert.equal(gridText(grid), 'green\nstilllink');
    assert.equal(grid.cells[1]![0]!.style.fg, 2);
  });
});

describe('the XML well-formedness check', () => {
  it('accepts well-formed documents', () => {
    for (const doc of [
      '<a/>',
      '<?xml version="1.0" encoding="UTF-8"?>\n<a b="1" c=\'2\'>t&amp;&#x1F600;<!-- c --><![CDATA[<&]]><d/></a>\n',
      '<p:a xmlns:p="urn:x" xml:space="preserve"> </p:a>',
    ]) {
      assert.equal(xmlWellFormednessError(doc), null, doc);
    }
  });

  it('rejects what is not', () => {
    const bad = [
      '',
      'x<a/>',
      '<a>',
      '<a><b></a>',
      '<a/><b/>',
      '<a>&</a>',
      '<a>&nbsp;</a>',
      '<a>&#0;</a>',
      '<a b="1" b="2"/>',
      '<a b=1/>',
      '<a b="<"/>',
      '<a>]]></a>',
      '<a>\x1b</a>',
      '<!-- a -- b --><a/>',
      '<p:a/>',
      '<a/><?xml version="1.0"?>',
    ];
    for (const doc of bad) assert.notEqual(xmlWellFormednessError(doc), null, JSON.stringify(doc));
  });
});
