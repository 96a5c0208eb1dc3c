// The error families of `tls-lens explain` (server/src/explain/, Product.errors): each row's real
// messages are recognised by it and yield the names they hold; its rules exist; its patterns have
// no shape that backtracks; a message no family knows is said so; hostile input is bounded; and
// the ranking puts the findings of the family's rules, and those naming the message's hosts, first.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { allFamilies, applicable, causesOf, EXPLAIN_MAX_INPUT, NAME_KINDS, rank, recognise, type RankedFinding } from '../../server/src/explain/explain';
import { RULES_BY_ID } from '../../server/src/rules/registry';
import { nestedQuantifier } from '../../server/src/util/boundedRegex';

const families = allFamilies();
const ruleNames = new Set([...RULES_BY_ID.keys()].map((id) => id.slice(id.indexOf('/'))));

describe('explain: the error families', () => {
  it('cover the ecosystems the issue names', () => {
    const ids = new Set(families.map((m) => m.family.id));
    for (const id of ['go/unknown-authority', 'go/hostname', 'go/expired', 'go/incompatible-usage', 'go/key-mismatch', 'go/bad-certificate',
      'node/altname-invalid', 'node/leaf-signature', 'node/cert-has-expired', 'node/self-signed',
      'openssl/key-values-mismatch', 'openssl/verify-expired', 'openssl/local-issuer', 'openssl/hostname-mismatch', 'nginx/no-ssl-certificate',
      'curl/35', 'curl/51', 'curl/58', 'curl/60', 'java/pkix', 'java/keystore-type', 'java/keystore-password',
      'python/hostname', 'python/local-issuer', 'browser/common-name-invalid', 'browser/date-invalid', 'browser/authority-invalid',
      'openchoreo/no-crs-for-planeid', 'openchoreo/not-valid-for-any-cr',
      'envoy/verify-failed', 'envoy/wrong-version', 'ingress-nginx/secret-not-found', 'ingress-nginx/secret-invalid', 'ingress-nginx/host-not-in-certificate',
      'gateway/secret-missing', 'gateway/secret-not-tls', 'istio/credential-not-found', 'kubectl/unknown-authority', 'spring/ssl-binding',
      'openssl/protocol', 'openssl/cipher', 'openssl/wrong-version-number', 'certctl/probe-plain-http', 'certctl/readiness-path']) assert.ok(ids.has(id), id);
    assert.equal(ids.size, families.length, 'family ids are unique');
  });

  for (const { family } of families) {
    it(`${family.id}: its real messages are recognised, with the names they hold`, () => {
      assert.ok(family.examples.length > 0);
      for (const ex of family.examples) {
        const r = recognise(ex.message, families);
        assert.ok(r.matches.some((m) => m.family === family), `${family.id} does not recognise ${JSON.stringify(ex.message)}`);
        for (const kind of NAME_KINDS) {
          for (const want of ex.names?.[kind] ?? []) assert.ok(r.names[kind].includes(want), `${family.id}: ${kind} ${want} not in ${JSON.stringify(r.names)}`);
        }
      }
    });
  }

  it('every family has causes with a fix and a source, rules that exist, and a pattern without nested or alternating quantifiers', () => {
    for (const { family } of families) {
      assert.ok(family.causes.length > 0 && family.citation.length > 0, family.id);
      for (const c of family.causes) assert.ok(c.summary && c.fixText && c.citation, `${family.id} ${c.id}`);
      for (const rule of family.rules) {
        assert.ok(rule.startsWith('*/') ? ruleNames.has(rule.slice(1)) : RULES_BY_ID.has(rule), `${family.id} points at ${rule}, which is no rule`);
      }
      assert.equal(nestedQuantifier(family.pattern.source), false, `${family.id}: ${family.pattern.source}`);
      assert.ok(!family.pattern.flags.includes('g') && !family.pattern.flags.includes('y'), `${family.id}: a stateful flag`);
    }
  });

  it('a message no family knows is said so: no match, no cause, the names still read', () => {
    const r = recognise('upstream connect error or disconnect/reset before headers to shop.example.com', families);
    assert.deepEqual(r.matches, []);
    assert.deepEqual(causesOf(applicable(r, [])), []);
    assert.deepEqual(r.names.host, ['shop.example.com']);
  });

  it('reads paths, properties, usages and dates, and not Java class names as hosts', () => {
    const r = recognise('javax.net.ssl.SSLHandshakeException: spec.planeID of /etc/tls/agent.crt lacks clientAuth since 2026-01-01T00:00:00Z', families);
    assert.deepEqual(r.names.host, []);
    assert.deepEqual(r.names.path, ['/etc/tls/agent.crt']);
    assert.deepEqual(r.names.property, ['spec.planeID']);
    assert.deepEqual(r.names.usage, ['clientAuth']);
    assert.deepEqual(r.names.date, ['2026-01-01T00:00:00Z']);
  });
});

describe('explain: hostile messages', () => {
  it('1 MB of text is read only to EXPLAIN_MAX_INPUT, and its names are capped in number and length', () => {
    const line = 'x509: certificate is valid for ' + 'a.example.com, '.repeat(200) + 'not b.example.com\n';
    const big = (line + 'h'.repeat(5000) + '.example.com ').repeat(Math.ceil(1024 * 1024 / (line.length + 5013)));
    assert.ok(big.length >= 1024 * 1024);
    const r = recognise(big, families);
    assert.equal(r.truncated, true);
    assert.ok(r.matches.some((m) => m.family.id === 'go/hostname'));
    for (const kind of NAME_KINDS) {
      assert.ok(r.names[kind].length <= 8, kind);
      for (const n of r.names[kind]) assert.ok(n.length <= 1024, `${kind} ${n.length}`);
    }
    // What lies past the limit is not read: a family only there is not recognised.
    assert.equal(recognise('z'.repeat(EXPLAIN_MAX_INPUT) + ' NET::ERR_CERT_DATE_INVALID', families).matches.length, 0);
  });

  it('control characters are not part of a host read from a token', () => {
    const r = recognise('\x1b[2J\x1b]0;owned\x07 x509: certificate is valid for \x1b[31mevil.example.com, not shop.example.com', families);
    assert.ok(r.matches.some((m) => m.family.id === 'go/hostname'));
    assert.ok(r.names.host.includes('shop.example.com'));
  });
});

describe('explain: ranking', () => {
  const f = (code: string, message: string, file = 'x.yaml', severity = 'error'): RankedFinding => ({ code, message, file, severity });
  const findings = [
    f('pem/weak-signature', 'sha1WithRSAEncryption'),
    f('cert-manager/issuer-not-found', 'ClusterIssuer letsencrypt is not in the workspace', 'certificate.yaml', 'information'),
    f('xref/hostname-not-covered', '\'api.example.com\' is not covered by the certificate', 'ingress.yaml'),
    f('xref/hostname-not-covered', '\'shop.example.com\' is not covered by the certificate', 'nginx.conf'),
    f('pem/cert-expired', 'The certificate expired'),
  ];

  it('the family\'s rules first, the finding naming the message\'s host before the others', () => {
    const r = recognise('x509: certificate is valid for app.example.com, not shop.example.com', families);
    const ranked = rank(findings, applicable(r, findings), r.names);
    assert.deepEqual(ranked.slice(0, 2).map((x) => x.file), ['nginx.conf', 'ingress.yaml']);
  });

  it('an unrecognised message still ranks by the names it holds', () => {
    const r = recognise('connection to shop.example.com reset', families);
    assert.equal(rank(findings, applicable(r, findings), r.names)[0].file, 'nginx.conf');
  });

  it('a rule named for any folder (`*` + `/renewal`) matches it in every folder', () => {
    const renewal = [f('pem/weak-signature', 'a'), f('cert-manager/renewal', 'renewBefore is longer than the duration')];
    const r = recognise('CERT_HAS_EXPIRED', families);
    assert.equal(rank(renewal, applicable(r, renewal), r.names)[0].code, 'cert-manager/renewal');
  });

  it('a product\'s wording of a shared error applies only where that product has findings', () => {
    const r = recognise('x509: certificate signed by unknown authority', families);
    assert.ok(!applicable(r, findings).some((m) => m.product !== undefined));
    assert.ok(applicable(r, [f('openchoreo/agent-client-ca', 'not verified')]).some((m) => m.product !== undefined));
    assert.ok(applicable(recognise('no CRs found with planeID', families), []).length > 0, 'its own message applies everywhere');
  });
});
