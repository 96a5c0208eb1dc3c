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
import { DEFAULT_SETTINGS } from '../../server/src/engine';
import { LineIndex } from '../../server/src/util/lineIndex';
import { recommendedGroups } from '../../server/src/nginx/groups';
import { ROOT } from '../helpers/paths';
import { writeServerPki } from '../helpers/pki';
import { checkAlone } from '../helpers/engine';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
/** Rules whose errors mean nginx -t fails: syntax, and values nginx or OpenSSL reject at start. */
const SYNTAX_RULES = new Set(['nginx/syntax-error', 'nginx/directive-context', 'nginx/directive-args', 'nginx/unknown-ssl-directive', 'nginx/listen-parameter', 'nginx/ecdh-curve-unknown']);
const ORACLE = path.join(ROOT, 'test/oracle/nginx');

/** The OpenSSL nginx runs with (`nginx -V`: "running with OpenSSL 3.0.19", else "built with"). */
function nginxOpenssl(): string {
  const r = spawnSync(NGINX!, ['-V'], { encoding: 'utf8' });
  const m = /running with OpenSSL (\d+\.\d+\.\d+)/.exec(r.stderr) ?? /built with OpenSSL (\d+\.\d+\.\d+)/.exec(r.stderr);
  return m?.[1] ?? '3.0';
}

function nginxVersion(): string {
  const r = spawnSync(NGINX!, ['-v'], { encoding: 'utf8' });
  return /nginx\/(\d+\.\d+\.\d+)/.exec(r.stderr)?.[1] ?? '1.22.1';
}

describe('nginx -t oracle', { skip: NGINX ? false : 'nginx is not installed (.ci/run installs Debian\'s nginx package)' }, () => {
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-nginx-t-'));
    await writeServerPki(dir);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const name of fs.readdirSync(ORACLE).filter((f) => f.endsWith('.conf')).sort()) {
    it(name, () => {
      // __GROUPS__: the ssl_ecdh_curve list TLS Lens's hover recommends for this OpenSSL (it must load).
      const text = fs.readFileSync(path.join(ORACLE, name), 'utf8').replace(/__CERTS__/g, dir).replace(/__PORT__/g, '18443').replace(/__GROUPS__/g, recommendedGroups(nginxOpenssl()));
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      const r = spawnSync(NGINX!, ['-t', '-q', '-p', dir, '-c', file, '-e', 'stderr', '-g', `pid ${dir}/nginx.pid; error_log stderr;`], { encoding: 'utf8' });
      const failed = r.status !== 0;
      const m = /\[emerg\] (.*?) in (.*?):(\d+)/.exec(r.stderr);
      const settings = { ...DEFAULT_SETTINGS, nginx: { ...DEFAULT_SETTINGS.nginx, version: nginxVersion(), openssl: nginxOpenssl() } };
      const { findings } = checkAlone({ uri: file, languageId: 'nginx', text }, settings);
      const index = new LineIndex(text);
      const errors = findings.filter((f) => f.severity === 'error' && SYNTAX_RULES.has(f.ruleId));
      const ours = errors.map((f) => `${f.ruleId} lines ${index.positionAt(f.span.start).line + 1}-${index.positionAt(f.span.end).line + 1}: ${f.message}`);
      assert.equal(errors.length > 0, failed, `nginx -t ${failed ? 'failed' : 'passed'} (${r.stderr.trim()}); TLS Lens: ${ours.join('; ') || 'no syntax error'}`);
      assert.equal(name.startsWith('bad-'), failed, `the oracle corpus file name says ${name.startsWith('bad-') ? 'bad' : 'good'}, nginx -t ${failed ? 'failed' : 'passed'}: ${r.stderr}`);
      if (failed) {
        assert.match(r.stderr, /\[emerg\]/);
        // Errors found while merging (an OpenSSL call such as SSL_CTX_set1_curves_list) carry no line.
        if (m) {
          const line = Number(m[3]) - 1;
          const onLine = errors.some((f) => index.positionAt(f.span.start).line <= line && line <= index.positionAt(f.span.end).line);
          assert.ok(onLine, `nginx names line ${line + 1} (${m[1]}); TLS Lens: ${ours.join('; ')}`);
        }
      }
    });
  }
});
