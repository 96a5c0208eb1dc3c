/**
 * A repository cannot write to the terminal: every C0 and C1 control, DEL, the bidirectional
 * controls and ESC sequences (`\e]0;PWNED\a` sets the window title, `\e[2J` clears the screen,
 * U+009B is a one-character CSI) put in a certificate's CN and SAN, a file name, and YAML keys and
 * values that messages quote, reach `check`'s and `inventory`'s text, csv and markdown output
 * only as escapes; a file name with a line break cannot start a line of its own (a forged
 * finding). And a CN cannot put a link, an image, HTML or a table cell into a hover.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pemItemMarkdown } from '../../server/src/features/hover/pem';
import { referenceHover } from '../../server/src/features/hover/references';
import { yamlHover } from '../../server/src/features/hover/yaml';
import { certificateView, codeLenses } from '../../server/src/features/inventory';
import { NodeHost } from '../../server/src/host';
import { buildInventory, documentInventory } from '../../server/src/workspace/inventory';
import { LineIndex } from '../../server/src/util/lineIndex';
import { certificatePem, createCertificate } from '../../server/src/x509/generate';
import { days, FIXTURE_NOW } from '../helpers/clock';
import { cli } from '../helpers/run';
import { modelOf, testEngine } from '../helpers/engine';

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
const C1 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)).join('');
const BIDI = '\u202e\u2066\u200f\u061c\u2028';
const ESCAPES = '\x1b]0;PWNED\x07\x1b[2J\x9b31m';
/** What no output may hold: any of those characters (a line feed only as the end of a line). */
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** A file name that, printed raw, starts a line of its own that reads as a finding. */
const FORGED_NAME = `evil\n\x1b[31mfake.pem:1:1: error forged\x1b[0m\x07\x9b.pem`;

async function hostileCertificate(cn: string, san: string[]): Promise<string> {
  const c = await createCertificate({
    subject: `CN=${cn}`, key: { type: 'ec', curve: 'P-256' }, notBefore: days(-400), notAfter: days(-5), san, ca: false,
    keyUsage: ['digitalSignature'], extKeyUsage: ['serverAuth'],
  });
  return certificatePem(c.cert);
}

/** The first unprintable character of an output, with what is around it. */
function firstUnprintable(out: string): string | undefined {
  const m = UNPRINTABLE.exec(out);
  return m ? `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} in …${JSON.stringify(out.slice(Math.max(0, m.index - 40), m.index + 20))}…` : undefined;
}

describe('no control character from the repository reaches the CLI output', () => {
  let dir: string;
  let big: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-ctl-'));
    // Certificates cannot hold a ',' '+' '=' or '\' unescaped in the subject we write; everything else goes in.
    const pem = await hostileCertificate(`cn${ESCAPES}${C0}\x7f${C1}${BIDI}end`, [`a${ESCAPES}.example.com`, `b${C0.slice(1)}\x7f${C1}.example.com`]);
    fs.writeFileSync(path.join(dir, FORGED_NAME), pem);
    const secret = [
      'apiVersion: v1', 'kind: Secret', 'metadata:', '  name: web-tls', 'type: kubernetes.io/tls', 'stringData:', '  tls.crt: |',
      ...pem.trimEnd().split('\n').map((l) => `    ${l}`), '  tls.key: ""', '',
    ];
    fs.writeFileSync(path.join(dir, 'secret.yaml'), secret.join('\n'));
    // YAML escapes every control into keys and values: \xNN for C0 and DEL, \uNNNN for C1 and bidi.
    const yamlEscape = (s: string) => [...s].map((c) => {
      const n = c.codePointAt(0)!;
      return n < 0x20 || n === 0x7f ? `\\x${n.toString(16).padStart(2, '0')}` : n >= 0x80 ? `\\u${n.toString(16).padStart(4, '0')}` : c;
    }).join('');
    const evil = yamlEscape(`${ESCAPES}${C0}\x7f${C1}${BIDI}`);
    const ingress = [
      'apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', '  name: web', 'spec:', `  "tls${evil}": []`, '  tls:', '    - secretName: web-tls',
      '      hosts:', '        - other.example.com', `        - "h${evil}.example.com"`, '    - secretName: "missing' + evil + '"', '',
    ];
    fs.writeFileSync(path.join(dir, 'ingress.yaml'), ingress.join('\n'));
    big = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-ctl-big-'));
    fs.writeFileSync(path.join(big, `big${ESCAPES}\n.pem`), pem.repeat(4));
  });
  after(() => { fs.rmSync(dir, { recursive: true, force: true }); fs.rmSync(big, { recursive: true, force: true }); });

  const outputs: [string, string[]][] = [
    ['check (text)', ['check', '--no-color', '.']],
    ['inventory (text)', ['inventory', '.']],
    ['inventory (csv)', ['inventory', '--format', 'csv', '.']],
    ['inventory (markdown)', ['inventory', '--format', 'markdown', '.']],
  ];
  for (const [what, args] of outputs) {
    it(`${what}: only escapes, and no forged line`, () => {
      const r = cli(args, { cwd: dir });
      assert.ok(r.stdout.includes('PWNED'), `${what} shows the CN, escaped:\n${r.stdout.slice(0, 2000)}`);
      const out = what.includes('csv') ? r.stdout.replace(/\r\n/g, '\n') : r.stdout;
      assert.equal(firstUnprintable(out), undefined);
      assert.equal(firstUnprintable(r.stderr), undefined);
      for (const line of out.split('\n')) assert.ok(!/^\W*(\\e\[31m)?fake\.pem/.test(line), `a line of its own: ${line}`);
      if (what.startsWith('check')) {
        // The CN (pem/cert-expired on the file), the SANs (xref/hostname-not-covered), a YAML key
        // (schema/unknown-key) and values (schema/invalid-value, xref/unresolved-reference).
        const ids = ['pem/cert-expired', 'xref/hostname-not-covered', 'schema/unknown-key', 'schema/invalid-value', 'xref/unresolved-reference'];
        for (const id of ids) assert.ok(out.includes(`[${id}]`), `${id} in:\n${out}`);
        assert.ok(out.includes('evil\\n\\e[31mfake.pem:1:1: error forged\\e[0m\\x07\\x9b.pem:1:1: error Certificate'), out);
      }
    });
  }

  it('inventory (csv): a field a spreadsheet would take for a formula starts with an apostrophe', async () => {
    const formula = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-ctl-csv-'));
    try {
      fs.writeFileSync(path.join(formula, '=HYPERLINK("https:evil.example";"x").pem'), await hostileCertificate('plain', ['a.example.com']));
      const rows = cli(['inventory', '--format', 'csv', '.'], { cwd: formula }).stdout.split('\r\n');
      assert.ok(rows[1].includes(`,"'=HYPERLINK(""https:evil.example"";""x"").pem:1",`), rows[1]);
    } finally {
      fs.rmSync(formula, { recursive: true, force: true });
    }
  });

  it('stderr: a skipped file named with escapes is named with escapes', () => {
    const r = cli(['check', '--no-color', '--max-file-size-kb', '1', '.'], { cwd: big });
    assert.match(r.stderr, /skipped 1 file/);
    assert.ok(r.stderr.includes('big\\e]0;PWNED\\x07'), r.stderr);
    assert.equal(firstUnprintable(r.stderr), undefined);
  });
});

/**
 * markdown-it (installed with @vscode/vsce) as the renderer: raw HTML on, GFM-style autolinks
 * (http(s)://, www., e-mail, and //host which markdown-it also links), no fuzzy bare domains.
 */
type Renderer = { render(s: string): string; linkify: { set(o: object): void } };
const MarkdownIt = require('markdown-it') as new (o: object) => Renderer;
const renderer = new MarkdownIt({ html: true, linkify: true });
renderer.linkify.set({ fuzzyLink: false });

/** The HTML structure of rendered Markdown: its tags, in order, without their text. */
const tags = (markdown: string) => (renderer.render(markdown).match(/<\/?[a-z][^>]*>/g) ?? []).join('');

describe('a CN or a name cannot inject Markdown into a hover or the details view, nor an icon into a CodeLens', () => {
  // (no ',' '+' '=' or '\\': the subject we write would need them escaped)
  const INJECTION = '[Verified by TLS Lens](https://evil.example/login) ![x](https://evil.example/p.png) <img src onerror alert(1)> <b>b</b> '
    + '**bold** _it_ `code` ~~s~~ | cell | https://evil.example www.evil.example admin@evil.example //evil.example/x &#x202e;';

  it('PEM hover: the same HTML as for a plain CN, and the text is all there', async () => {
    const plainText = await hostileCertificate('plain', ['a.example.com', 'b.example.com']);
    const plain = modelOf({ uri: '/w/p.pem', languageId: 'pem', text: plainText }, { maxFileSizeKB: 1024 });
    const evilText = await hostileCertificate(INJECTION, [`x${ESCAPES}.example.com`, 'https://evil.example/[y](z)']);
    const evil = modelOf({ uri: '/w/e.pem', languageId: 'pem', text: evilText }, { maxFileSizeKB: 1024 });
    const a = pemItemMarkdown(plain, 0, FIXTURE_NOW);
    const b = pemItemMarkdown(evil, 0, FIXTURE_NOW);
    assert.equal(tags(b), tags(a), `the CN changed the hover's structure:\n${renderer.render(b)}`);
    const text = renderer.render(b).replace(/<[^>]+>/g, '');
    const shown = [
      '[Verified by TLS Lens](https://evil.example/login)', '&lt;img src onerror alert(1)&gt;', '**bold**', 'admin@evil.example', '//evil.example/x',
      '&amp;#x202e;', '\\e]0;PWNED\\x07',
    ];
    for (const s of shown) assert.ok(text.includes(s), `shown as text: ${s}\n${text}`);
    assert.equal(firstUnprintable(b), undefined);
  });

  it('Secret hover: an object name and a key name cannot close their spans', async () => {
    const pem = await hostileCertificate('plain', ['a.example.com']);
    const secret = (name: string, key: string) => [
      'apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${JSON.stringify(name)}`, 'stringData:', `  ${JSON.stringify(key)}: |`,
      ...pem.trimEnd().split('\n').map((l) => `    ${l}`), '',
    ].join('\n');
    const hover = (text: string) => {
      const model = modelOf({ uri: '/w/s.yaml', languageId: 'yaml', text }, { maxFileSizeKB: 1024 });
      const lines = new LineIndex(text);
      const h = referenceHover({ model, position: { line: 7, character: 6 }, lines, now: FIXTURE_NOW });
      return (h?.contents as { value: string } | undefined)?.value ?? '';
    };
    const a = hover(secret('web', 'tls.crt'));
    const b = hover(secret('web`](https://evil.example) <img src=x>', 'tls.crt`` [x](https://evil.example) `'));
    assert.ok(a.includes('**Secret web**'), a);
    assert.equal(tags(b), tags(a), renderer.render(b));
  });

  it('YAML hover: a modeline cannot close the code span that quotes it', () => {
    const hover = (modeline: string) => {
      const text = `# tls-lens: schema=${modeline}\na: 1\n`;
      const model = modelOf({ uri: '/w/values.yaml', languageId: 'yaml', text }, { maxFileSizeKB: 1024 });
      const h = yamlHover({ model, position: { line: 0, character: 2 }, lines: new LineIndex(text), now: FIXTURE_NOW });
      return (h?.contents as { value: string } | undefined)?.value ?? '';
    };
    const a = hover('my-schema.json');
    const b = hover('x`[click](https://evil.example/login)`<img>');
    assert.match(a, /because the modeline/, a);
    assert.equal(tags(b), tags(a), renderer.render(b));
  });

  it('Show Details: a file name cannot close the code span that names it', async () => {
    const pem = await hostileCertificate('plain', ['a.example.com']);
    const details = (name: string) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-ctl-details-'));
      try {
        const file = path.join(dir, name);
        fs.writeFileSync(file, pem);
        const index = testEngine({ host: new NodeHost({ roots: [dir] }), workspace: true }).workspace!;
        index.updateFromText(file, pem, 'pem');
        const inv = buildInventory(index, FIXTURE_NOW, 30);
        return certificateView(inv, inv.certificates[0].sha256, 'details') ?? '';
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const a = details('plain.pem');
    const b = details('x`[click](https:evil.example) <img>`.pem');
    assert.equal(tags(b), tags(a), renderer.render(b));
  });

  it("CodeLens: a CN's $(icon) is shown as written, not drawn", async () => {
    const text = await hostileCertificate('$(pass-filled) verified by TLS Lens', ['a.example.com']);
    const model = modelOf({ uri: '/w/x.pem', languageId: 'pem', text }, { maxFileSizeKB: 1024 });
    const [lens] = codeLenses(documentInventory(model, '/w/x.pem', undefined, FIXTURE_NOW, 30), new LineIndex(text));
    const title = lens.command!.title;
    assert.ok(title.includes('CN=\\$(pass-filled) verified by TLS Lens'), title);
    assert.doesNotMatch(title.replace(/^\$\((error|warning)\) /, ''), /(^|[^\\])\$\(/);
  });
});
