// Index part of npm run bench: a generated workspace of 1,000 YAML and 1,000 PEM files.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
const require = createRequire(import.meta.url);

async function makeWorkspace(root, dir, n) {
  const gen = require(path.join(root, 'out/server/src/x509/generate.js'));
  const now = Date.now();
  const ca = await gen.createCertificate({ subject: 'CN=Bench CA', notBefore: new Date(now - 86400000), notAfter: new Date(now + 3650 * 86400000), ca: true, keyUsage: ['keyCertSign'] });
  fs.mkdirSync(path.join(dir, 'yaml'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'pem'), { recursive: true });
  for (let i = 0; i < n; i++) {
    const leaf = await gen.createCertificate({ subject: `CN=svc${i}.example.com`, issuer: ca, notBefore: new Date(now - 86400000), notAfter: new Date(now + 90 * 86400000), san: [`svc${i}.example.com`], ca: false, extKeyUsage: ['serverAuth'] });
    const crt = gen.certificatePem(leaf.cert) + gen.certificatePem(ca.cert);
    const key = gen.privateKeyPem(leaf.keys);
    fs.writeFileSync(path.join(dir, `pem/svc${i}.pem`), crt + key);
    const b64 = (s) => Buffer.from(s).toString('base64');
    const doc = i % 2 === 0
      ? ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: svc${i}-tls`, 'type: kubernetes.io/tls', 'data:', `  tls.crt: ${b64(crt)}`, `  tls.key: ${b64(key)}`]
      : ['apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', `  name: svc${i}`, 'spec:', '  tls:', `    - secretName: svc${i - 1}-tls`, '      hosts:', `        - svc${i - 1}.example.com`, '  rules:', `    - host: svc${i - 1}.example.com`];
    fs.writeFileSync(path.join(dir, `yaml/${i % 2 === 0 ? 'secret' : 'ingress'}-${i}.yaml`), doc.join('\n') + '\n');
  }
  fs.copyFileSync(path.join(dir, 'yaml/ingress-1.yaml'), path.join(dir, 'yaml/ingress-0.yaml'));
}

function run(root, dir) {
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(root, 'bench/index-worker.mjs'), root, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

export async function indexBench(root, rows) {
  const big = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-index-'));
  const small = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-index-'));
  try {
    await makeWorkspace(root, big, 1000);
    await makeWorkspace(root, small, 100);
    const b = run(root, big);
    const s = run(root, small);
    rows.push([`index ${b.files} files (1,000 YAML + 1,000 PEM)`, `${(b.indexMs / 1000).toFixed(2)} s, ${b.rssMB.toFixed(0)} MB RSS`, '', '', 'goal <= 5 s, <= 200 MB']);
    rows.push([`inventory of the ${b.files}-file workspace after indexing (${b.certificates} certificates)`, `${b.inventoryMs.toFixed(0)} ms (again: ${b.inventoryAgainMs.toFixed(0)} ms)`, `${s.inventoryMs.toFixed(0)} ms at ${s.files} files`, '', 'goal <= 0.5 s']);
    rows.push(['inventory rebuilds caused by 30 keystrokes in a value', `${b.rebuilds}`, '', '', 'goal 0']);
    rows.push(['keystroke (model + rules with the index)', `${b.keystrokeMs.toFixed(2)} ms at ${b.files} files`, `${s.keystrokeMs.toFixed(2)} ms at ${s.files} files`, `${(b.keystrokeMs / s.keystrokeMs).toFixed(2)}x`, 'no growth with size']);
  } finally {
    fs.rmSync(big, { recursive: true, force: true });
    fs.rmSync(small, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const rows = [];
  await indexBench(path.resolve(path.dirname(new URL(import.meta.url).pathname), '..'), rows);
  for (const r of rows) console.log(r.join('  '));
}
