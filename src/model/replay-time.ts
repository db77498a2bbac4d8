// Times of a replay in words: the clock time of a recorded sample, a span of recorded time, and the
// `g` prompt's input ("14:05", "14:05:30", "+10:00" from the start) turned into a time.

/** "14:05:30", local time, as the recording's samples were taken. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** "4:05" or "1:04:05": how much recorded time. */
export function formatSpan(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "½×", "1×", "16×". */
export function formatSpeed(speed: number): string {
  return speed === 0.5 ? '½×' : `${speed}×`;
}

/**
 * The time `text` names in a recording from `start` to `end`: a clock time (`14:05`, `14:05:30`),
 * the first one at or after the start (a recording may pass midnight), or `+` a span from the
 * start (`+90`, `+1:30`, `+1:02:03`). A string is why not.
 */
export function parseGotoTime(text: string, start: number, end: number): number | string {
  const t = text.trim();
  const offset = /^\+(?:(\d{1,4}):)?(?:(\d{1,2}):)?(\d{1,6})$/.exec(t);
  if (offset) {
    const parts = t.slice(1).split(':').map(Number);
    const seconds = parts.reduce((sum, n) => sum * 60 + n, 0);
    return start + seconds * 1000;
  }
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (clock) {
    const [h, m, s] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    if (h > 23 || m > 59 || s > 59) return `no such time of day: ${t}`;
    const day = new Date(start);
    day.setHours(h, m, s, 0);
    let at = day.getTime();
    // The start's own second counts as at the start, as the time bar shows it.
    if (at < start - (start % 1000)) at = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1, h, m, s).getTime();
    if (at > end) return `the recording ends at ${formatClock(end)}; ${t} is not in it`;
    return at;
  }
  return 'type a time of day (14:05 or 14:05:30) or a span from the start (+90, +1:30, +1:02:03)';
}
