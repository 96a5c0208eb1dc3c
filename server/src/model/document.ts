import { fileURLToPath } from 'node:url';
import { buildPemModel, PemModel } from './pem';
import { buildYamlModel, EngineHost, YamlModel, YamlSettings } from './yaml';
import { buildNginxModel, DEFAULT_NGINX_SETTINGS, NginxModel, NginxSettings } from './nginx';

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
}

const EMPTY_PEM: PemModel = { items: [], strayEnds: [], certRelations: new Map(), keyMatches: new Map() };

export function looksBinary(text: string): boolean {
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  return sample.includes('\u0000');
}

export interface ModelOptions {
  readonly maxFileSizeKB: number;
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

export function buildModel(doc: SourceDocument, limits: ModelOptions): DocumentModel {
  const base = { uri: doc.uri, languageId: doc.languageId, text: doc.text };
  const sizeKB = Math.ceil(Buffer.byteLength(doc.text, 'utf8') / 1024);
  if (sizeKB > limits.maxFileSizeKB) return { ...base, pem: EMPTY_PEM, tooLarge: { sizeKB, limitKB: limits.maxFileSizeKB } };
  if (looksBinary(doc.text)) return { ...base, pem: EMPTY_PEM, binary: true };
  // A PEM file is one bundle; elsewhere (YAML block scalars) only adjacent blocks form one.
  const pem = buildPemModel(doc.text, { singleBundle: doc.languageId === 'pem' });
  if (doc.languageId === 'nginx') return { ...base, pem, nginx: buildNginxModel(doc.text, uriToPath(doc.uri), limits.nginx ?? DEFAULT_NGINX_SETTINGS, limits.host) };
  if (doc.languageId !== 'yaml') return { ...base, pem };
  return { ...base, pem, yaml: buildYamlModel(doc.text, uriToPath(doc.uri), limits.yaml ?? DEFAULT_YAML_SETTINGS, limits.host) };
}
