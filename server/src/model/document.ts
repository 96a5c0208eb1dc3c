import { fileURLToPath } from 'node:url';
import type { Span } from '../core/types';
import { buildPemModel, PemModel } from './pem';
import { buildYamlModel, YamlModel, YamlSettings } from './yaml';
import { buildNginxModel, DEFAULT_NGINX_SETTINGS, NginxModel, NginxSettings } from './nginx';
import type { EngineHost } from '../core/host';
import type { SchemaSource } from '../schema/select';

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
  /** YAML documents with their schema and its problems (yaml language only). */
  readonly yaml?: YamlModel;
  /** Server blocks and directives (nginx language only). */
  readonly nginx?: NginxModel;
  /** Set when the file was not analysed because of its size. */
  readonly tooLarge?: { readonly sizeKB: number; readonly limitKB: number };
  /** Set when the text is not text (NUL bytes): nothing else is read. */
  readonly binary?: boolean;
  /** Parts not analysed because they exceed a bound (nesting, aliases, includes, time). */
  readonly limits: readonly Limit[];
  /** Set when building the model threw: the model is empty and the failure is reported. */
  readonly failure?: { readonly phase: string; readonly error: unknown };
}

export interface Limit {
  readonly span: Span;
  readonly message: string;
}

const EMPTY_PEM: PemModel = { items: [], strayEnds: [], certRelations: new Map(), keyMatches: new Map() };

export function looksBinary(text: string): boolean {
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  return sample.includes('\u0000');
}

export interface ModelOptions {
  readonly maxFileSizeKB: number;
  /** Schema selection's catalog and recognisers: the products, handed in by the engine. */
  readonly schemas: SchemaSource;
  /** False: select schemas but do not validate (the main thread's model, for hover and completion). */
  readonly schemaProblems?: boolean;
  readonly yaml?: YamlSettings;
  readonly nginx?: NginxSettings;
  readonly host?: EngineHost;
}

export const DEFAULT_YAML_SETTINGS: YamlSettings = { schemaValidation: true, schemas: {} };

/** A file system path for a document URI (file: URIs), or the URI itself. */
export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  return uri;
}

/** An empty model for a document whose analysis failed (internal error) or was stopped. */
export function failedModel(doc: SourceDocument, phase: string, error: unknown): DocumentModel {
  return { uri: doc.uri, languageId: doc.languageId, text: doc.text, pem: EMPTY_PEM, limits: [], failure: { phase, error } };
}

/** The model of a file over the size limit, which is never read: only its size is known. */
export function tooLargeModel(doc: SourceDocument, sizeKB: number, limitKB: number): DocumentModel {
  return { uri: doc.uri, languageId: doc.languageId, text: '', pem: EMPTY_PEM, limits: [], tooLarge: { sizeKB, limitKB } };
}

export function buildModel(doc: SourceDocument, options: ModelOptions): DocumentModel {
  const base = { uri: doc.uri, languageId: doc.languageId, text: doc.text, limits: [] };
  const sizeKB = Math.ceil(Buffer.byteLength(doc.text, 'utf8') / 1024);
  if (sizeKB > options.maxFileSizeKB) return { ...base, pem: EMPTY_PEM, tooLarge: { sizeKB, limitKB: options.maxFileSizeKB } };
  if (looksBinary(doc.text)) return { ...base, pem: EMPTY_PEM, binary: true };
  // A PEM file is one bundle; elsewhere (YAML block scalars) only adjacent blocks form one.
  const pem = buildPemModel(doc.text, { singleBundle: doc.languageId === 'pem' });
  if (doc.languageId === 'nginx') {
    const nginx = buildNginxModel(doc.text, uriToPath(doc.uri), options.nginx ?? DEFAULT_NGINX_SETTINGS, options.host);
    return { ...base, pem, nginx, limits: nginx.limits };
  }
  if (doc.languageId !== 'yaml') return { ...base, pem };
  const yaml = buildYamlModel(
    doc.text, uriToPath(doc.uri), options.yaml ?? DEFAULT_YAML_SETTINGS, options.schemas, options.host, options.schemaProblems !== false,
  );
  return { ...base, pem, yaml, limits: yaml.documents.flatMap((d) => d.limits) };
}
