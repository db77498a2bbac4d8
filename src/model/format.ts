// How numbers look on screen: sizes like htop (K/M/G/T), times like TIME+, uptime like htop.

/** Bytes as htop prints memory columns: 4 significant characters with a K/M/G/T suffix. */
export function formatBytes(bytes: number): string {
  if (!(bytes > 0)) return '0';
  const units = ['K', 'M', 'G', 'T', 'P'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  let text = value >= 100 || unit === 0 ? Math.round(value).toString() : value.toFixed(value >= 10 ? 1 : 2);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return `${text}${units[unit]}`;
}

/** TIME+ as htop: minutes:seconds.hundredths, or hours"h"minutes once past 100 minutes. */
export function formatCpuTime(seconds: number): string {
  if (!(seconds >= 0)) return '-';
  const hundredths = Math.floor(seconds * 100 + 0.5);
  const totalSeconds = Math.floor(hundredths / 100);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes >= 100) {
    const hours = Math.floor(minutes / 60);
    return `${hours}h${String(minutes % 60).padStart(2, '0')}:${String(totalSeconds % 60).padStart(2, '0')}`;
  }
  return `${minutes}:${String(totalSeconds % 60).padStart(2, '0')}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** Uptime as htop: "3 days, 02:11:05" or "02:11:05". */
export function formatUptime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  const clock = [Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':');
  if (days === 0) return clock;
  return `${days} day${days === 1 ? '' : 's'}, ${clock}`;
}

/** A percentage with one decimal below 100 and none above, so it fits a narrow column. */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value) || value < 0) return '0.0';
  return value < 99.95 ? value.toFixed(1) : Math.round(value).toString();
}
