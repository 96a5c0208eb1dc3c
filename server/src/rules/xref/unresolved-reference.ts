import type { GenerateFix, Rule } from '../types';
import type { Reference } from '../../model/refs';
import { someOf } from '../../util/list';
import { resolved } from './helpers';
import { refsOf } from '../../products/refs';
import { looksSecret, quoteUser } from '../../util/redact';

/**
 * Generate what is missing, in its role: a certificate file (with the key its server block or
 * profile pairs with it), or a Secret. Absolute paths not under a path mapping are left alone.
 */
function createFix(fromPath: string, ref: Reference, all: readonly Reference[]): GenerateFix | undefined {
  if (ref.kind === 'inline' || ref.store || looksSecret(ref.target)) return undefined;
  if (ref.kind === 'file' && ref.target.startsWith('/')) return undefined;
  const keyRole = ref.role === 'serve' ? 'serve-key' : ref.role === 'client' ? 'client-key' : undefined;
  const certRole = ref.role === 'serve-key' ? 'serve' : ref.role === 'client-key' ? 'client' : undefined;
  const partner = all.find((r) => r.group === ref.group && r.kind === 'file' && (r.role === keyRole || r.role === certRole));
  const cert = certRole && partner ? partner : ref;
  const keyTarget = ref.kind === 'file' ? (keyRole ? partner?.target : certRole ? ref.target : undefined) : undefined;
  if (cert.kind === 'inline' || (cert.kind === 'file' && cert.target.startsWith('/'))) return undefined;
  // A host that looks like key material (a key pasted where a name belongs) is never carried or shown.
  const hosts = (cert.hosts ?? []).map((h) => h.value).filter((h) => !looksSecret(h));
  const what = cert.role === 'ca' ? 'a CA' : cert.role === 'client' ? 'a client certificate' : 'a server certificate';
  const where = cert.kind === 'file' ? `'${cert.target}'` : `${cert.kind === 'secret' ? 'Secret' : 'ConfigMap'} '${cert.target}'`;
  return {
    action: 'create', title: `Generate ${where}: ${what}${hosts.length ? ` for ${hosts.map((h) => quoteUser(h)).join(', ')}` : ''}`, fromPath,
    ref: {
      kind: cert.kind as 'file' | 'secret' | 'configmap', target: cert.target, key: cert.key, role: cert.role, hosts,
      namespace: cert.namespace ?? cert.namespaces?.[0], cn: cert.subjectCN?.value,
    },
    ...(keyTarget ? { keyTarget } : {}),
  };
}

export const rule: Rule = {
  meta: {
    id: 'xref/unresolved-reference',
    appliesTo: 'any',
    severity: 'information',
    description: 'A certificate, key or CA reference (a path, a Secret or ConfigMap name) that resolves to nothing in the workspace; it may live in the cluster or on the server. Said once per missing file or object per document, naming the keys that refer to it.',
    citation: 'TLS Lens workspace index; paths resolve beside the file, then from the workspace root, then through tlsLens.pathMappings',
    messages: { unresolved: "{{what}} '{{target}}' is not in the workspace{{hint}}: TLS Lens cannot check it (it may exist only in the cluster or on the server). Named by {{vias}}." },
  },
  check(ctx) {
    if (!ctx.workspace?.complete) return;
    // One finding per missing file or object: a Spinnaker file names one Secret from dozens of keys.
    const missing = new Map<string, Reference[]>();
    for (const { ref, res } of resolved(ctx)) {
      if (res || ref.kind === 'inline') continue;
      // cert-manager will create it (a Certificate, or an issuer annotation on the same ingress).
      if (ref.kind === 'secret' && (ctx.workspace.pendingFor(ref.target, ref.namespace).length > 0
        || refsOf(ctx.model).issuerRefs.some((r) => r.secretNames.includes(ref.target)))) continue;
      const key = `${ref.kind}\0${ref.namespace ?? ''}\0${ref.target}`;
      const list = missing.get(key);
      if (list) list.push(ref);
      else missing.set(key, [ref]);
    }
    for (const refs of missing.values()) {
      const first = refs[0];
      const hint = first.kind === 'file' && first.target.startsWith('/') ? ' (map its prefix to a folder with tlsLens.pathMappings)' : '';
      const what = first.kind === 'file' ? 'File' : first.kind === 'secret' ? 'Secret' : 'ConfigMap';
      const vias = [...new Set(refs.map((r) => r.via))];
      const generate = createFix(ctx.path, first, resolved(ctx).map((x) => x.ref));
      ctx.report({
        ...(generate ? { fix: { generate } } : {}),
        span: first.span,
        messageId: 'unresolved',
        data: { what, target: quoteUser(first.target), hint, vias: `${someOf(vias)}${refs.length > 1 ? ` (${refs.length} places)` : ''}` },
        ...(refs.length > 1 ? { related: refs.slice(1).map((r) => ({ path: ctx.path, span: r.span, message: `also named by ${r.via}` })) } : {}),
      });
    }
  },
};
