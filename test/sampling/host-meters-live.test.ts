import assert from 'node:assert/strict';
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ProcfsSampler } from '../../src/sampling/procfs-sampler.js';
import { createAppStore } from '../../src/store/app-store.js';
import { headerLines } from '../../src/ui/header.js';
import { computeLayout } from '../../src/ui/layout.js';
import { MONO_THEME } from '../../src/ui/theme.js';

const MB = 1_000_000;
/** tmpfs has no disk behind it: its writes never reach diskstats. */
const TMPFS_MAGIC = 0x01021994;

const cleanups: (() => void)[] = [];
after(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
});

/** The store after a sample before and one after `work`, as the monitor would show them. */
async function meterAround(work: () => Promise<void>) {
  const sampler = new ProcfsSampler();
  cleanups.push(() => sampler.close());
  const store = createAppStore({ graphs: { meters: true } });
  store.getState().applySample(await sampler.sample());
  await work();
  store.getState().applySample(await sampler.sample());
  const { sample, pool, rows, history, graphs, meters } = store.getState();
  const header = headerLines(sample!, pool, rows, computeLayout(160, 40, sample!.cpus.length, 2), MONO_THEME, { history, graphs, meters }).join('\n');
  return { rates: history.rates!, header: header.replace(/\x1b\[[\d;]*m/g, '') };
}

describe('disk and network meters on real traffic', { timeout: 120_000 }, () => {
  it('the network meter moves when 50 MB go over loopback', async () => {
    const server: Server = createServer();
    const sockets: Socket[] = [];
    cleanups.push(() => {
      for (const s of sockets) s.destroy();
      server.close();
    });
    let received = 0;
    let done: () => void = () => {};
    const all = new Promise<void>((resolve) => (done = resolve));
    server.on('connection', (socket) => {
      sockets.push(socket);
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received >= 50 * MB) done();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const { rates, header } = await meterAround(async () => {
      const client = connect(port, '127.0.0.1');
      sockets.push(client);
      await new Promise<void>((resolve) => client.once('connect', resolve));
      const chunk = Buffer.alloc(MB, 7);
      for (let i = 0; i < 50; i++) if (!client.write(chunk)) await new Promise((resolve) => client.once('drain', resolve));
      await all;
      client.end();
    });
    const lo = rates.networks.find((n) => n.device === 'lo');
    assert.ok(lo, 'a loopback interface');
    assert.ok(lo.receiveBytesPerSecond * rates.seconds >= 50 * MB, `lo received ${((lo.receiveBytesPerSecond * rates.seconds) / MB).toFixed(1)} MB`);
    assert.ok(rates.networkTotal.receiveBytesPerSecond * rates.seconds >= 50 * MB);
    assert.match(header, /Net: \d[\d.]*[KMG]\/s in/, header);
  });

  it('the disk meter moves when a 100 MB file is written and fsynced', async () => {
    // A folder on a disk: the temporary one unless it is tmpfs, then the working folder's.
    const parent = statfsSync(tmpdir()).type === TMPFS_MAGIC ? process.cwd() : tmpdir();
    const dir = mkdtempSync(join(parent, 'pooltop-disk-meter-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { rates, header } = await meterAround(async () => {
      const fd = openSync(join(dir, 'data'), 'w');
      try {
        // Random bytes: nothing between here and the disk can make less of them.
        const chunk = Buffer.alloc(MB);
        for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 2654435761) >>> 24;
        for (let i = 0; i < 100; i++) writeSync(fd, chunk);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    });
    const written = rates.diskTotal.writeBytesPerSecond * rates.seconds;
    assert.ok(written >= 100 * MB, `the disks wrote ${(written / MB).toFixed(1)} MB`);
    assert.match(header, /Disk: [\d.]+[KMG]?\/s read, \d[\d.]*[KMG]\/s written/, header);
  });
});
