// Recordings made for tests: frames whose processes come, go, change and reuse PIDs, a pool and
// messages now and then, written with the real writer.
import type { RecordedFrame, RecordingHeader } from '../../src/model/recording-codec.js';
import type { PoolSnapshot } from '../../src/pool/pool-snapshot.js';
import { RecordingWriter } from '../../src/cli/recording-writer.js';
import type { ProcessInfo } from '../../src/sampling/types.js';
import { info, sample } from '../model/fixtures.js';

export const HEADER: RecordingHeader = {
  source: 'procfs',
  // What the fixtures' samples say of their source: a recording's header is where they come back from.
  capabilities: sample([]).capabilities,
  intervalMs: 1000,
  started: 1_700_000_000_000,
  writer: 'pooltop test',
};

function poolSnapshot(at: number): PoolSnapshot {
  return {
    workers: [
      {
        index: 1,
        pid: 4250,
        state: 'busy',
        task: { id: 7, workload: 'primes', method: 'naive', arg: 1_003_000_000 },
        taskSince: at - 500,
        tasksDone: 3,
        cpuMs: 2500,
        trap: false,
        procState: 'R',
        startedAt: at - 9000,
        child: null,
      },
      { index: 2, pid: 4251, state: 'paused', task: null, taskSince: null, tasksDone: 2, cpuMs: 1800, trap: true, procState: 'T', startedAt: at - 9000 },
    ],
    summary: {
      phase: 'running',
      workers: 2,
      streaming: true,
      workload: { workload: 'primes', method: 'naive' },
      startedAt: at - 9000,
      wallMs: 9000,
      cpuMs: 4300,
      cpuUserMs: 4200,
      cpuSystemMs: 100,
      coresBusy: 0.48,
      tasksDone: 5,
      tasksPerSecond: 0.55,
      pending: 4,
      inFlight: 1,
      replaced: 0,
      latest: [
        {
          taskId: 5,
          workload: 'primes',
          method: 'naive',
          arg: 1_002_000_000,
          value: 1_002_000_001,
          error: null,
          pid: 4250,
          workerIndex: 1,
          cpuMs: 900,
          wallMs: 910,
          finishedAt: at - 1000,
        },
      ],
      children: [],
    },
  };
}

/**
 * `count` frames a second apart from HEADER.started: PID 100 + i lives from frame i to i + 30,
 * PID 50's CPU time grows, PID 60 is a PID reused every 10 frames, PID 70 changes its command
 * (an exec) at frame 5; a pool from frame 3 on and a message every 7th frame.
 */
export function syntheticFrames(count: number, extra: (i: number) => Partial<ProcessInfo>[] = () => []): RecordedFrame[] {
  const frames: RecordedFrame[] = [];
  const idle = new Map<number, ProcessInfo>();
  for (let i = 0; i < count; i++) {
    const time = HEADER.started + 1000 + i * 1000;
    const processes: ProcessInfo[] = [info(1, { ppid: 0, name: 'init', command: '/sbin/init' })];
    processes.push(info(50, { cpuTime: i * 0.7, state: i % 2 ? 'R' : 'S', processor: i % 2, rss: 1_000_000 + i * 4096 }));
    processes.push(info(60, { startTime: 2_000_000 + Math.floor(i / 10), name: `reused${Math.floor(i / 10)}` }));
    processes.push(info(70, i < 5 ? { name: 'sh', command: 'sh -c worker' } : { name: 'worker', command: '/usr/bin/worker --serve' }));
    for (let pid = 100 + Math.max(0, i - 30); pid <= 100 + i; pid++) {
      // The same object while nothing changes, as the procfs sampler hands back.
      let p = idle.get(pid);
      if (!p) {
        p = info(pid, { name: `job${pid}`, command: `job ${pid} --sleep` });
        idle.set(pid, p);
      }
      processes.push(p);
    }
    for (const e of extra(i)) processes.push(info(e.pid ?? 9000 + i, e));
    const s = sample(processes, {
      time,
      monotonic: 5000 + i * 1000,
      cpus: [
        { user: (i * 7) % 100, system: 0.5, nice: 0, idle: 100 - ((i * 7) % 100) - 0.5 },
        { user: 33.333333333333336, system: 0.1, nice: 0.00007777150420977152, idle: 66.56658889515245 },
      ],
      uptime: 3600 + i,
      counters: {
        bootTime: 1_699_990_000,
        cpus: [{ user: 10 + i, nice: 0, system: 2, idle: 100 + i, iowait: 0, irq: 0, softirq: 0.01, steal: 0, guest: 0, guestNice: 0 }],
        disks: [{ device: 'vda', readsCompleted: 10, writesCompleted: 20 + i, readBytes: 4096, writtenBytes: 8192 * i, ioTimeSeconds: 0.5 }],
        networks: [
          {
            device: 'eth0',
            receiveBytes: 1000 * i,
            receivePackets: i,
            receiveErrors: 0,
            receiveDrops: 0,
            transmitBytes: 500 * i,
            transmitPackets: i,
            transmitErrors: 0,
            transmitDrops: 0,
          },
        ],
      },
    });
    frames.push({
      sample: s,
      pool: i >= 3 ? poolSnapshot(time) : null,
      events: i % 7 === 6 ? [{ at: time - 100, level: 'warn', text: `worker 2 (PID 4251) was killed by SIGKILL at frame ${i}` }] : [],
    });
  }
  return frames;
}

export function writeRecording(path: string, frames: readonly RecordedFrame[], header: RecordingHeader = HEADER): void {
  const writer = RecordingWriter.create(path, header);
  for (const frame of frames) writer.write(frame);
  writer.close();
}
