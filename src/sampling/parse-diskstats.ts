// Whole disks' cumulative I/O from /proc/diskstats (Documentation/admin-guide/iostats.rst).

/** Counts since the device appeared; bytes from 512-byte sectors, whatever the device's own. */
export interface DiskCounters {
  device: string;
  readsCompleted: number;
  writesCompleted: number;
  readBytes: number;
  writtenBytes: number;
  /** Time the device had I/O in flight (field 10), seconds. */
  ioTimeSeconds: number;
}

/** diskstats counts sectors of 512 bytes for every device (the kernel's SECTOR_SHIFT). */
const SECTOR_BYTES = 512;

/**
 * Devices left out: partitions (sda1, vda2, nvme0n1p1, mmcblk0p1), whose I/O their disk counts
 * already, and devices with nothing behind them worth a series — loop, ram, zram, floppies. The
 * same names node_exporter leaves out by default; device-mapper and md devices stay (they sit on
 * disks, so a sum over every device counts their I/O twice).
 */
const LEFT_OUT = /^(?:z?ram\d+|loop\d+|fd\d+|(?:h|s|v|xv)d[a-z]+\d+|nvme\d+n\d+p\d+|mmcblk\d+p\d+)$/;

export function isWholeDisk(device: string): boolean {
  return !LEFT_OUT.test(device);
}

export function parseDiskstats(text: string): DiskCounters[] {
  const disks: DiskCounters[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    // major minor name, then at least the 11 fields every kernel since 2.6 has.
    if (f.length < 14) continue;
    const device = f[2] ?? '';
    if (!isWholeDisk(device)) continue;
    const n = (i: number): number => {
      const v = Number(f[i]);
      return Number.isFinite(v) && v > 0 ? v : 0;
    };
    disks.push({
      device,
      readsCompleted: n(3),
      writesCompleted: n(7),
      readBytes: n(5) * SECTOR_BYTES,
      writtenBytes: n(9) * SECTOR_BYTES,
      ioTimeSeconds: n(12) / 1000,
    });
  }
  return disks;
}
