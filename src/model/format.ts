// How numbers look on screen: sizes like htop (K/M/G/T), times like TIME+, uptime like htop.

/** Bytes as htop prints memory columns: 4 significant characters with a K/M/G/T suffix; NaN (unknown) is '-'. */
export function formatBytes(bytes: number): string {
  if (Number.isNaN(bytes)) return '-';
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

/** A percentage with one decimal below 100 and none above, so it fits a narrow column; NaN (unknown) is '-'. */
export function formatPercent(value: number): string {
  if (Number.isNaN(value)) return '-';
  if (!Number.isFinite(value) || value < 0) return '0.0';
  return value < 99.95 ? value.toFixed(1) : Math.round(value).toString();
}

/** A storage rate (bytes per second) for DISK READ / WRITE; '-' when unknown or not permitted. */
export function formatRate(bytesPerSecond: number | undefined): string {
  if (bytesPerSecond === undefined || !(bytesPerSecond >= 0)) return '-';
  if (bytesPerSecond < 1024) return `${Math.round(bytesPerSecond)}B/s`;
  return `${formatBytes(bytesPerSecond)}/s`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Time since `startMs` as ps's etime: [[dd-]hh:]mm:ss; '-' when the start is unknown. */
export function formatElapsed(startMs: number, nowMs: number): string {
  if (!(startMs > 0)) return '-';
  const s = Math.max(0, Math.floor((nowMs - startMs) / 1000));
  const days = Math.floor(s / 86400);
  const hours = Math.floor(s / 3600) % 24;
  const clock = `${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
  if (days > 0) return `${days}-${pad2(hours)}:${clock}`;
  return hours > 0 ? `${pad2(hours)}:${clock}` : clock;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** START as htop writes it, in local time: HH:MM within the last day, MonDD within the year, else the year. */
export function formatStart(startMs: number, nowMs: number): string {
  if (!(startMs > 0)) return '-';
  const d = new Date(startMs);
  const age = nowMs - startMs;
  if (age < 86_400_000) return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  if (age < 365 * 86_400_000) return `${MONTHS[d.getMonth()]}${pad2(d.getDate())}`;
  return String(d.getFullYear());
}

/**
 * A terminal from stat's tty_nr as ps names it: pts/N, ttyN, ttySN; '?' for none, major:minor
 * for a device without a common name (devices.txt numbers; the minor's high bits sit above the major).
 */
export function formatTty(ttyNr: number): string {
  if (!(ttyNr > 0)) return '?';
  const major = (ttyNr >>> 8) & 0xfff;
  const minor = (ttyNr & 0xff) | ((ttyNr >>> 12) & 0xfff00);
  if (major >= 136 && major <= 143) return `pts/${(major - 136) * 256 + minor}`;
  if (major === 4) return minor < 64 ? `tty${minor}` : `ttyS${minor - 64}`;
  if (major === 5 && minor === 1) return 'console';
  return `${major}:${minor}`;
}
