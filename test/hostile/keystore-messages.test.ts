/**
 * A malformed keystore is described in its own terms: every truncation and thousands of garbled
 * bytes of JKS and PKCS#12 stores either read, or fail with the reader's own error (a JKS entry,
 * a length field, a PKCS#12 safe or bag), never with Node's words ("The value of "offset" is out
 * of range. It must be >= 0 and <= 514. Received 2147483681") or a TypeError's.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createCertificate } from '../../server/src/x509/generate';
import { KeystoreMalformed, KeystoreRefused, readKeystore } from '../../server/src/x509/keystore';
import { refsOf } from '../../server/src/products/refs';
import type { EngineHost } from '../../server/src/core/host';
import { days } from '../helpers/clock';
import { jksKeystore, jksTruststore, pkcs12Store } from '../helpers/der';
import { testEngine } from '../helpers/engine';

/** Words of Node, V8 or a parser that a message about a keystore must not hold. */
const INTERNALS = /offset|RangeError|TypeError|ERR_|undefined|Cannot read|Received|out of range|properties of|\bNaN\b/;

async function der(cn: string, ca = false): Promise<Uint8Array> {
  const c = await createCertificate({ subject: `CN=${cn}`, key: { type: 'ec', curve: 'P-256' }, notBefore: days(-10), notAfter: days(300), ca, ...(ca ? { keyUsage: ['keyCertSign'] } : { san: [`${cn}.example.com`], keyUsage: ['digitalSignature'] }) });
  return c.cert.der;
}

/** Every prefix, and every byte set to a few values: what a cut or a flipped bit makes of a store. */
function* damaged(store: Buffer): Generator<{ what: string; bytes: Buffer }> {
  for (let n = 0; n < store.length; n++) yield { what: `the first ${n} bytes`, bytes: store.subarray(0, n) };
  for (let i = 0; i < store.length; i++) {
    for (const v of [0x00, 0x7f, 0x80, 0xff, (store[i] + 1) & 0xff]) {
      if (v === store[i]) continue;
      const b = Buffer.from(store);
      b[i] = v;
      yield { what: `byte ${i} = 0x${v.toString(16)}`, bytes: b };
    }
  }
}

describe('malformed keystores are described in their own terms', () => {
  it('every truncation and garbled byte of JKS and PKCS#12 stores: the reader\'s own error, in its own words', async () => {
    const [leaf, ca] = [await der('leaf'), await der('ca', true)];
    const stores: [string, Buffer, string[]][] = [
      ['JKS keystore', jksKeystore([{ alias: 'gate', chain: [leaf, ca] }, { alias: 'ca', der: ca }]), []],
      ['JKS truststore', jksTruststore([{ alias: 'ca', der: ca }]), []],
      ['PKCS#12 (plain safe)', pkcs12Store([{ alias: 'gate', der: leaf }, { alias: 'ca', der: ca }], { keys: 1 }), []],
      ['PKCS#12 (encrypted safe)', pkcs12Store([{ alias: 'gate', der: leaf }], { keys: 1, encrypt: { password: 'changeit', iterations: 1 } }), ['changeit']],
    ];
    let inputs = 0;
    const failures: string[] = [];
    for (const [name, store, passwords] of stores) {
      assert.ok(readKeystore(store, passwords).certs.length > 0, `${name} reads`);
      for (const { what, bytes } of damaged(store)) {
        inputs++;
        try {
          const r = readKeystore(bytes, passwords);
          if (r.problem && INTERNALS.test(r.problem)) failures.push(`${name}, ${what}: ${r.problem}`);
        } catch (e) {
          const own = e instanceof KeystoreMalformed || e instanceof KeystoreRefused;
          if (!own || INTERNALS.test((e as Error).message)) failures.push(`${name}, ${what}: ${(e as Error).name}: ${(e as Error).message}`);
        }
      }
    }
    assert.ok(inputs > 5000, `${inputs} inputs`);
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${inputs} inputs`);
  });

  it("a JKS certificate length of 2^31+33: the message says what it claims and what is left, through the resolution too", async () => {
    const jks = jksTruststore([{ alias: 'ca', der: await der('ca', true) }]);
    // magic, version, count, tag (16), alias "ca" (2+2), date (8), type "X.509" (2+5): the length is at 35.
    jks.writeUInt32BE(2 ** 31 + 33, 35);
    const left = jks.length - 39;
    assert.throws(() => readKeystore(jks, []), (e: Error) => e instanceof KeystoreMalformed && e.message === `it is a JKS keystore in which entry 1's certificate says it is 2,147,483,681 bytes long, and ${left.toLocaleString('en-US')} bytes are left`);

    const text = ['apiVersion: spinnaker.io/v1alpha2', 'kind: SpinnakerService', 'metadata:', '  name: s', 'spec:', '  spinnakerConfig:', '    profiles:', '      gate:', '        server:', '          ssl:', '            trust-store: trust.jks', '            trust-store-type: JKS', ''].join('\n');
    const host: EngineHost = { roots: ['/w'], pathMappings: {}, trusted: true, readFile: () => undefined, readBytes: (p) => (p === '/w/trust.jks' ? jks : undefined) };
    const engine = testEngine({ host, workspace: true });
    const ref = refsOf(engine.model({ uri: '/w/spinnaker.yaml', languageId: 'yaml', text })).references.find((r) => r.store)!;
    const res = engine.workspace!.resolve(ref, '/w/spinnaker.yaml');
    assert.equal(res?.problem?.kind, 'unreadable');
    assert.match(res!.problem!.message, /entry 1's certificate says it is 2,147,483,681 bytes long/);
    assert.doesNotMatch(res!.problem!.message, INTERNALS);
  });
});
