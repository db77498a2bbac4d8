// Run inside a tmux pane by tmux-width.ts: prints each string of a JSON list after a "|" at the
// start of a line, asks the terminal where its cursor is (CSI 6 n) and writes the columns the
// string moved it, as the terminal counted them, to a JSON file.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2) as [string, string];
const texts = JSON.parse(readFileSync(input, 'utf8')) as string[];
const widths: number[] = [];
let pending = '';

function ask(): void {
  if (widths.length === texts.length) {
    // Renamed into place whole, so the reader never sees half a file.
    writeFileSync(`${output}.part`, JSON.stringify(widths));
    renameSync(`${output}.part`, output);
    process.exit(0);
  }
  // The "|" first: a zero-width code point at the very start of a line has no cell to join.
  process.stdout.write(`\r\x1b[2K|${texts[widths.length]}\x1b[6n`);
}

process.stdin.setRawMode(true);
process.stdin.on('data', (data: Buffer) => {
  pending += data.toString('latin1');
  for (let match = /\x1b\[(\d+);(\d+)R/.exec(pending); match; match = /\x1b\[(\d+);(\d+)R/.exec(pending)) {
    pending = pending.slice(match.index + match[0].length);
    // Columns are 1-based: after "|" alone the cursor is at column 2.
    widths.push(Number(match[2]) - 2);
    ask();
  }
});
ask();
