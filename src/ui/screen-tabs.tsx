// The screens' tabs (Tab cycles them), on the line between the header and the table, as htop
// draws them above its table: the shown one highlighted, bracketed for monochrome. Blank with
// one screen.
import { Text } from 'ink';
import { cutToWidth, displayWidth } from '../model/text-width.js';
import { styled } from './sgr.js';
import { useTheme } from './theme.js';
import { useAppStore } from './use-app-store.js';

export function ScreenTabs({ width }: { width: number }) {
  const theme = useTheme();
  const names = useAppStore((s) => s.screens.map((screen) => screen.name).join('\n'));
  const shown = useAppStore((s) => s.screen);
  const list = names.split('\n');
  if (list.length < 2) return <Text> </Text>;
  let used = 0;
  let line = '';
  list.forEach((name, i) => {
    const text = i === shown ? `[${name}]` : ` ${name} `;
    const room = width - used - 1;
    if (room <= 0) return;
    const cut = cutToWidth(text, room);
    line += `${styled(cut, i === shown ? { color: theme.selectedText, backgroundColor: theme.selected, inverse: !theme.color, bold: true } : { color: theme.label })} `;
    used += displayWidth(cut) + 1;
  });
  return <Text wrap="truncate">{line}</Text>;
}
