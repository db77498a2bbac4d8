// The address the exporter listens on, from --listen / --metrics-listen: an IP address and a
// port, nothing that needs a name lookup, and loopback unless another address is written out.
import { isIP } from 'node:net';
import { sanitizeText } from '../model/sanitize.js';
import { UsageError } from './usage-error.js';

export interface ListenAddress {
  /** An IPv4 or IPv6 address (without brackets). */
  host: string;
  /** 0 lets the system choose a free port (said on stderr once listening). */
  port: number;
}

export const DEFAULT_LISTEN: ListenAddress = { host: '127.0.0.1', port: 9256 };

/** `127.0.0.1:9256`, `[::1]:9256`, `localhost:9256` (= 127.0.0.1), `0.0.0.0:9256` (every IPv4 address). */
export function parseListenAddress(value: unknown, option: string): ListenAddress {
  const text = String(value);
  const bad = (why: string): UsageError =>
    new UsageError(`pooltop: ${option} takes HOST:PORT with an IP address as HOST, e.g. 127.0.0.1:9256 or [::1]:9256 (got "${sanitizeText(text)}": ${why})`);
  const match = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d{1,5})$/.exec(text);
  if (!match) throw bad('not HOST:PORT');
  const [, v6, other, portText] = match;
  const port = Number(portText);
  if (port > 65535) throw bad('the port is above 65535');
  const host = v6 ?? (other === 'localhost' ? '127.0.0.1' : (other ?? ''));
  if (host === '') throw bad('give the address to listen on; 0.0.0.0 is every IPv4 address');
  if (v6 !== undefined ? isIP(host) !== 6 : isIP(host) !== 4)
    throw bad(v6 !== undefined ? 'not an IPv6 address' : 'not an IPv4 address (IPv6 goes in brackets)');
  return { host, port };
}

export function formatListenAddress({ host, port }: ListenAddress): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** 127.0.0.0/8 and ::1 (and ::ffff:127.x, IPv4 loopback written as IPv6): this machine only. */
export function isLoopback(host: string): boolean {
  return /^127\./.test(host) || host === '::1' || /^::ffff:127\./i.test(host);
}
