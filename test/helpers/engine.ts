/**
 * The engine as the tests run it: the one entry the CLI and the language server use, at the
 * fixture clock unless a test says otherwise.
 */
import { CheckedDocument, DEFAULT_SETTINGS, Engine, EngineOptions, EngineSettings } from '../../server/src/engine';
import type { EngineHost } from '../../server/src/core/host';
import type { DocumentModel, SourceDocument } from '../../server/src/model/document';
import { FIXTURE_NOW } from './clock';

export function testEngine(options: EngineOptions = {}): Engine {
  return new Engine({ clock: () => FIXTURE_NOW, ...options });
}

/** One document checked alone, without a workspace (as the editor checks an untitled document). */
export function checkAlone(doc: SourceDocument, settings: EngineSettings = DEFAULT_SETTINGS, host?: EngineHost, now: Date = FIXTURE_NOW): CheckedDocument {
  return new Engine({ settings, host, clock: () => now }).check([doc])[0];
}

/** A document's model as the engine builds it, with the default settings but for those given. */
export function modelOf(doc: SourceDocument, options: Partial<EngineSettings> & { readonly host?: EngineHost; readonly schemaProblems?: boolean } = {}): DocumentModel {
  const { host, schemaProblems, ...settings } = options;
  return new Engine({ host, settings: { ...DEFAULT_SETTINGS, ...settings } }).model(doc, schemaProblems === false ? { schemaProblems } : {});
}
