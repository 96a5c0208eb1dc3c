// Writes dist/cli-main.cache: runs the CLI in this process on the bundled examples and on every
// product bundle (output to a temporary folder), then saves V8's bytecode of everything that ran.
// Part of `npm run build`; the cache is a hint the launcher checks (server/src/launch/codeCache.ts).
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const cli = require(path.join(root, 'dist/cli.js'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-code-cache-'));
const write = { out: process.stdout.write, err: process.stderr.write };
const runs = [
  ['check', path.join(root, 'examples'), '--format', 'json'],
  ['check', path.join(root, 'examples'), '--format', 'sarif'],
  ['check', path.join(root, 'examples')],
  ...['openchoreo', 'spinnaker', 'opschain', 'nginx'].flatMap((p) => [
    ['generate', 'bundle', p, path.join(root, 'test/fixtures/bundles', p), '--out', path.join(tmp, p), '--format', 'json'],
    ['generate', 'bundle', p, path.join(root, 'test/fixtures/bundles', p), '--out', path.join(tmp, `${p}-text`)],
  ]),
  ['generate', 'ca', '--cn', 'Warm-up CA', '--out', path.join(tmp, 'ca')],
  ['generate', 'server', '--dns', 'warm.example', '--ca', path.join(tmp, 'ca/ca.crt'), '--ca-key', path.join(tmp, 'ca/ca.key'), '--out', path.join(tmp, 'server')],
  ['generate', 'csr', '--dns', 'warm.example', '--out', path.join(tmp, 'csr')],
];
try {
  process.stdout.write = process.stderr.write = () => true;
  for (const argv of runs) await cli.run(argv);
} finally {
  process.stdout.write = write.out;
  process.stderr.write = write.err;
  fs.rmSync(tmp, { recursive: true, force: true });
}
const bytes = cli.writeCodeCache();
process.exitCode = 0;
console.log(`code cache: ${(bytes / 1024).toFixed(0)} KiB (dist/cli-main.cache)`);
