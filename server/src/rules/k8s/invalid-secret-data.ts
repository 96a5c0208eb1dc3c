import type { Rule } from '../types';
import { refsOf } from '../../products/refs';

/** Keys whose content every consumer reads as PEM: a certificate (chain), a CA bundle, a key. */
const PEM_KEYS: Readonly<Record<string, 'certificate' | 'privateKey'>> = { 'tls.crt': 'certificate', 'ca.crt': 'certificate', 'tls.key': 'privateKey' };

export const rule: Rule = {
  meta: {
    id: 'k8s/invalid-secret-data',
    appliesTo: 'yaml',
    severity: 'error',
    description: "A Secret `data` value that is not base64 (the API server rejects the Secret), or a `tls.crt`, `ca.crt` or `tls.key` that holds no PEM certificate or key (nothing can load it). The value is never quoted.",
    citation: 'Kubernetes API, Secret: `data` values are base64 (RFC 4648 §4), `stringData` is plain text; Secret type kubernetes.io/tls (tls.crt, tls.key in PEM)',
    messages: {
      notBase64: "{{kind}} {{name}}: data.{{key}} is not base64, so the API server rejects the {{kind}}: base64-encode the value, or put the text under stringData.",
      noPem: "{{kind}} {{name}}: {{key}} holds no PEM {{what}}{{decoded}}: {{consumer}} cannot load it.",
      malformed: '{{kind}} {{name}}: {{key}} holds a malformed PEM block ({{error}}): {{consumer}} cannot load it.',
    },
  },
  check(ctx) {
    // A Helm template's values are filled at install time (placeholders, `{{ }}`): not checked.
    if (ctx.model.yaml?.template) return;
    for (const o of refsOf(ctx.model).objects) {
      for (const [key, e] of o.entries) {
        const data = { kind: o.kind, name: o.name, key };
        if (e.notBase64) {
          ctx.report({ span: e.span, messageId: 'notBase64', data });
          continue;
        }
        const want = PEM_KEYS[key];
        if (!want) continue;
        const consumer = o.type === 'kubernetes.io/tls' ? 'an Ingress controller or a pod' : 'whatever mounts it';
        const bad = e.pem.items.find((i) => i.kind === 'malformed');
        if (bad && bad.kind === 'malformed') {
          ctx.report({ span: e.span, messageId: 'malformed', data: { ...data, error: bad.error, consumer } });
          continue;
        }
        if (e.pem.items.some((i) => i.kind === want)) continue;
        // Empty values, and values of comments only, are placeholders to fill (schema/placeholder-value
        // speaks of those): OpenChoreo's cluster-gateway CA ConfigMap is filled by a hook job.
        if (e.size === 0 || e.placeholder) continue;
        const decoded = e.bytes ? ' (its base64 decodes to something else)' : '';
        ctx.report({ span: e.span, messageId: 'noPem', data: { ...data, what: want === 'certificate' ? 'certificate' : 'private key', decoded, consumer } });
      }
    }
  },
};
