// Generate part of npm run bench: each product bundle made by `tls-lens generate bundle` (one
// process) next to the same set made with the openssl commands of its seed guide (one bash
// script: genpkey, req, x509 -req with an extension file, pkcs12 -export with the 10,000
// iterations TLS Lens uses, base64 for the manifests). Both as whole processes, medians of a few
// rounds, ECDSA P-256 and RSA 2048.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** The openssl commands for a CA and leaves, as the guides write them (one key, CSR and signing per leaf). */
function opensslScript(spec, key) {
  const genkey = (f) => (key === 'rsa-2048' ? `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out ${f} 2>/dev/null` : `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ${f}`);
  const lines = ['set -e', genkey('ca.key'), 'openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/CN=Bench CA" -out ca.crt -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"'];
  for (const l of spec.leaves) {
    const ku = key === 'rsa-2048' && l.eku !== 'clientAuth' ? 'digitalSignature,keyEncipherment' : 'digitalSignature';
    const san = l.dns.length ? `subjectAltName=${l.dns.map((d) => `DNS:${d}`).join(',')}\n` : '';
    lines.push(
      genkey(`${l.name}.key`),
      `openssl req -new -key ${l.name}.key -subj "/CN=${l.cn}" -out ${l.name}.csr`,
      `printf 'basicConstraints=CA:FALSE\\nkeyUsage=${ku}\\nextendedKeyUsage=${l.eku}\\n${san}' > ${l.name}.ext`,
      `openssl x509 -req -in ${l.name}.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out ${l.name}.crt -days 365 -sha256 -extfile ${l.name}.ext 2>/dev/null`,
    );
    if (l.p12) lines.push(`openssl pkcs12 -export -in ${l.name}.crt -inkey ${l.name}.key -certfile ca.crt -name ${l.name} -iter 10000 -passout pass:bench-password-0123456789 -out ${l.name}.p12`);
    if (l.secret) lines.push(`printf 'apiVersion: v1\\nkind: Secret\\nmetadata:\\n  name: ${l.secret}\\ntype: kubernetes.io/tls\\ndata:\\n  tls.crt: %s\\n  tls.key: %s\\n' "$(base64 -w0 ${l.name}.crt)" "$(base64 -w0 ${l.name}.key)" > ${l.secret}.yaml`);
  }
  if (spec.truststore) lines.push('openssl pkcs12 -export -nokeys -in ca.crt -iter 10000 -passout pass:bench-password-0123456789 -out truststore.p12');
  for (const m of spec.configmaps ?? []) lines.push(`printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: ${m}\\ndata:\\n  ca.crt: |\\n%s\\n' "$(sed 's/^/    /' ca.crt)" > ${m}.yaml`);
  return lines.join('\n');
}

/** The same sets the bundles make from test/fixtures/bundles (see those files). */
const SPECS = {
  openchoreo: {
    leaves: [
      { name: 'gateway-server', cn: 'cluster-gateway', eku: 'serverAuth', dns: ['cluster-gateway.openchoreo-control-plane.svc', 'cluster-gateway.openchoreo-control-plane.svc.cluster.local', 'gateway.choreo.example.com'], secret: 'cluster-gateway-tls' },
      { name: 'agent-dataplane', cn: 'prod-east', eku: 'clientAuth', dns: [], secret: 'cluster-agent-tls-dp' },
      { name: 'agent-buildplane', cn: 'ci', eku: 'clientAuth', dns: [], secret: 'cluster-agent-tls-bp' },
    ],
    configmaps: ['cluster-gateway-ca-cp', 'cluster-gateway-ca-dp', 'cluster-gateway-ca-bp'],
  },
  spinnaker: {
    leaves: [
      { name: 'gate', cn: 'spin-gate', eku: 'serverAuth,clientAuth', dns: ['spin-gate.spinnaker', 'spin-gate'], p12: true },
      { name: 'orca', cn: 'spin-orca', eku: 'serverAuth,clientAuth', dns: ['spin-orca.spinnaker', 'spin-orca'], p12: true },
      { name: 'dinghy', cn: 'spin-dinghy', eku: 'serverAuth,clientAuth', dns: ['spin-dinghy.spinnaker', 'spin-dinghy'] },
    ],
    truststore: true,
  },
  opschain: {
    leaves: [
      { name: 'api', cn: 'opschain.example.com', eku: 'serverAuth', dns: ['opschain.example.com'], secret: 'opschain-api-tls' },
      { name: 'registry', cn: 'registry.example.com', eku: 'serverAuth', dns: ['registry.example.com'], secret: 'opschain-registry-tls' },
      { name: 'build', cn: 'opschain-build-service', eku: 'serverAuth,clientAuth', dns: ['opschain-build-service'], secret: 'opschain-build-tls' },
      { name: 'vault-ext', cn: 'vault.example.com', eku: 'serverAuth', dns: ['vault.example.com'], secret: 'opschain-vault-external-tls' },
      { name: 'vault-int', cn: 'opschain-secret-vault-0.opschain-secret-vault-internal', eku: 'serverAuth', dns: ['opschain-secret-vault-0.opschain-secret-vault-internal'], secret: 'opschain-vault-internal-tls' },
    ],
  },
  nginx: {
    leaves: [
      { name: 'app', cn: 'app.example.com', eku: 'serverAuth', dns: ['app.example.com', 'www.app.example.com'] },
      { name: 'internal', cn: 'internal.example.com', eku: 'serverAuth', dns: ['internal.example.com', '*.internal.example.com'] },
    ],
  },
};

/**
 * Both sides run without NODE_EXTRA_CA_CERTS: Node reads that bundle at start, before any of our
 * code runs (80 ms where it names the system's whole CA bundle), and neither side uses it.
 */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS'));

function timed(cmd, args, opts) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return performance.now() - t0;
}

export async function generateBench(root, rows) {
  if (spawnSync('openssl', ['version']).status !== 0) { rows.push(['generate bundles', 'skipped', 'openssl absent', '', '']); return; }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-bench-gen-'));
  try {
    for (const [product, spec] of Object.entries(SPECS)) {
      for (const key of ['ec-p256', 'rsa-2048']) {
        const ours = [];
        const theirs = [];
        const rounds = key === 'rsa-2048' ? 5 : 7;
        for (let i = 0; i < rounds; i++) {
          const cfg = path.join(tmp, `${product}-${key}-${i}`);
          fs.cpSync(path.join(root, 'test/fixtures/bundles', product), cfg, { recursive: true });
          ours.push(timed(process.execPath, [path.join(root, 'dist/cli.js'), 'generate', 'bundle', product, cfg, '--key', key, '--out', path.join(cfg, 'pki')]));
          const dir = path.join(tmp, `${product}-${key}-${i}-openssl`);
          fs.mkdirSync(dir);
          theirs.push(timed('bash', ['-c', opensslScript(spec, key)], { cwd: dir }));
        }
        const a = median(ours);
        const b = median(theirs);
        rows.push([`generate bundle ${product} (${key}, ${spec.leaves.length} leaves + CA)`, `${a.toFixed(0)} ms`, `the guide's openssl commands ${b.toFixed(0)} ms`, `${(a / b).toFixed(2)}x`, 'goal < 1x']);
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
