import { describe, expect, it } from 'vitest';
import { UploadGate } from './upload-gate.js';

describe('the upload gate', () => {
  it('gives one address at most its share of the slots, and the others theirs', () => {
    const gate = new UploadGate({ maxUploads: 4, maxUploadsPerClient: 9, requestsPerMinute: 100 });
    // Asked for 9 per address with 4 slots: one address never takes more than half.
    expect(gate.limits.maxUploadsPerClient).toBe(2);
    const a1 = gate.enter('10.0.0.1');
    const a2 = gate.enter('10.0.0.1');
    expect(gate.enter('10.0.0.1')).toMatchObject({
      status: 429,
      reason: expect.stringMatching(/déjà 2 envois en cours depuis 10\.0\.0\.1/),
    });
    const b1 = gate.enter('10.0.0.2');
    const b2 = gate.enter('10.0.0.2');
    expect(gate.enter('10.0.0.3')).toMatchObject({ status: 503, retryAfter: 60 });
    if (!('release' in a1) || !('release' in a2) || !('release' in b1) || !('release' in b2))
      throw new Error('slots');
    a1.release();
    a1.release();
    expect('release' in gate.enter('10.0.0.3')).toBe(true);
    expect(gate.enter('10.0.0.4')).toMatchObject({ status: 503 });
  });

  it('counts requests a minute per address, and forgets them after the minute', () => {
    let now = 1_000_000;
    const gate = new UploadGate({ maxUploads: 16, maxUploadsPerClient: 2, requestsPerMinute: 3 }, () => now);
    for (let i = 0; i < 3; i++) expect(gate.request('10.0.0.1')).toBeNull();
    expect(gate.request('10.0.0.1')).toMatchObject({
      status: 429,
      retryAfter: 60,
      reason: 'trop de requêtes depuis 10.0.0.1 (plus de 3 par minute) : réessayez dans 60 s.',
    });
    expect(gate.request('10.0.0.2')).toBeNull();
    now += 30_000;
    expect(gate.request('10.0.0.1')).toMatchObject({ retryAfter: 30 });
    now += 30_001;
    expect(gate.request('10.0.0.1')).toBeNull();
  });
});
