/**
 * Writes the hostile corpus's small cases into test/fixtures/hostile/ (committed), with a README
 * listing every case, what it is and the answer TLS Lens owes it. Run: npm run gen:hostile.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOSTILE } from '../hostile/corpus';

const ROOT = path.resolve(__dirname, '../../..');
const DIR = path.join(ROOT, 'test/fixtures/hostile');

async function main(): Promise<void> {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  const rows: string[] = [];
  for (const c of HOSTILE) {
    const answer = c.expect.length ? c.expect.map((r) => `\`${r}\``).join(', ') : 'no crash, no hang (any findings)';
    rows.push(`| \`${c.name}\`${c.large ? ' (made at test time)' : ''} | ${c.why} | ${answer}${c.forbid?.length ? '; never quoted: ' + c.forbid.map((f) => `\`${f.length > 24 ? f.slice(0, 24) + '…' : f}\``).join(', ') : ''} |`);
    if (c.large) continue;
    for (const [rel, content] of Object.entries(await c.files())) {
      const file = path.join(DIR, c.name, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content, { mode: /\.(key|p12|jks)$/.test(rel) || /PRIVATE KEY/.test(String(content)) ? 0o600 : 0o644 });
    }
  }
  fs.writeFileSync(path.join(DIR, 'README.md'), [
    '# Hostile corpus',
    '',
    'Files an attacker or an unlucky user could put in a repository. Each folder is a small workspace;',
    'its first file (as listed in `test/hostile/corpus.ts`) is checked with the others around it, and must',
    'get the answer below: the findings named, no `core/internal-error`, no message quoting a secret or',
    'another file, and an end (the test bounds each case at 20 s against a hang; how long each takes is',
    'a row of `npm run bench`, goal 2 s). Written by `npm run gen:hostile`; large cases are made at test time.',
    '',
    `${HOSTILE.length} cases.`,
    '',
    '| case | what | answer |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n'));
  console.log(`hostile corpus: ${HOSTILE.filter((c) => !c.large).length} cases written, ${HOSTILE.filter((c) => c.large).length} made at test time`);
}

main().catch((e) => { console.error(e); process.exit(1); });
