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
      const r = buildChain(leaf.cert, [], cas.map((c) => c.cert), { at: ctx.now, purpose });
      if (r.ok) return;
      ctx.report({ span: caRef.span, messageId: 'noChain', data: { cert: label(leaf.cert), certVia: via, ca: someOf(cas.map((c) => label(c.cert))), reason: r.reason ?? 'no path' }, related: [{ path: leaf.path, span: leaf.span, message: `certificate '${label(leaf.cert)}'` }] });
    };
    for (const { ref, res } of all) {
      if (ref.role !== 'ca' || !res?.certs.length) continue;
      // Same group: a Go server's cacertFile verifies its peers, issued by the same CA as its certFile.
      const partner = all.find((x) => x.ref.group === ref.group && (x.ref.role === 'serve' || x.ref.role === 'client') && x.res?.certs.length);
      if (partner?.res && ref.via.includes('cacertFile')) check(ref, res.certs, partner.res.certs[0], partner.ref.via, partner.ref.role === 'serve' ? 'serverAuth' : 'clientAuth');
      // The CA agents trust for the gateway (serverCAConfigMap) must have issued the gateway's certificate.
      if (ref.via === 'clusterAgent.tls.serverCAConfigMap' && ctx.workspace) {
        // The gateways of the workspace (control plane values), by their Secret; the guide's name when none says.
        const names = new Set(ctx.workspace.facts('openchoreo-gateway').map((g) => g.fact.secretName));
        if (names.size === 0) names.add('cluster-gateway-tls');
        for (const name of names) {
          const gw = ctx.workspace.resolve({ kind: 'secret', span: ref.span, target: name, key: 'tls.crt', role: 'serve', group: '', via: `Secret ${name}`, namespaces: ['openchoreo-control-plane'] }, ctx.path);
          if (gw?.certs[0]) check(ref, res.certs, gw.certs[0], `Secret ${name}`, 'serverAuth');
        }
      }
    }
  },
};
