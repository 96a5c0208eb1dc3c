import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, Engine, Finding } from '../../server/src/engine';
import { NodeHost } from '../../server/src/host';
import { languageFor } from '../../server/src/workspace/files';
import { normalizeSettings } from '../../server/src/settings';
import { CORE_FOLDERS, RULES } from '../../server/src/rules/registry';
import { FOLDERS } from '../../server/src/rules/generated/folders';
import { PRODUCTS } from '../../server/src/products';
import { LineIndex } from '../../server/src/util/lineIndex';
import { FIXTURE_NOW } from '../helpers/clock';
import { readExpectations } from '../helpers/expectations';
import { FIXTURES, ROOT } from '../helpers/paths';

function fixtureFiles(): string[] {
  const out: string[] = [];
  for (const domain of fs.readdirSync(FIXTURES)) {
    const dir = path.join(FIXTURES, domain);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir)) if (/^(bad|ok)-/.test(f) && fs.statSync(path.join(dir, f)).isFile()) out.push(path.join(dir, f));
  }
  return out.sort();
}

/** Fixture folders: a small workspace each (cross-file rules), expectations inline in its files. */
function fixtureWorkspaces(): string[] {
  const out: string[] = [];
  for (const domain of fs.readdirSync(FIXTURES)) {
    const dir = path.join(FIXTURES, domain);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir)) if (/^(bad|ok)-/.test(f) && fs.statSync(path.join(dir, f)).isDirectory()) out.push(path.join(dir, f));
  }
  return out.sort();
}

function check(file: string, text: string, findings: readonly Finding[]): { problems: string[]; expected: number } {
  const { expectations } = readExpectations(text);
  const index = new LineIndex(text);
  const unmatched = [...findings];
  const problems: string[] = [];
  for (const e of expectations) {
    const i = unmatched.findIndex((f) =>
      f.ruleId === e.rule &&
      f.severity === e.severity &&
      (e.range
        ? (() => { const a = index.positionAt(f.span.start); const b = index.positionAt(f.span.end); return a.line === e.range.line && b.line === e.range.line && a.character === e.range.start && b.character === e.range.end; })()
        : e.span ? f.span.start === e.span.start && f.span.end === e.span.end : index.positionAt(f.span.start).line === e.startLine) &&
      (!e.message || e.message.test(f.message)));
    if (i < 0) problems.push(`${path.basename(file)} line ${e.line + 1}: expected ${e.severity} ${e.rule}${e.message ? ` ${e.message}` : ''}, not reported`);
    else unmatched.splice(i, 1);
  }
  for (const f of unmatched) problems.push(`${path.basename(file)} unexpected: ${describeFinding(f, index)}`);
  return { problems, expected: expectations.length };
}

function describeFinding(f: Finding, index: LineIndex): string {
  const s = index.positionAt(f.span.start);
  const e = index.positionAt(f.span.end);
  return `${f.severity} ${f.ruleId} ${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1} "${f.message}"`;
}

/**
 * A fixture file is checked as `tls-lens check <file>` and the editor with that one file check it:
 * through the engine, in a workspace of that file alone (its folder is the workspace folder), so
 * that cross-file rules run, and what it names that no file holds is said to be missing.
 */
function checkAlone(file: string, text: string, settings: Record<string, unknown>): readonly Finding[] {
  const engine = new Engine({
    host: new NodeHost({ roots: [path.dirname(file)] }),
    settings: { ...DEFAULT_SETTINGS, ...normalizeSettings({ ...DEFAULT_SETTINGS, ...settings }) },
    clock: () => FIXTURE_NOW,
    workspace: true,
  });
  engine.workspace!.complete = true;
  return engine.check([{ uri: file, languageId: languageFor(file) ?? 'pem', text }])[0].findings;
}

describe('rule fixtures (inline expectations)', () => {
  for (const file of fixtureFiles()) {
    const rel = path.relative(ROOT, file);
    it(rel, () => {
      const text = fs.readFileSync(file, 'utf8');
      const { expectations, settings } = readExpectations(text);
      const findings = checkAlone(file, text, settings);
      const { problems } = check(file, text, findings);
      const index = new LineIndex(text);
      if (path.basename(file).startsWith('bad-')) assert.ok(expectations.length > 0, 'a bad-* fixture must expect at least one finding');
      assert.deepEqual(problems, [], `${rel}:\n  ${problems.join('\n  ')}\nall findings:\n  ${findings.map((f) => describeFinding(f, index)).join('\n  ')}`);
    });
  }
});

describe('rule fixture workspaces (cross-file, inline expectations)', () => {
  for (const dir of fixtureWorkspaces()) {
    const rel = path.relative(ROOT, dir);
    it(rel, () => {
      const settingsFile = path.join(dir, 'tls-lens-test-settings.json');
      const extra = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
      const files: string[] = [];
      const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (languageFor(p)) files.push(p); });
      walk(dir);
      const host = new NodeHost({ roots: [dir], pathMappings: extra.pathMappings ?? {} });
      const engine = new Engine({ host, clock: () => FIXTURE_NOW, workspace: true });
      engine.workspace!.complete = true;
      // The engine's one entry for a set of documents, as the CLI and the language server use it.
      const docs = files.map((f) => { const text = fs.readFileSync(f, 'utf8'); return { uri: f, languageId: languageFor(f, text)!, text }; });
      const checked = engine.check(docs);
      const problems: string[] = [];
      let expected = 0;
      for (const c of checked) {
        const r = check(c.doc.uri, c.doc.text, c.findings);
        problems.push(...r.problems);
        expected += r.expected;
      }
      if (path.basename(dir).startsWith('bad-')) assert.ok(expected > 0, 'a bad-* workspace must expect at least one finding');
      assert.deepEqual(problems, []);
    });
  }
});

/** Rules whose bad input cannot be a fixture file, and the test that proves them instead. */
const PROVEN_ELSEWHERE: Record<string, string> = {
  'core/internal-error': 'test/unit/internal-error.test.ts',
  // Their facts come from running helm, which the fixture engine does not: a real helm proves them.
  'render/not-rendered': 'test/integration/render.test.ts',
  'render/render-failed': 'test/integration/render.test.ts',
};

describe('rule metadata', () => {
  for (const rule of RULES) {
    const { id } = rule.meta;
    it(`${id}: file, fixtures, docs, metadata`, () => {
      const [domain, name] = id.split('/');
      assert.match(id, /^[a-z0-9-]+\/[a-z0-9-]+$/);
      const source = rule.meta.source ?? `server/src/rules/${id}.ts`;
      assert.ok(fs.existsSync(path.join(ROOT, source)), `rule file ${source} (id = path, or the product module of a constraint)`);
      const fixtures = fs.existsSync(path.join(FIXTURES, domain)) ? fs.readdirSync(path.join(FIXTURES, domain)) : [];
      const proof = PROVEN_ELSEWHERE[id];
      if (proof) {
        // No input makes TLS Lens crash on purpose: the test injects a failing rule and parser.
        assert.ok(fs.existsSync(path.join(ROOT, proof)), `${id} is proven by ${proof}`);
        assert.ok(fs.existsSync(path.join(ROOT, 'docs/rules', `${id}.md`)), `missing doc docs/rules/${id}.md`);
        return;
      }
      assert.ok(fixtures.some((f) => f.startsWith(`bad-${name}.`) || f === `bad-${name}`), `missing fixture test/fixtures/${domain}/bad-${name}.* (or a bad-${name}/ workspace)`);
      assert.ok(fixtures.some((f) => f.startsWith(`ok-${name}.`) || f === `ok-${name}`), `missing fixture test/fixtures/${domain}/ok-${name}.* (or an ok-${name}/ workspace)`);
      assert.ok(fs.existsSync(path.join(ROOT, 'docs/rules', `${id}.md`)), `missing doc docs/rules/${id}.md`);
      assert.ok(rule.meta.description.length > 10 && !rule.meta.description.includes('\n'), 'one-line description');
      assert.ok(rule.meta.citation.length > 3, 'citation');
      assert.ok(Object.keys(rule.meta.messages).length > 0, 'messages');
    });
  }
  it('every rule folder is registered: a core folder, or a product\'s (its id)', () => {
    for (const folder of Object.keys(FOLDERS)) assert.ok(CORE_FOLDERS.includes(folder) || PRODUCTS.some((p) => p.id === folder), `rules/${folder}/ is neither a core folder (registry.ts) nor a product's id: its rules would not run`);
    assert.equal(RULES.length, Object.values(FOLDERS).flat().length + PRODUCTS.flatMap((p) => p.constraints).length);
  });
  it('rule ids are unique', () => {
    assert.equal(new Set(RULES.map((r) => r.meta.id)).size, RULES.length);
  });
});
