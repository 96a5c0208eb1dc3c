/**
 * Arrows point down the flow (parse → model → products → workspace → rules → features): a rule
 * reads the model, never the text or the parsers, and a feature presents what the model and the
 * rules computed. So no file under server/src/rules/ or server/src/features/ imports from
 * server/src/parse/ or reads a document model's `text`: what they need the model gives
 * (model/yamlPaths.ts, spans.ts, yamlEdit.ts, typing.ts, nginxWalk.ts). Files are read with the
 * TypeScript parser: comments and strings are not code.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import { ROOT } from '../helpers/paths';

const SRC = path.join(ROOT, 'server/src');
const PARSE = path.join(SRC, 'parse');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out.sort();
}

/** `model`, `ctx.model`, `ctx?.model`: an expression that names a document model. */
function isModel(e: ts.Expression): boolean {
  return (ts.isIdentifier(e) && e.text === 'model') || (ts.isPropertyAccessExpression(e) && e.name.text === 'model');
}

const isRequire = (e: ts.Expression) => ts.isIdentifier(e) && e.text === 'require';

/** A module specifier that lands in server/src/parse/ (the folder itself, or a file under it). */
function intoParse(file: string, spec: string): boolean {
  if (!spec.startsWith('.')) return false;
  const target = path.resolve(path.dirname(file), spec);
  return target === PARSE || target.startsWith(PARSE + path.sep);
}

/** What a file breaks of the rule, one entry each (`line: what`). */
function violations(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const at = (n: ts.Node, what: string) => found.push(`${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${what}`);
  const visit = (n: ts.Node): void => {
    // import … from, export … from, import('…'), require('…'), import('…').Type
    let spec: ts.Expression | undefined;
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier) spec = n.moduleSpecifier;
    else if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || isRequire(n.expression))) spec = n.arguments[0];
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) spec = n.argument.literal;
    if (spec && ts.isStringLiteralLike(spec) && intoParse(file, spec.text)) at(n, `imports ${spec.text} (a parser: ask the model)`);
    // model.text, ctx.model.text, model?.text, model['text'], const { text } = ctx.model
    if (ts.isPropertyAccessExpression(n) && n.name.text === 'text' && isModel(n.expression)) at(n, `reads ${n.getText(sf)} (the document text)`);
    if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression) && n.argumentExpression.text === 'text' && isModel(n.expression)) {
      at(n, `reads ${n.getText(sf)} (the document text)`);
    }
    if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer && isModel(n.initializer)) {
      const names = n.name.elements.map((e) => (e.propertyName ?? e.name).getText(sf));
      if (names.includes('text')) at(n, `reads the document text (${n.getText(sf)})`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('layering: rules and features read the model, not the text or the parsers', () => {
  it('the scan finds parser imports and text reads, not comments, strings or other text', () => {
    const rule = path.join(SRC, 'rules/x/y.ts');
    const bad = [
      "import { locate } from '../../parse/yaml';",
      "import type { PathSegment } from '../../parse/yaml';",
      "export { locate } from '../../parse/yaml';",
      "import * as p from '../../parse';",
      "const t = require('../../parse/pem');",
      "const m = await import('../../parse/nginx');",
      "let d: import('../../parse/yaml').YamlDocument;",
      'const end = ctx.model.text.indexOf(x);',
      'f(model.text);',
      "const t = ctx.model['text'];",
      'const { text } = ctx.model;',
      'const { text: source } = model;',
    ];
    for (const line of bad) assert.equal(violations(rule, line).length, 1, line);
    const ok = [
      "import { keySpanOf } from '../../model/yamlPaths';",
      "import { parseGoDuration } from '../../schema/formats';",
      "import { parse } from 'yaml';",
      '// never ctx.model.text, nor ../../parse/yaml',
      '/* model.text */ const a = 1;',
      "const s = 'ctx.model.text';",
      'const name = c.subject.text;',
      'const { yaml } = ctx.model;',
    ];
    for (const line of ok) assert.deepEqual(violations(rule, line), [], line);
    assert.deepEqual(violations(rule, '/*\n\n*/ f(ctx.model.text);'), ['3: reads ctx.model.text (the document text)']);
  });

  for (const folder of ['rules', 'features']) {
    it(`no file under server/src/${folder}/ imports server/src/parse/ or reads a document's text`, () => {
      const files = sources(path.join(SRC, folder));
      assert.ok(files.length > 10, `only ${files.length} files under server/src/${folder}`);
      const found = files.flatMap((f) => violations(f, fs.readFileSync(f, 'utf8')).map((v) => `${path.relative(ROOT, f)}:${v}`));
      assert.deepEqual(found, [], `the model gives what these need (model/yamlPaths.ts, spans.ts, yamlEdit.ts, typing.ts, nginxWalk.ts):\n${found.join('\n')}`);
    });
  }
});
