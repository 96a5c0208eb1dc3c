import type { DocumentSymbol } from 'vscode-languageserver-types';
import type { DocumentModel } from '../model/document';
import { commonName } from '../x509/certificate';
import { describeKey } from '../x509/publicKey';
import type { LineIndex } from '../util/lineIndex';

// LSP SymbolKind values.
const KIND = { Object: 19, Key: 20, Event: 24, Struct: 23, Null: 21 } as const;

/** One symbol per PEM block; `lines` turns its offsets into positions (the caller's, as for hover and completion). */
export function documentSymbols(model: DocumentModel, lines: LineIndex): DocumentSymbol[] {
  return model.pem.items.map((item) => {
    let name: string;
    let detail: string;
    let kind: number;
    switch (item.kind) {
      case 'certificate':
        name = commonName(item.cert) ?? (item.cert.subject.text || '(empty subject)');
        detail = `certificate · until ${item.cert.notAfter.toISOString().slice(0, 10)}`;
        kind = KIND.Object;
        break;
      case 'privateKey':
        name = item.key.encrypted ? 'encrypted private key' : `private key ${describeKey(item.key)}`;
        detail = item.block.label;
        kind = KIND.Key;
        break;
      case 'publicKey':
        name = `public key ${describeKey(item.key)}`;
        detail = item.block.label;
        kind = KIND.Key;
        break;
      case 'csr':
        name = commonName(item.csr) ?? (item.csr.subject.text || 'certificate request');
        detail = 'certificate request';
        kind = KIND.Event;
        break;
      case 'malformed':
        name = `malformed ${item.block.label}`;
        detail = item.error;
        kind = KIND.Null;
        break;
      default:
        name = item.block.label;
        detail = 'PEM block';
        kind = KIND.Struct;
    }
    const range = { start: lines.positionAt(item.block.span.start), end: lines.positionAt(item.block.span.end) };
    const selectionRange = { start: lines.positionAt(item.block.beginSpan.start), end: lines.positionAt(item.block.beginSpan.end) };
    return { name: name || '(unnamed)', detail, kind: kind as DocumentSymbol['kind'], range, selectionRange };
  });
}
