// `tls-lens explain` over small workspaces with known faults (copies of rule fixtures, beside
// other fixtures whose findings are noise): a real error message of the client or server puts
// the finding that causes it among the first three, in the text output (marked `*`) and in JSON;
// the findings are check's; hostile messages are bounded and never reach the terminal raw.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cli } from '../helpers/run';
import { FIXTURE_NOW } from '../helpers/clock';
import { DIST, FIXTURES } from '../helpers/paths';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-explain-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const NOW = ['--now', FIXTURE_NOW.toISOString()];
/** Errors in files that sort before the others (check's order): without its family's rules, a finding of a later file would not be first. */
const EARLY_NOISE = ['cert-manager/bad-renewal.yaml', 'gateway-api/bad-route-hostname-not-covered'];
const NOISE = ['pem/bad-weak-signature.pem', 'pem/bad-missing-san.pem', 'nginx/bad-ssl-protocols-legacy.conf', 'nginx/bad-hsts-missing.conf'];

/** A workspace of copies of the fixtures named (a folder's files under its own name). */
function workspace(name: string, fixtures: readonly string[]): string {
  const dir = path.join(tmp, name);
  for (const f of fixtures) fs.cpSync(path.join(FIXTURES, f), path.join(dir, f.replace(/\//g, '_')), { recursive: true });
  return dir;
}

interface Explained { recognised: string[]; causes: { id: string; summary: string; fix: string; source: string }[]; findings: { file: string; code: string; message: string; severity: string }[] }

function explainJson(message: string, cwd: string): Explained {
  const r = cli(['explain', ...NOW, '--format', 'json', message], { cwd });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Explained;
}

/** The cases: a fault, the real message it causes, and what the causing finding says. */
const CASES: { name: string; fixtures: string[]; message: string; code: string; mentions?: RegExp }[] = [
  {
    name: 'hostname',
    fixtures: ['xref/bad-hostname-not-covered', ...NOISE],
    message: 'Get "https://shop.example.com/": tls: failed to verify certificate: x509: certificate is valid for app.example.com, www.example.com, not shop.example.com',
    code: 'xref/hostname-not-covered',
    mentions: /'shop\.example\.com' is not covered/,
  },
  {
    name: 'key-mismatch',
    fixtures: ['xref/bad-key-mismatch', ...NOISE],
    message: '2026/06/01 10:00:00 [emerg] 1#1: SSL_CTX_use_PrivateKey("/etc/nginx/ssl/other.key") failed (SSL: error:05800074:x509 certificate routines::key values mismatch)',
    code: 'xref/key-mismatch',
  },
  {
    name: 'expired',
    fixtures: ['pem/bad-cert-expired.pem', 'xref/bad-hostname-not-covered', ...NOISE],
    message: 'depth=0 CN = expired.example.com\nverify error:num=10:certificate has expired\nnotAfter=May  1 00:00:00 2026 GMT',
    code: 'pem/cert-expired',
  },
  {
    name: 'agent-client-ca',
    fixtures: ['openchoreo/bad-agent-client-ca', ...NOISE],
    message: 'certificate not valid for any CR',
    code: 'openchoreo/agent-client-ca',
  },
  {
    name: 'agent-unknown-authority',
    fixtures: ['openchoreo/bad-agent-client-ca', 'pem/bad-cert-expired.pem', ...NOISE],
    message: 'remote error: tls: failed to verify certificate: x509: certificate signed by unknown authority',
    code: 'openchoreo/agent-client-ca',
  },
  {
    name: 'renewal',
    fixtures: ['cert-manager/bad-renewal.yaml', 'pem/bad-cert-expired.pem', ...NOISE],
    // cert-manager ValidateDuration's field.Invalid (apimachinery prints the time.Duration as JSON: nanoseconds), as the API server denies it.
    message: 'admission webhook "webhook.cert-manager.io" denied the request: spec.renewBefore: Invalid value: 2592000000000000: certificate duration 720h0m0s must be greater than renewBefore 720h0m0s',
    code: 'cert-manager/renewal',
    mentions: /spec\.renewBefore \(720h\)/,
  },
  // ---- The proxies', controllers' and other families (server/src/explain/controllers.ts, families.ts; certctl's Product.errors) ----
  {
    name: 'envoy-verify-failed',
    fixtures: ['xref/bad-chain-to-ca', ...NOISE],
    // Envoy source/common/tls/ssl_socket.cc + source/common/router/router.cc, as Envoy prints a reset upstream.
    message: 'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end',
    code: 'xref/chain-to-ca',
  },
  {
    name: 'envoy-wrong-version',
    fixtures: ['certctl/bad-probe-scheme.yaml', ...NOISE],
    // envoyproxy/envoy issue #15584 (BoringSSL's WRONG_VERSION_NUMBER: TLS spoken to a plain port).
    message: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: TLS error: 268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER',
    code: 'certctl/probe-scheme',
  },
  {
    name: 'ingress-nginx-secret-not-found',
    fixtures: ['helm-ingress/bad-tls-without-secret.yaml', ...NOISE],
    // ingress-nginx controller.go "Error getting SSL certificate %q: %v. Using default certificate" with store.go's "local SSL certificate %v was not found".
    message: 'W0416 19:13:29.051149       7 controller.go:1372] Error getting SSL certificate "gitea/tls-secret": local SSL certificate gitea/tls-secret was not found. Using default certificate',
    code: 'helm-ingress/tls-without-secret',
  },
  {
    name: 'ingress-nginx-secret-invalid',
    fixtures: ['xref/bad-key-mismatch', ...NOISE],
    // ingress-nginx docs/user-guide/tls.md ("TLS Secrets").
    message: 'W1012 09:15:45.920000       6 backend_ssl.go:46] Error obtaining X.509 certificate: unexpected error creating SSL Cert: certificate and private key does not have a matching public key: tls: private key does not match public key',
    code: 'xref/key-mismatch',
  },
  {
    name: 'ingress-nginx-host',
    fixtures: ['xref/bad-hostname-not-covered', ...NOISE],
    // ingress-nginx controller.go "Unexpected error validating SSL certificate %q for server %q: %v" (a user's controller log).
    message: 'W0310 10:51:28.745635      13 controller.go:1320] Unexpected error validating SSL certificate "cnc/cnc-cim-tls-nginx" for server "aws-sig-ts-jonpark.aws.internal": x509: certificate is valid for local.connect.example.com, not aws-sig-ts-jonpark.aws.internal',
    code: 'xref/hostname-not-covered',
  },
  {
    name: 'gateway-secret-missing',
    fixtures: ['gateway-api/bad-ref-not-permitted', ...NOISE],
    // NGINX Gateway Fabric's listener condition (tls.certificateRefs field.Invalid "Secret %s does not exist").
    message: 'tls.certificateRefs[0]: Invalid value: {"Namespace":"splitwise","Name":"splitwise-tls-cert"}: Secret splitwise/splitwise-tls-cert does not exist',
    code: 'gateway-api/ref-not-permitted',
  },
  {
    name: 'gateway-secret-not-tls',
    fixtures: ['gateway-api/bad-invalid-certificate-ref', ...NOISE],
    // Envoy Gateway internal/gatewayapi/listener.go, "Secret %s/%s must be of type kubernetes.io/tls." (format string, names filled in).
    message: 'Secret default/app-tls must be of type kubernetes.io/tls.',
    code: 'gateway-api/invalid-certificate-ref',
  },
  {
    name: 'istio-credential',
    fixtures: ['helm-ingress/bad-tls-without-secret.yaml', ...NOISE],
    // Istio pilot/pkg/xds/sds.go "failed to fetch key and certificate for %s: %v" (istiod's log, quoted in Kubeflow-on-Istio docs).
    message: 'istiod-584b74f7f9-g7wkz discovery 2023-03-22T12:46:56.728347Z\twarn\tads\tfailed to fetch key and certificate for kubernetes://spot-bigdata-tls: secret istio-ingress/spot-bigdata-tls not found',
    code: 'helm-ingress/tls-without-secret',
  },
  {
    name: 'kubectl',
    fixtures: ['xref/bad-chain-to-ca', 'pem/bad-cert-expired.pem', ...NOISE],
    // kubectl pkg/cmd/util/helpers.go "Unable to connect to the server: %v" with Go's x509 UnknownAuthorityError.
    message: 'Unable to connect to the server: x509: certificate signed by unknown authority',
    code: 'xref/chain-to-ca',
  },
  {
    name: 'spring-ssl-binding',
    fixtures: ['schema/bad-invalid-value.yaml', ...NOISE],
    // Spring Boot BindFailureAnalyzer's report ("Failed to bind properties under '%s' to %s").
    message: 'Failed to bind properties under \'server.ssl.client-auth\' to org.springframework.boot.web.server.Ssl$ClientAuth:\n\n    Property: server.ssl.client-auth\n'
      + '    Value: "required"\n    Origin: class path resource [application.yml] - 5:18\n    Reason: failed to convert java.lang.String to org.springframework.boot.web.server.Ssl$ClientAuth',
    code: 'schema/invalid-value',
    mentions: /client-auth must be one of/,
  },
  {
    name: 'java-keystore-type',
    fixtures: ['schema/bad-invalid-value.yaml', ...NOISE],
    // OpenJDK java/security/KeyStore.java getInstance: new KeyStoreException(type + " not found", nsae).
    message: 'java.security.KeyStoreException: PKCS11 not found',
    code: 'schema/invalid-value',
    mentions: /key-store-type must be one of PKCS12, JKS; got 'PKCS11'/,
  },
  {
    name: 'openssl-protocol',
    fixtures: ['nginx/bad-ssl-protocols-legacy.conf', ...EARLY_NOISE, 'pem/bad-weak-signature.pem', 'pem/bad-missing-san.pem', 'nginx/bad-hsts-missing.conf', 'nginx/bad-ssl-ciphers-weak.conf'],
    // nginx's info log when a client offers no version ssl_protocols allows (ngx_event_openssl.c "SSL_do_handshake() failed";
    // OpenSSL ssl/ssl_err.c SSL_R_UNSUPPORTED_PROTOCOL), as a real nginx run logged it.
    message: '2026/09/27 13:25:42 [info] 214668#214668: *20 SSL_do_handshake() failed (SSL: error:0A000102:SSL routines::unsupported protocol) while SSL handshaking, client: 127.0.0.1, server: 127.0.0.1:18943',
    code: 'nginx/ssl-protocols-legacy',
  },
  {
    name: 'openssl-cipher',
    fixtures: ['nginx/bad-ssl-ciphers-weak.conf', ...NOISE],
    // nginx's handshake error with OpenSSL's SSL_R_NO_SHARED_CIPHER (ssl/ssl_err.c "no shared cipher").
    message: '2026/06/01 10:00:00 [crit] 29#29: *1 SSL_do_handshake() failed (SSL: error:0A0000C1:SSL routines::no shared cipher) while SSL handshaking, client: 10.0.0.7, server: 0.0.0.0:443',
    code: 'nginx/ssl-ciphers-weak',
  },
  {
    name: 'openssl-wrong-version',
    fixtures: ['certctl/bad-probe-scheme.yaml', ...NOISE],
    // OpenSSL 3.0.19 s_client's error line against a plain-HTTP port (ssl/record/ssl3_record.c, SSL_R_WRONG_VERSION_NUMBER).
    message: '40176BB4167F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../ssl/record/ssl3_record.c:350:',
    code: 'certctl/probe-scheme',
  },
  {
    name: 'certctl-probe',
    fixtures: ['certctl/bad-probe-scheme.yaml', ...NOISE],
    // The kubelet's event: pkg/kubelet/prober/prober.go "%s probe failed: %s", pkg/probe/http/http.go "HTTP probe failed with statuscode: %d".
    message: 'Warning  Unhealthy  12s (x3 over 32s)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 400',
    code: 'certctl/probe-scheme',
  },
  {
    name: 'certctl-readiness',
    fixtures: ['certctl/bad-readiness-path.yaml', 'certctl/bad-probe-scheme.yaml', ...NOISE],
    message: 'Warning  Unhealthy  5s (x12 over 2m)  kubelet  Readiness probe failed: HTTP probe failed with statuscode: 404',
    code: 'certctl/readiness-path',
  },
];

describe('tls-lens explain: the causing finding among the first three', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.code}`, () => {
      const dir = workspace(c.name, c.fixtures);
      const out = explainJson(c.message, dir);
      assert.ok(out.recognised.length > 0, `not recognised: ${c.message}`);
      assert.ok(out.causes.length > 0 && out.causes.every((x) => x.id && x.summary && x.fix && x.source));
      // The workspace has other findings: the ranking has something to do.
      assert.ok(out.findings.some((f) => f.code !== c.code), 'no noise');
      const top = out.findings.slice(0, 3);
      assert.ok(top.some((f) => f.code === c.code && (c.mentions?.test(f.message) ?? true)), `${c.code} not in the first three:\n${top.map((f) => `${f.code} ${f.message}`).join('\n')}`);
      // The text output marks the same first three.
      const text = cli(['explain', ...NOW, '--no-color', c.message], { cwd: dir });
      assert.equal(text.status, 0, text.stderr);
      const marked = text.stdout.split('\n').filter((l) => l.startsWith('* '));
      assert.equal(marked.length, 3);
      assert.ok(marked.some((l) => l.endsWith(`[${c.code}]`)), text.stdout);
    });
  }

  it('the findings are check\'s over the same paths, ranked', () => {
    const dir = workspace('parity', ['xref/bad-hostname-not-covered', ...NOISE]);
    const explained = explainJson('NET::ERR_CERT_COMMON_NAME_INVALID', dir).findings;
    const checked = JSON.parse(cli(['check', '--format', 'json'], { cwd: dir }).stdout) as unknown[];
    const key = (f: unknown) => JSON.stringify(f);
    assert.deepEqual(explained.map(key).sort(), checked.map(key).sort());
    assert.equal(explained.length, checked.length);
  });

  it('an unrecognised message is said so, exit status 0', () => {
    const dir = workspace('unknown', ['xref/bad-hostname-not-covered']);
    const r = cli(['explain', ...NOW, '--no-color', 'upstream connect error or disconnect/reset before headers to api.example.com'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /does not recognise this message/);
    assert.doesNotMatch(r.stdout, /Likely causes/);
    // No family: the findings that name the message's host come first.
    assert.match(r.stdout.split('\n').find((l) => l.startsWith('* '))!, /'api\.example\.com' is not covered/);
  });

  it('usage errors are exit status 2', () => {
    assert.equal(cli(['explain', '--format', 'sarif', 'x']).status, 2);
    assert.equal(cli(['explain', '--frobnicate', 'x']).status, 2);
    const help = cli(['explain', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /tls-lens explain \[options\] MESSAGE/);
  });
});

describe('tls-lens explain: hostile messages', () => {
  const dir = workspace('hostile', ['pem/bad-cert-expired.pem']);
  const run = (input: string, args: string[] = []) => spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'explain', ...NOW, '--no-color', ...args], { cwd: dir, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

  it('1 MB on stdin: read to its end, only its start explained, the output bounded', () => {
    const big = 'CERT_HAS_EXPIRED ' + 'A'.repeat(1024 * 1024);
    const r = run(big, ['-']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Recognised: .*node\/cert-has-expired/);
    assert.match(r.stdout, /Only the first 8 KiB/);
    assert.ok(r.stdout.length < 16 * 1024, `${r.stdout.length} characters of output`);
    assert.doesNotMatch(r.stdout, /A{100}/);
  });

  it('control characters in the message never reach the terminal raw', () => {
    const evil = '\x1b]0;owned\x07\x1b[2J x509: certificate is valid for app.example.com, not \'\x1b[31mshop.example.com\u202e\' \r* forged.pem:1:1: error fake [pem/cert-expired]';
    for (const r of [run(evil), cli(['explain', ...NOW, '--no-color', evil], { cwd: dir })]) {
      assert.equal(r.status, 0, r.stderr);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(r.stdout, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/, JSON.stringify(r.stdout));
      assert.doesNotMatch(r.stdout, /forged/);
    }
  });
});
