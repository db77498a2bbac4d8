// The exporter's HTTP server, in process: what it answers, in which format, and how it holds up
// against too many connections, idle ones and a scraper that stops reading.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { MetricsExporter } from '../../src/cli/metrics-exporter.js';
import { startMetricsServer, type MetricsServer, type ServerLimits } from '../../src/cli/metrics-server.js';
import { info, sample } from '../model/fixtures.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(server: MetricsServer, path: string, options: { method?: string; accept?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: server.address.host,
        port: server.address.port,
        path,
        method: options.method ?? 'GET',
        headers: options.accept ? { Accept: options.accept } : {},
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function closed(socket: Socket, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (socket.destroyed) return resolve(true);
    const timer = setTimeout(() => resolve(false), timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});

async function serve(exporter: MetricsExporter, limits?: ServerLimits): Promise<MetricsServer> {
  return startMetricsServer({ host: '127.0.0.1', port: 0 }, exporter, limits);
}

describe('the metrics server', () => {
  const exporter = new MetricsExporter({ selection: { pids: null, user: null, match: null, top: 10 }, pool: null, intervalMs: 1000 });
  let server: MetricsServer;
  before(async () => {
    server = await serve(exporter);
  });
  after(async () => {
    await server.close();
    exporter.close();
  });

  it('says 503 until there is a sample, then serves the text format', async () => {
    const early = await get(server, '/metrics');
    assert.equal(early.status, 503);
    assert.equal(early.headers['retry-after'], '1');
    exporter.update(sample([info(1)]));
    const reply = await get(server, '/metrics');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.match(reply.body, /^# TYPE pooltop_memory_total_bytes gauge$/m);
    assert.equal(Number(reply.headers['content-length']), Buffer.byteLength(reply.body));
    assert.ok(server.url.startsWith(`http://127.0.0.1:${server.address.port}/metrics`));
  });

  it('serves OpenMetrics to a scraper that asks for it, query strings ignored', async () => {
    exporter.update(sample([info(1)]));
    const reply = await get(server, '/metrics?x=1', { accept: 'application/openmetrics-text;version=1.0.0,text/plain;q=0.5' });
    assert.equal(reply.headers['content-type'], 'application/openmetrics-text; version=1.0.0; charset=utf-8');
    assert.ok(reply.body.endsWith('# EOF\n'));
  });

  it('answers HEAD without a body, and nothing but GET and HEAD at /metrics', async () => {
    exporter.update(sample([info(1)]));
    const head = await get(server, '/metrics', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.ok(Number(head.headers['content-length']) > 0);
    const post = await get(server, '/metrics', { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');
    assert.equal((await get(server, '/nothing')).status, 404);
    assert.match((await get(server, '/')).body, /\/metrics/);
  });
});

describe('the metrics server under pressure', () => {
  const limits: ServerLimits = { maxConnections: 4, headersTimeoutMs: 300, idleMs: 300 };

  it('closes connections beyond its limit at once, and still answers afterwards', async () => {
    const exporter = new MetricsExporter({ selection: { pids: null, user: null, match: null, top: 0 }, pool: null, intervalMs: 1000 });
    exporter.update(sample([info(1)]));
    const server = await serve(exporter, { ...limits, headersTimeoutMs: 5_000, idleMs: 5_000 });
    try {
      const opened = await Promise.all(
        Array.from(
          { length: 8 },
          () =>
            new Promise<Socket>((resolve) => {
              const s = connect(server.address.port, server.address.host, () => resolve(s));
              s.on('error', () => {});
              sockets.push(s);
            }),
        ),
      );
      const shut = await Promise.all(opened.map((s) => closed(s, 1000)));
      assert.equal(shut.filter(Boolean).length, 4, 'the four beyond the limit were closed');
      for (const s of opened) s.destroy();
      await new Promise((r) => setTimeout(r, 50));
      assert.equal((await get(server, '/metrics')).status, 200);
    } finally {
      await server.close();
      exporter.close();
    }
  });

  it('closes a connection that sends nothing, and one whose scraper stopped reading, while answering others', async () => {
    // A response far larger than what the kernel buffers for a socket (a few MB on loopback).
    const size = 16 * 1024 * 1024;
    const big = Buffer.alloc(size, '#');
    const exporter = { exposition: () => big } as unknown as MetricsExporter;
    const server = await serve(exporter, limits);
    try {
      const silent = connect(server.address.port, server.address.host);
      silent.on('error', () => {});
      // Flowing, so that it sees the server's end: a paused socket sees nothing until read.
      silent.resume();
      sockets.push(silent);
      const stalled = connect(server.address.port, server.address.host, () => {
        stalled.write('GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n');
        stalled.pause();
      });
      stalled.on('error', () => {});
      sockets.push(stalled);
      const other = await get(server, '/metrics');
      assert.equal(other.status, 200);
      assert.equal(Buffer.byteLength(other.body), size);
      assert.equal(await closed(silent, 3000), true, 'silent connection closed');
      // A paused socket notices nothing: read again once the server has had time to give up,
      // and the connection ends short of the whole response.
      await new Promise((r) => setTimeout(r, 4 * limits.idleMs));
      stalled.resume();
      assert.equal(await closed(stalled, 3000), true, 'stalled connection closed');
      assert.ok(stalled.bytesRead < size, `the stalled scraper read ${stalled.bytesRead} of ${size} bytes`);
    } finally {
      await server.close();
    }
  });

  it('says in one line why it cannot listen', async () => {
    const exporter = new MetricsExporter({ selection: { pids: null, user: null, match: null, top: 0 }, pool: null, intervalMs: 1000 });
    const first = await serve(exporter);
    try {
      await assert.rejects(startMetricsServer(first.address, exporter), /^Error: cannot listen on 127\.0\.0\.1:\d+: address already in use \(EADDRINUSE\)$/);
    } finally {
      await first.close();
      exporter.close();
    }
  });
});
