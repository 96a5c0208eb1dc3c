import type { Rule } from '../types';
import { refsOf } from '../../products/refs';
import { isFact } from '../../model/refs';
import { CROSS_REF, GRANT, GROUP, referenceGrantYaml, SPEC } from '../../products/gateway-api';
import { wholeSpan } from '../../model/spans';
import { quoteUser } from '../../util/redact';

export const rule: Rule = {
  meta: {
    id: 'gateway-api/ref-not-permitted',
    appliesTo: 'yaml',
    severity: 'error',
    description: "A Gateway's certificate or client-CA reference into another namespace that no ReferenceGrant there permits: the listener is not programmed (RefNotPermitted).",
    citation: `${SPEC}, ReferenceGrant ("a reference to another namespace is permitted only when a ReferenceGrant in that namespace allows it"); GatewayTLSConfig certificateRefs`,
    fixable: true,
    messages: {
      notPermitted: "{{from}} reads {{kind}} '{{name}}' in namespace '{{namespace}}', but no ReferenceGrant in '{{namespace}}' lets {{fromKind}}s{{fromNs}} read it: the controller refuses it (RefNotPermitted).",
    },
  },
  check(ctx) {
    const ws = ctx.workspace;
    // A grant may be in a file the index has not read yet: say nothing until it has read them all.
    if (!ws?.complete) return;
    const grants = ws.facts(GRANT);
    for (const f of refsOf(ctx.model).facts) {
      if (!isFact(f, CROSS_REF)) continue;
      const { from, ref } = f;
      const refGroup = ref.group === 'core' ? '' : ref.group;
      const permitted = grants.some(({ fact: g }) => g.namespace === ref.namespace
        && g.from.some((x) => x.group === GROUP && x.kind === from.kind && (from.namespace === undefined || x.namespace === from.namespace))
        && g.to.some((t) => (t.group === 'core' ? '' : t.group) === refGroup && t.kind === ref.kind && (t.name === undefined || t.name === ref.name)));
      if (permitted) continue;
      // The quick fix adds the grant as a document at the end of this file (it names its namespace).
      const grant = referenceGrantYaml(f);
      const end = wholeSpan(ctx.model).end;
      ctx.report({
        span: f.span,
        ...(grant
          ? {
            fix: {
              fixes: [{
                title: `Add ReferenceGrant '${grant.name}' in namespace '${ref.namespace}'`,
                edits: [{ span: { start: end, end }, newText: `\n${grant.text}` }],
              }],
            },
          }
          : {}),
        messageId: 'notPermitted',
        data: {
          from: `${from.kind} '${quoteUser(from.name)}' (${f.via})`, kind: ref.kind, name: quoteUser(ref.name), namespace: quoteUser(ref.namespace),
          fromKind: from.kind, fromNs: from.namespace ? ` of '${quoteUser(from.namespace)}'` : '',
        },
      });
    }
  },
};
