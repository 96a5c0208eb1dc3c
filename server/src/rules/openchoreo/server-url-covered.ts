import type { Rule } from '../types';
import { refsOf } from '../../products/refs';
import { coversHost } from '../../x509/hostname';
import { someOf } from '../../util/list';
import { quoteUser } from '../../util/redact';
import { sans } from '../xref/helpers';
import { AGENT, GATEWAY } from '../../products/openchoreo';
import { isFact } from '../../model/refs';

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '') || undefined;
  } catch {
    return undefined;
  }
}

export const rule: Rule = {
  meta: {
    id: 'openchoreo/server-url-covered',
    appliesTo: 'yaml',
    severity: 'warning',
    description: "An agent's `clusterAgent.serverUrl` host that the cluster gateway does not serve: not in the control plane's `clusterGateway.tls.dnsNames`, nor in the SANs of the certificate of the gateway's Secret. The agent's TLS handshake fails.",
    citation: 'OpenChoreo external-CA guide, Step 2 ("The DNS SANs must match the gateway\'s Kubernetes Service name … configured in clusterGateway.tls.dnsNames")',
    messages: { notServed: "The agent connects to '{{host}}', but the cluster gateway serves {{served}}: the agent will reject the gateway's certificate." },
  },
  check(ctx) {
    const ws = ctx.workspace;
    if (!ws) return;
    const gateways = ws.facts(GATEWAY);
    for (const f of refsOf(ctx.model).facts) {
      if (!isFact(f, AGENT) || !f.serverUrl) continue;
      const host = hostOf(f.serverUrl.value);
      if (!host) continue;
      const served: string[] = [];
      const related: { path: string; span: { start: number; end: number }; message: string }[] = [];
      let covered = false;
      for (const g of gateways) {
        if (coversHost(g.fact.dnsNames.map((value) => ({ type: 'dns' as const, value })), host)) { covered = true; break; }
        served.push(`dnsNames ${someOf(g.fact.dnsNames)}`);
        related.push({ path: g.path, span: g.fact.span, message: 'the cluster gateway (control plane values)' });
        const res = ws.resolve({ kind: 'secret', span: g.fact.span, ...g.fact.secret, role: 'serve', group: '', via: 'clusterGateway.tls.secretName' }, g.path);
        const leaf = res?.certs[0];
        if (leaf && coversHost(leaf.cert.ext.san, host)) { covered = true; break; }
        if (leaf) {
          served.push(`a certificate for ${sans(leaf.cert)}`);
          related.push({ path: leaf.path, span: leaf.span, message: "the gateway's certificate" });
        }
      }
      if (covered || served.length === 0) continue;
      ctx.report({ span: f.serverUrl.span, messageId: 'notServed', data: { host: quoteUser(host), served: someOf(served, 3) }, related });
    }
  },
};
