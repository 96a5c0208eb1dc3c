/**
 * The certificates and private keys of a document, wherever they sit, each with the range a
 * finding about it is reported on: PEM blocks of the text (files, YAML block scalars of any key,
 * `stringData`, ConfigMap values) on the block, and what is decoded from a Secret's base64
 * `data` (or a text value whose PEM is not written as lines, a quoted "\n" string) on that value.
 * This is the one answer to "what does this document hold": the `pem/*` rules check it, the
 * workspace index (and so the inventory, its view and `tls-lens inventory`) lists it, so a
 * certificate gets the same checks and the same place wherever it is.
 * (Certificates inside keystores are read by the workspace index, with their passwords; they are
 * checked where a reference names them.)
 */
import type { Span } from '../core/types';
import type { DocumentModel } from '../model/document';
import type { PemItem, PemModel } from '../model/pem';
import type { K8sObject, ObjectEntry } from '../model/refs';
import { refsOf } from './refs';

export type CertItem = Extract<PemItem, { kind: 'certificate' }>;
export type HeldItem = Extract<PemItem, { kind: 'certificate' | 'privateKey' }>;

/** The Secret or ConfigMap value an item is in. */
export interface HoldingEntry {
  readonly object: K8sObject;
  readonly key: string;
  readonly value: ObjectEntry;
}

export interface DocumentHolding<I extends HeldItem = HeldItem> {
  readonly item: I;
  /** Index of the item in `bundle.items` (relations are per bundle). */
  readonly index: number;
  /** The PEM text it was read from: the document's, or a value's decoded text. */
  readonly bundle: PemModel;
  /** Where findings about it go: its block, or the value it was decoded from. */
  readonly span: Span;
  /** Set when it is inside a Secret's or ConfigMap's value. */
  readonly entry?: HoldingEntry;
  /** Set for an item decoded from a Secret's base64 `data`: which Secret and key. */
  readonly secret?: { readonly name: string; readonly key: string };
}

export type DocumentCertificate = DocumentHolding<CertItem>;

const memo = new WeakMap<DocumentModel, readonly DocumentHolding[]>();

const held = (item: PemItem): item is HeldItem => item.kind === 'certificate' || item.kind === 'privateKey';
const within = (inner: Span, outer: Span) => outer.start <= inner.start && inner.end <= outer.end;

/** The certificates and private keys of a document (memoised per model). */
export function documentHoldings(model: DocumentModel): readonly DocumentHolding[] {
  let all = memo.get(model);
  if (all) return all;
  const list: DocumentHolding[] = [];
  const entries: HoldingEntry[] = [];
  if (model.yaml) for (const object of refsOf(model).objects) for (const [key, value] of object.entries) entries.push({ object, key, value });
  // Text: every PEM block, inside a Secret's or ConfigMap's value or not.
  model.pem.items.forEach((item, index) => {
    if (!held(item)) return;
    const entry = entries.find((e) => within(item.block.span, e.value.span));
    list.push({ item, index, bundle: model.pem, span: item.block.span, ...(entry ? { entry } : {}) });
  });
  // Values: what a Secret's base64 decodes to, and PEM a text value holds that the text does not show as lines.
  for (const entry of entries) {
    const { object, key, value } = entry;
    const decoded = object.kind === 'Secret' && value.field === 'data';
    const inText = decoded ? [] : list.filter((h) => h.entry === entry).map((h) => h.item.block.base64);
    value.pem.items.forEach((item, index) => {
      if (!held(item) || inText.includes(item.block.base64)) return;
      list.push({ item, index, bundle: value.pem, span: value.span, entry, ...(decoded ? { secret: { name: object.name, key } } : {}) });
    });
  }
  all = list;
  memo.set(model, all);
  return all;
}

/** The certificates of a document (documentHoldings without the keys). */
export function documentCertificates(model: DocumentModel): readonly DocumentCertificate[] {
  return documentHoldings(model).filter((h): h is DocumentCertificate => h.item.kind === 'certificate');
}
