// Each interface's cumulative traffic from /proc/net/dev (pooltop's network namespace).

export interface NetworkCounters {
  device: string;
  receiveBytes: number;
  receivePackets: number;
  receiveErrors: number;
  receiveDrops: number;
  transmitBytes: number;
  transmitPackets: number;
  transmitErrors: number;
  transmitDrops: number;
}

/**
 * `  eth0: 821257565 24470 0 0 0 0 0 0 2092062 17558 0 0 0 0 0 0`: the name, then 8 receive
 * and 8 transmit fields (bytes packets errs drop fifo frame compressed multicast; bytes packets
 * errs drop fifo colls carrier compressed). The two heading lines have no colon before a number.
 */
export function parseNetDev(text: string): NetworkCounters[] {
  const out: NetworkCounters[] = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const device = line.slice(0, colon).trim();
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    if (device === '' || f.length < 16 || !f.every(Number.isFinite)) continue;
    out.push({
      device,
      receiveBytes: f[0]!,
      receivePackets: f[1]!,
      receiveErrors: f[2]!,
      receiveDrops: f[3]!,
      transmitBytes: f[8]!,
      transmitPackets: f[9]!,
      transmitErrors: f[10]!,
      transmitDrops: f[11]!,
    });
  }
  return out;
}
