// One screen captured twice in the same instant (with colours for the SVG, plain for the text
// file), rendered, checked and written as <file>.svg and <file>.txt.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TmuxSession } from '../../test/e2e/tmux-session.js';
import { gridToSvg } from './grid-to-svg.js';
import { gridText, parseStyledCapture } from './styled-grid.js';
import { xmlWellFormednessError } from './xml-well-formed.js';

export interface ScreenCapture {
  /** `capture-pane -e -N -p`: SGR sequences, trailing blanks kept (a coloured bar runs to the edge). */
  styled: string;
  /** `capture-pane -p`: the text, as a person would copy it. */
  text: string;
}

/**
 * Both captures in one tmux command list: the server runs the commands back to back, so no
 * output from pooltop can land between them and the two files show the same frame.
 */
export async function captureScreen(session: TmuxSession): Promise<ScreenCapture> {
  const marker = `--- screenshots ${randomBytes(8).toString('hex')} ---`;
  const out = await session.tmux(
    'capture-pane',
    '-p',
    '-e',
    '-N',
    '-t',
    session.pane,
    ';',
    'display-message',
    '-p',
    '--',
    marker,
    ';',
    'capture-pane',
    '-p',
    '-t',
    session.pane,
  );
  const at = out.indexOf(`\n${marker}\n`);
  if (at < 0) throw new Error('tmux did not print both captures');
  return { styled: out.slice(0, at + 1), text: out.slice(at + marker.length + 2) };
}

export interface WrittenScene {
  svg: string;
  txt: string;
}

/**
 * Renders the capture on a `columns` × `rows` grid, checks it, and writes `<dir>/<file>.svg` and
 * `.txt`. Fails rather than write a picture that differs from the text (the renderer misread a
 * sequence or a character's width), is not well-formed XML, or still holds an escape character.
 */
export function writeScene(dir: string, file: string, capture: ScreenCapture, size: { columns: number; rows: number }, title: string): WrittenScene {
  const grid = parseStyledCapture(capture.styled, size.columns, size.rows);
  const drawn = gridText(grid);
  const expected = capture.text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
  const drawnLines = drawn.replace(/\n+$/, '').split('\n');
  const expectedLines = expected.replace(/\n+$/, '').split('\n');
  const differs = drawnLines.findIndex((line, i) => line !== expectedLines[i]);
  if (differs >= 0 || drawnLines.length !== expectedLines.length) {
    const line = differs >= 0 ? differs : Math.min(drawnLines.length, expectedLines.length);
    throw new Error(
      `${file}: the rendered grid differs from capture-pane -p at line ${line + 1}:\n  grid: ${JSON.stringify(drawnLines[line])}\n  text: ${JSON.stringify(expectedLines[line])}`,
    );
  }
  const svg = gridToSvg(grid, { title });
  const error = xmlWellFormednessError(svg);
  if (error) throw new Error(`${file}.svg is not well-formed XML: ${error}`);
  if (svg.includes('\x1b')) throw new Error(`${file}.svg holds an escape character`);
  const paths = { svg: join(dir, `${file}.svg`), txt: join(dir, `${file}.txt`) };
  writeFileSync(paths.svg, svg);
  writeFileSync(paths.txt, capture.text);
  return paths;
}
