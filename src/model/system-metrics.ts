// The machine's metric families from one Sample: CPU seconds per core and mode, memory and swap,
// load, tasks by state, disk and network counters. Names follow Prometheus's conventions (base
// units in the name, `_total` on counters) and node_exporter's choices where it has one.
import type { DiskCounters, NetworkCounters } from '../sampling/host-counters.js';
import { CPU_MODES } from '../sampling/parse-cpu-modes.js';
import type { Sample } from '../sampling/types.js';
import type { CounterFloor } from './counter-floor.js';
import { type MetricFamily, type MetricSample, singleSampleFamily } from './metrics-exposition.js';
import { sanitizeText } from './sanitize.js';

/** `cpuFloor` keeps each core's modes from going backwards across calls (see counter-floor.ts). */
export function systemFamilies(sample: Sample, cpuFloor: CounterFloor): MetricFamily[] {
  const { memory, swap, load, tasks, counters } = sample;
  const gauge = (name: string, help: string, value: number, unit?: MetricFamily['unit']): MetricFamily => singleSampleFamily(name, 'gauge', help, value, unit);
  const families: MetricFamily[] = [];
  if (counters) {
    const cpu: MetricSample[] = [];
    const guest: MetricSample[] = [];
    counters.cpus.forEach((core, i) => {
      const id = String(i);
      for (const mode of CPU_MODES) cpu.push({ labels: { cpu: id, mode }, value: cpuFloor.value(`${id} ${mode}`, core[mode]) });
      guest.push({ labels: { cpu: id, mode: 'user' }, value: cpuFloor.value(`${id} guest`, core.guest) });
      guest.push({ labels: { cpu: id, mode: 'nice' }, value: cpuFloor.value(`${id} guest_nice`, core.guestNice) });
    });
    families.push(
      {
        name: 'pooltop_cpu_seconds',
        type: 'counter',
        unit: 'seconds',
        help: 'Seconds each core spent in each mode since boot (/proc/stat; user and nice include guest time).',
        samples: cpu,
      },
      {
        name: 'pooltop_cpu_guest_seconds',
        type: 'counter',
        unit: 'seconds',
        help: 'Seconds each core spent running virtual machines, also counted in the user and nice modes.',
        samples: guest,
      },
    );
  }
  families.push(
    gauge('pooltop_memory_total_bytes', 'Memory the kernel manages (MemTotal).', memory.total, 'bytes'),
    gauge(
      'pooltop_memory_used_bytes',
      'Memory programs hold, as htop counts its "used" part: total less free, buffers, Cached and SReclaimable (and the zswap pool).',
      memory.used,
      'bytes',
    ),
    gauge('pooltop_memory_shared_bytes', 'Memory in tmpfs and shared memory (Shmem), apart from used and cached as htop shows it.', memory.shared, 'bytes'),
    gauge('pooltop_memory_free_bytes', 'Memory not used for anything (MemFree).', memory.free, 'bytes'),
    gauge('pooltop_memory_available_bytes', 'Memory available to start new programs without swapping (MemAvailable).', memory.available, 'bytes'),
    gauge('pooltop_memory_buffers_bytes', 'Memory in block device buffers (Buffers).', memory.buffers, 'bytes'),
    gauge(
      'pooltop_memory_cached_bytes',
      'Memory in the page cache and reclaimable slab, shared memory apart (Cached + SReclaimable - Shmem).',
      memory.cached,
      'bytes',
    ),
    gauge('pooltop_swap_total_bytes', 'Swap space (SwapTotal).', swap.total, 'bytes'),
    gauge('pooltop_swap_used_bytes', 'Swap space in use, less what is also in memory (SwapTotal - SwapFree - SwapCached, as htop).', swap.used, 'bytes'),
    gauge('pooltop_swap_free_bytes', 'Swap space unused (SwapFree).', swap.free, 'bytes'),
    gauge('pooltop_load1', 'Load average over 1 minute.', load[0]),
    gauge('pooltop_load5', 'Load average over 5 minutes.', load[1]),
    gauge('pooltop_load15', 'Load average over 15 minutes.', load[2]),
  );
  if (counters && counters.bootTime > 0)
    families.push(gauge('pooltop_boot_time_seconds', 'When the machine booted, in seconds since the epoch (btime).', counters.bootTime, 'seconds'));
  const { running, sleeping, stopped, zombie } = tasks;
  if (running !== null && sleeping !== null && stopped !== null && zombie !== null) {
    families.push({
      name: 'pooltop_tasks',
      type: 'gauge',
      help: 'Processes by state, as top counts them (sleeping includes D and I; other is X, W, P, unknown); they sum to all processes, kernel threads included.',
      samples: [
        { labels: { state: 'running' }, value: running },
        { labels: { state: 'sleeping' }, value: sleeping },
        { labels: { state: 'stopped' }, value: stopped },
        { labels: { state: 'zombie' }, value: zombie },
        { labels: { state: 'other' }, value: Math.max(0, tasks.total - running - sleeping - stopped - zombie) },
      ],
    });
  }
  if (tasks.threads !== null) families.push(gauge('pooltop_threads', 'Threads of all processes, main threads and kernel threads included.', tasks.threads));
  if (counters) {
    const disk = (name: string, help: string, value: (d: DiskCounters) => number, unit?: 'bytes' | 'seconds'): MetricFamily => ({
      name,
      type: 'counter',
      help,
      ...(unit ? { unit } : {}),
      samples: deviceSamples(counters.disks, value),
    });
    const net = (name: string, help: string, value: (n: NetworkCounters) => number, unit?: 'bytes'): MetricFamily => ({
      name,
      type: 'counter',
      help,
      ...(unit ? { unit } : {}),
      samples: deviceSamples(counters.networks, value),
    });
    families.push(
      disk('pooltop_disk_reads_completed', 'Reads completed by each whole disk (/proc/diskstats).', (d) => d.readsCompleted),
      disk('pooltop_disk_writes_completed', 'Writes completed by each whole disk.', (d) => d.writesCompleted),
      disk('pooltop_disk_read_bytes', 'Bytes read from each whole disk.', (d) => d.readBytes, 'bytes'),
      disk('pooltop_disk_written_bytes', 'Bytes written to each whole disk.', (d) => d.writtenBytes, 'bytes'),
      disk('pooltop_disk_io_time_seconds', 'Seconds each whole disk had I/O in flight (its busy time).', (d) => d.ioTimeSeconds, 'seconds'),
      net('pooltop_network_receive_bytes', 'Bytes received by each interface (/proc/net/dev).', (n) => n.receiveBytes, 'bytes'),
      net('pooltop_network_transmit_bytes', 'Bytes sent by each interface.', (n) => n.transmitBytes, 'bytes'),
      net('pooltop_network_receive_packets', 'Packets received by each interface.', (n) => n.receivePackets),
      net('pooltop_network_transmit_packets', 'Packets sent by each interface.', (n) => n.transmitPackets),
      net('pooltop_network_receive_errors', 'Receive errors of each interface.', (n) => n.receiveErrors),
      net('pooltop_network_transmit_errors', 'Transmit errors of each interface.', (n) => n.transmitErrors),
      net('pooltop_network_receive_drops', 'Received packets each interface dropped.', (n) => n.receiveDrops),
      net('pooltop_network_transmit_drops', 'Packets to send each interface dropped.', (n) => n.transmitDrops),
    );
  }
  return families;
}

/**
 * One sample per device, labelled with its name made harmless (an interface name may hold any
 * byte but `/`, `:` and blanks, ESC included). Two names made alike would give one label set
 * twice, which no scraper accepts: the first is kept.
 */
function deviceSamples<T extends { device: string }>(devices: readonly T[], value: (d: T) => number): MetricSample[] {
  const seen = new Set<string>();
  const samples: MetricSample[] = [];
  for (const d of devices) {
    const device = sanitizeText(d.device);
    if (seen.has(device)) continue;
    seen.add(device);
    samples.push({ labels: { device }, value: value(d) });
  }
  return samples;
}
