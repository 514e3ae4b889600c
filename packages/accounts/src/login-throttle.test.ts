import { describe, expect, test } from 'vitest';
import { LoginThrottle, throttleDelayMs } from './login-throttle.js';

const A = { login: 'aminata', address: '192.168.1.20' };

describe('login throttle', () => {
  test('free failures, then waits that double up to the cap; a success forgets the login', () => {
    const t = new LoginThrottle();
    let now = 1_000_000;
    for (let i = 0; i < 2; i++) expect(t.recordFailure(A, now)).toEqual({ allowed: true });
    expect(t.recordFailure(A, now)).toEqual({ allowed: false, retryAfterMs: 2000 });
    expect(t.check(A, now + 1999)).toEqual({ allowed: false, retryAfterMs: 1 });
    now += 2000;
    expect(t.check(A, now)).toEqual({ allowed: true });
    expect(t.recordFailure(A, now)).toEqual({ allowed: false, retryAfterMs: 4000 });
    now += 4000;
    expect(t.recordFailure(A, now)).toEqual({ allowed: false, retryAfterMs: 8000 });
    // The same login from another address is held too; another login from here is not (yet).
    expect(t.check({ login: 'AMINATA', address: '10.0.0.9' }, now).allowed).toBe(false);
    expect(t.check({ login: 'moussa', address: A.address }, now).allowed).toBe(true);
    t.recordSuccess(A);
    expect(t.check({ login: 'aminata', address: '10.0.0.9' }, now).allowed).toBe(true);
    expect(throttleDelayMs({ freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 900_000 }, 40)).toBe(900_000);
  });

  test('on a fractional clock (performance.now()) the wait at the moment of the failure is the rule, exactly', () => {
    const t = new LoginThrottle();
    // 1001.233 + 2000 - 1001.233 is 2000.0000000000002 in floating point: « 3 s » once rounded up.
    const now = 1001.233;
    for (let i = 0; i < 2; i++) t.recordFailure(A, now);
    expect(t.recordFailure(A, now)).toEqual({ allowed: false, retryAfterMs: 2000 });
    expect(t.check(A, now)).toEqual({ allowed: false, retryAfterMs: 2000 });
  });

  test('one address trying many logins is slowed down after its own free failures', () => {
    const t = new LoginThrottle();
    const now = 5_000_000;
    for (let i = 0; i < 9; i++)
      expect(t.recordFailure({ login: `user${i}`, address: '10.1.1.1' }, now).allowed).toBe(true);
    expect(t.recordFailure({ login: 'user9', address: '10.1.1.1' }, now)).toEqual({
      allowed: false,
      retryAfterMs: 2000,
    });
    expect(t.check({ login: 'fresh', address: '10.1.1.1' }, now).allowed).toBe(false);
    expect(t.check({ login: 'fresh', address: '10.1.1.2' }, now).allowed).toBe(true);
  });

  test('memory stays bounded and old failures are forgotten', () => {
    const t = new LoginThrottle({ maxEntries: 100, forgetAfterMs: 60_000 });
    for (let i = 0; i < 10_000; i++) t.recordFailure({ login: `l${i}`, address: `a${i}` }, 1000 + i);
    expect(t.size).toBeLessThanOrEqual(100);
    const u = new LoginThrottle({ forgetAfterMs: 60_000 });
    for (let i = 0; i < 12; i++) u.recordFailure(A, 0);
    expect(u.size).toBe(2);
    expect(u.check(A, 59_999).allowed).toBe(false);
    expect(u.check(A, 60_000).allowed).toBe(true);
    expect(u.size).toBe(0);
  });
});
