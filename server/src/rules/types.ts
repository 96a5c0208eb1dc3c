import type { Fix } from '../core/fixes';
import type { Severity, Span } from '../core/types';
import type { DocumentModel } from '../model/document';
import type { WorkspaceView } from '../workspace/view';

/** What a rule is written with: its severities are the shared vocabulary's. */
export { SEVERITIES } from '../core/types';
export type { Severity, SeveritySetting } from '../core/types';
/** What a rule offers to do about a finding: the shared vocabulary's fixes. */
export type { CreateTarget, Fix, GenerateFix, SpanFix, TextEdit } from '../core/fixes';

export interface RuleMeta {
  /** `<domain>/<name>`, equal to the rule file's path under rules/. */
  readonly id: string;
  /** What the rule reads: pem, yaml, nginx, any. */
  readonly appliesTo: 'pem' | 'yaml' | 'nginx' | 'any';
  readonly severity: Severity;
  /** One line, for the rule table and SARIF. */
  readonly description: string;
  /** Where the rule comes from: an RFC section, a baseline requirement, a product document section. */
  readonly citation: string;
  /** Message templates; `{{name}}` is replaced from the report's data. */
  readonly messages: Readonly<Record<string, string>>;
  readonly fixable?: boolean;
  /** Where a rule that is data lives (a product module's constraint), when not in rules/<id>.ts. */
  readonly source?: string;
}

export interface Report {
  readonly span: Span;
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Overrides the rule's default severity for this finding (e.g. a key under 1024 bits is an error). */
  readonly severity?: Severity;
  /** What a code action needs, carried on the diagnostic: quick fixes (edits) or a generate action. */
  readonly fix?: Fix;
  /** Other places that explain the finding (the certificate a hostname is checked against). */
  readonly related?: readonly { readonly path: string; readonly span: Span; readonly message: string }[];
}

export interface RuleSettings {
  readonly expiryWarningDays: number;
}

export interface RuleContext {
  readonly model: DocumentModel;
  /** Injected clock: tests pass a fixed date. */
  readonly now: Date;
  readonly settings: RuleSettings;
  /** The document's file path (or URI when it has none). */
  readonly path: string;
  /** Certificates, keys and objects of the whole workspace (undefined when analysing a lone file). */
  readonly workspace?: WorkspaceView;
  report(r: Report): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}
