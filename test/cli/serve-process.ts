// `pooltop serve` started for a test: waits for the line saying where it listens (started on
// port 0, the system picks a free port), fetches /metrics, and stops it by its own PID; a free
// port for the exporters that take one, and polling a fetch until it shows what a test waits for.
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { startBin, type BinResult } from './run-bin.js';

export interface ServeProcess {
  child: ChildProcess;
  /** http://127.0.0.1:PORT/metrics */
  url: string;
  /** 127.0.0.1:PORT */
  target: string;
  stderr(): string;
  done: Promise<BinResult>;
  /** SIGTERM, then SIGKILL if it has not ended within 5 s; resolves with how it ended. */
  stop(): Promise<BinResult>;
}

export async function startServe(args: string[], timeoutMs = 20_000): Promise<ServeProcess> {
  const { child, done } = startBin(['serve', '--listen', '127.0.0.1:0', ...args], { timeoutMs: 120_000 });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const stop = async (): Promise<BinResult> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    try {
      return await done;
    } finally {
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const url = /serving (http:\/\/(127\.0\.0\.1:\d+)\/metrics)/.exec(stderr);
    if (url) return { child, url: url[1]!, target: url[2]!, stderr: () => stderr, done, stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`pooltop serve did not say where it listens: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Fetched {
  status: number;
  contentType: string;
  body: string;
  ms: number;
}

/** One GET on a fresh connection, timed from the request to the last byte. */
export function fetchText(url: string, accept?: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { agent: false, headers: accept ? { Accept: accept } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type']),
          body: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** A loopback port nobody listens on now (the system picks it; closed again for the program under test to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `get` (a fetch of /metrics, say) every 100 ms until `ok` holds of its value. */
export async function until<T>(what: string, get: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
