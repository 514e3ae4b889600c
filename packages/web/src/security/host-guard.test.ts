import { describe, expect, test } from 'vitest';
import { isLoopbackAddress, isLoopbackHostHeader } from './host-guard.js';

describe('loopback addresses and Host headers', () => {
  test('addresses only this PC reaches', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]']) {
      expect(isLoopbackAddress(h), h).toBe(true);
    }
    for (const h of [
      '0.0.0.0',
      '::',
      '192.168.1.10',
      'csr-segou',
      '127.0.0.1.nip.io',
      'localhost.example.org',
    ]) {
      expect(isLoopbackAddress(h), h).toBe(false);
    }
  });

  test('a Host header must name this PC and the port listened on', () => {
    expect(isLoopbackHostHeader('127.0.0.1:8800', 8800, false)).toBe(true);
    expect(isLoopbackHostHeader('localhost:8800', 8800, false)).toBe(true);
    expect(isLoopbackHostHeader('[::1]:8800', 8800, false)).toBe(true);
    expect(isLoopbackHostHeader('localhost', 80, false)).toBe(true);
    expect(isLoopbackHostHeader('localhost', 443, true)).toBe(true);
    expect(isLoopbackHostHeader('localhost', 8800, false)).toBe(false);
    expect(isLoopbackHostHeader('localhost:8801', 8800, false)).toBe(false);
    expect(isLoopbackHostHeader('attaquant.example:8800', 8800, false)).toBe(false);
    expect(isLoopbackHostHeader('127.0.0.1:8800@attaquant.example', 8800, false)).toBe(false);
    expect(isLoopbackHostHeader(undefined, 8800, false)).toBe(false);
    expect(isLoopbackHostHeader('', 8800, false)).toBe(false);
  });
});
