// The inventory lists every certificate the checks see, where they see it, and no other: over
// the examples, every fixture and the real upstream files (../shared/corpus), the certificates
// (SHA-256, and the files they are in) the `pem/*` rules check (certificatesToCheck over each
// document's model, read as `tls-lens check` reads the files) are those `tls-lens inventory
// --format json` lists.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine';
import { readWorkspace } from '../../server/src/cli/workspace';
import { certificatesToCheck } from '../../server/src/rules/pem/helpers';
import type { Rule } from '../../server/src/rules/types';
import { FIXTURE_NOW } from '../helpers/clock';
import { FIXTURES, ROOT, SHARED } from '../helpers/paths';
import { cli } from '../helpers/run';

const hex = (sha256: string) => sha256.replace(/:/g, '').toLowerCase();
/** A certificate in a file: `sha256 path` (relative to the repository). */
const at = (sha256: string, file: string) => `${hex(sha256)} ${path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/')}`;

/** What `tls-lens check` checks: the same files, the same models, the certificates every `pem/*` rule iterates. */
function checked(root: string): Set<string> {
  const { host, docs } = readWorkspace([root], { maxFileSizeKB: DEFAULT_SETTINGS.maxFileSizeKB, pathMappings: {}, restricted: false });
  const seen = new Set<string>();
  const probe: Rule = {
    meta: { id: 'test/certificates-checked', appliesTo: 'any', severity: 'hint', description: 'Collects the certificates the pem rules check.', citation: 'test', messages: {} },
    check(ctx) { for (const c of certificatesToCheck(ctx)) seen.add(at(c.item.cert.sha256, c.keystore ? c.keystore.file : ctx.path)); },
  };
  const engine = new Engine({ host, clock: () => FIXTURE_NOW, workspace: true, rules: [probe] });
  engine.workspace!.complete = true;
  engine.check(docs);
  return seen;
}

/** What `tls-lens inventory` lists. */
function listed(root: string): { places: Set<string>; skipped: unknown[] } {
  const r = cli(['inventory', '--format', 'json', root]);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { certificates: { sha256: string; locations: { file: string }[] }[]; skipped: unknown[] };
  return { places: new Set(out.certificates.flatMap((c) => c.locations.map((l) => at(c.sha256, l.file)))), skipped: out.skipped };
}

function same(root: string): void {
  const a = checked(root);
  const b = listed(root);
  assert.deepEqual(b.skipped, [], `${root}: nothing is over the size limit`);
  const rel = path.relative(ROOT, root);
  assert.ok(a.size > 0, `${rel}: holds certificates`);
  assert.deepEqual([...a].filter((s) => !b.places.has(s)), [], `${rel}: checked there but not listed there by the inventory`);
  assert.deepEqual([...b.places].filter((s) => !a.has(s)), [], `${rel}: listed there by the inventory but not checked there`);
}

describe('inventory and check see the same certificates', () => {
  it('examples/', () => same(path.join(ROOT, 'examples')));

  it('test/fixtures', () => same(FIXTURES));

  it('../shared/corpus (a certificate in an OpenChoreo ComponentType block scalar)', (t) => {
    const corpus = path.join(SHARED, 'corpus');
    if (!fs.existsSync(corpus)) return t.skip(`${corpus} is absent: the corpus lives in ../shared beside the clone`);
    same(corpus);
    // A PEM block under a ComponentType's `value: |`: check reports it expired at 2037, and the inventory lists it.
    const file = path.join(corpus, 'openchoreo/openchoreo+openchoreo/samples/component-types/component-tls-service/tls-service-component.yaml');
    if (fs.existsSync(file)) assert.equal(listed(file).places.size, 1);
  });
});
