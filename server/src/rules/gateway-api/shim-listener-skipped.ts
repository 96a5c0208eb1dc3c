import type { Rule } from '../types';
import { refsOf } from '../../products/refs';
import { isFact } from '../../model/refs';
import { isSecretRef, LISTENER, listenerReference } from '../../products/gateway-api';
import { quoteUser } from '../../util/redact';

export const rule: Rule = {
  meta: {
    id: 'gateway-api/shim-listener-skipped',
    appliesTo: 'yaml',
    severity: 'warning',
    description: "A listener of a cert-manager-annotated Gateway or ListenerSet that gateway-shim skips (it has no hostname) while nothing else provides the Secret it serves: it gets no certificate.",
    citation: 'cert-manager documentation, "Annotated Gateway resource" ("Generate TLS certs for selected TLS blocks": the hostname must not be empty)',
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
      ctx.report({ span: l.nameSpan, messageId: 'skipped', data: { listener: quoteUser(l.name), secret: quoteUser(ref.target) } });
    }
  },
};
