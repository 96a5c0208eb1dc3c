import type { Rule } from '../types';
import { buildChain } from '../../x509/chain';
import { label } from '../xref/helpers';
import { agentsHere, planesOf } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'openchoreo/agent-client-ca',
    appliesTo: 'any',
    severity: 'error',
    description: "An agent's client certificate that no `clientCA` of the plane CRs with its plane type and planeID verifies: the gateway rejects the agent (\"certificate not valid for any CR\"). Reported on the certificate, with the CRs.",
    citation: 'OpenChoreo external-CA guide, Step 6 ("Configure the Plane CRs") and Troubleshooting ("certificate not valid for any CR")',
    messages: { notValid: "The agent certificate '{{cert}}' (planeID {{planeID}}, {{planeType}}) is not verified by the clientCA of any of its {{count}} plane CR(s): the gateway rejects it (\"certificate not valid for any CR\"). {{reason}}" },
  },
  check(ctx) {
    const ws = ctx.workspace;
    if (!ws) return;
    for (const a of agentsHere(ctx)) {
      const planes = planesOf(ctx, a.agent);
      // A CR whose agent is in the workspace is checked from the agent; without CRs, nothing to check.
      const cas = planes.map((p) => ({
        plane: p,
        refs: ws.referencesIn(p.path).filter((r) => r.group === p.fact.group),
      })).filter((x) => x.refs.length > 0);
      if (cas.length === 0) continue;
      let reason = '';
      const accepted = cas.some((x) => x.refs.some((r) => {
        const res = ws.resolve(r, x.plane.path);
        if (!res?.certs.length) return true; // a CA TLS Lens cannot see may well verify it
        const chain = buildChain(a.leaf.cert, [], res.certs.map((c) => c.cert), { at: ctx.now, purpose: 'clientAuth' });
        if (!chain.ok) reason ||= `${label(res.certs[0].cert)}: ${chain.reason ?? 'no path'}.`;
        return chain.ok;
      }));
      if (accepted) continue;
      ctx.report({
        span: a.span,
        messageId: 'notValid',
        data: { cert: label(a.leaf.cert), planeID: a.agent.planeID?.value ?? '', planeType: a.agent.planeType, count: cas.length, reason },
        related: [
          { path: a.from, span: a.ref.span, message: `the agent (${a.agent.planeType}, planeID ${a.agent.planeID?.value}) uses this certificate` },
          ...cas.flatMap((x) => x.refs.map((r) => ({ path: x.plane.path, span: r.span, message: `${x.plane.fact.crKind} clientCA` }))),
        ],
      });
    }
  },
};
