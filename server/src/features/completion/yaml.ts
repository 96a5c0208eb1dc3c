/** Completion in YAML: the keys the schema allows under the cursor's parent, and a key's values. */
import type { CompletionItem } from 'vscode-languageserver-types';
import { documentAt } from '../../model/yaml';
import { pathFromIndentation, siblingKeys } from '../../parse/yamlIndent';
import { describe, propertiesAt } from '../../schema/resolve';
import type { CompletionContext } from './context';

export function yamlCompletion({ model, position, lines: index, fallbackSchema }: CompletionContext): CompletionItem[] {
  if (!model.yaml) return [];
  const offset = index.offsetAt(position);
  const d = documentAt(model.yaml, offset);
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
