import { buildModel, DocumentModel, failedModel, SourceDocument, uriToPath } from './model/document';
import type { WorkspaceIndex } from './workspace/index';
import type { WorkspaceView } from './workspace/view';
import type { YamlSettings } from './model/yaml';
import type { EngineHost } from './core/host';
import { DEFAULT_NGINX_SETTINGS, NginxSettings } from './model/nginx';
import { RULES } from './rules/registry';
import { formatMessage, Rule, Severity, SeveritySetting } from './rules/types';
import type { Span } from './core/types';
import { LineIndex } from './util/lineIndex';
import { internalErrorMessage } from './util/errors';
import { DEFAULTS } from './defaults';

/** Settings the engine reads; the server pulls them per resource, the CLI takes them from flags. */
export interface EngineSettings {
  readonly expiryWarningDays: number;
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  readonly maxFileSizeKB: number;
  readonly yaml: YamlSettings;
  readonly nginx: NginxSettings;
}

export const DEFAULT_SETTINGS: EngineSettings = { expiryWarningDays: DEFAULTS.expiryWarningDays, rules: {}, maxFileSizeKB: DEFAULTS.maxFileSizeKB, yaml: { schemaValidation: DEFAULTS.yamlSchemaValidation, schemas: {} }, nginx: DEFAULT_NGINX_SETTINGS };

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
  readonly fix?: unknown;
  readonly related?: readonly { readonly path: string; readonly span: Span; readonly message: string }[];
}

export interface Analysis {
  readonly model: DocumentModel;
  readonly findings: readonly Finding[];
}

/** `tls-lens-disable-next-line <rule-id>[, <rule-id>…]` on the line before, or `tls-lens-disable-line <id>` on the line. */
const DISABLE = /tls-lens-disable-(next-line|line)\s+([\w\-/,\s]+)/g;

function suppressions(text: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  if (!text.includes('tls-lens-disable-')) return out;
  let line = 0;
  let pos = 0;
  for (const m of text.matchAll(DISABLE)) {
    while (pos < m.index!) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0 || nl >= m.index!) break;
      line++;
      pos = nl + 1;
    }
    const target = m[1] === 'next-line' ? line + 1 : line;
    const ids = m[2].split(/[\s,]+/).filter((s) => s.includes('/'));
    const set = out.get(target) ?? new Set<string>();
    ids.forEach((id) => set.add(id));
    out.set(target, set);
  }
  return out;
}

export function severityFor(rule: Rule, settings: EngineSettings): SeveritySetting {
  return settings.rules[rule.meta.id] ?? rule.meta.severity;
}

export const INTERNAL_ERROR = 'core/internal-error';

function internalFinding(model: DocumentModel, what: string, e: unknown, settings: EngineSettings): Finding {
  const nl = model.text.indexOf('\n');
  const configured = settings.rules[INTERNAL_ERROR];
  return {
    ruleId: INTERNAL_ERROR,
    severity: configured && configured !== 'off' ? configured : 'warning',
    span: { start: 0, end: Math.max(0, Math.min(nl < 0 ? model.text.length : nl, 200)) },
    message: internalErrorMessage(what, e),
  };
}

/** Runs every rule that applies over an already built model; a rule that throws becomes a core/internal-error finding. */
export function runRules(model: DocumentModel, settings: EngineSettings, now: Date, workspace?: WorkspaceView, rules: readonly Rule[] = RULES): Finding[] {
  const findings: Finding[] = [];
  const sup = suppressions(model.text);
  let lines: LineIndex | undefined;
  const internal = settings.rules[INTERNAL_ERROR] !== 'off';
  for (const rule of rules) {
    const configured = severityFor(rule, settings);
    if (configured === 'off') continue;
    if (rule.meta.appliesTo !== 'any' && rule.meta.appliesTo !== model.languageId) continue;
    const overridden = settings.rules[rule.meta.id] !== undefined;
    const before = findings.length;
    try {
    rule.check({
      model,
      now,
      settings: { expiryWarningDays: settings.expiryWarningDays },
      path: uriToPath(model.uri),
      workspace,
      report(r) {
        const template = rule.meta.messages[r.messageId];
        if (template === undefined) throw new Error(`${rule.meta.id}: unknown messageId ${r.messageId}`);
        if (sup.size > 0 && sup.get((lines ??= new LineIndex(model.text)).positionAt(r.span.start).line)?.has(rule.meta.id)) return;
        findings.push({
          ruleId: rule.meta.id,
          severity: overridden ? (configured as Severity) : (r.severity ?? rule.meta.severity),
          span: r.span,
          message: formatMessage(template, r.data),
          ...(r.fix !== undefined ? { fix: r.fix } : {}),
          ...(r.related ? { related: capRelated(r.related) } : {}),
        });
      },
    });
    } catch (e) {
      // What the rule reported before it failed stands; the failure is said once.
      findings.splice(before);
      if (internal) findings.push(internalFinding(model, `running ${rule.meta.id}`, e, settings));
    }
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  return findings;
}

/** Related information is a pointer, not a listing: at most this many per finding. */
export const MAX_RELATED = 10;

function capRelated<T>(related: readonly T[]): readonly T[] {
  return related.length > MAX_RELATED ? related.slice(0, MAX_RELATED) : related;
}

/** A model, or (when building it throws) an empty model that carries the failure. */
export function safeModel(doc: SourceDocument, options: Parameters<typeof buildModel>[1]): DocumentModel {
  try {
    return buildModel(doc, options);
  } catch (e) {
    return failedModel(doc, 'model', e);
  }
}

export function analyze(doc: SourceDocument, settings: EngineSettings, now: Date, host?: EngineHost, workspace?: WorkspaceView): Analysis {
  const model = safeModel(doc, { ...settings, host });
  return { model, findings: runRules(model, settings, now, workspace) };
}

export interface CheckedDocument {
  readonly doc: SourceDocument;
  readonly model: DocumentModel;
  readonly findings: readonly Finding[];
}

export interface IndexOptions {
  readonly settingsFor: (doc: SourceDocument) => EngineSettings;
  readonly host?: EngineHost;
  readonly index?: WorkspaceIndex;
  readonly modelOf?: (doc: SourceDocument, settings: EngineSettings) => DocumentModel;
}

/**
 * Pass 1 of the engine: builds every document's model and puts it in the index (what each
 * document holds, defines and refers to). `checkDocuments` runs it before the rules; `tls-lens
 * inventory` runs it alone, so that the inventory lists what the checks see.
 */
export function indexDocuments(docs: readonly SourceDocument[], options: IndexOptions): { doc: SourceDocument; model: DocumentModel; settings: EngineSettings }[] {
  return docs.map((doc) => {
    const settings = options.settingsFor(doc);
    const model = options.modelOf ? options.modelOf(doc, settings) : safeModel(doc, { ...settings, host: options.host });
    if (options.index && isFilePath(doc.uri)) {
      try {
        options.index.updateFromModel(uriToPath(doc.uri), model);
      } catch {
        options.index.remove(uriToPath(doc.uri));
      }
    }
    return { doc, model, settings };
  });
}

/**
 * The engine's one entry point: checks a set of documents against a workspace. Pass 1 builds
 * every model and puts it in the index (so that each document sees all the others); pass 2 runs
 * the rules. The CLI calls it with every file, the language server with the document that
 * changed (its index already holds the rest), the fixture tests with a fixture workspace.
 * `models` may supply models already built (the server's parse cache).
 */
export function checkDocuments(docs: readonly SourceDocument[], options: IndexOptions & { readonly now: Date }): CheckedDocument[] {
  return indexDocuments(docs, options).map(({ doc, model, settings }) => ({ doc, model, findings: runRules(model, settings, options.now, options.index) }));
}

function isFilePath(uri: string): boolean {
  return uri.startsWith('file:') || uri.startsWith('/');
}
