/**
 * cert-manager (Aragora TLS guide): Certificates (the Secret they will write and the
 * names in it), Issuers and ClusterIssuers (ACME servers and their solvers).
 */
import { arr, at, located, obj, str } from './json';
import type { Located } from '../core/types';
import type { Product } from './types';
import { GUIDES } from './guides';

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
      pairs: [{ duration: 'spec.duration', renewBefore: 'spec.renewBefore', renewBeforePercentage: 'spec.renewBeforePercentage' }],
      description: 'A Certificate whose `renewBefore` is not shorter than its `duration`, whose duration is under 1 h or renewBefore under 5 min, or that sets both `renewBefore` and `renewBeforePercentage`: cert-manager rejects it.',
      citation: 'cert-manager Certificate API (spec.duration, spec.renewBefore, spec.renewBeforePercentage validation); Aragora TLS guide, "Kubernetes (cert-manager)"',
      message: '{{problem}}',
      fixText: 'Keep `renewBefore` well below `duration` (cert-manager\'s defaults: 2160h and a third of it), at least 1h of duration and 5m of renewBefore, and set only one of `renewBefore` and `renewBeforePercentage`.',
    },
    {
      kind: 'scheme', name: 'acme-https', schema: 'cert-manager-issuer', severity: 'warning',
      path: 'spec.acme.server', scheme: 'https',
      description: 'An ACME issuer whose `server` is not an https:// URL: the ACME directory must be served over HTTPS (RFC 8555 §6.1).',
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
