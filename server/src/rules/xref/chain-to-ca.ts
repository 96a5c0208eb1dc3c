import type { Rule } from '../types';
import { buildChain } from '../../x509/chain';
import { label, resolved } from './helpers';
import { someOf } from '../../util/list';
import type { CertLoc } from '../../workspace/view';
import type { Reference } from '../../model/refs';

export const rule: Rule = {
  meta: {
    id: 'xref/chain-to-ca',
    appliesTo: 'any',
    severity: 'error',
    description: 'A certificate that does not chain to the CA configured to verify it: a Go service\'s certFile vs its cacertFile; the OpenChoreo gateway\'s server certificate vs the CA ConfigMap agents trust (agents vs plane CRs: openchoreo/agent-client-ca).',
    citation: 'RFC 5280 §6 (path validation); OpenChoreo external-CA guide, Troubleshooting ("x509: certificate signed by unknown authority", "certificate not valid for any CR"); Spinnaker mTLS guide',
    messages: {
      noChain: "The certificate '{{cert}}' ({{certVia}}) does not chain to this CA ({{ca}}): {{reason}}.",
    },
  },
  check(ctx) {
    const all = resolved(ctx);
    const check = (caRef: Reference, cas: readonly CertLoc[], leaf: CertLoc, via: string, purpose: 'serverAuth' | 'clientAuth') => {
      const anchors = cas.map((c) => c.cert);
      const r = buildChain(leaf.cert, [], anchors, { at: ctx.now, purpose });
      if (r.ok) return;
      // A leaf without the EKU of its role is xref/wrong-role's finding, on the certificate: when it
      // chains to this CA otherwise, saying it does not would be a second, untrue finding.
      const eku = leaf.cert.ext.extKeyUsage;
      if (eku && !eku.includes(purpose) && buildChain(leaf.cert, [], anchors, { at: ctx.now, purpose: 'any' }).ok) return;
      ctx.report({
        span: caRef.span, messageId: 'noChain',
        data: { cert: label(leaf.cert), certVia: via, ca: someOf(cas.map((c) => label(c.cert))), reason: r.reason ?? 'no path' },
        related: [{ path: leaf.path, span: leaf.span, message: `certificate '${label(leaf.cert)}'` }],
      });
    };
    for (const { ref, res } of all) {
      if (ref.role !== 'ca' || !res?.certs.length || !ref.issues) continue;
      // Same group: a Go server's cacertFile verifies its peers, issued by the same CA as its certFile.
      const partner = all.find((x) => x.ref.group === ref.group && (x.ref.role === 'serve' || x.ref.role === 'client') && x.res?.certs.length);
      if (partner?.res && ref.issues.group) {
        check(ref, res.certs, partner.res.certs[0], partner.ref.via, partner.ref.role === 'serve' ? 'serverAuth' : 'clientAuth');
      }
      // The servers a product states (the gateway agents verify with this CA), by their Secret; the product's default when none says.
      const servers = ref.issues.servers;
      if (servers && ctx.workspace) {
        const secrets = new Map(ctx.workspace.facts(servers.fact).map((g) => [g.fact.secret.target, g.fact.secret]));
        if (secrets.size === 0) secrets.set(servers.otherwise.target, servers.otherwise);
        for (const [name, secret] of secrets) {
          const server = ctx.workspace.resolve({ kind: 'secret', span: ref.span, ...secret, role: 'serve', group: '', via: `Secret ${name}` }, ctx.path);
          if (server?.certs[0]) check(ref, res.certs, server.certs[0], `Secret ${name}`, 'serverAuth');
        }
      }
    }
  },
};
