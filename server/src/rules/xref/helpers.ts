import type { Reference } from '../../model/refs';
import { refsOf } from '../../products/refs';
import type { RuleContext } from '../types';
import type { Resolution } from '../../workspace/view';
import type { Span } from '../../core/types';
import type { CertificateFacts } from '../../x509/certificate';
import { someOf } from '../../util/list';

/** Each reference of the document with what it resolves to (undefined: nowhere). */
export function resolved(ctx: RuleContext): { ref: Reference; res?: Resolution }[] {
  const ws = ctx.workspace;
  if (!ws) return [];
  return refsOf(ctx.model).references.map((ref) => ({ ref, res: ws.resolve(ref, ctx.path) }));
}

export function sans(c: CertificateFacts): string {
  const list = (c.ext.san ?? []).filter((n) => n.type === 'dns' || n.type === 'ip').map((n) => n.value);
  return someOf(list);
}

/** A short name for messages: the CN, else the subject. */
export { certLabel as label } from '../pem/helpers';

/** A certificate place of this document (a Secret's key, a PEM file) and a reference, anywhere, that uses it. */
export interface UsedHere {
  readonly span: Span;
  readonly ref: Reference;
  readonly from: string;
  readonly res: Resolution;
}

/**
 * The certificates this document holds, each with the references of the workspace that use them:
 * what a rule needs to report a certificate's own problem on the certificate, with the
 * configuration that uses it as related information.
 */
export function usedHere(ctx: RuleContext): UsedHere[] {
  const ws = ctx.workspace;
  if (!ws) return [];
  const places: Span[] = [];
  for (const o of refsOf(ctx.model).objects) for (const e of o.entries.values()) if (e.pem.items.some((i) => i.kind === 'certificate')) places.push(e.span);
  const firstCert = ctx.model.pem.items.find((i) => i.kind === 'certificate');
  if (firstCert && ctx.model.languageId === 'pem') places.push(ctx.model.pem.items[0].block.span);
  const out: UsedHere[] = [];
  for (const span of places) {
    for (const { ref, from } of ws.referencesTo(ctx.path, span)) {
      if (from === ctx.path && ref.kind === 'inline') continue;
      const res = ws.resolve(ref, from);
      if (res) out.push({ span, ref, from, res });
    }
  }
  return out;
}

/** Whether a certificate's own problems are reported where it lives (a checked workspace document), not on the reference. */
export function reportedOnCertificate(res: Resolution, ctx: RuleContext, ref: Reference): boolean {
  if (ref.kind === 'inline' || ref.store) return false;
  return !!ctx.workspace?.isDocument(res.where.path);
}
