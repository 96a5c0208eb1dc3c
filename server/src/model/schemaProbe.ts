/**
 * Completion in half-typed YAML: when the document as typed selects no schema at a position (the
 * line being typed may break the parse, or the recognising keys), the schema the document selects
 * without that line.
 */
import type { Schema } from '../schema/resolve';
import { buildModel, DocumentModel, ModelOptions } from './document';

export function schemaWithoutLine(model: DocumentModel, line: number, offset: number, options: Omit<ModelOptions, 'schemaProblems'>): Schema | undefined {
  const current = model.yaml?.documents.find((d) => offset >= d.span.start && offset <= d.span.end);
  if (current?.schema) return undefined;
  const lines = model.text.split('\n');
  lines[line] = '';
  const probe = buildModel({ uri: model.uri, languageId: 'yaml', text: lines.join('\n') }, { ...options, schemaProblems: false });
  return probe.yaml?.documents.find((d) => offset >= d.span.start && offset <= d.span.end + 1)?.schema?.entry?.schema;
}
