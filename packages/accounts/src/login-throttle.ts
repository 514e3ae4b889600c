/*
 * Slows down password guessing, in memory, per login and per address:
 *
 *   failures   0 … free-1   free    free+1   free+2   …   (capped)
 *   wait       none         base    2·base   4·base   …   maxDelay
 *
 * After a failure, the next attempt for that login (or from that address) is refused until the
 * wait has passed, without looking at the password. A success forgets the login's failures;
 * failures older than `forgetAfterMs` are forgotten. At most `maxEntries` keys are kept: the
 * least recently failed go first, so memory stays bounded whatever an attacker sends.
 */

export interface ThrottleRule {
  /** Failures allowed before any wait. */
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface ThrottleOptions {
  login?: Partial<ThrottleRule>;
  /** An office behind one address shares it: more free failures there. */
  address?: Partial<ThrottleRule>;
  forgetAfterMs?: number;
  maxEntries?: number;
}

/** The throttle's answer: go ahead, or wait `retryAfterMs`. */
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

interface Entry {
  failures: number;
  lastFailureMs: number;
}

const LOGIN_RULE: ThrottleRule = { freeFailures: 3, baseDelayMs: 2000, maxDelayMs: 15 * 60_000 };
const ADDRESS_RULE: ThrottleRule = { freeFailures: 10, baseDelayMs: 2000, maxDelayMs: 15 * 60_000 };

/** The wait imposed after `failures` failures under `rule`. */
export function throttleDelayMs(rule: ThrottleRule, failures: number): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(30, failures - rule.freeFailures));
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly rules: { login: ThrottleRule; address: ThrottleRule };
  private readonly forgetAfterMs: number;
  private readonly maxEntries: number;

  constructor(options: ThrottleOptions = {}) {
    this.rules = {
      login: { ...LOGIN_RULE, ...options.login },
      address: { ...ADDRESS_RULE, ...options.address },
    };
    this.forgetAfterMs = options.forgetAfterMs ?? 60 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** Keys kept in memory (for tests of the bound). */
  get size(): number {
    return this.entries.size;
  }

  /** May this attempt be checked now? The stricter of the login's and the address's waits. */
  check(attempt: { login: string; address: string }, nowMs: number): ThrottleDecision {
    const wait = Math.max(
      this.remaining(`l:${attempt.login.trim().toLowerCase()}`, this.rules.login, nowMs),
      this.remaining(`a:${attempt.address}`, this.rules.address, nowMs),
    );
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
  }

  /** Records a wrong password; returns the wait now imposed before the next attempt. */
  recordFailure(attempt: { login: string; address: string }, nowMs: number): ThrottleDecision {
    this.bump(`l:${attempt.login.trim().toLowerCase()}`, nowMs);
    this.bump(`a:${attempt.address}`, nowMs);
    return this.check(attempt, nowMs);
  }

  /** A right password: the login's failures are forgotten (the address's are not). */
  recordSuccess(attempt: { login: string }): void {
    this.entries.delete(`l:${attempt.login.trim().toLowerCase()}`);
  }

  private remaining(key: string, rule: ThrottleRule, nowMs: number): number {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    if (nowMs - entry.lastFailureMs >= this.forgetAfterMs) {
      this.entries.delete(key);
      return 0;
    }
    // Elapsed first: with a fractional clock (performance.now()), `last + delay - now` is not
    // exactly `delay` at the very moment of the failure, and a 2 s wait would read « 3 s ».
    return Math.max(0, throttleDelayMs(rule, entry.failures) - (nowMs - entry.lastFailureMs));
  }

  private bump(key: string, nowMs: number): void {
    const entry = this.entries.get(key);
    const fresh = entry && nowMs - entry.lastFailureMs < this.forgetAfterMs;
    // Re-inserted at the end: the map's order is the order of last failure.
    this.entries.delete(key);
    this.entries.set(key, { failures: fresh ? entry.failures + 1 : 1, lastFailureMs: nowMs });
    for (const [oldest, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && nowMs - e.lastFailureMs < this.forgetAfterMs) break;
      this.entries.delete(oldest);
    }
  }
}
