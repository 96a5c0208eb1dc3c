/**
 * The hostile-generation corpus (test/hostile/generation.ts) through the CLI and through the
 * editor's generate command (runGenerate, what `tlsLens.server.generate` runs): the status and the
 * message each case expects; for every case, nothing in `outside/` (the target of the repository's
 * links), a refusal that leaves the case folder as it was, no private key in the output. Then
 * what a table cannot say: a link planted between the checks and the writes, and a README whose
 * commands are run by bash, with the names the validators accept.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Entry, filesUnder, GENERATION, GenerationCase } from './generation';
import { DIST } from '../helpers/paths';
import { CommandHost, runGenerate } from '../../server/src/features/commands';
import { DEFAULT_NGINX_SETTINGS } from '../../server/src/model/nginx';
import { languageFor } from '../../server/src/workspace/files';
import { NodeHost } from '../../server/src/host';
import { generateBundle, generateCsr } from '../../server/src/generate/commands';
import { UnsafePath, writePlan } from '../../server/src/generate/files';
import { modelOf } from '../helpers/engine';

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-hostile-generation-')));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A fresh case folder: `<tmp>/<run>/<name>/repo` (the current folder) and `…/outside`. */
function lay(run: string, c: { name: string; files?: () => Record<string, Entry> }): { dir: string; outside: string } {
  const base = path.join(tmp, run, c.name);
  const dir = path.join(base, 'repo');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(outside);
  for (const [rel, e] of Object.entries(c.files?.() ?? {})) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (typeof e === 'string') fs.writeFileSync(p, e);
    else fs.symlinkSync(e.link, p);
  }
  return { dir, outside };
}

/** Every entry under a folder with a hash of what it holds (links as their target), not following links. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isSymbolicLink()) out.push(`${rel} -> ${fs.readlinkSync(p)}`);
      else if (e.isDirectory()) { out.push(`${rel}/`); walk(p); } else out.push(`${rel} ${createHash('sha256').update(fs.readFileSync(p)).digest('hex').slice(0, 16)}`);
    }
  };
  walk(dir);
  return out.sort();
}

function cli(args: readonly string[], cwd: string, timeout: number) {
  return spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'generate', ...args], { cwd, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
}

/** The editor's command host over a folder: trusted, models built as the server builds them. */
function editorHost(root: string): CommandHost {
  const host = new NodeHost({ roots: [root], pathMappings: {}, trusted: true });
  return {
    trusted: true,
    roots: [root],
    openText: () => undefined,
    context: async () => null,
    model: (file) => {
      const text = host.readFile(file, { purpose: 'workspace' });
      const languageId = text === undefined ? undefined : languageFor(file, text);
      return text === undefined || (languageId !== 'yaml' && languageId !== 'nginx') ? undefined : modelOf({ uri: file, languageId, text }, { maxFileSizeKB: 2048, host, yaml: { schemaValidation: false, schemas: {} }, nginx: DEFAULT_NGINX_SETTINGS });
    },
    version: 'test',
    now: () => new Date(),
    wrote: () => undefined,
  } as CommandHost;
}

describe('hostile generation: the corpus through the CLI', () => {
  it('has a case for each item of issue 19 §1-§4 it covers', () => {
    assert.ok(GENERATION.length >= 30, `${GENERATION.length} cases`);
    assert.equal(new Set(GENERATION.map((c) => c.name)).size, GENERATION.length, 'case names are unique');
  });

  for (const c of GENERATION) {
    it(`${c.name}: ${c.why}`, () => {
      const { dir, outside } = lay('cli', c);
      const before = snapshot(dir);
      const started = Date.now();
      const r = cli(c.args, dir, c.budgetMs ?? 20_000);
      const ms = Date.now() - started;
      assert.equal(r.error, undefined, `${c.name} did not finish in ${c.budgetMs ?? 20_000} ms (${r.error?.message})`);
      assert.equal(r.status, c.status, `exit ${r.status} in ${ms} ms\n${r.stdout}${r.stderr}`.slice(0, 4000));
      const said = c.status === 0 ? r.stdout : r.stderr;
      if (c.says) assert.match(said, c.says, said.slice(0, 4000));
      assert.doesNotMatch(`${r.stdout}${r.stderr}`, /PRIVATE KEY-----|internal error/);
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing is written outside the output folder');
      if (c.status !== 0) assert.deepEqual(snapshot(dir), before, 'a refusal writes nothing');
      c.check?.(dir);
    });
  }
});

describe('hostile generation: the same cases through the editor\'s command (one validator, one writer)', () => {
  for (const c of GENERATION.filter((x): x is GenerationCase & Required<Pick<GenerationCase, 'editor'>> => !!x.editor)) {
    it(`${c.name}`, async () => {
      const { dir, outside } = lay('editor', c);
      const before = snapshot(dir);
      const r = await runGenerate(c.editor(dir), editorHost(dir));
      assert.equal(r.status, c.status === 0 ? 'made' : 'error', JSON.stringify(r).slice(0, 2000));
      if (c.says && r.status === 'error') assert.match(r.message, c.says);
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing is written outside the output folder');
      if (c.status !== 0) assert.deepEqual(snapshot(dir), before, 'a refusal writes nothing');
    });
  }
});

describe('hostile generation: a link planted between the checks and the writes', () => {
  const planes = 'clusterAgent:\n  planeType: dataplane\n  planeID: p0\n  tls:\n    enabled: true\n';
  const plan = async (dir: string) => {
    const file = path.join(dir, 'values.yaml');
    const model = editorHost(dir).model(file)!;
    return generateBundle({ out: path.join(dir, 'pki'), product: 'openchoreo', files: [{ path: file, model }] });
  };
  for (const [where, plant] of [
    ['the output folder', (dir: string, outside: string) => fs.symlinkSync(outside, path.join(dir, 'pki'))],
    ['a folder under it', (dir: string, outside: string) => { fs.mkdirSync(path.join(dir, 'pki')); fs.symlinkSync(outside, path.join(dir, 'pki', 'openchoreo-data-plane')); }],
  ] as const) {
    it(`${where}: refused, naming the link; nothing reaches the link's target`, async () => {
      const { dir, outside } = lay('race', { name: where.replace(/ /g, '-'), files: () => ({ 'values.yaml': planes }) });
      const p = await plan(dir);
      let planted = false;
      assert.throws(
        () => writePlan(path.join(dir, 'pki'), p, { force: false, trusted: [dir], beforeWrite: () => { plant(dir, outside); planted = true; } } as Parameters<typeof writePlan>[2]),
        (e: Error) => e instanceof UnsafePath && /is a symbolic link/.test(e.message),
      );
      assert.ok(planted, 'the link was planted after the checks');
      assert.deepEqual(fs.readdirSync(outside), []);
      assert.deepEqual(filesUnder(path.join(dir, 'pki')).filter((f) => !f.startsWith('openchoreo-data-plane')), [], 'all or nothing');
    });
  }
});

describe('hostile generation: a README\'s commands are safe to paste', () => {
  /** The commands of a README: its sh block, and the code spans of its notes that run a program. */
  function commands(readme: string): string[] {
    const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1].split('\n').filter(Boolean) ?? [];
    const notes = readme.split('\n## Notes\n')[1]?.split('\n## ')[0] ?? '';
    // CommonMark code spans: a run of backticks, then the shortest text up to a run of the same length; one space of padding each side is taken off.
    const spans = [...notes.matchAll(/(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g)].map((m) => (/^ .* $/.test(m[2]) ? m[2].slice(1, -1) : m[2])).filter((c) => /^(openssl|kubectl|tls-lens) /.test(c));
    return [...block, ...spans];
  }

  /** Runs them in bash (set -eu) with each program replaced by one that prints its arguments. */
  function runInBash(dir: string, cmds: string[]): string[][] {
    const script = ['set -eu', ...['kubectl', 'openssl', 'tls-lens'].map((p) => `${p}() { printf '%s\\0' ${p} "$@"; printf '\\n'; }`), ...cmds].join('\n');
    assert.equal(spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' }).status, 0, script);
    const r = spawnSync('bash', [], { input: script, cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, `${script}\n${r.stderr}`);
    return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\0').filter(Boolean));
  }

  const hostile = ['x;$(touch PWNED) \'q\'', '-rf `touch PWNED`', '`touch PWNED`', 'a"b$HOME c', '*', '!!', 'ü ${IFS}'];
  for (const name of hostile) {
    it(`a file name ${JSON.stringify(name)}: the README's commands name that file and run nothing else`, async () => {
      const { dir } = lay('readme', { name: `name-${createHash('sha256').update(name).digest('hex').slice(0, 8)}` });
      const out = path.join(dir, 'pki');
      const p = await generateCsr({ out, cn: 'a.example', dns: ['a.example'], name });
      writePlan(out, p, { force: false });
      const argv = runInBash(out, commands(fs.readFileSync(path.join(out, 'README.md'), 'utf8')));
      assert.ok(argv.some((a) => a[0] === 'openssl' && a.includes(`${name}.csr`)), JSON.stringify(argv));
      for (const a of argv) for (const f of a.filter((x) => x.endsWith('.csr'))) assert.ok(fs.existsSync(path.join(out, f)), `${f} exists`);
      assert.ok(!fs.existsSync(path.join(out, 'PWNED')) && !fs.existsSync(path.join(dir, 'PWNED')), 'nothing ran');
    });
  }

  it('a bundle\'s kubectl commands load the files of its folder', () => {
    const { dir } = lay('readme', { name: 'bundle', files: () => ({ 'values.yaml': 'api:\n  hostName: o.example.com\n  certificateSecretName: api.tls-cert\nglobal:\n  secretVaultExternalHostName: v.example.com\nenv:\n  OPSCHAIN_KUBERNETES_NAMESPACE: ops-ns\n' }) });
    assert.equal(cli(['bundle', 'opschain', 'values.yaml'], dir, 30_000).status, 0);
    const argv = runInBash(path.join(dir, 'pki'), commands(fs.readFileSync(path.join(dir, 'pki', 'README.md'), 'utf8')));
    assert.ok(argv.some((a) => a.join(' ') === 'kubectl create secret tls api.tls-cert --cert=api.tls-cert.crt --key=api.tls-cert.key -n ops-ns'), JSON.stringify(argv));
    for (const a of argv) for (const v of a) {
      const f = /^--(?:cert|key)=(.*)$/.exec(v)?.[1] ?? (a[a.indexOf(v) - 1] === '-f' ? v : undefined);
      if (f) assert.ok(fs.existsSync(path.join(dir, 'pki', f)), `${f} exists`);
    }
  });
});
