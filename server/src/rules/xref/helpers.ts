import type { Reference } from '../../model/refs';
import { refsOf } from '../../model/refs';
import type { RuleContext } from '../types';
import type { Resolution } from '../../workspace/index';
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
