// The key table as a Markdown table, for the README: generated from KEY_TABLE so the README's
// keys cannot drift from the keyboard (a test compares them).
import { KEY_TABLE } from '../src/ui/key-table.js';

export function keyTableMarkdown(): string {
  const escapeCell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
  const keys = (label: string): string =>
    label
      .split(' ')
      .map((k) => (k === '\\' ? '`\\`' : `\`${k}\``))
      .join(' ');
  return ['| key | action |', '| --- | --- |', ...KEY_TABLE.map((b) => `| ${keys(b.label)} | ${escapeCell(b.help)} |`)].join('\n');
}
