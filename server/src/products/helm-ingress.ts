/**
 * The Helm chart convention for ingress (`ingress.hosts[].host`, `ingress.tls[].hosts`,
 * `ingress.tls[].secretName`), as `helm create` writes it and most charts keep it.
 */
import type { PathSegment } from '../parse/yaml';
import { arr, get, has, located, obj } from './json';
import type { Located } from '../core/types';
import type { Product, ProductDocument, RefSink } from './types';
import { ISSUER_ANNOTATIONS, tlsHostsUnknown } from './kubernetes';
import { GUIDES } from './guides';

/** The references and hosts of one ingress block of a values file (`ingress`, `trow.ingress`, …). */
export function ingressBlockRefs(d: ProductDocument, path: readonly PathSegment[], out: RefSink): void {
  const { doc } = d;
  const ing = obj(get(d.json, path));
  if (!ing) return;
  const where = path.join('.');
  const tls = ing.tls;
  arr(tls).forEach((t, i) => {
    const entry = obj(t) ?? {};
    const hosts = arr(entry.hosts).map((h, j) => located(doc, [...path, 'tls', i, 'hosts', j], h)).filter((x): x is Located => !!x);
    const secret = located(doc, [...path, 'tls', i, 'secretName'], entry.secretName);
    if (secret) {
      out.references.push({
        kind: 'secret', span: secret.span, target: secret.value, key: 'tls.crt', role: 'serve', group: `d${d.index}:${where}.tls${i}`,
        hosts, via: `${where}.tls[${i}].secretName`,
      });
    }
  });
  const ruleHosts = arr(ing.hosts).map((h, i) => located(doc, [...path, 'hosts', i, 'host'], obj(h)?.host)).filter((x): x is Located => !!x);
  if (Array.isArray(tls)) {
    out.ingresses.push({
      tlsHosts: arr(tls).flatMap((t) => arr(obj(t)?.hosts).filter((x): x is string => typeof x === 'string')), ruleHosts,
      hasTls: arr(tls).length > 0, ...(tlsHostsUnknown(tls) ? { tlsHostsUnknown: true } : {}), values: { document: d.index, path },
    });
  }
  const annotations = obj(ing.annotations) ?? {};
  for (const [annotation, kind] of Object.entries(ISSUER_ANNOTATIONS)) {
    const issuer = located(doc, [...path, 'annotations', annotation], annotations[annotation]);
    if (issuer) {
      out.issuerRefs.push({
        name: issuer.value, kind, span: issuer.span, via: `${where}.annotations ${annotation}`,
        secretNames: arr(tls).map((t) => obj(t)?.secretName).filter((x): x is string => typeof x === 'string'),
        dnsNames: arr(tls).flatMap(
          (t, i) => arr(obj(t)?.hosts).map((h, j) => located(doc, [...path, 'tls', i, 'hosts', j], h)).filter((x): x is Located => !!x),
        ),
      });
    }
  }
}

/** A values file's ingress block in the Helm convention: hosts with a `host`, or tls entries. */
export function isHelmIngress(json: unknown, path = 'ingress'): boolean {
  const ing = obj(get(json, path.split('.')));
  if (!ing) return false;
  const hosts = arr(ing.hosts);
  const tls = arr(ing.tls);
  return (hosts.length > 0 && hosts.every((h) => obj(h)?.host !== undefined || typeof h === 'string'))
    || (tls.length > 0 && tls.every((t) => obj(t) && (has(t, 'hosts') || has(t, 'secretName'))));
}

export const helmIngress: Product = {
  id: 'helm-ingress',
  title: 'Helm ingress values',
  guide: `${GUIDES.certctl} ("Ingress Configuration"); Helm \`helm create\` convention`,
  summary: 'The `ingress` block most charts share: `hosts[].host` routed by the ingress, `tls[].hosts` served with the certificate of `tls[].secretName` (or one cert-manager issues from an annotation).',
  schemas: { 'helm-ingress': 'helm-ingress.schema.json' },
  values: {
    schema: 'helm-ingress',
    recognise: (json) => (isHelmIngress(json) ? ['ingress.hosts', 'ingress.tls'].filter((k) => has(json, k)) : undefined),
  },
  refs(d, out) {
    ingressBlockRefs(d, ['ingress'], out);
  },
  constraints: [],
  knows: [
    'Every `ingress.hosts[].host` must be listed in a `tls[].hosts` entry, or the controller serves it with its default certificate (certctl Helm chart guide, "Ingress Configuration").',
    'A `tls` entry needs a `secretName`, or a cert-manager issuer annotation that will create it (Aragora TLS guide, "Deploy with TLS").',
  ],
};
