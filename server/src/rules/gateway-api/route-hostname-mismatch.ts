import type { Rule } from '../types';
import { refsOf } from '../../products/refs';
import { isFact } from '../../model/refs';
import { hostnamesIntersect, LISTENER, listenersOf, refusal, ROUTE, SPEC } from '../../products/gateway-api';
import { someOf } from '../../util/list';
import { quoteUser } from '../../util/redact';

export const rule: Rule = {
  meta: {
    id: 'gateway-api/route-hostname-mismatch',
    appliesTo: 'yaml',
    severity: 'warning',
    description: "A route hostname that meets none of the hostnames of the listeners it attaches to: that listener never sends it traffic for the name (and when no hostname meets, the route is not accepted).",
    citation: `${SPEC}, HTTPRoute spec.hostnames ("If both the Listener and HTTPRoute have specified hostnames, any HTTPRoute hostnames that do not match the Listener hostname MUST be ignored")`,
    messages: {
      ignored: "'{{host}}' meets no hostname of {{parent}} ({{served}}): the listener ignores it for this {{kind}}.",
      notAccepted: "'{{host}}' meets no hostname of {{parent}} ({{served}}), nor does any other hostname of this {{kind}}: the route is not accepted there.",
    },
  },
  check(ctx) {
    const ws = ctx.workspace;
    if (!ws) return;
    const listeners = ws.facts(LISTENER).map((l) => l.fact);
    for (const route of refsOf(ctx.model).facts) {
      if (!isFact(route, ROUTE) || route.hostnames.length === 0) continue;
      for (const parent of route.parentRefs) {
        const admitting = listenersOf(parent, listeners).filter((l) => !refusal(l, route));
        // A listener without hostname takes every route hostname; one not in the workspace is unknown.
        if (admitting.length === 0 || admitting.some((l) => !l.hostname)) continue;
        const served = admitting.map((l) => l.hostname!.value);
        const meets = (h: string) => served.some((s) => hostnamesIntersect(s, h));
        const accepted = route.hostnames.some((h) => meets(h.value));
        for (const h of route.hostnames) {
          if (meets(h.value)) continue;
          ctx.report({
            span: h.span,
            severity: accepted ? 'warning' : 'error',
            messageId: accepted ? 'ignored' : 'notAccepted',
            data: {
              host: quoteUser(h.value),
              parent: `${parent.kind} '${quoteUser(parent.name)}'${parent.sectionName ? ` listener '${quoteUser(parent.sectionName)}'` : ''}`,
              served: someOf([...new Set(served)].map((h) => `'${quoteUser(h)}'`), 4),
              kind: route.routeKind,
            },
          });
        }
      }
    }
  },
};
