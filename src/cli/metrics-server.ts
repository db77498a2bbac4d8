// The HTTP side of the exporter: GET /metrics in the format the scraper asks for, a few
// connections at a time, each timed out when idle or slow, never holding up the sampling.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_TYPES } from '../model/metrics-exposition.js';
import { chooseExpositionFormat } from './exposition-format.js';
import { formatListenAddress, type ListenAddress } from './listen-address.js';
import type { MetricsExporter } from './metrics-exporter.js';
import { describeSystemError } from './system-error.js';

export interface ServerLimits {
  /**
   * Connections open at once: Prometheus keeps one per target, a few servers scrape one machine;
   * more are closed as they come, so a flood cannot hold a response buffer each.
   */
  maxConnections: number;
  /** A request's headers must have come within this. */
  headersTimeoutMs: number;
  /**
   * A connection with nothing read or written for this long is closed: an idle keep-alive one,
   * or a scraper that stopped reading its response (whose unread bytes Node holds, not the loop).
   */
  idleMs: number;
}

const LIMITS: ServerLimits = { maxConnections: 16, headersTimeoutMs: 5_000, idleMs: 10_000 };

export interface MetricsServer {
  /** Where it listens (the port the system chose when asked for port 0). */
  readonly address: ListenAddress;
  /** `http://127.0.0.1:9256/metrics`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on `address`; rejects with a one-line reason (address in use, not this machine's…). */
export function startMetricsServer(address: ListenAddress, exporter: MetricsExporter, limits = LIMITS): Promise<MetricsServer> {
  const server = createServer(
    // Node checks these timeouts every connectionsCheckingInterval (30 s by default).
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.headersTimeoutMs * 2,
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    (request, response) => answer(request, response, exporter),
  );
  server.maxConnections = limits.maxConnections;
  server.keepAliveTimeout = limits.idleMs;
  server.timeout = limits.idleMs;
  return new Promise((resolve, reject) => {
    const failed = (error: unknown): void => reject(new Error(`cannot listen on ${formatListenAddress(address)}: ${describeSystemError(error)}`));
    server.once('error', failed);
    server.listen({ host: address.host, port: address.port, exclusive: true }, () => {
      server.off('error', failed);
      // Past start-up (an accept failing for want of descriptors, say) the server is no reason
      // for the monitor to stop; a malformed request is answered 400 by Node itself.
      server.on('error', () => {});
      const bound = server.address() as AddressInfo;
      const actual = { host: address.host, port: bound.port };
      resolve({
        address: actual,
        url: `http://${formatListenAddress(actual)}/metrics`,
        close: () => closeServer(server),
      });
    });
  });
}

function answer(request: IncomingMessage, response: ServerResponse, exporter: MetricsExporter): void {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return plain(response, 405, 'only GET and HEAD are answered here\n', { Allow: 'GET, HEAD' });
  }
  if (path === '/') return plain(response, 200, 'pooltop exporter: the metrics are at /metrics\n');
  if (path !== '/metrics') return plain(response, 404, 'not found: the metrics are at /metrics\n');
  const format = chooseExpositionFormat(request.headers.accept);
  const body = exporter.exposition(format);
  if (body === null) return plain(response, 503, 'no sample yet: try again in a moment\n', { 'Retry-After': '1' });
  response.writeHead(200, { 'Content-Type': CONTENT_TYPES[format], 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function plain(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** Stops listening and ends every connection, idle or not, so the process can exit at once. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
