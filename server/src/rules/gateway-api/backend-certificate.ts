import type { Rule } from '../types';
import { refsOf } from '../../products/refs';
import { isFact } from '../../model/refs';
import { POLICY, SPEC } from '../../products/gateway-api';
import { buildChain } from '../../x509/chain';
import { coversHost } from '../../x509/hostname';
import { quoteUser } from '../../util/redact';
import { someOf } from '../../util/list';
import { sans } from '../xref/helpers';
import { servedBy, Served } from '../xref/served';

export const rule: Rule = {
  meta: {
    id: 'gateway-api/backend-certificate',
    appliesTo: 'yaml',
    severity: 'error',
    description: "A BackendTLSPolicy whose target Service serves (by the Secret its pods mount, or the cert-manager Certificate that writes it) a certificate that does not carry the policy's hostname or subjectAltNames, or does not chain to its caCertificateRefs: the Gateway cannot connect to the backend.",
    citation: `${SPEC}, BackendTLSPolicy validation ("Hostname MUST be used for authentication and MUST match the certificate served by the matching backend, unless SubjectAltNames is specified"; caCertificateRefs)`,
    messages: {
      notCovered: "{{what}} is not in the certificate {{via}} serves ({{sans}}): the Gateway rejects the backend's certificate.",
      notPending: "{{what}} is not among the dnsNames of the cert-manager Certificate that writes the Secret {{via}} serves ({{names}}): the Gateway will reject it.",
      noChain: "The certificate {{via}} serves ('{{cert}}') does not chain to this CA ({{ca}}): {{reason}}. The Gateway rejects the backend.",
    },
  },
  check(ctx) {
    const ws = ctx.workspace;
    if (!ws) return;
    for (const p of refsOf(ctx.model).facts) {
      if (!isFact(p, POLICY)) continue;
      const served: Served[] = p.targets.flatMap((t) => servedBy(ws, t, p.namespace, ctx.path));
      if (served.length === 0) continue;
      // What the certificate must carry: one of the subjectAltNames when given, else the hostname.
      const hostSans = p.subjectAltNames.filter((a) => a.type === 'Hostname');
      const uriSans = p.subjectAltNames.filter((a) => a.type === 'URI');
      const names = p.subjectAltNames.length ? p.subjectAltNames : p.hostname ? [p.hostname] : [];
      const carries = (s: Served) => {
        if (s.leaf) {
          const san = s.leaf.cert.ext.san ?? [];
          return hostSans.some((a) => coversHost(san, a.value)) || uriSans.some((a) => san.some((g) => g.type === 'uri' && g.value === a.value))
            || (!p.subjectAltNames.length && !!p.hostname && coversHost(san, p.hostname.value));
        }
        const dns = s.pending.flatMap((x) => x.dnsNames).map((value) => ({ type: 'dns' as const, value }));
        return names.some((n) => coversHost(dns, n.value));
      };
      if (names.length > 0 && !served.some(carries)) {
        const s = served[0];
        const what = names.length === 1 ? `'${quoteUser(names[0].value)}'` : `None of ${someOf(names.map((n) => `'${quoteUser(n.value)}'`))}`;
        const data = { what, via: s.via };
        if (s.leaf) {
          ctx.report({
            span: names[0].span,
            messageId: 'notCovered',
            data: { ...data, sans: sans(s.leaf.cert) },
            related: [{ path: s.leaf.path, span: s.leaf.span, message: `the certificate ${s.via} serves` }],
          });
        } else {
          ctx.report({
            span: names[0].span,
            messageId: 'notPending',
            data: { ...data, names: someOf(s.pending.flatMap((x) => x.dnsNames).map((h) => quoteUser(h))) },
          });
        }
      }
      // The CA bundle: what the served certificates must chain to.
      const cas = p.caRefs.flatMap((r) => (ws.resolve(r, ctx.path)?.certs ?? []).map((c) => ({ ref: r, c })));
      const leaves = served.filter((s) => s.leaf);
      if (cas.length === 0 || leaves.length === 0) continue;
      const results = leaves.map((s) => ({
        s,
        r: buildChain(s.leaf!.cert, s.chain.map((c) => c.cert), cas.map((x) => x.c.cert), { at: ctx.now, purpose: 'serverAuth' }),
      }));
      if (results.some((x) => x.r.ok)) continue;
      const { s, r } = results[0];
      ctx.report({
        span: cas[0].ref.span, messageId: 'noChain',
        data: {
          via: s.via,
          cert: quoteUser(s.leaf!.cert.subject.text),
          ca: someOf([...new Set(cas.map((x) => `'${quoteUser(x.c.cert.subject.text)}'`))]),
          reason: r.reason ?? 'no path',
        },
        related: [{ path: s.leaf!.path, span: s.leaf!.span, message: `the certificate ${s.via} serves` }],
      });
    }
  },
};
