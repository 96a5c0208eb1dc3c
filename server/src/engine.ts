import { buildModel, DocumentModel, failedModel, SourceDocument, uriToPath } from './model/document';
import { WorkspaceIndex } from './workspace/index';
import type { WorkspaceView } from './workspace/view';
import type { KeyDerivations } from './x509/keyDerivation';
import type { ModelCache } from './documents';
import type { YamlSettings } from './model/yaml';
import type { EngineHost } from './core/host';
import { DEFAULT_NGINX_SETTINGS, NginxSettings } from './model/nginx';
import { RULES } from './rules/registry';
import { SCHEMA_SOURCE } from './products';
import { formatMessage, Rule, Severity, SeveritySetting } from './rules/types';
import type { Fix } from './core/fixes';
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

export const DEFAULT_SETTINGS: EngineSettings = {
  expiryWarningDays: DEFAULTS.expiryWarningDays, rules: {}, maxFileSizeKB: DEFAULTS.maxFileSizeKB,
  yaml: { schemaValidation: DEFAULTS.yamlSchemaValidation, schemas: {} }, nginx: DEFAULT_NGINX_SETTINGS,
};

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
  /** Quick fixes or a generate action: the diagnostic's data. */
  readonly fix?: Fix;
  readonly related?: readonly { readonly path: string; readonly span: Span; readonly message: string }[];
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

/** Runs every rule that applies over a model; a rule that throws becomes a core/internal-error finding. */
function runRules(model: DocumentModel, settings: EngineSettings, now: Date, workspace: WorkspaceView | undefined, rules: readonly Rule[]): Finding[] {
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

export interface CheckedDocument {
  readonly doc: SourceDocument;
  readonly model: DocumentModel;
  readonly findings: readonly Finding[];
}

export interface IndexedDocument {
  readonly doc: SourceDocument;
  readonly model: DocumentModel;
  readonly settings: EngineSettings;
}

export interface EngineOptions {
  /** The file system under the read policy (workspace folders, trust, path mappings); none: only the documents are read. */
  readonly host?: EngineHost;
  /** Settings, or settings per document (the server pulls them per resource; the CLI takes them from flags). */
  readonly settings?: EngineSettings | ((doc: SourceDocument) => EngineSettings);
  /** The clock the rules read (`ctx.now`): tests fix it. */
  readonly clock?: () => Date;
  /**
   * A workspace index the documents are checked against (cross-file rules), with the key
   * derivations its keystores use; none: every document alone.
   */
  readonly workspace?: boolean | { readonly keys?: KeyDerivations };
  /** A parse cache (the language server's): one model per document version. */
  readonly cache?: ModelCache;
  /** The rules (every rule of the registry unless given: tests add a failing one). */
  readonly rules?: readonly Rule[];
}

/** How the index reads a workspace file it is told of (a file event, the scan): its facts, no schema validation. */
const INDEX_SETTINGS: Pick<EngineSettings, 'maxFileSizeKB' | 'yaml' | 'nginx'> = {
  maxFileSizeKB: 4096, yaml: { schemaValidation: false, schemas: {} }, nginx: DEFAULT_NGINX_SETTINGS,
};

/**
 * The engine: the one entry the CLI, the language server's worker and main thread, and the tests
 * run documents through. It holds the settings, the host, the workspace index and the clock;
 * `model(document)` builds what a document says, `check(documents)` puts every document in the
 * index (pass 1, so that each sees all the others) and then runs the rules (pass 2).
 */
export class Engine {
  readonly host: EngineHost | undefined;
  /** The workspace every document is checked against (absent: each document alone). */
  readonly workspace: WorkspaceIndex | undefined;
  private readonly settings: (doc: SourceDocument) => EngineSettings;
  private readonly clock: () => Date;
  private readonly cache: ModelCache | undefined;
  private readonly rules: readonly Rule[];

  constructor(options: EngineOptions = {}) {
    const { settings = DEFAULT_SETTINGS } = options;
    this.host = options.host;
    this.settings = typeof settings === 'function' ? settings : () => settings;
    this.clock = options.clock ?? (() => new Date());
    this.cache = options.cache;
    this.rules = options.rules ?? RULES;
    const ws = options.workspace;
    if (ws && !this.host) throw new Error('a workspace needs a host');
    this.workspace = ws && this.host ? new WorkspaceIndex(
      this.host, (doc) => this.model(doc, { settings: { ...DEFAULT_SETTINGS, ...INDEX_SETTINGS } }),
      typeof ws === 'object' ? ws.keys : undefined,
    ) : undefined;
  }

  /**
   * What a document says: its model (from the cache when the document has a version there).
   * When building it throws, an empty model that carries the failure (reported as
   * core/internal-error). `schemaProblems: false` selects schemas without validating (the
   * language server's main thread, for hover and completion).
   */
  model(doc: SourceDocument, options: { readonly settings?: EngineSettings; readonly schemaProblems?: boolean } = {}): DocumentModel {
    const s = options.settings ?? this.settings(doc);
    const modelOptions = {
      maxFileSizeKB: s.maxFileSizeKB, schemas: SCHEMA_SOURCE, yaml: s.yaml, nginx: s.nginx, host: this.host,
      ...(options.schemaProblems === false ? { schemaProblems: false } : {}),
    };
    const build = () => {
      try {
        return buildModel(doc, modelOptions);
      } catch (e) {
        return failedModel(doc, 'model', e);
      }
    };
    return this.cache ? this.cache.get(doc, modelOptions, build) : build();
  }

  /**
   * Pass 1: every document's model, put in the workspace index (what each document holds,
   * defines and refers to). `check` runs it before the rules; `tls-lens inventory` runs it alone,
   * so that the inventory lists what the checks see.
   */
  index(docs: readonly SourceDocument[]): IndexedDocument[] {
    return docs.map((doc) => {
      const settings = this.settings(doc);
      const model = this.model(doc, { settings });
      const ws = this.workspaceOf(doc);
      if (ws) {
        try {
          ws.updateFromModel(uriToPath(doc.uri), model);
        } catch {
          ws.remove(uriToPath(doc.uri));
        }
      }
      return { doc, model, settings };
    });
  }

  /**
   * Checks a set of documents: pass 1 puts them all in the index, pass 2 runs the rules. The CLI
   * checks every file at once, the language server the document that changed (its index already
   * holds the rest), the fixture tests a fixture workspace.
   */
  check(docs: readonly SourceDocument[]): CheckedDocument[] {
    const now = this.clock();
    return this.index(docs).map(({ doc, model, settings }) => ({ doc, model, findings: runRules(model, settings, now, this.workspaceOf(doc), this.rules) }));
  }

  /** Pass 2 over a document pass 1 indexed (its model already built). */
  rulesOver(indexed: IndexedDocument): CheckedDocument {
    const findings = runRules(indexed.model, indexed.settings, this.clock(), this.workspaceOf(indexed.doc), this.rules);
    return { doc: indexed.doc, model: indexed.model, findings };
  }

  /**
   * Pass 2 alone: the rules over documents the workspace index already holds, against the index
   * as it is (the language server's `tlsLens/explain` over its workspace: no re-indexing, no scan).
   */
  checkIndexed(doc: SourceDocument): CheckedDocument {
    const settings = this.settings(doc);
    const model = this.model(doc, { settings });
    return { doc, model, findings: runRules(model, settings, this.clock(), this.workspaceOf(doc), this.rules) };
  }

  /** The rules over a model built elsewhere, alone (a file the CLI did not read: its size is all it knows). */
  findings(model: DocumentModel, settings: EngineSettings = this.settings(model)): Finding[] {
    return runRules(model, settings, this.clock(), undefined, this.rules);
  }

  /** Only documents of the file system are in the workspace (an untitled document is checked alone). */
  private workspaceOf(doc: SourceDocument): WorkspaceIndex | undefined {
    return this.workspace && isFilePath(doc.uri) ? this.workspace : undefined;
  }
}

function isFilePath(uri: string): boolean {
  return uri.startsWith('file:') || uri.startsWith('/');
}
