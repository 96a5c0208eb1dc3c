// The hostile corpus's time per case (test/hostile/corpus.ts): the test only bounds each case
// against a hang; how long each takes is a figure, here. Each case runs alone in a worker
// (out/test/hostile/check-worker.js, as the test runs it), three times; the median is reported
// for the slowest cases, with the goal that none takes more than 2 s on this machine.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

function once(root, dir, first, maxFileSizeKB) {
  return new Promise((resolve) => {
    const w = new Worker(path.join(root, 'out/test/hostile/check-worker.js'), { workerData: { dir, first, maxFileSizeKB }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    const t = setTimeout(() => { void w.terminate(); resolve(Infinity); }, 60_000);
    w.once('message', (m) => { clearTimeout(t); void w.terminate(); resolve(m.ms); });
    w.once('error', () => { clearTimeout(t); resolve(NaN); });
  });
}

export async function hostileBench(root, rows) {
  const { HOSTILE } = require(path.join(root, 'out/test/hostile/corpus.js'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-bench-hostile-'));
  const times = [];
  try {
    for (const c of HOSTILE) {
      const files = await c.files();
      const first = Object.keys(files)[0];
      let dir = path.join(root, 'test/fixtures/hostile', c.name);
      if (c.large) {
        dir = path.join(tmp, c.name);
        for (const [rel, content] of Object.entries(files)) { fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true }); fs.writeFileSync(path.join(dir, rel), content); }
      }
      const ms = [];
      for (let i = 0; i < 3; i++) ms.push(await once(root, dir, first, c.settings?.maxFileSizeKB));
      times.push({ name: c.name, ms: median(ms) });
      if (c.large) fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  times.sort((a, b) => b.ms - a.ms);
  const over = times.filter((t) => !(t.ms <= 2000));
  rows.push([`hostile corpus, ${times.length} cases, each alone in a worker: the slowest (median of 3)`, times.slice(0, 3).map((t) => `${t.name} ${t.ms.toFixed(0)} ms`).join(', '), `total ${times.reduce((s, t) => s + t.ms, 0).toFixed(0)} ms`, over.length ? `${over.length} over 2 s` : 'none over 2 s', 'goal: each <= 2 s']);
}
