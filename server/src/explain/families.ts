/**
 * The error families `tls-lens explain` recognises: one row per error of one ecosystem, with the
 * real wording (each row's `citation` names the source file or document the text is copied
 * from), what it names, its likely causes with their fixes and sources, and the rules whose
 * findings it points at. Products add their own messages (Product.errors).
 *
 * Patterns run on untrusted text (at most EXPLAIN_MAX_INPUT characters): each starts with a
 * literal and uses only bounded classes, never a nested or alternating quantifier.
 */
import type { ErrorFamily } from '../products/types';
import {
  CHAIN_CAUSE, CIPHER_CAUSE, EXPIRED_CAUSE, HOST, HOSTNAME_CAUSE, HOSTNAME_RULES, KEY_MISMATCH_CAUSE, KEYSTORE_CAUSE, PEER_REJECTED_CAUSE,
  PLAINTEXT_CAUSE, PROTOCOL_CAUSE, SELF_SIGNED_CAUSE, SPRING_SSL_CAUSE, UNTRUSTED_CAUSE, USAGE_CAUSE, WRONG_CERT_CAUSE,
} from './causes';
import { CONTROLLER_FAMILIES } from './controllers';

/** The families every workspace gets (products add theirs: Product.errors). */
const SHARED: readonly ErrorFamily[] = [
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
    pattern: /KeyStoreException: (?<name>[\w.-]{1,64}) not found|java\.io\.IOException: Invalid keystore format/,
    citation: 'OpenJDK java/security/KeyStore.java (getInstance: new KeyStoreException(type + " not found", nsae)); '
      + 'sun/security/provider/JavaKeyStore.java (engineLoad: "Invalid keystore format", a file that is not JKS read as JKS)',
    examples: [
      { message: 'java.security.KeyStoreException: PKCS11 not found', names: { name: ['PKCS11'] } },
      { message: 'java.io.IOException: Invalid keystore format' },
    ],
    causes: [{
      id: 'keystore-type',
      summary: 'The keystore type configured is not one the JVM provides (a typo: PKCS11 for PKCS12, JSK for JKS), or is not the file\'s format (a PKCS#12 file declared as JKS).',
      fixText: 'Set the store type to the file\'s format, PKCS12 or JKS (`keytool -list -keystore FILE` prints it); Spring: server.ssl.key-store-type and trust-store-type.',
      citation: 'JDK Security Standard Algorithm Names, "KeyStore Types" (jceks, jks, dks, pkcs11, pkcs12); JDK keytool documentation',
    }, KEYSTORE_CAUSE],
    rules: ['*/java-keystore', '*/java-truststore', 'xref/keystore-unreadable', 'schema/invalid-value'],
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
  {
    id: 'spring/ssl-binding',
    ecosystem: 'Spring Boot',
    pattern: /Failed to bind properties under '(?<property>server\.ssl[\w.-]{0,120})'/,
    citation: 'Spring Boot spring-boot/src/main/java/org/springframework/boot/diagnostics/analyzer/BindFailureAnalyzer.java ("Failed to bind properties under \'%s\' to %s")',
    examples: [{
      // BindFailureAnalyzer's report (Description), for server.ssl.client-auth: required (Ssl.ClientAuth is NONE, WANT, NEED).
      message: 'Description:\n\nFailed to bind properties under \'server.ssl.client-auth\' to org.springframework.boot.web.server.Ssl$ClientAuth:\n\n'
        + '    Property: server.ssl.client-auth\n    Value: "required"\n    Origin: class path resource [application.yml] - 5:18\n'
        + '    Reason: failed to convert java.lang.String to org.springframework.boot.web.server.Ssl$ClientAuth',
      names: { property: ['server.ssl.client-auth'] },
    }],
    causes: [SPRING_SSL_CAUSE],
    rules: ['schema/invalid-value', '*/wrong-service-keys', 'schema/unknown-key', '*/java-keystore', '*/java-truststore'],
  },
  // ---- OpenSSL (and nginx, curl, Python on it): protocol and cipher refusals ----
  {
    id: 'openssl/protocol',
    ecosystem: 'OpenSSL / nginx / curl',
    pattern: /SSL routines:\w{0,40}:(?:no protocols available|unsupported protocol|tlsv1 alert protocol version)|:UNSUPPORTED_PROTOCOL|:TLSV1_ALERT_PROTOCOL_VERSION/,
    citation: 'OpenSSL ssl/ssl_err.c (SSL_R_NO_PROTOCOLS_AVAILABLE 191 "no protocols available", SSL_R_UNSUPPORTED_PROTOCOL 258 "unsupported protocol", '
      + 'SSL_R_TLSV1_ALERT_PROTOCOL_VERSION 1070 "tlsv1 alert protocol version"); curl lib/vtls/openssl.c',
    examples: [
      { message: 'curl: (35) OpenSSL/3.0.13: error:0A0000BF:SSL routines::no protocols available' },
      { message: 'curl: (35) error:0A000102:SSL routines::unsupported protocol' },
      { message: 'curl: (35) TLS connect error: error:0A00042E:SSL routines::tlsv1 alert protocol version' },
    ],
    causes: [PROTOCOL_CAUSE],
    rules: ['nginx/ssl-protocols-legacy', 'nginx/ssl-on'],
  },
  {
    id: 'openssl/cipher',
    ecosystem: 'OpenSSL / nginx / curl',
    pattern: /SSL routines:\w{0,40}:(?:no shared cipher|sslv3 alert handshake failure)|:NO_SHARED_CIPHER|:SSLV3_ALERT_HANDSHAKE_FAILURE/,
    citation: 'OpenSSL ssl/ssl_err.c (SSL_R_NO_SHARED_CIPHER 193 "no shared cipher", SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE 1040 "sslv3 alert handshake failure"); '
      + 'nginx src/event/ngx_event_openssl.c ("SSL_do_handshake() failed")',
    examples: [
      { message: '2026/06/01 10:00:00 [crit] 29#29: *1 SSL_do_handshake() failed (SSL: error:0A0000C1:SSL routines::no shared cipher) while SSL handshaking, client: 10.0.0.7, server: 0.0.0.0:443' },
      { message: 'curl: (35) OpenSSL/3.0.13: error:0A000410:SSL routines::sslv3 alert handshake failure' },
    ],
    causes: [CIPHER_CAUSE, PROTOCOL_CAUSE],
    rules: ['nginx/ssl-ciphers-weak', 'nginx/ssl-protocols-legacy', 'nginx/missing-certificate', 'nginx/ecdh-curve-unknown'],
  },
  {
    id: 'openssl/wrong-version-number',
    ecosystem: 'OpenSSL / curl',
    pattern: /SSL routines:\w{0,40}:(?:wrong version number|http request|packet length too long)|[:\[]WRONG_VERSION_NUMBER/,
    citation: 'OpenSSL ssl/ssl_err.c (SSL_R_WRONG_VERSION_NUMBER 267 "wrong version number", SSL_R_HTTP_REQUEST "http request"); ssl/record/ssl3_record.c',
    examples: [
      // OpenSSL 3.0.19 s_client against a plain-HTTP port (the error line it prints).
      { message: '40176BB4167F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../ssl/record/ssl3_record.c:350:' },
      { message: 'curl: (35) error:0A00010B:SSL routines::wrong version number' },
    ],
    causes: [PLAINTEXT_CAUSE],
    rules: ['*/probe-scheme', '*/base-url-scheme', 'nginx/listen-parameter', 'nginx/http-no-redirect'],
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
      // The API server's denial ("admission webhook %q denied the request: %s", apiserver webhookerrors) of cert-manager's field errors;
      // apimachinery's field.Error prints the time.Duration BadValue as JSON, in nanoseconds.
      { message: 'admission webhook "webhook.cert-manager.io" denied the request: spec.renewBefore: Invalid value: 2592000000000000: certificate duration 720h0m0s must be greater than renewBefore 720h0m0s', names: { property: ['spec.renewBefore'] } },
      { message: 'spec.duration: Invalid value: 1800000000000: certificate duration must be greater than 1h0m0s', names: { property: ['spec.duration'] } },
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

/** The families every workspace gets (products add theirs: Product.errors): the clients' and servers', then the proxies' and controllers'. */
export const FAMILIES: readonly ErrorFamily[] = [...SHARED, ...CONTROLLER_FAMILIES];
