/** YAML features: hover on keys and on a document's first line, key and value completion. */
import type { CompletionItem, Hover } from 'vscode-languageserver-types';
import type { DocumentModel } from '../model/document';
import type { YamlDocModel } from '../model/yaml';
import { pathAt, PathSegment } from '../parse/yaml';
import { pathFromIndentation, siblingKeys } from '../parse/yamlIndent';
import { describe, propertiesAt, Schema } from '../schema/resolve';
import { LineIndex, Position } from '../util/lineIndex';
import { md } from '../util/markdown';

export function docAt(model: DocumentModel, offset: number): YamlDocModel | undefined {
  const docs = model.yaml?.documents ?? [];
  return docs.find((d) => offset >= d.span.start && offset <= d.span.end) ?? docs[docs.length - 1];
}

function schemaLine(d: YamlDocModel | undefined): string {
  if (!d) return 'No YAML document here.';
  const parts: string[] = [];
  if (d.schema?.entry) parts.push(`**TLS Lens schema:** ${md(d.schema.entry.title)} (\`${d.schema.entry.file}\`), because ${d.schema.reason}.`);
  else if (d.schema?.path) parts.push(`**TLS Lens schema:** \`${md(d.schema.path)}\`, because ${d.schema.reason}.`);
  else parts.push('**TLS Lens:** no schema applies to this document (it is not a known Kubernetes kind or product values file). Add `# tls-lens: schema=<id>` to choose one.');
  if (d.chartSchema) parts.push(`The chart's own \`values.schema.json\` applies too.`);
  return parts.join('\n\n');
}

export function keyMarkdown(root: Schema, path: readonly PathSegment[], key: string): string | undefined {
  const info = describe(root, path);
  if (!info) return undefined;
  const lines = [`**${md(key)}**${info.types.length ? ` · ${info.types.join(' | ')}` : ''}${info.format ? ` (${info.format})` : ''}`];
  if (info.description) lines.push(info.description);
  if (info.enums.length) lines.push(`Allowed: ${info.enums.map((e) => `\`${String(e)}\``).join(', ')}`);
  if (info.default !== undefined) lines.push(`Default: \`${JSON.stringify(info.default)}\``);
  if (info.source) lines.push(`_Source: ${md(info.source)}_`);
  return lines.join('\n\n');
}

export function yamlHover(model: DocumentModel, position: Position, index: LineIndex): Hover | null {
  const offset = index.offsetAt(position);
  const d = docAt(model, offset);
  if (!d) return null;
  const docFirstLine = index.positionAt(d.span.start).line;
  if (position.line === docFirstLine || position.line === 0) {
    return { contents: { kind: 'markdown', value: schemaLine(d) } };
  }
  const root = d.schema?.entry?.schema;
  if (!root) return null;
  const at = pathAt(d.doc, offset);
  if (!at.onKey) return null;
  const key = String(at.path[at.path.length - 1]);
  const value = keyMarkdown(root, at.path, key);
  return value ? { contents: { kind: 'markdown', value } } : null;
}

export function yamlCompletion(model: DocumentModel, position: Position, index: LineIndex, fallbackSchema?: Schema): CompletionItem[] {
  const offset = index.offsetAt(position);
  const d = docAt(model, offset);
  const root = d?.schema?.entry?.schema ?? fallbackSchema;
  if (!root) return [];
  const lines = model.text.split('\n');
  const line = (lines[position.line] ?? '').replace(/\r$/, '');
  const before = line.slice(0, position.character);
  const valueMatch = /^(\s*)(- +)?([^\s#:'"][^:#]*?)\s*:\s+(\S*)$/.exec(before);
  if (valueMatch) {
    const col = valueMatch[1].length + (valueMatch[2]?.length ?? 0);
    const parent = pathFromIndentation(lines, position.line, col);
    if (valueMatch[2]) parent.push(0);
    const info = describe(root, [...parent, valueMatch[3]]);
    const values = [...(info?.enums ?? [])];
    if (info?.types.includes('boolean')) values.push(true, false);
    return values.map((v, i) => ({ label: String(v), kind: 20 as CompletionItem['kind'], sortText: String(i).padStart(3, '0'), detail: info?.types.join(' | ') }));
  }
  const keyMatch = /^(\s*)(- +)?([\w.-]*)$/.exec(before);
  if (!keyMatch) return [];
  const col = keyMatch[1].length + (keyMatch[2]?.length ?? 0);
  const parent = pathFromIndentation(lines, position.line, col);
  if (keyMatch[2]) parent.push(0);
  const present = siblingKeys(lines, position.line, col);
  const items: CompletionItem[] = [];
  for (const [key, schema] of propertiesAt(root, parent)) {
    if (present.has(key)) continue;
    const desc = (schema.markdownDescription as string | undefined) ?? (schema.description as string | undefined);
    const isBlock = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object') && !schema.type.includes('string'));
    items.push({
      label: key,
      kind: 10 as CompletionItem['kind'],
      detail: Array.isArray(schema.enum) ? schema.enum.join(' | ') : Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type as string | undefined),
      ...(desc ? { documentation: { kind: 'markdown', value: desc } } : {}),
      insertText: isBlock ? `${key}:\n${' '.repeat(col + 2)}` : `${key}: `,
      filterText: key,
    });
  }
  return items;
}
