import * as path from 'node:path';
import type { Rule, RuleContext } from '../types';
import type { PemModel } from '../../model/pem';
import { wholeSpan } from '../../model/spans';
import type { Span } from '../../core/types';
import type { CertificateFacts } from '../../x509/certificate';
import { isoDate, relativeTime } from '../../util/time';
import { certificatesToCheck, checkedLabel, certLabel, CheckedCertificate, renewal } from './helpers';

/** A trust store's shape: two or more certificates, every one a self-issued CA (independent roots). */
function isTrustBundle(bundle: PemModel | undefined): boolean {
  if (!bundle) return false;
  const certs = bundle.items.filter((i) => i.kind === 'certificate');
  return certs.length >= 2 && certs.every((i) => i.kind === 'certificate' && i.cert.isCA && i.cert.selfIssued);
}

type Related = { path: string; span: Span; message: string };

/**
 * What in the workspace still relies on an expired root of a trust bundle: certificates it issued
 * that no valid certificate of the workspace also issues (a renewed or cross-signed root), or a
 * configuration that names the bundle as its CA.
 */
function reliance(ctx: RuleContext, entry: CheckedCertificate): { messageId: string; data: Record<string, string>; related: Related[] } | undefined {
  const ws = ctx.workspace;
  if (!ws) return undefined;
  const root = entry.item.cert;
  const now = ctx.now.getTime();
  const valid = (c: CertificateFacts) => c.notBefore.getTime() <= now && now <= c.notAfter.getTime();
  const where = (p: string, offset: number) => `${path.basename(p)} line ${(ws.position(p, offset)?.line ?? 0) + 1}`;
  const orphans = ws.issuedBy(root).filter((child) => !ws.issuersOf(child.cert).some((i) => i.cert !== root && valid(i.cert)));
  if (orphans.length > 0) {
    const first = orphans[0];
    return {
      messageId: 'anchorChained',
      data: { child: certLabel(first.cert), where: where(first.path, first.span.start), more: orphans.length > 1 ? ` (and ${orphans.length - 1} more)` : '' },
      related: orphans.map((o) => ({ path: o.path, span: o.span, message: `'${certLabel(o.cert)}' chains only to the expired root '${certLabel(root)}'` })),
    };
  }
  // A configuration's CA: a reference that resolves to this bundle (the file, or the Secret or ConfigMap key).
  const span = entry.secret || ctx.model.yaml ? entry.span : wholeSpan(ctx.model);
  const users = ws.referencesTo(ctx.path, span).filter((u) => u.ref.role === 'ca');
  if (users.length > 0) {
    const u = users[0];
    return {
      messageId: 'anchorNamed',
      data: { via: u.ref.via, where: where(u.from, u.ref.span.start) },
      related: users.map((x) => ({ path: x.from, span: x.ref.span, message: `${x.ref.via} names this bundle as its CA` })),
    };
  }
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'pem/cert-expired',
    appliesTo: 'any',
    severity: 'error',
    description: 'A certificate whose notAfter has passed: every TLS client rejects it. In a trust bundle of independent roots (such as Debian\'s ca-certificates.crt) an expired root is a dead trust anchor: a warning, remove it; an error again when a certificate of the workspace chains only to it, or a configuration names the bundle as its CA.',
    citation: 'RFC 5280 §4.1.2.5 (validity); RFC 5280 §6.1 (trust anchors); SSL Labs grading: expired caps at T',
    messages: {
      expired: "Certificate '{{name}}' expired {{ago}} (notAfter {{notAfter}}).",
      deadAnchor: "Root '{{name}}' in this trust bundle expired {{ago}} (notAfter {{notAfter}}): a dead trust anchor that verifies nothing; remove it.",
      anchorChained: "Root '{{name}}' in this trust bundle expired {{ago}} (notAfter {{notAfter}}), and '{{child}}' ({{where}}){{more}} chains only to it: clients that verify against this bundle reject it. Reissue it under a valid CA, or renew the root with its own key.",
      anchorNamed: "Root '{{name}}' in this CA bundle expired {{ago}} (notAfter {{notAfter}}), and {{via}} ({{where}}) names the bundle as its CA: certificates issued by that root no longer verify. Reissue them under a valid CA, or renew the root with its own key.",
    },
    fixable: true,
  },
  check(ctx) {
    for (const entry of certificatesToCheck(ctx)) {
      const { item, span, bundle, secret } = entry;
      const c = item.cert;
      if (c.notAfter.getTime() >= ctx.now.getTime()) continue;
      const data = { name: checkedLabel(entry), ago: relativeTime(c.notAfter, ctx.now), notAfter: isoDate(c.notAfter) };
      if (isTrustBundle(bundle)) {
        const relied = reliance(ctx, entry);
        if (relied) {
          // No fix offered: removing the root changes nothing for what relies on it, and renewing
          // a root needs its private key, which a trust bundle does not hold.
          ctx.report({ span, messageId: relied.messageId, data: { ...data, ...relied.data }, related: relied.related });
          continue;
        }
        const remove = secret || !item.block ? {} : {
          fix: { fixes: [{ title: `Remove '${certLabel(c)}' from the bundle`, edits: [{ span: item.block.span, newText: '' }] }] },
        };
        ctx.report({ span, messageId: 'deadAnchor', data, severity: 'warning', ...remove });
        continue;
      }
      ctx.report({ span, messageId: 'expired', data, fix: { generate: renewal(ctx, entry) } });
    }
  },
};
