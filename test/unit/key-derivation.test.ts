/**
 * The keystores' key-derivation budget (x509/keyDerivation.ts): spent per analysis in the CLI; in
 * the language server's background mode it renews, so a store refused for the budget is opened
 * later rather than never (a corrected password, a store added after a slow one).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { KeyDerivations, Pbkdf2Request } from '../../server/src/x509/keyDerivation';

const request = (password: string, iterations = 1000): Pbkdf2Request => ({ password, salt: Buffer.from('salt'), iterations, keyLength: 32, digest: 'sha256' });

describe('key-derivation budget', () => {
  it('at once (the CLI): spent for the analysis, and never renewed', () => {
    const keys = new KeyDerivations({ budget: 1500 });
    assert.ok(Buffer.isBuffer(keys.derive(request('a'))));
    assert.equal(keys.derive(request('b')), 'spent');
    assert.ok(Buffer.isBuffer(keys.derive(request('a'))), 'a key derived once is kept');
    assert.equal(keys.renewsEveryMs, undefined);
  });

  it('in the background (the language server): a refused store is derived once the budget renews', async () => {
    let onDerived: () => void = () => undefined;
    const keys = new KeyDerivations({ budget: 1500, renewMs: 30, background: { onDerived: () => onDerived() } });
    const next = () => new Promise<void>((resolve) => { onDerived = resolve; });
    let called = next();
    assert.equal(keys.derive(request('a')), 'pending');
    await called;
    assert.ok(Buffer.isBuffer(keys.derive(request('a'))));
    called = next();
    assert.equal(keys.derive(request('b')), 'spent', 'over the budget now');
    await called; // the renewal: told, so that what was refused is asked again
    assert.equal(keys.spent, 0);
    called = next();
    assert.equal(keys.derive(request('b')), 'pending', 'derived in the new period');
    await called;
    assert.ok(Buffer.isBuffer(keys.derive(request('b'))));
  });
});
