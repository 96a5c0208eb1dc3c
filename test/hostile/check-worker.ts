/**
 * Checks one hostile workspace in a worker thread, so that the test can stop it (a hang) and
 * measure it: every file of the folder is in the workspace, the first one is reported on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine';
import { NodeHost } from '../../server/src/host';
import { collectFiles, languageFor } from '../../server/src/workspace/files';
import { FIXTURE_NOW } from '../helpers/clock';

const { dir, first, maxFileSizeKB } = workerData as { dir: string; first: string; maxFileSizeKB?: number };
const settings = { ...DEFAULT_SETTINGS, maxFileSizeKB: maxFileSizeKB ?? DEFAULT_SETTINGS.maxFileSizeKB };
const start = performance.now();
const host = new NodeHost({ roots: [dir] });
const engine = new Engine({ host, settings, clock: () => FIXTURE_NOW, workspace: true });
engine.workspace!.complete = true;
const files = [path.join(dir, first), ...collectFiles([dir], settings.maxFileSizeKB).files.filter((f) => f !== path.join(dir, first))];
const docs = files.flatMap((f) => {
  const text = host.readFile(f, { purpose: 'workspace' });
  return text === undefined ? [] : [{ uri: f, languageId: languageFor(f, text) ?? 'plaintext', text }];
});
const [checked] = engine.check(docs);
const ms = performance.now() - start;
parentPort!.postMessage({ ms, findings: checked.findings.map((f) => ({ ruleId: f.ruleId, message: f.message, related: (f.related ?? []).map((r) => r.message) })), polluted: ({} as Record<string, unknown>).polluted !== undefined, bytes: fs.statSync(files[0]).size });
