import { buildModel, DocumentModel, SourceDocument, uriToPath } from './model/document';
import type { WorkspaceView } from './workspace/index';
import type { EngineHost, YamlSettings } from './model/yaml';
import { DEFAULT_NGINX_SETTINGS, NginxSettings } from './model/nginx';
import { RULES } from './rules/registry';
import { formatMessage, Rule, Severity, SeveritySetting } from './rules/types';
import type { Span } from './parse/pem';
import { LineIndex } from './util/lineIndex';

/** Settings the engine reads; the server pulls them per resource, the CLI takes them from flags. */
export interface EngineSettings {
  readonly expiryWarningDays: number;
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  readonly maxFileSizeKB: number;
  readonly yaml: YamlSettings;
  readonly nginx: NginxSettings;
}

export const DEFAULT_SETTINGS: EngineSettings = { expiryWarningDays: 30, rules: {}, maxFileSizeKB: 2048, yaml: { schemaValidation: true, schemas: {} }, nginx: DEFAULT_NGINX_SETTINGS };

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

/** Runs every rule that applies over an already built model. */
export function runRules(model: DocumentModel, settings: EngineSettings, now: Date, workspace?: WorkspaceView): Finding[] {
  const findings: Finding[] = [];
  const sup = suppressions(model.text);
  let lines: LineIndex | undefined;
  for (const rule of RULES) {
    const configured = severityFor(rule, settings);
    if (configured === 'off') continue;
    if (rule.meta.appliesTo !== 'any' && rule.meta.appliesTo !== model.languageId) continue;
    const overridden = settings.rules[rule.meta.id] !== undefined;
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
          ...(r.related ? { related: r.related } : {}),
        });
      },
    });
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  return findings;
}

export function analyze(doc: SourceDocument, settings: EngineSettings, now: Date, host?: EngineHost, workspace?: WorkspaceView): Analysis {
  const model = buildModel(doc, { ...settings, host });
  return { model, findings: runRules(model, settings, now, workspace) };
}
