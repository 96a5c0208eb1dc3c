// What the CLI says about the inputs it was given: an input it cannot read is an error on stderr,
// exit status 2, and nothing on stdout that reads as a clean run (in any format); and every path
// it prints is the path the user gave (absolute in, absolute out; relative as given; a folder's
// files as the folder given joined with their path inside it), in check's text, JSON and SARIF
// and in inventory's four formats.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import AjvDraft04 from 'ajv-draft-04';
import { cli } from '../helpers/run';
import { DIST, FIXTURES, ROOT } from '../helpers/paths';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-inputs-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const missing = path.join(tmp, 'no-such-folder');
const expired = path.join(FIXTURES, 'pem/bad-cert-expired.pem');
const clean = path.join(FIXTURES, 'pem/ok-cert-expired.pem');

const sarifSchema = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const validSarif = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(sarifSchema);

function sarifOf(stdout: string): any {
  const log = JSON.parse(stdout);
  assert.ok(validSarif(log), JSON.stringify(validSarif.errors?.slice(0, 5)));
  return log;
}

const REASSURING = /no problems|0 certificates|^\s*\[\s*\]\s*$/m;

describe('an input that cannot be read', () => {
  it('check: exit 2, the reason on stderr, no stdout in text and json when nothing was read', () => {
    for (const format of ['text', 'json']) {
      const r = cli(['check', '--format', format, missing]);
      assert.equal(r.status, 2, format);
      assert.match(r.stderr, new RegExp(`tls-lens: cannot read ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no such file or directory`));
      assert.equal(r.stdout, '', `${format}: nothing on stdout`);
    }
  });

  it('check --format sarif: a valid log that says the run failed, naming the input (never a clean run)', () => {
    const r = cli(['check', '--format', 'sarif', missing]);
    assert.equal(r.status, 2);
    const run = sarifOf(r.stdout).runs[0];
    assert.equal(run.invocations[0].executionSuccessful, false);
    const [n] = run.invocations[0].toolExecutionNotifications;
    assert.equal(n.level, 'error');
    assert.match(n.message.text, /cannot read .*no-such-folder: no such file or directory/);
    assert.equal(n.locations[0].physicalLocation.artifactLocation.uri, pathToFileURL(missing).href);
    assert.deepEqual(run.results, []);
    // A run that read everything says so.
    const ok = sarifOf(cli(['check', '--format', 'sarif', clean]).stdout).runs[0];
    assert.deepEqual(ok.invocations, [{ executionSuccessful: true }]);
  });

  it('check with one input read and one not: text lists the findings and says the check is incomplete; json prints nothing', () => {
    const text = cli(['check', '--no-color', clean, missing]);
    assert.equal(text.status, 2);
    assert.doesNotMatch(text.stdout, REASSURING);
    assert.match(text.stdout, /^1 file\(s\) checked: 0 error\(s\), 0 warning\(s\), 0 information, 0 hint\(s\); 1 input\(s\) could not be read \(see stderr\): the check is incomplete\.$/m);
    const withFindings = cli(['check', '--no-color', expired, missing]);
    assert.equal(withFindings.status, 2, 'unreadable input wins over findings');
    assert.match(withFindings.stdout, /error Certificate 'app\.example\.com' expired/);
    assert.match(withFindings.stdout, /the check is incomplete/);
    assert.equal(cli(['check', '--format', 'json', expired, missing]).stdout, '');
    const sarif = sarifOf(cli(['check', '--format', 'sarif', expired, missing]).stdout).runs[0];
    assert.equal(sarif.invocations[0].executionSuccessful, false);
    assert.ok(sarif.results.length > 0, 'the findings of what was read');
  });

  it('inventory: exit 2 and no stdout in any format when nothing was read', () => {
    for (const format of ['text', 'json', 'csv', 'markdown']) {
      const r = cli(['inventory', '--format', format, missing]);
      assert.equal(r.status, 2, format);
      assert.match(r.stderr, /tls-lens: cannot read .*no-such-folder: no such file or directory/);
      assert.equal(r.stdout, '', `${format}: nothing on stdout`);
    }
  });

  it('inventory with one input read and one not: text and markdown say it is incomplete; json and csv print nothing', () => {
    for (const format of ['text', 'markdown']) {
      const r = cli(['inventory', '--format', format, clean, missing]);
      assert.equal(r.status, 2, format);
      assert.match(r.stdout, /^3 certificates: 0 expired, 0 expiring within 30 days, 3 valid \(at 2026-06-01T00:00:00\.000Z\); 1 input\(s\) could not be read \(see stderr\): the inventory is incomplete\.$/m, format);
    }
    for (const format of ['json', 'csv']) assert.equal(cli(['inventory', '--format', format, clean, missing]).stdout, '', format);
  });
});

describe('an input of generate that cannot be read', () => {
  it('exit 2, the path named on stderr, nothing on stdout and nothing written', () => {
    const out = path.join(tmp, 'never');
    for (const args of [['bundle', 'nginx', missing], ['pkcs12', path.join(missing, 'a.crt'), path.join(missing, 'a.key')], ['renew', path.join(missing, 'a.crt')], ['truststore', path.join(missing, 'ca.crt')]]) {
      const r = cli(['generate', ...args, '--out', out]);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.ok(r.stderr.includes(missing), r.stderr);
    }
    assert.ok(!fs.existsSync(out), 'nothing written');
  });
});

describe('paths as the user gave them', () => {
  const rel = path.relative(ROOT, expired).split(path.sep).join('/');

  it('check: an absolute input comes back absolute (text, json), a relative one as written', () => {
    const text = cli(['check', '--no-color', expired]);
    assert.match(text.stdout, new RegExp(`^${expired.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: error `, 'm'));
    assert.equal((JSON.parse(cli(['check', '--format', 'json', expired]).stdout) as { file: string }[])[0].file, expired);
    assert.equal((JSON.parse(cli(['check', '--format', 'json', `./${rel}`]).stdout) as { file: string }[])[0].file, `./${rel}`);
    // A relative path that climbs out of the current folder stays as written, not re-derived from it.
    const up = cli(['check', '--format', 'json', '../pem/bad-cert-expired.pem'], { cwd: path.join(FIXTURES, 'pem') });
    assert.equal((JSON.parse(up.stdout) as { file: string }[])[0].file, '../pem/bad-cert-expired.pem');
  });

  it('check: a folder\'s files are the folder as given joined with their path inside it', () => {
    const files = (args: string[], cwd?: string) => [...new Set((JSON.parse(cli(['check', '--format', 'json', ...args], { cwd }).stdout) as { file: string }[]).map((f) => f.file))];
    const abs = path.join(FIXTURES, 'xref/bad-key-mismatch');
    assert.deepEqual(files([abs]), ['secret.yaml', 'site.conf'].map((f) => path.join(abs, f)));
    assert.deepEqual(files(['./test/fixtures/xref/bad-key-mismatch/']), ['./test/fixtures/xref/bad-key-mismatch/secret.yaml', './test/fixtures/xref/bad-key-mismatch/site.conf']);
    assert.deepEqual(files(['.'], abs), ['secret.yaml', 'site.conf'], 'the current folder: the paths inside it');
    assert.deepEqual(files(['../bad-key-mismatch'], abs), ['../bad-key-mismatch/secret.yaml', '../bad-key-mismatch/site.conf']);
  });

  it('check --format sarif: relative paths with the %SRCROOT% base, absolute ones as file URIs', () => {
    const absRun = sarifOf(cli(['check', '--format', 'sarif', expired]).stdout).runs[0];
    assert.deepEqual(absRun.results[0].locations[0].physicalLocation.artifactLocation, { uri: pathToFileURL(expired).href });
    const relRun = sarifOf(cli(['check', '--format', 'sarif', `./${rel}`]).stdout).runs[0];
    assert.deepEqual(relRun.results[0].locations[0].physicalLocation.artifactLocation, { uri: rel, uriBaseId: '%SRCROOT%' });
    assert.equal(relRun.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(ROOT).href + '/');
    const up = sarifOf(cli(['check', '--format', 'sarif', '../pem/bad-cert-expired.pem'], { cwd: path.join(FIXTURES, 'pem') }).stdout).runs[0];
    assert.deepEqual(up.results[0].locations[0].physicalLocation.artifactLocation, { uri: '../pem/bad-cert-expired.pem', uriBaseId: '%SRCROOT%' });
  });

  it('inventory: where a certificate lives and what uses it, in the form the folder was given (text, json, csv, markdown)', () => {
    const examples = path.join(ROOT, 'examples');
    const conf = path.join(examples, 'nginx/site.conf');
    const json = JSON.parse(cli(['inventory', '--format', 'json', examples]).stdout) as { certificates: { commonName?: string; locations: { file: string }[]; usedBy: { file: string; what: string }[] }[] };
    const app = json.certificates.find((c) => c.commonName === 'app.example.com')!;
    assert.equal(app.locations[0].file, path.join(examples, 'certs/app.example.com/fullchain.pem'));
    assert.equal(app.usedBy.find((u) => u.what === 'nginx ssl_certificate')!.file, conf);
    assert.match(cli(['inventory', examples]).stdout, new RegExp(`used by: nginx ssl_certificate \\(${conf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5\\)`));
    assert.ok(cli(['inventory', '--format', 'csv', examples]).stdout.includes(`${conf}:5 nginx ssl_certificate`));
    assert.ok(cli(['inventory', '--format', 'markdown', examples]).stdout.includes(`nginx ssl_certificate (\`${conf}:5\`)`));
    const dotted = cli(['inventory', '--format', 'json', './examples/']).stdout;
    assert.ok(dotted.includes('"file": "./examples/nginx/site.conf"'), dotted.slice(0, 2000));
  });
});

describe('an output that closes early', () => {
  it('`tls-lens check … | head`: the CLI stops quietly with the SIGPIPE status, no stack trace', async () => {
    // Output well past a pipe's buffer (64 KiB): 400 copies of an expired certificate, a finding each.
    const many = path.join(tmp, 'many');
    fs.mkdirSync(many);
    for (let i = 0; i < 400; i++) fs.copyFileSync(expired, path.join(many, `c${i}.pem`));
    const child = spawn(process.execPath, [path.join(DIST, 'cli.js'), 'check', '--format', 'sarif', '--now', '2026-06-01', many], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    // Read the first chunk, then stop reading, as head does once it has its lines.
    await new Promise<void>((resolve) => child.stdout.once('data', () => { child.stdout.destroy(); resolve(); }));
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    assert.equal(stderr, '');
    assert.equal(status, 141);
  });
});

describe('a file named twice', () => {
  it('`check examples examples/nginx examples/nginx/site.conf` reads and reports each file once', () => {
    const once = cli(['check', '--now', '2026-06-01', '--format', 'json', 'examples'], { cwd: ROOT });
    const twice = cli(['check', '--now', '2026-06-01', '--format', 'json', 'examples', 'examples/nginx', 'examples/nginx/site.conf'], { cwd: ROOT });
    assert.equal(twice.status, once.status);
    const findings = JSON.parse(once.stdout) as { file: string; code: string }[];
    assert.ok(findings.some((f) => f.file === 'examples/nginx/site.conf'), 'site.conf has findings');
    assert.deepEqual(JSON.parse(twice.stdout), findings);
    const counted = (paths: string[]) => /^(\d+) file\(s\) checked/m.exec(cli(['check', '--now', '2026-06-01', ...paths], { cwd: ROOT }).stdout)?.[1];
    assert.equal(counted(['examples', 'examples/nginx']), counted(['examples']));
  });
});

describe('generate names its inputs as given', () => {
  it('the bundle\'s notes name the configuration files by the paths on the command line', () => {
    const out = path.join(tmp, 'bundle-notes');
    const r = cli(['generate', 'bundle', 'opschain', 'examples/opschain/values.yaml', '--out', out], { cwd: ROOT });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Made from 1 configuration file\(s\): examples\/opschain\/values\.yaml\./);
    assert.ok(!r.stdout.includes(path.join(ROOT, 'examples')), r.stdout);
  });
});
