import type { GenerateFix, Rule } from '../types';
import { hostCoverage, referenceCoverage } from '../../workspace/coverage';
import { label, resolved, sans } from './helpers';
import { someOf } from '../../util/list';
import { looksSecret, quoteUser } from '../../util/redact';

export const rule: Rule = {
  meta: {
    id: 'xref/hostname-not-covered',
    appliesTo: 'any',
    severity: 'error',
    description: 'A hostname a configuration serves that the certificate it points at does not cover (Ingress tls hosts vs the Secret, '
      + 'nginx server_name vs ssl_certificate, Helm values hosts vs the Secret they name, Ingress hosts vs the cert-manager Certificate '
      + 'that will write the Secret).',
    citation: 'RFC 6125 §6.4 and RFC 9525 (SAN matching, CN ignored); OpsChain TLS guide, Hostname configuration: '
      + '"the certificates include a DNS subjectAlternativeName that matches the hostnames"',
    messages: {
      notCovered: "'{{host}}' is not covered by the certificate '{{cert}}' that {{via}} points at (its SANs: {{sans}}); "
        + 'clients will reject the handshake.',
      pending: "'{{host}}' is not among the dnsNames of the cert-manager Certificate that writes Secret '{{secret}}' ({{names}}): "
        + 'the issued certificate will not cover it.',
    },
  },
  check(ctx) {
    for (const { ref, res } of resolved(ctx)) {
      if (ref.role !== 'serve' || !ref.hosts?.length) continue;
      // The workspace's coverage, which the inventory and its CodeLens show too.
      const served = referenceCoverage(ref, res);
      if (served) {
        const { leaf } = served;
        const cert = label(leaf.cert);
        for (const { host: h, covered } of served.hosts) {
          if (covered) continue;
          const title = `Re-issue '${cert}' to cover ${quoteUser(h.value)}`;
          const reissue: GenerateFix = { action: 'reissue', title, path: leaf.path, offset: leaf.span.start, addNames: [h.value] };
          ctx.report({
            span: h.span,
            messageId: 'notCovered',
            data: { host: quoteUser(h.value), cert, via: ref.via, sans: sans(leaf.cert) },
            related: [{ path: leaf.path, span: leaf.span, message: `certificate '${cert}' (SANs: ${sans(leaf.cert)})` }],
            ...(ctx.workspace?.isDocument(leaf.path) && !looksSecret(h.value) ? { fix: { generate: reissue } } : {}),
          });
        }
        continue;
      }
      if (ref.kind !== 'secret' || !ctx.workspace) continue;
      for (const p of ctx.workspace.pendingFor(ref.target, ref.namespace)) {
        const fake = p.dnsNames.map((v) => ({ type: 'dns' as const, value: v }));
        for (const { host: h, covered } of hostCoverage(fake, ref.hosts)) {
          if (covered) continue;
          ctx.report({
            span: h.span,
            messageId: 'pending',
            data: { host: quoteUser(h.value), secret: quoteUser(ref.target), names: someOf(p.dnsNames.map((n) => quoteUser(n))) },
            related: [{ path: p.path, span: p.span, message: `cert-manager Certificate writing Secret '${quoteUser(ref.target)}'` }],
          });
        }
      }
    }
  },
};
