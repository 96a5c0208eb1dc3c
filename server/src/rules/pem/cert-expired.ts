import type { Rule } from '../types';
import type { PemModel } from '../../model/pem';
import { isoDate, relativeTime } from '../../util/time';
import { certificatesToCheck, checkedLabel, certLabel } from './helpers';

/** A trust store's shape: two or more certificates, every one a self-issued CA (independent roots). */
function isTrustBundle(bundle: PemModel | undefined): boolean {
  if (!bundle) return false;
  const certs = bundle.items.filter((i) => i.kind === 'certificate');
  return certs.length >= 2 && certs.every((i) => i.kind === 'certificate' && i.cert.isCA && i.cert.selfIssued);
}

export const rule: Rule = {
  meta: {
    id: 'pem/cert-expired',
    appliesTo: 'any',
    severity: 'error',
    description: 'A certificate whose notAfter has passed: every TLS client rejects it. In a trust bundle of independent roots (such as Debian\'s ca-certificates.crt) an expired root is a dead trust anchor: a warning, remove it.',
    citation: 'RFC 5280 §4.1.2.5 (validity); RFC 5280 §6.1 (trust anchors); SSL Labs grading: expired caps at T',
    messages: {
      expired: "Certificate '{{name}}' expired {{ago}} (notAfter {{notAfter}}).",
      deadAnchor: "Root '{{name}}' in this trust bundle expired {{ago}} (notAfter {{notAfter}}): a dead trust anchor that verifies nothing; remove it.",
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
        const remove = secret || !item.block ? {} : { fix: { fixes: [{ title: `Remove '${certLabel(c)}' from the bundle`, edits: [{ span: item.block.span, newText: '' }] }] } };
        ctx.report({ span, messageId: 'deadAnchor', data, severity: 'warning', ...remove });
        continue;
      }
      ctx.report({ span, messageId: 'expired', data, ...(entry.keystore ? {} : { fix: { generate: { action: 'renew', title: `Renew '${certLabel(c)}' (new key, same names and usages)`, path: ctx.path, offset: span.start } } }) });
    }
  },
};
