/** Go to definition on a reference (a path, a secretName, a clientCA value): where the workspace index found it. */
import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver-types';
import type { DocumentModel } from '../model/document';
import { referenceAt } from '../products/refs';
import type { WorkspaceView } from '../workspace/view';
import { LineIndex, Position } from '../util/lineIndex';

export function referenceDefinition(model: DocumentModel, position: Position, index: LineIndex, path: string, ws: WorkspaceView | undefined): Location | null {
  const ref = referenceAt(model, index.offsetAt(position));
  if (!ref || !ws) return null;
  const res = ws.resolve(ref, path);
  if (!res) return null;
  const start = ws.position(res.where.path, res.where.span.start) ?? { line: 0, character: 0 };
  const end = ws.position(res.where.path, res.where.span.end) ?? start;
  return { uri: pathToFileURL(res.where.path).href, range: { start, end } };
}
