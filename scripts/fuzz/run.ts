/**
 * `npm run fuzz`: a seeded mutation fuzzer over the fixtures, examples and ../shared/corpus, in
 * five families (YAML, nginx, PEM/DER, base64 Secret data, PKCS#12/JKS keystores). Each input
 * runs through the whole engine in a worker; it reports crashes (core/internal-error), hangs
 * (an input over 1 s) and memory over 500 MB, each with a minimised reproducer in fuzz-out/.
 *
 *   npm run fuzz -- [--family yaml|nginx|pem|secret|keystore|all] [--count 100000]
 *                   [--seed 1] [--seconds N] [--out fuzz-out]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Family, FAMILIES, inputAt, layout, seeds } from './families';
import type { Job, Message } from './worker';

const ROOT = path.resolve(__dirname, '../../..');
const WORKER = path.join(__dirname, 'worker.js');
export const HANG_MS = 1000;
const MEMORY_MB = 500;

export interface Failure { family: Family; kind: 'crash' | 'hang' | 'memory'; index: number; message: string; reproducer?: string }
export interface FamilyReport { family: Family; ran: number; ms: number; failures: Failure[] }

interface Outcome { ran: number; failures: { kind: Failure['kind']; index: number; message: string }[]; stoppedAt?: number }

/** Runs inputs [from, to) of a family in one worker, until it hangs, runs out of memory, or the deadline. */
function runBatch(job: Job, deadline: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const w = new Worker(WORKER, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB } });
    const out: Outcome = { ran: 0, failures: [] };
    let current = -1;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => { clearTimeout(timer); void w.terminate(); resolve(out); };
    w.on('message', (m: Message) => {
      if (m.type === 'start') {
        out.ran++;
        current = m.i;
        clearTimeout(timer);
        if (Date.now() > deadline) { out.stoppedAt = m.i; finish(); return; }
        timer = setTimeout(() => { out.failures.push({ kind: 'hang', index: current, message: `over ${HANG_MS} ms` }); out.stoppedAt = current + 1; finish(); }, HANG_MS);
      } else if (m.type === 'crash') {
        out.failures.push({ kind: 'crash', index: m.i, message: m.message });
      } else {
        finish();
      }
    });
    w.on('error', (e) => {
      const memory = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      out.failures.push({ kind: memory ? 'memory' : 'crash', index: current, message: memory ? `over ${MEMORY_MB} MB` : String(e) });
      out.stoppedAt = current + 1;
      finish();
    });
  });
}

/** Whether an input still fails the same way (a fresh worker each time). */
async function stillFails(family: Family, input: Buffer, kind: Failure['kind'], message: string): Promise<boolean> {
  const o = await runBatch({ family, seed: 0, from: 0, to: 0, root: ROOT, input: input.toString('base64') }, Date.now() + 60_000);
  return o.failures.some((f) => f.kind === kind && (kind !== 'crash' || f.message === message));
}

/** Delta debugging, bounded: drop chunks while the failure stays. */
async function minimise(family: Family, input: Buffer, kind: Failure['kind'], message: string, tries = 60): Promise<Buffer> {
  let best = input;
  let chunk = Math.max(1, Math.floor(best.length / 2));
  while (chunk >= 1 && tries > 0) {
    let shrunk = false;
    for (let at = 0; at < best.length && tries > 0; at += chunk) {
      const candidate = Buffer.concat([best.subarray(0, at), best.subarray(at + chunk)]);
      tries--;
      if (candidate.length < best.length && (await stillFails(family, candidate, kind, message))) { best = candidate; shrunk = true; at -= chunk; }
    }
    if (!shrunk) chunk = Math.floor(chunk / 2);
  }
  return best;
}

export async function fuzzFamily(family: Family, options: { count: number; seed: number; seconds: number; out?: string; minimise?: boolean }): Promise<FamilyReport> {
  const start = Date.now();
  const deadline = start + options.seconds * 1000;
  const failures: Failure[] = [];
  let next = 0;
  let ran = 0;
  const seedList = seeds(ROOT, family);
  while (next < options.count && Date.now() < deadline) {
    const o = await runBatch({ family, seed: options.seed, from: next, to: options.count, root: ROOT }, deadline);
    ran += o.ran;
    for (const f of o.failures) {
      const input = inputAt(family, seedList, options.seed, f.index);
      const small = options.minimise === false ? input : await minimise(family, input, f.kind, f.message);
      const failure: Failure = { family, kind: f.kind, index: f.index, message: f.message };
      if (options.out) {
        fs.mkdirSync(options.out, { recursive: true });
        const [first] = Object.keys(layout(family, small));
        failure.reproducer = path.join(options.out, `${family}-${f.kind}-${f.index}${path.extname(first)}`);
        fs.writeFileSync(failure.reproducer, small);
      }
      failures.push(failure);
    }
    if (o.stoppedAt === undefined) break;
    next = o.stoppedAt;
  }
  return { family, ran, ms: Date.now() - start, failures };
}

async function main(argv: string[]): Promise<number> {
  const arg = (name: string, d: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 && argv[i + 1] ? argv[i + 1] : d; };
  const which = arg('family', 'all');
  const families = which === 'all' ? FAMILIES : FAMILIES.filter((f) => f === which);
  if (families.length === 0) { console.error(`unknown family ${which}`); return 2; }
  const count = Number(arg('count', '100000'));
  const seed = Number(arg('seed', '1'));
  const seconds = Number(arg('seconds', '3600'));
  const out = path.resolve(arg('out', path.join(ROOT, 'fuzz-out')));
  let bad = 0;
  for (const family of families) {
    const r = await fuzzFamily(family, { count, seed, seconds, out });
    bad += r.failures.length;
    console.log(`${family}: ${r.ran} inputs in ${(r.ms / 1000).toFixed(1)} s (${Math.round(r.ran / (r.ms / 1000))}/s), ${r.failures.length} failure(s)`);
    for (const f of r.failures) console.log(`  ${f.kind} at input ${f.index}: ${f.message}${f.reproducer ? ` → ${path.relative(process.cwd(), f.reproducer)}` : ''}`);
  }
  return bad > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { console.error(e); process.exitCode = 2; });
}
