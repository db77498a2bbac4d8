// Disk and network rates from two readings of the kernel's cumulative counters: bytes a second
// per device and in total, for the meters and snapshot --json.
import type { DiskCounters, HostCounters, NetworkCounters } from '../sampling/host-counters.js';

interface DiskRate {
  device: string;
  readBytesPerSecond: number;
  writeBytesPerSecond: number;
}

interface NetworkRate {
  device: string;
  receiveBytesPerSecond: number;
  transmitBytesPerSecond: number;
}

export interface HostRates {
  /** The interval the rates are over, seconds. */
  seconds: number;
  disks: DiskRate[];
  /** The whole disks' sum; device-mapper and md devices are left out of it, their I/O is their disks'. */
  diskTotal: { readBytesPerSecond: number; writeBytesPerSecond: number };
  networks: NetworkRate[];
  /** Every interface's sum, loopback included: what this machine's processes send and receive. */
  networkTotal: { receiveBytesPerSecond: number; transmitBytesPerSecond: number };
}

/** Devices stacked on disks: counting them in a total would count the same I/O twice. */
const STACKED = /^(?:dm-\d+|md\d+)$/;

/**
 * The rates between `before` and `after`, `seconds` apart; null without both readings or time
 * between them. A device seen only once, or whose counter went backwards (it was removed and
 * added again), counts 0 for this interval.
 */
export function hostRates(before: HostCounters | undefined, after: HostCounters | undefined, seconds: number): HostRates | null {
  if (!before || !after || !(seconds > 0)) return null;
  const rate = (now: number, then: number | undefined): number => (then === undefined || now < then ? 0 : (now - then) / seconds);
  const oldDisks = byDevice(before.disks);
  const disks = after.disks.map((d): DiskRate => {
    const old = oldDisks.get(d.device);
    return { device: d.device, readBytesPerSecond: rate(d.readBytes, old?.readBytes), writeBytesPerSecond: rate(d.writtenBytes, old?.writtenBytes) };
  });
  const oldNets = byDevice(before.networks);
  const networks = after.networks.map((n): NetworkRate => {
    const old = oldNets.get(n.device);
    return {
      device: n.device,
      receiveBytesPerSecond: rate(n.receiveBytes, old?.receiveBytes),
      transmitBytesPerSecond: rate(n.transmitBytes, old?.transmitBytes),
    };
  });
  const diskTotal = { readBytesPerSecond: 0, writeBytesPerSecond: 0 };
  for (const d of disks) {
    if (STACKED.test(d.device)) continue;
    diskTotal.readBytesPerSecond += d.readBytesPerSecond;
    diskTotal.writeBytesPerSecond += d.writeBytesPerSecond;
  }
  const networkTotal = { receiveBytesPerSecond: 0, transmitBytesPerSecond: 0 };
  for (const n of networks) {
    networkTotal.receiveBytesPerSecond += n.receiveBytesPerSecond;
    networkTotal.transmitBytesPerSecond += n.transmitBytesPerSecond;
  }
  return { seconds, disks, diskTotal, networks, networkTotal };
}

function byDevice<T extends DiskCounters | NetworkCounters>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((d) => [d.device, d]));
}
