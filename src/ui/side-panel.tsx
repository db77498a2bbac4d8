// A list panel on the left of the table, as htop draws its sort, user and signal panels.
import { Box, Text } from 'ink';
import { cutToWidth, displayWidth, fitWidth } from '../model/text-width.js';
import { useTheme } from './theme.js';

export interface PanelItem {
  label: string;
  /** A second, dimmer column (a meaning, a number). */
  hint?: string;
  /** Marked with a bullet: the current choice. */
  marked?: boolean;
}

export interface SidePanelProps {
  title: string;
  items: readonly PanelItem[];
  index: number;
  /** Lines for the whole panel, title included. */
  height: number;
  width: number;
}

export function SidePanel({ title, items, index, height, width }: SidePanelProps) {
  const theme = useTheme();
  const rows = Math.max(1, height - 1);
  // Keep the highlighted entry in view.
  const top = Math.min(Math.max(0, index - rows + 1), Math.max(0, items.length - rows));
  const shown = items.slice(top, top + rows);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text backgroundColor={theme.header} color={theme.headerText} inverse={!theme.color} wrap="truncate">
        {fitWidth(title, width)}
      </Text>
      {shown.map((item, i) => {
        const selected = top + i === index;
        const full = `${item.marked ? '•' : ' '}${item.label}${item.hint ? ` ${item.hint}` : ''}`;
        // Cut text says so: a meaning cut mid-word with nothing to show it misleads.
        const text = (displayWidth(full) > width - 1 ? `${cutToWidth(full, width - 2)}…` : fitWidth(full, width - 1)) + ' ';
        return (
          <Text
            key={top + i}
            wrap="truncate"
            backgroundColor={selected ? theme.selected : undefined}
            color={selected ? theme.selectedText : undefined}
            inverse={selected && !theme.color}
          >
            {text}
          </Text>
        );
      })}
    </Box>
  );
}
