import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { RULES } from '../../server/src/rules/registry';
import { spawnSync } from 'node:child_process';
import { cli } from '../helpers/run';
import { FIXTURES, ROOT } from '../helpers/paths';
import { FIXTURE_NOW } from '../helpers/clock';

const fx = (p: string) => path.relative(ROOT, path.join(FIXTURES, p));

describe('tls-lens check', () => {
  it('text: reports findings with file:line:col and exits 1 on an error', () => {
    const r = cli(['check', fx('pem/bad-cert-expired.pem'), '--no-color']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /test\/fixtures\/pem\/bad-cert-expired\.pem:3:1: error Certificate 'app\.example\.com' expired 5 days ago .*\[pem\/cert-expired\]/);
    assert.match(r.stdout, /1 file\(s\) checked: 1 error\(s\), 0 warning\(s\)/);
  });

  it('exits 0 on a clean file and says so', () => {
    const r = cli(['check', fx('pem/ok-cert-expired.pem')]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /no problems/);
  });

  it('warnings pass unless --max-warnings is exceeded', () => {
    assert.equal(cli(['check', fx('pem/bad-missing-san.pem')]).status, 0);
    assert.equal(cli(['check', fx('pem/bad-missing-san.pem'), '--max-warnings', '1']).status, 0);
    const over = cli(['check', fx('pem/bad-missing-san.pem'), '--max-warnings', '0']);
    assert.equal(over.status, 1);
    assert.match(over.stdout, /Too many warnings: 1 > --max-warnings 0/);
  });

  it('--rule turns a rule off, --expiry-warning-days moves the window', () => {
    assert.equal(cli(['check', fx('pem/bad-cert-expired.pem'), '--rule', 'pem/cert-expired=off']).status, 0);
    const json = (args: string[]) => JSON.parse(cli(['check', '--format', 'json', ...args]).stdout) as { code: string }[];
    assert.deepEqual(json([fx('pem/bad-cert-expiring-soon.pem'), '--expiry-warning-days', '5']), []);
    assert.deepEqual(json([fx('pem/ok-cert-expiring-soon.pem'), '--expiry-warning-days', '90']).map((f) => f.code), ['pem/cert-expiring-soon']);
  });

  it('--nginx-openssl, --nginx-version and --nginx-profile set what the nginx rules assume', () => {
    const codes = (args: string[]) => (JSON.parse(cli(['check', '--format', 'json', ...args]).stdout) as { code: string }[]).map((f) => f.code);
    assert.ok(codes([fx('nginx/bad-ecdh-curve-unknown.conf')]).includes('nginx/ecdh-curve-unknown'));
    assert.equal(codes([fx('nginx/bad-ecdh-curve-unknown.conf'), '--nginx-openssl', '3.5']).filter((c) => c === 'nginx/ecdh-curve-unknown').length, 2, 'only the two names OpenSSL never knows');
    assert.ok(codes([fx('nginx/bad-listen-parameter.conf'), '--nginx-version', '1.26']).filter((c) => c === 'nginx/listen-parameter').length === 2, 'quic is known from 1.25.0');
    const modern = JSON.parse(cli(['check', '--format', 'json', fx('nginx/bad-prefer-server-ciphers.conf'), '--nginx-profile', 'modern']).stdout) as { message: string }[];
    assert.match(modern[0].message, /the modern profile says off/);
    assert.equal(cli(['check', '--nginx-openssl', 'three']).status, 2);
  });

  it('exits 2 on usage errors and unreadable input', () => {
    for (const args of [['check', '--format', 'xml'], ['check', '--max-warnings', 'many'], ['check', '--rule', 'pem/nope=off'], ['check', '--bogus'], ['frobnicate'], ['check', 'no/such/path.pem']]) {
      const r = cli(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /tls-lens: /);
    }
  });

  it('json: the public contract, validated against schemas/check-output.schema.json', () => {
    const r = cli(['check', '--format', 'json', fx('pem')]);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout) as { file: string; code: string; severity: string; range: { start: object; end: { character: number } } }[];
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/check-output.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    assert.ok(validate(out), JSON.stringify(validate.errors));
    assert.ok(out.length >= 15);
    const expired = out.find((f) => f.code === 'pem/cert-expired' && f.file.endsWith('bad-cert-expired.pem'))!;
    assert.deepEqual(Object.keys(expired), ['file', 'range', 'severity', 'code', 'message']);
    assert.equal(expired.file, 'test/fixtures/pem/bad-cert-expired.pem');
    assert.deepEqual(expired.range.start, { line: 2, character: 0 });
    assert.equal(expired.range.end.character, '-----END CERTIFICATE-----'.length);
    assert.equal(expired.severity, 'error');
    // A fixture whose expectations say "no findings" has none.
    assert.ok(!out.some((f) => f.file.includes('/ok-')), 'ok-* fixtures are quiet');
  });

  it('sarif: valid SARIF 2.1.0 with rule metadata, one result per finding', () => {
        const sarif = JSON.parse(cli(['check', '--format', 'sarif', fx('pem')]).stdout) as any;
    const json = JSON.parse(cli(['check', '--format', 'json', fx('pem')]).stdout);
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const validate = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
    const valid = validate(JSON.parse(JSON.stringify(sarif)));
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5)));
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.rules.length, RULES.length);
    assert.ok(run.tool.driver.rules.every((r: { helpUri: string }) => r.helpUri.includes('/docs/rules/')));
    assert.equal(run.results.length, json.length);
    const first = run.results[0];
    assert.equal(run.tool.driver.rules[first.ruleIndex].id, first.ruleId);
    assert.equal(first.locations[0].physicalLocation.region.startLine, json[0].range.start.line + 1);
  });

  it('walks folders, skipping .git, node_modules and files over the size limit', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-cli-'));
    try {
      const expired = fs.readFileSync(path.join(FIXTURES, 'pem/bad-cert-expired.pem'), 'utf8');
      for (const sub of ['.git', 'node_modules/pkg', 'certs']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
      fs.writeFileSync(path.join(dir, '.git/x.pem'), expired);
      fs.writeFileSync(path.join(dir, 'node_modules/pkg/x.pem'), expired);
      fs.writeFileSync(path.join(dir, 'certs/x.crt'), expired);
      fs.writeFileSync(path.join(dir, 'certs/notes.txt'), expired); // not a PEM extension: not read in a walk
      fs.writeFileSync(path.join(dir, 'certs/huge.pem'), expired + 'x'.repeat(40 * 1024));
      const r = cli(['check', '--format', 'json', '--max-file-size-kb', '32', '.'], { cwd: dir });
      const files = [...new Set(JSON.parse(r.stdout).map((f: { file: string }) => f.file))];
      assert.deepEqual(files, ['certs/x.crt']);
      assert.match(r.stderr, /skipped 1 file\(s\) over 32 KiB: certs\/huge\.pem/);
      // Named explicitly, a large file gets a finding instead.
      const big = JSON.parse(cli(['check', '--format', 'json', '--max-file-size-kb', '32', 'certs/huge.pem'], { cwd: dir }).stdout);
      assert.deepEqual(big.map((f: { code: string }) => f.code), ['core/file-too-large']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help and --version', () => {
    assert.match(cli(['--help']).stdout, /Usage: tls-lens check/);
    assert.match(cli(['--version']).stdout, /^\d+\.\d+\.\d+/);
    assert.equal(cli(['--help']).status, 0);
  });

  it('npm run demo shows the same findings every day: the examples\' clock is pinned (test/fixtures/demo-output.txt)', () => {
    const src = fs.readFileSync(path.join(ROOT, 'scripts/demo.mjs'), 'utf8');
    assert.equal(/EXAMPLES_CLOCK = '([^']+)'/.exec(src)?.[1], FIXTURE_NOW.toISOString().replace('.000', ''));
    const r = spawnSync(process.execPath, ['scripts/demo.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const shown = r.stdout.split('\n').filter((l) => !l.includes('for today:')).join('\n');
    assert.equal(shown, fs.readFileSync(path.join(FIXTURES, 'demo-output.txt'), 'utf8'));
    assert.match(r.stdout, /evaluated at 2026-06-01, the clock the examples were made at; for today: npm run demo -- --now \d{4}-\d\d-\d\d/);
  });
});
