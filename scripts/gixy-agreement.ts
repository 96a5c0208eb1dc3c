/**
 * The Gixy family's TLS fixtures (test/fixtures/gixy, README there names each source) through
 * TLS Lens: each Gixy plugin maps to the TLS Lens rules that judge the same thing; a fixture named
 * `*_fp.conf` must get none of them, any other fixture at least one. Each fixture is checked as
 * `tls-lens check <file>` checks it: the real engine, in a workspace of the file's folder, at the
 * default settings (but for those a plugin's fixtures presume, named in PLUGINS).
 *
 * Where TLS Lens differs on principle, the case is in EXCEPTIONS with the principle; the rule's
 * own description says the same. `node out/scripts/gixy-agreement.js` prints the figures.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, Engine, EngineSettings, Finding } from '../server/src/engine';
import { NodeHost } from '../server/src/host';
import { FIXTURE_NOW } from '../test/helpers/clock';

/** A Gixy plugin, the TLS Lens rules that answer the same question, and the settings its fixtures presume. */
export interface PluginMap {
  readonly rules: readonly string[];
  readonly nginx?: Partial<EngineSettings['nginx']>;
  /** Why the settings differ from the defaults. */
  readonly why?: string;
}

export const PLUGINS: Readonly<Record<string, PluginMap>> = {
  hsts_header: { rules: ['nginx/hsts-missing', 'nginx/hsts-max-age'] },
  http2_misdirected_request: { rules: ['nginx/http2-misdirected-request'] },
  weak_ssl_tls: { rules: ['nginx/ssl-protocols-legacy', 'nginx/ssl-ciphers-weak', 'nginx/prefer-server-ciphers'] },
  ssl_stapling_without_resolver: { rules: ['nginx/stapling-resolver'] },
  ssl_ecdh_curve: {
    rules: ['nginx/ecdh-curve-unknown'],
    nginx: { openssl: '3.3' },
    why: 'the fixtures presume OpenSSL 3.3 or later, where the `?` prefix exists (their comment, and the plugin\'s description, say so); '
      + 'below 3.3 OpenSSL rejects `?` itself and nginx does not start (nginx -t with OpenSSL 3.0.19), which TLS Lens reports at its default 3.0',
  },
  ssl_stapling_letsencrypt: { rules: ['nginx/stapling-without-ocsp'] },
};

/** Fixtures where TLS Lens disagrees on a stated principle (the rule's description states it too). */
export interface Exception {
  readonly rule: string;
  readonly principle: string;
  /** Words of the rule's description that state the principle (the test checks they are there). */
  readonly docSays: string;
}

export const EXCEPTIONS: Readonly<Record<string, Exception>> = {
  'gixy-ng/hsts_header/with_hsts_fp.conf': {
    rule: 'nginx/hsts-max-age',
    principle: 'max-age=31536000 (one year) is below the two years of Mozilla Server Side TLS 6.0, the profile TLS Lens checks against; '
      + 'Gixy accepts six months. A warning, as the rule\'s description says.',
    docSays: 'Gixy accepts six months',
  },
  'gixy-ng/hsts_header/more_set_headers_hsts_fp.conf': {
    rule: 'nginx/hsts-max-age',
    principle: 'the same one-year max-age, sent with headers-more\'s more_set_headers.',
    docSays: 'Gixy accepts six months',
  },
  'gixy-next/http2_misdirected_request/http2_misdirected_request_exact_location_fp.conf': {
    rule: 'nginx/http2-misdirected-request',
    principle: 'the 421 must answer every path: a reused HTTP/2 connection can carry a request for any path, and `location = /` answers only `/` '
      + '(a request for /app.js gets the default server\'s 404, and the browser does not retry elsewhere). Gixy-Next accepts it.',
    docSays: '`location = /` alone, which Gixy-Next accepts, is not enough',
  },
};

export interface FixtureResult {
  readonly fixture: string;
  readonly plugin: string;
  readonly mustFire: boolean;
  readonly fired: readonly Finding[];
  readonly agrees: boolean;
  readonly exception?: Exception;
}

export interface Agreement {
  readonly results: readonly FixtureResult[];
  readonly mustFire: { readonly agree: number; readonly total: number };
  readonly mustNotFire: { readonly agree: number; readonly total: number };
  /** Fixtures that disagree and are not documented exceptions. */
  readonly disagreements: readonly FixtureResult[];
}

/** The fixtures of a plugin folder, relative to the gixy fixture root (source/plugin/file). */
function fixtures(root: string): { rel: string; plugin: string }[] {
  const out: { rel: string; plugin: string }[] = [];
  for (const source of fs.readdirSync(root).sort()) {
    const sdir = path.join(root, source);
    if (!fs.statSync(sdir).isDirectory()) continue;
    for (const plugin of fs.readdirSync(sdir).sort()) {
      for (const f of fs.readdirSync(path.join(sdir, plugin)).sort()) if (f.endsWith('.conf')) out.push({ rel: `${source}/${plugin}/${f}`, plugin });
    }
  }
  return out;
}

export function checkFixture(file: string, nginx: Partial<EngineSettings['nginx']> = {}): readonly Finding[] {
  const engine = new Engine({
    host: new NodeHost({ roots: [path.dirname(file)] }),
    settings: { ...DEFAULT_SETTINGS, nginx: { ...DEFAULT_SETTINGS.nginx, ...nginx } },
    clock: () => FIXTURE_NOW,
    workspace: true,
  });
  engine.workspace!.complete = true;
  return engine.check([{ uri: file, languageId: 'nginx', text: fs.readFileSync(file, 'utf8') }])[0].findings;
}

export function runGixy(root: string): Agreement {
  const results: FixtureResult[] = [];
  for (const { rel, plugin } of fixtures(root)) {
    const map = PLUGINS[plugin];
    if (!map) throw new Error(`${rel}: no TLS Lens rules are mapped to the Gixy plugin ${plugin}`);
    const mustFire = !/_fp\.conf$/.test(rel);
    const fired = checkFixture(path.join(root, rel), map.nginx).filter((f) => map.rules.includes(f.ruleId));
    const agrees = mustFire ? fired.length > 0 : fired.length === 0;
    const exception = EXCEPTIONS[rel];
    results.push({ fixture: rel, plugin, mustFire, fired, agrees, ...(exception ? { exception } : {}) });
  }
  const tally = (want: boolean) => {
    const rs = results.filter((r) => r.mustFire === want);
    return { agree: rs.filter((r) => r.agrees).length, total: rs.length };
  };
  return { results, mustFire: tally(true), mustNotFire: tally(false), disagreements: results.filter((r) => !r.agrees && !r.exception) };
}

/** One line per figure, as the README quotes them. */
export function summary(a: Agreement): string[] {
  const agree = a.mustFire.agree + a.mustNotFire.agree;
  const total = a.mustFire.total + a.mustNotFire.total;
  const documented = a.results.filter((r) => !r.agrees && r.exception).length;
  return [
    `Gixy family TLS fixtures: ${agree}/${total} agree (must-fire ${a.mustFire.agree}/${a.mustFire.total}, must-not-fire ${a.mustNotFire.agree}/${a.mustNotFire.total})`,
    `documented exceptions: ${documented}; other disagreements: ${a.disagreements.length}`,
  ];
}

export function describeResult(r: FixtureResult): string {
  const what = r.fired.map((f) => `${f.severity} ${f.ruleId}`).join(', ') || 'nothing';
  return `${r.fixture}: ${r.mustFire ? 'must fire' : 'must stay quiet'}, TLS Lens reports ${what}${r.exception ? ` (documented: ${r.exception.principle})` : ''}`;
}

if (require.main === module) {
  const root = process.argv[2] ?? path.resolve(__dirname, '../../test/fixtures/gixy');
  const a = runGixy(root);
  for (const r of a.results) if (!r.agrees) console.log(`disagree: ${describeResult(r)}`);
  for (const line of summary(a)) console.log(line);
}
