/**
 * Oracle: Debian's nginx (`nginx -t`) on a corpus of good and broken files. TLS Lens reports a
 * syntax-class error on a file exactly when nginx -t fails, on the line nginx names.
 *
 * What nginx -t checks that TLS Lens does not (by design, or not yet): that certificate and key
 * files exist and load (and match), unknown directives outside the ssl_* family, the values of
 * most arguments (sizes, times, addresses), duplicate listen/server_name conflicts, regex
 * compilation, variables that do not exist, and modules that are not built in.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyze, DEFAULT_SETTINGS } from '../../server/src/engine';
import { LineIndex } from '../../server/src/util/lineIndex';
import { FIXTURE_NOW } from '../helpers/clock';
import { ROOT } from '../helpers/paths';
import { writeServerPki } from '../helpers/pki';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
const SYNTAX_RULES = new Set(['nginx/syntax-error', 'nginx/directive-context', 'nginx/directive-args', 'nginx/unknown-ssl-directive']);
const ORACLE = path.join(ROOT, 'test/oracle/nginx');

function nginxVersion(): string {
  const r = spawnSync(NGINX!, ['-v'], { encoding: 'utf8' });
  return /nginx\/(\d+\.\d+\.\d+)/.exec(r.stderr)?.[1] ?? '1.22.1';
}

describe('nginx -t oracle', { skip: NGINX ? false : 'nginx is not installed (.ci/run installs Debian\'s nginx-light)' }, () => {
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-nginx-t-'));
    await writeServerPki(dir);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const name of fs.readdirSync(ORACLE).filter((f) => f.endsWith('.conf')).sort()) {
    it(name, () => {
      const text = fs.readFileSync(path.join(ORACLE, name), 'utf8').replace(/__CERTS__/g, dir).replace(/__PORT__/g, '18443');
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      const r = spawnSync(NGINX!, ['-t', '-q', '-p', dir, '-c', file, '-e', 'stderr', '-g', `pid ${dir}/nginx.pid; error_log stderr;`], { encoding: 'utf8' });
      const failed = r.status !== 0;
      const m = /\[emerg\] (.*?) in (.*?):(\d+)/.exec(r.stderr);
      const settings = { ...DEFAULT_SETTINGS, nginx: { ...DEFAULT_SETTINGS.nginx, version: nginxVersion() } };
      const { findings } = analyze({ uri: file, languageId: 'nginx', text }, settings, FIXTURE_NOW);
      const index = new LineIndex(text);
      const errors = findings.filter((f) => f.severity === 'error' && SYNTAX_RULES.has(f.ruleId));
      const ours = errors.map((f) => `${f.ruleId} lines ${index.positionAt(f.span.start).line + 1}-${index.positionAt(f.span.end).line + 1}: ${f.message}`);
      assert.equal(errors.length > 0, failed, `nginx -t ${failed ? 'failed' : 'passed'} (${r.stderr.trim()}); TLS Lens: ${ours.join('; ') || 'no syntax error'}`);
      assert.equal(name.startsWith('bad-'), failed, `the oracle corpus file name says ${name.startsWith('bad-') ? 'bad' : 'good'}, nginx -t ${failed ? 'failed' : 'passed'}: ${r.stderr}`);
      if (failed) {
        assert.ok(m, `no [emerg] line: ${r.stderr}`);
        const line = Number(m![3]) - 1;
        const onLine = errors.some((f) => index.positionAt(f.span.start).line <= line && line <= index.positionAt(f.span.end).line);
        assert.ok(onLine, `nginx names line ${line + 1} (${m![1]}); TLS Lens: ${ours.join('; ')}`);
      }
    });
  }
});
