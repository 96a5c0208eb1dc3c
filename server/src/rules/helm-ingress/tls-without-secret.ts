import type { Rule } from '../types';
import { clipToLine } from '../../model/spans';
import { valueSpanOf } from '../../model/yamlPaths';
import { arr, get, obj } from '../../products/json';
import { refsOf } from '../../products/refs';
import { ISSUER_ANNOTATIONS } from '../../products/kubernetes';

export const rule: Rule = {
  meta: {
    id: 'helm-ingress/tls-without-secret',
    appliesTo: 'yaml',
    severity: 'warning',
    description: 'A Helm values `ingress.tls` entry with no `secretName` and no cert-manager issuer annotation on the ingress: nothing will serve a certificate for its hosts.',
    citation: 'Helm chart ingress convention (helm create); certctl Helm chart guide, "Ingress Configuration" (tls[].secretName with the cert-manager.io/cluster-issuer annotation)',
    messages: { noSecret: 'This ingress tls entry has no secretName and the ingress no cert-manager issuer annotation: no certificate will be served for its hosts (the controller falls back to its default certificate).' },
  },
  check(ctx) {
    const documents = ctx.model.yaml?.documents ?? [];
    // The ingress blocks of values files, wherever a chart keeps one (`ingress`, a product's own).
    for (const ingress of refsOf(ctx.model).ingresses) {
      const d = ingress.values && documents[ingress.values.document];
      if (!d || !ingress.values) continue;
      const path = ingress.values.path;
      const ing = obj(get(d.json, path));
      if (!ing) continue;
      const annotations = obj(ing.annotations) ?? {};
      if (Object.keys(ISSUER_ANNOTATIONS).some((a) => annotations[a] !== undefined)) continue;
      arr(ing.tls).forEach((t, i) => {
        const entry = obj(t);
        if (!entry || entry.secretName !== undefined) return;
        // On the entry's first line, not the whole entry.
        const span = valueSpanOf(d, [...path, 'tls', i]);
        if (span) ctx.report({ span: clipToLine(ctx.model, span), messageId: 'noSecret' });
      });
    }
  },
};
