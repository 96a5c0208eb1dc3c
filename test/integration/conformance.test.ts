import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runLimbo } from '../../scripts/conformance';
import { SHARED } from '../helpers/paths';

describe('x509-limbo conformance (npm run conformance)', () => {
  it('agrees on at least 99% of the cases in scope (name matching, EKU, basic constraints, validity, chain building)', (t) => {
    const file = path.join(SHARED, 'x509-limbo/limbo.json');
    if (!fs.existsSync(file)) return t.skip(`${file} is absent: x509-limbo lives in ../shared beside the clone`);
    const r = runLimbo(file);
    assert.ok(r.total >= 70, `only ${r.total} cases in scope`);
    assert.ok(r.agree / r.total >= 0.99, `x509-limbo: ${r.agree}/${r.total} agree\n${r.disagreements.join('\n')}`);
  });
});
