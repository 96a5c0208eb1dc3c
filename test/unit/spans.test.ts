/** Spans of a document's text (model/spans.ts): where findings about a whole file are shown. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { clipToLine, firstLineSpan, wholeSpan } from '../../server/src/model/spans';

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
