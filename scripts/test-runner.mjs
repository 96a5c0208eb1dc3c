// The tier runner behind npm test (scripts/test.mjs holds the tiers): prerequisites once each, every
// tier run whatever the others did, one summary, and whether all passed. Kept apart from the tier
// table so that a test can run it on tiers of its own (test/unit/test-runner.test.ts).
import { spawn } from 'node:child_process';

/** Runs one command with its output passed through `out`; resolves with its exit code and what it printed last. */
function run(cmd, cwd, out) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let tail = '';
    const keep = (d) => { tail = (tail + d).slice(-400_000); };
    child.stdout.on('data', (d) => { out.stdout(d); keep(d); });
    child.stderr.on('data', (d) => { out.stderr(d); keep(d); });
    child.on('error', (e) => { keep(`\n${e.message}\n`); resolve({ code: 127, tail }); });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), tail }));
  });
}

/** What a tier's output says it did: node's test runner ("ℹ pass 12"), the e2e scripts ("N passed, M failed"), or a skip. */
export function counts(text) {
  const grab = (name) => { const m = [...text.matchAll(new RegExp(`^(?:ℹ|#) ${name} (\\d+)$`, 'gm'))]; return m.length ? Number(m[m.length - 1][1]) : undefined; };
  const pass = grab('pass');
  if (pass !== undefined) { const skipped = grab('skipped'); return `${pass} passed, ${grab('fail') ?? 0} failed${skipped ? `, ${skipped} skipped` : ''}`; }
  const e = [...text.matchAll(/^(\d+) passed, (\d+) failed$/gm)];
  if (e.length) return e.map((m) => `${m[1]} passed, ${m[2]} failed`).join(' + ');
  const skip = /^(.*): skipped: (.*)$/m.exec(text);
  return skip ? `${skip[1]} skipped (${skip[2].split(/[(.]/)[0].trim()})` : '';
}

/**
 * Which tests failed, by name, with the first line of each one's error: from node's test runner
 * (its "✖ failing tests:" section) and from mocha (the e2e suite's "N failing" section). The
 * summary prints them, so a log cut to its last lines still says what failed.
 */
export function failures(text) {
  const found = [];
  const lines = (s) => s.split('\n').map((l) => l.replace(/\r$/, ''));
  const nodeAt = text.lastIndexOf('✖ failing tests:');
  if (nodeAt >= 0) {
    const ls = lines(text.slice(nodeAt));
    for (let i = 1; i < ls.length; i++) {
      const m = /^✖ (.+?) \([\d.]+m?s\)$/.exec(ls[i]);
      if (m) found.push(`${m[1]}: ${(ls[i + 1] ?? '').trim()}`);
    }
  }
  const mochaAt = text.search(/^ +\d+ failing$/m);
  if (mochaAt >= 0) {
    for (const block of text.slice(mochaAt).split(/^ +\d+\) /m).slice(1)) {
      const ls = lines(block).map((l) => l.trim());
      const end = ls.findIndex((l) => l.endsWith(':'));
      if (end < 0) continue;
      found.push(`${ls.slice(0, end + 1).join(' › ').replace(/:$/, '')}: ${ls[end + 1] ?? ''}`);
    }
  }
  return found;
}

/**
 * Runs `tiers` ({ name, what, needs, runs() -> commands }) in order after their `steps` ({ title,
 * cmd }), each step once. A failed step marks the tiers that need it as not run; nothing else stops.
 * Returns the report rows and whether every row passed.
 */
export async function runTiers({ tiers, steps, cwd, out = { stdout: (d) => process.stdout.write(d), stderr: (d) => process.stderr.write(d) } }) {
  const seconds = (t0) => `${((performance.now() - t0) / 1000).toFixed(0)} s`;
  const banner = (s) => out.stdout(`\n=== ${s} ${'='.repeat(Math.max(3, 90 - s.length))}\n`);
  const done = new Map();
  const report = [];
  const t0 = performance.now();
  for (const tier of tiers) {
    for (const need of tier.needs) {
      if (done.has(need)) continue;
      const step = steps[need];
      banner(`prepare: ${step.title}`);
      const ts = performance.now();
      const { code } = await run(step.cmd, cwd, out);
      done.set(need, code === 0);
      report.push({ name: `(${need})`, ok: code === 0, detail: code === 0 ? step.title : `${step.title}: failed (exit ${code})`, time: seconds(ts) });
    }
    const missing = tier.needs.filter((n) => !done.get(n));
    if (missing.length) {
      report.push({ name: tier.name, ok: false, detail: `not run: ${missing.join(', ')} failed`, time: '' });
      continue;
    }
    banner(`tier ${tier.name}: ${tier.what}`);
    const ts = performance.now();
    let ok = true;
    const found = [];
    const failed = [];
    let cmds = [];
    try {
      cmds = tier.runs();
    } catch (e) {
      ok = false;
      found.push(e.message);
    }
    for (const cmd of cmds) {
      const { code, tail } = await run(cmd, cwd, out);
      if (code !== 0) ok = false;
      if (code !== 0) failed.push(...failures(tail));
      const c = counts(tail);
      found.push(c ? (code !== 0 && !/[1-9]\d* failed/.test(c) ? `${c}, exit ${code}` : c) : `exit ${code}`);
    }
    report.push({ name: tier.name, ok, detail: found.join(' + '), time: seconds(ts), failures: failed });
  }
  banner('summary');
  const w = Math.max(...report.map((r) => r.name.length));
  const MAX = 10;
  for (const r of report) {
    out.stdout(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(w)}  ${r.detail}${r.time ? `  (${r.time})` : ''}\n`);
    for (const f of (r.failures ?? []).slice(0, MAX)) out.stdout(`      ✖ ${f.length > 300 ? `${f.slice(0, 300)}…` : f}\n`);
    if ((r.failures ?? []).length > MAX) out.stdout(`      … and ${r.failures.length - MAX} more\n`);
  }
  const failed = report.filter((r) => !r.ok);
  out.stdout(failed.length ? `\nnpm test: ${failed.length} failed (${failed.map((r) => r.name).join(', ')}) in ${seconds(t0)}\n` : `\nnpm test: every tier passed in ${seconds(t0)}\n`);
  return { report, ok: failed.length === 0 };
}
