/**
 * The error families `tls-lens explain` recognises: one row per error of one ecosystem, with the
 * real wording (each row's `citation` names the source file or document the text is copied
 * from), what it names, its likely causes with their fixes and sources, and the rules whose
 * findings it points at. Products add their own messages (Product.errors).
 *
 * Patterns run on untrusted text (at most EXPLAIN_MAX_INPUT characters): each starts with a
 * literal and uses only bounded classes, never a nested or alternating quantifier.
 */
import type { ErrorCause, ErrorFamily } from '../products/types';

const HOST = '[\\w*.:\\[\\]-]{1,253}';

/** The rules a hostname error points at: a reference's certificate without the host, in every form. */
const HOSTNAME_RULES = ['xref/hostname-not-covered', 'xref/service-url-not-covered', '*/route-hostname-not-covered', '*/server-url-covered', 'xref/ingress-host-without-tls', 'pem/missing-san'];

const HOSTNAME_CAUSE: ErrorCause = {
  id: 'name-not-in-certificate',
  summary: 'The certificate served does not name the host the client asked for: neither a subjectAltName dNSName (or iPAddress) nor a wildcard covering it. Clients ignore the CN when the certificate has SANs.',
  fixText: 'Reissue the certificate with the host in its subjectAltName (a wildcard covers one label only), or point the client, the Ingress rule or the server_name at a host the certificate names.',
  citation: 'RFC 6125 §6.4 (DNS-ID matching, one-label wildcards); RFC 2818 §3.1',
};
const WRONG_CERT_CAUSE: ErrorCause = {
  id: 'wrong-certificate-served',
  summary: 'The server serves another certificate than the one meant for this host (a default server, another Secret, an old file).',
  fixText: 'Check which certificate the server block, Ingress TLS entry or Gateway listener for this host references, and that it is the file or Secret you renewed.',
  citation: 'nginx ngx_http_ssl_module (ssl_certificate, server_name); Kubernetes Ingress TLS',
};
const UNTRUSTED_CAUSE: ErrorCause = {
  id: 'issuer-not-trusted',
  summary: 'The client cannot build a path from the certificate to a CA it trusts: the issuing CA is not in its trust store (a private or self-signed CA), or the server was given a certificate from another CA than the client trusts.',
  fixText: 'Give the client the CA that signed the server certificate (its CA bundle, truststore or ConfigMap), or have the server present a certificate from the CA the client trusts.',
  citation: 'RFC 5280 §6.1 (certification path validation)',
};
const CHAIN_CAUSE: ErrorCause = {
  id: 'intermediate-missing',
  summary: 'The server sends its certificate without the intermediate CA certificate(s), or in the wrong order, so the client cannot link it to a root it trusts.',
  fixText: 'Serve the full chain: the leaf first, then each intermediate that certifies the one before it (nginx: ssl_certificate names the fullchain file; Kubernetes: tls.crt holds leaf + intermediates).',
  citation: 'RFC 8446 §4.4.2 (certificate_list: sender\'s certificate first, each following certifies the one before)',
};
const SELF_SIGNED_CAUSE: ErrorCause = {
  id: 'self-signed',
  summary: 'The server presents a self-signed certificate (or a chain ending in a self-signed root) that the client does not trust.',
  fixText: 'Issue the server certificate from a CA and give clients that CA; or, for a private setup, add the self-signed certificate to the client\'s trust store explicitly.',
  citation: 'RFC 5280 §6.1 (the trust anchor is an input of path validation)',
};
const EXPIRED_CAUSE: ErrorCause = {
  id: 'certificate-expired',
  summary: 'A certificate in the chain is outside its validity period: expired (notAfter passed), or not yet valid (notBefore in the future, often a clock or a freshly issued certificate).',
  fixText: 'Renew the certificate (and intermediates) and reload the server; check that renewal (cert-manager renewBefore, the product\'s reminder) runs before notAfter, and that clocks are synchronised.',
  citation: 'RFC 5280 §4.1.2.5 (validity), §6.1.3 (a)(2)',
};
const USAGE_CAUSE: ErrorCause = {
  id: 'wrong-key-usage',
  summary: 'The certificate\'s extended key usage does not allow this role: a client certificate without clientAuth used for mTLS, or a server certificate without serverAuth.',
  fixText: 'Reissue it with the extended key usage of its role (serverAuth for servers, clientAuth for mTLS clients) and a key usage that allows digitalSignature.',
  citation: 'RFC 5280 §4.2.1.12 (extended key usage), §4.2.1.3 (key usage)',
};
const KEY_MISMATCH_CAUSE: ErrorCause = {
  id: 'key-does-not-match',
  summary: 'The private key configured beside the certificate is not the key of that certificate (a key of an earlier certificate, or of another host).',
  fixText: 'Configure the key the certificate was issued for (compare `openssl x509 -noout -pubkey` with `openssl pkey -pubout`), or reissue the certificate from a CSR of this key.',
  citation: 'RFC 5280 §4.1.2.7 (subjectPublicKeyInfo); OpenSSL X509_check_private_key',
};
const PEER_REJECTED_CAUSE: ErrorCause = {
  id: 'peer-rejected-certificate',
  summary: 'The other side rejected the certificate this side sent (a TLS alert): in mTLS, usually a client certificate not signed by the CA the server trusts, without clientAuth, or expired.',
  fixText: 'Read the log of the side that sent the alert: it says why. Check that the client certificate is signed by the server\'s client CA, carries clientAuth, and is valid now.',
  citation: 'RFC 8446 §6.2 (bad_certificate alert); RFC 5280 §4.2.1.12',
};
const KEYSTORE_CAUSE: ErrorCause = {
  id: 'keystore-unreadable',
  summary: 'The Java keystore or truststore cannot be opened: the password configured is not the store\'s, the store type (JKS, PKCS12) is not the one configured, or the file is not a keystore.',
  fixText: 'Check the store\'s password and type against the file (`keytool -list -keystore FILE -storetype PKCS12`), and that the configuration names the file and password it was made with.',
  citation: 'JDK keytool documentation; java.security.KeyStore',
};

/** The families every workspace gets (products add theirs: Product.errors). */
export const FAMILIES: readonly ErrorFamily[] = [
  // ---- Go crypto/x509 and crypto/tls ----
  {
    id: 'go/unknown-authority',
    ecosystem: 'Go crypto/x509',
    pattern: /x509: certificate signed by unknown authority/,
    citation: 'Go src/crypto/x509/verify.go, UnknownAuthorityError.Error',
    examples: [
      { message: 'Get "https://api.example.com/": tls: failed to verify certificate: x509: certificate signed by unknown authority', names: { host: ['api.example.com'] } },
    ],
    causes: [UNTRUSTED_CAUSE, CHAIN_CAUSE],
    rules: ['xref/chain-to-ca', '*/agent-client-ca', 'pem/bundle-order', '*/java-truststore', 'pem/ca-constraints'],
  },
  {
    id: 'go/hostname',
    ecosystem: 'Go crypto/x509',
    pattern: new RegExp(`x509: (?:certificate is valid for (?<hosts>[^\\n]{1,8192}?), not (?<host>${HOST})|certificate is not valid for any names, but wanted to match (?<host2>${HOST})|cannot validate certificate for (?<host3>${HOST}) because it doesn't contain any IP SANs)`),
    citation: 'Go src/crypto/x509/verify.go, HostnameError.Error',
    examples: [
      { message: 'tls: failed to verify certificate: x509: certificate is valid for app.example.com, www.example.com, not shop.example.com', names: { host: ['shop.example.com', 'app.example.com', 'www.example.com'] } },
      { message: 'x509: certificate is not valid for any names, but wanted to match shop.example.com', names: { host: ['shop.example.com'] } },
      { message: 'x509: cannot validate certificate for 10.0.0.5 because it doesn\'t contain any IP SANs', names: { host: ['10.0.0.5'] } },
    ],
    causes: [HOSTNAME_CAUSE, WRONG_CERT_CAUSE],
    rules: HOSTNAME_RULES,
  },
  {
    id: 'go/expired',
    ecosystem: 'Go crypto/x509',
    pattern: /x509: certificate has expired or is not yet valid(?:: current time (?<date>[\dTZ:.+-]{10,40}) is (?:after|before) (?<date2>[\dTZ:.+-]{10,40}))?/,
    citation: 'Go src/crypto/x509/verify.go, CertificateInvalidError.Error (Expired)',
    examples: [
      { message: 'tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-06-01T00:00:00Z is after 2026-01-01T00:00:00Z', names: { date: ['2026-06-01T00:00:00Z', '2026-01-01T00:00:00Z'] } },
    ],
    causes: [EXPIRED_CAUSE],
    rules: ['pem/cert-expired', 'pem/cert-not-yet-valid', '*/renewal', 'pem/cert-expiring-soon'],
  },
  {
    id: 'go/incompatible-usage',
    ecosystem: 'Go crypto/x509',
    pattern: /x509: certificate specifies an incompatible key usage/,
    citation: 'Go src/crypto/x509/verify.go, CertificateInvalidError.Error (IncompatibleUsage)',
    examples: [{ message: 'remote error: tls: x509: certificate specifies an incompatible key usage' }],
    causes: [USAGE_CAUSE],
    rules: ['xref/wrong-role', 'pem/ca-constraints'],
  },
  {
    id: 'go/key-mismatch',
    ecosystem: 'Go crypto/tls',
    pattern: /tls: private key does not match public key/,
    citation: 'Go src/crypto/tls/tls.go, X509KeyPair',
    examples: [{ message: 'open server: tls: private key does not match public key' }],
    causes: [KEY_MISMATCH_CAUSE],
    rules: ['xref/key-mismatch', 'pem/key-without-cert'],
  },
  {
    id: 'go/bad-certificate',
    ecosystem: 'Go crypto/tls',
    pattern: /tls: bad certificate/,
    citation: 'Go src/crypto/tls/alert.go (alertBadCertificate: "bad certificate"), received as "remote error: tls: bad certificate"',
    examples: [{ message: 'remote error: tls: bad certificate' }],
    causes: [PEER_REJECTED_CAUSE, USAGE_CAUSE],
    rules: ['xref/wrong-role', '*/agent-client-ca', 'xref/chain-to-ca', 'pem/cert-expired'],
  },
  // ---- Node.js (tls; OpenSSL's verify codes as Node reports them) ----
  {
    id: 'node/altname-invalid',
    ecosystem: 'Node.js tls',
    pattern: new RegExp(`ERR_TLS_CERT_ALTNAME_INVALID|Hostname/IP does not match certificate's altnames: (?:Host: (?<host>${HOST})\\. is not in the cert's altnames: (?<hosts>[^\\n]{1,2000})|IP: (?<host2>${HOST}) is not in the cert's list)`),
    citation: 'Node.js doc/api/errors.md (ERR_TLS_CERT_ALTNAME_INVALID); lib/tls.js checkServerIdentity',
    examples: [
      { message: 'Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate\'s altnames: Host: shop.example.com. is not in the cert\'s altnames: DNS:app.example.com, DNS:www.example.com', names: { host: ['shop.example.com', 'app.example.com', 'www.example.com'] } },
    ],
    causes: [HOSTNAME_CAUSE, WRONG_CERT_CAUSE],
    rules: HOSTNAME_RULES,
  },
  {
    id: 'node/leaf-signature',
    ecosystem: 'Node.js tls',
    pattern: /UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify the first certificate/,
    citation: 'Node.js doc/api/tls.md (X509 certificate error codes: UNABLE_TO_VERIFY_LEAF_SIGNATURE); OpenSSL crypto/x509/x509_txt.c',
    examples: [{ message: 'Error: unable to verify the first certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34) {\n  code: \'UNABLE_TO_VERIFY_LEAF_SIGNATURE\'\n}' }],
    causes: [CHAIN_CAUSE, UNTRUSTED_CAUSE],
    rules: ['pem/bundle-order', 'xref/chain-to-ca'],
  },
  {
    id: 'node/cert-has-expired',
    ecosystem: 'Node.js tls',
    pattern: /CERT_HAS_EXPIRED|CERT_NOT_YET_VALID/,
    citation: 'Node.js doc/api/tls.md (X509 certificate error codes: CERT_HAS_EXPIRED, CERT_NOT_YET_VALID)',
    examples: [{ message: 'Error: certificate has expired\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34) {\n  code: \'CERT_HAS_EXPIRED\'\n}' }],
    causes: [EXPIRED_CAUSE],
    rules: ['pem/cert-expired', 'pem/cert-not-yet-valid', '*/renewal', 'pem/cert-expiring-soon'],
  },
  {
    id: 'node/self-signed',
    ecosystem: 'Node.js tls',
    pattern: /DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN/,
    citation: 'Node.js doc/api/tls.md (X509 certificate error codes: DEPTH_ZERO_SELF_SIGNED_CERT, SELF_SIGNED_CERT_IN_CHAIN)',
    examples: [{ message: 'Error: self-signed certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34) {\n  code: \'DEPTH_ZERO_SELF_SIGNED_CERT\'\n}' }],
    causes: [SELF_SIGNED_CAUSE, UNTRUSTED_CAUSE],
    rules: ['xref/chain-to-ca', 'pem/bundle-order', 'pem/ca-constraints'],
  },
  // ---- OpenSSL (verify results as s_client and OpenSSL-based tools print them) and nginx ----
  {
    id: 'openssl/key-values-mismatch',
    ecosystem: 'OpenSSL / nginx',
    pattern: /(?:SSL_CTX_use_PrivateKey(?:_file)?\("(?<path>[^"\n]{1,1024})"\) failed[^\n]{0,300}?)?key values mismatch/,
    citation: 'OpenSSL crypto/x509/x509_cmp.c (X509_check_private_key: X509_R_KEY_VALUES_MISMATCH "key values mismatch"); nginx src/event/ngx_event_openssl.c (ngx_ssl_certificate)',
    examples: [
      { message: '2026/06/01 10:00:00 [emerg] 1#1: SSL_CTX_use_PrivateKey("/etc/nginx/ssl/site.key") failed (SSL: error:05800074:x509 certificate routines::key values mismatch)', names: { path: ['/etc/nginx/ssl/site.key'] } },
      { message: 'nginx: [emerg] SSL_CTX_use_PrivateKey_file("/etc/nginx/certs/app.key") failed (SSL: error:0B080074:x509 certificate routines:X509_check_private_key:key values mismatch)', names: { path: ['/etc/nginx/certs/app.key'] } },
    ],
    causes: [KEY_MISMATCH_CAUSE],
    rules: ['xref/key-mismatch', 'pem/key-without-cert'],
  },
  {
    id: 'openssl/verify-expired',
    ecosystem: 'OpenSSL',
    pattern: /verify error:num=(?:9|10):|verify return code: (?:9|10) |certificate (?:has expired|is not yet valid)/,
    citation: 'OpenSSL crypto/x509/x509_txt.c (X509_V_ERR_CERT_NOT_YET_VALID 9, X509_V_ERR_CERT_HAS_EXPIRED 10); apps/lib/s_cb.c "verify error:num=%d:%s"',
    examples: [{ message: 'depth=0 CN = app.example.com\nverify error:num=10:certificate has expired\nnotAfter=Jan  1 00:00:00 2026 GMT', names: { host: ['app.example.com'] } }],
    causes: [EXPIRED_CAUSE],
    rules: ['pem/cert-expired', 'pem/cert-not-yet-valid', '*/renewal', 'pem/cert-expiring-soon'],
  },
  {
    id: 'openssl/local-issuer',
    ecosystem: 'OpenSSL',
    pattern: /verify error:num=(?:2|20|21):|unable to get (?:local )?issuer certificate|verify error:num=(?:18|19):|self[ -]signed certificate/,
    citation: 'OpenSSL crypto/x509/x509_txt.c (X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT 2, _LOCALLY 20, UNABLE_TO_VERIFY_LEAF_SIGNATURE 21, DEPTH_ZERO_SELF_SIGNED_CERT 18, SELF_SIGNED_CERT_IN_CHAIN 19)',
    examples: [
      { message: 'depth=0 CN = app.example.com\nverify error:num=20:unable to get local issuer certificate\nverify return:1', names: { host: ['app.example.com'] } },
      { message: 'verify error:num=18:self-signed certificate' },
    ],
    causes: [UNTRUSTED_CAUSE, CHAIN_CAUSE, SELF_SIGNED_CAUSE],
    rules: ['xref/chain-to-ca', 'pem/bundle-order', '*/java-truststore', 'pem/ca-constraints'],
  },
  {
    id: 'openssl/hostname-mismatch',
    ecosystem: 'OpenSSL',
    pattern: /verify error:num=62:|verify return code: 62 |hostname mismatch/i,
    citation: 'OpenSSL crypto/x509/x509_txt.c (X509_V_ERR_HOSTNAME_MISMATCH 62: "hostname mismatch")',
    examples: [{ message: 'depth=0 CN = app.example.com\nverify error:num=62:hostname mismatch', names: { host: ['app.example.com'] } }],
    causes: [HOSTNAME_CAUSE, WRONG_CERT_CAUSE],
    rules: HOSTNAME_RULES,
  },
  {
    id: 'nginx/no-ssl-certificate',
    ecosystem: 'nginx',
    pattern: /no "ssl_certificate" is defined (?:for the "listen \.\.\. ssl" directive in (?<path>[^\s:]{1,1024}):\d{1,9}|in server listening on SSL port)/,
    citation: 'nginx src/http/modules/ngx_http_ssl_module.c (ngx_http_ssl_merge_srv_conf), src/http/ngx_http_request.c (ngx_http_ssl_handshake)',
    examples: [
      { message: 'nginx: [emerg] no "ssl_certificate" is defined for the "listen ... ssl" directive in /etc/nginx/conf.d/site.conf:3', names: { path: ['/etc/nginx/conf.d/site.conf'] } },
      { message: '2026/06/01 10:00:00 [error] 7#7: *1 no "ssl_certificate" is defined in server listening on SSL port while SSL handshaking, client: 10.0.0.1, server: 0.0.0.0:443' },
    ],
    causes: [{
      id: 'server-without-certificate',
      summary: 'A server listens with `ssl` (or is the default server of a TLS port) but neither it nor its http block has ssl_certificate and ssl_certificate_key.',
      fixText: 'Add ssl_certificate and ssl_certificate_key to that server (or the http block), or remove `ssl` from its listen.',
      citation: 'nginx docs, ngx_http_ssl_module (ssl_certificate, "Configuring HTTPS servers")',
    }],
    rules: ['nginx/missing-certificate', 'xref/unresolved-reference'],
  },
  // ---- curl (libcurl error codes; the text after the code is the TLS backend's) ----
  {
    id: 'curl/35',
    ecosystem: 'curl',
    pattern: /curl: \(35\)|CURLE_SSL_CONNECT_ERROR/,
    citation: 'curl docs/libcurl/libcurl-errors.md (CURLE_SSL_CONNECT_ERROR (35): "A problem occurred somewhere in the SSL/TLS handshake")',
    examples: [{ message: 'curl: (35) OpenSSL/3.0.13: error:0A000410:SSL routines::sslv3 alert handshake failure' }],
    causes: [
      {
        id: 'handshake-failed',
        summary: 'The TLS handshake failed before any certificate was checked: no common protocol version or cipher, a server block without a certificate for this name, or a client certificate the server requires and did not get.',
        fixText: 'Run `curl -v` (or `openssl s_client -connect HOST:443 -servername HOST`) to see the alert; check the server\'s protocols and ciphers and that the host\'s server block has a certificate.',
        citation: 'curl libcurl-errors (35); RFC 8446 §6.2 (handshake_failure)',
      },
    ],
    rules: ['nginx/missing-certificate', 'nginx/ssl-protocols-legacy', 'nginx/ssl-ciphers-weak', 'xref/wrong-role'],
  },
  {
    id: 'curl/51',
    ecosystem: 'curl',
    pattern: /curl: \(51\)|SSL: no alternative certificate subject name matches target host name '(?<host>[^'\n]{1,253})'|SSL: certificate subject name '(?<name>[^'\n]{1,253})' does not match target host name '(?<host2>[^'\n]{1,253})'/,
    citation: 'curl docs/libcurl/libcurl-errors.md (CURLE_PEER_FAILED_VERIFICATION (60), formerly 51); lib/vtls/openssl.c (verifyhost)',
    examples: [{ message: 'curl: (60) SSL: no alternative certificate subject name matches target host name \'shop.example.com\'', names: { host: ['shop.example.com'] } }],
    causes: [HOSTNAME_CAUSE, WRONG_CERT_CAUSE],
    rules: HOSTNAME_RULES,
  },
  {
    id: 'curl/58',
    ecosystem: 'curl',
    pattern: /curl: \(58\)|CURLE_SSL_CERTPROBLEM|unable to set private key file: '(?<path>[^'\n]{1,1024})'|could not load PEM client certificate from (?<path2>[^\s,]{1,1024})/,
    citation: 'curl docs/libcurl/libcurl-errors.md (CURLE_SSL_CERTPROBLEM (58): "problem with the local client certificate"); lib/vtls/openssl.c (cert_stuff)',
    examples: [{ message: 'curl: (58) unable to set private key file: \'client.key\' type PEM', names: { path: ['client.key'] } }],
    causes: [KEY_MISMATCH_CAUSE, {
      id: 'client-certificate-unreadable',
      summary: 'curl cannot load the client certificate or key given with --cert/--key: a wrong path, a format other than the one given with --cert-type, or a key that does not match the certificate.',
      fixText: 'Check the paths and formats of --cert and --key (PEM by default; --cert-type P12 for a PKCS#12 file) and that the key belongs to the certificate.',
      citation: 'curl man page (--cert, --key, --cert-type)',
    }],
    rules: ['xref/key-mismatch', 'pem/malformed', 'pem/key-without-cert', 'xref/unresolved-reference'],
  },
  {
    id: 'curl/60',
    ecosystem: 'curl',
    pattern: /curl: \(60\) SSL certificate problem: |CURLE_PEER_FAILED_VERIFICATION|SSL certificate problem: (?:unable to get local issuer certificate|self[ -]signed certificate)/,
    citation: 'curl docs/libcurl/libcurl-errors.md (CURLE_PEER_FAILED_VERIFICATION (60)); lib/vtls/openssl.c ("SSL certificate problem: %s"); docs/SSLCERTS.md',
    examples: [{ message: 'curl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html' }],
    causes: [UNTRUSTED_CAUSE, CHAIN_CAUSE],
    rules: ['xref/chain-to-ca', 'pem/bundle-order', 'pem/ca-constraints'],
  },
  // ---- Java (JSSE, keystores) ----
  {
    id: 'java/pkix',
    ecosystem: 'Java JSSE',
    pattern: /PKIX path building failed|unable to find valid certification path to requested target/,
    citation: 'OpenJDK sun/security/validator/PKIXValidator.java ("PKIX path building failed"), sun/security/provider/certpath/SunCertPathBuilder.java',
    examples: [{ message: 'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target' }],
    causes: [UNTRUSTED_CAUSE, CHAIN_CAUSE],
    rules: ['xref/chain-to-ca', '*/java-truststore', 'pem/bundle-order'],
  },
  {
    id: 'java/hostname',
    ecosystem: 'Java JSSE',
    pattern: new RegExp(`No subject alternative (?:DNS )?names? matching (?:IP address )?(?<host>${HOST}) found|No name matching (?<host2>${HOST}) found`),
    citation: 'OpenJDK sun/security/util/HostnameChecker.java',
    examples: [{ message: 'java.security.cert.CertificateException: No subject alternative DNS name matching shop.example.com found.', names: { host: ['shop.example.com'] } }],
    causes: [HOSTNAME_CAUSE, WRONG_CERT_CAUSE],
    rules: HOSTNAME_RULES,
  },
  {
    id: 'java/keystore-type',
    ecosystem: 'Java',
    pattern: /KeyStoreException: (?<name>[\w.-]{1,64}) not found/,
    citation: 'OpenJDK java/security/KeyStore.java (getInstance: type + " not found")',
    examples: [{ message: 'java.security.KeyStoreException: JKS not found', names: { name: ['JKS'] } }],
    causes: [KEYSTORE_CAUSE],
    rules: ['*/java-keystore', '*/java-truststore', 'xref/keystore-unreadable'],
  },
  {
    id: 'java/keystore-password',
    ecosystem: 'Java',
    pattern: /keystore password was incorrect|Keystore was tampered with, or password was incorrect/,
    citation: 'OpenJDK sun/security/pkcs12/PKCS12KeyStore.java ("keystore password was incorrect"), sun/security/provider/JavaKeyStore.java',
    examples: [{ message: 'java.io.IOException: keystore password was incorrect\nCaused by: java.security.UnrecoverableKeyException: failed to decrypt safe contents entry' }],
    causes: [KEYSTORE_CAUSE],
    rules: ['xref/keystore-unreadable', '*/java-keystore', '*/java-truststore'],
  },
  // ---- Python ssl ----
  {
    id: 'python/hostname',
    ecosystem: 'Python ssl',
    pattern: /certificate verify failed: (?:Hostname|IP address) mismatch, certificate is not valid for '(?<host>[^'\n]{1,253})'/,
    citation: 'CPython Modules/_ssl.c (fill_and_set_sslerror: "Hostname mismatch, certificate is not valid for \'%S\'.")',
    examples: [{ message: 'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for \'shop.example.com\'. (_ssl.c:1006)', names: { host: ['shop.example.com'] } }],
    causes: [HOSTNAME_CAUSE, WRONG_CERT_CAUSE],
    rules: HOSTNAME_RULES,
  },
  {
    id: 'python/local-issuer',
    ecosystem: 'Python ssl',
    pattern: /certificate verify failed: (?:unable to get local issuer certificate|self[ -]signed certificate)/,
    citation: 'CPython Modules/_ssl.c (fill_and_set_sslerror, with OpenSSL\'s X509_verify_cert_error_string)',
    examples: [{ message: 'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)' }],
    causes: [UNTRUSTED_CAUSE, CHAIN_CAUSE],
    rules: ['xref/chain-to-ca', 'pem/bundle-order', 'pem/ca-constraints'],
  },
  // ---- cert-manager (the webhook's validation of a Certificate) ----
  {
    id: 'cert-manager/duration',
    ecosystem: 'cert-manager',
    pattern: /certificate duration (?:[\dhms.]{1,24} )?must be greater than (?:renewBefore )?[\dhms.]{1,24}/,
    citation: 'cert-manager internal/apis/certmanager/validation/certificate.go (ValidateDuration)',
    examples: [
      { message: 'admission webhook "webhook.cert-manager.io" denied the request: spec.renewBefore: Invalid value: "720h0m0s": certificate duration 720h0m0s must be greater than renewBefore 720h0m0s', names: { property: ['spec.renewBefore'] } },
      { message: 'spec.duration: Invalid value: "30m0s": certificate duration must be greater than 1h0m0s', names: { property: ['spec.duration'] } },
    ],
    causes: [{
      id: 'renewal-window',
      summary: 'The Certificate\'s renewal settings are impossible: renewBefore is not shorter than duration (it would renew for ever), or duration is under cert-manager\'s minimum of one hour.',
      fixText: 'Make duration at least 1h and renewBefore shorter than duration (cert-manager\'s default renews at 2/3 of the duration); set renewBefore or renewBeforePercentage, not both.',
      citation: 'cert-manager docs, Certificate resource ("Renewal", spec.duration and spec.renewBefore)',
    }],
    rules: ['*/renewal'],
  },
  // ---- Browsers ----
  {
    id: 'browser/common-name-invalid',
    ecosystem: 'Chrome / Firefox',
    pattern: /NET::ERR_CERT_COMMON_NAME_INVALID|SSL_ERROR_BAD_CERT_DOMAIN/,
    citation: 'Chromium net/base/net_error_list.h (CERT_COMMON_NAME_INVALID, -200); Mozilla NSS sslerr.h (SSL_ERROR_BAD_CERT_DOMAIN)',
    examples: [{ message: 'Your connection is not private\nAttackers might be trying to steal your information from shop.example.com\nNET::ERR_CERT_COMMON_NAME_INVALID', names: { host: ['shop.example.com'] } }],
    causes: [HOSTNAME_CAUSE, WRONG_CERT_CAUSE],
    rules: HOSTNAME_RULES,
  },
  {
    id: 'browser/date-invalid',
    ecosystem: 'Chrome / Firefox',
    pattern: /NET::ERR_CERT_DATE_INVALID|SEC_ERROR_EXPIRED_CERTIFICATE/,
    citation: 'Chromium net/base/net_error_list.h (CERT_DATE_INVALID, -201); Mozilla NSS secerr.h (SEC_ERROR_EXPIRED_CERTIFICATE)',
    examples: [{ message: 'NET::ERR_CERT_DATE_INVALID' }],
    causes: [EXPIRED_CAUSE],
    rules: ['pem/cert-expired', 'pem/cert-not-yet-valid', '*/renewal', 'pem/cert-expiring-soon'],
  },
  {
    id: 'browser/authority-invalid',
    ecosystem: 'Chrome / Firefox',
    pattern: /NET::ERR_CERT_AUTHORITY_INVALID|SEC_ERROR_UNKNOWN_ISSUER/,
    citation: 'Chromium net/base/net_error_list.h (CERT_AUTHORITY_INVALID, -202); Mozilla NSS secerr.h (SEC_ERROR_UNKNOWN_ISSUER)',
    examples: [{ message: 'NET::ERR_CERT_AUTHORITY_INVALID' }, { message: 'Error code: SEC_ERROR_UNKNOWN_ISSUER' }],
    causes: [UNTRUSTED_CAUSE, CHAIN_CAUSE, SELF_SIGNED_CAUSE],
    rules: ['xref/chain-to-ca', 'pem/bundle-order', 'pem/ca-constraints'],
  },
];
