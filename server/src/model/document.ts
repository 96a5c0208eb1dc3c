import { buildPemModel, PemModel } from './pem';

/** A text document as the engine sees it: no LSP, no file system. */
export interface SourceDocument {
  readonly uri: string;
  /** pem, yaml, nginx, or anything else (then only embedded PEM is read). */
  readonly languageId: string;
  readonly text: string;
  readonly version?: number;
}

/** What a document says about TLS. Every fact carries offsets into `text`. */
export interface DocumentModel {
  readonly uri: string;
  readonly languageId: string;
  readonly text: string;
  readonly pem: PemModel;
  /** Set when the file was not analysed because of its size. */
  readonly tooLarge?: { readonly sizeKB: number; readonly limitKB: number };
  /** Set when the text is not text (NUL bytes): nothing else is read. */
  readonly binary?: boolean;
}

const EMPTY_PEM: PemModel = { items: [], strayEnds: [], certRelations: new Map(), keyMatches: new Map() };

export function looksBinary(text: string): boolean {
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  return sample.includes('\u0000');
}

export function buildModel(doc: SourceDocument, limits: { maxFileSizeKB: number }): DocumentModel {
  const base = { uri: doc.uri, languageId: doc.languageId, text: doc.text };
  const sizeKB = Math.ceil(Buffer.byteLength(doc.text, 'utf8') / 1024);
  if (sizeKB > limits.maxFileSizeKB) return { ...base, pem: EMPTY_PEM, tooLarge: { sizeKB, limitKB: limits.maxFileSizeKB } };
  if (looksBinary(doc.text)) return { ...base, pem: EMPTY_PEM, binary: true };
  // A PEM file is one bundle; elsewhere (YAML block scalars) only adjacent blocks form one.
  return { ...base, pem: buildPemModel(doc.text, { singleBundle: doc.languageId === 'pem' }) };
}
