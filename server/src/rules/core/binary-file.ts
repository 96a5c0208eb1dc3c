import type { Rule } from '../types';
import { firstLineSpan } from '../../model/spans';

export const rule: Rule = {
  meta: {
    id: 'core/binary-file',
    appliesTo: 'any',
    severity: 'information',
    description: 'A file that holds binary data (NUL bytes) where text is expected, such as a DER certificate or a PKCS#12 store opened as PEM.',
    citation: 'RFC 7468 §2 (PEM is text); DER (X.690) and PKCS#12 (RFC 7292) are binary',
    messages: {
      binary: 'This file is binary, not PEM text: a DER certificate or a PKCS#12/JKS store? Convert it with `openssl x509 -inform der -in FILE` to read it here.',
    },
  },
  check(ctx) {
    if (!ctx.model.binary) return;
    const line = firstLineSpan(ctx.model, 80);
    // A file that starts with a line break: its first character.
    ctx.report({ span: line.end > 0 ? line : { start: 0, end: 1 }, messageId: 'binary' });
  },
};
