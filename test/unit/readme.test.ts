import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { constraintDoc, manifest, manifestPath, readmePath, renderManifest, renderReadme } from '../../scripts/readme-tables';
import { RULES } from '../../server/src/rules/registry';
import { ROOT } from '../helpers/paths';

describe('README', () => {
  it('rule and settings tables are current (run `npm run gen:docs`)', () => {
    const readme = fs.readFileSync(readmePath(), 'utf8');
    assert.equal(readme, renderReadme(readme, manifest()), 'README.md tables are stale: run npm run gen:docs');
  });

  it('the manifest lists the schema ids of the products (run `npm run gen:docs`)', () => {
    const raw = fs.readFileSync(manifestPath(), 'utf8');
    assert.equal(raw, renderManifest(raw), 'package.json: the tlsLens.yaml.schemas description is stale: run npm run gen:docs');
  });

  it('the products\' constraint rules have their generated doc pages (run `npm run gen:docs`)', () => {
    for (const r of RULES) {
      const doc = constraintDoc(r.meta.id);
      if (doc) assert.equal(fs.readFileSync(path.join(ROOT, 'docs/rules', `${r.meta.id}.md`), 'utf8'), doc, `docs/rules/${r.meta.id}.md is stale`);
    }
  });

  it('opens with the two commands, and .ci/run runs the README test command', () => {
    const readme = fs.readFileSync(readmePath(), 'utf8');
    const firstBlock = /```(?:sh|bash)?\n([\s\S]*?)```/.exec(readme)![1];
    assert.match(firstBlock, /npm ci && npm run demo/);
    assert.match(firstBlock, /npm test/);
    const ci = fs.readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
    assert.match(ci, /^npm test$/m);
  });

  it('every setting the server reads is in the manifest', () => {
    const props = Object.keys(manifest().contributes.configuration.properties);
    for (const key of ['tlsLens.expiryWarningDays', 'tlsLens.rules', 'tlsLens.maxFileSizeKB']) assert.ok(props.includes(key), key);
  });

  it('the Development section\'s tree agrees with server/src: every folder is described, and every folder described exists', () => {
    const readme = fs.readFileSync(readmePath(), 'utf8');
    const tree = /## Development\n\n```\n([\s\S]*?)```/.exec(readme)![1];
    const described = [...tree.matchAll(/^ {2}([a-z0-9]+)\/ /gm)].map((m) => m[1]).concat([...tree.matchAll(/^ {2}rules\/</gm)].map(() => 'rules'));
    const folders = fs.readdirSync(path.join(ROOT, 'server/src'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const f of folders) assert.ok(described.includes(f), `server/src/${f}/ is not in the README's Development tree`);
    for (const f of described) assert.ok(folders.includes(f), `the README's Development tree names server/src/${f}/, which does not exist`);
    for (const p of ['gateway-api', 'opschain', 'openchoreo', 'spinnaker', 'certctl']) assert.match(tree, new RegExp(p), `products/ lists ${p}`);
  });
});
