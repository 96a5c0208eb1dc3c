// Child process of bench/index.mjs: indexes a workspace as the server does at start, times the
// inventory (the TLS Certificates view's request) once indexed, then a keystroke (model + rules
// with the index) on one Ingress, and whether keystrokes moved the inventory's generation (which
// is what makes the view rebuild it). Prints JSON.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
const require = createRequire(import.meta.url);
const [root, dir] = process.argv.slice(2);
const OUT = path.join(root, 'out/server/src');
const { collectFiles, languageFor } = require(path.join(OUT, 'workspace/files.js'));
const { NodeHost } = require(path.join(OUT, 'host.js'));
const nodeHost = new NodeHost({ roots: [dir] });
const { Engine } = require(path.join(OUT, 'engine.js'));
const { buildInventory } = require(path.join(OUT, 'workspace/inventory.js'));
const t0 = performance.now();
const engine = new Engine({ host: nodeHost, workspace: true });
const index = engine.workspace;
const { files } = collectFiles([dir], 2048);
for (const f of files) { const text = fs.readFileSync(f, 'utf8'); const l = languageFor(f, text); if (l) index.updateFromText(f, text, l); }
index.complete = true;
const tIndex = performance.now() - t0;
global.gc?.();
const rss = process.memoryUsage().rss;
let t1 = performance.now();
const inv = buildInventory(index, new Date(), 30);
const inventoryMs = performance.now() - t1;
t1 = performance.now();
buildInventory(index, new Date(), 30);
const inventoryAgainMs = performance.now() - t1;
const generation = index.inventoryGeneration;
const ingress = path.join(dir, 'yaml/ingress-0.yaml');
const text = fs.readFileSync(ingress, 'utf8');
const times = [];
for (let i = 0; i < 30; i++) {
  const t = performance.now();
  engine.check([{ uri: ingress, languageId: 'yaml', text: text + `# edit ${i}\n`, version: i }]);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ files: files.length, indexMs: tIndex, rssMB: rss / 1048576, keystrokeMs: times[15], inventoryMs, inventoryAgainMs, certificates: inv.certificates.length, rebuilds: index.inventoryGeneration - generation }));
