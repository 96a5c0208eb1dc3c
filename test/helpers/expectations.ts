/**
 * Inline expectations in fixtures, in the fixture's own comment syntax:
 *   # expect-next-block: <severity> <rule-id> [/message regex/]   the next PEM block's span
 *   # expect-next-line: <severity> <rule-id> [/regex/]             a finding starting on the next line
 *   # expect-first-line: <severity> <rule-id> [/regex/]            a finding starting on line 1
 *   # tls-lens-test-settings: {json}                                engine settings for this fixture
 */
import { parsePem } from '../../server/src/parse/pem';

export interface Expectation {
  readonly line: number; // where the annotation is (0-based), for messages
  readonly severity: string;
  readonly rule: string;
  readonly message?: RegExp;
  /** Exact span, or only the start line. */
  readonly span?: { start: number; end: number };
  readonly startLine?: number;
  /** Exact position range (carets). */
  readonly range?: { line: number; start: number; end: number };
}

const ANNOTATION = /expect-(next-block|next-line|first-line):\s*(error|warning|information|hint)\s+(\S+)(?:\s+\/(.*)\/)?\s*$/;
/** Carets under the exact span on the nearest line above that is not an annotation: `#    ^^^^ warning id /re/`. */
const CARETS = /^(\s*#\s*?)(\^+)\s+(error|warning|information|hint)\s+(\S+)(?:\s+\/(.*)\/)?\s*$/;

export function readExpectations(text: string): { expectations: Expectation[]; settings: Record<string, unknown> } {
  const blocks = parsePem(text).blocks;
  const expectations: Expectation[] = [];
  let settings: Record<string, unknown> = {};
  let offset = 0;
  const lines = text.split('\n');
  lines.forEach((lineText, line) => {
    const s = /tls-lens-test-settings:\s*(\{.*\})/.exec(lineText);
    if (s) settings = JSON.parse(s[1]);
    const c = CARETS.exec(lineText);
    if (c) {
      let target = line - 1;
      while (target >= 0 && CARETS.test(lines[target])) target--;
      // `#^^^` (carets right after the comment marker) starts at the marker's own column, so a
      // span at column 0 can be marked.
      const glued = c[1].endsWith('#');
      const start = glued ? c[1].length - 1 : c[1].length;
      const end = c[1].length + c[2].length;
      expectations.push({ line, severity: c[3], rule: c[4], ...(c[5] ? { message: new RegExp(c[5]) } : {}), range: { line: target, start, end } });
    }
    const m = c ? null : ANNOTATION.exec(lineText);
    if (m) {
      const base = { line, severity: m[2], rule: m[3], ...(m[4] ? { message: new RegExp(m[4]) } : {}) };
      if (m[1] === 'next-block') {
        const block = blocks.find((b) => b.span.start > offset);
        if (!block) throw new Error(`line ${line + 1}: expect-next-block with no block after it`);
        expectations.push({ ...base, span: block.span });
      } else if (m[1] === 'next-line') {
        expectations.push({ ...base, startLine: line + 1 });
      } else {
        expectations.push({ ...base, startLine: 0 });
      }
    }
    offset += lineText.length + 1;
  });
  return { expectations, settings };
}
