/** Keystores for the budget tests and the bench (bench/keystores.mjs). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pkcs12WithIterations } from './der';

const SERVICES = ['gate', 'orca', 'clouddriver', 'front50', 'echo', 'fiat', 'igor', 'kayenta', 'rosco', 'keel', 'halyard', 'dinghy'];

/**
 * A SpinnakerService whose twelve services each name a PKCS#12 at 4,999,999 PBKDF2 iterations
 * (under Java's cap of 5,000,000), each with its own salt (so each costs a derivation of 1-2 s),
 * that no known password opens.
 */
export function slowKeystores(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const lines = ['apiVersion: spinnaker.io/v1alpha2', 'kind: SpinnakerService', 'metadata:', '  name: spinnaker', 'spec:', '  spinnakerConfig:', '    profiles:'];
  SERVICES.forEach((svc, i) => {
    fs.writeFileSync(path.join(dir, `${svc}.p12`), pkcs12WithIterations(4_999_999, Buffer.alloc(16, i + 1)));
    lines.push(`      ${svc}:`, '        server:', '          ssl:', '            enabled: true', `            key-store: ${svc}.p12`, '            key-store-type: PKCS12', '            key-store-password: changeit');
  });
  const file = path.join(dir, 'spinnaker.yaml');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
