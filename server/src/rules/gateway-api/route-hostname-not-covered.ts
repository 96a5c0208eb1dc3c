import type { Rule } from '../types';
import { refsOf } from '../../products/refs';
import { isFact } from '../../model/refs';
import { hostnamesIntersect, isSecretRef, LISTENER, listenerReference, listenersOf, refusal, ROUTE, servedName, SPEC } from '../../products/gateway-api';
import { coversHost } from '../../x509/hostname';
import { quoteUser } from '../../util/redact';
import { someOf } from '../../util/list';
import { sans } from '../xref/helpers';

export const rule: Rule = {
  meta: {
    id: 'gateway-api/route-hostname-not-covered',
    appliesTo: 'yaml',
    severity: 'error',
    description: "A route hostname served by an HTTPS or TLS-terminating listener without a hostname (or with a wildcard one) whose certificate does not cover it: clients reject the handshake for that name.",
    citation: `${SPEC}, Listener hostname ("When unspecified, all hostnames are matched") and HTTPRoute hostnames (wildcards are suffix matches); RFC 6125 §6.4.3 (a certificate wildcard covers one label)`,
    messages: {
      notCovered: "'{{host}}' is served by {{listener}}, whose certificate ({{sans}}) does not cover it: clients reject the handshake for this name.",
      notPending: "'{{host}}' is served by {{listener}}, whose Secret '{{secret}}' cert-manager will issue for {{names}} only: clients will reject the handshake for this name.",
    },
  },
  check(ctx) {
    const ws = ctx.workspace;
    if (!ws) return;
    const listeners = ws.facts(LISTENER);
    for (const route of refsOf(ctx.model).facts) {
      if (!isFact(route, ROUTE)) continue;
      for (const h of route.hostnames) {
        for (const parent of route.parentRefs) {
          for (const { fact: l, path } of listeners.filter((x) => listenersOf(parent, [x.fact]).length > 0)) {
            // An exact listener hostname is checked on the listener (xref/hostname-not-covered).
            if (l.tlsMode !== 'Terminate' || refusal(l, route) || (l.hostname && !l.hostname.value.startsWith('*.'))) continue;
            if (l.hostname && !hostnamesIntersect(l.hostname.value, h.value)) continue;
            const j = l.certificateRefs.findIndex(isSecretRef);
            if (j < 0) continue;
            const name = servedName(l.hostname?.value, h.value);
            const ref = listenerReference(l, j);
            const label = `${l.owner.kind} '${quoteUser(l.owner.name)}' listener '${quoteUser(l.name)}'`;
            const leaf = ws.resolve(ref, path)?.certs[0];
            if (leaf) {
              if (!coversHost(leaf.cert.ext.san, name)) {
                ctx.report({
                  span: h.span,
                  messageId: 'notCovered',
                  data: { host: quoteUser(name), listener: label, sans: sans(leaf.cert) },
                  related: [{ path: leaf.path, span: leaf.span, message: "the listener's certificate" }],
                });
              }
              continue;
            }
            const pending = ws.pendingFor(ref.target, ref.namespace);
            if (pending.length > 0 && !pending.some((p) => coversHost(p.dnsNames.map((value) => ({ type: 'dns' as const, value })), name))) {
              ctx.report({
                span: h.span,
                messageId: 'notPending',
                data: {
                  host: quoteUser(name),
                  listener: label,
                  secret: quoteUser(ref.target),
                  names: someOf(pending.flatMap((p) => p.dnsNames).map((h) => quoteUser(h)), 5, 'no names'),
                },
              });
            }
          }
        }
      }
    }
  },
};
