/**
 * Agreement with the API server: the Gateway API project's own CRD validation tests (v1.6.1,
 * test/fixtures/gateway-api/cel-cases.json), each checked by the engine. A case the API server
 * accepts must give no problem; one it rejects must give a problem for each expected error: the
 * CRD's own message for a validation rule (CEL), or a problem on the field an OpenAPI error names
 * (`spec.validation.hostname in body should be at least 1 chars long`), whatever its wording.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { locate, PathSegment } from '../../server/src/parse/yaml';
import { modelOf } from '../helpers/engine';
import { FIXTURES } from '../helpers/paths';

interface Case { readonly source: string; readonly manifest: Record<string, unknown>; readonly wantErrors: readonly string[] }

const CASES: readonly Case[] = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'gateway-api', 'cel-cases.json'), 'utf8'));

/** The field an OpenAPI error names: `spec.addresses[0].value in body must be of type ipv4`. */
function fieldOf(want: string): PathSegment[] | undefined {
  const m = /((?:spec|metadata)(?:\.[A-Za-z]+|\[\d+\])*) in body/.exec(want);
  if (!m) return undefined;
  return [...m[1].matchAll(/([A-Za-z]+)|\[(\d+)\]/g)].map((x) => (x[2] !== undefined ? Number(x[2]) : x[1]));
}

function verdict(c: Case): { problems: string[]; missing: string[] } {
  const text = stringify(c.manifest);
  const model = modelOf({ uri: 'file:///case.yaml', languageId: 'yaml', text });
  const d = model.yaml!.documents[0];
  const problems = d.problems;
  const missing = c.wantErrors.filter((want) => {
    if (problems.some((p) => p.message.includes(want) || p.message.includes(want.replace(/\bmore\b/, 'longer')))) return false;
    const field = fieldOf(want);
    const at = field && locate(d.doc, field);
    return !at || !problems.some((p) => p.span.start === at.valueSpan?.start || p.span.start === at.keySpan?.start);
  });
  return { problems: problems.map((p) => p.message), missing };
}

describe('Gateway API CRD validation: agreement with the project\'s own tests (v1.6.1)', () => {
  it('has the cases', () => assert.ok(CASES.length >= 60, `${CASES.length} cases`));
  for (const c of CASES) {
    it(`${c.wantErrors.length ? 'rejects' : 'accepts'}: ${c.source.replace(/^tests\/cel\//, '')}`, () => {
      const { problems, missing } = verdict(c);
      if (c.wantErrors.length === 0) assert.deepEqual(problems, [], 'the API server accepts it');
      else assert.deepEqual(missing, [], `the API server says these; TLS Lens said ${JSON.stringify(problems)}`);
    });
  }
});
