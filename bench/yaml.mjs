// YAML part of npm run bench: TLS Lens against yaml-language-server (npm, over stdio) on the same
// file with the same JSON Schema, in one run.
//
// - First findings: each sample spawns a fresh server, and the clock runs from the spawn to the
//   first publishDiagnostics for the file that holds the planted schema fault (an enum violation
//   at a product key both servers report, checked by code, message and range). The two servers'
//   samples alternate (ABBA); medians with min and max.
// - The inputs: real chart values files from ../shared/corpus (the OpenChoreo control plane's as
//   headline, certctl's beside it), grown to 7-8k lines by repeating their top-level sections
//   under renamed keys (bench/corpus.mjs); and the generated plain block YAML of valuesText(),
//   which takes TLS Lens's block-YAML fast path (the real files do not).
// - Re-diagnosis: a one-line edit (the fault fixed, then planted again, alternately) over LSP,
//   from didChange to the publish of that version that shows the edit, against a bare
//   YAML.parseDocument of the same text in the bench process.
// - The count of corpus YAML files the fast path takes.
// Without ../shared/corpus (or TLS_LENS_BENCH_CORPUS) the real-file rows say so and the rest runs.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpusDir, dropModeline, fastPathCount, findCorpusFile, lineCount, position, scalarAt, scaleValues, setScalar } from './corpus.mjs';
import { initialize, spawnServer, stopServer, ylsSettings } from './lsp.mjs';

const require = createRequire(import.meta.url);
const YAML = require('yaml');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (x) => Math.round(x).toLocaleString('en-US');
const spread = (xs) => `${fmt(median(xs))} ms (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;

/** Generated plain block YAML (OpenChoreo keys and many services): the block-YAML fast path takes it. */
export function valuesText(lines = 7000) {
  const out = ['# A large OpenChoreo data-plane values file (generated for the benchmark)', 'clusterAgent:', '  planeType: controlplane', '  planeID: default', '  tls:', '    enabled: true', '    secretName: cluster-agent-tls', '    clientSecretName: cluster-agent-tls', '    serverCAConfigMap: cluster-gateway-ca', '    caSecretName: cluster-gateway-ca', '    duration: 2160h', '    renewBefore: 15 days', 'clusterGateway:', '  tls:', '    enabled: true', '    secretName: cluster-gateway-tls'];
  for (let i = 0; out.length < lines; i++) {
    out.push(`service${i}:`, '  enabled: true', `  replicas: ${i % 5 + 1}`, '  image:', `    repository: registry.example.com/team/service-${i}`, `    tag: "1.${i}.0"`, '  resources:', '    requests:', '      cpu: 100m', '      memory: 128Mi', '  env:', `    - name: SERVICE_ID`, `      value: "${i}"`, '  annotations:', `    example.com/owner: team-${i % 17}`);
  }
  return out.slice(0, lines).join('\n') + '\n';
}

/**
 * The files measured. A fault is an enum violation at `keyPath`: `bad` is planted, `good` is the
 * valid value the re-diagnosis edit puts back; `expect` is what both servers' messages name.
 */
function inputs(root, corpus) {
  const list = [];
  const real = [
    { id: 'openchoreo', product: 'openchoreo', contains: 'openchoreo-control-plane', schema: 'openchoreo-values.schema.json', keyPath: ['clusterGateway', 'tls', 'issuerRef', 'kind'], good: 'Issuer', bad: 'Issuerr', expect: /Issuer.*ClusterIssuer/, samples: 7, rediagnosis: true },
    { id: 'certctl', product: 'certctl', contains: 'certctl-io+certctl', schema: 'certctl-values.schema.json', keyPath: ['server', 'auth', 'type'], good: 'api-key', bad: 'api-keys', expect: /api-key.*none/, samples: 5, rediagnosis: false },
  ];
  for (const r of real) {
    const file = corpus && findCorpusFile(corpus, r.product, r.contains);
    if (!file) { list.push({ ...r, missing: corpus ? `no ${r.contains} values.yaml under ${r.product}/` : '../shared/corpus absent' }); continue; }
    const original = fs.readFileSync(file, 'utf8');
    const scaled = dropModeline(scaleValues(original, 7000, 8000));
    const was = scalarAt(scaled, r.keyPath).value;
    if (was !== r.good) throw new Error(`${file}: ${r.keyPath.join('.')} is '${was}', expected '${r.good}'`);
    const source = path.relative(corpus, file);
    list.push({ ...r, text: setScalar(scaled, r.keyPath, r.bad), on: `${source} (${fmt(lineCount(original))} lines, scaled to ${fmt(lineCount(scaled))})`, short: `real ${r.product} values.yaml` });
  }
  const generated = valuesText(7000);
  list.push({
    id: 'generated', text: generated, schema: 'openchoreo-values.schema.json', keyPath: ['clusterAgent', 'planeType'], good: 'dataplane', bad: 'controlplane', expect: /dataplane/, samples: 5, rediagnosis: true,
    on: `bench valuesText(): generated plain block YAML, takes the fast path (${fmt(lineCount(generated))} lines)`, short: 'generated block YAML (fast path)',
  });
  return list;
}

/** Where the planted fault is (its value's first line and character, 0-based). */
function locate(input) {
  const at = scalarAt(input.text, input.keyPath);
  if (at.value !== input.bad) throw new Error(`${input.id}: the fault is not planted (${at.value})`);
  return { ...at, endCharacter: at.character + input.bad.length };
}
/** The error diagnostics on the fault's line; whether one of them names the allowed values. */
const onFaultLine = (p, f) => p.diagnostics.filter((d) => d.range.start.line === f.line && d.severity === 1);
const hasFault = (p, input) => onFaultLine(p, input.fault).some((d) => input.expect.test(d.message));

/** The fault's diagnostic in a publish, checked by code (or source), message and range; throws otherwise. */
function faultDiagnostic(kind, p, input) {
  const f = input.fault;
  const d = onFaultLine(p, f).find((x) => input.expect.test(x.message));
  const where = `${input.id}: ${kind}'s diagnostic for ${input.keyPath.join('.')}: ${input.bad}`;
  if (!d) throw new Error(`${where} missing`);
  const range = d.range;
  if (range.start.character !== f.character || range.end.line !== f.line || range.end.character !== f.endCharacter) throw new Error(`${where} has range ${JSON.stringify(range)}`);
  if (kind === 'tls-lens' ? d.code !== 'schema/invalid-value' : d.source !== `yaml-schema: ${input.schemaTitle}`) throw new Error(`${where} has code ${d.code}, source ${d.source}`);
  return d;
}

/** One first-findings sample: a fresh server, spawn → initialize → didOpen → the publish with the fault. */
async function firstFindings(root, kind, input, verify) {
  const yls = ylsSettings(input.schemaFile, input.uri);
  const s = spawnServer(root, kind, yls);
  try {
    const init = await initialize(s, input.dir, yls);
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: input.uri, languageId: 'yaml', version: 1, text: input.text } });
    const hit = await s.waitFor((p) => p.uri === input.uri && hasFault(p, input), 60000, 0);
    const d = faultDiagnostic(kind, hit, input);
    if (kind === 'tls-lens') {
      // The publish with the fault is the full one: every schema finding of the file is in it.
      const missing = input.schemaFindings.filter((k) => !hit.diagnostics.some((x) => `${x.code}@${x.range.start.line}:${x.range.start.character}` === k));
      if (missing.length) throw new Error(`${input.id}: TLS Lens's publish with the fault lacks schema findings ${missing.join(', ')}`);
    }
    const mine = s.publishes.filter((p) => p.uri === input.uri);
    const result = { init, first: hit.at, count: hit.diagnostics.length, before: mine.slice(0, mine.indexOf(hit)).map((p) => p.diagnostics.length) };
    if (verify) {
      // Outside the timing: which schema TLS Lens chose (its hover on line 1 names it), and what
      // each server publishes until it is quiet.
      const v = { code: kind === 'tls-lens' ? d.code : d.source, message: d.message };
      if (kind === 'tls-lens') {
        const h = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: input.uri }, position: { line: 0, character: 0 } });
        const shown = String(h?.contents?.value ?? '');
        if (!shown.includes(`schemas/${input.schema}`)) throw new Error(`${input.id}: TLS Lens chose another schema: ${shown}`);
        v.schema = `schemas/${input.schema}`;
        v.schemaFindings = input.schemaFindings.length;
      }
      await s.settle(600);
      v.publishes = s.publishes.filter((p) => p.uri === input.uri).map((p) => p.diagnostics.length);
      result.verify = v;
    }
    return result;
  } finally {
    await stopServer(s);
  }
}

/** The schema findings TLS Lens's engine makes for the file (in process), as code@line:character. */
function schemaFindings(root, input) {
  const { Engine } = require(path.join(root, 'out/server/src/engine.js'));
  const [a] = new Engine().check([{ uri: input.uri, languageId: 'yaml', text: input.text }]);
  return a.findings.filter((f) => f.ruleId.startsWith('schema/')).map((f) => { const p = position(input.text, f.span.start); return `${f.ruleId}@${p.line}:${p.character}`; });
}

/**
 * Re-diagnosis over LSP: after the open has settled (the workspace scan included), `edits`
 * one-line edits that fix the fault and plant it again in turn; each timed from didChange to the
 * first publish of that version whose content shows the edit. TLS Lens debounces typing (120 ms)
 * before it hands a version to its engine: that is inside the figure. After each edit, with the
 * server quiet, the bench process times a bare YAML.parseDocument of the same text, and TLS
 * Lens's engine alone (its check of the one document, in process): interleaved, so that the machine's load is the same.
 */
async function rediagnosis(root, input, edits) {
  const { Engine } = require(path.join(root, 'out/server/src/engine.js'));
  const lens = new Engine();
  const f = input.fault;
  const textWith = (v) => input.text.slice(0, f.start) + v + input.text.slice(f.start + input.bad.length);
  const parse = (t) => YAML.parseDocument(t);
  const engine = (t) => lens.check([{ uri: input.uri, languageId: 'yaml', text: t }]);
  for (let i = 0; i < 5; i++) { const t = textWith(i % 2 ? input.good : input.bad); parse(t); engine(t); } // JIT warm-up
  const s = spawnServer(root, 'tls-lens', {});
  try {
    await initialize(s, input.dir, {});
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: input.uri, languageId: 'yaml', version: 1, text: input.text } });
    await s.waitFor((p) => p.uri === input.uri && hasFault(p, input), 60000, 0);
    await s.settle(600);
    const out = { lsp: [], parse: [], engine: [] };
    let value = input.bad;
    for (let version = 2; version < edits + 2; version++) {
      const next = value === input.bad ? input.good : input.bad;
      const from = s.publishes.length;
      const t0 = performance.now();
      await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: input.uri, version }, contentChanges: [{ range: { start: { line: f.line, character: f.character }, end: { line: f.line, character: f.character + value.length } }, text: next }] });
      const hit = await s.waitFor((p) => p.uri === input.uri && (p.version === undefined || p.version === version) && hasFault(p, input) === (next === input.bad), 30000, from);
      if (hit.version !== version) throw new Error(`${input.id}: TLS Lens published without a version`);
      out.lsp.push(hit.at + s.t0 - t0);
      value = next;
      await s.settle(300);
      const text = textWith(next);
      let t = performance.now(); parse(text); out.parse.push(performance.now() - t);
      t = performance.now(); engine(text); out.engine.push(performance.now() - t);
    }
    return out;
  } finally {
    await stopServer(s);
  }
}

export async function yamlBench(root, rows, notes = []) {
  const corpus = corpusDir(root);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-bench-'));
  try {
    const all = inputs(root, corpus);
    const ready = all.filter((i) => !i.missing);
    for (const input of ready) {
      input.dir = path.join(dir, input.id);
      fs.mkdirSync(input.dir);
      const file = path.join(input.dir, 'values.yaml');
      fs.writeFileSync(file, input.text);
      input.uri = pathToFileURL(file).href;
      input.schemaFile = path.join(root, 'schemas', input.schema);
      input.schemaTitle = JSON.parse(fs.readFileSync(input.schemaFile, 'utf8')).title;
      input.fault = locate(input);
      input.schemaFindings = schemaFindings(root, input);
    }

    notes.push('YAML rows: "first findings" is the time from spawning a fresh server to its first publishDiagnostics that holds the planted schema fault;',
      '  TLS Lens (dist/server.js) and yaml-language-server alternate (ABBA), medians (min–max); both get the same schema (yaml-language-server',
      '  through yaml.schemas) and run without NODE_EXTRA_CA_CERTS. "re-diagnosis": from didChange to the publish of that version showing the edit',
      '  (fault fixed, then planted again), vs YAML.parseDocument of the same text in the bench process, timed after each edit.');
    // First findings, both servers, alternating; one untimed pair first (disk cache, code cache).
    const inits = { 'tls-lens': [], 'yaml-language-server': [] };
    if (ready.length) for (const kind of Object.keys(inits)) await firstFindings(root, kind, ready[0], false);
    for (const input of all) {
      if (input.missing) {
        rows.push([`first findings: ${input.id} values.yaml`, 'skipped', input.missing, '', '', '']);
        continue;
      }
      const runs = { 'tls-lens': [], 'yaml-language-server': [] };
      for (let i = 0; i < input.samples; i++) {
        const order = i % 4 === 0 || i % 4 === 3 ? ['tls-lens', 'yaml-language-server'] : ['yaml-language-server', 'tls-lens'];
        for (const kind of order) runs[kind].push(await firstFindings(root, kind, input, i === 0));
      }
      const o = runs['tls-lens'], t = runs['yaml-language-server'];
      for (const k of Object.keys(inits)) inits[k].push(...runs[k].map((r) => r.init));
      const om = median(o.map((r) => r.first)), tm = median(t.map((r) => r.first));
      rows.push([`first findings, ${input.short}`, spread(o.map((r) => r.first)), `yaml-language-server ${spread(t.map((r) => r.first))}`, `${(om / tm).toFixed(2)}x`, 'goal <= 0.4x', input.on]);
      const ov = o[0].verify, tv = t[0].verify;
      const earlier = (rs) => { const b = rs.flatMap((r) => r.before); return b.length ? `${b.length} earlier publishes (${b.join(', ')} diagnostics)` : 'no earlier publish'; };
      notes.push(`${input.id}: fault ${input.keyPath.join('.')}: ${input.bad} at line ${input.fault.line + 1}, characters ${input.fault.character + 1}–${input.fault.endCharacter}, reported by both in every sample, in the first publish that has it:`);
      notes.push(`  tls-lens: ${ov.code} "${ov.message}"; schema ${ov.schema} (its hover); in every sample that publish holds all ${ov.schemaFindings} schema findings of its engine (in process); ${o[0].count} diagnostics; ${earlier(o)}; publishes until quiet: ${ov.publishes.join(', ')} diagnostics`);
      notes.push(`  yaml-language-server: [${tv.code}] "${tv.message}"; ${t[0].count} diagnostics; ${earlier(t)}; publishes until quiet: ${tv.publishes.join(', ')} diagnostics`);
    }
    if (inits['tls-lens'].length) {
      const a = median(inits['tls-lens']), b = median(inits['yaml-language-server']);
      rows.push(['server start → initialize result, vs yaml-language-server', spread(inits['tls-lens']), `yaml-language-server ${spread(inits['yaml-language-server'])}`, `${(a / b).toFixed(2)}x`, 'goal <= 0.4x', `all first-findings samples (${inits['tls-lens'].length} per server)`]);
    }

    // Re-diagnosis after a one-line edit.
    for (const input of all.filter((i) => i.rediagnosis)) {
      if (input.missing) {
        rows.push([`re-diagnosis after a one-line edit: ${input.id} values.yaml`, 'skipped', input.missing, '', '', '']);
        continue;
      }
      const { lsp, parse, engine } = await rediagnosis(root, input, 12);
      const p = median(parse);
      rows.push([`re-diagnosis over LSP (120 ms debounce in it), ${input.short}`, spread(lsp), `bare YAML.parseDocument ${spread(parse)}`, `${(median(lsp) / p).toFixed(2)}x`, 'goal <= 0.5x', `${input.on}; ${input.keyPath.join('.')} ${input.bad} ↔ ${input.good}`]);
      rows.push([`  the same edits, the engine alone (in process)`, spread(engine), `bare YAML.parseDocument ${spread(parse)}`, `${(median(engine) / p).toFixed(2)}x`, '', '']);
    }

    // How many corpus YAML files the fast path takes.
    if (corpus) {
      const c = fastPathCount(root, corpus, 500);
      rows.push(['block-YAML fast path over ../shared/corpus', `${c.fastFiles} of ${c.files} YAML files (${fmt(c.fastLines)} of ${fmt(c.lines)} lines)`, `charts' values.yaml: ${c.valuesFast} of ${c.values}; of ≥ ${c.bigLines} lines: ${c.bigValuesFast} of ${c.bigValues}`, '', '', c.largestFast ? `largest file it takes: ${c.largestFast.file} (${c.largestFast.lines} lines)` : '']);
    } else {
      rows.push(['block-YAML fast path over ../shared/corpus', 'skipped', '../shared/corpus absent', '', '', '']);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
