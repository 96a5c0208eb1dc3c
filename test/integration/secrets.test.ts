/**
 * No output ever holds key material: a corpus of files holding private keys in every form (PEM
 * files, PKCS#1/SEC1/PKCS#8, encrypted, a key in a Secret's data as base64 and pasted raw, in
 * stringData, in a ConfigMap, in a values file where a hostname belongs, in nginx, in broken YAML)
 * is run through every output: the CLI's text, JSON and SARIF, and over LSP the diagnostics (with
 * related information), a hover on every line, and the code actions' titles and edits.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient, Diagnostic } from '../helpers/lsp';
import { DIST } from '../helpers/paths';
import { languageFor } from '../../server/src/workspace/files';

const indent = (text: string, n: number) => text.trimEnd().split('\n').map((l) => ' '.repeat(n) + l).join('\n');

function keys(): Record<string, string> {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const ed = generateKeyPairSync('ed25519').privateKey;
  return {
    pkcs1: rsa.export({ type: 'pkcs1', format: 'pem' }).toString(),
    sec1: ec.export({ type: 'sec1', format: 'pem' }).toString(),
    pkcs8: ed.export({ type: 'pkcs8', format: 'pem' }).toString(),
    encrypted: ec.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString(),
  };
}

/** What no output may contain: every base64 line of every key, and the base64 of each whole key. */
function secretsOf(k: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const pem of Object.values(k)) {
    for (const line of pem.split('\n')) if (/^[A-Za-z0-9+/=]{24,}$/.test(line)) out.add(line.slice(0, 24));
    const b64 = Buffer.from(pem).toString('base64');
    for (let i = 40; i + 24 <= b64.length; i += 200) out.add(b64.slice(i, i + 24));
  }
  return [...out];
}

function corpus(k: Record<string, string>): Record<string, string> {
  const secret = (name: string, body: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\ntype: kubernetes.io/tls\n${body}\n`;
  return {
    'keys/rsa.key': k.pkcs1,
    'keys/ec.key': k.sec1,
    'keys/ed.pem': k.pkcs8,
    'keys/enc.key': k.encrypted,
    'keys/mixed.pem': `${k.sec1}\n-----BEGIN CERTIFICATE-----\nMIIBroken\n-----END CERTIFICATE-----\n`,
    'k8s/secret-base64.yaml': secret('a', `data:\n  tls.crt: ${Buffer.from(k.sec1).toString('base64')}\n  tls.key: ${Buffer.from(k.pkcs1).toString('base64')}`),
    'k8s/secret-raw.yaml': secret('b', `data:\n  tls.key: |\n${indent(k.pkcs8, 4)}\n  other: ${k.sec1.split('\n')[1]}`),
    'k8s/secret-string.yaml': secret('c', `stringData:\n  tls.crt: |\n${indent(k.sec1, 4)}\n  tls.key: |\n${indent(k.pkcs1, 4)}`),
    'k8s/configmap.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-gateway-ca\ndata:\n  ca.crt: |\n${indent(k.pkcs8, 4)}\n`,
    'k8s/broken.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: d\n  : broken\ndata:\n  tls.key: |\n${indent(k.sec1, 4)}\n   bad: [\n`,
    'values.yaml': `api:\n  hostName: "${k.sec1.replace(/\n/g, '\\n')}"\n  certificateSecretName: app-tls\nenv:\n  OPSCHAIN_API_HOST_NAME: |\n${indent(k.pkcs8, 4)}\n`,
    'certctl/values.yaml': `server:\n  auth:\n    type: api-key\n    apiKey: ${k.sec1.split('\n')[1]}\n  tls:\n    existingSecret: ${k.sec1.split('\n')[2]}\npostgresql:\n  auth:\n    password: [${k.sec1.split('\n')[1]}]\n`,
    'nginx/site.conf': `server {\n    listen 443 ssl;\n    server_name app.example.com;\n    ssl_certificate_key "data:${k.sec1.replace(/\n/g, '\\n')}"\n    ssl_certificate ${k.sec1.split('\n')[1]};\n}\n`,
  };
}

describe('no output quotes a private key', () => {
  let dir: string;
  let files: Record<string, string>;
  let secrets: string[];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-secrets-'));
    const k = keys();
    files = corpus(k);
    secrets = secretsOf(k);
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text, { mode: 0o600 });
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const leaks = (out: string) => secrets.filter((s) => out.includes(s));

  for (const format of ['text', 'json', 'sarif']) {
    it(`tls-lens check --format ${format}`, () => {
      const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'check', '--format', format, '--no-color', '.'], { cwd: dir, encoding: 'utf8' });
      assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
      assert.ok(r.stdout.length > 200, 'the corpus has findings');
      assert.deepEqual(leaks(r.stdout + r.stderr), []);
    });
  }

  it('over LSP: diagnostics, related information, hovers on every line, code actions', async () => {
    const client = new LspClient();
    try {
      await client.initializeWorkspace(dir);
      let seen = 0;
      for (const [rel, text] of Object.entries(files)) {
        const uri = pathToFileURL(path.join(dir, rel)).href;
        await client.open(uri, languageFor(rel, text) ?? 'plaintext', text);
        const diags = await client.diagnosticsFor(uri);
        seen += diags.length;
        assert.deepEqual(leaks(JSON.stringify(diags.map((d) => ({ message: d.message, related: (d as Diagnostic & { relatedInformation?: unknown }).relatedInformation })))), [], rel);
        const lines = text.split('\n');
        for (let line = 0; line < lines.length; line++) {
          for (const ch of [0, 4, Math.floor(lines[line].length / 2)]) {
            const h = await client.hover(uri, line, ch);
            if (h) assert.deepEqual(leaks(h.contents.value), [], `${rel}:${line + 1}:${ch} hover`);
          }
        }
        if (diags.length) {
          const actions = await client.codeActions(uri, diags);
          assert.deepEqual(leaks(JSON.stringify(actions.map((a) => ({ title: a.title, edit: a.edit })))), [], `${rel} code actions`);
        }
      }
      assert.ok(seen > 10, `${seen} diagnostics`);
    } finally {
      await client.shutdown();
    }
  });
});
