/** What a completion provider is given: the document's model and the cursor. */
import type { DocumentModel } from '../../model/document';
import type { Schema } from '../../schema/resolve';
import type { LineIndex, Position } from '../../util/lineIndex';

export interface CompletionContext {
  readonly model: DocumentModel;
  readonly position: Position;
  readonly lines: LineIndex;
  /** YAML: the schema to offer keys from when the document does not parse with the cursor's line in it. */
  readonly fallbackSchema?: Schema;
}
