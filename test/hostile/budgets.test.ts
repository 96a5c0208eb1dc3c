/**
 * Budgets that cover repeats, not only distinct things: one nginx file included 95,000 times
 * (each include re-read the file: 5-18 s), and a workspace of slow keystores (each under the
 * per-store cap, together 13-25 s). The work is counted (reads, derivations), not timed: the
 * figures are in npm run bench.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NodeHost } from '../../server/src/host';
import { buildNginxModel, DEFAULT_NGINX_SETTINGS } from '../../server/src/model/nginx';
import type { ReadRequest } from '../../server/src/model/types';

/** A host that counts what it is asked to read. */
class CountingHost extends NodeHost {
  reads = 0;
  override readFile(p: string, request?: ReadRequest): string | undefined {
    this.reads++;
    return super.readFile(p, request);
  }
}

describe('budgets cover repeats', () => {
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-budgets-')); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('95,000 `include same.conf;`: the file is read once, and the finding says the expansion budget was spent', () => {
    const dir = path.join(tmp, 'include-repeat');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'same.conf'), 'ssl_protocols TLSv1.2 TLSv1.3;\n');
    const text = `events {}\nhttp {\n${'  include same.conf;\n'.repeat(95_000)}}\n`;
    const host = new CountingHost({ roots: [dir] });
    const model = buildNginxModel(text, path.join(dir, 'nginx.conf'), DEFAULT_NGINX_SETTINGS, host);
    assert.ok(host.reads <= 4, `same.conf was read ${host.reads} times`);
    assert.equal(model.limits.length, 1, JSON.stringify(model.limits.map((l) => l.message)));
    assert.match(model.limits[0].message, /include expansion budget is spent/);
  });

  it('95,000 includes of a file that is not there are looked up once', () => {
    const dir = path.join(tmp, 'include-missing');
    fs.mkdirSync(dir);
    const host = new CountingHost({ roots: [dir] });
    const model = buildNginxModel(`http {\n${'  include missing.conf;\n'.repeat(95_000)}}\n`, path.join(dir, 'nginx.conf'), DEFAULT_NGINX_SETTINGS, host);
    assert.ok(host.reads <= 4, `missing.conf was looked up ${host.reads} times`);
    assert.match(model.limits[0]?.message ?? '', /include expansion budget is spent/);
  });
});
