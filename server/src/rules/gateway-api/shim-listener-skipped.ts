import type { Rule } from '../types';
import { refsOf } from '../../products/refs';
import { isFact } from '../../model/refs';
import { isSecretRef, LISTENER, listenerReference, listenersOf, refusal, ROUTE } from '../../products/gateway-api';
import { insertValue, yamlScalar } from '../../model/yamlEdit';
import { isValidDnsName } from '../../core/names';
import { quoteUser } from '../../util/redact';

export const rule: Rule = {
  meta: {
    id: 'gateway-api/shim-listener-skipped',
    appliesTo: 'yaml',
    severity: 'warning',
    description: "A listener of a cert-manager-annotated Gateway or ListenerSet that gateway-shim skips (it has no hostname) while nothing else provides the Secret it serves: it gets no certificate.",
    citation: 'cert-manager documentation, "Annotated Gateway resource" ("Generate TLS certs for selected TLS blocks": the hostname must not be empty)',
    fixable: true,
    messages: {
      skipped: "cert-manager's gateway-shim skips listener '{{listener}}' (it has no hostname), and Secret '{{secret}}' is not in the workspace nor issued by a Certificate: nothing will issue its certificate.",
    },
  },
  check(ctx) {
    const ws = ctx.workspace;
    // The Secret may be in a file the index has not read yet: say nothing until it has read them all.
    if (!ws?.complete) return;
    for (const l of refsOf(ctx.model).facts) {
      if (!isFact(l, LISTENER) || !l.shimIssuer || l.hostname || l.tlsMode !== 'Terminate') continue;
      const j = l.certificateRefs.findIndex(isSecretRef);
      if (j < 0) continue;
      const ref = listenerReference(l, j);
      if (ws.resolve(ref, ctx.path) || ws.pendingFor(ref.target, ref.namespace).length > 0) continue;
      // The fix: give the listener a hostname its routes bring (then gateway-shim issues for it).
      const doc = ctx.model.yaml?.documents[l.at.document];
      const hosts = [...new Set(ws.facts(ROUTE).map((r) => r.fact).filter((r) => r.parentRefs.some((p) => listenersOf(p, [l]).length > 0) && !refusal(l, r))
        .flatMap((r) => r.hostnames.map((h) => h.value)).filter((h) => isValidDnsName(h)))].slice(0, 3);
      const fixes = doc ? hosts.flatMap((h) => {
        const edit = insertValue(ctx.model, doc, [...l.at.path, 'hostname'], yamlScalar(h));
        return edit ? [{ title: `Set the listener's hostname to '${h}' (gateway-shim then issues its certificate)`, edits: [edit] }] : [];
      }) : [];
      ctx.report({
        span: l.nameSpan,
        messageId: 'skipped',
        data: { listener: quoteUser(l.name), secret: quoteUser(ref.target) },
        ...(fixes.length ? { fix: { fixes } } : {}),
      });
    }
  },
};
