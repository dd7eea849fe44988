import { describe, expect, it } from 'vitest';
import { hotp, totp } from '../e2e/totp';

describe('TOTP used by the browser tests', () => {
  it('matches the RFC 4226 and RFC 6238 test vectors', () => {
    const secret = Buffer.from('12345678901234567890');
    expect([0, 1, 2, 9].map((c) => hotp(secret, c))).toEqual(['755224', '287082', '359152', '520489']);
    // RFC 6238, T = 59 s, SHA-1, 8 digits 94287082 → 6 digits 287082
    expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0, 59_000)).toBe('287082');
  });
});
