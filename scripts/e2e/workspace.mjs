// The fixture workspace the end-to-end suite opens, assembled from the committed fixtures.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function makeWorkspace(root, dir) {
  const copy = (from, to) => { fs.mkdirSync(path.dirname(path.join(dir, to)), { recursive: true }); fs.copyFileSync(path.join(root, from), path.join(dir, to)); };
  copy('examples/certs/legacy/bundle.pem', 'certs/bundle.pem');
  copy('test/fixtures/pem/ok-cert-expiring-soon.pem', 'certs/soon.pem');
  copy('test/fixtures/schema/bad-certctl.values.yaml', 'charts/certctl/values.yaml');
  copy('test/fixtures/schema/bad-invalid-value.yaml', 'k8s/spinnakerservice.yaml');
  copy('test/fixtures/xref/ok-key-mismatch/secret.yaml', 'k8s/secret.yaml');
  // A Gateway alone (no grant, no Secret): its cross-namespace certificateRefs is not permitted.
  copy('test/fixtures/gateway-api/bad-ref-not-permitted/gateway.yaml', 'k8s/gateway.yaml');
  copy('test/fixtures/nginx/bad-ssl-protocols-legacy.conf', 'nginx/site.conf');
  fs.mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.vscode/settings.json'), '{}\n');
  return dir;
}
