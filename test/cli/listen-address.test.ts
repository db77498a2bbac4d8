import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatListenAddress, isLoopback, parseListenAddress } from '../../src/cli/listen-address.js';
import { UsageError } from '../../src/cli/usage-error.js';

describe('parseListenAddress', () => {
  it('takes an IPv4 address, an IPv6 one in brackets, or localhost, and a port', () => {
    assert.deepEqual(parseListenAddress('127.0.0.1:9256', '--listen'), { host: '127.0.0.1', port: 9256 });
    assert.deepEqual(parseListenAddress('0.0.0.0:80', '--listen'), { host: '0.0.0.0', port: 80 });
    assert.deepEqual(parseListenAddress('[::1]:0', '--listen'), { host: '::1', port: 0 });
    assert.deepEqual(parseListenAddress('[::]:9256', '--listen'), { host: '::', port: 9256 });
    assert.deepEqual(parseListenAddress('localhost:9256', '--listen'), { host: '127.0.0.1', port: 9256 });
  });

  it('refuses what is not an address and a port, each in one line', () => {
    for (const bad of [
      '9256',
      ':9256',
      'example.com:9256',
      '127.0.0.1',
      '127.0.0.1:65536',
      '127.0.0.1:-1',
      '::1:9256',
      '[127.0.0.1]:9256',
      '[::1]9256',
      '256.1.1.1:80',
      '1.2.3.4:80\u001b[2J',
    ]) {
      assert.throws(
        () => parseListenAddress(bad, '--listen'),
        (error: unknown) => error instanceof UsageError && /^pooltop: --listen takes HOST:PORT/.test(error.message) && !/[\n\u001b]/.test(error.message),
        bad,
      );
    }
  });

  it('writes an address back as it is typed, and knows loopback', () => {
    assert.equal(formatListenAddress({ host: '::1', port: 9256 }), '[::1]:9256');
    assert.equal(formatListenAddress({ host: '127.0.0.1', port: 1 }), '127.0.0.1:1');
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) assert.equal(isLoopback(host), true, host);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.1']) assert.equal(isLoopback(host), false, host);
  });
});
