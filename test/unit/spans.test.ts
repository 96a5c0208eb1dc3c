/** Spans the model gives rules and features: of the text itself (model/spans.ts), of a YAML path (model/yamlPaths.ts). */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildModel } from '../../server/src/model/document';
import { clipToLine, firstLineSpan, wholeSpan } from '../../server/src/model/spans';
import { keyAt, keySpanOf, valueSpanOf } from '../../server/src/model/yamlPaths';
import { SCHEMA_SOURCE } from '../../server/src/products';

describe('text spans', () => {
  it('the first line, without its line break, bounded', () => {
    assert.deepEqual(firstLineSpan({ text: 'abc\ndef' }), { start: 0, end: 3 });
    assert.deepEqual(firstLineSpan({ text: 'abc' }), { start: 0, end: 3 });
    assert.deepEqual(firstLineSpan({ text: '\nabc' }), { start: 0, end: 0 });
    assert.deepEqual(firstLineSpan({ text: '' }), { start: 0, end: 0 });
    assert.deepEqual(firstLineSpan({ text: 'x'.repeat(500) + '\n' }), { start: 0, end: 200 });
    assert.deepEqual(firstLineSpan({ text: 'x'.repeat(90) }, 80), { start: 0, end: 80 });
    assert.deepEqual(firstLineSpan({ text: 'x'.repeat(79) + '\nmore' }, 80), { start: 0, end: 79 });
  });

  it('a span cut at the end of its first line; the whole text', () => {
    const model = { text: 'key: a\n  b\nc' };
    assert.deepEqual(clipToLine(model, { start: 5, end: 10 }), { start: 5, end: 6 });
    assert.deepEqual(clipToLine(model, { start: 11, end: 12 }), { start: 11, end: 12 });
    assert.deepEqual(clipToLine(model, { start: 0, end: 3 }), { start: 0, end: 3 });
    assert.deepEqual(wholeSpan(model), { start: 0, end: 12 });
  });
});

describe('YAML paths', () => {
  const text = 'spec:\n  tls:\n    - hosts: [a.example]\n      secretName: web-tls\n  empty:\n';
  const doc = buildModel({ uri: 'file:///x.yaml', languageId: 'yaml', text }, { maxFileSizeKB: 1024, schemas: SCHEMA_SOURCE }).yaml!.documents[0];
  const at = (s: { start: number; end: number } | undefined) => (s ? text.slice(s.start, s.end) : undefined);

  it('the span of a key and of a value at a path', () => {
    assert.equal(at(keySpanOf(doc, ['spec', 'tls', 0, 'secretName'])), 'secretName');
    assert.equal(at(valueSpanOf(doc, ['spec', 'tls', 0, 'secretName'])), 'web-tls');
    assert.equal(keySpanOf(doc, ['spec', 'tls', 0]), undefined);
    assert.equal(valueSpanOf(doc, ['spec', 'missing']), undefined);
  });

  it('the key under an offset, with its path', () => {
    assert.deepEqual(keyAt(doc, text.indexOf('secretName') + 2), { path: ['spec', 'tls', 0, 'secretName'], key: 'secretName' });
    assert.equal(keyAt(doc, text.indexOf('web-tls') + 2), undefined);
  });
});
