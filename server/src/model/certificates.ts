/**
 * The certificates of a document, wherever they sit, each with the range a finding about it is
 * reported on: PEM blocks of the text (files, YAML block scalars, `stringData`) on the block, and
 * certificates decoded from a Secret's base64 `data` on that value. The `pem/*` rules read this
 * one view, so a certificate gets the same checks whether it is a file or a Secret key.
 * (Certificates inside keystores are read by the workspace index, with their passwords; they are
 * checked where a reference names them.)
 */
import type { Span } from './types';
import type { DocumentModel } from './document';
import type { PemItem, PemModel } from './pem';
import { refsOf } from './refs';

export type CertItem = Extract<PemItem, { kind: 'certificate' }>;

export interface DocumentCertificate {
  readonly item: CertItem;
  /** Index of the item in `bundle.items` (relations are per bundle). */
  readonly index: number;
  /** The PEM text it was read from: the document's, or a Secret value's decoded text. */
  readonly bundle: PemModel;
  /** Where findings about it go. */
  readonly span: Span;
  /** Set for a certificate decoded from a Secret's `data`: which Secret and key. */
  readonly secret?: { readonly name: string; readonly key: string };
}

const memo = new WeakMap<DocumentModel, readonly DocumentCertificate[]>();

function fromBundle(bundle: PemModel, span: (item: CertItem) => Span, secret?: DocumentCertificate['secret']): DocumentCertificate[] {
  const out: DocumentCertificate[] = [];
  bundle.items.forEach((item, index) => {
    if (item.kind === 'certificate') out.push({ item, index, bundle, span: span(item), ...(secret ? { secret } : {}) });
  });
  return out;
}

export function documentCertificates(model: DocumentModel): readonly DocumentCertificate[] {
  let all = memo.get(model);
  if (!all) {
    const list = fromBundle(model.pem, (item) => item.block.span);
    if (model.yaml) {
      for (const object of refsOf(model).objects) {
        if (object.kind !== 'Secret') continue;
        for (const [key, entry] of object.entries) {
          if (entry.field === 'data') list.push(...fromBundle(entry.pem, () => entry.span, { name: object.name, key }));
        }
      }
    }
    all = list;
    memo.set(model, all);
  }
  return all;
}
