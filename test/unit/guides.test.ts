// Users see the products' guides by name ("OpsChain TLS guide", "Spinnaker mTLS guide"…), never
// the numbers of the internal design documents they were read from ("seed 000", "(002, Step 4)"):
// not in rule metadata, product knowledge, schemas, docs/, the README or the CLI's help.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/rules/registry';
import { PRODUCTS } from '../../server/src/products';
import { USAGE } from '../../server/src/cli/check';
import { GENERATE_USAGE } from '../../server/src/cli/generate';
import { INVENTORY_USAGE } from '../../server/src/cli/inventory';
import { ROOT } from '../helpers/paths';

/** `seed 003`, and the bare numbers product texts used for them: `(003, "Deploy with TLS")`, `(001)`. */
const SEED = [/seed \d{3}/i, /\(00[0-4][,)]/, /, 00[0-4], /];

function offending(where: string, text: string): string[] {
  return SEED.flatMap((re) => {
    const m = re.exec(text);
    return m ? [`${where}: …${text.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\s+/g, ' ')}…`] : [];
  });
}

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p, ext));
    else if (ext.test(e.name)) out.push(p);
  }
  return out;
}

describe('no internal seed numbers in what users see', () => {
  it('rule metadata: descriptions, citations, messages', () => {
    assert.deepEqual(RULES.flatMap((r) => offending(r.meta.id, JSON.stringify(r.meta))), []);
  });

  it('product modules: guide, summary, knowledge, constraints and bundles (README Products section, generated bundles)', () => {
    assert.deepEqual(PRODUCTS.flatMap((p) => offending(p.id, JSON.stringify({ guide: p.guide, summary: p.summary, knows: p.knows, constraints: p.constraints, bundle: p.bundle?.description }))), []);
    // The bundles' file purposes, notes and snippets are written in the modules' code.
    assert.deepEqual(files(path.join(ROOT, 'server/src/products'), /\.ts$/).flatMap((f) => offending(path.relative(ROOT, f), fs.readFileSync(f, 'utf8'))), []);
  });

  it('schemas/*.json: descriptions and x-source', () => {
    assert.deepEqual(files(path.join(ROOT, 'schemas'), /\.json$/).flatMap((f) => offending(path.relative(ROOT, f), fs.readFileSync(f, 'utf8'))), []);
  });

  it('docs/ and README.md', () => {
    const docs = [...files(path.join(ROOT, 'docs'), /\.md$/), path.join(ROOT, 'README.md')];
    assert.ok(docs.length > 50, `${docs.length} pages`);
    assert.deepEqual(docs.flatMap((f) => offending(path.relative(ROOT, f), fs.readFileSync(f, 'utf8'))), []);
  });

  it('the CLI help', () => {
    assert.deepEqual([USAGE, GENERATE_USAGE, INVENTORY_USAGE].flatMap((u, i) => offending(`usage ${i}`, u)), []);
  });
});
