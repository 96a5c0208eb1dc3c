import type { Rule } from '../types';
import { refsOf } from '../../products/refs';
import { isFact } from '../../model/refs';
import { hostnamesIntersect, LISTENER, listenersOf, refusal, ROUTE, servedName, SPEC } from '../../products/gateway-api';
import { coversHost } from '../../x509/hostname';
import { quoteUser } from '../../util/redact';
import { someOf } from '../../util/list';
import { sans } from '../xref/helpers';
import { servedBy } from '../xref/served';

export const rule: Rule = {
  meta: {
    id: 'gateway-api/passthrough-not-covered',
    appliesTo: 'yaml',
    severity: 'error',
    description: "A TLSRoute hostname on a TLS Passthrough listener that the certificate of its backend (the Secret the Service's pods mount, or the cert-manager Certificate that writes it) does not cover: the client gets the backend's certificate, and rejects it.",
    citation: `${SPEC}, Listener tls.mode Passthrough ("the TLS session is not terminated by the Gateway") and TLSRoute hostnames; RFC 6125 §6.4.3`,
    messages: {
      notCovered: "'{{host}}' passes through {{listener}} to {{via}}, whose certificate ({{sans}}) does not cover it: clients reject the handshake for this name.",
      notPending: "'{{host}}' passes through {{listener}} to {{via}}, which cert-manager will issue for {{names}} only: clients will reject the handshake for this name.",
    },
  },
  check(ctx) {
    const ws = ctx.workspace;
    if (!ws) return;
    const listeners = ws.facts(LISTENER).map((l) => l.fact);
    for (const route of refsOf(ctx.model).facts) {
      if (!isFact(route, ROUTE) || route.routeKind !== 'TLSRoute') continue;
      const passthrough = route.parentRefs
        .flatMap((p) => listenersOf(p, listeners))
        .filter((l) => l.protocol === 'TLS' && l.tlsMode === 'Passthrough' && !refusal(l, route));
      if (passthrough.length === 0) continue;
      const served = route.backendRefs.flatMap((b) => servedBy(ws, b, route.namespace, ctx.path));
      if (served.length === 0) continue;
      for (const h of route.hostnames) {
        const l = passthrough.find((x) => !x.hostname || hostnamesIntersect(x.hostname.value, h.value));
        if (!l) continue;
        const name = servedName(l.hostname?.value, h.value);
        const covers = served.some((s) => s.leaf
          ? coversHost(s.leaf.cert.ext.san, name)
          : coversHost(s.pending.flatMap((p) => p.dnsNames).map((value) => ({ type: 'dns' as const, value })), name));
        if (covers) continue;
        const s = served[0];
        const listener = `${l.owner.kind} '${quoteUser(l.owner.name)}' listener '${quoteUser(l.name)}'`;
        if (s.leaf) {
          ctx.report({
            span: h.span,
            messageId: 'notCovered',
            data: { host: quoteUser(name), listener, via: s.via, sans: sans(s.leaf.cert) },
            related: [{ path: s.leaf.path, span: s.leaf.span, message: `the certificate ${s.via} serves` }],
          });
        } else {
          ctx.report({
            span: h.span,
            messageId: 'notPending',
            data: { host: quoteUser(name), listener, via: s.via, names: someOf(s.pending.flatMap((p) => p.dnsNames).map((x) => quoteUser(x))) },
          });
        }
      }
    }
  },
};
