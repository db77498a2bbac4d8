// The key table as a Markdown table, for the README: generated from KEY_TABLE so the README's
// keys cannot drift from the keyboard (a test compares them).
import { KEY_TABLE, type KeyBinding } from '../src/ui/key-table.js';
import { REPLAY_KEY_TABLE } from '../src/ui/replay-keys.js';

export function keyTableMarkdown(table: readonly KeyBinding[] = KEY_TABLE): string {
  const escapeCell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
  const keys = (label: string): string =>
    label
      .split(' ')
      .map((k) => (k === '\\' ? '`\\`' : `\`${k}\``))
      .join(' ');
  return ['| key | action |', '| --- | --- |', ...table.map((b) => `| ${keys(b.label)} | ${escapeCell(b.help)} |`)].join('\n');
}

/** The keys of a replay, looked up before the main table while one runs. */
export function replayKeyTableMarkdown(): string {
  return keyTableMarkdown(REPLAY_KEY_TABLE);
}
