/**
 * helm's answers, kept by what decides them: the helm, its arguments, the values it reads and the
 * chart's files (their paths, sizes and modification times, as build tools compare them). A save
 * of an unrelated file renders nothing again; a change to the chart or the values does.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReleasePlan } from './plan';
import type { HelmRun } from './helm';

/** The most files of a chart looked at (a larger chart is never cached: it renders each time). */
const MAX_CHART_FILES = 5000;
const MAX_ENTRIES = 64;

/** The chart's files as a fingerprint (undefined: too many, or unreadable). */
function chartFingerprint(dir: string): string | undefined {
  const hash = createHash('sha256');
  let count = 0;
  const walk = (d: string): boolean => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)); } catch { return false; }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (++count > MAX_CHART_FILES) return false;
      if (e.isDirectory()) { if (!walk(p)) return false; continue; }
      let st: fs.Stats;
      try { st = fs.statSync(p); } catch { return false; }
      hash.update(`${path.relative(dir, p)}\0${st.size}\0${st.mtimeMs}\n`);
    }
    return true;
  };
  return walk(dir) ? hash.digest('hex') : undefined;
}

export class RenderCache {
  private readonly entries = new Map<string, HelmRun>();

  /** The key of a run: undefined when the chart cannot be fingerprinted (then it is not cached). */
  key(helm: string, plan: ReleasePlan): string | undefined {
    const chart = chartFingerprint(plan.chartDir);
    if (!chart) return undefined;
    const h = createHash('sha256');
    h.update(JSON.stringify([helm, plan.release, plan.namespace, plan.chartDir, plan.set.map((s) => [s.key, s.value, s.string ?? false]), chart]));
    for (const v of plan.values) h.update(`\0${v.text.length}\0${v.text}`);
    return h.digest('hex');
  }

  get(key: string | undefined): HelmRun | undefined {
    return key ? this.entries.get(key) : undefined;
  }

  /** Keeps a run that says something about its inputs (not a timeout or a missing helm). */
  set(key: string | undefined, run: HelmRun): void {
    if (!key || run.timedOut || run.notFound) return;
    this.entries.delete(key);
    this.entries.set(key, run);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
