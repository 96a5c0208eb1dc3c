/** Expiry phrases: the inventory's and the diagnostics' day counts agree. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { expiryPhrase, relativeTime } from '../../server/src/util/time';

const DAY = 86_400_000;
const now = new Date('2037-01-01T00:00:00Z');
const cert = (offsetMs: number) => ({ notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date(now.getTime() + offsetMs) });

describe('expiry phrases', () => {
  it('an expired certificate: the same whole days as the diagnostic (226.4 days ago is 226, not 227)', () => {
    for (const days of [2.5, 30, 226.35, 600.9]) {
      const phrase = expiryPhrase(cert(-days * DAY), now);
      const diag = relativeTime(cert(-days * DAY).notAfter, now);
      assert.equal(phrase, `expired ${Math.floor(days)} days ago`);
      assert.equal(diag, `${Math.floor(days)} days ago`);
    }
  });

  it('hours after expiry: expired today, then 1 day ago', () => {
    assert.equal(expiryPhrase(cert(-3_600_000), now), 'expired today');
    assert.equal(expiryPhrase(cert(-1.5 * DAY), now), 'expired 1 day ago');
  });

  it('still valid: expires today, in 1 day, in N days; not yet valid says from when', () => {
    assert.equal(expiryPhrase(cert(3_600_000), now), 'expires today');
    assert.equal(expiryPhrase(cert(1.2 * DAY), now), 'expires in 1 day');
    assert.equal(expiryPhrase(cert(23.9 * DAY), now), 'expires in 23 days');
    assert.equal(expiryPhrase({ notBefore: new Date('2037-02-01T00:00:00Z'), notAfter: new Date('2038-01-01T00:00:00Z') }, now), 'not valid until 2037-02-01');
  });
});
