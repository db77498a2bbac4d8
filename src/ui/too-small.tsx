// What is drawn when the terminal cannot hold the screen: one line saying so, cut to fit.
import { Text } from 'ink';
import { cutToWidth } from '../model/text-width.js';

export function TooSmall({ columns, rows, needColumns, needRows }: { columns: number; rows: number; needColumns: number; needRows: number }) {
  const long = `Terminal too small (${columns}x${rows}); pooltop needs ${needColumns}x${needRows}. q quits.`;
  const short = `Too small: ${columns}x${rows}, need ${needColumns}x${needRows}. q quits`;
  // The longest wording that fits, so the needed size and the way out stay readable.
  const text = long.length <= columns ? long : short;
  return <Text wrap="truncate">{cutToWidth(text, Math.max(1, columns))}</Text>;
}
