// The CodeLens and xref/hostname-not-covered read the same coverage (workspace/coverage.ts): over
// the xref fixture workspaces, the hosts a reference's lens counts as not covered are exactly
// those the rule reports, and its "covers N of M" says so.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine';
import { codeLenses } from '../../server/src/features/inventory';
import { NodeHost } from '../../server/src/host';
import { LineIndex } from '../../server/src/util/lineIndex';
import { languageFor } from '../../server/src/workspace/files';
import { documentInventory } from '../../server/src/workspace/inventory';
import { FIXTURE_NOW } from '../helpers/clock';
import { FIXTURES } from '../helpers/paths';

const XREF = path.join(FIXTURES, 'xref');
const RULE = 'xref/hostname-not-covered';
const key = (s: { start: number; end: number }) => `${s.start}-${s.end}`;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : languageFor(p) ? [p] : [];
  });
}

/** Per document of a fixture workspace: the hosts its lenses say are not covered, those the rule reports, and the lens counts. */
function compare(dir: string): { uncovered: number; problems: string[] } {
  const engine = new Engine({ host: new NodeHost({ roots: [dir] }), clock: () => FIXTURE_NOW, workspace: true });
  engine.workspace!.complete = true;
  const docs = files(dir).map((f) => { const text = fs.readFileSync(f, 'utf8'); return { uri: f, languageId: languageFor(f, text)!, text }; });
  const problems: string[] = [];
  let uncovered = 0;
  for (const { doc, model, findings } of engine.check(docs)) {
    const rel = path.relative(FIXTURES, doc.uri);
    // The rule's notCovered findings (its pending ones are about a Secret no file holds yet: no lens there).
    const reported = new Set(findings.filter((f) => f.ruleId === RULE && /is not covered by the certificate/.test(f.message)).map((f) => key(f.span)));
    const inv = documentInventory(model, doc.uri, engine.workspace, FIXTURE_NOW, 30);
    const lenses = codeLenses(inv, new LineIndex(doc.text));
    const shown = new Set<string>();
    inv.references.forEach((r, i) => {
      if (r.ref.role !== 'serve') return;
      const missed = r.hosts.filter((h) => !h.covered);
      for (const h of missed) shown.add(key(h.host.span));
      const title = lenses[i].command!.title;
      const m = / · covers (\d+) of (\d+) hosts?/.exec(title);
      const rule = r.hosts.filter((h) => reported.has(key(h.host.span))).length;
      if (!r.hosts.length) { if (m) problems.push(`${rel}: ${r.ref.via} serves no host, its lens says '${title}'`); return; }
      const agrees = m && Number(m[2]) === r.hosts.length && Number(m[1]) === r.hosts.length - rule;
      if (!agrees) problems.push(`${rel}: ${r.ref.via}: lens '${title}', rule reports ${rule}`);
    });
    uncovered += shown.size;
    for (const s of reported) if (!shown.has(s)) problems.push(`${rel}: the rule reports ${s}, the lens counts it covered`);
    for (const s of shown) if (!reported.has(s)) problems.push(`${rel}: the lens counts ${s} not covered, the rule says nothing`);
  }
  return { uncovered, problems };
}

describe('hostname coverage: CodeLens and xref/hostname-not-covered agree', () => {
  const dirs = fs.readdirSync(XREF).map((d) => path.join(XREF, d)).filter((d) => fs.statSync(d).isDirectory()).sort();
  for (const dir of dirs) it(path.relative(FIXTURES, dir), () => assert.deepEqual(compare(dir).problems, []));
  it('the fixtures hold hosts not covered (the comparison is not vacuous)', () => {
    const { uncovered } = compare(path.join(XREF, 'bad-hostname-not-covered'));
    assert.ok(uncovered >= 2, `${uncovered} hosts not covered`);
  });
});
