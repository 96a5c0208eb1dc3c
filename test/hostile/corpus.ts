/**
 * The hostile corpus: files an attacker or an unlucky user could put in a repository, each with
 * the answer TLS Lens owes it (a diagnostic, never a crash, a hang or a leak). Small ones are
 * committed in test/fixtures/hostile/ (`npm run gen:hostile`; a test keeps them equal to this
 * list); large ones are made at test time. Every entry is a small workspace: one or more files.
 */
import { generateKeyPairSync } from 'node:crypto';
import { certificatePem, createCertificate } from '../../server/src/x509/generate';
import { days } from '../helpers/clock';
import { jksTruststore, pkcs12WithIterations, seq, tlv } from '../helpers/der';

export interface HostileCase {
  /** Folder name under test/fixtures/hostile/. */
  readonly name: string;
  /** What it is and what it breaks (or broke). */
  readonly why: string;
  /** path → content; the first file is the one checked (the others are the workspace around it). */
  readonly files: () => Promise<Record<string, string | Buffer>>;
  /** Rule ids that must be reported on the first file. */
  readonly expect: readonly string[];
  /** Text some finding's message must contain (what the answer says, not only which rule). */
  readonly mention?: string;
  /** Text that must appear in no finding's message (secrets, other people's files). */
  readonly forbid?: readonly string[];
  /** Too large to commit: made at test time. */
  readonly large?: boolean;
  /** Engine settings for this case. */
  readonly settings?: { readonly maxFileSizeKB?: number };
}

/** A deterministic byte stream (xorshift), for junk that is the same on every run. */
export function junk(n: number, seed = 1): Buffer {
  const out = Buffer.alloc(n);
  let x = seed || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/** A throwaway EC key (PKCS#8 PEM) and a line of its body, which no output may contain. */
export function throwawayKey(): { pem: string; body: string } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { pem, body: pem.split('\n')[1].slice(0, 40) };
}

async function selfSigned(cn: string, san: string[]): Promise<string> {
  const c = await createCertificate({ subject: `CN=${cn}`, key: { type: 'ec', curve: 'P-256' }, notBefore: days(-10), notAfter: days(300), san, ca: false, keyUsage: ['digitalSignature'], extKeyUsage: ['serverAuth'] });
  return certificatePem(c.cert);
}

function spinnaker(ssl: Record<string, string>): string {
  return ['apiVersion: spinnaker.io/v1alpha2', 'kind: SpinnakerService', 'metadata:', '  name: spinnaker', 'spec:', '  spinnakerConfig:', '    profiles:', '      gate:', '        server:', '          ssl:', ...Object.entries(ssl).map(([k, v]) => `            ${k}: ${v}`), ''].join('\n');
}

const KEY = throwawayKey();

export const HOSTILE: readonly HostileCase[] = [
  // ---- YAML ----
  { name: 'yaml-alias-bomb', why: 'billion laughs: 10 aliases per level, 7 levels', expect: ['core/analysis-limit'],
    files: async () => ({ 'values.yaml': ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...'bcdefg'.split('').map((n, i) => `${n}: &${n} [${Array(10).fill(`*${'abcdefg'[i]}`).join(', ')}]`), ''].join('\n') }) },
  { name: 'yaml-self-alias', why: 'an alias inside the node it names', expect: [],
    files: async () => ({ 'values.yaml': 'a: &x\n  b: *x\n  c: [*x, *x]\n' }) },
  { name: 'yaml-many-aliases', why: '20,000 aliases of one anchor (each alias searched the whole document: found by npm run fuzz)', expect: [],
    files: async () => ({ 'values.yaml': 'a: &a x\n' + Array.from({ length: 20_000 }, (_, i) => `b${i}: [*a]`).join('\n') + '\n' }) },
  { name: 'yaml-deep-flow', why: '10,000 nested flow sequences', expect: [],
    files: async () => ({ 'deep.yaml': `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n` }) },
  { name: 'yaml-deep-block', why: '1,200 nested block mappings', expect: ['core/analysis-limit'], large: true,
    files: async () => ({ 'deep.yaml': Array.from({ length: 1200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v\n' }) },
  { name: 'yaml-nested-flow-keys', why: '200 nested flow mappings used as keys (the library stringified them: >30 s)', expect: [],
    files: async () => ({ 'keys.yaml': `${'{ '.repeat(200)}${'} '.repeat(200)}\n` }) },
  { name: 'yaml-nested-flow-keys-values', why: 'flow mappings as keys with values', expect: [],
    files: async () => ({ 'keys.yaml': `${'{ '.repeat(100)}a${': b } '.repeat(100)}\n` }) },
  { name: 'yaml-unclosed-template', why: '240 KB of unclosed {{ (the action regex was quadratic: 400 KB ran out of memory)', expect: [], large: true,
    files: async () => ({ 'values.yaml': 'a: b\n' + '{{ x \n'.repeat(40_000) }) },
  { name: 'yaml-many-actions', why: '50,000 template actions on one line', expect: [], large: true,
    files: async () => ({ 'templates/cm.yaml': `a: ${'{{ .x }}'.repeat(50_000)}\n` }) },
  { name: 'yaml-flat-map', why: '1 MB flat map (duplicate-key check was O(n²): >30 s at 2 MB)', expect: [], large: true,
    files: async () => ({ 'values.yaml': Array.from({ length: 60_000 }, (_, i) => `key${i}: value${i}`).join('\n') + '\n' }) },
  { name: 'yaml-duplicate-keys', why: '5,000 copies of one key', expect: ['yaml/syntax-error'],
    files: async () => ({ 'values.yaml': 'k: 1\n'.repeat(5000) }) },
  { name: 'yaml-proto-keys', why: '__proto__ and constructor keys must not reach Object.prototype', expect: [],
    files: async () => ({ 'values.yaml': '__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\ningress:\n  __proto__: {tls: yes}\n' }) },
  { name: 'yaml-many-documents', why: '20,000 documents', expect: [],
    files: async () => ({ 'many.yaml': 'a: 1\n---\n'.repeat(20_000) }) },
  { name: 'yaml-long-line', why: 'a 1 MB scalar on one line', expect: [], large: true,
    files: async () => ({ 'values.yaml': `ingress:\n  hosts:\n    - host: ${'a'.repeat(1_000_000)}\n` }) },
  { name: 'yaml-odd-numbers', why: 'huge numbers, NaN, infinities, a BOM', expect: [],
    files: async () => ({ 'values.yaml': '\ufeffa: 1e400\nb: 123456789012345678901234567890\nc: .nan\nd: -.inf\ne: 0x7fffffffffffffffffff\n' }) },
  { name: 'yaml-lone-surrogates', why: 'lone surrogates and control characters in scalars', expect: [],
    files: async () => ({ 'values.yaml': 'a: "\\ud800 \\udfff \\u0007"\nb: "\\U0010ffff"\n' }) },
  { name: 'yaml-binary', why: 'binary junk with a .yaml name', expect: ['core/binary-file'],
    files: async () => ({ 'junk.yaml': junk(4096, 7) }) },
  { name: 'yaml-secret-raw-key', why: 'a PEM private key pasted under a Secret\'s data: it was echoed in full', expect: ['k8s/invalid-secret-data'], forbid: [KEY.body],
    files: async () => ({ 'secret.yaml': ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: app-tls', 'type: kubernetes.io/tls', 'data:', '  tls.key: |', ...KEY.pem.trimEnd().split('\n').map((l) => `    ${l}`), ''].join('\n') }) },
  { name: 'yaml-secret-garbage-crt', why: 'a tls.crt of invalid base64, and one of base64 garbage: no finding at all before', expect: ['k8s/invalid-secret-data'],
    files: async () => ({ 'secret.yaml': ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: a', 'type: kubernetes.io/tls', 'data:', '  tls.crt: "%%% not base64 %%%"', '  tls.key: ""', '---', 'apiVersion: v1', 'kind: Secret', 'metadata:', '  name: b', 'type: kubernetes.io/tls', 'data:', `  tls.crt: ${junk(300, 3).toString('base64')}`, '  tls.key: ""', ''].join('\n') }) },
  { name: 'yaml-password-type-error', why: 'an API key and a password of the wrong type: messages must not quote them', expect: ['schema/invalid-value'], forbid: ['8675309123'],
    files: async () => ({ 'values.yaml': ['server:', '  auth:', '    type: api-key', '    apiKey: 8675309123', 'postgresql:', '  auth:', '    password: 8675309123', ''].join('\n') }) },
  { name: 'yaml-modeline-etc-passwd', why: 'a modeline naming /etc/passwd: it was read and quoted', expect: ['schema/invalid-value'], forbid: ['root:', 'x:0:0'],
    files: async () => ({ 'values.yaml': '# tls-lens: schema=/etc/passwd\na: 1\n' }) },
  { name: 'yaml-modeline-dotdot', why: 'a modeline climbing out of the workspace', expect: ['schema/invalid-value'], forbid: ['root:', 'x:0:0'],
    files: async () => ({ 'values.yaml': '# tls-lens: schema=../../../../../../../../etc/passwd\na: 1\n' }) },
  { name: 'yaml-modeline-not-json', why: 'a modeline naming a workspace file that is not JSON: never quoted', expect: ['schema/invalid-value'], forbid: ['TOPSECRET'],
    files: async () => ({ 'values.yaml': '# tls-lens: schema=notes.txt\na: 1\n', 'notes.txt': 'TOPSECRET=swordfish\n' }) },
  { name: 'yaml-redos-chart-schema', why: "a chart's values.schema.json with pattern ^(a+)+$ (hung forever): run by the linear engine", expect: ['schema/invalid-value'],
    files: async () => ({ 'values.yaml': `name: ${'a'.repeat(40)}!\n`, 'values.schema.json': JSON.stringify({ type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } }) }) },
  { name: 'yaml-redos-lookahead', why: 'an exponential pattern the linear engine cannot run (a lookahead): skipped, and said so', expect: ['core/analysis-limit'],
    files: async () => ({ 'values.yaml': `name: ${'a'.repeat(40)}!\n`, 'values.schema.json': JSON.stringify({ type: 'object', properties: { name: { type: 'string', pattern: '^(?=a)(a+)+$' } } }) }) },
  { name: 'yaml-chart-schema-linear', why: "a chart's pattern the bounded engine runs: a long input stays linear", expect: ['schema/invalid-value'], large: true,
    files: async () => ({ 'values.yaml': `name: ${'a'.repeat(200_000)}!\n`, 'values.schema.json': JSON.stringify({ type: 'object', properties: { name: { type: 'string', pattern: '^([a-z]+\\.?)*[a-z]$' } } }) }) },
  { name: 'yaml-chart-schema-not-json', why: "a chart's values.schema.json that is not JSON", expect: ['schema/invalid-value'], forbid: ['PRIVATE'],
    files: async () => ({ 'values.yaml': 'a: 1\n', 'values.schema.json': `-----BEGIN PRIVATE KEY-----\n${KEY.body}\n` }) },

  // ---- nginx ----
  { name: 'nginx-deep-braces', why: '4,000 nested blocks (stack overflow in parseBlock)', expect: ['core/analysis-limit'],
    files: async () => ({ 'nginx.conf': `http ${'{ location / '.repeat(4000)}{}${' }'.repeat(4000)}\n` }) },
  { name: 'nginx-deep-unclosed', why: '4,000 nested blocks never closed', expect: ['nginx/syntax-error'],
    files: async () => ({ 'nginx.conf': `http ${'{ a '.repeat(4000)}\n` }) },
  { name: 'nginx-include-storm', why: 'nine 16-byte files each including *.conf (RangeError in expand)', expect: ['core/analysis-limit'],
    files: async () => Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`conf.d/f${i}.conf`, 'include *.conf;\n'])) },
  { name: 'nginx-include-repeat', why: '95,000 `include same.conf;` (each re-read the file past the budget: 5-18 s)', expect: ['core/analysis-limit'], mention: 'include expansion budget is spent', large: true,
    files: async () => ({ 'nginx.conf': `events {}\nhttp {\n${'  include same.conf;\n'.repeat(95_000)}}\n`, 'same.conf': 'ssl_protocols TLSv1.2 TLSv1.3;\n' }), settings: { maxFileSizeKB: 4096 } },
  { name: 'nginx-include-cycle', why: 'a includes b includes a', expect: [],
    files: async () => ({ 'nginx.conf': 'events {}\nhttp { include b.conf; }\n', 'b.conf': 'include nginx.conf;\n' }) },
  { name: 'nginx-include-proc', why: 'include /proc/self/environ: never opened', expect: [], forbid: ['PATH='],
    files: async () => ({ 'nginx.conf': 'events {}\nhttp {\n  include /proc/self/environ;\n  include /dev/zero;\n  server { listen 80; return 301 https://$host$request_uri; }\n}\n' }) },
  { name: 'nginx-ssl-etc-shadow', why: 'ssl_certificate /etc/shadow: read only as PEM, never quoted', expect: ['xref/unresolved-reference'], forbid: ['root:'],
    files: async () => ({ 'site.conf': 'server {\n  listen 443 ssl;\n  server_name a.example.com;\n  ssl_certificate /etc/shadow;\n  ssl_certificate_key /etc/passwd;\n  add_header Strict-Transport-Security "max-age=63072000" always;\n}\n' }) },
  { name: 'nginx-servers', why: 'a 1.2 MB configuration of 12,000 servers (servers × directives: 20,000 servers took 21 s; `npm run bench` times 20,000)', expect: [], large: true,
    files: async () => ({ 'nginx.conf': ['events {}', 'http {', '  ssl_stapling on; resolver 1.1.1.1; add_header Strict-Transport-Security "max-age=63072000" always;', ...Array.from({ length: 12_000 }, (_, i) => `  server { listen 443 ssl; server_name s${i}.example.com; ssl_certificate c.pem; ssl_certificate_key c.key; }`), '}', ''].join('\n') }), settings: { maxFileSizeKB: 4096 } },
  { name: 'nginx-unterminated-quote', why: 'a quote that never closes, 500 KB long', expect: ['nginx/syntax-error'], large: true,
    files: async () => ({ 'nginx.conf': `events {}\nhttp { server_name "${'x'.repeat(500_000)}\n` }) },
  { name: 'nginx-unclosed-lua', why: 'a Lua block that never closes', expect: ['nginx/syntax-error'],
    files: async () => ({ 'nginx.conf': 'events {}\nhttp { server { content_by_lua_block { local s = "}" -- }\n' }) },
  { name: 'nginx-long-token', why: 'a 200 KB token in an error message', expect: ['nginx/syntax-error'], forbid: ['x'.repeat(100)],
    files: async () => ({ 'nginx.conf': `events {}\nhttp { ${'x'.repeat(200_000)} }\n` }) },
  { name: 'nginx-password-statement', why: 'a missing ";" after a header with a password: the message quotes a token, not the statement', expect: ['nginx/syntax-error'], forbid: ['c3VwZXJzZWNyZXQ6aHVudGVyMg'],
    files: async () => ({ 'nginx.conf': 'events {}\nhttp {\n  server {\n    location / {\n      proxy_set_header Authorization "Basic c3VwZXJzZWNyZXQ6aHVudGVyMg=="\n    }\n  }\n}\n' }) },
  { name: 'nginx-binary', why: 'binary junk named nginx.conf', expect: ['core/binary-file'],
    files: async () => ({ 'nginx.conf': junk(2048, 11) }) },

  // ---- PEM / DER ----
  { name: 'pem-length-overflow', why: 'a DER length of 2^32-1', expect: ['pem/malformed'],
    files: async () => ({ 'x.pem': `-----BEGIN CERTIFICATE-----\n${b64(Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01, 0x00]))}\n-----END CERTIFICATE-----\n` }) },
  { name: 'pem-deep-der', why: '20,000 nested SEQUENCEs', expect: ['pem/malformed'],
    files: async () => {
      let der: Buffer = Buffer.from([0x05, 0x00]);
      for (let i = 0; i < 20_000; i++) der = seq(der);
      return { 'x.pem': `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n` };
    } },
  { name: 'pem-truncated', why: 'a certificate cut in the middle', expect: ['pem/malformed'],
    files: async () => ({ 'x.pem': (await selfSigned('a.example.com', ['a.example.com'])).slice(0, 300) }) },
  { name: 'pem-bad-base64', why: 'junk characters inside a block', expect: ['pem/malformed'],
    files: async () => ({ 'x.pem': '-----BEGIN CERTIFICATE-----\nMIIB%%%%\x01\x02\n-----END CERTIFICATE-----\n' }) },
  { name: 'pem-many-blocks', why: '20,000 tiny blocks', expect: ['pem/malformed'], large: true,
    files: async () => ({ 'x.pem': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'.repeat(20_000) }) },
  { name: 'pem-huge-headers', why: '100 KB of RFC 1421 headers', expect: [],
    files: async () => ({ 'x.pem': `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${'A'.repeat(100_000)}\n\nAAAA\n-----END RSA PRIVATE KEY-----\n` }) },
  { name: 'pem-der-file', why: 'a DER certificate with a .pem name', expect: ['core/binary-file'],
    files: async () => {
      const pem = await selfSigned('a.example.com', ['a.example.com']);
      return { 'x.pem': Buffer.from(pem.split('\n').filter((l) => !l.startsWith('-----')).join(''), 'base64') };
    } },
  { name: 'pem-50k-sans', why: 'a certificate with 50,000 SANs', expect: [], large: true,
    files: async () => ({ 'x.pem': await selfSigned('many.example.com', Array.from({ length: 50_000 }, (_, i) => `h${i}.example.com`)) }) },
  { name: 'pem-key-in-text', why: 'a key inside prose: hover and findings never show its body', expect: ['pem/key-without-cert'], forbid: [KEY.body],
    files: async () => ({ 'notes.pem': `${await selfSigned('b.example.com', ['b.example.com'])}\nSome notes.\n${KEY.pem}` }) },

  // ---- keystores ----
  { name: 'keystore-iterations', why: 'a PKCS#12 with 2^31-1 PBKDF2 iterations (hung)', expect: ['xref/keystore-unreadable'],
    files: async () => ({ 'spinnaker.yaml': spinnaker({ 'trust-store': 'trust.p12', 'trust-store-type': 'PKCS12', 'trust-store-password': 'changeit' }), 'trust.p12': pkcs12WithIterations(2 ** 31 - 1) }) },
  { name: 'keystore-iterations-wide', why: 'an iteration count wider than 64 bits', expect: ['xref/keystore-unreadable'],
    files: async () => ({ 'spinnaker.yaml': spinnaker({ 'trust-store': 'trust.p12', 'trust-store-type': 'PKCS12' }), 'trust.p12': pkcs12WithIterations(2n ** 80n) }) },
  { name: 'keystore-jks-count', why: 'a JKS that claims 2^32-1 entries', expect: ['xref/keystore-unreadable'],
    files: async () => {
      const jks = jksTruststore([]);
      jks.writeUInt32BE(0xffffffff, 8);
      return { 'spinnaker.yaml': spinnaker({ 'trust-store': 'trust.jks', 'trust-store-type': 'JKS' }), 'trust.jks': jks };
    } },
  { name: 'keystore-jks-length', why: 'a JKS certificate whose length field says 2^31+33 bytes (the message quoted Node: "The value of "offset" is out of range")', expect: ['xref/keystore-unreadable'], mention: "entry 1's certificate says it is 2,147,483,681 bytes long", forbid: ['offset', 'RangeError', 'Received'],
    files: async () => {
      const pem = await selfSigned('ca.example.com', ['ca.example.com']);
      const jks = jksTruststore([{ alias: 'ca', der: Buffer.from(pem.split('\n').filter((l) => !l.startsWith('-----')).join(''), 'base64') }]);
      jks.writeUInt32BE(2 ** 31 + 33, 35); // the certificate's length: after magic, version, count, tag, alias, date and type
      return { 'spinnaker.yaml': spinnaker({ 'trust-store': 'trust.jks', 'trust-store-type': 'JKS' }), 'trust.jks': jks };
    } },
  { name: 'keystore-garbage-secret', why: 'a keystore in a Secret that is random bytes', expect: ['xref/keystore-unreadable'],
    files: async () => ({ 'spinnaker.yaml': spinnaker({ 'key-store': 'encryptedFile:k8s!n:spin!k:gate.p12', 'key-store-type': 'PKCS12' }), 'secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: spin\ndata:\n  gate.p12: ${junk(2000, 5).toString('base64')}\n` }) },
  { name: 'keystore-deep-der', why: 'a PKCS#12 of 20,000 nested SEQUENCEs', expect: ['xref/keystore-unreadable'],
    files: async () => {
      let der: Buffer = tlv(0x02, Buffer.from([3]));
      for (let i = 0; i < 20_000; i++) der = seq(der);
      return { 'spinnaker.yaml': spinnaker({ 'trust-store': 'trust.p12', 'trust-store-type': 'PKCS12' }), 'trust.p12': der };
    } },

  // ---- across files ----
  { name: 'xref-san-explosion', why: '2,000 Ingress hosts against a 5,000-SAN certificate: 472 MB of JSON before', expect: ['xref/hostname-not-covered'], large: true,
    files: async () => {
      const crt = await selfSigned('c.example.com', Array.from({ length: 5000 }, (_, i) => `san${i}.example.com`));
      const hosts = Array.from({ length: 2000 }, (_, i) => `        - host${i}.example.com`);
      return {
        'ingress.yaml': ['apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', '  name: big', 'spec:', '  tls:', '    - secretName: big-tls', '      hosts:', ...hosts, ''].join('\n'),
        'secret.yaml': ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: big-tls', 'type: kubernetes.io/tls', 'stringData:', '  tls.crt: |', ...crt.trimEnd().split('\n').map((l) => `    ${l}`), ''].join('\n'),
      };
    } },
];
