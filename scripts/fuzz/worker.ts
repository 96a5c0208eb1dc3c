/**
 * Runs fuzz inputs through the engine in a worker thread (the parent stops it on a hang): each
 * input becomes a small in-memory workspace, checked with every rule. It says which input it
 * starts, so the parent knows the one that hangs or exhausts memory; a core/internal-error finding
 * (a parser or rule that threw) is a crash.
 */
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from '../../server/src/engine';
import type { EngineHost, ReadRequest } from '../../server/src/core/host';
import { languageFor } from '../../server/src/workspace/files';
import { Family, inputAt, layout, seeds } from './families';

export interface Job { family: Family; seed: number; from: number; to: number; root: string; only?: number[]; input?: string }
export type Message = { type: 'start'; i: number } | { type: 'crash'; i: number; message: string } | { type: 'done'; ran: number };

/** An in-memory file system for one input. */
function memoryHost(files: Record<string, Buffer | string>): EngineHost {
  const get = (p: string) => files[path.resolve(p)];
  return {
    roots: ['/fuzz'],
    pathMappings: {},
    trusted: true,
    readFile: (p: string, _r?: ReadRequest) => { const f = get(p); return f === undefined ? undefined : Buffer.from(f).toString('utf8'); },
    readBytes: (p: string) => { const f = get(p); return f === undefined ? undefined : new Uint8Array(Buffer.from(f)); },
    listDir: (d: string) => Object.keys(files).filter((f) => path.dirname(f) === path.resolve(d)).map((f) => path.basename(f)),
  };
}

/** Checks one input; the message of a core/internal-error finding, if any. */
export function runOne(family: Family, input: Buffer): string | undefined {
  const files = layout(family, input);
  const host = memoryHost(files);
  const engine = new Engine({ host, clock: () => new Date('2026-06-01T00:00:00Z'), workspace: true });
  engine.workspace!.complete = true;
  const docs = Object.entries(files).filter(([p]) => languageFor(p)).map(([p, c]) => ({ uri: p, languageId: languageFor(p, String(c)) ?? 'plaintext', text: Buffer.from(c).toString('utf8') }));
  const checked = engine.check(docs);
  for (const c of checked) {
    const crash = c.findings.find((f) => f.ruleId === 'core/internal-error');
    if (crash) return crash.message;
  }
  return undefined;
}

if (parentPort && workerData) {
  const job = workerData as Job;
  const port = parentPort;
  if (job.input !== undefined) {
    // One given input (minimisation): run it and report.
    port.postMessage({ type: 'start', i: -1 } satisfies Message);
    const m = runOne(job.family, Buffer.from(job.input, 'base64'));
    if (m) port.postMessage({ type: 'crash', i: -1, message: m } satisfies Message);
    port.postMessage({ type: 'done', ran: 1 } satisfies Message);
  } else {
    const list = seeds(job.root, job.family);
    let ran = 0;
    const indexes = job.only ?? Array.from({ length: job.to - job.from }, (_, k) => job.from + k);
    for (const i of indexes) {
      port.postMessage({ type: 'start', i } satisfies Message);
      const m = runOne(job.family, inputAt(job.family, list, job.seed, i));
      if (m) port.postMessage({ type: 'crash', i, message: m } satisfies Message);
      ran++;
    }
    port.postMessage({ type: 'done', ran } satisfies Message);
  }
}
