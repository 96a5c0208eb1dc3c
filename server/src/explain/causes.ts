/**
 * The likely causes the error families share (families.ts, controllers.ts), each with its fix and
 * the source the fix comes from; and the rules a hostname error points at.
 */
import type { ErrorCause } from '../products/types';

export const HOST = '[\\w*.:\\[\\]-]{1,253}';

/** The rules a hostname error points at: a reference's certificate without the host, in every form. */
export const HOSTNAME_RULES = [
  'xref/hostname-not-covered', 'xref/service-url-not-covered', '*/route-hostname-not-covered', '*/server-url-covered', 'xref/ingress-host-without-tls',
  'pem/missing-san',
];

export const HOSTNAME_CAUSE: ErrorCause = {
  id: 'name-not-in-certificate',
  summary: 'The certificate served does not name the host the client asked for: neither a subjectAltName dNSName (or iPAddress) nor a wildcard covering it. Clients ignore the CN when the certificate has SANs.',
  fixText: 'Reissue the certificate with the host in its subjectAltName (a wildcard covers one label only), or point the client, the Ingress rule or the server_name at a host the certificate names.',
  citation: 'RFC 6125 §6.4 (DNS-ID matching, one-label wildcards); RFC 2818 §3.1',
};
export const WRONG_CERT_CAUSE: ErrorCause = {
  id: 'wrong-certificate-served',
  summary: 'The server serves another certificate than the one meant for this host (a default server, another Secret, an old file).',
  fixText: 'Check which certificate the server block, Ingress TLS entry or Gateway listener for this host references, and that it is the file or Secret you renewed.',
  citation: 'nginx ngx_http_ssl_module (ssl_certificate, server_name); Kubernetes Ingress TLS',
};
export const UNTRUSTED_CAUSE: ErrorCause = {
  id: 'issuer-not-trusted',
  summary: 'The client cannot build a path from the certificate to a CA it trusts: the issuing CA is not in its trust store (a private or self-signed CA), or the server was given a certificate from another CA than the client trusts.',
  fixText: 'Give the client the CA that signed the server certificate (its CA bundle, truststore or ConfigMap), or have the server present a certificate from the CA the client trusts.',
  citation: 'RFC 5280 §6.1 (certification path validation)',
};
export const CHAIN_CAUSE: ErrorCause = {
  id: 'intermediate-missing',
  summary: 'The server sends its certificate without the intermediate CA certificate(s), or in the wrong order, so the client cannot link it to a root it trusts.',
  fixText: 'Serve the full chain: the leaf first, then each intermediate that certifies the one before it (nginx: ssl_certificate names the fullchain file; Kubernetes: tls.crt holds leaf + intermediates).',
  citation: 'RFC 8446 §4.4.2 (certificate_list: sender\'s certificate first, each following certifies the one before)',
};
export const SELF_SIGNED_CAUSE: ErrorCause = {
  id: 'self-signed',
  summary: 'The server presents a self-signed certificate (or a chain ending in a self-signed root) that the client does not trust.',
  fixText: 'Issue the server certificate from a CA and give clients that CA; or, for a private setup, add the self-signed certificate to the client\'s trust store explicitly.',
  citation: 'RFC 5280 §6.1 (the trust anchor is an input of path validation)',
};
export const EXPIRED_CAUSE: ErrorCause = {
  id: 'certificate-expired',
  summary: 'A certificate in the chain is outside its validity period: expired (notAfter passed), or not yet valid (notBefore in the future, often a clock or a freshly issued certificate).',
  fixText: 'Renew the certificate (and intermediates) and reload the server; check that renewal (cert-manager renewBefore, the product\'s reminder) runs before notAfter, and that clocks are synchronised.',
  citation: 'RFC 5280 §4.1.2.5 (validity), §6.1.3 (a)(2)',
};
export const USAGE_CAUSE: ErrorCause = {
  id: 'wrong-key-usage',
  summary: 'The certificate\'s extended key usage does not allow this role: a client certificate without clientAuth used for mTLS, or a server certificate without serverAuth.',
  fixText: 'Reissue it with the extended key usage of its role (serverAuth for servers, clientAuth for mTLS clients) and a key usage that allows digitalSignature.',
  citation: 'RFC 5280 §4.2.1.12 (extended key usage), §4.2.1.3 (key usage)',
};
export const KEY_MISMATCH_CAUSE: ErrorCause = {
  id: 'key-does-not-match',
  summary: 'The private key configured beside the certificate is not the key of that certificate (a key of an earlier certificate, or of another host).',
  fixText: 'Configure the key the certificate was issued for (compare `openssl x509 -noout -pubkey` with `openssl pkey -pubout`), or reissue the certificate from a CSR of this key.',
  citation: 'RFC 5280 §4.1.2.7 (subjectPublicKeyInfo); OpenSSL X509_check_private_key',
};
export const PEER_REJECTED_CAUSE: ErrorCause = {
  id: 'peer-rejected-certificate',
  summary: 'The other side rejected the certificate this side sent (a TLS alert): in mTLS, usually a client certificate not signed by the CA the server trusts, without clientAuth, or expired.',
  fixText: 'Read the log of the side that sent the alert: it says why. Check that the client certificate is signed by the server\'s client CA, carries clientAuth, and is valid now.',
  citation: 'RFC 8446 §6.2 (bad_certificate alert); RFC 5280 §4.2.1.12',
};
export const KEYSTORE_CAUSE: ErrorCause = {
  id: 'keystore-unreadable',
  summary: 'The Java keystore or truststore cannot be opened: the password configured is not the store\'s, the store type (JKS, PKCS12) is not the one configured, or the file is not a keystore.',
  fixText: 'Check the store\'s password and type against the file (`keytool -list -keystore FILE -storetype PKCS12`), and that the configuration names the file and password it was made with.',
  citation: 'JDK keytool documentation; java.security.KeyStore',
};

export const PROTOCOL_CAUSE: ErrorCause = {
  id: 'no-common-protocol',
  summary: 'Client and server share no TLS version: the server allows only versions the client has turned off (TLSv1, TLSv1.1: OpenSSL 3 refuses them at its default security level), or the client asks for one the server does not offer.',
  fixText: 'Serve TLSv1.2 and TLSv1.3 (nginx: `ssl_protocols TLSv1.2 TLSv1.3;`, Mozilla\'s intermediate profile); upgrade a client that cannot speak TLSv1.2 rather than lowering the server or the client\'s security level.',
  citation: 'RFC 8996 (TLS 1.0 and 1.1 deprecated); Mozilla Server Side TLS 6.0; OpenSSL ssl/ssl_err.c (no protocols available, unsupported protocol)',
};
export const CIPHER_CAUSE: ErrorCause = {
  id: 'no-common-cipher',
  summary: 'Client and server share no cipher suite (or no signature algorithm or group for the server\'s key): a server cipher list of legacy suites only, or a key type the listed suites cannot use (ECDSA key, RSA-only suites).',
  fixText: 'Use a current cipher list (Mozilla intermediate: ECDHE with AES-GCM or ChaCha20) that includes suites for the certificate\'s key type; leave TLSv1.3 suites at their defaults.',
  citation: 'Mozilla Server Side TLS 6.0; RFC 8446 §4.1.1 (cipher suite negotiation); OpenSSL ssl/ssl_err.c (no shared cipher)',
};
export const PLAINTEXT_CAUSE: ErrorCause = {
  id: 'tls-plaintext-mismatch',
  summary: 'One side speaks TLS and the other plain HTTP on the same port: an https:// URL or a TLS upstream pointed at a plain port, or a plain-HTTP client or probe at a TLS-only port.',
  fixText: 'Match the scheme to the port: https (and TLS on the upstream) where the server serves TLS, http where it does not; a Kubernetes probe of a TLS port needs `scheme: HTTPS`.',
  citation: 'RFC 8446 §5.1 (record layer: a TLS record starts with a content type and version); OpenSSL ssl/ssl_err.c (wrong version number)',
};
export const SECRET_MISSING_CAUSE: ErrorCause = {
  id: 'tls-secret-missing',
  summary: 'The Secret an Ingress TLS entry, Gateway listener or Istio Gateway names does not exist where the controller looks: not created yet (cert-manager has not issued it), another name, or another namespace (Ingress and Gateway read their own namespace; Istio\'s ingress gateway reads its namespace).',
  fixText: 'Create the Secret (or the cert-manager Certificate whose secretName it is) in the namespace the controller reads, with the exact name referenced; for a Gateway reading another namespace, add a ReferenceGrant there.',
  citation: 'Kubernetes Ingress TLS (secretName); Gateway API GEP-709 (ReferenceGrant), listener ResolvedRefs/InvalidCertificateRef; Istio Gateway credentialName',
};
export const SECRET_INVALID_CAUSE: ErrorCause = {
  id: 'tls-secret-invalid',
  summary: 'The TLS Secret exists but cannot be used: not of type kubernetes.io/tls, tls.crt or tls.key missing or not PEM, the key not the certificate\'s, or the chain in the wrong order.',
  fixText: 'Make it a kubernetes.io/tls Secret with tls.crt (leaf first, then intermediates) and the matching tls.key (`kubectl create secret tls NAME --cert=fullchain.pem --key=key.pem`).',
  citation: 'Kubernetes Secret type kubernetes.io/tls; ingress-nginx docs, TLS/HTTPS ("TLS Secrets")',
};
export const SPRING_SSL_CAUSE: ErrorCause = {
  id: 'spring-ssl-binding',
  summary: 'Spring Boot cannot bind a `server.ssl.*` property: a value of the wrong type or outside its enum (client-auth is none, want or need), or a misspelt key; the application does not start.',
  fixText: 'Correct the property named in the report (Spring Boot\'s "Server.Ssl" properties: key-store, key-store-type PKCS12 or JKS, key-store-password, client-auth none|want|need, trust-store…).',
  citation: 'Spring Boot reference, "Configure SSL" (server.ssl.* properties); Spring Boot BindFailureAnalyzer',
};
