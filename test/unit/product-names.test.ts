/**
 * A product is named in code only in its own module (server/src/products/<id>.ts), its rule
 * folder (server/src/rules/<id>/) and the products list (server/src/products/index.ts): generic
 * code acts on the facts products state, so that adding a product is its module, its schema, its
 * rule folder, fixtures and docs. Comments and prose are not code: a rule's or a product's
 * citation, description, guide, summary, knowledge and messages name their sources, and
 * products/guides.ts is the table of those sources.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { PRODUCTS } from '../../server/src/products';
import { ROOT } from '../helpers/paths';

/**
 * Manifest families whose names are the shared vocabulary (a Secret, an Ingress, a cert-manager
 * issuer, Helm's ingress convention): generic code speaks of them by design.
 */
const FAMILIES = new Set(['kubernetes', 'cert-manager', 'helm-ingress']);

/** Properties whose string values are prose: sources and wording, not behaviour. */
const PROSE = /(?:citation|description|guide|summary|fixText|knows|messages)\s*:\s*[[{]?\s*(?:[\w-]+\s*:\s*)?$/;

/**
 * The code of a TypeScript file with comments removed and prose strings blanked: what is left
 * is identifiers, import paths and the strings code acts on.
 */
export function codeOf(text: string): string {
  let out = '';
  let i = 0;
  /** Inside `knows: [ … ]` or `messages: { … }`: every string of the bracket is prose. */
  let proseDepth = 0;
  let depth = 0;
  while (i < text.length) {
    const c = text[i];
    const two = text.slice(i, i + 2);
    if (two === '//') { const nl = text.indexOf('\n', i); i = nl < 0 ? text.length : nl; continue; }
    if (two === '/*') { const end = text.indexOf('*/', i + 2); i = end < 0 ? text.length : end + 2; continue; }
    if (c === '\'' || c === '"' || c === '`') {
      let j = i + 1;
      let nested = 0;
      while (j < text.length) {
        if (text[j] === '\\') { j += 2; continue; }
        if (c === '`' && text.slice(j, j + 2) === '${') { nested++; j += 2; continue; }
        if (c === '`' && nested > 0 && text[j] === '}') { nested--; j++; continue; }
        if (text[j] === c && nested === 0) break;
        j++;
      }
      const literal = text.slice(i, j + 1);
      const prose = proseDepth > 0 || PROSE.test(out.slice(-80));
      out += prose ? `${c}${c}` : literal;
      i = j + 1;
      continue;
    }
    if (c === '[' || c === '{') {
      depth++;
      if (proseDepth === 0 && /(?:knows|messages)\s*:\s*$/.test(out)) proseDepth = depth;
    }
    if (c === ']' || c === '}') {
      if (proseDepth === depth) proseDepth = 0;
      depth--;
    }
    out += c;
    i++;
  }
  return out;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'generated') out.push(...sources(p)); } else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Where a product may be named: its module, its rule folder, the products list and the table of guides. */
function allowed(file: string, id: string): boolean {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  return rel === `server/src/products/${id}.ts` || rel.startsWith(`server/src/rules/${id}/`) || rel === 'server/src/products/index.ts' || rel === 'server/src/products/guides.ts';
}

describe('products are named in their own modules only', () => {
  const products = PRODUCTS.filter((p) => !FAMILIES.has(p.id));

  it('the scan sees code, not comments or prose', () => {
    const code = codeOf("// openchoreo\nconst a = 'x'; /* spinnaker */\nconst meta = { citation: 'OpsChain TLS guide', messages: { m: 'certctl {{x}}' }, knows: ['OpenChoreo', `certctl`] };\nimport { b } from './openchoreo/helpers';\n");
    assert.doesNotMatch(code, /spinnaker|OpsChain|certctl|OpenChoreo/);
    assert.match(code, /\.\/openchoreo\/helpers/);
    assert.ok(products.length >= 4, products.map((p) => p.id).join(', '));
  });

  it('no product id or name in server/src or client/src code outside its module, its rule folder and the products list', () => {
    const found: string[] = [];
    for (const file of [...sources(path.join(ROOT, 'server/src')), ...sources(path.join(ROOT, 'client/src'))]) {
      const code = codeOf(fs.readFileSync(file, 'utf8'));
      for (const p of products) {
        if (allowed(file, p.id)) continue;
        const names = new RegExp([p.id, p.title.split(' (')[0]].map((n) => n.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|'), 'i');
        code.split('\n').forEach((line, i) => { if (names.test(line)) found.push(`${path.relative(ROOT, file)}:${i + 1} names ${p.id}: ${line.trim().slice(0, 120)}`); });
      }
    }
    assert.deepEqual(found, [], `product knowledge outside its module (state a generic fact in the product module instead):\n${found.join('\n')}`);
  });
});
