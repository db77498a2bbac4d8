// The time bar of a replay: playing or paused and at what speed, the shown sample's clock time,
// where it is in the recording, and why the replay ends early when the file is damaged.
import { Text } from 'ink';
import { formatClock, formatSpan, formatSpeed } from '../model/replay-time.js';
import { fitWidth } from '../model/text-width.js';
import type { ReplayStatus } from '../sampling/replay-sampler.js';
import { useTheme } from './theme.js';
import { useAppStore } from './use-app-store.js';

/** The words of the bar; the track fills the cells left (at least 10, or none on a narrow screen). */
export function replayBarText(r: ReplayStatus, width: number): { text: string; damage: string } {
  const state = r.playing ? `▶ ${formatSpeed(r.speed)}` : `‖ paused ${formatSpeed(r.speed)}`;
  const left = ` REPLAY ${state}  ${formatClock(r.time)} `;
  const right = ` ${formatSpan(r.time - r.start)} / ${formatSpan(r.end - r.start)}  sample ${r.index + 1}/${r.count}`;
  // The whole story of the damage was said in the message line at the start; the bar keeps where.
  const damage = r.damage ? `  damaged: ends after sample ${r.count}` : '';
  const room = width - left.length - right.length - 2 - damage.length;
  if (room < 10) return { text: fitWidth(left + right, width), damage: fitWidth(damage, Math.max(0, width - left.length - right.length)) };
  const track = Math.min(room, 60);
  const filled = r.end > r.start ? Math.round(((r.time - r.start) / (r.end - r.start)) * track) : track;
  const bar = `[${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '|' : ''}${'-'.repeat(track - filled)}]`;
  const text = left + bar + right;
  return { text, damage: fitWidth(damage, Math.max(0, width - text.length)) };
}

export function ReplayBar({ width }: { width: number }) {
  const theme = useTheme();
  const replay = useAppStore((s) => s.replay);
  if (!replay) return null;
  const { text, damage } = replayBarText(replay, width);
  return (
    <Text wrap="truncate">
      <Text color={theme.info} bold>
        {text}
      </Text>
      <Text color={theme.warn}>{damage}</Text>
    </Text>
  );
}
