/**
 * cert-manager (Aragora TLS guide): Certificates (the Secret they will write and the
 * names in it), Issuers and ClusterIssuers (ACME servers and their solvers).
 */
import { arr, at, located, obj, str } from './json';
import type { Located } from '../core/types';
import type { Product } from './types';
import { GUIDES } from './guides';

/** cert-manager's webhook validation, the source of the rules below (github.com/cert-manager/cert-manager). */
const CM_VALIDATION = 'cert-manager webhook validation, internal/apis/certmanager/validation/';
const NEED = "{{path}}: {{which}}; cert-manager's webhook rejects it: it needs {{need}}.";

export const certManager: Product = {
  id: 'cert-manager',
  title: 'cert-manager',
  guide: `${GUIDES.aragora} ("Kubernetes (cert-manager)", "DNS Challenge (Wildcard Certificates)")`,
  summary: 'cert-manager issues certificates into Secrets from Certificate objects and Ingress annotations, with Issuers and ClusterIssuers (ACME: Let\'s Encrypt, HTTP-01 and DNS-01 solvers).',
  schemas: { 'cert-manager-certificate': 'cert-manager-certificate.schema.json', 'cert-manager-issuer': 'cert-manager-issuer.schema.json' },
  kinds: [
    { apiVersion: /^cert-manager\.io\/v1$/, kinds: ['Certificate'], schema: 'cert-manager-certificate' },
    { apiVersion: /^cert-manager\.io\/v1$/, kinds: ['Issuer', 'ClusterIssuer'], schema: 'cert-manager-issuer' },
  ],
  refs(d, out) {
    const { json, doc } = d;
    const kind = str(json.kind);
    const meta = obj(json.metadata);
    const ns = str(meta?.namespace);
    const spec = obj(json.spec) ?? {};
    if (kind === 'Certificate') {
      const secretName = str(spec.secretName);
      const dnsNames = arr(spec.dnsNames).map((h, j) => located(doc, ['spec', 'dnsNames', j], h)).filter((x): x is Located => !!x);
      if (secretName) {
        out.pending.push({
          secretName, namespace: ns, dnsNames: dnsNames.map((n) => n.value),
          span: at(doc, ['spec', 'secretName']) ?? { start: doc.range[0], end: doc.range[0] + 1 },
        });
      }
      const ref = obj(spec.issuerRef) ?? {};
      const issuer = located(doc, ['spec', 'issuerRef', 'name'], ref.name);
      if (issuer && (ref.group === undefined || ref.group === 'cert-manager.io')) {
        out.issuerRefs.push({
          name: issuer.value, kind: ref.kind === 'ClusterIssuer' ? 'ClusterIssuer' : 'Issuer', namespace: ns, span: issuer.span,
          via: 'Certificate issuerRef', dnsNames, secretNames: secretName ? [secretName] : [],
        });
      }
      return;
    }
    if (kind === 'Issuer' || kind === 'ClusterIssuer') {
      const name = located(doc, ['metadata', 'name'], meta?.name);
      if (!name) return;
      const acme = obj(spec.acme);
      const solvers = arr(acme?.solvers).map((s) => obj(s) ?? {});
      out.issuers.push({
        kind,
        name: name.value,
        namespace: kind === 'Issuer' ? ns : undefined,
        nameSpan: name.span,
        ...(acme ? {
          acme: {
            http01Only: solvers.length > 0 && solvers.every((s) => s.http01 !== undefined && s.dns01 === undefined),
            solvers: solvers.flatMap((s) => Object.keys(s).filter((k) => k === 'http01' || k === 'dns01')),
          },
        } : {}),
      });
    }
  },
  constraints: [
    {
      kind: 'renewal', name: 'renewal', schema: 'cert-manager-certificate', severity: 'error',
      pairs: [{ duration: 'spec.duration', renewBefore: 'spec.renewBefore', renewBeforePercentage: 'spec.renewBeforePercentage', defaultDuration: '2160h' }],
      description: 'A Certificate whose `renewBefore` is not shorter than its `duration` (2160h when it states none), whose duration is under 1 h or renewBefore under 5 min, '
        + 'or that sets both `renewBefore` and `renewBeforePercentage`: cert-manager rejects it.',
      citation: `${CM_VALIDATION}certificate.go (ValidateDuration; the default duration is cmapi.DefaultCertificateDuration, 2160h); Aragora TLS guide, "Kubernetes (cert-manager)"`,
      message: '{{problem}}',
      fixText: 'Keep `renewBefore` well below `duration` (cert-manager\'s defaults: 2160h and a third of it), at least 1h of duration and 5m of renewBefore, and set only one of `renewBefore` and `renewBeforePercentage`.',
    },
    {
      kind: 'count', name: 'certificate-names', schema: 'cert-manager-certificate', severity: 'error',
      groups: [{
        at: 'spec', paths: ['commonName', 'literalSubject', 'dnsNames', 'uris', 'emailAddresses', 'ipAddresses', 'otherNames'], min: 1,
        need: 'a name to certify (a commonName, or a SAN of any kind)',
      }],
      description: 'A Certificate with no commonName (nor literalSubject) and no SAN of any kind (dnsNames, uris, emailAddresses, ipAddresses, otherNames): '
        + 'cert-manager rejects it.',
      citation: `${CM_VALIDATION}certificate.go (ValidateCertificateSpec: "at least one of commonName … dnsNames, emailSANs, ipAddresses, otherNames, or uriSANs must be set")`,
      message: NEED,
      fixText: 'List the names the certificate serves under `dnsNames` (or `ipAddresses`, `uris`, `emailAddresses`).',
    },
    {
      kind: 'count', name: 'issuer-type', schema: 'cert-manager-issuer', severity: 'error',
      // cert-manager's order: the second type set in it is the one reported.
      groups: [
        { at: 'spec', paths: ['acme', 'ca', 'selfSigned', 'vault', 'venafi'], min: 1, max: 1, need: 'exactly one issuer type' },
        { at: 'spec.venafi', paths: ['tpp', 'cloud', 'ngts'], min: 1, max: 1, need: 'exactly one of tpp, cloud, ngts' },
      ],
      description: 'An Issuer or ClusterIssuer with no issuer type (acme, ca, selfSigned, vault, venafi) or with more than one, or a Venafi issuer with '
        + 'none or more than one of tpp, cloud, ngts: cert-manager rejects it. '
        + '`selfSigned: {}` sets one; `selfSigned:` with nothing after it is null, which sets none.',
      citation: `${CM_VALIDATION}issuer.go (ValidateIssuerConfig: "at least one issuer must be configured", "may not specify more than one issuer type"; `
        + 'ValidateVenafiIssuerConfig: "please supply one of: tpp, cloud, ngts")',
      message: NEED,
      fixText: 'Keep exactly one of `acme`, `ca`, `selfSigned` (written `selfSigned: {}`), `vault`, `venafi`; make a second Issuer for another type.',
    },
    {
      kind: 'count', name: 'solver-type', schema: 'cert-manager-issuer', severity: 'error',
      groups: [
        { at: 'spec.acme.solvers.{i}', paths: ['http01', 'dns01'], min: 1, max: 1, need: 'exactly one solver type (http01 or dns01) in each solver' },
        {
          at: 'spec.acme.solvers.{i}.http01', paths: ['ingress', 'gatewayHTTPRoute'], min: 1, max: 1,
          need: 'exactly one HTTP01 solver type (ingress or gatewayHTTPRoute)',
        },
        {
          at: 'spec.acme.solvers.{i}.http01.ingress', paths: ['ingressClassName', 'name', 'class'], max: 1,
          need: "at most one of 'ingressClassName', 'name' or 'class'",
        },
        {
          at: 'spec.acme.solvers.{i}.http01.gatewayHTTPRoute.parentRefs.{j}', paths: ['name', 'kind'], together: true,
          need: 'a parentRef with both name and kind',
        },
      ],
      description: 'An ACME solver with no solver type or two, an `http01` block with no `ingress` or `gatewayHTTPRoute` (or both), an Ingress solver '
        + 'that sets more than one of `ingressClassName`, `name` and `class`, or a Gateway solver parentRef with a name but no kind (or the reverse): '
        + 'cert-manager rejects the Issuer.',
      citation: `${CM_VALIDATION}issuer.go (ValidateACMEIssuerChallengeSolverConfig, ValidateACMEIssuerChallengeSolverHTTP01Config, `
        + 'ValidateACMEIssuerChallengeSolverHTTP01IngressConfig, ValidateACMEIssuerChallengeSolverHTTP01GatewayConfig)',
      message: NEED,
      fixText: 'Give each solver one of `http01` or `dns01`; under `http01`, one of `ingress` or `gatewayHTTPRoute`; on an Ingress solver, '
        + '`ingressClassName` (or `name` to reuse an Ingress; `class` is the old annotation form), not two of them.',
    },
    {
      kind: 'count', name: 'ca-bundle', schema: 'cert-manager-issuer', severity: 'error',
      groups: [
        { at: 'spec.acme', paths: ['caBundle', 'skipTLSVerify'], max: 1, need: 'caBundle or skipTLSVerify, not both' },
        { at: 'spec.vault', paths: ['caBundle', 'caBundleSecretRef'], max: 1, need: 'caBundle or caBundleSecretRef, not both' },
        { at: 'spec.venafi.tpp', paths: ['caBundle', 'caBundleSecretRef'], max: 1, need: 'caBundle or caBundleSecretRef, not both' },
      ],
      description: 'An ACME issuer with both `caBundle` and `skipTLSVerify: true`, or a Vault or Venafi TPP issuer with both `caBundle` and '
        + '`caBundleSecretRef`: cert-manager rejects it.',
      citation: `${CM_VALIDATION}issuer.go (ValidateACMEIssuerConfig, ValidateVaultIssuerConfig, validateVenafiTPPCABundleUnique)`,
      message: NEED,
      fixText: 'Keep the CA bundle that verifies the server (never `skipTLSVerify` in production); for Vault, one of `caBundle` and `caBundleSecretRef`.',
    },
    {
      kind: 'count', name: 'dns01-provider', schema: 'cert-manager-issuer', severity: 'error',
      groups: [
        {
          at: 'spec.acme.solvers.{i}.dns01',
          paths: ['akamai', 'azureDNS', 'cloudDNS', 'cloudflare', 'route53', 'acmeDNS', 'digitalocean', 'rfc2136', 'webhook'],
          min: 1, max: 1, need: 'exactly one DNS01 provider',
        },
        {
          at: 'spec.acme.solvers.{i}.dns01.cloudflare', paths: ['apiKeySecretRef', 'apiTokenSecretRef'], min: 1, max: 1,
          need: 'an API token or an API key, not both',
        },
        {
          at: 'spec.acme.solvers.{i}.dns01.route53', paths: ['accessKeyID', 'accessKeyIDSecretRef'], max: 1,
          need: 'accessKeyID or accessKeyIDSecretRef, not both',
        },
        {
          at: 'spec.acme.solvers.{i}.dns01.azureDNS', paths: ['clientID', 'clientSecretSecretRef', 'tenantID'], together: true,
          need: 'a service principal of clientID, clientSecretSecretRef and tenantID together',
        },
        {
          at: 'spec.acme.solvers.{i}.dns01.azureDNS', paths: ['clientID|clientSecretSecretRef|tenantID', 'managedIdentity'], max: 1,
          need: 'a service principal or a managed identity, not both',
        },
        {
          at: 'spec.acme.solvers.{i}.dns01.azureDNS.managedIdentity', paths: ['clientID|tenantID', 'resourceID'], max: 1,
          need: 'clientID (with tenantID) or resourceID',
        },
        {
          at: 'spec.acme.solvers.{i}.dns01.rfc2136', paths: ['tsigKeyName', 'tsigSecretSecretRef.name'], together: true,
          need: 'the TSIG key name and its secret together',
        },
      ],
      description: 'A DNS01 solver with no provider or two; Cloudflare with neither or both of an API key and token; Route53 with both accessKeyID and '
        + 'accessKeyIDSecretRef; Azure DNS with part of a service principal, or one beside a managed identity, or a managed identity with both clientID '
        + '(or tenantID) and resourceID; RFC2136 with a TSIG key name without its secret (or the reverse): cert-manager rejects the Issuer.',
      citation: `${CM_VALIDATION}issuer.go (ValidateACMEChallengeSolverDNS01)`,
      message: NEED,
      fixText: 'Give each DNS01 solver one provider, with one way to authenticate: a Cloudflare API token, Route53 keys in one form, an Azure service '
        + 'principal (clientID, clientSecretSecretRef, tenantID) or a managed identity, an RFC2136 TSIG key name with its secret.',
    },
    {
      kind: 'count', name: 'vault-auth', schema: 'cert-manager-issuer', severity: 'error',
      groups: [
        { at: 'spec.vault.auth', paths: ['appRole', 'kubernetes', 'tokenSecretRef', 'clientCertificate', 'aws'], min: 1, need: 'one way to log in to Vault' },
        { at: 'spec.vault.auth.kubernetes', paths: ['secretRef.name', 'serviceAccountRef'], min: 1, max: 1, need: 'one of secretRef and serviceAccountRef' },
        { at: 'spec.vault', paths: ['clientCertSecretRef', 'clientKeySecretRef'], together: true, need: 'the client certificate and its key together' },
      ],
      description: 'A Vault issuer whose `auth` names no way to log in (appRole, kubernetes, tokenSecretRef, clientCertificate, aws), whose Kubernetes '
        + 'auth gives neither or both of `secretRef` and `serviceAccountRef`, or that names a client certificate without its key (or the reverse): '
        + 'cert-manager rejects it.',
      citation: `${CM_VALIDATION}issuer.go (ValidateVaultIssuerAuth: "please supply one of: appRole, kubernetes, tokenSecretRef, clientCertificate, aws", `
        + '"please supply one of: secretRef, serviceAccountRef"; ValidateVaultIssuerConfig: '
        + '"clientKeySecretRef must be provided when defining the clientCertSecretRef")',
      message: NEED,
      fixText: 'Give `auth` one login method; for `kubernetes`, either a `serviceAccountRef` (a token cert-manager requests) or a `secretRef` (a stored token), '
        + 'not both; for Vault mTLS, both `clientCertSecretRef` and `clientKeySecretRef`.',
    },
    {
      kind: 'count', name: 'keystore-password', schema: 'cert-manager-certificate', severity: 'error',
      groups: [
        { at: 'spec.keystores.jks', paths: ['passwordSecretRef.name', 'password'], min: 1, max: 1, need: 'exactly one of passwordSecretRef and password' },
        { at: 'spec.keystores.pkcs12', paths: ['passwordSecretRef.name', 'password'], min: 1, max: 1, need: 'exactly one of passwordSecretRef and password' },
      ],
      description: 'A JKS or PKCS#12 keystore with neither or both of `passwordSecretRef` and `password`: cert-manager rejects the Certificate.',
      citation: `${CM_VALIDATION}certificate.go (validateKeystores: "must set exactly one of passwordSecretRef and password")`,
      message: NEED,
      fixText: 'Name the Secret key that holds the keystore password in `passwordSecretRef` (or write a non-empty `password`), not both.',
    },
    {
      kind: 'scheme', name: 'acme-https', schema: 'cert-manager-issuer', severity: 'warning',
      path: 'spec.acme.server', scheme: 'https', bare: true,
      description: 'An ACME issuer whose `server` is not an https:// URL (another scheme, or none): the ACME directory must be served over HTTPS '
        + "(RFC 8555 §6.1). A warning: cert-manager's webhook admits any non-empty server, and the account registration fails later.",
      citation: 'RFC 8555 §6.1 (HTTPS is required); Aragora TLS guide, "Create ClusterIssuer (Let\'s Encrypt)"',
      message: "The ACME server '{{value}}' is not https: ACME requires HTTPS (RFC 8555 §6.1), so cert-manager cannot register or order certificates over it.",
      fixText: "Use the directory's https:// URL, e.g. `https://acme-v02.api.letsencrypt.org/directory` (staging: `https://acme-staging-v02.api.letsencrypt.org/directory`).",
    },
  ],
  knows: [
    'A Certificate writes its `secretName` with its `dnsNames`; an Ingress can name that Secret before it exists (Aragora TLS guide, "Deploy with TLS").',
    'ACME issues wildcard names only through DNS-01 solvers (Aragora TLS guide, "DNS Challenge (Wildcard Certificates)").',
    '`renewBefore` must be shorter than `duration` (cert-manager rejects the Certificate otherwise); durations are Go durations (Aragora TLS guide, cert-manager).',
    'The ACME `server` is an https:// directory URL (RFC 8555 §6.1).',
  ],
};
