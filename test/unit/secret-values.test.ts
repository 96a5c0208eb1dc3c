/** Which values a schema message may quote: a Secret's name is a name, a password is not. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isSecretValue } from '../../server/src/schema/problems';

describe('values a message may quote', () => {
  it('names of Secrets are quoted', () => {
    for (const key of ['secretName', 'existingSecret', 'tokenSecretRef', 'secret-name', 'secretNamespace']) {
      assert.equal(isSecretValue('shop-tls', ['spec', key], false), false, key);
    }
  });
  it('passwords, tokens, client secrets and anything under a Secret\'s data are not', () => {
    for (const key of ['password', 'clientSecret', 'token', 'apiKey', 'secret', 'secretKey']) assert.equal(isSecretValue('x', ['a', key], false), true, key);
    assert.equal(isSecretValue('shop-tls', ['data', 'secretName'], true), true);
    assert.equal(isSecretValue('-----BEGIN PRIVATE KEY-----', ['spec', 'secretName'], false), true);
  });
});
