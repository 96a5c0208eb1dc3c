/**
 * The error families of proxies and controllers in front of the workspace's certificates: Envoy
 * (and so Istio's sidecars and gateways, Envoy Gateway), ingress-nginx, Gateway API controllers,
 * Istio's istiod, and kubectl. Each row's `citation` names the source file its text comes from.
 * Patterns as in families.ts: a literal start, bounded classes, no nested or alternating quantifier.
 */
import type { ErrorFamily } from '../products/types';
import {
  CHAIN_CAUSE, EXPIRED_CAUSE, HOST, HOSTNAME_CAUSE, HOSTNAME_RULES, KEY_MISMATCH_CAUSE, PLAINTEXT_CAUSE, SECRET_INVALID_CAUSE, SECRET_MISSING_CAUSE,
  UNTRUSTED_CAUSE, WRONG_CERT_CAUSE,
} from './causes';

/** A Kubernetes object name (the part after `namespace/`). */
const NAME = '[a-z0-9][a-z0-9.-]{0,252}';
const SECRET_RULES = ['helm-ingress/tls-without-secret', '*/ref-not-permitted', 'xref/unresolved-reference', '*/invalid-certificate-ref'];
const INVALID_SECRET_RULES = ['k8s/invalid-secret-data', '*/invalid-certificate-ref', 'xref/key-mismatch', 'pem/malformed', 'pem/bundle-order'];

export const CONTROLLER_FAMILIES: readonly ErrorFamily[] = [
  // ---- Envoy (BoringSSL): the transport failure reason of a reset upstream ----
  {
    id: 'envoy/verify-failed',
    ecosystem: 'Envoy (Istio, Envoy Gateway)',
    pattern: /OPENSSL_internal:CERTIFICATE_VERIFY_FAILED/,
    citation: 'Envoy source/common/tls/ssl_socket.cc (drainErrorQueue: "TLS_error:|" err ":" lib ":" func ":" reason ":TLS_error_end"); '
      + 'source/common/router/router.cc ("upstream connect error or disconnect/reset before headers. … transport failure reason: ")',
    examples: [
      // As Envoy prints it since it wraps BoringSSL's errors (quoted in envoyproxy/envoy discussions and Istio troubleshooting posts).
      { message: 'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end' },
      // The older form, as in envoyproxy/envoy issue #17484 and Istio's CA-migration walkthroughs.
      { message: 'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: connection failure, transport failure reason: TLS error: 268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED' },
    ],
    causes: [UNTRUSTED_CAUSE, EXPIRED_CAUSE, HOSTNAME_CAUSE, CHAIN_CAUSE],
    rules: ['xref/chain-to-ca', '*/backend-certificate', 'pem/cert-expired', ...HOSTNAME_RULES, 'pem/bundle-order'],
  },
  {
    id: 'envoy/wrong-version',
    ecosystem: 'Envoy (Istio, Envoy Gateway)',
    pattern: /OPENSSL_internal:WRONG_VERSION_NUMBER/,
    citation: 'Envoy source/common/tls/ssl_socket.cc (the BoringSSL reason WRONG_VERSION_NUMBER); envoyproxy/envoy issue #15584',
    examples: [{ message: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: TLS error: 268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER' }],
    causes: [PLAINTEXT_CAUSE],
    rules: ['*/probe-scheme', '*/base-url-scheme', '*/backend-certificate', 'nginx/listen-parameter'],
  },
  // ---- ingress-nginx (internal/ingress/controller/controller.go, store/backend_ssl.go) ----
  {
    id: 'ingress-nginx/secret-not-found',
    ecosystem: 'ingress-nginx',
    pattern: new RegExp(`Error getting SSL certificate "[\\w.-]{1,253}/(?<name>${NAME})": local SSL certificate [\\w.-]{1,253}/${NAME} was not found`),
    citation: 'ingress-nginx internal/ingress/controller/controller.go ("Error getting SSL certificate %q: %v. Using default certificate"), '
      + 'internal/ingress/controller/store/store.go ("local SSL certificate %v was not found")',
    examples: [{ message: 'W0416 19:13:29.051149       7 controller.go:1372] Error getting SSL certificate "gitea/tls-secret": local SSL certificate gitea/tls-secret was not found. Using default certificate', names: { name: ['tls-secret'] } }],
    causes: [SECRET_MISSING_CAUSE],
    rules: SECRET_RULES,
  },
  {
    id: 'ingress-nginx/secret-invalid',
    ecosystem: 'ingress-nginx',
    pattern: /Error obtaining X\.509 certificate: /,
    citation: 'ingress-nginx internal/ingress/controller/store/backend_ssl.go (syncSecret: "Error obtaining X.509 certificate: %v"; '
      + 'getPemCertificate: "unexpected error creating SSL Cert: %v", "key \'tls.key\' missing from Secret %q")',
    examples: [
      // ingress-nginx docs/user-guide/tls.md, "TLS Secrets".
      { message: 'W1012 09:15:45.920000       6 backend_ssl.go:46] Error obtaining X.509 certificate: unexpected error creating SSL Cert: certificate and private key does not have a matching public key: tls: private key does not match public key' },
      { message: 'W0701 10:18:30.928989       7 backend_ssl.go:45] Error obtaining X.509 certificate: unexpected error creating SSL Cert: no valid PEM formatted block found' },
    ],
    causes: [SECRET_INVALID_CAUSE, KEY_MISMATCH_CAUSE],
    rules: INVALID_SECRET_RULES,
  },
  {
    id: 'ingress-nginx/host-not-in-certificate',
    ecosystem: 'ingress-nginx',
    pattern: new RegExp(`Unexpected error validating SSL certificate "[\\w.-]{1,253}/(?<name>${NAME})" for server "(?<host>${HOST})"`),
    citation: 'ingress-nginx internal/ingress/controller/controller.go ("Unexpected error validating SSL certificate %q for server %q: %v", then "Using default certificate")',
    examples: [{
      message: 'W0310 10:51:28.745635      13 controller.go:1320] Unexpected error validating SSL certificate "cnc/cnc-cim-tls-nginx" for server "aws-sig-ts-jonpark.aws.internal": x509: certificate is valid for local.connect.example.com, not aws-sig-ts-jonpark.aws.internal',
      names: { host: ['aws-sig-ts-jonpark.aws.internal'], name: ['cnc-cim-tls-nginx'] },
    }],
    causes: [HOSTNAME_CAUSE, WRONG_CERT_CAUSE],
    rules: HOSTNAME_RULES,
  },
  // ---- Gateway API controllers: a listener's ResolvedRefs condition ----
  {
    id: 'gateway/secret-missing',
    ecosystem: 'Envoy Gateway / NGINX Gateway Fabric',
    pattern: new RegExp(`Secret [\\w.-]{1,253}/(?<name>${NAME}) does not exist`),
    citation: 'Envoy Gateway internal/gatewayapi/listener.go (InvalidCertificateRef: "Secret %s/%s does not exist."); '
      + 'NGINX Gateway Fabric internal/mode/static/state/graph (tls.certificateRefs field.Invalid: "Secret %s does not exist")',
    examples: [
      // Envoy Gateway's format string with the names of its own testdata (gateway-1's listener, Secret tls-secret-1).
      { message: 'Secret envoy-gateway/tls-secret-1 does not exist.', names: { name: ['tls-secret-1'] } },
      // NGINX Gateway Fabric, as a Gateway's listener condition shows it (quoted from a user's troubleshooting notes).
      { message: 'tls.certificateRefs[0]: Invalid value: {"Namespace":"splitwise","Name":"splitwise-tls-cert"}: Secret splitwise/splitwise-tls-cert does not exist', names: { name: ['splitwise-tls-cert'] } },
    ],
    causes: [SECRET_MISSING_CAUSE],
    rules: SECRET_RULES,
  },
  {
    id: 'gateway/secret-not-tls',
    ecosystem: 'Envoy Gateway',
    pattern: new RegExp(`Secret [\\w.-]{1,253}/(?<name>${NAME}) must be of type kubernetes\\.io/tls`),
    citation: 'Envoy Gateway internal/gatewayapi/listener.go (InvalidCertificateRef: "Secret %s/%s must be of type kubernetes.io/tls.")',
    // The format string with a Secret's namespace and name filled in.
    examples: [{ message: 'Secret default/app-tls must be of type kubernetes.io/tls.', names: { name: ['app-tls'] } }],
    causes: [SECRET_INVALID_CAUSE],
    rules: ['*/invalid-certificate-ref', 'k8s/invalid-secret-data'],
  },
  // ---- Istio: istiod serving a gateway's credentialName over SDS ----
  {
    id: 'istio/credential-not-found',
    ecosystem: 'Istio',
    pattern: new RegExp(`failed to fetch (?:key and certificate|ca certificate) for kubernetes://${NAME}: secret [\\w.-]{1,253}/(?<name>${NAME}) not found`),
    citation: 'Istio pilot/pkg/xds/sds.go ("failed to fetch key and certificate for %s: %v"), pilot/pkg/credentials/kube/secrets.go ("secret %v/%v not found")',
    examples: [{ message: 'istiod-584b74f7f9-g7wkz discovery 2023-03-22T12:46:56.728347Z\twarn\tads\tfailed to fetch key and certificate for kubernetes://spot-bigdata-tls: secret istio-ingress/spot-bigdata-tls not found', names: { name: ['spot-bigdata-tls'] } }],
    causes: [SECRET_MISSING_CAUSE],
    rules: SECRET_RULES,
  },
  // ---- kubectl: the API server's certificate against the kubeconfig's CA ----
  {
    id: 'kubectl/unknown-authority',
    ecosystem: 'kubectl',
    pattern: /Unable to connect to the server: [^\n]{0,200}?x509: certificate signed by unknown authority/,
    citation: 'kubectl pkg/cmd/util/helpers.go (StandardErrorMessage: "Unable to connect to the server: %v"), with Go crypto/x509 UnknownAuthorityError',
    examples: [
      { message: 'Unable to connect to the server: x509: certificate signed by unknown authority' },
      { message: 'Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority' },
    ],
    causes: [{
      id: 'kubeconfig-ca',
      summary: 'kubectl does not trust the API server\'s certificate: the kubeconfig\'s certificate-authority-data is of another cluster (recreated, or another context), or a proxy between them presents its own certificate.',
      fixText: 'Fetch the kubeconfig again for this cluster (or set certificate-authority-data to the cluster\'s CA), check `kubectl config current-context`, and exclude the API server from the HTTPS proxy (NO_PROXY).',
      citation: 'Kubernetes docs, "Organizing Cluster Access Using kubeconfig Files" (certificate-authority-data)',
    }, UNTRUSTED_CAUSE],
    rules: ['xref/chain-to-ca'],
  },
];
