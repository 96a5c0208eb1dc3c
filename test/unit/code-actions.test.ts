/**
 * Code actions from the diagnostic alone: the data a finding's fix becomes survives the trip to
 * the client and back (JSON), and data the client sends back that does not have that shape (another
 * extension's, a malformed or partial value) offers no action instead of failing the request.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Command, Diagnostic } from 'vscode-languageserver-types';
import { isGenerateFix } from '../../server/src/core/fixes';
import type { GenerateFix } from '../../server/src/core/fixes';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine';
import { codeActions } from '../../server/src/features/codeActions';
import { toDiagnostics } from '../../server/src/features/diagnostics';
import { fixDataOf } from '../../server/src/features/fixData';
import { NodeHost } from '../../server/src/host';
import { LineIndex } from '../../server/src/util/lineIndex';
import { languageFor } from '../../server/src/workspace/files';
import { FIXTURE_NOW } from '../helpers/clock';
import { checkAlone } from '../helpers/engine';
import { FIXTURES } from '../helpers/paths';

/** Diagnostics as the client sends them back in a code-action request. */
function sentBack(uri: string, languageId: string, text: string): Diagnostic[] {
  return JSON.parse(JSON.stringify(toDiagnostics(checkAlone({ uri, languageId, text }).findings, new LineIndex(text)))) as Diagnostic[];
}

const command = (fix: GenerateFix): Command => ({ title: fix.title, command: 'generate', arguments: [fix] });

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
const diagnostic = (data: unknown): Diagnostic => ({ range, message: 'm', source: 'TLS Lens', code: 'x/y', data });

describe('code actions from diagnostic data', () => {
  it('text fixes and generate actions survive the trip to the client and back', () => {
    const nginx = 'server {\n    listen 443 ssl;\n    ssl_protocols TLSv1 TLSv1.2;\n}\n';
    const actions = codeActions('file:///w/nginx.conf', sentBack('/w/nginx.conf', 'nginx', nginx));
    const legacy = actions.find((a) => a.title.startsWith('Set ssl_protocols'));
    assert.ok(legacy, actions.map((a) => a.title).join('\n'));
    assert.equal(legacy.edit!.changes!['file:///w/nginx.conf'][0].newText, 'TLSv1.2 TLSv1.3');

    const pem = fs.readFileSync(path.join(FIXTURES, 'pem/bad-cert-expired.pem'), 'utf8');
    const generated: GenerateFix[] = [];
    const renew = codeActions('file:///w/c.pem', sentBack('/w/c.pem', 'pem', pem), (fix) => { generated.push(fix); return command(fix); });
    assert.ok(generated.length > 0, 'an expired certificate offers a renewal');
    assert.ok(generated.every((g) => g.action === 'renew' && isGenerateFix(g)));
    assert.deepEqual(renew.filter((a) => a.command).map((a) => a.title), generated.map((g) => g.title));
  });

  it('the guard keeps every fix the rules write on the fixtures (files and workspaces)', () => {
    const kinds = new Set<string>();
    let fixes = 0;
    const keep = (checked: readonly { doc: { text: string }; findings: Parameters<typeof toDiagnostics>[0] }[]) => {
      for (const c of checked) {
        for (const d of JSON.parse(JSON.stringify(toDiagnostics(c.findings, new LineIndex(c.doc.text)))) as Diagnostic[]) {
          if (d.data === undefined) continue;
          const data = fixDataOf(d.data);
          assert.ok(data, `${String(d.code)}: ${JSON.stringify(d.data)}`);
          if ('generate' in data) kinds.add(data.generate.action); else fixes++;
        }
      }
    };
    for (const domain of fs.readdirSync(FIXTURES)) {
      const dir = path.join(FIXTURES, domain);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const f of fs.readdirSync(dir).filter((x) => x.startsWith('bad-')).map((x) => path.join(dir, x))) {
        const files: string[] = [];
        const walk = (p: string): void => {
          if (fs.statSync(p).isDirectory()) fs.readdirSync(p).forEach((e) => walk(path.join(p, e)));
          else if (languageFor(p)) files.push(p);
        };
        walk(f);
        const host = new NodeHost({ roots: [fs.statSync(f).isDirectory() ? f : dir] });
        const engine = new Engine({ host, settings: DEFAULT_SETTINGS, clock: () => FIXTURE_NOW, workspace: true });
        engine.workspace!.complete = true;
        keep(engine.check(files.map((p) => { const text = fs.readFileSync(p, 'utf8'); return { uri: p, languageId: languageFor(p, text)!, text }; })));
      }
    }
    assert.deepEqual([...kinds].sort(), ['create', 'reissue', 'renew']);
    assert.ok(fixes > 20, `${fixes} quick fixes`);
  });

  it('malformed data is ignored: no action, no exception', () => {
    const edit = { range, newText: 'x' };
    const malformed: unknown[] = [
      undefined, null, 0, 'fixes', [], [{ title: 't', edits: [edit] }], {},
      { fixes: 'x' }, { fixes: {} }, { fixes: [null] }, { fixes: [{ edits: [edit] }] }, { fixes: [{ title: 1, edits: [edit] }] },
      { fixes: [{ title: 't' }] }, { fixes: [{ title: 't', edits: [null] }] }, { fixes: [{ title: 't', edits: [{ range }] }] },
      { fixes: [{ title: 't', edits: [{ newText: 'x' }] }] },
      { fixes: [{ title: 't', edits: [{ range: { start: { line: -1, character: 0 }, end: range.end }, newText: 'x' }] }] },
      { fixes: [{ title: 't', edits: [{ range: { start: range.start, end: { line: '1', character: 0 } }, newText: 'x' }] }] },
      { fixes: [{ title: 't', edits: [edit] }, 'second'] },
      { generate: null }, { generate: 'renew' }, { generate: { action: 'renew' } }, { generate: { action: 'rm', title: 't', path: '/w/c.pem', offset: 0 } },
      { generate: { action: 'renew', title: 't', path: '/w/c.pem', offset: -1 } }, { generate: { action: 'renew', title: 't', path: 1, offset: 0 } },
      { generate: { action: 'renew', title: 't', path: '/w/c.pem', offset: 0, inKeystore: 'x' } },
      { generate: { action: 'reissue', title: 't', path: '/w/c.pem', offset: 0, addNames: [1] } },
      { generate: { action: 'reissue', title: 't', path: '/w/c.pem', offset: 0, role: 'root' } },
      { generate: { action: 'reissue', title: 't', path: '/w/c.pem', offset: 0, keyAt: { path: '/w/k.pem' } } },
      { generate: { action: 'create', title: 't', fromPath: '/w/a.yaml' } },
      { generate: { action: 'create', title: 't', fromPath: '/w/a.yaml', ref: { kind: 'file', target: 'c.pem', role: 'owner' } } },
      { generate: { action: 'create', title: 't', fromPath: '/w/a.yaml', ref: { kind: 'file', target: 'c.pem', role: 'serve', hosts: 'a' } } },
      JSON.parse('{"__proto__": {"fixes": [{"title": "t", "edits": []}]}}'),
    ];
    for (const data of malformed) {
      assert.equal(fixDataOf(data), undefined, JSON.stringify(data));
      let asked = false;
      const actions = codeActions('file:///w/x', [diagnostic(data)], (fix) => { asked = true; return command(fix); });
      assert.deepEqual(actions, [], JSON.stringify(data));
      assert.equal(asked, false);
    }
  });

  it('well-formed data of each kind offers its action', () => {
    const ref = { kind: 'file', target: 'c.pem', role: 'serve', hosts: ['a.example'] };
    const create = { action: 'create', title: 'Create c.pem', fromPath: '/w/a.yaml', ref };
    const keyAt = { path: '/w/k.pem', offset: 0 };
    const reissue = { action: 'reissue', title: 'Re-issue', path: '/w/c.pem', offset: 4, addNames: ['b.example'], role: 'peer', keyAt };
    const renew = { action: 'renew', title: 'Renew', path: '/w/s.yaml', offset: 9, inKeystore: { sha256: 'ab' } };
    for (const g of [create, reissue, renew]) {
      const actions = codeActions('file:///w/x', [diagnostic({ generate: g })], command);
      assert.deepEqual(actions.map((a) => a.command?.arguments?.[0]), [g]);
    }
    // Without a generate command (an untrusted workspace), a generate action offers nothing.
    assert.deepEqual(codeActions('file:///w/x', [diagnostic({ generate: renew })]), []);
    const two = codeActions('file:///w/x', [diagnostic({ fixes: [{ title: 'a', edits: [{ range, newText: 'x' }] }, { title: 'b', edits: [] }] })]);
    assert.deepEqual(two.map((a) => [a.title, a.isPreferred]), [['a', false], ['b', false]]);
    // Another source's diagnostics are not ours, whatever their data.
    assert.deepEqual(codeActions('file:///w/x', [{ ...diagnostic({ fixes: [{ title: 'a', edits: [] }] }), source: 'other' }]), []);
  });
});
