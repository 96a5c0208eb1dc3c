/**
 * npm run conformance: x509-limbo's test cases (../shared/x509-limbo/limbo.json) through TLS Lens's
 * hostname matcher and chain builder. Ends with `x509-limbo: N/M agree (K out of scope)`.
 *
 * Out of scope, and why: name constraints (TLS Lens does not check them: they matter for
 * private PKIs with constrained intermediates, which it does not model yet), certificate policies,
 * revocation, and the "pedantic" profile checks (AKI/SKI presence, serial number form, AIA form,
 * algorithm allow-lists, the web PKI's extra EKU rules), which concern CA issuance practice, not
 * whether a configuration's certificate works.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CertificateFacts } from '../server/src/x509/certificate';
import { buildChain } from '../server/src/x509/chain';
import { coversHost } from '../server/src/x509/hostname';
import { modelOf } from '../test/helpers/engine';

export interface LimboCase {
  id: string;
  features: string[] | null;
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  validation_time: string | null;
  expected_result: 'SUCCESS' | 'FAILURE';
  expected_peer_name: { kind: string; value: string } | null;
  extended_key_usage: string[] | null;
  max_chain_depth: number | null;
}

const OUT_OF_SCOPE = [/::nc::/, /::aki::/, /::ski::/, /::serial::/, /forbidden-/, /aia/];

export function inScope(c: LimboCase): boolean {
  if (c.features && c.features.length > 0 && !(c.features.length === 1 && c.features[0] === 'max-chain-depth')) return false;
  return !OUT_OF_SCOPE.some((re) => re.test(c.id));
}

function parse(pem: string): CertificateFacts {
  const m = modelOf({ uri: 'limbo.pem', languageId: 'pem', text: pem }, { maxFileSizeKB: 1024 });
  const item = m.pem.items[0];
  if (!item || item.kind !== 'certificate') throw new Error(item?.kind === 'malformed' ? item.error : 'not a certificate');
  return item.cert;
}

export function runCase(c: LimboCase): { result: 'SUCCESS' | 'FAILURE'; reason: string } {
  let leaf: CertificateFacts;
  let anchors: CertificateFacts[];
  let intermediates: CertificateFacts[];
  try {
    leaf = parse(c.peer_certificate);
    anchors = c.trusted_certs.map(parse);
    intermediates = c.untrusted_intermediates.map(parse);
  } catch (e) {
    return { result: 'FAILURE', reason: `unparseable: ${(e as Error).message}` };
  }
  const at = c.validation_time ? new Date(c.validation_time) : new Date();
  if (c.expected_peer_name) {
    const name = c.expected_peer_name.value;
    if (!coversHost(leaf.ext.san, name)) return { result: 'FAILURE', reason: `name ${name} not covered by ${JSON.stringify(leaf.ext.san ?? null)}` };
  }
  const purpose = c.extended_key_usage?.includes('serverAuth') || !c.extended_key_usage ? 'serverAuth' : c.extended_key_usage.includes('clientAuth') ? 'clientAuth' : 'any';
  const r = buildChain(leaf, intermediates, anchors, { at, purpose, maxIntermediates: c.max_chain_depth ?? undefined });
  return r.ok ? { result: 'SUCCESS', reason: `path of ${r.path!.length}` } : { result: 'FAILURE', reason: r.reason ?? 'failed' };
}

export function runLimbo(file: string): { agree: number; total: number; outOfScope: number; disagreements: string[] } {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { testcases: LimboCase[] };
  // The same release ships real chains of public sites, one testcase per file, under online/.
  const online = path.join(path.dirname(file), 'online');
  if (fs.existsSync(online)) {
    for (const f of fs.readdirSync(online).filter((n) => n.endsWith('.limbo.json')).sort()) data.testcases.push(JSON.parse(fs.readFileSync(path.join(online, f), 'utf8')) as LimboCase);
  }
  const disagreements: string[] = [];
  let agree = 0, total = 0, outOfScope = 0;
  for (const c of data.testcases) {
    if (!inScope(c)) { outOfScope++; continue; }
    total++;
    const r = runCase(c);
    if (r.result === c.expected_result) agree++;
    else disagreements.push(`${c.id}: expected ${c.expected_result}, got ${r.result} (${r.reason})`);
  }
  return { agree, total, outOfScope, disagreements };
}

if (require.main === module) {
  const file = process.argv[2] ?? path.resolve(__dirname, '../../../shared/x509-limbo/limbo.json');
  if (!fs.existsSync(file)) {
    console.log(`x509-limbo: skipped, ${file} is absent (it lives in ../shared beside the clone)`);
    process.exit(0);
  }
  const r = runLimbo(file);
  for (const d of r.disagreements) console.log(`disagree: ${d}`);
  console.log(`x509-limbo: ${r.agree}/${r.total} agree (${r.outOfScope} out of scope)`);
}
