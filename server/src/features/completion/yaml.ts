/** Completion in YAML: the keys the schema allows under the cursor's parent, and a key's values. */
import type { CompletionItem } from 'vscode-languageserver-types';
import { documentAt } from '../../model/yaml';
import { yamlTypingAt } from '../../model/typing';
import { describe, propertiesAt } from '../../schema/resolve';
import type { CompletionContext } from './context';

export function yamlCompletion({ model, position, lines: index, fallbackSchema }: CompletionContext): CompletionItem[] {
  if (!model.yaml) return [];
  const d = documentAt(model.yaml, index.offsetAt(position));
  const root = d?.schema?.entry?.schema ?? fallbackSchema;
  if (!root) return [];
  const typing = yamlTypingAt(model, position.line, position.character);
  if (!typing) return [];
  if (typing.kind === 'value') {
    const info = describe(root, typing.path);
    const values = [...(info?.enums ?? [])];
    if (info?.types.includes('boolean')) values.push(true, false);
    return values.map((v, i) => ({
      label: String(v), kind: 20 as CompletionItem['kind'], sortText: String(i).padStart(3, '0'), detail: info?.types.join(' | '),
    }));
  }
  const items: CompletionItem[] = [];
  for (const [key, schema] of propertiesAt(root, typing.parent)) {
    if (typing.siblings.has(key)) continue;
    const desc = (schema.markdownDescription as string | undefined) ?? (schema.description as string | undefined);
    const isBlock = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object') && !schema.type.includes('string'));
    items.push({
      label: key,
      kind: 10 as CompletionItem['kind'],
      detail: Array.isArray(schema.enum) ? schema.enum.join(' | ') : Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type as string | undefined),
      ...(desc ? { documentation: { kind: 'markdown', value: desc } } : {}),
      insertText: isBlock ? `${key}:\n${' '.repeat(typing.column + 2)}` : `${key}: `,
      filterText: key,
    });
  }
  return items;
}
