/**
 * Extraction, the stage after the model: what a document refers to and provides, from the product
 * modules that own its YAML documents (products/index.ts recognises them) and from nginx's server
 * blocks. Built from the parsed model (no text parsing here), once per model.
 */
import { buildPemModel } from '../model/pem';
import type { DocumentModel } from '../model/document';
import type { DocumentRefs, Reference, Role } from '../model/refs';
import { helmIngress } from './helm-ingress';
import { ownedDocuments } from './index';
import { refSink, RefSink } from './types';
import { modelineRelease } from './values-modeline';

/** A YAML document's references, objects and facts, from the product modules that own it. */
function yamlRefs(model: DocumentModel, out: RefSink): void {
  for (const { pd, product } of ownedDocuments(model)) {
    const k8s = typeof pd.json.apiVersion === 'string' && typeof pd.json.kind === 'string';
    if (product && product !== helmIngress) product.refs?.(pd, out);
    // Values carry the common ingress convention too, whatever chart they belong to.
    if (!k8s && typeof pd.json.kind !== 'string') helmIngress.refs?.(pd, out);
  }
}

function nginxRefs(model: DocumentModel, out: { references: Reference[] }): void {
  const ng = model.nginx;
  if (!ng) return;
  ng.servers.forEach((s, i) => {
    const hosts = s.names.filter((n) => n.value !== '_' && n.value !== '' && !n.value.startsWith('~')).map((n) => ({
      value: n.value.replace(/^\./, ''), span: n.span,
    }));
    const add = (directive: string, role: Role) => {
      for (const d of s.get(directive)) {
        const a = d.args[0];
        if (!a || a.value.includes('$') || !ng.isLocal(d)) continue;
        const hostsOf = role === 'serve' && s.tls ? { hosts } : {};
        // `data:…` is the certificate or key itself (nginx 1.15.10), not a file.
        if (a.value.startsWith('data:')) {
          out.references.push({
            kind: 'inline', span: a.span, target: `${directive} data:`, role, group: `server${i}`,
            inline: buildPemModel(a.value.slice(5), { singleBundle: true }), ...hostsOf, via: `nginx ${directive}`,
          });
        }
        else out.references.push({ kind: 'file', span: a.span, target: a.value, role, group: `server${i}`, ...hostsOf, via: `nginx ${directive}` });
      }
    };
    add('ssl_certificate', 'serve');
    add('ssl_certificate_key', 'serve-key');
    add('ssl_trusted_certificate', 'ca');
    add('ssl_client_certificate', 'ca');
  });
}

export function extractRefs(model: DocumentModel): DocumentRefs {
  const out = refSink();
  yamlRefs(model, out);
  const release = modelineRelease(model);
  if (release) out.facts.push(release);
  nginxRefs(model, out);
  return out;
}

const cache = new WeakMap<DocumentModel, DocumentRefs>();

/** The references of a model, extracted once per model. */
export function refsOf(model: DocumentModel): DocumentRefs {
  let r = cache.get(model);
  if (!r) {
    r = extractRefs(model);
    cache.set(model, r);
  }
  return r;
}

/** The reference at an offset of a document, if any. */
export function referenceAt(model: DocumentModel, offset: number): Reference | undefined {
  return refsOf(model).references.find((r) => offset >= r.span.start && offset <= r.span.end);
}
