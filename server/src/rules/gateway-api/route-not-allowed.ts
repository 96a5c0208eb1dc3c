import type { Rule } from '../types';
import { refsOf } from '../../products/refs';
import { isFact } from '../../model/refs';
import { GROUP, LISTENER, listenersOf, refusal, ROUTE, SPEC } from '../../products/gateway-api';
import { someOf } from '../../util/list';
import { quoteUser } from '../../util/redact';

export const rule: Rule = {
  meta: {
    id: 'gateway-api/route-not-allowed',
    appliesTo: 'yaml',
    severity: 'error',
    description: "A route's parentRef that names a listener the Gateway does not have (sectionName, port), or listeners whose allowedRoutes refuse the route's kind or namespace: the route does not attach.",
    citation: `${SPEC}, ParentReference (sectionName, port) and Listener allowedRoutes (namespaces.from, kinds; NotAllowedByListeners, NoMatchingParent)`,
    messages: {
      noListener: "{{parent}} has no listener {{what}} (its listeners: {{names}}): the {{kind}} does not attach (NoMatchingParent).",
      refused: "{{parent}} does not take this {{kind}}: {{why}} (NotAllowedByListeners).",
    },
  },
  check(ctx) {
    const ws = ctx.workspace;
    if (!ws) return;
    const listeners = ws.facts(LISTENER).map((l) => l.fact);
    for (const route of refsOf(ctx.model).facts) {
      if (!isFact(route, ROUTE)) continue;
      for (const parent of route.parentRefs) {
        if (parent.group !== GROUP) continue;
        const all = listenersOf({ ...parent, sectionName: undefined, port: undefined }, listeners);
        // The parent is not in the workspace: nothing to say about its listeners.
        if (all.length === 0) continue;
        const named = listenersOf(parent, listeners);
        const label = `${parent.kind} '${quoteUser(parent.name)}'`;
        if (named.length === 0) {
          const what = [parent.sectionName && `named '${quoteUser(parent.sectionName)}'`, parent.port !== undefined && `on port ${parent.port}`]
            .filter(Boolean)
            .join(' ');
          ctx.report({
            span: parent.span,
            messageId: 'noListener',
            data: {
              parent: label,
              what,
              names: someOf(all.map((l) => `${quoteUser(l.name)}${l.port !== undefined ? `:${l.port}` : ''}`), 6),
              kind: route.routeKind,
            },
          });
          continue;
        }
        const why = named.map((l) => refusal(l, route));
        if (why.every((w) => w !== undefined)) {
          const reasons = named.map((l, i) => `listener '${quoteUser(l.name)}' ${why[i]}`);
          ctx.report({ span: parent.span, messageId: 'refused', data: { parent: label, kind: route.routeKind, why: someOf(reasons, 3) } });
        }
      }
    }
  },
};
