/**
 * Completion in half-typed YAML: when the document as typed selects no schema at a position (the
 * line being typed may break the parse, or the recognising keys), the schema the document selects
 * without that line (its model built again by `remodel`, the engine's).
 */
import type { Schema } from '../schema/resolve';
import type { DocumentModel, SourceDocument } from './document';

export function schemaWithoutLine(model: DocumentModel, line: number, offset: number, remodel: (doc: SourceDocument) => DocumentModel): Schema | undefined {
  const current = model.yaml?.documents.find((d) => offset >= d.span.start && offset <= d.span.end);
  if (current?.schema) return undefined;
  const lines = model.text.split('\n');
  lines[line] = '';
  const probe = remodel({ uri: model.uri, languageId: 'yaml', text: lines.join('\n') });
  return probe.yaml?.documents.find((d) => offset >= d.span.start && offset <= d.span.end + 1)?.schema?.entry?.schema;
}
