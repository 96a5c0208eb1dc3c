/** Hover in YAML: the schema that applies (on a document's first line) and a key's documentation. */
import type { Hover } from 'vscode-languageserver-types';
import { documentAt, YamlDocModel } from '../../model/yaml';
import { keyAt, PathSegment } from '../../model/yamlPaths';
import { describe, Schema } from '../../schema/resolve';
import { code, md } from '../../util/markdown';
import type { HoverContext } from './context';

function schemaLine(d: YamlDocModel | undefined): string {
  if (!d) return 'No YAML document here.';
  const parts: string[] = [];
  if (d.schema?.entry) parts.push(`**TLS Lens schema:** ${md(d.schema.entry.title)} (\`${d.schema.entry.file}\`), because ${d.schema.reason}.`);
  else if (d.schema?.path) parts.push(`**TLS Lens schema:** ${code(d.schema.path)}, because ${d.schema.reason}.`);
  else {
    parts.push('**TLS Lens:** no schema applies to this document (it is not a known Kubernetes kind or product values file). '
      + 'Add `# tls-lens: schema=<id>` to choose one.');
  }
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

export function yamlHover({ model, position, lines: index }: HoverContext): Hover | null {
  if (!model.yaml) return null;
  const offset = index.offsetAt(position);
  const d = documentAt(model.yaml, offset);
  if (!d) return null;
  const docFirstLine = index.positionAt(d.span.start).line;
  if (position.line === docFirstLine || position.line === 0) {
    return { contents: { kind: 'markdown', value: schemaLine(d) } };
  }
  const root = d.schema?.entry?.schema;
  if (!root) return null;
  const at = keyAt(d, offset);
  if (!at) return null;
  const value = keyMarkdown(root, at.path, at.key);
  return value ? { contents: { kind: 'markdown', value } } : null;
}
