/**
 * The hostile-generation corpus: repositories and command lines an attacker or an unlucky user
 * could hand `tls-lens generate` (and the editor's generate commands), each with what TLS Lens owes
 * them: nothing written outside the output folder, nothing half-written, no secret in a readable
 * file, no wrong output, bounded work; a clear refusal (exit 2) instead of an internal error.
 * Issue 19 §1-§4; every case failed before its fix. test/hostile/generation.test.ts runs them, and
 * checks for every case that the folder `outside/` beside the repository stays empty, that a
 * refusal leaves the case folder as it was, and that no private key reaches the output.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GenerateArgs } from '../../server/src/features/commands';

/** A file's content, or a symbolic link (committed in the repository) to `link`. */
export type Entry = string | { readonly link: string };

export interface GenerationCase {
  readonly name: string;
  /** The section and what happened before the fix. */
  readonly why: string;
  /** The repository, relative to the case folder (the current folder of the run); `outside/` is made beside. */
  readonly files?: () => Record<string, Entry>;
  /** `tls-lens generate …` */
  readonly args: readonly string[];
  readonly status: 0 | 1 | 2;
  /** What the output (stderr for a refusal, stdout else) must say. */
  readonly says?: RegExp;
  /** What must hold afterwards. */
  readonly check?: (dir: string) => void;
  /** The same case through the editor's command (runGenerate, the code the LSP command runs). */
  readonly editor?: (dir: string) => GenerateArgs;
  /** A refusal must come within this (default 20 s). */
  readonly budgetMs?: number;
}

const OPSCHAIN = (secretName: string) => [
  'useCertManager: false',
  'api:',
  '  hostName: opschain.example.com',
  `  certificateSecretName: ${secretName}`,
  'global:',
  '  secretVaultExternalHostName: vault.opschain.example.com',
  'env:',
  '  OPSCHAIN_API_HOST_NAME: opschain.example.com',
  '',
].join('\n');

const DATA_PLANE_VALUES = (secret = 'cluster-agent-tls', caMap = 'cluster-gateway-ca') => [
  'clusterAgent:', '  planeType: dataplane', '  planeID: prod-east', '  serverUrl: wss://gateway.choreo.example.com/ws',
  '  tls:', '    enabled: true', `    clientSecretName: ${secret}`, `    serverCAConfigMap: ${caMap}`, '',
].join('\n');

const DATA_PLANE = (name: string, planeID: string, clientCA = '    clientCA:\n      value: x\n') =>
  `apiVersion: openchoreo.dev/v1alpha1\nkind: DataPlane\nmetadata:\n  name: ${name}\n  namespace: default\nspec:\n  planeID: ${planeID}\n  clusterAgent:\n${clientCA}`;

const SPINNAKER = (profiles: Record<string, Record<string, string>>) => ['apiVersion: spinnaker.io/v1alpha2', 'kind: SpinnakerService', 'metadata:', '  name: spinnaker', '  namespace: spinnaker', 'spec:', '  spinnakerConfig:', '    profiles:',
  ...Object.entries(profiles).flatMap(([svc, ssl]) => [`      ${svc}:`, '        server:', '          ssl:', '            enabled: true', ...Object.entries(ssl).map(([k, v]) => `            ${k}: ${v}`)]), ''].join('\n');

const NGINX = (names: string) => `server {\n    listen 443 ssl;\n    server_name ${names};\n}\n`;

function read(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, rel), 'utf8');
}

function mode(dir: string, rel: string): number {
  return fs.statSync(path.join(dir, rel)).mode & 0o777;
}

/** Every file under a folder (relative paths). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The subjectAltName of a PEM certificate, as openssl prints it (one line). */
function sanOf(file: string): string {
  const r = spawnSync('openssl', ['x509', '-in', file, '-noout', '-ext', 'subjectAltName'], { encoding: 'utf8' });
  return r.stdout.split('\n').slice(1).join(' ').trim() || `${r.stdout}${r.stderr}`;
}

function assert(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

export const GENERATION: readonly GenerationCase[] = [
  // §1 Nothing written outside the output folder, and nothing half-written.
  {
    name: 'output-folder-is-a-link',
    why: '§1: a repository holding `pki -> ../outside` got all 18 files of the OpsChain bundle, keys included, in the link\'s target',
    files: () => ({ 'values.yaml': OPSCHAIN('opschain-api-cert'), pki: { link: '../outside' } }),
    args: ['bundle', 'opschain', 'values.yaml'],
    status: 2,
    says: /pki is a symbolic link/,
    editor: (dir) => ({ kind: 'bundle', out: path.join(dir, 'pki'), product: 'opschain', paths: [path.join(dir, 'values.yaml')] }),
  },
  {
    name: 'link-under-the-output-folder',
    why: '§1: a committed `pki/openchoreo-data-plane -> ../../outside` received the agent\'s Secret (its private key)',
    files: () => ({ 'values.yaml': DATA_PLANE_VALUES(), 'pki/openchoreo-data-plane': { link: '../../outside' } }),
    args: ['bundle', 'openchoreo', 'values.yaml'],
    status: 2,
    says: /pki\/openchoreo-data-plane is a symbolic link/,
    editor: (dir) => ({ kind: 'bundle', out: path.join(dir, 'pki'), product: 'openchoreo', paths: [path.join(dir, 'values.yaml')] }),
  },
  {
    name: 'secret-name-with-a-slash',
    why: '§1: a Secret name `sub/x` with `pki/sub -> ../../outside` wrote the Secret through the link',
    files: () => ({ 'values.yaml': OPSCHAIN('sub/x'), 'pki/sub': { link: '../../outside' } }),
    args: ['bundle', 'opschain', 'values.yaml'],
    status: 2,
    says: /'sub\/x' is not a Kubernetes object name/,
  },
  {
    name: 'secret-name-with-nul',
    why: '§1: a Secret name with NUL was an internal error in writeFileAtomic (exit 3) with ca.crt and ca.key already written',
    files: () => ({ 'values.yaml': OPSCHAIN('"a\\0b"') }),
    args: ['bundle', 'opschain', 'values.yaml'],
    status: 2,
    says: /'a\\u0000b' is not a Kubernetes object name/,
    editor: (dir) => ({ kind: 'bundle', out: path.join(dir, 'pki'), product: 'opschain', paths: [path.join(dir, 'values.yaml')] }),
  },
  {
    name: 'secret-name-of-300-characters',
    why: '§1: a Secret name of 300 characters was an internal error in writeFileAtomic (exit 3), half the bundle written',
    files: () => ({ 'values.yaml': OPSCHAIN('a'.repeat(300)) }),
    args: ['bundle', 'opschain', 'values.yaml'],
    status: 2,
    says: /'a{20}… \(300 characters\)' is not a Kubernetes object name/,
  },
  {
    name: 'secret-name-with-a-newline',
    why: '§1: "a\\nb" as a Secret name was accepted from a configuration (generate secret --name refuses it)',
    files: () => ({ 'values.yaml': OPSCHAIN('"a\\nb"') }),
    args: ['bundle', 'opschain', 'values.yaml'],
    status: 2,
    says: /'a\\nb' is not a Kubernetes object name/,
  },
  {
    name: 'secret-name-dot-dot',
    why: '§1: `..` as a Secret name got "\'...yaml\' is outside the output folder" (it would not be)',
    files: () => ({ 'values.yaml': OPSCHAIN('".."') }),
    args: ['bundle', 'opschain', 'values.yaml'],
    status: 2,
    says: /'\.\.' is not a Kubernetes object name/,
  },
  {
    name: 'one-name-validator',
    why: '§1: `generate secret --name` and a configuration\'s Secret name were checked by two rules (one of them none)',
    files: () => ({ 'values.yaml': OPSCHAIN('Bad_Name') }),
    args: ['bundle', 'opschain', 'values.yaml'],
    status: 2,
    says: /^tls-lens generate: the Secret name 'Bad_Name' is not a Kubernetes object name \(DNS-1123 subdomain: lower-case letters, digits, '-' and '\.', starting and ending with a letter or digit, at most 253 characters\)\n$/,
  },
  {
    name: 'server-name-label-of-300-characters',
    why: '§1: a server_name label of 300 characters was an internal error in writeFileAtomic (exit 3) after ca.crt was written',
    files: () => ({ 'site.conf': NGINX(`${'a'.repeat(300)}.example.com`) + NGINX('ok.example.com') }),
    args: ['bundle', 'nginx', 'site.conf'],
    status: 0,
    says: /server_name 'a{20}… \(312 characters\)' is skipped: its label 'a{20}… \(300 characters\)' is longer than 63 characters/,
    check: (dir) => assert(filesUnder(path.join(dir, 'pki')).join(' ') === 'README.md ca.crt ca.key ok.example.com.crt ok.example.com.key', filesUnder(path.join(dir, 'pki')).join(' ')),
  },
  {
    name: 'output-is-a-file',
    why: '§1: `--out` naming a file was an internal error in writePlan (exit 3)',
    files: () => ({ 'notes.txt': 'a file\n' }),
    args: ['server', '--dns', 'a.example', '--out', 'notes.txt'],
    status: 2,
    says: /the output folder (\S*\/)?notes\.txt is a file, not a folder/,
    editor: (dir) => ({ kind: 'server', out: path.join(dir, 'notes.txt'), names: ['a.example'] }),
  },
  {
    name: 'output-is-dev-null',
    why: '§1: `--out /dev/null` was an internal error in writePlan (exit 3)',
    args: ['server', '--dns', 'a.example', '--out', '/dev/null'],
    status: 2,
    says: /TLS Lens writes nothing under \/proc, \/sys or \/dev/,
  },
  {
    name: 'output-under-proc',
    why: '§1: `--out /proc/x` hung (Node\'s recursive mkdir loops there)',
    args: ['server', '--dns', 'a.example', '--out', '/proc/x/y'],
    status: 2,
    says: /TLS Lens writes nothing under \/proc, \/sys or \/dev/,
    budgetMs: 10_000,
    editor: () => ({ kind: 'server', out: '/proc/x/y', names: ['a.example'] }),
  },
  {
    name: 'output-under-sys',
    why: '§1: `--out /sys/x` tried to create a folder in sysfs',
    args: ['ca', '--cn', 'X', '--out', '/sys/tls-lens'],
    status: 2,
    says: /TLS Lens writes nothing under \/proc, \/sys or \/dev/,
  },
  // §2 Nothing reaches a shell or a config unquoted.
  {
    name: 'secret-name-for-a-shell',
    why: '§2: a Secret name `x;touch PWNED;#` went into the README\'s `kubectl create secret tls x;touch PWNED;# …`',
    files: () => ({ 'values.yaml': OPSCHAIN('"x;touch PWNED;#"') }),
    args: ['bundle', 'opschain', 'values.yaml'],
    status: 2,
    says: /'x;touch PWNED;#' is not a Kubernetes object name/,
  },
  {
    name: 'secret-name-command-substitution',
    why: '§2: a Secret name `$(id)` went into the README\'s commands',
    files: () => ({ 'values.yaml': OPSCHAIN('"$(id)"') }),
    args: ['bundle', 'opschain', 'values.yaml'],
    status: 2,
    says: /'\$\(id\)' is not a Kubernetes object name/,
  },
  {
    name: 'nginx-edit-output-folder-injection',
    why: '§2: `--edit --out \'x; include /etc/passwd\'` wrote `ssl_certificate x; include /etc/passwd/e.example.com.crt;` into the config',
    files: () => ({ 'site.conf': NGINX('e.example.com') }),
    args: ['bundle', 'nginx', 'site.conf', '--edit', '--out', 'x; include /etc/passwd'],
    status: 0,
    check: (dir) => {
      const text = read(dir, 'site.conf');
      assert(text.includes('    ssl_certificate "x; include /etc/passwd/e.example.com.crt";\n    ssl_certificate_key "x; include /etc/passwd/e.example.com.key";\n'), text);
    },
  },
  {
    name: 'nginx-edit-output-folder-variable',
    why: '§2: an output folder with `$` became an nginx variable in ssl_certificate',
    files: () => ({ 'site.conf': NGINX('e.example.com') }),
    args: ['bundle', 'nginx', 'site.conf', '--edit', '--out', 'certs$host'],
    status: 2,
    says: /'certs\$host\/e\.example\.com\.crt' holds a '\$': nginx reads it as a variable/,
  },
  // §3 No secret in a readable file, no wrong output.
  {
    name: 'spinnaker-clear-password',
    why: '§3: a clear-text key-store-password was copied twice into profiles.yaml, mode 0644',
    files: () => ({ 'spinnaker.yaml': SPINNAKER({ gate: { 'key-store-password': 'Clear-Text-Secret-42' } }) }),
    args: ['bundle', 'spinnaker', 'spinnaker.yaml'],
    status: 0,
    check: (dir) => {
      for (const f of filesUnder(path.join(dir, 'pki'))) {
        if (read(path.join(dir, 'pki'), f).includes('Clear-Text-Secret-42') || /\.(key|p12|password)$|spin-secrets/.test(f)) assert(mode(path.join(dir, 'pki'), f) === 0o600, `${f} is ${mode(path.join(dir, 'pki'), f).toString(8)}`);
      }
      assert(!read(path.join(dir, 'pki'), 'profiles.yaml').includes('Clear-Text-Secret-42'), 'profiles.yaml copies the password');
    },
  },
  {
    name: 'openchoreo-ca-secret-mode',
    why: '§3: the CA-only Secret manifest of a plane\'s clientCA.secretRef was 0644 (a Secret manifest is 0600 whatever it holds)',
    files: () => ({ 'plane.yaml': DATA_PLANE('dp', 'p0', '    clientCA:\n      secretRef:\n        name: dp-ca\n') }),
    args: ['bundle', 'openchoreo', 'plane.yaml'],
    status: 0,
    check: (dir) => assert(mode(dir, 'pki/default/dp-ca.yaml') === 0o600, `default/dp-ca.yaml is ${mode(dir, 'pki/default/dp-ca.yaml').toString(8)}`),
  },
  {
    name: 'openchoreo-secret-key-proto',
    why: '§3: `secretRef.key: "__proto__"` wrote a Secret with `data: {}` (the CA silently dropped)',
    files: () => ({ 'plane.yaml': DATA_PLANE('dp', 'p0', '    clientCA:\n      secretRef:\n        name: dp-ca\n        key: "__proto__"\n') }),
    args: ['bundle', 'openchoreo', 'plane.yaml'],
    status: 0,
    check: (dir) => assert(/\n {2}__proto__: [A-Za-z0-9+/=]{100,}\n/.test(read(dir, 'pki/default/dp-ca.yaml')), read(dir, 'pki/default/dp-ca.yaml')),
  },
  {
    name: 'spinnaker-secret-key-proto',
    why: '§3: `encryptedFile:k8s!n:spin-secrets!k:__proto__` dropped the keystore from spin-secrets.yaml',
    files: () => ({ 'spinnaker.yaml': SPINNAKER({ gate: { 'key-store': 'encryptedFile:k8s!n:spin-secrets!k:__proto__' } }) }),
    args: ['bundle', 'spinnaker', 'spinnaker.yaml'],
    status: 0,
    check: (dir) => assert(/\n {2}__proto__: [A-Za-z0-9+/=]{100,}\n/.test(read(dir, 'pki/spin-secrets.yaml')), read(dir, 'pki/spin-secrets.yaml')),
  },
  {
    name: 'nginx-hostile-server-names',
    why: '§3: server_name "a;b.com" \'x y.com\' *.com .. 999.1.1.1 bücher.example.com ../../x became SANs DNS:a;b.com, DNS:*.com, DNS:., raw bytes',
    files: () => ({ 'site.conf': NGINX('"a;b.com" \'x y.com\' *.com .. 999.1.1.1 bücher.example.com ../../x ~^re\\.example\\.com$ *.co.uk ok.example.com') }),
    args: ['bundle', 'nginx', 'site.conf'],
    status: 0,
    says: /server_name 'a;b\.com' is skipped(.|\n)*server_name '\*\.com' is skipped: a wildcard over a public suffix(.|\n)*server_name '~[^']*' is skipped: a regular expression/,
    check: (dir) => {
      const san = sanOf(path.join(dir, 'pki', 'xn--bcher-kva.example.com.crt'));
      assert(/^DNS:xn--bcher-kva\.example\.com, DNS:ok\.example\.com$/.test(san), san);
    },
  },
  {
    name: 'dns-option-idn',
    why: '§3: `--dns bücher.example.com` was refused while a server_name put its raw bytes in a SAN: one validator, IDN as A-labels',
    args: ['server', '--dns', 'bücher.example.com', '--out', 'pki'],
    status: 0,
    check: (dir) => { const san = sanOf(path.join(dir, 'pki', 'xn--bcher-kva.example.com.crt')); assert(san === 'DNS:xn--bcher-kva.example.com', san); },
  },
  {
    name: 'dns-option-wildcard-on-public-suffix',
    why: '§3: `--dns *.co.uk` was issued (a wildcard over a public suffix)',
    args: ['server', '--dns', '*.co.uk', '--out', 'pki'],
    status: 2,
    says: /'\*\.co\.uk' is not a host name a certificate can hold: a wildcard over a public suffix \(co\.uk\)/,
  },
  ...['999.1.1.1', '1.2.3', '01.2.3.4'].map((ip): GenerationCase => ({
    name: `ip-option-${ip}`,
    why: `§3: \`--ip ${ip}\` was issued as a DNS SAN`,
    args: ['server', '--ip', ip, '--out', 'pki'],
    status: 2,
    says: new RegExp(`--ip '${ip.replace(/\./g, '\\.')}' is not an IP address`),
  })),
  {
    name: 'ip-option-not-hex',
    why: '§3: `--ip ::zz` said "is not a DNS name"',
    args: ['server', '--ip', '::zz', '--out', 'pki'],
    status: 2,
    says: /--ip '::zz' is not an IP address/,
  },
  {
    name: 'ip-option-zone',
    why: '§3: `--ip fe80::1%eth0` silently dropped the zone',
    args: ['server', '--ip', 'fe80::1%eth0', '--out', 'pki'],
    status: 2,
    says: /--ip 'fe80::1%eth0' has a zone \(%eth0\), which a certificate cannot hold/,
  },
  {
    name: 'cn-of-100000-characters',
    why: '§3: `--cn` of 100,000 characters made a 271 KB certificate (X.509 caps a CN at 64)',
    args: ['client', '--cn', 'c'.repeat(100_000), '--out', 'pki'],
    status: 2,
    says: /the common name 'c{20}… \(100000 characters\)' is longer than 64 characters/,
  },
  {
    name: 'cn-with-a-newline',
    why: '§3: a CN with a newline broke the output',
    args: ['client', '--cn', 'alice\nCN=root', '--out', 'pki'],
    status: 2,
    says: /the common name 'alice\\nCN=root' holds a control character/,
  },
  ...['9999-12-31', '0000-01-01'].map((now): GenerationCase => ({
    name: `now-${now}`,
    why: `§3: \`--now ${now}\` was an internal error (RangeError)`,
    args: ['server', '--dns', 'a.example', '--now', now, '--out', 'pki'],
    status: 2,
    says: /a certificate's dates must fall in 1950-9999/,
  })),
  {
    name: 'openchoreo-two-data-planes',
    why: '§3: two ordinary DataPlane CRs (planeID p0, p1) crashed the bundle: both mapped to openchoreo-data-plane/cluster-agent-tls.yaml',
    files: () => ({ 'planes.yaml': `${DATA_PLANE('dp0', 'p0')}---\n${DATA_PLANE('dp1', 'p1')}` }),
    args: ['bundle', 'openchoreo', 'planes.yaml'],
    status: 0,
    check: (dir) => {
      const files = filesUnder(path.join(dir, 'pki'));
      for (const f of ['openchoreo-data-plane/p0/cluster-agent-tls.yaml', 'openchoreo-data-plane/p1/cluster-agent-tls.yaml', 'openchoreo-data-plane/p0/cluster-gateway-ca.yaml', 'openchoreo-data-plane/p1/cluster-gateway-ca.yaml']) assert(files.includes(f), `${f} in ${files.join(' ')}`);
    },
  },
  {
    name: 'openchoreo-secret-named-as-configmap',
    why: '§3: clientSecretName equal to serverCAConfigMap crashed the bundle (PlanBuilder.add): a Secret and a ConfigMap may share a name',
    files: () => ({ 'values.yaml': DATA_PLANE_VALUES('agent-tls', 'agent-tls') }),
    args: ['bundle', 'openchoreo', 'values.yaml'],
    status: 0,
    check: (dir) => {
      assert(/kind: Secret/.test(read(dir, 'pki/openchoreo-data-plane/agent-tls.yaml')), 'the Secret');
      assert(/kind: ConfigMap/.test(read(dir, 'pki/openchoreo-data-plane/agent-tls.configmap.yaml')), 'the ConfigMap');
    },
  },
  {
    name: 'spinnaker-profile-named-truststore',
    why: '§3: a SpinnakerService profile named `truststore` crashed the bundle: its keystore and the truststore are both truststore.p12',
    files: () => ({ 'spinnaker.yaml': SPINNAKER({ gate: {}, truststore: {} }) }),
    args: ['bundle', 'spinnaker', 'spinnaker.yaml'],
    status: 2,
    says: /two outputs would be truststore\.p12: The CA every Java service trusts.* and truststore \(Java\)/,
  },
  // §4 Bounded work.
  {
    name: 'nginx-25000-servers',
    why: '§4: 25,000 nginx servers (1.5 MB) were killed at 150 s with 10,938 files written',
    files: () => ({ 'site.conf': Array.from({ length: 25_000 }, (_, i) => NGINX(`s${i}.example.com`)).join('') }),
    args: ['bundle', 'nginx', 'site.conf'],
    status: 2,
    says: /this makes 25001 certificates, more than 500: nothing was made \(--max 25001 makes them\)/,
    budgetMs: 60_000,
  },
  {
    name: 'max-option',
    why: '§4: `--max N` raises (or lowers) the bound',
    files: () => ({ 'site.conf': NGINX('a.example.com') + NGINX('b.example.com') + NGINX('c.example.com') }),
    args: ['bundle', 'nginx', 'site.conf', '--max', '2'],
    status: 2,
    says: /this makes 4 certificates, more than 2: nothing was made \(--max 4 makes them\)/,
    editor: (dir) => ({ kind: 'bundle', out: path.join(dir, 'pki'), product: 'nginx', paths: [path.join(dir, 'site.conf')], max: 2 }),
  },
];
