/**
 * Every rule: one file per rule (rules/<folder>/<name>.ts, the id is its path), found by the build
 * (rules/generated/folders.ts), and one rule per constraint of a product module. The folders that
 * apply to any document come first; then, in PRODUCTS' order, each product's folder and its
 * constraints. Adding a rule or a product's rule folder registers nothing by hand.
 */
import type { Rule } from './types';
import { constraintRules } from './constraint-rules';
import { FOLDERS } from './generated/folders';
import { PRODUCTS } from '../products';

/** The rule folders that are no product's: files, YAML, Kubernetes objects, schemas, nginx, cross-file. */
export const CORE_FOLDERS: readonly string[] = ['core', 'pem', 'yaml', 'k8s', 'schema', 'nginx', 'xref', 'render'];

/** Every rule, in the order of the rule table. */
export const RULES: readonly Rule[] = [
  ...CORE_FOLDERS.flatMap((f) => FOLDERS[f] ?? []),
  ...PRODUCTS.flatMap((p) => [...(FOLDERS[p.id] ?? []), ...constraintRules(p)]),
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));

export const DOCS_BASE = 'https://github.com/tls-lens/tls-lens/blob/main/docs/rules/';

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
