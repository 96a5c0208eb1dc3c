/**
 * Oracle: the facts the hover shows (subject, SANs, validity, SHA-256 fingerprint, key size) equal
 * what `openssl x509` prints for the same certificate: Debian's CA bundle (~140 real roots) and
 * every certificate TLS Lens's fixture generator made.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { PemItem } from '../../server/src/model/pem';
import { pemItemMarkdown } from '../../server/src/features/hover/pem';
import { CertificateFacts } from '../../server/src/x509/certificate';
import { canonicalIp } from '../../server/src/x509/hostname';
import { md } from '../../server/src/util/markdown';
import { FIXTURE_NOW } from '../helpers/clock';
import { FIXTURES, ROOT } from '../helpers/paths';
import { modelOf } from '../helpers/engine';

const DEBIAN_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

function unescapeRfc2253(dn: string): string[] {
  // Split on unescaped ',' and '+', then undo \c and \XX escapes (hex escapes are UTF-8 bytes).
  const values: string[] = [];
  let cur: number[] = [];
  const flush = () => {
    const s = Buffer.from(cur).toString('utf8');
    values.push(s.slice(s.indexOf('=') + 1));
    cur = [];
  };
  const bytes = Buffer.from(dn, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x5c /* \ */) {
      const hex = bytes.subarray(i + 1, i + 3).toString('latin1');
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) { cur.push(parseInt(hex, 16)); i += 2; } else { cur.push(bytes[i + 1]); i++; }
    } else if (b === 0x2c || b === 0x2b) {
      flush();
    } else {
      cur.push(b);
    }
  }
  if (cur.length) flush();
  return values;
}

const normalizeIp = (s: string): string => canonicalIp(s) ?? s;

interface OpensslFacts { subject: string[]; notBefore: Date; notAfter: Date; sha256: string; san: string[]; bits?: number }

function openssl(pem: string): OpensslFacts {
  const r = spawnSync('openssl', ['x509', '-noout', '-subject', '-nameopt', 'RFC2253,-esc_msb', '-startdate', '-enddate', '-fingerprint', '-sha256', '-ext', 'subjectAltName', '-text'], { input: pem, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout;
  const line = (re: RegExp) => { const m = re.exec(out); assert.ok(m, `openssl output lacks ${re}`); return m[1]; };
  const sanBlock = /X509v3 Subject Alternative Name: ?\n\s+(.*)\n/.exec(out);
  const san = sanBlock ? sanBlock[1].split(', ').map((e) => {
    const [type, ...rest] = e.split(':');
    const v = rest.join(':');
    if (type === 'DirName') return `dirname:${v.split('/').filter(Boolean).sort().join('|')}`;
    return type === 'IP Address' ? `ip:${normalizeIp(v)}` : `${type.toLowerCase()}:${v}`;
  }) : [];
  const bits = /Public-Key: \((\d+) bit\)/.exec(out);
  return {
    subject: line(/^subject=(.*)$/m) === '' ? [] : unescapeRfc2253(line(/^subject=(.*)$/m)),
    notBefore: new Date(line(/^notBefore=(.*)$/m)),
    notAfter: new Date(line(/^notAfter=(.*)$/m)),
    sha256: line(/^sha256 Fingerprint=(.*)$/im),
    san,
    ...(bits ? { bits: Number(bits[1]) } : {}),
  };
}

function ours(c: CertificateFacts): OpensslFacts {
  const san = (c.ext.san ?? []).map((n) => {
    switch (n.type) {
      case 'dns': return `dns:${n.value}`;
      case 'ip': return `ip:${normalizeIp(n.value)}`;
      case 'email': return `email:${n.value}`;
      case 'uri': return `uri:${n.value}`;
      case 'dirName': return `dirname:${n.value.split(', ').sort().join('|')}`;
      default: return `${n.type}:${n.value}`;
    }
  });
  return {
    subject: [...c.subject.rdns].reverse().flatMap((rdn) => rdn.map((a) => a.value)),
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    sha256: c.sha256,
    san,
    ...(c.publicKey.bits ? { bits: c.publicKey.bits } : {}),
  };
}

function certificatesIn(file: string): { file: string; pem: string; item: Extract<PemItem, { kind: 'certificate' }>; markdown: string }[] {
  const text = fs.readFileSync(file, 'utf8');
  const model = modelOf({ uri: file, languageId: 'pem', text }, { maxFileSizeKB: 4096 });
  return model.pem.items.flatMap((item, i) => item.kind === 'certificate'
    ? [{ file, pem: text.slice(item.block.span.start, item.block.span.end) + '\n', item, markdown: pemItemMarkdown(model, i, FIXTURE_NOW) }]
    : []);
}

function generatedCertificates(): ReturnType<typeof certificatesIn> {
  const files: string[] = [];
  const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p); else if (/\.(pem|crt)$/.test(e.name) && !/malformed|binary/.test(e.name)) files.push(p);
  });
  walk(FIXTURES);
  walk(path.join(ROOT, 'examples'));
  return files.flatMap(certificatesIn);
}

function compare(certs: ReturnType<typeof certificatesIn>): void {
  assert.ok(certs.length > 0);
  for (const { file, pem, item, markdown } of certs) {
    const where = `${path.relative(ROOT, file)}: ${item.cert.subject.text}`;
    const o = openssl(pem);
    const u = ours(item.cert);
    assert.deepEqual(u.subject, o.subject, `${where}: subject`);
    assert.equal(u.notBefore.getTime(), o.notBefore.getTime(), `${where}: notBefore`);
    assert.equal(u.notAfter.getTime(), o.notAfter.getTime(), `${where}: notAfter`);
    assert.equal(u.sha256, o.sha256, `${where}: SHA-256`);
    assert.deepEqual(u.san, o.san, `${where}: SANs`);
    if (o.bits !== undefined) assert.equal(u.bits, o.bits, `${where}: key size`);
    // …and the hover shows them.
    assert.ok(markdown.includes(o.sha256), `${where}: hover lacks the fingerprint`);
    assert.ok(markdown.includes(u.notAfter.toISOString().replace('.000Z', 'Z')), `${where}: hover lacks notAfter`);
    for (const s of item.cert.ext.san ?? []) assert.ok(markdown.includes(md(s.value)), `${where}: hover lacks SAN ${s.value}`);
  }
}

describe('openssl x509 oracle', () => {
  it('certificates from the fixture generator', () => compare(generatedCertificates()));

  it(`Debian's CA bundle (${DEBIAN_BUNDLE})`, (t) => {
    if (!fs.existsSync(DEBIAN_BUNDLE)) return t.skip(`${DEBIAN_BUNDLE} is absent (install ca-certificates)`);
    const certs = certificatesIn(DEBIAN_BUNDLE);
    assert.ok(certs.length > 100, `only ${certs.length} certificates`);
    compare(certs);
  });
});
