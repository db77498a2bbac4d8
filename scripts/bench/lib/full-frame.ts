// When each monitor's first full frame is on screen, judged from a tmux capture: pooltop's and
// htop's (column titles, a process row, the key bar), btop's (its process box with a row) and top's.

function rowUnder(lines: readonly string[], title: RegExp, row: RegExp): boolean {
  const at = lines.findIndex((line) => title.test(line));
  return at >= 0 && row.test(lines[at + 1] ?? '');
}

/** pooltop and htop: the column titles, at least one process row under them, and the key bar. */
export function htopLikeFrame(screen: string): boolean {
  const lines = screen.split('\n');
  return rowUnder(lines, /\bPID\b.*\bCommand\b/, /^\s*\d+\s/) && lines.some((line) => /F1\s*Help/.test(line) && /F10\s*Quit/.test(line));
}

/** btop: the cpu box on top, and the process box's titles with a process row under them. */
export function btopFrame(screen: string): boolean {
  const lines = screen.split('\n');
  return /\bcpu\b/.test(lines[0] ?? '') && rowUnder(lines, /\bPid:\s+Program:/, /│\s*\d+\s+\S/);
}

/** top: its summary line, and the column titles with a process row under them. */
export function topFrame(screen: string): boolean {
  const lines = screen.split('\n');
  return /^top - /.test(lines[0] ?? '') && rowUnder(lines, /^\s*PID\s+USER\b.*\bCOMMAND\b/, /^\s*\d+\s/);
}
